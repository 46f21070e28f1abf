/// Evidence of a monograph: a renowned academic publisher near 出版 or 专著.
struct AcademicPublisherRule: ScoringRule {
    static let name = "academicPublisher"
    static let reads = "成果名称 and 案例简介: a publisher of scoring.evidence.academicPublisher.objects within the window of 出版/专著/著作 in one sentence"
    static let concludes = "evidence for 专著 (once per field)"
    static let why = "The plan counts monographs published by renowned academic publishers such as 科学出版社."
    static let phase = RulePhase.evidence

    let voter: ProximityEvidenceVoter
    /// What a finding concludes: the same words for every case, written once (an interpolation per case cost ~1,500
    /// instructions).
    let conclusion: String

    init(config: ScoringConfig, file: String) throws {
        voter = try ProximityEvidenceVoter(rule: Self.name, section: config.evidence.academicPublisher,
                                           path: "scoring.evidence.academicPublisher", ruleWeight: Self.weight(in: config), file: file)
        conclusion = "学术出版机构出版：专著的证据，指向「\(voter.label)」"
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet, conclusion: conclusion)
    }
}
