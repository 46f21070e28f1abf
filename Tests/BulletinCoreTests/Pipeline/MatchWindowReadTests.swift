import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

/// The match step reads the window's cases by id, a chunk at a time, in the order of one query over the window:
/// the same subjects in the same order as `matchSubjects(periods:)`, so the index numbers them alike and the
/// verdicts (ties broken by that number) do not change.
@Suite struct MatchWindowReadTests {
    @Test func idsThenSubjectsGiveTheWindowInOneOrder() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let night = NightlyCostTests()
        _ = try await night.run(["十月汇总.csv": NightlyCostTests.csv()], today: "2026-10-20", work)
        _ = try await night.run(["十一月汇总.csv": NightlyCostTests.csv(second: true)], today: "2026-11-20", work)
        let library = try CaseLibrary(path: work.appendingPathComponent("outbox/library.sqlite").path)
        let months: [BulletinPeriod] = ["2026-11", "2026-10", "2026-09"]
        let whole = try library.matchSubjects(periods: months)
        #expect(whole.count == 10)
        #expect(Set(whole.map(\.month)) == [10, 11])
        let ids = try library.matchSubjectIDs(periods: months)
        #expect(ids == whole.map(\.id))
        // Read back in two uneven chunks, as the stage's sequence does with larger ones.
        let chunks = try library.matchSubjects(ids: Array(ids.prefix(3))) + library.matchSubjects(ids: Array(ids.dropFirst(3)))
        #expect(chunks == whole)
        #expect(try library.matchSubjects(ids: ["2099-01-0001", ids[4]]) == [whole[4]])
        #expect(try library.matchSubjectIDs(periods: ["2026-09"]).isEmpty)
    }
}
