import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

@testable import BulletinCore

/// The model layer (scoring.model, data/scoring-model.json): loading, agreement with the Python trainer,
/// determinism, the tie it breaks, the disagreement it flags, and evaluate's three-way report.
struct ScoreModelLayerTests {
    static let root = TestSupport.root
    static let dev = root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled/real/dev.json")

    static func settings(enabled: Bool = true, weights: String = "data/scoring-model.json", flagAbove: Double = 0.9) -> ScoringConfig.Model {
        ScoringConfig.Model(enabled: enabled, weights: weights, categoryOverrideAbove: 0.6, industryOverrideAbove: 0.4, flagAbove: flagAbove)
    }

    static func layer(flagAbove: Double = 0.9) throws -> ModelLayer {
        try ModelLayer(settings: settings(flagAbove: flagAbove), directory: root)
    }

    static func devCase(_ id: String) throws -> LabelledCase {
        try #require(try LabelledSet.load(from: dev).cases.first { $0.id == id })
    }

    // MARK: - Loading

    @Test func aMissingWeightsFileIsAConfigErrorNamingTheFileThePathAndWhatToDo() throws {
        try TestSupport.withTemporaryFolder { folder in
            let error = #expect(throws: ConfigError.self) {
                try ModelLayer(settings: Self.settings(weights: "data/没有这个模型.json"), directory: folder)
            }
            #expect(error?.path == "scoring.model.weights")
            #expect(error?.file == "pipeline.json")
            #expect(error?.message.contains(folder.appendingPathComponent("data/没有这个模型.json").path) == true)
            #expect(error?.message.contains("python3 tools/train_scoring_model.py") == true)
        }
    }

    @Test func aMalformedWeightsFileIsAConfigError() throws {
        try TestSupport.withTemporaryFolder { folder in
            let cases: [(String, String)] = [
                ("{\"features\":", "not valid JSON"),
                ("""
                {"features":{"ngrams":[1],"titleWeight":2},"dimensions":{"category":{"labels":["基础研究成果","应用研究成果","成果转移转化案例","其它"],"bias":[0,0,0,0],"grams":["揭"],"weights":["1 0 x 0"]}}}
                """, "dimensions.category is malformed"),
                ("{\"features\":{\"ngrams\":[1,2],\"titleWeight\":2},\"dimensions\":{}}", "no dimensions.category"),
                ("""
                {"features":{"ngrams":[1],"titleWeight":2},"dimensions":{"category":{"labels":["基础研究成果","应用研究成果"],"bias":[0,0],"grams":["揭"],"weights":["1 0"]}}}
                """, "dimensions.category is malformed"),
            ]
            for (i, (text, expected)) in cases.enumerated() {
                let name = "model\(i).json"
                try Data(text.utf8).write(to: folder.appendingPathComponent(name))
                let error = #expect(throws: ConfigError.self) {
                    try ModelLayer(settings: Self.settings(weights: name), directory: folder)
                }
                #expect(error?.path == "scoring.model.weights")
                #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
            }
        }
    }

    @Test func anEnabledLayerWhoseFileIsMissingStopsTheScorerAndAnOffOneIsNotLoaded() throws {
        var config = ScoringConfig.standard
        #expect(config.model?.enabled == false, "the layer ships off")
        #expect(try Scorer(config: config, profile: "sichuan").modelLayer == nil)
        config.model = Self.settings(weights: "nowhere/scoring-model.json")
        config.directory = Self.root
        let error = #expect(throws: ConfigError.self) { try Scorer(config: config, profile: "sichuan") }
        #expect(error?.path == "scoring.model.weights")
        config.model = Self.settings()
        #expect(try Scorer(config: config, profile: "sichuan").modelLayer != nil)
    }

    @Test func theWeightsPathIsResolvedAgainstPipelineJSONsFolder() throws {
        let config = try PipelineConfig.load(from: Self.root.appendingPathComponent("pipeline.json"))
        #expect(config.scoring.directory?.standardizedFileURL == Self.root.standardizedFileURL)
        let model = try #require(config.scoring.model)
        #expect(throws: Never.self) { try ModelLayer(settings: model, directory: config.scoring.directory) }
    }

    // MARK: - Agreement with Python, determinism

    @Test func theWeightReaderReadsNumbersAsStrtodDoes() throws {
        for text in ["-0.56935", "1.06109", "0.0", "-0.0", "3", "0.1111", "-0.09105", "12.5", "0.30000000000004"] {
            let fast = try #require(NgramModel.decimal(Substring(text).utf8), "\(text)")
            #expect(fast.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        for text in ["1e-05", "-2.5e-05", "0.30000000000000004", "", "-", "1.2.3", "0x1p3", "１"] {
            #expect(NgramModel.decimal(Substring(text).utf8) == nil, "\(text)")
        }
    }

    @Test func swiftAndPythonComputeTheSameProbabilities() throws {
        struct Fixture: Decodable {
            struct Case: Decodable {
                var id: String, title: String, summary: String
                var category: [String: Double], industry: [String: Double], subtype: [String: [String: Double]]
            }
            var cases: [Case]
        }
        let url = Self.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/model/agreement.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.count >= 5)
        let layer = try Self.layer()
        func same(_ a: [String: Double], _ b: [String: Double], _ what: String) {
            #expect(Set(a.keys) == Set(b.keys), "\(what): labels \(a.keys.sorted()) against \(b.keys.sorted())")
            for (label, p) in b { #expect(abs((a[label] ?? -1) - p) < 1e-9, "\(what) \(label): Swift \(a[label] ?? -1), Python \(p)") }
        }
        for c in fixture.cases {
            same(layer.probabilities("category", title: c.title, summary: c.summary), c.category, "\(c.id) category")
            same(layer.probabilities("industry", title: c.title, summary: c.summary), c.industry, "\(c.id) industry")
            for (category, expected) in c.subtype {
                same(layer.probabilities("subtype", title: c.title, summary: c.summary, category: category), expected, "\(c.id) subtype in \(category)")
            }
        }
    }

    @Test func twoLoadsScoreEveryCaseAlike() throws {
        let scorer = try ScoreTestSupport.scorer()
        let a = scorer.with(modelLayer: try Self.layer()), b = scorer.with(modelLayer: try Self.layer())
        for c in try LabelledSet.load(from: Self.dev).cases {
            let x = a.assess([.title: c.title, .summary: c.summary], extras: [:])
            let y = b.assess([.title: c.title, .summary: c.summary], extras: [:])
            #expect(x == y, "case \(c.id)")
        }
    }

    // MARK: - Combination

    @Test func theModelBreaksAContestedCategoryAndSaysSo() throws {
        // r041 (train): the rules read a reactor's demonstration plant entering commercial operation (商运投产) as a
        // transfer, against a claimed 国际领先 level, and flag it. (It was dev's r053, an exported press line, until the
        // seventh category round weighed 出口 as a product's sale, not a transfer: the guide labels r053 applied.)
        let c = try #require(try LabelledSet.load(from: Self.dev.deletingLastPathComponent().appendingPathComponent("train.json")).cases.first { $0.id == "r041" })
        let fields: [Field: String] = [.title: c.title, .summary: c.summary]
        let rules = try ScoreTestSupport.scorer().assess(fields, extras: [:])
        #expect(rules.category == "成果转移转化案例")
        #expect(rules.reviewReasons.contains { $0.hasPrefix("成果类别「成果转移转化案例」") })
        let combined = try ScoreTestSupport.scorer().with(modelLayer: try Self.layer()).assess(fields, extras: [:])
        #expect(combined.category == "应用研究成果")
        #expect(combined.subtype == "关键技术", "the subtype follows the new category")
        #expect(combined.inferred?.category == "应用研究成果")
        let changed = try #require(combined.reasons.first { $0.rule == ModelLayer.ruleName && $0.conclusion.hasPrefix("成果类别改取") })
        #expect(changed.conclusion.contains("取「成果转移转化案例」"))
        #expect(changed.conclusion.contains("模型把握 0."))
        // explain's reasons show the model's own view, with the grams behind it.
        #expect(combined.reasons.contains { $0.rule == ModelLayer.ruleName && $0.conclusion.hasPrefix("模型：成果类别倾向「应用研究成果」") && $0.conclusion.contains("推动最多的字串 「") })
        // A label the votes do not back stays a question for the reviewer.
        #expect(combined.needsReview)
    }

    @Test func aConfidentDisagreementIsFlaggedAndTheRulesLabelKept() throws {
        let scorer = try ScoreTestSupport.scorer()
        let eager = scorer.with(modelLayer: try Self.layer(flagAbove: 0.5))
        var seen = 0
        for c in try LabelledSet.load(from: Self.dev).cases {
            let fields: [Field: String] = [.title: c.title, .summary: c.summary]
            let b = eager.assess(fields, extras: [:])
            guard let reason = b.reviewReasons.first(where: { $0.contains("模型倾向") }) else { continue }
            let r = scorer.assess(fields, extras: [:])
            seen += 1
            #expect(b.needsReview)
            #expect(b.flags.contains("需人工确认：\(reason)"))
            #expect(reason.contains("两者都有把握而不一致，请确认"))
            // The rules' label of the flagged dimension is kept.
            if reason.hasPrefix("成果类别") {
                #expect(b.category == r.category && reason.contains("规则取「\(r.category)」"), "case \(c.id)")
            } else {
                #expect(reason.hasPrefix("产业"))
                #expect(b.industry == r.industry && reason.contains("规则取「\(r.industry)」"), "case \(c.id)")
            }
        }
        #expect(seen > 0, "no dev case where the model disagrees at 0.5 with a label the rules were sure of")
    }

    @Test func theSubtypeStaysInsideTheCategoryForEveryCombinedCase() throws {
        let combined = try ScoreTestSupport.scorer().with(modelLayer: try Self.layer())
        for c in try LabelledSet.load(from: Self.dev).cases {
            let a = combined.assess([.title: c.title, .summary: c.summary], extras: [:])
            if let allowed = AchievementTaxonomy.subtypesByCategory[a.category] {
                #expect(allowed.contains(a.subtype), "case \(c.id): \(a.category) / \(a.subtype)")
            } else {
                #expect(a.subtype.isEmpty, "case \(c.id): \(a.category) / \(a.subtype)")
            }
        }
    }

    // MARK: - evaluate

    @Test func theThreeWayReportAgreesWithTheRulesAndTheCombinedScorer() throws {
        let cases = try LabelledSet.load(from: Self.dev).cases
        let scorer = try ScoreTestSupport.scorer()
        let layer = try Self.layer()
        let comparison = ModelComparison.compare(cases, scorer: scorer, layer: layer)
        let rules = LabelledSetReport.evaluate(cases, scorer: scorer)
        let combined = LabelledSetReport.evaluate(cases, scorer: scorer.with(modelLayer: layer))
        #expect(comparison.cases == cases.count)
        #expect(comparison.rows.map(\.dimension) == ["category", "subtype", "industry"])
        for row in comparison.rows {
            #expect(row.rules == rules.dimensions.first { $0.name == row.dimension }?.correct)
            #expect(row.combined == combined.dimensions.first { $0.name == row.dimension }?.correct)
        }
        let modelCategory = cases.filter { layer.labels(title: $0.title, summary: $0.summary).category == $0.expected.category }.count
        #expect(comparison.rows[0].model == modelCategory)
        #expect(comparison.flaggedByRules == rules.flagged.count)
        #expect(comparison.flaggedCombined == combined.flagged.count)
        #expect(comparison.changed > 0)
        let text = comparison.description
        #expect(text.contains("model layer (data/scoring-model.json; off in pipeline.json): rules alone, model alone, combined"))
        #expect(text.contains("需人工确认 rules alone \(rules.flagged.count), combined \(combined.flagged.count)"))
    }
}
