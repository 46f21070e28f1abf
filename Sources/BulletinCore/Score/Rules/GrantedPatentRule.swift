/// Evidence of a granted invention patent: 授权 near 发明专利.
struct GrantedPatentRule: ScoringRule {
    static let name = "grantedPatent"
    static let reads = "成果名称 and 案例简介: an action of scoring.evidence.grantedPatent.actions (授权) near 发明专利 in one sentence"
    static let concludes = "evidence for 发明专利 (once per field)"
    static let why = "The plan's 授权发明专利 are high-value and foreign-granted invention patents; an application is not yet an achievement."
    static let phase = RulePhase.evidence

    let voter: ProximityEvidenceVoter
    /// What a finding concludes: the same words for every case, written once (an interpolation per case cost ~1,500
    /// instructions).
    let conclusion: String

    init(config: ScoringConfig, file: String) throws {
        voter = try ProximityEvidenceVoter(rule: Self.name, section: config.evidence.grantedPatent,
                                           path: "scoring.evidence.grantedPatent", ruleWeight: Self.weight(in: config), file: file)
        conclusion = "发明专利已授权：发明专利的证据，指向「\(voter.label)」"
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet, conclusion: conclusion)
    }
}
