import BulletinCore
import Foundation
import Testing

/// Constructions (a word and the word it governs, in one clause) and the weight of the summary's first
/// sentence: what a case is about, rather than which words it contains.
@Suite struct ScoreConstructionTests {
    static func assess(_ title: String, _ summary: String, config: ScoringConfig = .rulesAlone) throws -> Assessment {
        try Scorer(config: config, profile: "sichuan").assess([.title: title, .summary: summary], extras: [:])
    }

    /// The shipped configuration with its constructions replaced.
    static func with(_ constructions: [ScoringConfig.Construction], lead: Double = 1) -> ScoringConfig {
        var config = ScoringConfig.rulesAlone
        config.constructions = constructions
        config.decision.leadSentenceWeight = lead
        return config
    }

    static func constructionReasons(_ a: Assessment) -> [Reason] {
        a.reasons.filter { $0.rule == "constructions" }
    }

    // MARK: - What was built or approved

    @Test(arguments: [
        ("西南山地生态国家重点实验室获批建设", "科技部批准依托四川大学建设省部共建西南山地生态国家重点实验室，聚焦长江上游生态屏障建设。"),
        ("川西高原生态系统野外站揭牌", "位于阿坝州的川西高原生态系统野外科学观测研究站正式揭牌，将长期观测高寒草甸的碳水循环。"),
        ("攀西战略资源创新中心建成投用", "面向钒钛磁铁矿综合利用，攀西战略资源创新中心在攀枝花建成并投入使用，汇聚院所和企业开展联合攻关。"),
    ])
    func aFacilityBuiltOrApprovedIsOther(title: String, summary: String) throws {
        let a = try Self.assess(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(Self.constructionReasons(a).contains { $0.conclusion.contains("设施或平台") })
    }

    @Test func aSystemBuiltIsNotAFacility() throws {
        // 建成 alone no longer points at 其它: what was built decides.
        let a = try Self.assess("川南区域地震预警系统建成", "成都高新减灾研究所研发的地震预警技术在川南建成区域预警系统，布设监测仪器300台，预警发布时间约7秒。")
        #expect(a.category == "应用研究成果")
        #expect(!Self.constructionReasons(a).contains { $0.conclusion.contains("设施或平台") })
    }

    @Test func theWordsMustStandInOneClause() throws {
        let config = Self.with([.init(label: "其它", weight: 5, means: "设施或平台建成", first: ["实验室"], then: ["建成"], window: 20)])
        let apart = try Self.assess("某成果", "团队依托重点实验室，建成千吨级示范线。", config: config)
        #expect(Self.constructionReasons(apart).isEmpty)
        let together = try Self.assess("某成果", "团队依托的重点实验室二期建成，面向全国开放。", config: config)
        #expect(Self.constructionReasons(together).map(\.matched) == ["实验室二期建成"])
    }

    @Test func theOrderMatters() throws {
        let config = Self.with([.init(label: "其它", weight: 5, means: "设施或平台建成", first: ["实验室"], then: ["建成"], window: 20)])
        let a = try Self.assess("某成果", "团队建成的重点实验室面向全国开放。", config: config)
        #expect(Self.constructionReasons(a).isEmpty)
    }

    // MARK: - Subtype within 应用研究成果

    @Test func aProductMadeIsAnInnovativeProduct() throws {
        let a = try Self.assess("新一代超高强钢", "东北大学团队研发出一种以纳米析出相强化的新一代超高强钢，在提高强度的同时保持良好塑性并降低成本。")
        #expect((a.category, a.subtype) == ("应用研究成果", "创新产品"))
        #expect(Self.constructionReasons(a).map(\.matched) == ["研发出一种以纳米析出相强化的新一代超高强钢"])
    }

    @Test func aMethodProposedIsAKeyTechniqueEvenWhenAProductIsNamed() throws {
        // 疫苗 is named twice, but what the team achieved is the method (提出…方法).
        let title = "常温冻干保存取得进展"
        let summary = "四川大学团队提出新型疫苗佐剂的冻干保存方法，使疫苗在常温下可保存两年。"
        let a = try Self.assess(title, summary)
        #expect(a.subtype == "关键技术")
        #expect(Self.constructionReasons(a).map(\.matched) == ["提出新型疫苗佐剂的冻干保存方法"])
        #expect(try Self.assess(title, summary, config: Self.with([])).subtype == "创新产品")
    }

    @Test func aWordThatIsNotTheHeadCancelsTheConstruction() throws {
        // 研制…装置 followed by 及关键技术: the device is not the head of what was made alone, and 机 in 机制 is no machine.
        let config = Self.with([.init(label: "创新产品", weight: 3, means: "研制出的是产品", first: ["研制"], then: ["装置", "机"],
                                      window: 20, unless: ["关键技术", "制"])])
        let a = try Self.assess("某成果", "公司研制热量表检定装置及关键技术，并阐明了误差产生机制。", config: config)
        #expect(Self.constructionReasons(a).isEmpty)
        let b = try Self.assess("某成果", "公司研制出热量表综合检定装置，已在12个省份使用。", config: config)
        #expect(Self.constructionReasons(b).count == 1)
    }

    @Test func aSubtypeConstructionDoesNotVoteForTheCategory() throws {
        // Subtype follows category: 研制出…装置 says which kind of applied result, not that the case is one.
        let title = "茶叶加工成果转化"
        let summary = "企业研制出名优茶自动化加工装置，通过技术入股转化给合资公司，推广应用到200家茶厂，新增产值2亿元。"
        let without = try Self.assess(title, summary, config: Self.with([]))
        let with = try Self.assess(title, summary, config: Self.with([
            .init(label: "创新产品", weight: 30, means: "研制出的是产品", first: ["研制"], then: ["装置"], window: 20),
        ]))
        #expect(with.category == "成果转移转化案例")
        #expect(Self.constructionReasons(with).count == 1)
        let tally = { (a: Assessment) in a.reasons.first { $0.rule == "tally" && $0.conclusion.hasPrefix("成果类别") }?.conclusion }
        #expect(tally(with) == tally(without))
    }

    // MARK: - The summary's first sentence

    @Test func aCueInTheFirstSentenceCountsMore() throws {
        let summary = "团队建成国内首条千吨级生产线并实现产业化。该线年产值达3亿元。"
        let plain = try Self.assess("某材料成果", summary, config: Self.with([], lead: 1))
        let lead = try Self.assess("某材料成果", summary, config: Self.with([], lead: 2))
        let inFirst = { (a: Assessment) in a.reasons.first { $0.rule == "transferEvidence" && $0.matched == "实现产业化" } }
        let w1 = try #require(inFirst(plain)).weight
        let w2 = try #require(inFirst(lead))
        #expect(w2.weight == 2 * w1)
        #expect(w2.conclusion.contains("首句"))
        // A cue only in a later sentence counts as before.
        let later = try Self.assess("某材料成果", "团队完成中试。随后实现产业化。", config: Self.with([], lead: 2))
        #expect(inFirst(later)?.weight == w1)
    }

    // MARK: - Configuration

    @Test func aConstructionWithAnUnknownLabelIsRefusedWithItsPath() throws {
        var config = ScoringConfig.rulesAlone
        config.constructions.append(.init(label: "平台", weight: 5, means: "平台", first: ["获批"], then: ["平台"], window: 10))
        let path = "scoring.constructions[\(config.constructions.count - 1)].label"
        #expect(throws: ConfigError.self) { try config.validate(file: "pipeline.json") }
        do {
            try config.validate(file: "pipeline.json")
        } catch let e as ConfigError {
            #expect(e.path == path)
        }
    }

    @Test func aConstructionWithoutWordsOrWithAWideWindowIsRefused() throws {
        for bad in [ScoringConfig.Construction(label: "其它", weight: 5, means: "x", first: [], then: ["建成"], window: 10),
                    ScoringConfig.Construction(label: "其它", weight: 5, means: "x", first: ["实验室"], then: ["建成"], window: 500)] {
            var config = ScoringConfig.rulesAlone
            config.constructions = [bad]
            #expect(throws: ConfigError.self) { try config.validate(file: "pipeline.json") }
        }
    }

    @Test func aLeadWeightOutOfRangeIsRefused() throws {
        var config = ScoringConfig.rulesAlone
        config.decision.leadSentenceWeight = 0.5
        #expect(throws: ConfigError.self) { try config.validate(file: "pipeline.json") }
    }
}

/// The shipped constructions for the other classes the issue names: a book for the public, a sale of a patent.
@Suite struct ScoreShippedConstructionTests {
    @Test func aBookForYoungReadersIsOther() throws {
        let a = try ScoreConstructionTests.assess("《熊猫的秘密》获评优秀读物",
                                                  "四川科学技术出版社出版的少儿科学读物《熊猫的秘密》以图画讲述大熊猫的栖息地与保护，获评年度优秀科普作品。")
        #expect(a.category == "其它")
        #expect(ScoreConstructionTests.constructionReasons(a).contains { $0.conclusion.contains("科普读物") })
    }

    @Test func aPatentSoldIsATransfer() throws {
        let a = try ScoreConstructionTests.assess("钒电池电解液制备专利实施",
                                                  "攀钢研究院将钒电池电解液制备系列专利以独家方式转让给省内储能企业，企业据此建设电解液生产线。")
        #expect(a.category == "成果转移转化案例")
        // The production line built on it (建设…生产线) is transfer evidence too (docs/labelling.md §1).
        #expect(ScoreConstructionTests.constructionReasons(a).map(\.matched).contains("专利以独家方式转让"))
    }
}
