@testable import BulletinCore
import Foundation
import Testing

/// The title's one-character head of goods (采棉机, 破冰船, 手撕钢, 生活用纸): derived from the class names of
/// GB/T 4754-2017 (data/industry-title-heads.tsv), read only where it ends the title's subject after every cue.
@Suite struct ScoreIndustryHeadCharTests {
    static func assess(_ title: String, _ summary: String) throws -> Assessment {
        try ScoreIndustryTests.assess(title, summary)
    }

    static func assess(_ title: String, _ summary: String, config: ScoringConfig) throws -> Assessment {
        var fields = ScoreScorerTests.form
        fields[.title] = title
        fields[.summary] = summary
        return try Scorer(config: config, profile: "sichuan").assess(fields, extras: [:])
    }

    static func industryReasons(_ a: Assessment) -> [Reason] { ScoreIndustryTests.industryReasons(a) }

    static func headReason(_ a: Assessment) -> Reason? {
        ScoreIndustryTests.industryReasons(a).first { $0.conclusion.contains("中心字") }
    }

    /// A cotton picker is a machine (机 of 拖拉机, 汽轮机 …) however often the summary names the cotton it picks.
    @Test func aMachineNamedOnlyByItsHeadCharacterIsEquipment() throws {
        let a = try Self.assess("国产六行自走式采棉机首批交付",
                                "该采棉机针对新疆棉花种植模式设计，每天可采收棉花四百亩，已交付农场使用，棉花采净率达到百分之九十五。")
        #expect(a.industry == "装备制造")
        let head = try #require(Self.headReason(a))
        #expect(head.matched == "机")
        #expect(head.field == "title")
        #expect(head.conclusion.contains("采棉机"), "the reason should show where the title ends: \(head.conclusion)")
    }

    /// A ship with its name after it (工船 国信1号) is still a ship, not the fish farmed on it.
    @Test func aShipFollowedByItsNameIsEquipment() throws {
        let a = try Self.assess("深远海养殖工船海丰1号交付运营",
                                "该船设养殖舱十二个，在深远海开展大黄鱼养殖，年产鲜鱼三千吨，带动渔业转型。")
        #expect(a.industry == "装备制造")
        #expect(Self.headReason(a)?.matched == "船")
    }

    /// Steel named by its last character only (手撕钢) is a material, not the devices it is used in.
    @Test func steelNamedByItsHeadCharacterIsAMaterial() throws {
        let a = try Self.assess("0.02毫米超薄不锈手撕钢",
                                "团队攻克轧制难题，产品可用于折叠屏手机、精密仪器和新能源电池。")
        #expect(a.industry == "先进材料")
        #expect(Self.headReason(a)?.matched == "钢")
    }

    /// A longer cue that ends where the character does (计算机 of 电子信息) is the head, not 机.
    @Test func aLongerCueEndingThereWins() throws {
        let a = try Self.assess("国产高性能工业控制计算机", "整机自主可控，用于电网调度和轨道交通信号系统。")
        #expect(Self.headReason(a) == nil)
        #expect(a.industry == "电子信息")
    }

    /// Characters that end common words which are not goods are no heads: 化石 is no stone, 发布 no cloth, 机制 no
    /// machine (it is followed by more of the title).
    @Test(arguments: ["贵州发现五亿年前动物胚胎化石", "分布式操作系统正式发布", "揭示水稻抗病的分子机制研究"])
    func aCommonWordIsNoHead(title: String) throws {
        let a = try Self.assess(title, "研究团队在该领域取得进展。")
        #expect(Self.headReason(a) == nil, "\(title): \(Self.headReason(a)?.conclusion ?? "")")
    }

    /// A milestone in the title (建成通车, 并网, 批量供货) is its predicate: 车 of 通车 is no vehicle, and the head of
    /// goods that ends the subject before it (超高强钢) names the thing.
    @Test func aMilestoneIsThePredicateNotTheHead() throws {
        let bridge = try Self.assess("江门银洲湖特大桥建成通车",
                                     "大桥全长三公里，主跨五百米，采用钢箱梁斜拉桥结构，建成后两市车程缩短四十分钟，是区域公路网的重要节点工程。")
        #expect(Self.headReason(bridge) == nil, "\(Self.headReason(bridge)?.conclusion ?? "")")
        #expect(bridge.industry != "装备制造")
        let steel = try Self.assess("第二代高强韧耐磨钢批量供货",
                                    "某钢铁企业研发的耐磨钢已向多家工程机械和汽车零部件企业批量供货，用于挖掘机铲斗。")
        #expect(Self.headReason(steel)?.matched == "钢")
        #expect(steel.industry == "先进材料")
    }

