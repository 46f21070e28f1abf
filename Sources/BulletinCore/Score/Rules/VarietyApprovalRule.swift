/// Evidence of a biological variety: 审定, 登记 or 鉴定 near 品种.
struct VarietyApprovalRule: ScoringRule {
    static let name = "varietyApproval"
    static let reads = "成果名称 and 案例简介: an action of scoring.evidence.varietyApproval.actions near an object (品种, 配套系) in one sentence"
    static let concludes = "evidence for 生物品种 (once per field)"
    static let why = "The plan's 重大生物品种 are animal, plant and microbe varieties approved, registered or identified nationally (审定、登记、鉴定)."
    static let phase = RulePhase.evidence

    let voter: ProximityEvidenceVoter
    /// What a finding concludes: the same words for every case, written once (an interpolation per case cost ~1,500
    /// instructions).
    let conclusion: String

    init(config: ScoringConfig, file: String) throws {
        voter = try ProximityEvidenceVoter(rule: Self.name, section: config.evidence.varietyApproval,
                                           path: "scoring.evidence.varietyApproval", ruleWeight: Self.weight(in: config), file: file)
        conclusion = "品种通过审定/登记/鉴定：生物品种的证据，指向「\(voter.label)」"
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet, conclusion: conclusion)
    }
}
