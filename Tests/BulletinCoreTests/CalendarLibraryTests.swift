import BulletinCore
import Foundation
import Testing

@Suite struct CalendarLibraryTests {
    @Test(arguments: [("2026-11-25", "2026-11"), ("2026-11-26", "2026-12"), ("2026-12-31", "2027-01"), ("2026-01-01", "2026-01")])
    func periodFollowsTheCutoff(date: String, period: String) {
        #expect(BulletinCalendar(cutoffDay: 25).period(receivedOn: date) == period)
    }

    @Test func rejectsImpossibleDates() {
        #expect(BulletinCalendar.parse("2026-02-30") == nil)
        #expect(BulletinCalendar.parse("26-11-01") == nil)
        #expect(BulletinCalendar.parse("2026-11-22")?.day == 22)
    }

    func record(_ id: String, score: Double, classified: Bool = false) -> CaseRecord {
        CaseRecord(id: id, fields: [.title: "成果\(id)"], classified: classified,
                   assessment: Assessment(category: "应用研究成果", score: score), period: "2026-11",
                   sourceFile: "f.docx", sourceIndex: 1, sourceSHA256: "abc", received: "2026-11-20")
    }

    @Test func storesOnceAndKeepsIssueNumbers() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try CaseLibrary(path: folder.appendingPathComponent("lib.sqlite").path)
        let first = try library.store(fileSHA256: "s1", fileName: "a.docx", size: 10, outcome: "accepted", received: "2026-11-20",
                                      cases: [record("C1", score: 10), record("C2", score: 30)])
        #expect(first.added == ["C1", "C2"])
        let again = try library.store(fileSHA256: "s2", fileName: "b.csv", size: 10, outcome: "accepted", received: "2026-11-21",
                                      cases: [record("C1", score: 99)])
        #expect(again.alreadyKnown == ["C1"])
        #expect(try library.caseCount() == 2)
        #expect(try library.knownFile(sha256: "s1") == "accepted")
        #expect(try library.cases(period: "2026-11").map(\.id) == ["C2", "C1"])

        let nov = try library.recordIssue(period: "2026-11", date: "2026-11-22", caseIds: ["C2"], firstTotal: 35)
        #expect((nov.number, nov.totalNumber) == (11, 35))
        let novAgain = try library.recordIssue(period: "2026-11", date: "2026-11-23", caseIds: ["C2", "C1"], firstTotal: 35)
        #expect(novAgain.totalNumber == 35)
        let dec = try library.recordIssue(period: "2026-12", date: "2026-12-22", caseIds: [], firstTotal: 35)
        #expect((dec.number, dec.totalNumber) == (12, 36))
        let jan = try library.recordIssue(period: "2027-01", date: "2027-01-22", caseIds: [], firstTotal: 35)
        #expect((jan.number, jan.totalNumber) == (1, 37))
        #expect(try library.issues(year: 2026).map(\.caseIds) == [["C2", "C1"], []])
    }

    @Test func selectionLeavesClassifiedCasesOut() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TestSupport.config()
        let library = try CaseLibrary(path: folder.appendingPathComponent("lib.sqlite").path)
        _ = try library.store(fileSHA256: "s", fileName: "a", size: 1, outcome: "accepted", received: "2026-11-20",
                              cases: (1...12).map { record("C\($0)", score: Double($0)) } + [record("SECRET", score: 1000, classified: true)])
        let selection = try Selector(config: config, library: library, calendar: BulletinCalendar(cutoffDay: 25)).select(today: "2026-11-22")
        let ids = selection.issues.flatMap { $0.entries.map(\.id) }
        #expect(ids.count == config.quotas.bulletinMax)
        #expect(ids.first == "C12")
        #expect(!ids.contains("SECRET"))
        #expect(!selection.annual.entries.contains { $0.record.id == "SECRET" })
        #expect(selection.annual.entries.first?.firstBulletined == "2026-11")
    }
}
