import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

@Suite struct CalendarLibraryTests {
    @Test(arguments: [("2026-11-25", "2026-11"), ("2026-11-26", "2026-12"), ("2026-12-31", "2027-01"), ("2026-01-01", "2026-01")])
    func periodFollowsTheCutoff(date: String, period: String) throws {
        let day = try #require(CalendarDate(date))
        #expect(BulletinCalendar(cutoffDay: 25).period(receivedOn: day).description == period)
    }

    @Test func rejectsImpossibleDates() {
        #expect(CalendarDate("2026-02-30" as String) == nil)
        #expect(CalendarDate("2024-02-29" as String)?.day == 29)
        #expect(CalendarDate("2026-02-29" as String) == nil)
        #expect(CalendarDate("26-11-01" as String) == nil)
        #expect(CalendarDate("2026-11-22" as String)?.day == 22)
        for bad in ["2026-13", "2026-1", "2026-00"] { #expect(BulletinPeriod(bad) == nil) }
    }

    @Test func periodsKnowTheirQuarterAndNeighbours() throws {
        let dec: BulletinPeriod = "2026-12"
        #expect(dec.quarter == 4)
        #expect(dec.next.description == "2027-01")
        #expect(BulletinPeriod("2027-01" as String)?.previous == dec)
        #expect(dec.quarterMonths.map(\.description) == ["2026-10", "2026-11", "2026-12"])
        #expect(dec.chineseQuarter == "2026年第四季度")
        #expect(BulletinPeriod("2027-02" as String)?.lastDay.description == "2027-02-28")
        #expect(CalendarDate("2026-11-30" as String)?.days(until: "2026-12-05") == 5)
        #expect(Level.internationalLeading > .internationalAdvanced && Level.domesticLeading > .domesticAdvanced)
    }

    static func record(_ title: String, score: Double, period: BulletinPeriod = "2026-11", classified: Bool = false) -> CaseRecord {
        CaseRecord(id: "", titleKey: SubmissionProcessor.titleKey(title: title), fields: [.title: title, .submitter: "四川大学"],
                   classified: classified, assessment: Assessment(category: "应用研究成果", score: score), period: period,
                   sourceFile: "f.docx", sourceIndex: 1, sourceSHA256: "abc", received: "2026-11-20")
    }

    static func arrivals(_ records: [CaseRecord], classified: Bool = false) -> [Arrival] {
        records.enumerated().map { i, r in
            var r = r
            r.sourceIndex = i + 1
            return Arrival(record: r, channel: .organised, classified: classified || r.classified)
        }
    }

    static func store(_ library: CaseLibrary, _ sha: String, _ records: [CaseRecord], classified: Bool = false,
                      received: CalendarDate = "2026-11-20") throws -> CaseLibrary.StoreResult {
        try library.store(fileSHA256: sha, fileName: "\(sha).docx", size: 10, outcome: .accepted, received: received, runId: "test",
                          firstStage: .waiting(for: "初选"), arrivals: arrivals(records, classified: classified))
    }

    @Test func issuesIdsOnceAndKeepsSightings() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try CaseLibrary(path: folder.appendingPathComponent("lib.sqlite").path)
        let first = try Self.store(library, "s1", [Self.record("高原苦荞栽培技术", score: 10), Self.record("钒氮合金制备技术", score: 30)])
        #expect(first.added == ["2026-11-0001", "2026-11-0002"])
        // The same title written with other spaces and widths joins its case as a second sighting.
        let again = try Self.store(library, "s2", [Self.record("高原 苦荞栽培技术", score: 99)], received: "2026-11-21")
        #expect(again.alreadyKnown == ["2026-11-0001"])
        let december = try Self.store(library, "s3", [Self.record("页岩气导向钻井", score: 5, period: "2026-12")], received: "2026-11-27")
        #expect(december.added == ["2026-12-0001"])
        #expect(try library.caseCount() == 3)
        #expect(try library.knownFile(sha256: "s1") == "accepted")
        let state = try #require(try library.state(id: "2026-11-0001"))
        #expect(state.sightings.map(\.fileName) == ["s1.docx", "s2.docx"])
        #expect(state.stage.rawValue == "待初选")
        #expect(state.record.assessment.score == 10)  // the first record is kept; later sightings add no new record
        #expect(try library.states(periods: ["2026-11"]).map(\.id) == ["2026-11-0002", "2026-11-0001"])
        #expect(try library.states(atStages: [.waiting(for: "初选")]).count == 3)
    }

