import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinCore

/// `flagAbove` per dimension (docs/scoring.md, "Category flags where the model disagrees (flag22)"; issue 12 item 6):
/// where the rules hold a category (not weak) and the model's most probable category is another, the rules' category
/// stays and is flagged 需人工确认 with the model's label; nothing else changes.
struct ScoreModelCategoryFlagTests {
    static let root = TestSupport.root

    static func realSet(_ name: String) throws -> [LabelledCase] {
        try LabelledSet.load(from: root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled/real/\(name).json")).cases
    }

    /// The shipped settings with `flagAbove` replaced.
    static func scorer(flagAbove: ScoringConfig.Model.FlagAbove) throws -> Scorer {
        let shipped = try ScoreTestSupport.shippedScorer()
        var settings = try #require(shipped.config.model)
        settings.flagAbove = flagAbove
        return shipped.with(modelLayer: try ModelLayer(settings: settings, directory: root))
    }

    static let sets = ["train", "dev", "holdout4"]
    static let prefix = "成果类别：规则取「"

    @Test func pipelineJSONFlagsTheCategoryAloneWhereverTheModelDisagrees() throws {
        let model = try #require(try ScoreTestSupport.shippedScorer().config.model)
        #expect(model.flagAbove == ScoringConfig.Model.FlagAbove(category: 0))
        #expect(!model.flagAbove.everywhere && model.flagAbove.flagsCategory && !model.flagAbove.flagsIndustry)
    }

    /// Against the same layer with `flagAbove` 1.01 (main before flag22): the same labels and the same reasons on
    /// every case; a category flag exactly where the rules' category is not weak and the model's most probable one is
    /// another, naming both labels; no other review reason added or lost.
    @Test func aSureCategoryTheModelContradictsIsFlaggedAndNothingElseChanges() throws {
        let before = try Self.scorer(flagAbove: 1.01)
        let after = try Self.scorer(flagAbove: ScoringConfig.Model.FlagAbove(category: 0))
        let rules = try ScoreTestSupport.rulesScorer()
        let layer = try #require(after.modelLayer)
        var flagged = 0, agreed = 0, weakDisagreed = 0
        for name in Self.sets {
            for c in try Self.realSet(name) {
                let fields: [Field: String] = [.title: c.title, .summary: c.summary]
                let a = before.assess(fields, extras: [:]), b = after.assess(fields, extras: [:])
                #expect([a.category, a.subtype, a.level, a.industry] == [b.category, b.subtype, b.level, b.industry], "\(name) \(c.id)")
                #expect(a.reasons == b.reasons, "\(name) \(c.id): the flag notes no reason of its own")
                let new = b.reviewReasons.filter { !a.reviewReasons.contains($0) }
                #expect(a.reviewReasons.allSatisfy(b.reviewReasons.contains), "\(name) \(c.id): no flag lost")
                let p = layer.probabilities("category", title: c.title, summary: c.summary)
                let top = try #require(p.max { $0.value < $1.value })
                let weak = rules.ruleEvidence(fields).category.weak != nil
                if !weak && top.key != b.category {
                    flagged += 1
                    #expect(new.count == 1, "\(name) \(c.id): \(new)")
                    let reason = try #require(new.first)
                    #expect(reason.hasPrefix("\(Self.prefix)\(b.category)」，模型倾向「\(top.key)」（把握 \(Tally.format(top.value))"), "\(reason)")
                    #expect(reason.contains("依据字串 「") && reason.hasSuffix("规则有把握而模型不认同，请确认"), "\(reason)")
                    #expect(b.needsReview && b.flags.contains("需人工确认：\(reason)"))
                } else {
                    if weak && top.key != b.category { weakDisagreed += 1 }
                    if !weak { agreed += 1 }
                    #expect(new.isEmpty, "\(name) \(c.id) (weak \(weak)): \(new)")
                    #expect(a.needsReview == b.needsReview && a.flags == b.flags, "\(name) \(c.id)")
                }
            }
        }
        // The weights were trained on these sets, so the model seldom contradicts their rules (3 on 2026-12-02).
        #expect(flagged > 0 && agreed > flagged, "\(flagged) flagged, \(agreed) agreed")
        #expect(weakDisagreed > 0, "a weak category the model disagrees with is decided as before: \(weakDisagreed)")
    }

    /// A weak category is decided as before: replaced where the model is sure enough, otherwise kept with the
    /// assessor's reason, never also flagged as a disagreement.
    @Test func aWeakCategoryIsDecidedAsBeforeWithNoSecondReason() throws {
        let after = try Self.scorer(flagAbove: ScoringConfig.Model.FlagAbove(category: 0))
        let rules = try ScoreTestSupport.rulesScorer()
        var weak = 0
        for name in Self.sets {
            for c in try Self.realSet(name) {
                let fields: [Field: String] = [.title: c.title, .summary: c.summary]
                guard rules.ruleEvidence(fields).category.weak != nil else { continue }
                weak += 1
                let b = after.assess(fields, extras: [:])
                #expect(!b.reviewReasons.contains { $0.hasPrefix(Self.prefix) }, "\(name) \(c.id): \(b.reviewReasons)")
            }
        }
        #expect(weak > 10, "\(weak)")
    }

    /// The per-dimension form with nothing weak reads the category only: no `flagBelow` (which the scalar form applies
    /// on every submission), no industry flag, no reason noted.
    @Test func theCategoryFormReadsOnlyTheCategoryWhereNothingIsWeak() throws {
        let shipped = try ScoreTestSupport.shippedScorer()
        var settings = try #require(shipped.config.model)
        settings.flagAbove = ScoringConfig.Model.FlagAbove(category: 0)
        settings.flagBelow = ScoringConfig.Model.FlagBelow(category: 0.99, subtype: 0.99, industry: 0.99)
        let layer = try ModelLayer(settings: settings, directory: Self.root)
        var scalar = settings
        scalar.flagAbove = .all(0)
        let everywhere = try ModelLayer(settings: scalar, directory: Self.root)
        let scorer = try ScoreTestSupport.rulesScorer()
        var read = 0, scalarFlagsMore = 0
        for c in try Self.realSet("dev") {
            var sheet = ScoreSheet(fields: [.title: c.title, .summary: c.summary], extras: [:], profile: scorer.profile, fieldWeights: scorer.config.fieldWeights)
            for rule in scorer.evidenceRules { rule.apply(to: &sheet) }
            Tally.decide(&sheet, decision: scorer.config.decision)
            let none = ModelLayer.Weak(category: false, subtype: false, industry: false)
            let o = layer.outcome(for: sheet, weak: none)
            let top = try #require(layer.probabilities("category", title: c.title, summary: c.summary).max { $0.value < $1.value })
            #expect((o != nil) == (top.key != sheet.inferred.category), "\(c.id)")
            if let o {
                read += 1
                #expect(o.reasons.isEmpty && o.labels == sheet.inferred)
                #expect(o.review.count == 1 && o.review[0].hasPrefix(Self.prefix), "\(c.id): \(o.review)")
            }
            scalarFlagsMore += (everywhere.outcome(for: sheet, weak: none)?.review.count ?? 0) > (o?.review.count ?? 0) ? 1 : 0
        }
        #expect(read > 0 && scalarFlagsMore > read, "\(read) flagged; the scalar form flags more on \(scalarFlagsMore)")
    }

    // MARK: - Reading the key

    @Test func flagAboveIsOneNumberOrAnObjectOfDimensions() throws {
        func model(_ flagAbove: String) throws -> ScoringConfig.Model {
            try JSONDecoder().decode(ScoringConfig.Model.self, from: Data(#"{"weights": "w.json", "flagAbove": \#(flagAbove)}"#.utf8))
        }
        #expect(try model("0.9").flagAbove == .all(0.9))
        #expect(try model("0.9").flagAbove.everywhere)
        #expect(try model("1.01").flagAbove == 1.01)
        let category = try model(#"{"category": 0}"#).flagAbove
        #expect(category == ScoringConfig.Model.FlagAbove(category: 0) && !category.everywhere && category.industry > 1)
        #expect(try model(#"{"category": 0.5, "industry": 0.8}"#).flagAbove == ScoringConfig.Model.FlagAbove(category: 0.5, industry: 0.8))
        let old = try JSONDecoder().decode(ScoringConfig.Model.self, from: Data(#"{"weights": "w.json"}"#.utf8))
        #expect(old.flagAbove == .all(1.01) && old.flagAbove.everywhere, "left out: as before, never")
        // Written back in the form it was read in.
        for text in ["0.9", #"{"category":0}"#] {
            let m = try model(text)
            let again = try JSONDecoder().decode(ScoringConfig.Model.self, from: try JSONEncoder().encode(m))
            #expect(again == m, "\(text)")
        }
    }

    @Test(arguments: [
        (#"{"categroy": 0}"#, "scoring.model.flagAbove.categroy", "is not a dimension the model flags; use category or industry"),
        (#"{"subtype": 0}"#, "scoring.model.flagAbove.subtype", "is not a dimension the model flags"),
        (#"{"category": 1.5}"#, "scoring.model.flagAbove.category", "is 1.5; use a probability from 0"),
        (#"{"category": -0.1}"#, "scoring.model.flagAbove.category", "is -0.1; use a probability from 0"),
        (#"{}"#, "scoring.model.flagAbove", "is {}, which never flags"),
        (#""0.5""#, "scoring.model.flagAbove", "flagAbove is one number (the category and the industry alike) or an object of dimensions"),
        (#"{"category": "高"}"#, "scoring.model.flagAbove.category", "should be"),
    ])
    func aBadFlagAboveIsAConfigErrorNamingTheKey(value: String, path: String, message: String) throws {
        let url = Self.root.appendingPathComponent("pipeline.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let shipped = #""flagAbove": {"category": 0},"#
        #expect(text.components(separatedBy: shipped).count == 2)
        try TestSupport.withTemporaryFolder { folder in
            let copy = folder.appendingPathComponent("pipeline.json")
            try Data(text.replacingOccurrences(of: shipped, with: #""flagAbove": \#(value),"#).utf8).write(to: copy)
            let error = try #require(throws: ConfigError.self) { try PipelineConfig.load(from: copy) }
            #expect(error.path == path, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.file == copy.path)
        }
    }
}
