/// Evidence of transfer and industrialisation: 转化, 产业化, 推广, 转让, 许可, 作价入股 …
struct TransferEvidenceRule: ScoringRule {
    static let name = "transferEvidence"
    static let reads = "成果名称 and 案例简介: the phrases and patterns of scoring.evidence.transfer"
    static let concludes = "evidence for 成果转移转化案例 (per phrase found, per field)"
    static let why = "Transfer cases (成果转移转化案例) are judged by promotion, industrial application and wide demonstration."
    static let phase = RulePhase.evidence

    let voter: CueVoter

    init(config: ScoringConfig, file: String) throws {
        voter = try CueVoter(rule: Self.name, groups: config.evidence.transfer, section: "scoring.evidence.transfer",
                             dimension: .category, weight: Self.weight(in: config), countsAsEvidence: true,
                             leadWeight: config.decision.leadSentenceWeight, file: file)
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet)
    }
}
