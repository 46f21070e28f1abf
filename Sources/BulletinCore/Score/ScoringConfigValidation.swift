import Foundation
import Synchronization

extension ScoringConfig {
    /// Largest weight or number of points accepted anywhere in the section.
    static let largestWeight = 1000.0

    /// Checks what a decoder cannot: rule names, weights, labels, the ladder, profiles, and every
    /// phrase and pattern (each compiled once, as the scorer will). Throws a `ConfigError` whose path
    /// names the first problem, like `scoring.levels[2].patterns[0]`.
    public func validate(file: String) throws {
        func fail(_ path: String, _ message: String) -> ConfigError { ConfigError(file: file, path: path, message: message) }
        // Paths are made only for an error: `groups` checks ~2,000 labels and weights (973 industry groups), and
        // interpolating each path up front was half of the validation outside the rules.
        func weight(_ w: Double, _ path: @autoclosure () -> String, negativeAllowed: Bool = false) throws {
            let low = negativeAllowed ? -Self.largestWeight : 0
            guard w.isFinite, w >= low, w <= Self.largestWeight else {
                throw fail(path(), "is \(w); use a number from \(Int(low)) to \(Int(Self.largestWeight))")
            }
        }
        func label(_ l: String, in allowed: [String], _ path: @autoclosure () -> String) throws {
            guard allowed.contains(where: { LabelText.same($0, l) }) else { throw fail(path(), "is \"\(l)\"; use one of \(allowed.joined(separator: ", "))") }
        }
        /// `titleOnly` is read only where a rule reads it (categories and subtypes); elsewhere a group marked so would
        /// still be read in the summary too, so the key is refused rather than silently ignored.
        func groups(_ list: [CueGroup], _ section: String, labels allowed: [String], titleOnlyRead: Bool = false) throws {
            for (i, g) in list.enumerated() {
                try label(g.label, in: allowed, "\(section)[\(i)].label")
                try weight(g.weight, "\(section)[\(i)].weight", negativeAllowed: true)
                guard !(g.phrases.isEmpty && g.patterns.isEmpty) else { throw fail("\(section)[\(i)]", "has no phrases and no patterns") }
                if !titleOnlyRead, let t = g.titleOnly {
                    throw fail("\(section)[\(i)].titleOnly", "is \(t), but no rule reads titleOnly in \(section): its groups are read in the title and the summary alike (titleOnly is read only in scoring.categories and scoring.subtypes); remove the key")
                }
            }
        }
        func proximity(_ p: ProximityEvidence, _ section: String) throws {
            try label(p.label, in: AchievementTaxonomy.subtypes, "\(section).label")
            try weight(p.weight, "\(section).weight")
            guard p.window > 0, p.window <= 200 else { throw fail("\(section).window", "is \(p.window); use 1 to 200 characters") }
            guard !p.actions.isEmpty else { throw fail("\(section).actions", "is empty") }
            guard !p.objects.isEmpty else { throw fail("\(section).objects", "is empty") }
        }

        // MARK: rules and fields
        let known = ScoringRules.names
        for name in rules.keys.sorted() {
            guard known.contains(name) else {
                throw fail("scoring.rules.\(name)", "is not a scoring rule; known rules: \(known.joined(separator: ", "))")
            }
            try weight(rules[name]?.weight ?? 1, "scoring.rules.\(name).weight")
        }
        try weight(fieldWeights.title, "scoring.fieldWeights.title")
        try weight(fieldWeights.summary, "scoring.fieldWeights.summary")

        // MARK: vocabularies
        try groups(categories, "scoring.categories", labels: AchievementTaxonomy.categories, titleOnlyRead: true)
        try groups(subtypes, "scoring.subtypes", labels: AchievementTaxonomy.subtypes, titleOnlyRead: true)
        try groups(industries, "scoring.industries", labels: AchievementTaxonomy.industries)
        try industryTitleHeads.validate(file: file)

        // MARK: ladder
        guard levels.count == AchievementTaxonomy.levels.count else {
            throw fail("scoring.levels", "has \(levels.count) rungs; list the four of the ladder, highest first: \(AchievementTaxonomy.levels.joined(separator: ", "))")
        }
        for (i, r) in levels.enumerated() {
            let expected = AchievementTaxonomy.levels[i]
            guard r.level == expected else {
                throw fail("scoring.levels[\(i)].level", "is \"\(r.level)\"; rung \(i) of the ladder is \"\(expected)\" (highest first: \(AchievementTaxonomy.levels.joined(separator: " > ")))")
            }
            try weight(r.points, "scoring.levels[\(i)].points")
            guard !(r.phrases.isEmpty && r.patterns.isEmpty) else { throw fail("scoring.levels[\(i)].phrases", "is empty; a rung needs at least one phrase") }
        }
        guard levelReading.hedgeWindow >= 0, levelReading.hedgeWindow <= 100 else {
            throw fail("scoring.levelReading.hedgeWindow", "is \(levelReading.hedgeWindow); use 0 to 100 characters")
        }
        guard levelReading.partialClaimFactor.isFinite, (0...1).contains(levelReading.partialClaimFactor) else {
            throw fail("scoring.levelReading.partialClaimFactor", "is \(levelReading.partialClaimFactor); use a share from 0 to 1")
        }

        // MARK: evidence
        try label(evidence.topJournal.label, in: AchievementTaxonomy.subtypes, "scoring.evidence.topJournal.label")
        try weight(evidence.topJournal.weight, "scoring.evidence.topJournal.weight")
        guard !evidence.topJournal.journals.isEmpty else { throw fail("scoring.evidence.topJournal.journals", "is empty") }
        try proximity(evidence.academicPublisher, "scoring.evidence.academicPublisher")
        try groups([evidence.firstOfKind], "scoring.evidence.firstOfKind", labels: AchievementTaxonomy.subtypes)
        try weight(evidence.firstOfKind.weight, "scoring.evidence.firstOfKind.weight")
        try proximity(evidence.varietyApproval, "scoring.evidence.varietyApproval")
        try proximity(evidence.grantedPatent, "scoring.evidence.grantedPatent")
        try proximity(evidence.standardIssued, "scoring.evidence.standardIssued")
        try groups(evidence.transfer, "scoring.evidence.transfer", labels: AchievementTaxonomy.categories)
        for (i, g) in evidence.transfer.enumerated() { try weight(g.weight, "scoring.evidence.transfer[\(i)].weight") }
        let benefit = evidence.economicBenefit
        try label(benefit.label, in: AchievementTaxonomy.categories, "scoring.evidence.economicBenefit.label")
        try weight(benefit.weight, "scoring.evidence.economicBenefit.weight")
        guard benefit.window > 0, benefit.window <= 200 else { throw fail("scoring.evidence.economicBenefit.window", "is \(benefit.window); use 1 to 200 characters") }
        guard !benefit.indicators.isEmpty else { throw fail("scoring.evidence.economicBenefit.indicators", "is empty") }

        for (i, c) in constructions.enumerated() {
            let path = "scoring.constructions[\(i)]"
            try label(c.label, in: AchievementTaxonomy.categories + AchievementTaxonomy.subtypes, "\(path).label")
            try weight(c.weight, "\(path).weight")
            guard c.window >= 0, c.window <= 60 else { throw fail("\(path).window", "is \(c.window); use 0 to 60 characters") }
            guard !c.first.isEmpty else { throw fail("\(path).first", "is empty; list the words that come first") }
            guard !c.then.isEmpty else { throw fail("\(path).then", "is empty; list the words that follow") }
        }

        // MARK: decision and score
        try weight(decision.minimumCategoryVotes, "scoring.decision.minimumCategoryVotes")
        try weight(decision.minimumIndustryVotes, "scoring.decision.minimumIndustryVotes")
        try label(decision.defaultCategory, in: AchievementTaxonomy.categories, "scoring.decision.defaultCategory")
        guard (0...1).contains(decision.subtypeShare) else { throw fail("scoring.decision.subtypeShare", "is \(decision.subtypeShare); use a number from 0 to 1") }
        guard (0...1).contains(decision.reviewBelow) else { throw fail("scoring.decision.reviewBelow", "is \(decision.reviewBelow); use a number from 0 to 1") }
        guard (1...4).contains(decision.leadSentenceWeight) else { throw fail("scoring.decision.leadSentenceWeight", "is \(decision.leadSentenceWeight); use a number from 1 (no extra weight) to 4") }
        for (category, subtype) in decision.defaultSubtypes.sorted(by: { $0.key < $1.key }) {
            guard let allowed = AchievementTaxonomy.subtypesByCategory[category] else {
                throw fail("scoring.decision.defaultSubtypes.\(category)", "is not a category with subtypes; use \(AchievementTaxonomy.subtypesByCategory.keys.sorted().joined(separator: ", "))")
            }
            try label(subtype, in: allowed, "scoring.decision.defaultSubtypes.\(category)")
        }
        for (category, points) in score.categoryPoints.sorted(by: { $0.key < $1.key }) {
            try label(category, in: AchievementTaxonomy.categories, "scoring.score.categoryPoints.\(category)")
            try weight(points, "scoring.score.categoryPoints.\(category)")
        }
        try weight(score.evidenceCap, "scoring.score.evidenceCap")
        try weight(score.amountScale, "scoring.score.amountScale")
        try weight(score.amountCap, "scoring.score.amountCap")
        try weight(score.completenessPoints, "scoring.score.completenessPoints")
        guard score.fullSummaryCharacters > 0 else { throw fail("scoring.score.fullSummaryCharacters", "must be positive") }

        // MARK: profiles and eligibility
        guard !profiles.isEmpty else { throw fail("scoring.profiles", "is empty; define at least \"sichuan\"") }
        for (name, profile) in profiles.sorted(by: { $0.key < $1.key }) {
            for (i, rule) in profile.rules.enumerated() {
                guard let type = ScoringRules.named(rule) else {
                    throw fail("scoring.profiles.\(name).rules[\(i)]", "\"\(rule)\" is not a scoring rule; known rules: \(known.joined(separator: ", "))")
                }
                guard type.profileOnly else {
                    throw fail("scoring.profiles.\(name).rules[\(i)]", "\"\(rule)\" runs in every profile; list only profile rules here")
                }
            }
        }
        for (i, l) in eligibility.minimumLevels.enumerated() {
            try label(l, in: AchievementTaxonomy.levels, "scoring.eligibility.minimumLevels[\(i)]")
        }
        for (i, s) in eligibility.breakthroughSubtypes.enumerated() {
            try label(s, in: AchievementTaxonomy.subtypes, "scoring.eligibility.breakthroughSubtypes[\(i)]")
        }

        // MARK: model (its weights are checked when the layer loads them)
        if let above = model?.flagAbove, !above.everywhere {
            let dimensions = Model.FlagAbove.dimensions
            guard !above.keys.isEmpty else {
                throw fail("scoring.model.flagAbove", "is {}, which never flags; name \(dimensions.joined(separator: " or ")) with a probability from 0 to 1 (e.g. {\"category\": 0}), or write one number for both")
            }
            for key in above.keys {
                guard let d = dimensions.firstIndex(of: key) else {
                    throw fail("scoring.model.flagAbove.\(key)", "is not a dimension the model flags; use \(dimensions.joined(separator: " or ")), e.g. {\"category\": 0}, or one number for both")
                }
                let p = d == 0 ? above.category : above.industry
                guard p.isFinite, (0...1).contains(p) else {
                    throw fail("scoring.model.flagAbove.\(key)", "is \(p); use a probability from 0 (flag wherever the model's most probable label is another) to 1, or leave the dimension out never to flag it")
                }
            }
        }

        // MARK: phrases and patterns: build every rule once, as the scorer will (and keep them for it: a configuration
        // is validated when it is loaded and again by the scorer built from it, and the rules' cues, compiled three
        // times, cost a tenth of inspecting 2,000 rows)
        if BuiltRules.rules(for: self) != nil { return }
        var built: [any ScoringRule] = []
        for type in ScoringRules.all {
            built.append(try type.init(config: self, file: file))
        }
        BuiltRules.keep(built, for: self)
    }
}

/// The rules the last validation built (every rule of `ScoringRules.all`, in its order), for the configuration they were
/// built from: the scorer built from the same configuration takes them instead of building them again. Rules are
/// immutable values, and a rule built twice from equal configurations is the same rule (the file name only goes into
/// the error a failed build throws, and only successful builds are kept: `pipeline.json` loaded from its path and the
/// scorer's "pipeline.json" share them).
enum BuiltRules {
    private static let last = Mutex<(config: ScoringConfig, rules: [any ScoringRule])?>(nil)

    /// Keeps the rules built from `config` (without an error, under any file name).
    static func keep(_ rules: [any ScoringRule], for config: ScoringConfig) {
        last.withLock { $0 = (config, rules) }
    }

    /// The rules kept for a configuration equal to `config`, nil otherwise.
    static func rules(for config: ScoringConfig) -> [any ScoringRule]? {
        last.withLock { kept in
            guard let k = kept, k.rules.count == ScoringRules.all.count, k.config == config else { return nil }
            return k.rules
        }
    }
}
