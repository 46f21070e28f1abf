import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// A month's review sheets whose waiting cases, named cases, step and writer have not changed since the last run
/// are recorded from the memo the library keeps, not made again; anything that changes what a sheet shows
/// makes it again; and runs with the memo give the sheets and log records that runs without it give.
@Suite struct SheetMemoTests {
    let night = NightlyCostTests()

    /// The output records of review sheets in the outbox's logs, run by run.
    func sheetRecords(_ work: URL) throws -> [[AuditRecord.OutputRecord]] {
        let logs = try library(work).db.read { try String.fetchAll($0, sql: "SELECT log FROM auditRun ORDER BY seq") }
        return try logs.map { log in
            try AuditLog.read(work.appendingPathComponent("outbox").appendingPathComponent(log)).records.compactMap { r -> AuditRecord.OutputRecord? in
                if case .output(let o) = r, o.path.hasPrefix("review/") { return o }
                return nil
            }
        }
    }

    func library(_ work: URL) throws -> CaseLibrary { try CaseLibrary(path: work.appendingPathComponent("outbox/library.sqlite").path) }

    /// Three nights into `work`: October's cases, November's with a resend of an October case, then a night with a
    /// reviewer's decision on one October case and a classified resend of another, written before it runs.
    /// `forget`: the memo is emptied before every night, so every sheet is made from the decoded cases.
    func nights(_ work: URL, forget: Bool) async throws {
        func clear() async throws {
            guard forget, FileManager.default.fileExists(atPath: work.appendingPathComponent("outbox/library.sqlite").path) else { return }
            try await library(work).db.write { try $0.execute(sql: "DELETE FROM sheetMemo") }
        }
        _ = try await night.run(["十月汇总.csv": NightlyCostTests.csv()], today: "2026-10-20", work)
        try await clear()
        let resend = NightlyCostTests.header + "国网四川省电力公司,成都市科技局,何军,13488887777,国内首台300MW级变速抽水蓄能机组研制成功,重大处,"
            + "国内首台（套）300MW级变速抽水蓄能机组在四川研制成功并投入运行，打破国外垄断。\r\n"
        _ = try await night.run(["十一月汇总.csv": NightlyCostTests.csv(second: true), "十一月补报.csv": Array(resend.utf8)], today: "2026-11-20", work)
        try await clear()
        _ = try await night.run([:], today: "2026-11-21", work)
        let lib = try library(work)
        let october = try lib.states(periods: ["2026-10"]).sorted { $0.id < $1.id }
        let sheet = EventSource(file: "初选-基础处.xlsx", sha256: "ab", location: "sheet 初选 row 2", sheetId: "S-1")
        try lib.append([CaseEvent(caseId: october[0].id, date: "2026-11-22", runId: "t", step: "初选", from: .waiting(for: "初选"),
                                  to: .waiting(for: "初选"), decision: "", labels: AdjustedLabels(level: .internationalLeading),
                                  who: "基础处", why: "技术水平改为国际领先", source: sheet)])
        _ = try lib.store(fileSHA256: "cd", fileName: "涉密补报.csv", size: 1, outcome: .accepted, received: "2026-11-22", runId: "t",
                          firstStage: .waiting(for: "初选"), arrivals: [Arrival(record: october[1].record, channel: .activeCollection, classified: true, attachTo: october[1].id)])
        try await clear()
        _ = try await night.run([:], today: "2026-11-22", work)
    }

    @Test func runsWithTheMemoGiveTheSheetsAndRecordsOfRunsWithout() async throws {
        let with = try TestSupport.temporaryFolder(), without = try TestSupport.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: with)
            try? FileManager.default.removeItem(at: without)
        }
        try await nights(with, forget: false)
        try await nights(without, forget: true)
        let a = try sheetRecords(with), b = try sheetRecords(without)
        #expect(a.count == 4 && b.count == 4)
        #expect(a.map { $0.map(\.path) } == b.map { $0.map(\.path) })
        #expect(a.map { $0.map(\.sha256) } == b.map { $0.map(\.sha256) })
        #expect(a.map { $0.map(\.cases) } == b.map { $0.map(\.cases) })
        #expect(a.map { $0.map(\.notes) } == b.map { $0.map(\.notes) })
        #expect(a.map { $0.map(\.kind) } == b.map { $0.map(\.kind) })
        // The last night's October sheets changed (a label, a case now classified): the 基础处 sheet shows the new
        // level, and the classified case left its sheet.
        let octoberLast = try #require(a.last).filter { $0.path.contains("2026-10-") }
        let octoberBefore = a[2].filter { $0.path.contains("2026-10-") }
        #expect(octoberLast.map(\.sha256) != octoberBefore.map(\.sha256))
        #expect(octoberLast.flatMap(\.cases).count == octoberBefore.flatMap(\.cases).count - 1)
        let files = try night.reviewFiles(with)
        #expect(files == (try night.reviewFiles(without)))
        for name in files {
            let path = "outbox/review/" + name
            #expect(try Data(contentsOf: with.appendingPathComponent(path)) == Data(contentsOf: without.appendingPathComponent(path)), "\(name)")
        }
        let verified = try AuditVerification.run(outbox: with.appendingPathComponent("outbox"), config: try TestSupport.config(), head: nil)
        #expect(verified.ok, "\(verified.problems)")
    }

    @Test func aMatchingMemoIsRecordedAndAChangedOneIsNot() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try await night.run(["十月汇总.csv": NightlyCostTests.csv()], today: "2026-10-20", work)
        let lib = try library(work)
        let memo = try #require(try lib.sheetMemo(step: "初选", period: "2026-10"))
        #expect(memo.sheets.count == 4 && memo.sheets.flatMap(\.cases).count == 5)
        // A memo whose fingerprint matches is what the next run records: a mark put in its kind shows in the log.
        var marked = memo
        marked.sheets[0].kind += " (from the memo)"
        try lib.recordSheetMemo(step: "初选", period: "2026-10", marked)
        _ = try await night.run([:], today: "2026-10-21", work)
        #expect(try sheetRecords(work).last?.first?.kind == marked.sheets[0].kind)
        // A sheet no longer in place, byte for byte, is made again, and so is a month whose cases moved on.
        let first = work.appendingPathComponent("outbox/review").appendingPathComponent(memo.sheets[0].fileName)
        try Data("changed".utf8).write(to: first)
        _ = try await night.run([:], today: "2026-10-22", work)
        #expect(try sheetRecords(work).last?.first?.kind == memo.sheets[0].kind)
        #expect(try Hashing.sha256([UInt8](Data(contentsOf: first))) == memo.sheets[0].sha256)
        try lib.recordSheetMemo(step: "初选", period: "2026-10", marked)
        let id = try #require(memo.sheets[0].cases.first)
        try lib.append([CaseEvent(caseId: id, date: "2026-10-23", runId: "t", step: "初选", from: .waiting(for: "初选"), to: .waiting(for: "初选"),
                                  decision: "", labels: AdjustedLabels(industry: .equipment), who: "基础处", why: "产业改为装备制造")])
        _ = try await night.run([:], today: "2026-10-23", work)
        let last = try #require(try sheetRecords(work).last?.first)
        #expect(last.kind == memo.sheets[0].kind)
        #expect(last.sha256 != memo.sheets[0].sha256)
        #expect(try lib.sheetMemo(step: "初选", period: "2026-10")?.fingerprint != memo.fingerprint)
    }
}
