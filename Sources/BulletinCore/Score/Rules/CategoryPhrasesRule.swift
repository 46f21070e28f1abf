import Foundation

/// Votes for a category from the words that frame a case (揭示…机理, 研制, 考古, 科学考察).
struct CategoryPhrasesRule: ScoringRule {
    static let name = "categoryPhrases"
    static let reads = "成果名称 and 案例简介: the phrases and patterns of scoring.categories"
    static let concludes = "votes for a category (weight × field weight × rule weight per cue found)"
    static let why = "The plan asks basic-research summaries for novelty and importance, applied ones for content and prospects, and 其它 covers achievements outside the three; their vocabulary differs."
    static let phase = RulePhase.evidence

    let voter: CueVoter
    /// The groups marked `titleOnly`, read in the title alone: what the title's closing predicate says was delivered
    /// (…项目签约, …考察队出征, …累计推广300万亩, 首批…交付). A pattern anchored at the title's end (`$`) never
    /// matches a summary that ends with 。, but searched there it cost about 16,000 instructions a submission.
    let titleGroups: TitleCueGroups
    let ruleWeight: Double

    init(config: ScoringConfig, file: String) throws {
        // Title-only groups are kept in place, empty, so that errors and reasons keep the groups' places.
        let everywhere = config.categories.map { $0.titleOnly == true ? ScoringConfig.CueGroup(label: $0.label, weight: $0.weight) : $0 }
        voter = try CueVoter(rule: Self.name, groups: everywhere, section: "scoring.categories",
                             dimension: .category, weight: Self.weight(in: config), countsAsEvidence: false,
                             leadWeight: config.decision.leadSentenceWeight, file: file)
        titleGroups = try TitleCueGroups(config.categories, section: "scoring.categories", phrases: true, file: file)
        ruleWeight = Self.weight(in: config)
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet)
        guard !titleGroups.isEmpty else { return }
        titleGroups.apply(to: &sheet, dimension: .category, rule: Self.name, ruleWeight: ruleWeight) { label, cue, _ in
            "成果名称的收尾说明交付的是什么：" + CueVoter.conclusion(.category, label, cue: cue.source, evidence: false)
        }
    }
}
