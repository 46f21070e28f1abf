/// Votes for a category from the words that frame a case (揭示…机理, 研制, 考古, 科学考察).
struct CategoryPhrasesRule: ScoringRule {
    static let name = "categoryPhrases"
    static let reads = "成果名称 and 案例简介: the phrases and patterns of scoring.categories"
    static let concludes = "votes for a category (weight × field weight × rule weight per cue found)"
    static let why = "The plan asks basic-research summaries for novelty and importance, applied ones for content and prospects, and 其它 covers achievements outside the three; their vocabulary differs."
    static let phase = RulePhase.evidence

    let voter: CueVoter

    init(config: ScoringConfig, file: String) throws {
        voter = try CueVoter(rule: Self.name, groups: config.categories, section: "scoring.categories",
                             dimension: .category, weight: Self.weight(in: config), countsAsEvidence: false,
                             leadWeight: config.decision.leadSentenceWeight, file: file)
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet)
    }
}
