import Foundation
import SystemFiles

/// A file's bytes as `[UInt8]`.
enum FileBytes {
    /// The bytes of the file at `url`, with `Data(contentsOf:)`'s errors. `[UInt8](Data(contentsOf:))` copied the
    /// bytes twice, the second time through the generic collection path at about one instruction a byte (14 M of the
    /// 400 bench forms' `inspect --json`); a regular file is read straight into the array, anything else (or a file
    /// that cannot be opened) as before. Something that is not a regular file (a folder, a named pipe, a device) is
    /// refused with what it is, never opened for reading: reading a named pipe waits for a writer that may never come.
    static func read(_ url: URL) throws -> [UInt8] {
        if url.isFileURL, let bytes = FileOps.readRegularFile(url.path) { return bytes }
        if url.isFileURL, let kind = FileOps.nonRegularKind(url.path) {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path,
                NSLocalizedDescriptionKey: "it is \(kind), not a regular file; only files are read (give the file itself)"])
        }
        return array(try Data(contentsOf: url))
    }

    /// `data`'s bytes, copied at once.
    static func array(_ data: Data) -> [UInt8] {
        data.withUnsafeBytes { raw in
            [UInt8](unsafeUninitializedCapacity: raw.count) { buffer, count in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                count = raw.count
            }
        }
    }
}
