import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import SystemFiles
import Testing

/// The nightly backup is the library's committed file copied under SQLite's SHARED lock (store5): its bytes are
/// the library's, it opens as a library with the same cases and history, no other connection can commit while
/// the copy is made, and the copy itself never overwrites a file nor leaves a partial one.
@Suite struct LibraryBackupCopyTests {
    @Test func theBackupIsTheCommittedLibrary() throws {
        try TestSupport.withTemporaryFolder { work in
            let path = work.appendingPathComponent("library.sqlite").path
            let library = try CaseLibrary(path: path)
            let added = try StoredRecordsTests().storeMonth(library)
            try library.append([CaseEvent(caseId: added[0], date: "2026-10-21", runId: "t", from: .waiting(for: "初选"), to: .waiting(for: "复选"),
                                          decision: "通过", who: "基础处", why: "")])
            #expect(try library.db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
            let made = try LibraryBackup.make(library, into: work.appendingPathComponent("backup"), runId: "run-1", keep: 3).made
            #expect(try Data(contentsOf: made) == (try Data(contentsOf: URL(fileURLWithPath: path))))
            let copy = try CaseLibrary(path: made.path)
            #expect(try copy.allStates() == (try library.allStates()))
            #expect(try copy.db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
            // A second backup of the same run time goes beside it, never over it.
            let second = try LibraryBackup.make(library, into: work.appendingPathComponent("backup"), runId: "run-1", keep: 3).made
            #expect(second != made && FileManager.default.fileExists(atPath: made.path))
        }
    }

    @Test func noConnectionCommitsWhileTheReadHoldsItsLock() throws {
        try TestSupport.withTemporaryFolder { work in
            let path = work.appendingPathComponent("library.sqlite").path
            let library = try CaseLibrary(path: path)
            var config = Configuration()
            config.busyMode = .immediateError
            let other = try DatabaseQueue(path: path, configuration: config)
            try library.db.read { db in
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_schema")
                #expect(throws: DatabaseError.self) {
                    try other.write { try $0.execute(sql: "INSERT INTO file (sha256, name, size, firstSeen, outcome) VALUES ('x', 'x', 1, 'd', 'accepted')") }
                }
            }
            try other.write { try $0.execute(sql: "INSERT INTO file (sha256, name, size, firstSeen, outcome) VALUES ('x', 'x', 1, 'd', 'accepted')") }
            #expect(try library.knownFile(sha256: "x") == "accepted")
        }
    }

    @Test func copyContentsCopiesExactlyAndNeverOverwrites() throws {
        try TestSupport.withTemporaryFolder { work in
            let source = work.appendingPathComponent("source.bin")
            var bytes = [UInt8](repeating: 0, count: 3 * (1 << 20) + 12_345)
            for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
            try Data(bytes).write(to: source)
            let target = work.appendingPathComponent("copy.bin")
            try FileOps.copyContents(of: source, to: target, mode: 0o600)
            #expect(try Data(contentsOf: target) == Data(bytes))
            #expect((try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int) == 0o600)
            // An existing target is left as it is; a missing source leaves no file behind.
            try Data([1, 2, 3]).write(to: target)
            #expect(throws: CocoaError.self) { try FileOps.copyContents(of: source, to: target, mode: 0o600) }
            #expect(try Data(contentsOf: target) == Data([1, 2, 3]))
            let nowhere = work.appendingPathComponent("none.bin")
            #expect(throws: CocoaError.self) { try FileOps.copyContents(of: work.appendingPathComponent("missing"), to: nowhere, mode: 0o600) }
            #expect(!FileManager.default.fileExists(atPath: nowhere.path))
            let empty = work.appendingPathComponent("empty.bin")
            try Data().write(to: empty)
            try FileOps.copyContents(of: empty, to: work.appendingPathComponent("empty-copy.bin"), mode: 0o644)
            #expect(try Data(contentsOf: work.appendingPathComponent("empty-copy.bin")).isEmpty)
        }
    }
}
