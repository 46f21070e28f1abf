import BulletinTestSupport
import BulletinCore
import Foundation
import Logging
import Testing

/// The nightly run reads the library a month at a time: the review sheets it writes month by month are those a
/// snapshot of every waiting case gives, byte for byte; a sheet already in place is recorded, not rewritten; the
/// snapshot holds decoded only the cases in play and keeps the rest of the year as statistics tallies.
@Suite struct NightlyCostTests {
    static let header = "报送单位（产学研等单位）,归口市（州）科技局或省直部门,联系人,联系手机,成果名称,成果来源,案例简介\r\n"

    /// Submissions of one month (`second`: a different five achievements), spread over four 成果来源 divisions.
    static func csv(second: Bool = false) -> [UInt8] {
        let first = [
            "四川大学,省教育厅,张伟,13800138000,高熵合金低温韧化机理研究,基础处,在Science发表论文，揭示了低温韧化机理，达到国际领先水平。",
            "电子科技大学,成都市科技局,李娜,13912345678,车规级碳化硅功率器件关键技术,高新处,攻克了碳化硅功率器件设计与制造卡脖子关键技术，实现国产化替代。",
            "四川农业大学,省农业农村厅,王芳,13700001111,高产优质抗病杂交水稻新品种川农优498选育,农村处,选育的水稻品种通过国家审定，平均亩产650公斤，比对照增产12%。",
            "东方电气集团东方电机有限公司,德阳市科技局,刘强,13600002222,300MW级变速抽水蓄能机组研制与应用,高新处,研制出国内首台（套）300MW级变速抽水蓄能机组，打破国外垄断，总体达到国际先进水平。",
            "西南交通大学,成都市科技局,陈静,13500003333,川藏铁路隧道智能建造装备,重大处,建成隧道智能建造示范生产线2条，新增产值3亿元。",
        ]
        let other = [
            "四川大学,省教育厅,赵敏,13811112222,二维材料拓扑超导新机制,基础处,在Nature发表论文2篇，单篇被引320次，发现了二维材料中的拓扑超导新机制。",
            "成都中医药大学,省卫生健康委,孙杰,13922223333,川芎道地药材质量标准体系,社发处,主持制定国家标准3项、行业标准2项，建立川芎道地药材质量评价体系。",
            "四川省畜牧科学研究院,省农业农村厅,周涛,13733334444,生猪基因组选择育种技术体系,农村处,建成生猪基因组选择育种平台，在12个省推广应用，新增产值8亿元。",
            "宜宾锂宝新材料有限公司,宜宾市科技局,吴超,13644445555,高镍三元正极材料产业化,高新处,成果以3000万元转让并实现产业化，近三年新增销售收入25亿元。",
            "攀钢集团研究院有限公司,攀枝花市科技局,郭海燕,13555556666,钒钛磁铁矿高效清洁利用,重大处,攻克钒钛磁铁矿清洁冶炼关键技术，资源综合利用率提高15个百分点。",
        ]
        return Array((header + (second ? other : first).joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Runs the pipeline dated `today` over `files` into `outbox`.
    func run(_ files: [String: [UInt8]], today: String, _ work: URL) async throws -> RunReport {
        let inbox = work.appendingPathComponent("inbox"), outbox = work.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let url = inbox.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: url.path)
        }
        let options = RunOptions(configURL: TestSupport.root.appendingPathComponent("pipeline.json"), inbox: inbox, outbox: outbox, today: today)
        return try await Pipeline(config: try TestSupport.config(), options: options,
                                  logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) { _ in }.run()
    }

    func reviewFiles(_ work: URL) throws -> [String] {
        let folder = work.appendingPathComponent("outbox/review")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xlsx") }.sorted()
    }

    @Test func sheetsWrittenMonthByMonthAreTheSheetsOfEveryWaitingCase() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try await run(["十月汇总.csv": Self.csv()], today: "2026-10-20", work)
        // Another unit's report of October's pump-turbine, worded apart: a new case flagged 疑似重复 with October's.
        let resend = Self.header + "国网四川省电力公司,成都市科技局,何军,13488887777,国内首台300MW级变速抽水蓄能机组研制成功,重大处,"
            + "国内首台（套）300MW级变速抽水蓄能机组在四川研制成功并投入运行，打破国外垄断。\r\n"
        _ = try await run(["十二月汇总.csv": Self.csv(second: true), "十二月补报.csv": Array(resend.utf8)], today: "2026-12-22", work)
        let config = try TestSupport.config()
        let library = try CaseLibrary(path: work.appendingPathComponent("outbox/library.sqlite").path)
        let snapshot = try library.snapshot(today: "2026-12-22", period: "2026-12",
                                            waitingStages: config.activeProcess.steps.map { .waiting(for: $0.name) })
        let selection = Selector(settings: SelectionSettings(config)).select(snapshot)
        let expected = ReviewSheetPlanner(process: config.activeProcess).sheets(snapshot, selection)
        #expect(expected.contains { $0.period == "2026-10" } && expected.contains { $0.period == "2026-12" }, "both months still wait at 初选")
        #expect(expected.flatMap(\.rows).contains { $0.possibleDuplicates.hasPrefix("2026-10-") }, "a December row names an October case")
        #expect(try reviewFiles(work) == expected.map(\.fileName).sorted())
        for sheet in expected {
            let written = try [UInt8](Data(contentsOf: work.appendingPathComponent("outbox/review").appendingPathComponent(sheet.fileName)))
            #expect(written == (try ReviewSheetWriter.bytes(sheet)), "\(sheet.fileName) as a snapshot of every waiting case makes it")
        }
        // The log names each sheet with its cases, in the planner's order.
        let records = try TestSupport.logRecords(work.appendingPathComponent("outbox")).compactMap { r -> AuditRecord.OutputRecord? in
            if case .output(let o) = r, o.kind.hasPrefix("review sheet") { return o }
            return nil
        }
        let lastRun = records.suffix(expected.count)
        #expect(lastRun.map(\.path) == expected.map { "review/" + $0.fileName })
        #expect(lastRun.map(\.cases) == expected.map { $0.rows.map(\.caseId) })
    }

