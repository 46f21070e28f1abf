/// The `scoring` section of pipeline.json: which rules run, their weights and vocabularies.
/// (Placeholder shape: the scoring work replaces this with the full rule set.)
public struct ScoringConfig: Sendable, Codable, Equatable {
    /// Rule switches and weights by rule name.
    public var rules: [String: RuleSwitch]

    /// Whether a rule runs and how much it counts.
    public struct RuleSwitch: Sendable, Codable, Equatable {
        public var enabled: Bool
        public var weight: Double
    }

    /// Checks rule names and weights.
    public func validate(file: String) throws {
        for (name, s) in rules where !s.weight.isFinite || s.weight < 0 {
            throw ConfigError(file: file, path: "scoring.rules.\(name).weight", message: "must be a number ≥ 0")
        }
    }
}
