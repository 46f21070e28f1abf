/// When a rule runs.
public enum RulePhase: String, Sendable, CaseIterable {
    /// Reads the form's fields and votes or adds points, before the votes are counted.
    case evidence
    /// Reads what the votes decided (category, subtype, level, industry) and the optional rows, after.
    case review
}

/// One scoring rule: a small value with a name, what it reads, what it concludes and why.
///
/// A rule is built once from the configuration (compiling its patterns) and applied to one case at a
/// time. Every conclusion it draws goes onto the sheet with a `Reason`, so an auditor can read it.
/// Rules are switched on and off and weighted by name in pipeline.json (`scoring.rules`); the
/// registry (`ScoringRules.all`) and docs/scoring.md list every rule.
public protocol ScoringRule: Sendable {
    /// The rule's name in pipeline.json and in reasons.
    static var name: String { get }
    /// What the rule reads, in a sentence.
    static var reads: String { get }
    /// What the rule concludes, in a sentence.
    static var concludes: String { get }
    /// Why the rule exists: the policy text or review practice behind it.
    static var why: String { get }
    /// When the rule runs.
    static var phase: RulePhase { get }
    /// True for rules that run only in the profiles that list them (`scoring.profiles.*.rules`).
    static var profileOnly: Bool { get }

    /// Builds the rule from the configuration; throws a `ConfigError` naming the JSON path of a problem.
    init(config: ScoringConfig, file: String) throws

    /// Reads the sheet and adds the rule's conclusions, each with its reason.
    func apply(to sheet: inout ScoreSheet)
}

extension ScoringRule {
    /// Most rules run in every profile.
    public static var profileOnly: Bool { false }

    /// The rule's weight from the configuration (1 when the rule is not listed).
    static func weight(in config: ScoringConfig) -> Double {
        config.ruleSwitch(name).weight
    }
}
