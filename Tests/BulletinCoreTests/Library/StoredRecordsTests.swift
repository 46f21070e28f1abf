import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// The cases a library value stored are read back from what it remembered, and what it remembered is exactly
/// what decoding the stored JSON gives (same records, same states), for real scored submissions; a rolled-back
/// store remembers nothing; a row whose JSON is not what was written is decoded.
@Suite struct StoredRecordsTests {
    /// Scored submissions of a month's CSV, stored through `store` into a fresh library at `work`.
    func storeMonth(_ library: CaseLibrary) throws -> [String] {
        let processor = try SubmissionProcessor(config: try TestSupport.config())
        let (_, scored) = try processor.process(bytes: NightlyCostTests.csv(), fileName: "十月汇总.csv")
        let period = BulletinPeriod("2026-10")
        let arrivals = scored.filter(\.checked.isValid).map { s in
            Arrival(record: CaseRecord(id: "", titleKey: s.titleKey, fields: s.checked.submission.fields, classified: s.checked.submission.isClassified,
                                       assessment: s.assessment, period: period, sourceFile: "十月汇总.csv", sourceIndex: s.checked.submission.index,
                                       sourceSHA256: "aa", received: "2026-10-20"),
                    channel: .activeCollection, classified: s.checked.submission.isClassified)
        }
        #expect(arrivals.count >= 5)
        #expect(arrivals.contains { !$0.record.assessment.reasons.isEmpty })
        let result = try library.store(fileSHA256: "aa", fileName: "十月汇总.csv", size: 1, outcome: .accepted, received: "2026-10-20",
                                       runId: "t", firstStage: .waiting(for: "初选"), arrivals: arrivals)
        return result.added
    }

    @Test func rememberedRecordsAreTheDecodedOnes() throws {
        try TestSupport.withTemporaryFolder { work in
            let path = work.appendingPathComponent("library.sqlite").path
            let library = try CaseLibrary(path: path)
            let added = try storeMonth(library)
            #expect(library.storedRecords.count == added.count)
            let remembered = try library.states(ids: added)
            let decoded = try CaseLibrary(path: path).states(ids: added)
            #expect(remembered.count == added.count)
            #expect(remembered == decoded)
            // Record by record, and each one's JSON decodes to it.
            let rows = try library.db.read { try Row.fetchAll($0, sql: "SELECT id, json FROM caseRecord ORDER BY id") }
            for row in rows {
                let record = try JSONDecoder().decode(CaseRecord.self, from: Data((row["json"] as String).utf8))
                #expect(library.storedRecords.record(id: row["id"], jsonBytes: (row["json"] as String).utf8.count) == record)
            }
            // Each case's first history record likewise (store9), by its sequence number.
            #expect(library.storedRecords.eventCount == added.count)
            let events = try library.db.read { try Row.fetchAll($0, sql: "SELECT seq, json FROM caseEvent ORDER BY seq") }
            #expect(events.count == added.count)
            for row in events {
                var event = try JSONDecoder().decode(CaseEvent.self, from: Data((row["json"] as String).utf8))
                event.sequence = row["seq"]
                #expect(library.storedRecords.event(seq: row["seq"], jsonBytes: (row["json"] as String).utf8.count) == event)
                #expect(library.storedRecords.event(seq: row["seq"], jsonBytes: (row["json"] as String).utf8.count + 1) == nil)
            }
        }
    }

    @Test func aRowNotAsWrittenIsDecoded() throws {
        try TestSupport.withTemporaryFolder { work in
            let library = try CaseLibrary(path: work.appendingPathComponent("library.sqlite").path)
            let id = try #require(try storeMonth(library).first)
            // Another writer changing the JSON (no code of ours does): the read must show the stored row.
            try library.db.write { db in
                try db.execute(sql: "UPDATE caseRecord SET json = json_set(json, '$.fields.title', '改写后的成果名称') WHERE id = ?", arguments: [id])
            }
            #expect(try library.state(id: id)?.record[.title] == "改写后的成果名称")
        }
    }

    @Test func aRolledBackStoreRemembersNothing() throws {
        try TestSupport.withTemporaryFolder { work in
            let library = try CaseLibrary(path: work.appendingPathComponent("library.sqlite").path)
            // The sighting insert fails (no such table), after the case row was written: the transaction rolls back.
            try library.db.write { try $0.execute(sql: "DROP TABLE sighting") }
            #expect(throws: (any Error).self) { _ = try storeMonth(library) }
            #expect(library.storedRecords.count == 0)
            #expect(library.storedRecords.eventCount == 0)
            #expect(try library.caseCount() == 0)
        }
    }
}
