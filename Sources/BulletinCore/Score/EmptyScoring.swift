extension ScoringConfig {
    /// A configuration with no vocabulary: every case is 其它 / 其他 with no level. It stands in only if the
    /// shipped JSON could not be decoded, which the tests rule out.
    static let empty: ScoringConfig = {
        let noProximity = ProximityEvidence(label: "论文", weight: 0, actions: [], objects: [], window: 1)
        return ScoringConfig(
            formula: "", rules: [:], fieldWeights: FieldWeights(title: 0, summary: 0),
            categories: [], subtypes: [], industries: [], levels: [],
            levelReading: LevelReading(overallMarkers: [], partialMarkers: [], partialScopeMarkers: [], hedgeMarkers: [],
                                       hedgeWindow: 0, comparisonMarkers: [], notClaimFollowers: [], partialClaimFactor: 0),
            evidence: Evidence(topJournal: JournalEvidence(label: "论文", weight: 0, journals: []),
                               academicPublisher: noProximity,
                               firstOfKind: CueGroup(label: "创新产品", weight: 0),
                               varietyApproval: noProximity, grantedPatent: noProximity, standardIssued: noProximity,
                               transfer: [],
                               economicBenefit: BenefitEvidence(label: "成果转移转化案例", weight: 0, indicators: [], window: 1)),
            decision: Decision(minimumCategoryVotes: 0, minimumIndustryVotes: 0, defaultSubtypes: [:]),
            score: ScoreWeights(categoryPoints: [:], evidenceCap: 0, amountScale: 0, amountCap: 0, completenessPoints: 0,
                                fullSummaryCharacters: 1),
            profiles: ["sichuan": Profile(region: "四川省", rules: []), "zhejiang": Profile(region: "浙江省", rules: [])],
            eligibility: Eligibility(disputePhrases: [], disputePatterns: [], breakthroughSubtypes: [], industrialisedPhrases: [],
                                     minimumLevels: [], topJournalMeetsLevel: false))
    }()
}
