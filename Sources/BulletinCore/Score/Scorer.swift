/// Scores normalised submissions: category, subtype, level, industry, score, each with its reasons.
///
/// Built once from the `scoring` section of pipeline.json (rules compiled, patterns checked), then
/// applied to any number of cases, from any number of tasks: it holds only immutable values.
/// For each case the evidence rules read the text and vote, the votes are counted (`tally`), the review
/// rules read the decisions and the declared rows, and the formula adds up the score.
public struct Scorer: Sendable {
    /// The configuration the scorer was built from.
    public let config: ScoringConfig
    /// The rule profile (sichuan, zhejiang).
    public let profile: String
    let evidenceRules: [any ScoringRule]
    let reviewRules: [any ScoringRule]
    /// The statistical layer, when `scoring.model.enabled` (or set by `with(modelLayer:)`).
    public private(set) var modelLayer: ModelLayer?

    /// The name under which configuration errors are reported when the scorer builds itself.
    static let configFile = "pipeline.json"

    /// Builds the scorer from the configuration; throws a ConfigError (with the JSON path) for an unknown
    /// rule or profile, a bad weight or a malformed pattern.
    public init(config: ScoringConfig, profile: String) throws {
        let file = Self.configFile
        // A configuration equal to one whose validation passed (and kept its rules) is not validated again: loading
        // pipeline.json validated it, and validation reads nothing but the configuration.
        if BuiltRules.rules(for: config) == nil { try config.validate(file: file) }
        guard let selected = config.profiles[profile] else {
            throw ConfigError(file: file, path: "profile",
                              message: "is \"\(profile)\", which scoring.profiles does not define; use one of \(config.profiles.keys.sorted().joined(separator: ", "))")
        }
        var evidence: [any ScoringRule] = []
        var review: [any ScoringRule] = []
        // The rules `validate` built from this configuration, when it kept them (else each is built here).
        let built = BuiltRules.rules(for: config)
        for (k, type) in ScoringRules.all.enumerated() where config.ruleSwitch(type.name).enabled {
            if type.profileOnly && !selected.rules.contains(type.name) { continue }
            let rule = try built.map { $0[k] } ?? type.init(config: config, file: file)
            switch type.phase {
            case .evidence: evidence.append(rule)
            case .review: review.append(rule)
            }
        }
        self.config = config
        self.profile = profile
        evidenceRules = evidence
        reviewRules = review
        if let model = config.model, model.enabled {
            modelLayer = try ModelLayer(settings: model, directory: config.directory, file: config.configFile ?? file)
        }
    }

    /// The same scorer with another model layer (nil: rules alone).
    public func with(modelLayer: ModelLayer?) -> Scorer {
        var copy = self
        copy.modelLayer = modelLayer
        return copy
    }

    /// The names of the rules that run, in order.
    public var ruleNames: [String] {
        (evidenceRules + reviewRules).map { type(of: $0).name }
    }

    /// Assesses one submission's normalised fields and optional rows.
    public func assess(_ fields: [Field: String], extras: [OptionalField: String]) -> Assessment {
        var sheet = ScoreSheet(fields: fields, extras: extras, profile: profile, fieldWeights: config.fieldWeights)
        for rule in evidenceRules { rule.apply(to: &sheet) }
        Tally.decide(&sheet, decision: config.decision)
        // The model layer acts before the review rules, on the labels the confidence assessor will find weak: it reads
        // them from the assessor's reading of the text's labels and the vote totals, which the review rules leave as
        // they are; the assessor takes both over (the reading where the model changed no label).
        var totals: VoteTotals?
        var reading: TextReading?
        var modelReview: [String] = []
        if let layer = modelLayer {
            let counted = VoteTotals(sheet, decision: config.decision)
            let text = ConfidenceAssessor.read(sheet, totals: counted, decision: config.decision)
            (totals, reading) = (counted, text)
            var weak = text.weak
            if !weak.any && layer.readsThin { weak.thin = layer.restsOnFewVotes(sheet) }
            if let outcome = layer.outcome(for: sheet, weak: weak) {
                ModelLayer.apply(outcome, to: &sheet)
                modelReview = outcome.review
            }
        }
        for rule in reviewRules { rule.apply(to: &sheet) }
        let score = ScoreFormula.score(&sheet, weights: config.score)
        // The model's review reasons come after the assessor's new ones, and all new ones are flagged 需人工确认.
        let (confidence, rulesReview, newFlags) = ConfidenceAssessor.assess(sheet, decision: config.decision, totals: totals, reading: reading)
        let review = modelReview.isEmpty ? rulesReview : Array(rulesReview.prefix(newFlags)) + modelReview + rulesReview.dropFirst(newFlags)
        for r in review.prefix(newFlags + modelReview.count) { sheet.flag("需人工确认：\(r)") }
        return Assessment(sheet, score: score, confidence: confidence, review: review)
    }
}
