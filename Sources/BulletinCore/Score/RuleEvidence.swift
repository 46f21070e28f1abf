import Foundation

/// What the rules alone concluded about one text and how strongly: per dimension the label, the vote totals behind
/// it, how many positive votes it got, the confidence assessor's figure and its weak-or-contested verdict. Written per
/// case by `bulletin evaluate --cases-json` so that the combination of rules and model can be chosen on out-of-fold
/// evidence by `tools/train_scoring_model.py --combine` (docs/scoring.md, "Rules and model combined, chosen out of
/// fold"). Read-only: it runs the evidence rules and the vote count as the scorer does and changes nothing.
public struct RuleEvidence: Sendable, Codable, Equatable {
    /// One dimension's evidence.
    public struct Dimension: Sendable, Codable, Equatable {
        /// The rules' label ("" for a subtype of a category without subtypes).
        public var label: String
        /// The vote totals per label (a category's include its subtypes' shares, as the tally counts them).
        public var totals: [String: Double]
        /// How many positive votes the label got (a category's count its subtypes' votes that count for it).
        public var votes: Int
        /// The confidence assessor's figure for the label (0 to 1).
        public var confidence: Double
        /// The assessor's review reason when it finds the label weak or contested; nil when it does not.
        public var weak: String?
    }

    /// Category.
    public var category: Dimension
    /// Subtype (within the category).
    public var subtype: Dimension
    /// Industry.
    public var industry: Dimension
    /// The level claimed ("" for none).
    public var level: String
}

extension Scorer {
    /// The rules' evidence for a submission's texts: the evidence rules and the tally, then the confidence assessor's
    /// reading of the text's labels, as `assess` computes them before the model layer (which this does not run).
    public func ruleEvidence(_ fields: [Field: String]) -> RuleEvidence {
        var sheet = ScoreSheet(fields: fields, extras: [:], profile: profile, fieldWeights: config.fieldWeights)
        for rule in evidenceRules { rule.apply(to: &sheet) }
        Tally.decide(&sheet, decision: config.decision)
        let totals = VoteTotals(sheet, decision: config.decision)
        let reading = ConfidenceAssessor.read(sheet, totals: totals, decision: config.decision)
        let labels = reading.labels
        var votes = [0, 0, 0]
        for v in sheet.votes where v.weight > 0 {
            switch v.dimension {
            case .category:
                if v.label == labels.category { votes[0] += 1 }
            case .subtype:
                if v.label == labels.subtype { votes[1] += 1 }
                if v.countsForCategory, AchievementTaxonomy.subtypesByCategory[labels.category]?.contains(v.label) == true { votes[0] += 1 }
            case .industry:
                if v.label == labels.industry { votes[2] += 1 }
            }
        }
        return RuleEvidence(
            category: .init(label: labels.category, totals: totals.category.dictionary, votes: votes[0],
                            confidence: ConfidenceAssessor.rounded(reading.category), weak: reading.categoryReason),
            subtype: .init(label: labels.subtype, totals: totals.subtype.dictionary, votes: votes[1],
                           confidence: ConfidenceAssessor.rounded(reading.subtype), weak: reading.subtypeReason),
            industry: .init(label: labels.industry, totals: totals.industry.dictionary, votes: votes[2],
                            confidence: ConfidenceAssessor.rounded(reading.industry), weak: reading.industryReason),
            level: labels.level)
    }
}

/// One case of `bulletin evaluate --cases-json`: what a reviewer concluded, what the rules alone concluded and on what
/// evidence (`RuleEvidence`), and what the scorer as configured (the model layer on or off) suggests and flags.
public struct CaseEvidence: Sendable, Codable, Equatable {
    /// The four labels and whether the case is flagged 需人工确认, with the reasons.
    public struct Outcome: Sendable, Codable, Equatable {
        /// 成果类别.
        public var category: String
        /// Subtype, or "".
        public var subtype: String
        /// 技术水平, or "".
        public var level: String
        /// 产业.
        public var industry: String
        /// Whether the case is flagged 需人工确认.
        public var needsReview: Bool
        /// Why (the assessor's and the model layer's review reasons).
        public var reviewReasons: [String]

        /// The outcome of an assessment.
        public init(_ a: Assessment) {
            (category, subtype, level, industry) = (a.category, a.subtype, a.level, a.industry)
            (needsReview, reviewReasons) = (a.needsReview, a.reviewReasons)
        }
    }

    /// The case's id in its set.
    public var id: String
    /// The labels a reviewer gave.
    public var expected: LabelledCase.Labels
    /// The rules alone.
    public var rules: Outcome
    /// The rules' evidence.
    public var evidence: RuleEvidence
    /// The scorer as configured.
    public var configured: Outcome

    /// The file `evaluate --cases-json` writes: `{"set", "modelLayer", "cases": [...]}`, the cases in their order,
    /// keys sorted (the same bytes for the same scorer and set).
    public static func document(_ cases: [LabelledCase], scorer: Scorer, set: String) throws -> Data {
        struct Document: Codable {
            var set: String
            var modelLayer: Bool
            var cases: [CaseEvidence]
        }
        let rulesScorer = scorer.with(modelLayer: nil)
        let rows = cases.map { c -> CaseEvidence in
            let fields: [Field: String] = [.title: c.title, .summary: c.summary]
            return CaseEvidence(id: c.id, expected: c.expected, rules: Outcome(rulesScorer.assess(fields, extras: [:])),
                                evidence: rulesScorer.ruleEvidence(fields), configured: Outcome(scorer.assess(fields, extras: [:])))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Document(set: set, modelLayer: scorer.modelLayer != nil, cases: rows))
    }
}
