import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// `bulletin verify` reads the library as it is: an auditor's check never migrates or otherwise changes it. The one
/// change it makes is SQLite's own rollback of a transaction a stopped run left unfinished (a hot journal), which
/// no reader can skip; the report then says so.
@Suite struct VerifyReadOnlyTests {
    /// A copy of the bench's outbox as a run stopped inside a transaction leaves it: its changes partly written to the
    /// library file (the cache spills with one page), the journal of the pages as they were beside it; what a machine
    /// that lost power leaves. The bench's own library is left as it was (the transaction is rolled back).
    static func stoppedCopy(_ bench: AuditBench) async throws -> URL {
        let library = bench.outbox.appendingPathComponent("library.sqlite")
        let stopped = bench.work.appendingPathComponent("stopped")
        let writer = try DatabaseQueue(path: library.path)
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = 1")
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "UPDATE auditRun SET head = '0000000000000000000000000000000000000000000000000000000000000000'")
            try db.execute(sql: "UPDATE caseText SET title = title || '（未提交的改动）'")
            try db.execute(sql: "INSERT INTO file (sha256, name, size, firstSeen, outcome) SELECT sha256 || '-x', name, size, firstSeen, outcome FROM file")
            #expect(FileManager.default.fileExists(atPath: library.path + "-journal"))
            try FileManager.default.copyItem(at: bench.outbox, to: stopped)
            try db.execute(sql: "ROLLBACK")
        }
        try writer.close()
        #expect(FileManager.default.fileExists(atPath: stopped.appendingPathComponent("library.sqlite-journal").path))
        // Changes of the unfinished transaction are in the copy's file, not only in the journal's absence of them.
        #expect(try Data(contentsOf: stopped.appendingPathComponent("library.sqlite")) != (try Data(contentsOf: library)))
        return stopped
    }

    @Test func verifyingAnOlderLibraryLeavesItAsItIs() async throws {
        let bench = try await VerifyTests.twoRuns()
        defer { bench.remove() }
        let library = bench.outbox.appendingPathComponent("library.sqlite")
        // The library as schema v10 left it: the v11 migration not recorded, its index still there.
        let older = try DatabaseQueue(path: library.path)
        try await older.write { db in
            try db.execute(sql: "CREATE INDEX \(LibraryMigrations.redundantFlagIndex) ON duplicateFlag(caseId)")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v11:%'")
        }
        try older.close()
        let before = try Data(contentsOf: library)

        let report = try AuditVerification.run(outbox: bench.outbox, config: bench.config, head: nil)
        #expect(report.ok, "\(report.problems)")
        #expect(report.records > 0)
        #expect(report.notes.isEmpty, "\(report.notes)")
        #expect(try Data(contentsOf: library) == before)
        #expect(!FileManager.default.fileExists(atPath: library.path + "-journal"))

        // What verify did before: opening the library as a run does migrates it.
        _ = try CaseLibrary(path: library.path)
        #expect(try Data(contentsOf: library) != before)
    }

    @Test func aStoppedRunsTransactionIsRolledBackAndSaid() async throws {
        let bench = try await VerifyTests.twoRuns()
        defer { bench.remove() }
        let library = bench.outbox.appendingPathComponent("library.sqlite")
        let heads = try CaseLibrary(path: library.path).auditRuns()
        #expect(heads.count == 2)
        let stopped = try await Self.stoppedCopy(bench)
        let copied = stopped.appendingPathComponent("library.sqlite")

        let report = try AuditVerification.run(outbox: stopped, config: bench.config, head: heads[1].head)
        #expect(report.ok, "\(report.problems)")
        #expect(report.notes.first?.contains("rolled it back") == true, "\(report.notes)")
        #expect(report.head == heads[1].head)
        // The library is as the last run committed it: the heads it kept, none of the unfinished changes.
        #expect(!FileManager.default.fileExists(atPath: copied.path + "-journal"))
        let reopened = try CaseLibrary.forVerifying(path: copied.path)
        #expect(reopened.note == nil)
        #expect(try reopened.library.auditRuns() == heads)
        let unfinished = try await reopened.library.db.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM caseText WHERE title LIKE '%（未提交的改动）'")
        }
        #expect(unfinished == 0)
        // And the migrations the library had are the ones it has: nothing but the rollback was done.
        let migrations = try await reopened.library.db.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == LibraryMigrations.migrator.migrations)
    }

    @Test func readOnlyCommandsReadALibraryAStoppedRunLeft() async throws {
        let bench = try await VerifyTests.twoRuns()
        defer { bench.remove() }
        let cases = try CaseLibrary(path: bench.outbox.appendingPathComponent("library.sqlite").path).allStates()
        #expect(!cases.isEmpty)
        let copied = try await Self.stoppedCopy(bench).appendingPathComponent("library.sqlite")
        // What `status`, `explain` and `inspect` open: the transaction rolled back, the cases as committed.
        #expect(try CaseLibrary(readOnlyPath: copied.path).allStates() == cases)
        #expect(!FileManager.default.fileExists(atPath: copied.path + "-journal"))
    }
}
