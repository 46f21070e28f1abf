/// Votes for a subtype (and so for its category) from what the achievement is (论文, 专著, 关键技术 …).
struct SubtypePhrasesRule: ScoringRule {
    static let name = "subtypePhrases"
    static let reads = "成果名称 and 案例简介: the phrases and patterns of scoring.subtypes"
    static let concludes = "votes for a subtype, which also count for the subtype's category"
    static let why = "The plan names seven kinds of achievement (论文, 专著, 关键技术, 创新产品, 生物品种, 发明专利, 标准); a summary says which one it is."
    static let phase = RulePhase.evidence

    let voter: CueVoter

    init(config: ScoringConfig, file: String) throws {
        voter = try CueVoter(rule: Self.name, groups: config.subtypes, section: "scoring.subtypes",
                             dimension: .subtype, weight: Self.weight(in: config), countsAsEvidence: false,
                             leadWeight: config.decision.leadSentenceWeight, file: file)
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet)
    }
}
