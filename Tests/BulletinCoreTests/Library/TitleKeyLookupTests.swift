import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// The store finds each unattached arrival's case by title key from one query per 500 keys, kept up to date as it
/// adds cases (store9), instead of one query an arrival: a file stored at once links every arrival to the case
/// `SELECT id FROM caseRecord WHERE titleKey = ? ORDER BY period, seq LIMIT 1` names just before it, as the same
/// arrivals stored one at a time do: keys with cases in several months (the earliest month wins, not the lowest
/// number), keys repeated in the file, keys new to the library, and keys that are canonically equivalent but not
/// the same bytes (SQLite compares bytes).
@Suite struct TitleKeyLookupTests {
    static func record(_ key: String, _ period: BulletinPeriod) -> CaseRecord {
        CaseRecord(id: "", titleKey: key, fields: [.title: "成果\(key)", .submitter: "四川大学"], classified: false,
                   assessment: Assessment(category: "应用研究成果", score: 1), period: period,
                   sourceFile: "f.csv", sourceIndex: 1, sourceSHA256: "abc", received: "2026-11-20")
    }

    static func store(_ library: CaseLibrary, _ sha: String, _ records: [CaseRecord]) throws -> CaseLibrary.StoreResult {
        try CalendarLibraryTests.store(library, sha, records)
    }

    /// A library holding K1 in December only, K2 in December (number 2) and October (number 1).
    static func seeded(_ path: String) throws -> CaseLibrary {
        let library = try CaseLibrary(path: path)
        _ = try store(library, "seed-dec", [record("K1", "2026-12"), record("K2", "2026-12")])
        // Stored through a file K2 would join its December case; an older case of the key, as a merge or an older
        // binary can leave, is written as a row.
        try library.db.write { db in
            try db.execute(sql: """
                INSERT INTO caseRecord (id, period, seq, titleKey, title, classified, score, received, json)
                VALUES ('2026-10-0001', '2026-10', 1, 'K2', '成果K2', 0, 1, '2026-10-20', '{}')
                """)
        }
        return library
    }

    @Test func aFileAtOnceLinksAsArrivalsOneAtATime() throws {
        try TestSupport.withTemporaryFolder { work in
            let batch = try Self.seeded(work.appendingPathComponent("batch.sqlite").path)
            let single = try Self.seeded(work.appendingPathComponent("single.sqlite").path)
            let keys = ["K1", "K3", "K3", "K2", "\u{E9}", "e\u{301}", "K1", "K5", "K5", "K2", "\u{E9}", "K6"]
            let records = keys.map { Self.record($0, "2026-11") }
            let together = try Self.store(batch, "night", records)
            var alone: [(caseId: String, added: Bool)] = []
            for (i, r) in records.enumerated() {
                // What the query names before this arrival is stored.
                let named = try single.db.read {
                    try String.fetchOne($0, sql: "SELECT id FROM caseRecord WHERE titleKey = ? ORDER BY period, seq LIMIT 1", arguments: [r.titleKey])
                }
                var one = r
                one.sourceIndex = i + 1
                let link = try #require(try single.store(fileSHA256: "night-\(i)", fileName: "night.docx", size: 10, outcome: .accepted,
                                                         received: "2026-11-20", runId: "test", firstStage: .waiting(for: "初选"),
                                                         arrivals: [Arrival(record: one, channel: .organised, classified: false)]).links.first)
                #expect(link.caseId == (named ?? link.caseId))
                #expect(link.added == (named == nil))
                alone.append(link)
            }
            #expect(together.links.map(\.caseId) == alone.map(\.caseId))
            #expect(together.links.map(\.added) == alone.map(\.added))
            // The earliest month wins for K2; the two spellings of é are two cases; repeats join the case just made.
            #expect(together.links[3].caseId == "2026-10-0001")
            #expect(together.links[0].caseId == "2026-12-0001")
            #expect(together.added == ["2026-11-0001", "2026-11-0002", "2026-11-0003", "2026-11-0004", "2026-11-0005"])
            #expect(together.links[2].caseId == "2026-11-0001" && together.links[10].caseId == "2026-11-0002")
        }
    }
}
