import BulletinCore
import Foundation
import OOXML
import Testing

/// The screening and approval cycle through the built binary: sheets out, filled by the scripted reviewer
/// (openpyxl, as a spreadsheet program saves them), dropped back into the inbox, through to a final bulletin.
@Suite(.serialized) struct ReviewCycleEndToEndTests {
    typealias E = RunEndToEndTests

    static func shell(_ args: [String], cwd: URL = E.root) throws -> E.Result {
        try E.execute(URL(fileURLWithPath: "/usr/bin/env"), args, cwd: cwd)
    }

    static func statusLines(_ outbox: URL) throws -> [[String: Any]] {
        let r = try E.bulletin(["status", "--json", "--outbox", outbox.path, "--today", "2026-12-09"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Every DOCX, XLSX and CSV the runs wrote (not the archived or quarantined inputs).
    static func writtenTexts(_ outbox: URL) throws -> [(String, String)] {
        var out: [(String, String)] = []
        let e = FileManager.default.enumerator(atPath: outbox.path)
        while let rel = e?.nextObject() as? String {
            guard !rel.hasPrefix("archive/"), !rel.hasPrefix("quarantine/") else { continue }
            let url = outbox.appendingPathComponent(rel)
            switch url.pathExtension {
            case "docx", "xlsx": out.append((rel, try E.documentText(url)))
            case "csv": out.append((rel, try String(contentsOf: url, encoding: .utf8)))
            default: continue
            }
        }
        return out
    }

    @Test func theDemoCycleEndsInAnApprovedBulletinHoldingExactlyTheApprovedTitles() throws {
        let work = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                               appropriateFor: FileManager.default.temporaryDirectory, create: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let demo = work.appendingPathComponent("demo")
        let cycle = try Self.shell(["bash", "tools/demo_cycle.sh", E.binary.path, demo.path])
        #expect(cycle.status == 0, "\(cycle.stdout.suffix(2000))\n\(cycle.stderr)")
        let outbox = demo.appendingPathComponent("outbox")

        // The final bulletin: no 草稿 in its name or text, the approved titles and nothing else.
        let bulletins = try FileManager.default.contentsOfDirectory(atPath: outbox.appendingPathComponent("bulletins").path).filter { $0.hasSuffix(".docx") }
        #expect(bulletins.contains("2026-11-创新驱动要参-第11期.docx"))
        #expect(!bulletins.contains("2026-11-创新驱动要参-第11期-草稿.docx"), "the draft of an approved issue is moved aside")
        let final = try E.documentText(outbox.appendingPathComponent("bulletins/2026-11-创新驱动要参-第11期.docx"))
        #expect(!final.contains("草稿"))
        #expect(final.contains("总第35期"))
        let status = try Self.statusLines(outbox)
        #expect(status.count == 19)
        for line in status {
            for key in ["id", "title", "submitter", "stage", "sightings", "possibleDuplicates", "decisions", "period"] {
                #expect(line[key] != nil, "status --json lacks \(key)")
            }
        }
        let approved = status.filter { $0["stage"] as? String == "已通报" }.compactMap { $0["title"] as? String }
        #expect((5...10).contains(approved.count))
        for t in approved { #expect(final.contains(t), "\(t) was approved but is not in the bulletin") }
        for line in status where line["stage"] as? String != "已通报" {
            let title = line["title"] as? String ?? ""
            #expect(!final.contains(title), "\(title) is \(line["stage"] ?? "") but appears in the bulletin")
        }
        // The quarterly release and the annual list were chosen on their sheets and approved: final, no 草稿.
        let annual = try FileManager.default.contentsOfDirectory(atPath: outbox.appendingPathComponent("annual").path).filter { $0.contains(".") }.sorted()
        #expect(annual == ["2026-Q4-季度发布建议名单.docx", "2026-年度榜单.csv", "2026-年度榜单.docx"], "\(annual)")
        let list = try E.documentText(outbox.appendingPathComponent("annual/2026-年度榜单.docx"))
        #expect(!list.contains("草稿"))
        for t in approved { #expect(list.contains(t), "\(t) was chosen for the annual list but is not in it") }
        // Every decision is traceable to its sheet and row.
        let decided = status.flatMap { ($0["decisions"] as? [[String: Any]]) ?? [] }
        #expect(!decided.isEmpty)
        for d in decided where d["who"] as? String != "bulletin" { #expect((d["source"] as? String)?.contains(" row ") == true, "\(d)") }
        #expect(status.contains { $0["stage"] as? String == "退回修改" })
        #expect(status.contains { ($0["decisions"] as? [[String: Any]])?.contains { $0["decision"] as? String == "送咨询" } == true })

        // No classified title in any sheet or document the runs wrote.
        let classified = try #require(status.first { $0["stage"] as? String == "涉密" })
        #expect(classified["title"] as? String == "（涉密）")
        for (path, text) in try Self.writtenTexts(outbox) {
            #expect(!text.contains("××型高精度光纤惯性测量单元"), "the classified title appears in \(path)")
        }

        // A later run leaves the approved bulletin byte-identical, and the trail verifies.
        let url = outbox.appendingPathComponent("bulletins/2026-11-创新驱动要参-第11期.docx")
        let before = try Data(contentsOf: url)
        let again = try E.bulletin(["run", "--inbox", demo.appendingPathComponent("inbox").path, "--outbox", outbox.path, "--today", "2026-12-20"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: url) == before)
        var verify = try E.bulletin(["verify", "--outbox", outbox.path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        // A change after approval is an explicit 更正: a new 审定 sheet, a new revision; the original is kept.
        let inbox = demo.appendingPathComponent("inbox")
        let asked = try E.bulletin(["correct", "2026-11", "--outbox", outbox.path, "--why", "单位名称有误"])
        #expect(asked.status == 0, "\(asked.stderr)")
        _ = try E.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-12-21"])
        let correctionSheet = outbox.appendingPathComponent("review/2026-11-审定-第11期更正.xlsx")
        #expect(FileManager.default.fileExists(atPath: correctionSheet.path))
        let dropped = try #require(approved.first)
        let returned = inbox.appendingPathComponent("更正-签批.xlsx")
        let fill = try Self.shell(["python3", "tools/demo_review.py", correctionSheet.path, "--title", "\(dropped)=不通过", "--reviewer", "厅领导", "-o", returned.path])
        #expect(fill.status == 0, "\(fill.stderr)")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: returned.path)
        _ = try E.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-12-22"])
        let revision = outbox.appendingPathComponent("bulletins/2026-11-创新驱动要参-第11期-更正1.docx")
        let corrected = try E.documentText(revision)
        #expect(!corrected.contains(dropped) && corrected.contains("更正"))
        #expect(try Data(contentsOf: url) == before, "the original approved issue is kept as it was")
        #expect(try Self.statusLines(outbox).first { $0["title"] as? String == dropped }?["stage"] as? String == "未入选")
        verify = try E.bulletin(["verify", "--outbox", outbox.path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func badRowsAreRefusedWithReasonsWhileGoodRowsApply() throws {
        let work = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                               appropriateFor: FileManager.default.temporaryDirectory, create: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), outbox = work.appendingPathComponent("outbox")
        _ = try E.dropSamples(into: inbox)
        _ = try E.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-22"])
        let sheet = outbox.appendingPathComponent("review/2026-11-初选-高新处.xlsx")
        #expect(FileManager.default.fileExists(atPath: sheet.path))
        // Two copies of one sheet come back the same night: the first (by name) decides; one of its rows holds a
        // word the step does not know. A third sheet is left blank but for one row.
        let a = inbox.appendingPathComponent("a-高新处.xlsx"), b = inbox.appendingPathComponent("b-高新处.xlsx")
        let c = inbox.appendingPathComponent("c-基础处.xlsx")
        var fill = try Self.shell(["python3", "tools/demo_review.py", sheet.path, "--all", "通过", "--title", "碳化硅=同意吧",
                                   "--reviewer", "王芳", "-o", a.path])
        #expect(fill.status == 0, "\(fill.stderr)")
        fill = try Self.shell(["python3", "tools/demo_review.py", sheet.path, "--all", "不通过", "--reviewer", "赵强", "-o", b.path])
        #expect(fill.status == 0, "\(fill.stderr)")
        fill = try Self.shell(["python3", "tools/demo_review.py", outbox.appendingPathComponent("review/2026-11-初选-基础处.xlsx").path,
                               "--title", "乳酸化=通过", "--reviewer", "钱明", "-o", c.path])
        #expect(fill.status == 0, "\(fill.stderr)")
        for f in [a, b, c] { try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: f.path) }
        let run = try E.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-28"])
        #expect(run.status == 1, "refused rows make the run exit 1: \(run.stdout)")
        let status = try Self.statusLines(outbox)
        func line(_ fragment: String) -> [String: Any]? { status.first { ($0["title"] as? String)?.contains(fragment) == true } }
        func deciders(_ l: [String: Any]?) -> [String] { ((l?["decisions"] as? [[String: Any]]) ?? []).compactMap { $0["who"] as? String } }
        // The row with an unknown word decided nothing, so the second sheet's row for that case applied.
        #expect(deciders(line("碳化硅")) == ["赵强"] && line("碳化硅")?["stage"] as? String == "未入选")
        // Every case the first sheet decided is decided by it alone: the second sheet's rows for them are refused.
        let byA = status.filter { deciders($0) == ["王芳"] }
        #expect(byA.count >= 5 && byA.allSatisfy { $0["stage"] as? String == "待复选" })
        #expect(!status.contains { deciders($0).contains("王芳") && deciders($0).contains("赵强") })
        // Blank decisions mean "not decided yet".
        #expect(deciders(line("乳酸化")) == ["钱明"] && line("乳酸化")?["stage"] as? String == "待复选")
        let basic = status.filter { ($0["decisions"] as? [[String: Any]])?.isEmpty == true && $0["stage"] as? String == "待初选" }
        #expect(!basic.isEmpty, "the blank rows of the 基础处 sheet still wait for 初选")
        // The refused rows come back as a sheet with 拒收原因, recognised again when returned.
        let quarantine = outbox.appendingPathComponent("quarantine/2026-11-28")
        let held = try FileManager.default.contentsOfDirectory(atPath: quarantine.path)
        let refusedA = try #require(held.first { $0.hasPrefix("a-高新处") && $0.hasSuffix(".refused.xlsx") })
        let text = try E.documentText(quarantine.appendingPathComponent(refusedA))
        #expect(text.contains("拒收原因") && text.contains("同意吧"))
        let refusedB = try #require(held.first { $0.hasPrefix("b-高新处") && $0.hasSuffix(".refused.xlsx") })
        // The first sheet's decisions were applied before the second was judged: its rows find the cases moved on.
        #expect(try E.documentText(quarantine.appendingPathComponent(refusedB)).contains("现为待复选"))
        let dry = try E.bulletin(["inspect", "--outbox", outbox.path, quarantine.appendingPathComponent(refusedA).path])
        #expect(dry.stdout.contains("dry run, nothing applied"), "\(dry.stdout)\(dry.stderr)")
        // Pointed at a folder with no library, the sheet is named with what to pass, and the next file is still read.
        let noLibrary = work.appendingPathComponent("无成果库")
        try FileManager.default.createDirectory(at: noLibrary, withIntermediateDirectories: true)
        let csv = E.root.appendingPathComponent("samples/2026-11-成都市科技局-汇总.csv")
        let lost = try E.bulletin(["inspect", "--outbox", noLibrary.path, quarantine.appendingPathComponent(refusedA).path, csv.path])
        #expect(lost.status == 1, "\(lost.stdout)\(lost.stderr)")
        #expect(lost.stderr.contains(refusedA) && lost.stderr.contains(noLibrary.appendingPathComponent("library.sqlite").path)
                && lost.stderr.contains("pass --outbox"), "\(lost.stderr)")
        #expect(!lost.stderr.contains("Usage"), "a file's problem is not a usage error: \(lost.stderr)")
        #expect(lost.stdout.contains("康芮替尼片") && !lost.stdout.contains("dry run, nothing applied"), "\(lost.stdout)")
        // The same bytes again change nothing, and say so.
        let copy = inbox.appendingPathComponent("a-高新处（再次）.xlsx")
        try FileManager.default.copyItem(at: outbox.appendingPathComponent("archive/2026-11-28/a-高新处.xlsx"), to: copy)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: copy.path)
        let twice = try E.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-29"])
        #expect(twice.stdout.contains("already processed 1"), "\(twice.stdout)")
        #expect(try Self.statusLines(outbox).map { $0["stage"] as? String } == status.map { $0["stage"] as? String })
    }
}

/// One case per achievement through the built binary: a re-sent achievement under another title and sender is
/// flagged 疑似重复 (a near-miss is not), shown on the review sheet, and merged as a reviewer's decision.
@Suite(.serialized) struct DuplicateEndToEndTests {
    typealias E = RunEndToEndTests

    @Test func aResentAchievementIsFlaggedShownAndMergedByDecision() throws {
        let work = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                               appropriateFor: FileManager.default.temporaryDirectory, create: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), outbox = work.appendingPathComponent("outbox")
        _ = try E.dropSamples(into: inbox)
        _ = try E.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-22"])
        // The next night: an institute re-sends the pumped-storage unit in its own words; the maker sends its
        // fixed-speed unit, a different machine.
        let csv = """
        报送单位（产学研等单位）,归口市（州）科技局或省直部门,联系人,联系手机,成果名称,成果来源,案例简介
        四川省科学技术信息研究所,省科技厅,刘洋,13908001234,300MW级变速抽水蓄能机组研制成功,重大处,东方电机研制的国内首台（套）300MW级变速抽水蓄能机组在示范电站投运，机组可在额定功率附近连续调节输入功率，提升新型电力系统调节能力，整体性能达到国际先进水平。
        东方电气集团东方电机有限公司,德阳市科技局,李强,13980012345,国内首台（套）300MW级定速抽水蓄能机组研制与应用,重大处,东方电机研制的300MW级定速抽水蓄能机组完成调试并投入商业运行，机组效率和稳定性指标优良，实现关键部件国产化。

        """
        let night2 = inbox.appendingPathComponent("第二夜-汇总.csv")
        try Data(("\u{FEFF}" + csv).utf8).write(to: night2)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: night2.path)
        let run = try E.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-23"])
        #expect(run.status == 0, "\(run.stderr)")
        var status = try ReviewCycleEndToEndTests.statusLines(outbox)
        func line(_ title: String) -> [String: Any]? { status.first { $0["title"] as? String == title } }
        let original = try #require(line("国内首台（套）300MW级变速抽水蓄能机组研制与应用")?["id"] as? String)
        let resent = try #require(line("300MW级变速抽水蓄能机组研制成功"))
        let resentId = try #require(resent["id"] as? String)
        #expect(resent["possibleDuplicates"] as? [String] == [original])
        #expect(line("国内首台（套）300MW级定速抽水蓄能机组研制与应用")?["possibleDuplicates"] as? [String] == [], "a different machine is not flagged")
        // The review sheet shows the flag with the other case's title.
        let sheet = outbox.appendingPathComponent("review/2026-11-初选-重大处.xlsx")
        #expect(try E.documentText(sheet).contains("\(original)「国内首台（套）300MW级变速抽水蓄能机组研制与应用」"))
        // explain shows the evidence, field by field.
        let explained = try E.bulletin(["explain", resentId, "--outbox", outbox.path])
        #expect(explained.stdout.contains("疑似重复") && explained.stdout.contains("案例简介 summary") && explained.stdout.contains("300MW"))
        // The reviewer merges it.
        let filled = inbox.appendingPathComponent("重大处-初选.xlsx")
        let fill = try ReviewCycleEndToEndTests.shell(["python3", "tools/demo_review.py", sheet.path, "--case", "\(resentId)=合并到 \(original)",
                                                      "--reviewer", "重大处", "-o", filled.path])
        #expect(fill.status == 0, "\(fill.stderr)")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: filled.path)
        let merged = try E.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-24"])
        #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
        status = try ReviewCycleEndToEndTests.statusLines(outbox)
        #expect(line("300MW级变速抽水蓄能机组研制成功")?["stage"] as? String == "已合并")
        #expect(line("国内首台（套）300MW级变速抽水蓄能机组研制与应用")?["sightings"] as? Int == 2, "the kept case counts both submissions")
        #expect(line("300MW级变速抽水蓄能机组研制成功")?["possibleDuplicates"] as? [String] == [])
        #expect(!(try E.documentText(outbox.appendingPathComponent("review/2026-11-初选-重大处.xlsx")).contains("300MW级变速抽水蓄能机组研制成功")),
                "a merged case waits on no sheet")
        // A later decision splits it again: written on the kept case's row.
        let split = inbox.appendingPathComponent("重大处-拆分.xlsx")
        let fill2 = try ReviewCycleEndToEndTests.shell(["python3", "tools/demo_review.py", outbox.appendingPathComponent("review/2026-11-初选-重大处.xlsx").path,
                                                       "--case", "\(original)=拆分 \(resentId)", "--reviewer", "重大处", "-o", split.path])
        #expect(fill2.status == 0, "\(fill2.stderr)")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: split.path)
        let splitRun = try E.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-25"])
        #expect(splitRun.status == 0, "\(splitRun.stdout)\(splitRun.stderr)")
        status = try ReviewCycleEndToEndTests.statusLines(outbox)
        #expect(line("300MW级变速抽水蓄能机组研制成功")?["stage"] as? String == "待初选", "the split case is back where it was")
        #expect(line("国内首台（套）300MW级变速抽水蓄能机组研制与应用")?["sightings"] as? Int == 1)
        let history = (line("300MW级变速抽水蓄能机组研制成功")?["decisions"] as? [[String: Any]] ?? []).compactMap { $0["decision"] as? String }
        #expect(history.contains("合并到 \(original)") && history.contains("拆分自 \(original)"), "both decisions stay in the history")
    }
}
