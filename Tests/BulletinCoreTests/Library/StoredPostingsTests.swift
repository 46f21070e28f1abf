import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// Each case's match postings are kept beside it when it is created (table `matchPostings`), and they are those of
/// its text. A library an older binary made (no table, or cases without a row), or rows made under other settings,
/// give the same verdicts: the postings are made from the text and kept then. A store that fails leaves no row.
@Suite struct StoredPostingsTests {
    static let resend = NightlyCostTests.header + "国网四川省电力公司,成都市科技局,何军,13488887777,国内首台300MW级变速抽水蓄能机组研制成功,重大处,"
        + "国内首台（套）300MW级变速抽水蓄能机组在四川研制成功并投入运行，打破国外垄断。\r\n"

    func october(_ work: URL) async throws {
        _ = try await NightlyCostTests().run(["十月汇总.csv": NightlyCostTests.csv()], today: "2026-10-20", work)
    }

    func november(_ work: URL) async throws {
        _ = try await NightlyCostTests().run(["十一月汇总.csv": NightlyCostTests.csv(second: true), "十一月补报.csv": Array(Self.resend.utf8)],
                                             today: "2026-11-20", work)
    }

    func library(_ work: URL) throws -> CaseLibrary {
        try CaseLibrary(path: work.appendingPathComponent("outbox/library.sqlite").path)
    }

    static func settings() throws -> MatchSettings { try TestSupport.config().match ?? MatchSettings() }

    /// Every case has a row of the current key, equal to the postings of its text.
    func expectRowsOfTheText(_ library: CaseLibrary) throws {
        let settings = try Self.settings()
        let ids = try library.allStates().map(\.id).sorted()
        let stored = try library.matchPostings(ids: ids, key: settings.postingsKey)
        #expect(stored.count == ids.count)
        for subject in try library.matchSubjects(ids: ids) {
            #expect(stored[subject.id] == MatchPostings(MatchProfile(subject, settings: settings)), "\(subject.id)")
        }
    }

    /// What the match step concluded, as the library keeps it: the 疑似重复 flags and where each sighting went.
    func verdicts(_ library: CaseLibrary) throws -> [String] {
        try library.db.read { db in
            try String.fetchAll(db, sql: "SELECT caseId || ' ' || otherId || ' ' || score FROM duplicateFlag ORDER BY caseId, otherId")
                + String.fetchAll(db, sql: "SELECT caseId || ' ' || fileName || ' ' || idx || ' ' || COALESCE(matchVerdict, '') FROM sighting ORDER BY fileName, idx")
        }
    }

    @Test func rowsWrittenWhenCasesAreCreatedAreThePostingsOfTheirText() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try await october(work)
        let library = try library(work)
        let count = try await library.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM matchPostings") }
        #expect(count == 5)
        try expectRowsOfTheText(library)
        try await november(work)
        try expectRowsOfTheText(library)
        // The resend found its case through the index: there is a verdict to keep.
        #expect(try await library.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM duplicateFlag") ?? 0 } > 0)
    }

    @Test func aLibraryWithoutRowsGivesTheSameVerdictsAndGetsItsRows() async throws {
        let fresh = try TestSupport.temporaryFolder(), old = try TestSupport.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: fresh)
            try? FileManager.default.removeItem(at: old)
        }
        try await october(fresh)
        try await november(fresh)
        try await october(old)
        // As a binary before the table left the library: no table, the v9 migration not recorded.
        let before = try library(old)
        try await before.db.write { db in
            try db.execute(sql: "DROP TABLE matchPostings")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v9%'")
        }
        let migrated = try library(old)
        #expect(try await migrated.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM matchPostings") } == 0)
        try await november(old)
        let a = try library(fresh), b = try library(old)
        #expect(try verdicts(b) == verdicts(a))
        #expect(!(try verdicts(a)).isEmpty)
        // October's cases were in the window: their postings were made from their text and kept.
        try expectRowsOfTheText(b)
    }

    @Test func rowsOfOtherSettingsOrUnreadableOnesAreMadeAgain() async throws {
        let fresh = try TestSupport.temporaryFolder(), odd = try TestSupport.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: fresh)
            try? FileManager.default.removeItem(at: odd)
        }
        try await october(fresh)
        try await november(fresh)
        try await october(odd)
        let library = try library(odd)
        let ids = try library.allStates().map(\.id).sorted()
        try await library.db.write { db in
            // One row made under other settings, whose grams would find nothing; one whose bytes are damaged.
            try db.execute(sql: "UPDATE matchPostings SET settingsKey = 'v0:other', summaryGrams = x'', titleGrams = x'' WHERE caseId = ?", arguments: [ids[3]])
            try db.execute(sql: "UPDATE matchPostings SET summaryGrams = x'010203' WHERE caseId = ?", arguments: [ids[0]])
        }
        #expect(try library.matchPostings(ids: ids, key: Self.settings().postingsKey).count == ids.count - 2)
        try await november(odd)
        #expect(try verdicts(library) == verdicts(try self.library(fresh)))
        try expectRowsOfTheText(library)
    }

    @Test func aStoreThatFailsLeavesNoRow() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try await october(work)
        let library = try library(work)
        let settings = try Self.settings()
        let first = try #require(try library.allStates().min { $0.id < $1.id })
        var record = first.record
        record.fields[.title] = "一项全新的成果名称用于测试存储失败"
        record.titleKey = "一项全新的成果名称用于测试存储失败"
        let subject = MatchSubject(id: "x", title: record[.title], summary: record[.summary], year: 2026, month: 11)
        let postings = MatchPostings(MatchProfile(subject, settings: settings))
        let rows = { try await library.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM matchPostings") ?? 0 } }
        let cases = { try await library.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM caseRecord") ?? 0 } }
        let (rowsBefore, casesBefore) = (try await rows(), try await cases())
        // The transaction fails after the case and its row were written in it (its sighting is refused, as a full
        // disk or a killed process would stop it there).
        try await library.db.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse AFTER INSERT ON sighting WHEN NEW.fileName = '失败.csv' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        #expect(throws: (any Error).self) {
            _ = try library.store(fileSHA256: "ef", fileName: "失败.csv", size: 1, outcome: .accepted, received: "2026-11-20", runId: "t",
                                  firstStage: .waiting(for: "初选"),
                                  arrivals: [Arrival(record: record, channel: .organised, classified: false, postings: (settings.postingsKey, postings))])
        }
        #expect(try await rows() == rowsBefore)
        #expect(try await cases() == casesBefore)
        // The same arrival alone is stored with its row.
        let result = try library.store(fileSHA256: "ef", fileName: "成功.csv", size: 1, outcome: .accepted, received: "2026-11-20", runId: "t",
                                       firstStage: .waiting(for: "初选"),
                                       arrivals: [Arrival(record: record, channel: .organised, classified: false, postings: (settings.postingsKey, postings))])
        let id = try #require(result.added.first)
        #expect(try library.matchPostings(ids: [id], key: settings.postingsKey)[id] == postings)
    }
}
