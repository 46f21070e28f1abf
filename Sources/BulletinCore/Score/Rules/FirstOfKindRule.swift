/// Evidence of an innovative product: 首台（套）, 国产化替代, 一类新药.
struct FirstOfKindRule: ScoringRule {
    static let name = "firstOfKind"
    static let reads = "成果名称 and 案例简介: the phrases and patterns of scoring.evidence.firstOfKind"
    static let concludes = "evidence for 创新产品 (per phrase found, per field)"
    static let why = "The plan's 重大创新产品 are 国产化替代 products, strategic products, 首台（套） and 一类新药."
    static let phase = RulePhase.evidence

    let voter: CueVoter

    init(config: ScoringConfig, file: String) throws {
        voter = try CueVoter(rule: Self.name, groups: [config.evidence.firstOfKind], section: "scoring.evidence.firstOfKind",
                             dimension: .subtype, weight: Self.weight(in: config), countsAsEvidence: true, file: file)
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet)
    }
}