    /// …成功 after a two-character verb (试轧成功, 轧制成功) begins the predicate: the steel before it is the thing, not
    /// the motors it is used in.
    @Test func aVerbOfSuccessBeginsThePredicate() throws {
        let a = try Self.assess("高磁感取向硅钢试轧成功",
                                "该硅钢用于大型变压器和电机铁芯，可降低电机损耗百分之十，已送多家电机企业评估。")
        #expect(Self.headReason(a)?.matched == "钢", "\(Self.industryReasons(a).map(\.conclusion))")
        #expect(a.industry == "先进材料")
    }

    /// The table in pipeline.json is the one the script derives from GB/T 4754-2017 (data/industry-title-heads.tsv),
    /// each head's words shortened to three.
    @Test func theTableIsTheDerivedOne() throws {
        let url = ScoreTestSupport.root.appendingPathComponent("data/industry-title-heads.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var file: [ScoringConfig.TitleHeads.Head] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let cells = line.split(separator: "\t")
            try #require(cells.count == 4, "bad line: \(line)")
            let words = cells[2].split(separator: "、").map(String.init)
            file.append(.init(char: String(cells[0]), industry: String(cells[1]),
                              words: words.prefix(3).joined(separator: "、") + (words.count > 3 ? "…" : "")))
        }
        let shipped = ScoringConfig.rulesAlone.industryTitleHeads
        #expect(shipped.heads == file)
        #expect(shipped.heads.count == 24)
        #expect(shipped.tails.contains("关键技术"))
        for entry in shipped.heads {
            let words = entry.words.replacingOccurrences(of: "…", with: "").split(separator: "、")
            #expect(words.allSatisfy { $0.hasSuffix(entry.char) }, "\(entry.char): \(entry.words)")
        }
    }

    /// The table is configuration: a scorer without it reads no head of goods, and one with a head added reads it.
    @Test func theHeadsComeFromTheConfiguration() throws {
        let title = "国产六行自走式采棉机首批交付"
        let summary = "该采棉机针对新疆棉花种植模式设计，每天可采收棉花四百亩，已交付农场使用。"
        var without = ScoringConfig.rulesAlone
        without.industryTitleHeads.heads.removeAll { $0.char == "机" }
        let a = try Self.assess(title, summary, config: without)
        #expect(Self.headReason(a) == nil)
        var with = ScoringConfig.rulesAlone
        with.industryTitleHeads.heads.append(.init(char: "罐", industry: "食品轻纺", words: "罐"))
        let b = try Self.assess("新型低糖水果罐", "产品已上市。", config: with)
        #expect(Self.headReason(b)?.matched == "罐")
        #expect(b.industry == "食品轻纺")
    }

    /// A malformed head is refused when the configuration is loaded, naming its JSON path and what to do.
    @Test(arguments: [
        (["char": "机器", "industry": "装备制造", "words": "机器"], "scoring.industryTitleHeads.heads[24].char"),
        (["char": "罐", "industry": "轻工", "words": "罐"], "scoring.industryTitleHeads.heads[24].industry"),
        (["char": "罐", "industry": "食品轻纺", "words": "罐头、饮料"], "scoring.industryTitleHeads.heads[24].words"),
        (["char": "机", "industry": "装备制造", "words": "机"], "scoring.industryTitleHeads.heads[24].char"),
    ])
    func aMalformedHeadIsAnError(head: [String: String], path: String) throws {
        var object = try ScoreTestSupport.standardObject()
        var section = object["industryTitleHeads"] as? [String: Any] ?? [:]
        section["heads"] = (section["heads"] as? [Any] ?? []) + [head]
        object["industryTitleHeads"] = section
        let config = try ScoreTestSupport.config(from: object)
        do {
            try config.validate(file: "pipeline.json")
            Issue.record("expected an error at \(path)")
        } catch let error as ConfigError {
            #expect(error.path == path, "\(error)")
            #expect(error.file == "pipeline.json")
            #expect(error.message.contains("\(head["char"] ?? "")") || error.message.contains("\(head["industry"] ?? "")"))
        }
    }
}
