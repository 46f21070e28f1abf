/// Scores normalised submissions: category, subtype, level, industry, score, each with its reasons.
/// (Placeholder: the scoring work replaces this with the rule registry.)
public struct Scorer: Sendable {
    let config: ScoringConfig
    let profile: String

    /// Builds the scorer from the configuration; throws a ConfigError for unknown rules.
    public init(config: ScoringConfig, profile: String) throws {
        self.config = config
        self.profile = profile
    }

    /// Assesses one submission's normalised fields and optional rows.
    public func assess(_ fields: [Field: String], extras: [OptionalField: String]) -> Assessment {
        Assessment(category: "其它", industry: "其他")
    }
}
