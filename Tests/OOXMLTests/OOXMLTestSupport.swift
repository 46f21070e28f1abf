import Foundation
import OOXML

/// Writes zips with ZipWriter in a temporary folder and reads their bytes back.
enum OOXMLTestSupport {
    static func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ooxml-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.zip").path
        try ZipWriter.write(entries.map { ZipWriter.Entry(name: $0.0, bytes: $0.1) }, to: path, modified: Date(timeIntervalSince1970: 0))
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
