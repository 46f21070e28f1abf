/// The registry: every scoring rule, in the order rules run within their phase.
///
/// A test reads the rule files and fails when a type conforming to `ScoringRule` is missing here or
/// from docs/scoring.md.
public enum ScoringRules {
    /// Every rule type.
    public static let all: [any ScoringRule.Type] = [
        // MARK: evidence: read the text, vote and add points
        CategoryPhrasesRule.self,
        SubtypePhrasesRule.self,
        ConstructionRule.self,
        TopJournalRule.self,
        AcademicPublisherRule.self,
        FirstOfKindRule.self,
        VarietyApprovalRule.self,
        GrantedPatentRule.self,
        StandardIssuedRule.self,
        TransferEvidenceRule.self,
        EconomicBenefitRule.self,
        LevelClaimRule.self,
        IndustryPhrasesRule.self,
        IndustryBatchRule.self,
        // MARK: review: read the decisions and the optional rows
        CompletenessRule.self,
        DeclaredCategoryRule.self,
        DeclaredLevelRule.self,
        DeclaredIndustryRule.self,
        ZhejiangOwnershipRule.self,
        ZhejiangTopJournalRule.self,
        ZhejiangIndustrialisedRule.self,
        ZhejiangMinimumLevelRule.self,
    ]

    /// Every rule name, in registry order.
    public static var names: [String] { all.map { $0.name } }

    /// The rule type with a name, or nil.
    public static func named(_ name: String) -> (any ScoringRule.Type)? {
        all.first { $0.name == name }
    }
}