    @Test func aClassifiedSightingMakesThePublicCaseClassified() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try CaseLibrary(path: folder.appendingPathComponent("lib.sqlite").path)
        _ = try Self.store(library, "public", [Self.record("××型光纤惯性测量单元研制", score: 90)])
        let result = try Self.store(library, "secret", [Self.record("××型光纤惯性测量单元研制", score: 90)], classified: true)
        let state = try #require(try library.state(id: result.links[0].caseId))
        #expect(state.classified)
        #expect(state.stage == .classified)
        #expect(state.history.map(\.to) == [.waiting(for: "初选"), .classified])
        #expect(state.history.last?.source?.file == "secret.docx")
        let snapshot = try library.snapshot(today: "2026-11-22", period: "2026-11")
        let selection = Selector(settings: try SelectionSettings(TestSupport.config())).select(snapshot)
        #expect(selection.issues.allSatisfy { $0.entries.isEmpty })
    }

    @Test func historyIsAppendedAndAdjustedLabelsWin() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try CaseLibrary(path: folder.appendingPathComponent("lib.sqlite").path)
        let id = try Self.store(library, "s1", [Self.record("柔性显示用透明聚酰亚胺薄膜", score: 40)]).added[0]
        let source = EventSource(file: "2026-11-初选-高新处.xlsx", sha256: "x", location: "sheet 初选 row 3", sheetId: "S1")
        try library.append([CaseEvent(caseId: id, date: "2026-11-29", runId: "r", step: "初选", from: .waiting(for: "初选"),
                                      to: .waiting(for: "复选"), decision: "通过", labels: AdjustedLabels(category: .transfer, level: .domesticLeading),
                                      who: "王芳", why: "已实现量产", source: source)])
        let state = try #require(try library.state(id: id))
        #expect(state.stage.rawValue == "待复选")
        #expect(state.record.assessment.category == "应用研究成果")  // the machine's label is kept
        #expect(state.effectiveCategory == "成果转移转化案例")  // and the reviewer's wins in outputs
        #expect(state.effectiveRecord.assessment.level == "国内领先")
        #expect(state.history.count == 2 && state.history[1].who == "王芳" && state.history[1].source == source)
        #expect(state.history[0].sequence < state.history[1].sequence)
    }

    @Test func selectionIsPureAndRecordingKeepsIssueNumbers() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try TestSupport.config()
        let library = try CaseLibrary(path: folder.appendingPathComponent("lib.sqlite").path)
        let stored = try Self.store(library, "s", (1...12).map { Self.record("成果第\($0)项关键技术", score: Double($0)) }
                           + [Self.record("××型保密装备", score: 1000, classified: true)])
        let selector = Selector(settings: SelectionSettings(config))
        // Before 复选 nothing is in the draft.
        #expect(selector.select(try library.snapshot(today: "2026-11-22", period: "2026-11")).issues.flatMap(\.entries).isEmpty)
        // Every case passes 初选 and 复选 (the classified one cannot: it is 涉密, on no sheet).
        for id in stored.added {
            let stage = try #require(try library.state(id: id)).stage
            guard stage == .waiting(for: "初选") else { continue }
            try library.append([CaseEvent(caseId: id, date: "2026-11-30", runId: "t", step: "复选", from: stage, to: .waiting(for: "审定"),
                                          decision: "通过", who: "李", why: "")])
        }
        let snapshot = try library.snapshot(today: "2026-11-22", period: "2026-11")
        let selection = selector.select(snapshot)
        #expect(try library.issues(year: 2026).isEmpty)  // selecting wrote nothing
        let entries = selection.issues.flatMap(\.entries)
        #expect(entries.count == config.quotas.bulletinMax)
        #expect(entries.first?[.title] == "成果第12项关键技术")
        #expect(!entries.contains { $0[.title].contains("保密") })
        #expect(!selection.annual.entries.contains { $0.record[.title].contains("保密") })
        #expect(selection.annual.entries.isEmpty, "the annual list draws on approved bulletins only")
        #expect(selection.issues.map(\.totalNumber) == [config.outputs.firstTotalIssue])
        #expect(selection.issues.allSatisfy { $0.draft })
        try library.record(selection)
        #expect(try library.issues(year: 2026).map(\.totalNumber) == [config.outputs.firstTotalIssue])
        // A later draft of the same month keeps its numbers; the next month takes the next running number.
        let again = selector.select(try library.snapshot(today: "2026-11-23", period: "2026-11"))
        #expect(again.issues.map(\.totalNumber) == [config.outputs.firstTotalIssue])
        let december = selector.select(try library.snapshot(today: "2026-12-03", period: "2026-12"))
        #expect(december.issues.map(\.period.description) == ["2026-11", "2026-12"])
        #expect(december.issues.map(\.totalNumber) == [config.outputs.firstTotalIssue, config.outputs.firstTotalIssue + 1])
        // Once approved, the issue holds what was approved, in that order, and the annual list draws on it.
        let approved = Array(entries.map(\.id).prefix(3).reversed())
        try library.apply(events: [], approval: Approval(kind: .bulletin, key: "2026-11", revision: 0, date: "2026-12-08", caseIds: approved, sheetId: "S"))
        let final = selector.select(try library.snapshot(today: "2026-12-09", period: "2026-12"))
        let november = try #require(final.issues.first { $0.period == "2026-11" })
        #expect(!november.draft && november.entries.map(\.id) == approved && november.date == "2026-12-08")
        #expect(Set(final.annual.entries.map(\.record.id)) == Set(approved))
        #expect(final.annual.entries.first?.firstBulletined == "2026-11")
    }

    @Test func statisticsCountPassRatesPerStepAndAdoptionFromApprovedBulletinsOnly() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try CaseLibrary(path: folder.appendingPathComponent("lib.sqlite").path)
        let ids = try Self.store(library, "s", (1...4).map { Self.record("四川大学第\($0)项成果关键技术", score: Double($0)) }).added
        func decide(_ id: String, _ step: String, _ from: CaseStage, _ to: CaseStage, _ word: String) throws {
            try library.append([CaseEvent(caseId: id, date: "2026-11-29", runId: "t", step: step, from: from, to: to, decision: word, who: "审核人",
                                          why: "", source: EventSource(file: "sheet.xlsx", sha256: "x", location: "row 3", sheetId: "S-\(step)"))])
        }
        // 初选: three pass, one fails; 复选: of the three, two pass; 审定 approves one.
        for id in ids.prefix(3) { try decide(id, "初选", .waiting(for: "初选"), .waiting(for: "复选"), "通过") }
        try decide(ids[3], "初选", .waiting(for: "初选"), .notSelected, "不通过")
        for id in ids.prefix(2) { try decide(id, "复选", .waiting(for: "复选"), .waiting(for: "审定"), "通过") }
        try decide(ids[2], "复选", .waiting(for: "复选"), .returned, "退回修改")
        try decide(ids[0], "审定", .waiting(for: "审定"), .bulletined, "通过")
        try library.apply(events: [], approval: Approval(kind: .bulletin, key: "2026-11", revision: 0, date: "2026-12-08", caseIds: [ids[0]], sheetId: "A"))
        let snapshot = try library.snapshot(today: "2026-12-09", period: "2026-11")
        let stats = SubmissionStatistics.compute(snapshot: snapshot, scope: .month("2026-11"), issuer: "四川省科学技术厅", date: "2026-12-09",
                                                 steps: ["初选", "复选"])
        #expect(stats.columns.suffix(2) == ["初选通过率", "复选通过率"])
        let unit = try #require(stats.byUnit.first { $0.name == "四川大学" })
        #expect(unit.submitted == 4 && unit.bulletined == 1, "采用 counts the approved bulletin only")
        #expect(stats.cells(unit).suffix(3) == ["25.0%", "75.0%", "66.7%"])
    }
}
