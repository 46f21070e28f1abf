import BulletinCore
import Testing

/// Level claims read as a reviewer reads them.
@Suite struct ScoreLevelClaimTests {
    static let scorer: Scorer? = try? Scorer(config: .rulesAlone, profile: "sichuan")

    static func level(_ summary: String) throws -> Assessment {
        let scorer = try #require(Self.scorer)
        return scorer.assess([.title: "某项成果", .summary: summary], extras: [:])
    }

    @Test(arguments: [
        // explicit claims and synonyms
        ("经专家评价，成果整体达到国际先进水平。", "国际先进"),
        ("该技术处于世界领先地位。", "国际领先"),
        ("主要技术指标达到国际领先水平。", "国际领先"),
        ("产品性能达到国际同类产品先进水平。", "国际先进"),
        ("整体试验能力处于国际前列。", "国际先进"),
        ("该技术在国内处于领先地位。", "国内领先"),
        ("达到全国领先水平。", "国内领先"),
        ("成果达到国内先进水平。", "国内先进"),
        // the overall claim before a claim for part of the work
        ("经鉴定，该成果达到国际先进水平，部分指标达到国际领先水平。", "国际先进"),
        ("成果总体达到国际先进水平，其中低温性能达到国际领先水平。", "国际先进"),
        ("成果总体达到国内领先水平，部分性能指标达到国际先进水平。", "国内领先"),
        ("项目攻克关键技术5项，其中3项达到国际领先水平。", ""),
        ("测试表明，系统部分指标达到国际先进水平。", ""),
        // hedges, negations, comparisons, others
        ("加工精度接近国际先进水平。", ""),
        ("整体接近国际领先水平，达到国际先进水平。", "国际先进"),
        ("该成果达到国际先进水平，尚未达到国际领先水平的指标主要在寿命方面。", "国际先进"),
        ("产品有望达到国际先进水平。", ""),
        ("与国际先进水平相比仍有一定差距。", ""),
        ("与国际领先企业合作开发了新工艺。", ""),
        ("力争三年内达到国际领先水平。", ""),
        // firsts imply a level only when nothing is claimed outright
        ("该技术路线为国际首创。", ""),
        ("建成世界首条工程化试验线。", ""),
        ("产品填补国内空白。", ""),
        ("是我国首台全自主知识产权的燃气轮机，填补了我国在该领域的空白。", ""),
        ("系统属国内首创，整体达到国际先进水平。", "国际先进"),
        ("被认定为首台（套）重大技术装备，打破国外垄断。", ""),
        // nothing claimed
        ("研究成果发表于《Nature》，揭示了新机制。", ""),
        // full-width punctuation and letters
        ("经鉴定，成果总体达到国际先进水平；其中，关键指标达到国际领先水平。", "国际先进"),
    ])
    func claim(summary: String, expected: String) throws {
        let a = try Self.level(summary)
        #expect(a.level == expected, "\(summary) → \(a.level)")
    }

    @Test func aClaimOnlyForPartIsFlaggedAndCountsHalf() throws {
        let a = try Self.level("测试表明，系统部分指标达到国际先进水平。")
        #expect(a.level == "")
        #expect(a.flags.contains { $0.contains("部分声称") })
        let claim = try #require(a.reasons.first { $0.rule == "levelClaim" && $0.weight > 0 })
        #expect(claim.weight == 15)
    }

    @Test func everyClaimReadHasItsReason() throws {
        let a = try Self.level("成果整体接近国际领先水平，达到国际先进水平，与国际领先企业相比成本更低。")
        #expect(a.level == "国际先进")
        let reasons = a.reasons.filter { $0.rule == "levelClaim" }
        #expect(reasons.count == 3)
        #expect(reasons.contains { $0.conclusion.contains("接近") && $0.weight == 0 })
        #expect(reasons.contains { $0.conclusion.hasPrefix("技术水平取「国际先进」") && $0.weight == 30 })
    }
}
