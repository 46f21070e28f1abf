import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import SystemFiles
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The backup's copy written past the page cache (store6): where the file system takes `O_DIRECT` the copy is
/// made that way, and every way gives the source's bytes exactly, at every size around the 4 KiB blocks and the
/// 4 MiB pieces it reads, with the mode asked for, never over an existing file.
@Suite struct DirectCopyTests {
    /// Whether a file in `folder` can be switched to `O_DIRECT` (what `copyContents` asks of its copy).
    static func takesDirect(_ folder: URL) -> Bool {
        let probe = folder.appendingPathComponent("probe.bin").path
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return false }
        defer {
            close(fd)
            unlink(probe)
        }
        let flags = fcntl(fd, F_GETFL)
        #if arch(x86_64)
        let direct: Int32 = 0o40000
        #else
        let direct: Int32 = 0o200000
        #endif
        return fcntl(fd, F_SETFL, flags | direct) == 0
    }

    @Test func everyWayCopiesEverySizeExactly() throws {
        try TestSupport.withTemporaryFolder { work in
            let direct = Self.takesDirect(work)
            var generator = SystemRandomNumberGenerator()
            let block = 4096, piece = 4 << 20
            for size in [0, 1, block - 1, block, block + 1, 3 * block + 17, piece - 1, piece, piece + 1, piece + block, 2 * piece + 12_345] {
                var bytes = [UInt8](repeating: 0, count: size)
                for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
                let source = work.appendingPathComponent("source-\(size).bin")
                try Data(bytes).write(to: source)
                for allowDirect in [true, false] {
                    let target = work.appendingPathComponent("copy-\(size)-\(allowDirect).bin")
                    let way = try FileOps.copyContents(of: source, to: target, mode: 0o640, allowDirect: allowDirect)
                    #expect(way == (allowDirect && direct ? .direct : .kernel), "size \(size)")
                    #expect(try Data(contentsOf: target) == Data(bytes), "size \(size), \(way)")
                    #expect((try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int) == 0o640)
                    // Never over an existing file: the copy fails and the file is left as it was.
                    #expect(throws: CocoaError.self) { try FileOps.copyContents(of: source, to: target, mode: 0o640, allowDirect: allowDirect) }
                    #expect(try Data(contentsOf: target) == Data(bytes))
                }
            }
        }
    }

    @Test func theBackupOfALibraryIsMadeDirectWhereItCanBe() throws {
        try TestSupport.withTemporaryFolder { work in
            let path = work.appendingPathComponent("library.sqlite").path
            let library = try CaseLibrary(path: path)
            _ = try StoredRecordsTests().storeMonth(library)
            let target = work.appendingPathComponent("copy.sqlite")
            // As `CaseLibrary.backup(to:)` copies, under the read's lock.
            let way = try library.db.read { db -> FileOps.CopyWay in
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_schema")
                return try FileOps.copyContents(of: URL(fileURLWithPath: path), to: target, mode: 0o600)
            }
            #expect(way == (Self.takesDirect(work) ? .direct : .kernel))
            #expect(try Data(contentsOf: target) == (try Data(contentsOf: URL(fileURLWithPath: path))))
            let copy = try CaseLibrary(path: target.path)
            #expect(try copy.allStates() == (try library.allStates()))
        }
    }
}
