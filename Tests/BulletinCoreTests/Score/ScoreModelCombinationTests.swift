import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinCore

/// How rules and model combine as chosen out of fold (docs/scoring.md, "Rules and model combined, chosen out of fold"):
/// the rules' evidence that `evaluate --cases-json` exports, the industry's log-odds override, the flags on labels the
/// model gives little, and the thin labels the layer reads for them.
struct ScoreModelCombinationTests {
    static let root = TestSupport.root

    static func realSet(_ name: String) throws -> [LabelledCase] {
        try LabelledSet.load(from: root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled/real/\(name).json")).cases
    }

    /// The layer as pipeline.json ships it.
    static func shippedLayer() throws -> ModelLayer {
        try #require(try ScoreTestSupport.shippedScorer().modelLayer)
    }

    static let sets = ["train", "dev", "holdout4"]

    /// The shipped settings, and the model read also where the category or industry rests on one vote.
    static func thinLayer() throws -> ModelLayer {
        var settings = try #require(try ScoreTestSupport.shippedScorer().config.model)
        settings.thinVotes = 1
        settings.flagBelow.category = 0.1
        return try ModelLayer(settings: settings, directory: root)
    }

    // MARK: - Settings

    @Test func pipelineJSONShipsTheOutOfFoldChoice() throws {
        let model = try #require(try ScoreTestSupport.shippedScorer().config.model)
        #expect(model.enabled)
        #expect(model.categoryOverrideAbove == 0.6)
        #expect(model.industryOverrideLogOdds == 1.5)
        #expect(model.flagBelow == ScoringConfig.Model.FlagBelow(category: 0, subtype: 0.3, industry: 0.3))
        #expect(model.thinVotes == nil, "reading thin labels too cost +3.05% a submission")
        #expect(try !Self.shippedLayer().readsThin)
        #expect(model.flagAbove == ScoringConfig.Model.FlagAbove(category: 0),
                "a sure category the model disagrees with is flagged (flag22); a sure industry is not")
    }

