import BulletinTestSupport
import BulletinCore
import Foundation
import Logging
import Testing

/// The pipeline in-process over small inboxes made in the test.
@Suite struct PipelineTests {
    static let header = "报送单位（产学研等单位）,归口市（州）科技局或省直部门,联系人,联系手机,成果名称,成果来源,案例简介\r\n"

    func run(_ files: [String: [UInt8]], today: String = "2026-11-22", age: Double = -3600) async throws -> (RunReport, URL) {
        let work = try TestSupport.temporaryFolder()
        let inbox = work.appendingPathComponent("inbox"), outbox = work.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let url = inbox.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(age)], ofItemAtPath: url.path)
        }
        let options = RunOptions(configURL: TestSupport.root.appendingPathComponent("pipeline.json"), inbox: inbox, outbox: outbox, today: today)
        let report = try await Pipeline(config: try TestSupport.config(), options: options, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) { _ in }.run()
        return (report, work)
    }

    /// The run's log, decoded.
    func log(_ work: URL) throws -> [AuditRecord] { try TestSupport.logRecords(work.appendingPathComponent("outbox")) }

    func inputs(_ work: URL) throws -> [AuditRecord.InputRecord] {
        try log(work).compactMap { if case .input(let i) = $0 { return i }; return nil }
    }

    @Test func aSpreadsheetWithOneBadRowAcceptsTheOthersAndQuarantinesJustThatRow() async throws {
        let csv = Self.header
            + "四川大学,省教育厅,张伟,13800138000,高熵合金低温韧化机理研究,基础处,在Science发表论文，达到国际领先水平。\r\n"
            + "西南交通大学,省教育厅,王强,1370000111,高速列车转向架智能运维技术,高新处,=HYPERLINK(\"x\")\r\n"
            + "电子科技大学,成都市科技局,李娜,13912345678,碳化硅功率器件关键技术,高新处,突破卡脖子技术。\r\n"
        let (report, work) = try await run(["汇总.csv": Array(csv.utf8)])
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(report.exitCode == 1)
        let input = try #require(try inputs(work).first)
        #expect(input.outcome == "partial")
        #expect(input.cases.map(\.location) == ["line 2", "line 4"])
        let quarantine = work.appendingPathComponent("outbox/quarantine/2026-11-22")
        let refused = try String(contentsOf: quarantine.appendingPathComponent("汇总.csv.refused.csv"), encoding: .utf8)
        let lines = refused.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 2, "header and the one refused row")
        #expect(lines[1].contains("1370000111") && lines[1].contains("not a mainland mobile"))
        #expect(lines[1].contains("'=HYPERLINK"), "a formula-looking cell is defused")
        #expect(FileManager.default.fileExists(atPath: quarantine.appendingPathComponent("汇总.csv.refused.csv.reason.txt").path))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("outbox/archive/2026-11-22/汇总.csv").path))
    }

    @Test func freshAndEmptyAndUnknownFilesAreHandledNotLost() async throws {
        let work0 = try await run(["正在复制.docx": Array("PK".utf8)], age: 0).1
        defer { try? FileManager.default.removeItem(at: work0) }
        #expect(try inputs(work0).first?.outcome == "deferred")
        #expect(FileManager.default.fileExists(atPath: work0.appendingPathComponent("inbox/正在复制.docx").path), "a deferred file stays in the inbox")

        let (report, work) = try await run(["空.docx": [], "扫描件.docx": Array("%PDF-1.7\n".utf8), "a.xls": [0xD0, 0xCF, 0x11, 0xE0]])
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(report.exitCode == 1)
        let received = try inputs(work)
        #expect(received.count == 3)
        for i in received {
            #expect(i.outcome == "quarantined")
            #expect(i.reasons.first?.contains(i.name) == true, "the reason names the file: \(i.reasons)")
        }
        let quarantine = work.appendingPathComponent("outbox/quarantine/2026-11-22")
        let reason = try String(contentsOf: quarantine.appendingPathComponent("空.docx.reason.txt"), encoding: .utf8)
        #expect(reason.contains("empty"))
    }

    @Test func aRunThatStopsStillLogsWhatItDidToEachFile() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), outbox = work.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        // A file where the bulletins folder should be: rendering cannot write there.
        try Data("not a folder".utf8).write(to: outbox.appendingPathComponent("bulletins"))
        let csv = Self.header + "四川大学,省教育厅,张伟,13800138000,高熵合金低温韧化机理研究,基础处,在Science发表论文。\r\n"
        let file = inbox.appendingPathComponent("a.csv")
        try Data(csv.utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: file.path)
        let options = RunOptions(configURL: TestSupport.root.appendingPathComponent("pipeline.json"), inbox: inbox, outbox: outbox, today: "2026-11-22")
        do {
            _ = try await Pipeline(config: try TestSupport.config(), options: options,
                                   logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) { _ in }.run()
            Issue.record("the run went on although it could not write the bulletin")
        } catch let e as RunError {
            #expect(e.description.contains("stage render"))
        }
        let records = try log(work)
        #expect(try inputs(work).first?.outcome == "accepted")
        guard case .failure(let failure) = records.last else {
            Issue.record("the log does not end with a failure record")
            return
        }
        #expect(failure.stage == "render")
    }

    @Test func casesRollIntoNextMonthAfterTheCutoff() async throws {
        let csv = Self.header + "四川大学,省教育厅,张伟,13800138000,高熵合金低温韧化机理研究,基础处,在Science发表论文。\r\n"
        let (_, work) = try await run(["a.csv": Array(csv.utf8)], today: "2026-11-27")
        defer { try? FileManager.default.removeItem(at: work) }
        let bulletins = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("outbox/bulletins").path)
        #expect(bulletins.count == 1)
        #expect(bulletins.first?.hasPrefix("2026-12-") == true)
        let bulletin = try log(work).compactMap { if case .output(let o) = $0, o.kind.hasPrefix("bulletin") { return o }; return nil }.first
        #expect(bulletin?.notes.first?.contains("fewer than quotas.bulletinMin (5)") == true,
                "one case is below the minimum of five, and the log says so")
    }
}

@Suite struct CSVWriterTests {
    @Test(arguments: [("=1+1", "'=1+1"), ("+86", "'+86"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
                      ("普通文字", "普通文字"), ("a,b", "\"a,b\""), ("说\"好\"", "\"说\"\"好\"\"\""), ("一\n二", "\"一\n二\"")])
    func cellsAreDefusedAndQuoted(value: String, written: String) {
        #expect(CSVWriter.cell(value) == written)
    }

    @Test func bytesStartWithABOMAndUseCRLF() {
        let b = CSVWriter.bytes([["序号", "成果名称"], ["1", "高熵合金"]])
        #expect(Array(b.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: b.dropFirst(3), as: UTF8.self) == "序号,成果名称\r\n1,高熵合金\r\n")
    }
}
