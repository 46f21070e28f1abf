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
    let titleGroups: [(cues: [CompiledCue], label: String, weight: Double)]
    let ruleWeight: Double

    init(config: ScoringConfig, file: String) throws {
        // Title-only groups are kept in place, empty, so that errors and reasons keep the groups' places.
        let everywhere = config.categories.map { $0.titleOnly == true ? ScoringConfig.CueGroup(label: $0.label, weight: $0.weight) : $0 }
        voter = try CueVoter(rule: Self.name, groups: everywhere, section: "scoring.categories",
                             dimension: .category, weight: Self.weight(in: config), countsAsEvidence: false,
                             leadWeight: config.decision.leadSentenceWeight, file: file)
        titleGroups = try config.categories.enumerated().filter { $0.element.titleOnly == true }.map { i, g in
            let phrases = try compilePhrases(g.phrases, path: "scoring.categories[\(i)].phrases", file: file)
            let patterns = try g.patterns.enumerated().map { j, p in
                try CompiledCue.pattern(p, path: "scoring.categories[\(i)].patterns[\(j)]", file: file)
            }
            return (phrases + patterns, g.label, g.weight)
        }
        ruleWeight = Self.weight(in: config)
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet)
        guard !titleGroups.isEmpty else { return }
        for text in sheet.texts where text.field == .title {
            for group in titleGroups {
                // One vote a group: its first cue found in the title decides.
                for cue in group.cues {
                    guard let range = cue.firstRange(in: text) else { continue }
                    let conclusion = "成果名称的收尾说明交付的是什么：" + CueVoter.conclusion(.category, group.label, cue: cue.source, evidence: false)
                    let reason = Reason(rule: Self.name, field: text.field.rawValue, matched: text.words(range),
                                        weight: group.weight * text.weight * ruleWeight, conclusion: conclusion)
                    sheet.vote(.category, for: group.label, because: reason)
                    break
                }
            }
        }
    }
}