    @Test func aSheetAlreadyInPlaceIsRecordedNotRewritten() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try await run(["十一月汇总.csv": Self.csv()], today: "2026-11-20", work)
        let sheet = work.appendingPathComponent("outbox/review/2026-11-初选-高新处.xlsx")
        let before = try FileManager.default.attributesOfItem(atPath: sheet.path)[.systemFileNumber] as? Int
        let bytes = try Data(contentsOf: sheet)
        _ = try await run([:], today: "2026-11-21", work)
        let after = try FileManager.default.attributesOfItem(atPath: sheet.path)[.systemFileNumber] as? Int
        #expect(before != nil && before == after, "the same file, not a new one renamed into place")
        #expect(try Data(contentsOf: sheet) == bytes)
        // Each run's log still records the sheet with its bytes' hash, and the outbox verifies.
        let records = try TestSupport.logRecords(work.appendingPathComponent("outbox")).compactMap { r -> AuditRecord.OutputRecord? in
            if case .output(let o) = r, o.path == "review/2026-11-初选-高新处.xlsx" { return o }
            return nil
        }
        #expect(records.count == 2)
        #expect(Set(records.map(\.sha256)).count == 1)
        #expect(records.first?.cases.count == 2)
        let verified = try AuditVerification.run(outbox: work.appendingPathComponent("outbox"), config: try TestSupport.config(), head: nil)
        #expect(verified.ok, "\(verified.problems)")
    }

    @Test func theSnapshotHoldsTheCasesInPlayAndTalliesTheYear() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try await run(["十月汇总.csv": Self.csv()], today: "2026-10-20", work)
        _ = try await run(["十二月汇总.csv": Self.csv(second: true)], today: "2026-12-22", work)
        let library = try CaseLibrary(path: work.appendingPathComponent("outbox/library.sqlite").path)
        let snapshot = try library.snapshot(today: "2026-12-22", period: "2026-12")
        #expect(snapshot.cases.count == 5, "December's cases; October's are neither this month, the previous one, nor approved")
        #expect(snapshot.cases.values.allSatisfy { $0.record.period == "2026-12" })
        #expect(snapshot.tallies.count == 10)
        #expect(Set(snapshot.tallies.map(\.period)) == ["2026-10", "2026-12"])
        let year = SubmissionStatistics.compute(snapshot: snapshot, scope: .year(2026), issuer: "四川省科学技术厅", date: "2026-12-22")
        #expect(year.total.accepted == 10)
        #expect(year.byUnit.first { $0.name == "四川大学" }?.submitted == 2)
        let month = SubmissionStatistics.compute(snapshot: snapshot, scope: .month("2026-12"), issuer: "四川省科学技术厅", date: "2026-12-22")
        #expect(month.total.accepted == 5)
    }
}
