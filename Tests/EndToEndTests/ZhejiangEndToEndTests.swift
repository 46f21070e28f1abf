import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

/// The Zhejiang system with only the `profile` key changed: its calendar, stages, 月报, places and release feed.
@Suite(.serialized) struct ZhejiangEndToEndTests {
    typealias E = RunEndToEndTests

    @Test func oneProfileKeySwitchesTheWholeProcess() throws {
        let work = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                               appropriateFor: FileManager.default.temporaryDirectory, create: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let text = try TestSupport.pipelineJSONForCopy()
        let config = work.appendingPathComponent("pipeline.json")
        try text.replacingOccurrences(of: "\"profile\": \"sichuan\"", with: "\"profile\": \"zhejiang\"").write(to: config, atomically: true, encoding: .utf8)
        let inbox = work.appendingPathComponent("inbox"), outbox = work.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let sample = inbox.appendingPathComponent("2026-11-浙江-汇总.csv")
        try FileManager.default.copyItem(at: TestSupport.root.appendingPathComponent("samples/zhejiang/2026-11-浙江-汇总.csv"), to: sample)
        func age(_ url: URL) throws { try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: url.path) }
        try age(sample)
        func run(_ day: String) throws -> E.Result {
            try E.bulletin(["run", "--config", config.path, "--inbox", inbox.path, "--outbox", outbox.path, "--today", day])
        }
        // Received on the 12th: after Zhejiang's cut-off (the 10th), so it belongs to the next month.
        let first = try run("2026-11-12")
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let status = try E.bulletin(["status", "--json", "--config", config.path, "--outbox", outbox.path, "--today", "2026-11-12"])
        let lines = status.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0["period"] as? String == "2026-12" })
        #expect(lines.filter { $0["stage"] as? String == "待遴选评价" }.count == 5)
        // The review sheets carry Zhejiang's stage names.
        let review = outbox.appendingPathComponent("review")
        let sheets = try FileManager.default.contentsOfDirectory(atPath: review.path).filter { $0.hasSuffix(".xlsx") }.sorted()
        #expect(!sheets.isEmpty && sheets.allSatisfy { $0.hasPrefix("2026-12-遴选评价-") }, "\(sheets)")
        // The bureaus are canonical in the statistics.
        let stats = try String(contentsOf: outbox.appendingPathComponent("stats/2026-12-报送及采用情况.csv"), encoding: .utf8)
        #expect(stats.contains("杭州市科技局") && !stats.contains("杭州科技局,"))
        #expect(stats.contains("遴选评价通过率"))

        // Through 遴选评价, 现场调研 and 审定 to the 月报.
        func decide(_ step: String, _ extra: [String] = [], on day: String) throws {
            let files = try FileManager.default.contentsOfDirectory(atPath: review.path).filter { $0.contains("-\(step)") && $0.hasSuffix(".xlsx") }
            #expect(!files.isEmpty, "no \(step) sheet")
            for f in files {
                let out = inbox.appendingPathComponent("返回-" + f)
                let r = try ReviewCycleEndToEndTests.shell(["python3", "tools/demo_review.py", review.appendingPathComponent(f).path, "--all", "通过",
                                                            "--reviewer", "专家组", "-o", out.path] + extra)
                #expect(r.status == 0, "\(r.stderr)")
                try age(out)
            }
            let r = try run(day)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        }
        try decide("遴选评价", ["--title", "茶树=不通过"], on: "2026-12-15")
        try decide("现场调研", ["--order", "score"], on: "2026-12-25")
        try decide("审定", on: "2027-01-03")
        let monthly = outbox.appendingPathComponent("bulletins/2026-12-重大科技成果月报-第12期.docx")
        let doc = try E.documentText(monthly)
        #expect(doc.contains("重大科技成果月报") && doc.contains("浙里好成果") && doc.contains("浙江省科学技术厅"))
        #expect(!doc.contains("创新驱动要参") && !doc.contains("四川"))
        #expect(doc.contains("报送省委、省政府"), "the distribution is in the 版记")
        #expect(!doc.contains("惯性导航") && !doc.contains("茶树"))
        // The release feed holds only the approved public achievements.
        let feed = try JSONSerialization.jsonObject(with: Data(contentsOf: outbox.appendingPathComponent("release/2026-12-发布.json"))) as? [[String: Any]]
        let titles = Set((feed ?? []).compactMap { $0["title"] as? String })
        let after = try E.bulletin(["status", "--json", "--config", config.path, "--outbox", outbox.path, "--today", "2027-01-03"])
        let approved = Set(after.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["stage"] as? String == "已通报" }.compactMap { $0["title"] as? String })
        // Zhejiang's eligibility rules (ownership, top journals, industrialised breakthroughs, minimum level) keep
        // some cases out of the draft; the feed is exactly what was approved.
        #expect(!approved.isEmpty && approved.count <= 6)
        #expect(titles == approved)
        for t in titles { #expect(doc.contains(t)) }
        #expect(!titles.contains { $0.contains("惯性导航") || $0.contains("茶树") })
        for entry in feed ?? [] { for key in ["id", "title", "unit", "category", "level", "field", "summary", "date"] { #expect(entry[key] != nil) } }
        let verify = try E.bulletin(["verify", "--config", config.path, "--outbox", outbox.path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }
}
