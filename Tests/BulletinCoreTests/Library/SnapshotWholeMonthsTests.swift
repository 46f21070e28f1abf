import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// The review sheets take a month's waiting cases from the snapshot when it read that month whole: for those
/// months (and only those) the snapshot's cases at a stage are the library's, in the library's order.
@Suite struct SnapshotWholeMonthsTests {
    @Test func aWholeMonthGivesTheCasesTheLibraryGivesAtEachStage() throws {
        try TestSupport.withTemporaryFolder { work in
            let library = try CaseLibrary(path: work.appendingPathComponent("library.sqlite").path)
            let processor = try SubmissionProcessor(config: try TestSupport.config())
            let (_, scored) = try processor.process(bytes: NightlyCostTests.csv(), fileName: "汇总.csv")
            var added: [String] = []
            for (month, sha) in [("2026-09", "a1"), ("2026-10", "b2"), ("2026-11", "c3")] {
                let period = try #require(BulletinPeriod(month))
                let arrivals = scored.filter(\.checked.isValid).map { s in
                    Arrival(record: CaseRecord(id: "", titleKey: s.titleKey + month, fields: s.checked.submission.fields, classified: s.checked.submission.isClassified,
                                               assessment: s.assessment, period: period, sourceFile: "汇总.csv", sourceIndex: s.checked.submission.index,
                                               sourceSHA256: sha, received: "2026-10-20"),
                            channel: .organised, classified: s.checked.submission.isClassified)
                }
                added += try library.store(fileSHA256: sha, fileName: "汇总.csv", size: 1, outcome: .accepted, received: "2026-10-20",
                                           runId: "t", firstStage: .waiting(for: "初选"), arrivals: arrivals).added
            }
            // Some cases move on: one to 复选, one out.
            let october = try library.states(periods: [BulletinPeriod("2026-10")]).map(\.id)
            try #require(october.count >= 3)
            try library.append([CaseEvent(caseId: october[0], date: "2026-10-28", runId: "t", step: "初选", from: .waiting(for: "初选"), to: .waiting(for: "复选"),
                                          decision: "通过", who: "审核人", why: ""),
                                CaseEvent(caseId: october[1], date: "2026-10-28", runId: "t", step: "初选", from: .waiting(for: "初选"), to: .notSelected,
                                          decision: "不通过", who: "审核人", why: "")])
            let snapshot = try library.snapshot(today: "2026-10-29", period: BulletinPeriod("2026-10"))
            #expect(snapshot.wholeMonths == [BulletinPeriod("2026-10"), BulletinPeriod("2026-09")])
            for month in snapshot.wholeMonths {
                for stage in [CaseStage.waiting(for: "初选"), .waiting(for: "复选"), .notSelected] {
                    let fromLibrary = try library.states(atStage: stage, period: month)
                    #expect(snapshot.cases(of: month).filter { $0.stage == stage } == fromLibrary, "\(month) \(stage)")
                }
            }
            #expect(try library.states(atStage: .waiting(for: "复选"), period: BulletinPeriod("2026-10")).map(\.id) == [october[0]])
            // November is not in play for an October run: its cases are not all held, and it is not a whole month.
            #expect(!snapshot.wholeMonths.contains(BulletinPeriod("2026-11")))
        }
    }
}
