@testable import BulletinCore
import Foundation
import Testing

/// The words and ranges written once in round 11 (issue 14: the per-row cost of a spreadsheet) are the ones the rules
/// wrote per case before.
struct ScoreSpeedEquivalence11Tests {
    static let texts: [String] = [
        "", "达到国际领先水平", "总体达到国际先进水平，部分指标达到国际领先。", "技术水平较国外同类产品相比接近国际先进",
        "实现销售收入1.2亿元，新增利润3,000万元，带动就业500人。", "授权发明专利12件，制定并发布国家标准3项。",
        "全角ＡＢ达到国内领先", "e\u{301}达到国内先进", "😀填补国内空白，达到国际先进水平", "\r\n国内首创\n",
    ]

    static func assess(_ title: String, _ summary: String, config: ScoringConfig) throws -> Assessment {
        try Scorer(config: config, profile: "sichuan").assess([.title: title, .summary: summary], extras: [:])
    }

    /// `appendRanges` into an emptied buffer (as the economic benefit rule now asks; tried and measured dearer for the
    /// level claims) gives what `ranges(in:)` gave, for every cue of both rules, on texts with and without findings.
    @Test func appendRangesIsRangesForTheLevelAndAmountCues() throws {
        let config = try ScoreTestSupport.rulesAloneScoring()
        let reader = try LevelClaimReader(config: config, file: "pipeline.json")
        let indicators = try compilePhrases(config.evidence.economicBenefit.indicators, path: "indicators", file: "pipeline.json")
        let cues = reader.rungs.flatMap { $0.explicit.cues + $0.implied.cues } + indicators
        #expect(!cues.isEmpty)
        var found: [NSRange] = []
        var nonEmpty = 0
        for t in Self.texts {
            let text = ScoringText(field: .summary, text: t, weight: 1)
            for cue in cues {
                found.removeAll(keepingCapacity: true)
                cue.appendRanges(in: text, to: &found)
                #expect(found == cue.ranges(in: text), "\(t)")
                if !found.isEmpty { nonEmpty += 1 }
            }
        }
        #expect(nonEmpty > 5)  // the texts exercise cues that find something
    }

    /// A construction's conclusion, written once per construction, is the one written per finding before: the
    /// category or the subtype (with its category) it points at, and the lead-sentence note only in the first sentence.
    @Test func constructionConclusionsAreTheInterpolatedOnes() throws {
        var config = try ScoreTestSupport.rulesAloneScoring()
        config.constructions = [
            .init(label: "其它", weight: 5, means: "设施或平台建成", first: ["实验室"], then: ["建成"], window: 20),
            .init(label: "创新产品", weight: 5, means: "研制出产品", first: ["研制出"], then: ["装置"], window: 20),
        ]
        config.decision.leadSentenceWeight = 1.5
        let a = try Self.assess("某成果", "团队研制出新型装置。依托的重点实验室二期建成，面向全国开放。", config: config)
        let reasons = a.reasons.filter { $0.rule == ConstructionRule.name }
        let subtypeCategory = try #require(AchievementTaxonomy.category(ofSubtype: "创新产品"))
        // In the order of the constructions.
        #expect(reasons.map(\.conclusion) == [
            "设施或平台建成，指向成果类别「其它」",
            "研制出产品，指向子类「创新产品」（\(subtypeCategory)）" + "（首句，×\(Tally.format(1.5))）",
        ])
    }

    /// The four proximity rules' conclusion, written once, names the voter's label as before.
    @Test func proximityConclusionsNameTheLabel() throws {
        let config = try ScoreTestSupport.rulesAloneScoring()
        let patent = try GrantedPatentRule(config: config, file: "pipeline.json")
        #expect(patent.conclusion == "发明专利已授权：发明专利的证据，指向「\(patent.voter.label)」")
        let standard = try StandardIssuedRule(config: config, file: "pipeline.json")
        #expect(standard.conclusion == "主持/制定并发布标准：标准的证据，指向「\(standard.voter.label)」")
        let variety = try VarietyApprovalRule(config: config, file: "pipeline.json")
        #expect(variety.conclusion == "品种通过审定/登记/鉴定：生物品种的证据，指向「\(variety.voter.label)」")
        let book = try AcademicPublisherRule(config: config, file: "pipeline.json")
        #expect(book.conclusion == "学术出版机构出版：专著的证据，指向「\(book.voter.label)」")
        let a = try Self.assess("某成果", "项目授权发明专利12件。", config: config)
        #expect(a.reasons.contains { $0.rule == GrantedPatentRule.name && $0.conclusion == patent.conclusion })
    }

    /// The completeness and amount conclusions, written at once, read as the interpolations did.
    @Test func completenessAndAmountConclusions() throws {
        let config = try ScoreTestSupport.rulesAloneScoring()
        let summary = "项目成果实现销售收入1.2亿元，新增利润3000万元。"
        let a = try Self.assess("某成果", summary, config: config)
        let completeness = try #require(a.reasons.first { $0.rule == CompletenessRule.name })
        let missing = Field.allCases.filter { $0 != .title && $0 != .summary }.map(\.rawValue).joined(separator: "、")
        let full = max(1, config.score.fullSummaryCharacters)
        #expect(completeness.conclusion == "完整度：缺 \(missing)；简介 \(TextForm.characterCount(summary)) 字（满分长度 \(full) 字）→ \(Tally.format(completeness.weight)) 分")
        let amount = try #require(a.reasons.first { $0.rule == EconomicBenefitRule.name && $0.conclusion.hasPrefix("金额分") })
        #expect(amount.conclusion == "金额分：最大金额 \(Tally.format(a.amountWanYuan ?? -1)) 万元 → \(Tally.format(amount.weight)) 分")
        let evidence = a.reasons.filter { $0.rule == EconomicBenefitRule.name && !$0.conclusion.hasPrefix("金额分") }
        #expect(!evidence.isEmpty)
        for e in evidence {
            #expect(e.conclusion.hasPrefix("经济效益「\(e.matched)」（") && e.conclusion.hasSuffix("万元）：成果转移转化的证据"))
        }
    }
}
