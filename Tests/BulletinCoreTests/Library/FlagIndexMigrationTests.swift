import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// Migration v11 (store6) drops `duplicateFlag_on_caseId`, an index the primary key (caseId, otherId) already
/// serves: a library made by the migrations up to v10, with open and resolved 疑似重复 flags, opens with every
/// flag's row kept, the index gone, and the flags found, read and resolved through the primary key's index.
@Suite struct FlagIndexMigrationTests {
    static let flagsQuery = "SELECT caseId, otherId FROM duplicateFlag WHERE resolvedBy IS NULL AND caseId IN (?, ?) ORDER BY score DESC, otherId"

    func indexes(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'duplicateFlag' ORDER BY name")
    }

    func plan(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: "; ")
    }

    @Test func aV10LibraryKeepsItsFlagsAndLosesTheIndex() throws {
        try TestSupport.withTemporaryFolder { work in
            let path = work.appendingPathComponent("library.sqlite").path
            // The library as the migrations up to v10 left it, with cases and flags.
            let migrations = LibraryMigrations.migrator.migrations
            let v10 = try #require(migrations.firstIndex { $0.hasPrefix("v10:") })
            #expect(migrations.last?.hasPrefix("v11:") == true && migrations.count == v10 + 2)
            do {
                let old = try DatabaseQueue(path: path)
                try LibraryMigrations.migrator.migrate(old, upTo: migrations[v10])
                try old.write { db in
                    #expect(try indexes(db).contains(LibraryMigrations.redundantFlagIndex))
                    for i in 1...6 {
                        try db.execute(sql: "INSERT INTO caseRecord (id, period, seq, titleKey, title, classified, score, received, json) VALUES (?, '2026-10', ?, ?, ?, 0, ?, '2026-10-20', '{}')",
                                       arguments: ["2026-10-000\(i)", i, "k\(i)", "题\(i)", Double(i) / 10])
                    }
                    let flags: [(String, String, Double, Int?)] = [("2026-10-0002", "2026-10-0001", 0.81, nil), ("2026-10-0002", "2026-10-0003", 0.9, nil),
                                                                   ("2026-10-0004", "2026-10-0001", 0.7, 12), ("2026-10-0005", "2026-10-0002", 0.66, nil),
                                                                   ("2026-10-0006", "2026-10-0005", 0.75, nil)]
                    for (a, b, score, resolved) in flags {
                        try db.execute(sql: "INSERT INTO duplicateFlag (caseId, otherId, score, date, verdict, resolvedBy) VALUES (?, ?, ?, '2026-10-20', ?, ?)",
                                       arguments: [a, b, score, "{\"otherID\":\"\(b)\",\"备注\":\"疑似重复\"}", resolved])
                    }
                }
            }
            let rowsBefore = try DatabaseQueue(path: path).read { try Row.fetchAll($0, sql: "SELECT * FROM duplicateFlag ORDER BY caseId, otherId") }

            let library = try CaseLibrary(path: path)
            try library.db.read { db in
                #expect(try indexes(db) == ["sqlite_autoindex_duplicateFlag_1"])
                #expect(try Row.fetchAll(db, sql: "SELECT * FROM duplicateFlag ORDER BY caseId, otherId") == rowsBefore)
                #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
                // Every read and update of the flags finds them by the primary key's index, not by a scan.
                let reads = [(Self.flagsQuery, StatementArguments(["2026-10-0002", "2026-10-0004"])),
                             ("SELECT verdict FROM duplicateFlag WHERE caseId = ? AND resolvedBy IS NULL ORDER BY score DESC, otherId", StatementArguments(["2026-10-0002"])),
                             ("UPDATE duplicateFlag SET resolvedBy = 1 WHERE resolvedBy IS NULL AND caseId = ?", StatementArguments(["2026-10-0002"])),
                             ("UPDATE duplicateFlag SET resolvedBy = 1 WHERE resolvedBy IS NULL AND ((caseId = ? AND otherId = ?) OR (caseId = ? AND otherId = ?))",
                              StatementArguments(["2026-10-0002", "2026-10-0001", "2026-10-0001", "2026-10-0002"]))]
                for (sql, arguments) in reads {
                    let p = try plan(db, sql, arguments)
                    #expect(p.contains("sqlite_autoindex_duplicateFlag_1"), "\(sql): \(p)")
                    #expect(!p.contains("SCAN duplicateFlag"), "\(sql): \(p)")
                }
                #expect(try library.openFlags(["2026-10-0002", "2026-10-0004", "2026-10-0006"], db)
                        == ["2026-10-0002": ["2026-10-0003", "2026-10-0001"], "2026-10-0006": ["2026-10-0005"]])
            }
            // Resolving goes on as before: 不是重复 closes the case's open flags, and only those.
            try library.applyDuplicateAnswers([CaseEvent(caseId: "2026-10-0002", date: "2026-10-21", runId: "t", from: nil, to: .waiting(for: "初选"),
                                                         decision: "不是重复", who: "基础处", why: "")])
            let open = try library.db.read { try String.fetchAll($0, sql: "SELECT caseId || '>' || otherId FROM duplicateFlag WHERE resolvedBy IS NULL ORDER BY 1") }
            #expect(open == ["2026-10-0005>2026-10-0002", "2026-10-0006>2026-10-0005"])
            // Opening again changes nothing more.
            let again = try CaseLibrary(path: path)
            #expect(try again.db.read { try indexes($0) } == ["sqlite_autoindex_duplicateFlag_1"])
        }
    }

    @Test func theOldestFixtureMigratesWithoutTheIndex() throws {
        try TestSupport.withTemporaryFolder { work in
            let copy = work.appendingPathComponent("library.sqlite")
            try FileManager.default.copyItem(at: LibraryMigrationTests.fixture, to: copy)
            let library = try CaseLibrary(path: copy.path)
            #expect(try library.db.read { try indexes($0) } == ["sqlite_autoindex_duplicateFlag_1"])
            #expect(try library.caseCount() == 19)
        }
    }
}