    @Test func keysLeftOutKeepTheLayerAsItWas() throws {
        let old = try JSONDecoder().decode(ScoringConfig.Model.self, from: Data(#"{"enabled": true, "weights": "w.json"}"#.utf8))
        #expect(old.industryOverrideLogOdds == nil)
        #expect(old.flagBelow == ScoringConfig.Model.FlagBelow())
        #expect(old.thinVotes == nil)
        #expect(old.industryOverrideHeldLogOdds == nil)
        #expect(old.industryOverrideAbove == 0.4)
        let some = try JSONDecoder().decode(ScoringConfig.Model.self, from: Data(#"{"weights": "w.json", "flagBelow": {"industry": 0.2}}"#.utf8))
        #expect(some.flagBelow == ScoringConfig.Model.FlagBelow(category: 0, subtype: 0, industry: 0.2))
    }

    // MARK: - The rules' evidence

    @Test func theRulesEvidenceIsWhatTheRulesAloneConcludeAndFlag() throws {
        let scorer = try ScoreTestSupport.rulesScorer()
        for c in try Self.realSet("dev") {
            let fields: [Field: String] = [.title: c.title, .summary: c.summary]
            let a = scorer.assess(fields, extras: [:])
            let e = scorer.ruleEvidence(fields)
            #expect([e.category.label, e.subtype.label, e.level, e.industry.label] == [a.category, a.subtype, a.level, a.industry], "\(c.id)")
            let confidence = try #require(a.confidence)
            #expect([e.category.confidence, e.subtype.confidence, e.industry.confidence] == [confidence.category, confidence.subtype, confidence.industry], "\(c.id)")
            for (weak, prefix) in [(e.category.weak, "成果类别「"), (e.subtype.weak, "子类「"), (e.industry.weak, "产业「")] {
                #expect((weak != nil) == a.reviewReasons.contains { $0.hasPrefix(prefix) }, "\(c.id) \(prefix)")
                if let weak { #expect(a.reviewReasons.contains(weak), "\(c.id)") }
            }
            // A label with votes has a total; the votes counted are the label's positive ones.
            if e.industry.votes > 0 { #expect((e.industry.totals[e.industry.label] ?? 0) > 0, "\(c.id)") }
        }
    }

    @Test func casesJSONHoldsTheRulesTheEvidenceAndTheConfiguredLabels() throws {
        let cases = Array(try Self.realSet("dev").prefix(12))
        let shipped = try ScoreTestSupport.shippedScorer()
        let data = try CaseEvidence.document(cases, scorer: shipped, set: "dev.json")
        #expect(try CaseEvidence.document(cases, scorer: shipped, set: "dev.json") == data, "the same bytes twice")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["set"] as? String == "dev.json")
        #expect(object["modelLayer"] as? Bool == true)
        struct Document: Decodable { var cases: [CaseEvidence] }
        let rows = try JSONDecoder().decode(Document.self, from: data).cases
        #expect(rows.map(\.id) == cases.map(\.id))
        let rules = shipped.with(modelLayer: nil)
        for (row, c) in zip(rows, cases) {
            let fields: [Field: String] = [.title: c.title, .summary: c.summary]
            #expect(row.expected == c.expected)
            #expect(row.rules == CaseEvidence.Outcome(rules.assess(fields, extras: [:])))
            #expect(row.configured == CaseEvidence.Outcome(shipped.assess(fields, extras: [:])))
            #expect(row.evidence == rules.ruleEvidence(fields))
        }
    }

    // MARK: - Thin labels

    @Test func theLayerReadsAThinLabelExactlyWhereTheEvidenceCountsOneVote() throws {
        let scorer = try ScoreTestSupport.rulesScorer()
        let layer = try Self.thinLayer()
        #expect(layer.readsThin)
        var thin = 0
        for name in Self.sets {
            for c in try Self.realSet(name) {
                let fields: [Field: String] = [.title: c.title, .summary: c.summary]
                var sheet = ScoreSheet(fields: fields, extras: [:], profile: scorer.profile, fieldWeights: scorer.config.fieldWeights)
                for rule in scorer.evidenceRules { rule.apply(to: &sheet) }
                Tally.decide(&sheet, decision: scorer.config.decision)
                let e = scorer.ruleEvidence(fields)
                let expected = e.category.votes <= 1 || e.industry.votes <= 1
                #expect(layer.restsOnFewVotes(sheet) == expected, "\(name) \(c.id)")
                thin += expected ? 1 : 0
            }
        }
        #expect(thin > 10, "\(thin)")
    }

    // MARK: - The industry's log-odds override and the flags

    /// The figures a model reason or review reason quotes after `marker`.
    static func figure(after marker: String, in text: String) -> Double? {
        guard let r = text.range(of: marker) else { return nil }
        return Double(text[r.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" })
    }

    @Test func aWeakIndustryIsReplacedExactlyWhereTheModelsLogOddsClearTheRulesConfidence() throws {
        let rules = try ScoreTestSupport.rulesScorer()
        let shipped = try ScoreTestSupport.shippedScorer()
        let layer = try Self.shippedLayer()
        var replaced = 0, disagreed = 0
        for name in Self.sets {
            for c in try Self.realSet(name) {
                let fields: [Field: String] = [.title: c.title, .summary: c.summary]
                let r = rules.assess(fields, extras: [:]), b = shipped.assess(fields, extras: [:])
                let e = rules.ruleEvidence(fields)
                let p = layer.probabilities("industry", title: c.title, summary: c.summary)
                let top = try #require(p.max { $0.value < $1.value })
                guard e.industry.weak != nil else {
                    #expect(b.industry == r.industry, "\(name) \(c.id): a label the rules hold is never replaced")
                    continue
                }
                guard top.key != r.industry else { continue }
                disagreed += 1
                let odds = log(top.value / max(p[r.industry] ?? 0, 1e-12))
                #expect((b.industry == top.key) == (odds > 1.5 * e.industry.confidence), "\(name) \(c.id): \(odds) against \(e.industry.confidence)")
                if b.industry != r.industry {
                    replaced += 1
                    let reason = try #require(b.reasons.first { $0.rule == ModelLayer.ruleName && $0.conclusion.hasPrefix("产业改取「\(b.industry)」") })
                    #expect(Self.figure(after: "× 规则把握 ", in: reason.conclusion) == e.industry.confidence)
                    #expect(abs((Self.figure(after: "对数比 ", in: reason.conclusion) ?? 0) - odds) < 0.01, "\(reason.conclusion)")
                    #expect(b.needsReview, "a replaced label carries no votes and stays a question")
                }
            }
        }
        #expect(replaced > 3 && disagreed > replaced - 1, "\(replaced) of \(disagreed)")
    }

    /// The shipped settings, and an industry the rules hold replaced where the model's log-odds clear k × the rules'
    /// confidence (the model read for the industry on every submission).
    static func heldLayer(_ k: Double) throws -> ModelLayer {
        var settings = try #require(try ScoreTestSupport.shippedScorer().config.model)
        settings.industryOverrideHeldLogOdds = k
        return try ModelLayer(settings: settings, directory: root)
    }

    @Test func aHeldIndustryIsReplacedExactlyWhereTheLogOddsClearTheSettingTimesTheRulesConfidence() throws {
        let rules = try ScoreTestSupport.rulesScorer()
        let shipped = try ScoreTestSupport.shippedScorer()
        let held = shipped.with(modelLayer: try Self.heldLayer(2))
        let layer = try Self.shippedLayer()
        var replaced = 0, kept = 0
        for name in Self.sets {
            for c in try Self.realSet(name) {
                let fields: [Field: String] = [.title: c.title, .summary: c.summary]
                let r = rules.assess(fields, extras: [:]), b = shipped.assess(fields, extras: [:]), h = held.assess(fields, extras: [:])
                let e = rules.ruleEvidence(fields)
                #expect(h.category == b.category && h.subtype == b.subtype, "\(name) \(c.id): only the industry moves")
                guard e.industry.weak == nil else {
                    #expect(h.industry == b.industry, "\(name) \(c.id): a weak industry as the shipped layer leaves it")
                    continue
                }
                let p = layer.probabilities("industry", title: c.title, summary: c.summary)
                let top = try #require(p.max { $0.value < $1.value })
                let odds = log(top.value / max(p[r.industry] ?? 0, 1e-12))
                let expected = top.key != r.industry && odds > 2 * e.industry.confidence
                #expect((h.industry != r.industry) == expected, "\(name) \(c.id): \(odds) against 2 × \(e.industry.confidence)")
                if expected {
                    replaced += 1
                    #expect(h.industry == top.key)
                    let reason = try #require(h.reasons.first { $0.rule == ModelLayer.ruleName && $0.conclusion.hasPrefix("产业改取「\(h.industry)」：规则取「\(r.industry)」") })
                    #expect(Self.figure(after: "× 规则把握 ", in: reason.conclusion) == e.industry.confidence)
                    #expect(abs((Self.figure(after: "对数比 ", in: reason.conclusion) ?? 0) - odds) < 0.01, "\(reason.conclusion)")
                } else {
                    kept += 1
                    #expect(h.industry == b.industry && h.reviewReasons == b.reviewReasons, "\(name) \(c.id): kept, flagged as shipped")
                }
            }
        }
        #expect(replaced > 0 && kept > replaced, "\(replaced) replaced, \(kept) kept")
    }

    @Test func aLabelTheModelGivesLittleIsFlaggedAndKept() throws {
        let rules = try ScoreTestSupport.rulesScorer()
        let shipped = try ScoreTestSupport.shippedScorer()
        let below = ["成果类别": 0, "子类": 0.3, "产业": 0.3]
        var flagged: [String: Int] = [:]
        for name in Self.sets {
            for c in try Self.realSet(name) {
                let fields: [Field: String] = [.title: c.title, .summary: c.summary]
                let b = shipped.assess(fields, extras: [:])
                for reason in b.reviewReasons where reason.contains("规则依据单薄或模型不认同") {
                    let r = rules.assess(fields, extras: [:])
                    let name = try #require(below.keys.first { reason.hasPrefix("\($0)「") }, "\(reason)")
                    flagged[name, default: 0] += 1
                    let p = try #require(Self.figure(after: "只给 ", in: reason) ?? Self.figure(after: "把握只有 ", in: reason))
                    #expect(p < (below[name] ?? 0), "\(c.id): \(reason)")
                    #expect(reason.hasSuffix("请确认"))
                    #expect(b.needsReview && b.flags.contains("需人工确认：\(reason)"))
                    // The flag keeps the rules' label, which the assessor did not find weak.
                    let label = name == "成果类别" ? b.category : name == "子类" ? b.subtype : b.industry
                    #expect(reason.hasPrefix("\(name)「\(label)」"))
                    #expect([r.category, r.subtype, r.industry].contains(label))
                    #expect(!r.reviewReasons.contains { $0.hasPrefix("\(name)「") }, "\(c.id): the rules had not flagged it")
                }
            }
        }
        #expect((flagged["产业"] ?? 0) > 3, "\(flagged)")
        #expect((flagged["子类"] ?? 0) > 0, "\(flagged)")
    }

    /// (`flagAbove` 1.01, as before flag22: the shipped layer now reads the category everywhere, ScoreModelCategoryFlagTests.)
    @Test func withNothingWeakAndNothingThinTheModelIsNotRead() throws {
        var settings = try #require(try ScoreTestSupport.shippedScorer().config.model)
        settings.flagAbove = 1.01
        let layer = try ModelLayer(settings: settings, directory: Self.root)
        let scorer = try ScoreTestSupport.rulesScorer()
        let c = try #require(try Self.realSet("dev").first)
        var sheet = ScoreSheet(fields: [.title: c.title, .summary: c.summary], extras: [:], profile: scorer.profile, fieldWeights: scorer.config.fieldWeights)
        for rule in scorer.evidenceRules { rule.apply(to: &sheet) }
        Tally.decide(&sheet, decision: scorer.config.decision)
        #expect(layer.outcome(for: sheet, weak: ModelLayer.Weak(category: false, subtype: false, industry: false)) == nil)
    }
}
