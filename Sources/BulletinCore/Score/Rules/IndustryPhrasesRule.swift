/// Votes for one of Sichuan's industries from the vocabulary of the field (芯片, 机组, 钒钛, 页岩气 …).
struct IndustryPhrasesRule: ScoringRule {
    static let name = "industryPhrases"
    static let reads = "成果名称 and 案例简介: the phrases and patterns of scoring.industries"
    static let concludes = "votes for an industry; the best-voted one above decision.minimumIndustryVotes is taken, else 其他"
    static let why = "Achievements are collected around the seven 特色优势产业 (seed 000) and the special projects of seed 003 that map onto them."
    static let phase = RulePhase.evidence

    let voter: CueVoter

    init(config: ScoringConfig, file: String) throws {
        voter = try CueVoter(rule: Self.name, groups: config.industries, section: "scoring.industries",
                             dimension: .industry, weight: Self.weight(in: config), countsAsEvidence: false, file: file)
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet)
    }
}
