import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
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
        // Lists of every length, padded to a power of two by repeating their last id for a statement prepared once:
        // each case comes back once, as the whole window's read gives it, whatever the padding.
        for n in 1...ids.count {
            for start in 0...(ids.count - n) {
                let wanted = Array(ids[start..<(start + n)])
                #expect(try library.matchSubjects(ids: wanted) == Array(whole[start..<(start + n)]), "ids \(start)..<\(start + n)")
                #expect(try Set(library.briefs(ids: wanted).map(\.id)) == Set(wanted))
                #expect(try library.briefs(ids: wanted).count == n)
            }
        }
    }

    /// `readPrepared` reads without GRDB's `query_only` pragma (which expires every prepared statement), and keeps
    /// its guard: a closure that changes the library is rolled back and refused.
    @Test func aPreparedReadReadsAndRefusesAWrite() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try await NightlyCostTests().run(["十月汇总.csv": NightlyCostTests.csv()], today: "2026-10-20", work)
        let library = try CaseLibrary(path: work.appendingPathComponent("outbox/library.sqlite").path)
        let count = try library.readPrepared { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM caseRecord") }
        #expect(count == 5)
        #expect(throws: DatabaseError.self) {
            try library.readPrepared { db in try db.execute(sql: "DELETE FROM caseText") }
        }
        #expect(try library.readPrepared { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM caseText") } == 5)
        // The same statement read twice, its list padded alike: the same answer.
        let ids = try library.matchSubjectIDs(periods: ["2026-10"])
        #expect(try library.briefs(ids: Array(ids.prefix(3))).map(\.id).sorted() == Array(ids.prefix(3)).sorted())
        #expect(try library.briefs(ids: Array(ids.suffix(3))).map(\.id).sorted() == Array(ids.suffix(3)).sorted())
    }

    @Test func anInListIsPaddedToAPowerOfTwoWithItsLastId() {
        #expect(CaseLibrary.inList([String]()).values.isEmpty)
        for (n, size) in [(1, 1), (2, 2), (3, 4), (5, 8), (17, 32), (300, 500), (500, 500)] {
            let ids = (0..<n).map { String(format: "2026-11-%04d", $0 + 1) }
            let list = CaseLibrary.inList(ids)
            #expect(list.values.count == size, "\(n) ids")
            #expect(list.marks.filter { $0 == "?" }.count == size)
            #expect(Array(list.values.prefix(n)) == ids)
            #expect(list.values.dropFirst(n).allSatisfy { $0 == ids[n - 1] })
        }
        // A list longer than a query holds (no caller makes one) goes unpadded.
        let long = (0..<501).map { "2026-11-\($0)" }
        #expect(CaseLibrary.inList(long).values == long)
    }
}
