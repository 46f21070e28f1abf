/// Evidence of a standard: 国际标准, 国家标准 or 行业标准 near 制定, 发布 or 主持.
struct StandardIssuedRule: ScoringRule {
    static let name = "standardIssued"
    static let reads = "成果名称 and 案例简介: an object of scoring.evidence.standardIssued.objects near an action (制定/发布/主持) in one sentence"
    static let concludes = "evidence for 标准 (once per field); 团体标准 and 企业标准 get only the subtypePhrases vote"
    static let why = "The plan's 颁布的标准 are international, national and industry standards that the unit drafted or led."
    static let phase = RulePhase.evidence

    let voter: ProximityEvidenceVoter
    /// What a finding concludes: the same words for every case, written once (an interpolation per case cost ~1,500
    /// instructions).
    let conclusion: String

    init(config: ScoringConfig, file: String) throws {
        voter = try ProximityEvidenceVoter(rule: Self.name, section: config.evidence.standardIssued,
                                           path: "scoring.evidence.standardIssued", ruleWeight: Self.weight(in: config), file: file)
        conclusion = "主持/制定并发布标准：标准的证据，指向「\(voter.label)」"
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet, conclusion: conclusion)
    }
}
