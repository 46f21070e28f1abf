import Foundation

extension ScoringConfig {
    /// `scoring.model`: the statistical layer (docs/scoring.md, "The model layer"). The rules give the reasons;
    /// where they are weak or contested the model may break the tie, and where both are sure and disagree the
    /// label is flagged 需人工确认.
    public struct Model: Sendable, Codable, Equatable {
        /// Whether the layer takes part in scoring (off: `bulletin evaluate` still reports it beside the rules).
        public var enabled: Bool
        /// The weights file (data/scoring-model.json): relative to the folder of the pipeline.json it is read from (not
        /// the current folder), or absolute.
        public var weights: String
        /// The model's probability at or above which it replaces a category (and its subtype) the rules flagged
        /// as weak or contested; above 1: never.
        public var categoryOverrideAbove: Double
        /// The same for the industry.
        public var industryOverrideAbove: Double
        /// The model's probability at or above which a label the rules were sure of, and the model disagrees
        /// with, is flagged 需人工确认; above 1: never. One number (as before flag22): the category and the industry
        /// alike, the model then read on every submission and `flagBelow` applied on every one; per dimension
        /// (`{"category": 0}`): only the dimensions named, read on every submission only for them, `flagBelow` still
        /// only where a label is weak or thin (docs/scoring.md, "Category flags where the model disagrees (flag22)").
        public var flagAbove: FlagAbove
        /// When set, a weak or contested industry is replaced where the model's log-odds of its label over the rules'
        /// label, ln(p(model's) / p(rules')), exceed this × the confidence assessor's figure for the rules' label
        /// (instead of `industryOverrideAbove`): a weak label the rules hold with some evidence needs a clearer model.
        public var industryOverrideLogOdds: Double?
        /// Per dimension, the model's probability of a label below which a label the rules hold (not weak, not
        /// replaced) is flagged 需人工确认, wherever the model is read; 0: never.
        public var flagBelow: FlagBelow
        /// When set, the model is read also where no label is weak but the category or the industry rests on at most
        /// this many positive votes (for `flagBelow`); nil: only where a label is weak or contested.
        public var thinVotes: Int?
        /// When set, the model is read for the industry on every submission, and an industry the rules hold (not weak
        /// or contested) is replaced where the model's log-odds of its label over the rules' label exceed this × the
        /// assessor's confidence in the rules' label (docs/scoring.md, "Rules and model combined, judged leave one set
        /// out on the newer sets"); `flagBelow` still applies only where a label is weak or thin. nil: an industry the
        /// rules hold is never replaced, and the model is read only where a label is weak (as before).
        public var industryOverrideHeldLogOdds: Double?

        /// `flagAbove`: one number for the category and the industry alike, or one per dimension.
        public struct FlagAbove: Sendable, Codable, Equatable, ExpressibleByFloatLiteral {
            /// The dimensions `flagAbove` may name when written per dimension.
            public static let dimensions = ["category", "industry"]
            /// Category.
            public var category: Double
            /// Industry.
            public var industry: Double
            /// Written as one number: reading the model on every submission for it (a figure at most 1) also applies
            /// `flagBelow` on every submission, as before flag22.
            public var everywhere: Bool
            /// The keys of the per-dimension form, as written (checked by `ScoringConfig.validate`).
            public var keys: [String] = []

            /// One figure for the category and the industry (above 1: never), as the scalar `flagAbove` always meant.
            public static func all(_ p: Double) -> FlagAbove { FlagAbove(category: p, industry: p, everywhere: true) }

            /// Per dimension; a dimension left out (above 1) never flags.
            public init(category: Double = 1.01, industry: Double = 1.01) {
                self.init(category: category, industry: industry, everywhere: false)
                keys = [category <= 1 ? "category" : nil, industry <= 1 ? "industry" : nil].compactMap { $0 }
            }

            init(category: Double, industry: Double, everywhere: Bool) {
                self.category = category
                self.industry = industry
                self.everywhere = everywhere
            }

            /// A number literal is the scalar form.
            public init(floatLiteral value: Double) { self = .all(value) }

            /// Whether the category is flagged where the model disagrees (a figure at most 1).
            var flagsCategory: Bool { category <= 1 }
            /// Whether the industry is.
            var flagsIndustry: Bool { industry <= 1 }

            /// Decodes a number (every dimension) or an object of dimensions (`{"category": 0}`); other keys are kept for
            /// the validation's error.
            public init(from decoder: any Decoder) throws {
                if let single = try? decoder.singleValueContainer(), let p = try? single.decode(Double.self) {
                    self = .all(p)
                    return
                }
                guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
                    throw DecodingError.typeMismatch(Double.self, DecodingError.Context(
                        codingPath: decoder.codingPath,
                        debugDescription: "flagAbove is one number (the category and the industry alike) or an object of dimensions, e.g. {\"category\": 0}"))
                }
                self.init()
                for key in c.allKeys {
                    switch key.stringValue {
                    case "category": category = try c.decode(Double.self, forKey: key)
                    case "industry": industry = try c.decode(Double.self, forKey: key)
                    default: break
                    }
                    keys.append(key.stringValue)
                }
                keys.sort()
            }

            /// Writes the form it was read in.
            public func encode(to encoder: any Encoder) throws {
                if everywhere {
                    var c = encoder.singleValueContainer()
                    try c.encode(category)
                    return
                }
                var c = encoder.container(keyedBy: AnyKey.self)
                if category <= 1 { try c.encode(category, forKey: AnyKey(stringValue: "category")) }
                if industry <= 1 { try c.encode(industry, forKey: AnyKey(stringValue: "industry")) }
            }

            struct AnyKey: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
        }

        /// `flagBelow`: one threshold per dimension.
        public struct FlagBelow: Sendable, Codable, Equatable {
            /// Category.
            public var category: Double
            /// Subtype (its probability within the category).
            public var subtype: Double
            /// Industry.
            public var industry: Double

            /// Creates the thresholds (0: never).
            public init(category: Double = 0, subtype: Double = 0, industry: Double = 0) {
                self.category = category
                self.subtype = subtype
                self.industry = industry
            }

            /// Decodes the thresholds; a dimension left out never flags.
            public init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                category = try c.decodeIfPresent(Double.self, forKey: .category) ?? 0
                subtype = try c.decodeIfPresent(Double.self, forKey: .subtype) ?? 0
                industry = try c.decodeIfPresent(Double.self, forKey: .industry) ?? 0
            }

            /// Whether any dimension flags.
            var any: Bool { category > 0 || subtype > 0 || industry > 0 }
        }

        /// Creates the settings.
        public init(enabled: Bool, weights: String, categoryOverrideAbove: Double = 0.6, industryOverrideAbove: Double = 0.4, flagAbove: FlagAbove = 1.01,
                    industryOverrideLogOdds: Double? = nil, flagBelow: FlagBelow = FlagBelow(), thinVotes: Int? = nil,
                    industryOverrideHeldLogOdds: Double? = nil) {
            self.enabled = enabled
            self.weights = weights
            self.categoryOverrideAbove = categoryOverrideAbove
            self.industryOverrideAbove = industryOverrideAbove
            self.flagAbove = flagAbove
            self.industryOverrideLogOdds = industryOverrideLogOdds
            self.flagBelow = flagBelow
            self.thinVotes = thinVotes
            self.industryOverrideHeldLogOdds = industryOverrideHeldLogOdds
        }

        /// Decodes the settings: `weights` is required; the thresholds default to the figures chosen on dev (2026-11-30),
        /// the out-of-fold ones (`industryOverrideLogOdds`, `flagBelow`, `thinVotes`) to absent: the layer as it was.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? false
            weights = try c.decode(String.self, forKey: .weights)
            categoryOverrideAbove = try c.decodeIfPresent(Double.self, forKey: .categoryOverrideAbove) ?? 0.6
            industryOverrideAbove = try c.decodeIfPresent(Double.self, forKey: .industryOverrideAbove) ?? 0.4
            flagAbove = try c.decodeIfPresent(FlagAbove.self, forKey: .flagAbove) ?? 1.01
            industryOverrideLogOdds = try c.decodeIfPresent(Double.self, forKey: .industryOverrideLogOdds)
            flagBelow = try c.decodeIfPresent(FlagBelow.self, forKey: .flagBelow) ?? FlagBelow()
            thinVotes = try c.decodeIfPresent(Int.self, forKey: .thinVotes)
            industryOverrideHeldLogOdds = try c.decodeIfPresent(Double.self, forKey: .industryOverrideHeldLogOdds)
        }
    }
}

/// The model layer as the scorer applies it: one hook after the votes are counted (`Tally.decide`).
///
/// - Where the confidence assessor would flag a label of the rules (weak or contested evidence, the 其他 fallback)
///   and the model is at least `categoryOverrideAbove` (`industryOverrideAbove`) sure of its own label, the model's
///   label is taken; a new category takes the model's subtype within it, so the subtype stays inside the category.
/// - Where the rules are sure and the model is at least `flagAbove` sure of another label, the rules' label stays and
///   a review reason says what the model prefers (`{"category": 0}`: wherever the model's most probable category is
///   another, flag22).
/// - Each label the model changes or flags gets a reason (rule `model`) with the model's probability and the grams
///   that pushed it most, so `explain` shows the model's part; where it does neither it leaves no reason (and where
///   it cannot act, nothing weak and `flagAbove` above 1, it is not read at all).
public struct ModelLayer: Sendable {
    /// The rule name the layer's reasons carry.
    public static let ruleName = "model"

    /// The settings.
    public let settings: ScoringConfig.Model
    let model: NgramModel

    /// Loads the weights named by `settings.weights`: an absolute path as it is, a relative one against `directory`,
    /// the folder of the configuration file `file` (the current folder when nil: a configuration built in code). A
    /// missing or malformed file is a ConfigError naming `file`, `scoring.model.weights`, the path as written and as
    /// resolved, and what to do.
    public init(settings: ScoringConfig.Model, directory: URL?, file: String = "pipeline.json") throws {
        let url = Self.resolve(settings.weights, against: directory)
        let shown = settings.weights.hasPrefix("/") ? url.path
            : "\(settings.weights), read from \(directory == nil ? "the current folder" : "the folder of \(file)") as \(url.path)"
        self.settings = settings
        model = try NgramModel(contentsOf: url, file: file, jsonPath: "scoring.model.weights", shown: shown)
    }

    /// Where the weights file `weights` is: an absolute path as it is, a relative one in `directory` (the folder of
    /// pipeline.json; the current folder when nil).
    public static func resolve(_ weights: String, against directory: URL?) -> URL {
        if weights.hasPrefix("/") { return URL(fileURLWithPath: weights) }
        return (directory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent(weights)
    }

    /// The model's own labels for a title and a summary (the subtype within the model's category), without rules.
    public func labels(title: String, summary: String) -> InferredValues {
        let z = model.scores(model.features(title: title, summary: summary))
        let category = model.verdict(0, z)?.label ?? AchievementTaxonomy.categories[1]
        let subtype = AchievementTaxonomy.subtypesByCategory[category].flatMap { model.verdict(1, z, allowed: $0)?.label } ?? ""
        return InferredValues(category: category, subtype: subtype, level: "", industry: model.verdict(2, z)?.label ?? AchievementTaxonomy.otherIndustry)
    }

    /// Probabilities per label of one dimension ("category", "subtype" within `category`, "industry"), for tests.
    func probabilities(_ dimension: String, title: String, summary: String, category: String = "") -> [String: Double] {
        let z = model.scores(model.features(title: title, summary: summary))
        let v: NgramModel.Verdict?
        switch dimension {
        case "category": v = model.verdict(0, z)
        case "subtype": v = model.verdict(1, z, allowed: AchievementTaxonomy.subtypesByCategory[category] ?? [])
        default: v = model.verdict(2, z)
        }
        return Dictionary(uniqueKeysWithValues: v?.probabilities ?? [])
    }

    /// Which of the text's labels the confidence assessor finds weak or contested (a 成果类别「, 子类「 or 产业「
    /// reason; `ConfidenceAssessor.weakLabels`): the labels the model may replace.
    struct Weak: Sendable, Equatable {
        var category: Bool
        var subtype: Bool
        var industry: Bool
        /// The confidence assessor's figure for the industry (rounded as it reports it), for `industryOverrideLogOdds`.
        var industryConfidence: Double = 1
        /// No label is weak but the category or the industry rests on at most `thinVotes` votes (set by the scorer
        /// only when `thinVotes` is set): the model is read for `flagBelow`.
        var thin: Bool = false

        /// Whether a label is weak or contested.
        var any: Bool { category || subtype || industry }
    }

    /// Whether the scorer should ask `restsOnFewVotes` for a sheet with no weak label.
    var readsThin: Bool { settings.thinVotes != nil && settings.flagBelow.any }

    /// Whether the text's category or industry (`sheet.inferred`) rests on at most `settings.thinVotes` positive votes
    /// (a category's counting its subtypes' votes that count for it, as `RuleEvidence.votes`); false when unset.
    func restsOnFewVotes(_ sheet: ScoreSheet) -> Bool {
        guard let most = settings.thinVotes else { return false }
        let category = sheet.inferred.category, industry = sheet.inferred.industry
        let categoryID = LabelIndex.of(category), industryID = LabelIndex.of(industry)
        var c = 0, i = 0
        for (k, v) in sheet.votes.enumerated() where v.weight > 0 {
            let id = sheet.voteLabelIDs[k]
            switch v.dimension {
            case .category:
                if LabelIndex.same(id, v.label, categoryID, category) { c += 1 }
            case .subtype:
                if v.countsForCategory, let parent = LabelIndex.category(ofSubtype: v.label, id: id),
                   LabelIndex.same(parent.id, parent.label, categoryID, category) { c += 1 }
            case .industry:
                if LabelIndex.same(id, v.label, industryID, industry) { i += 1 }
            }
        }
        return c <= most || i <= most
    }

    /// What the layer does to one submission: the labels it leaves (the text's labels, some replaced), the reasons it
    /// notes and the review reasons it adds (disagreements).
    struct Outcome: Sendable {
        var labels: InferredValues
        var reasons: [Reason]
        var review: [String]
    }

    /// What the layer would do to a sheet whose labels are decided, from its texts and the text's labels
    /// (`sheet.inferred`, which the review rules leave as they are), `weak` the labels the confidence assessor found
    /// weak; nil when it would change no label and add no reason. The model is read only where it may act: a label
    /// the rules hold weakly, a label resting on few votes when `thinVotes` is set (`weak.thin`), or any label when
    /// `flagAbove` can be reached; the grams behind a verdict and the reason's text only where the model changes or
    /// flags a label. Where it is read, a label the rules hold (not weak, not replaced) that the model gives less than
    /// `flagBelow` is flagged.
    func outcome(for sheet: ScoreSheet, weak: Weak) -> Outcome? {
        let above = settings.flagAbove
        let flagsCategory = above.flagsCategory, flagsIndustry = above.flagsIndustry
        let held = settings.industryOverrideHeldLogOdds
        // The scalar `flagAbove` (at most 1) reads every submission for `flagBelow` too, as it always did; the
        // per-dimension form reads the dimensions it names and leaves `flagBelow` to weak or thin labels.
        let reads = weak.any || weak.thin || (above.everywhere && (flagsCategory || flagsIndustry))
        guard reads || held != nil || flagsCategory || flagsIndustry else { return nil }
        // Read only for a held industry (`industryOverrideHeldLogOdds`) or a per-dimension `flagAbove`: no `flagBelow`,
        // and only those dimensions are scored.
        let below = reads ? settings.flagBelow : ScoringConfig.Model.FlagBelow()
        // Only the dimensions the model may act on are scored; the subtype too once the category changes.
        let needCategory = weak.category || flagsCategory || below.category > 0
        let needSubtype = weak.subtype || below.subtype > 0
        let needIndustry = weak.industry || flagsIndustry || below.industry > 0 || held != nil
        let f = model.features(sheet.texts)
        var z = model.scores(f, dimensions: SIMD4(needCategory ? 1 : 0, needSubtype ? 1 : 0, needIndustry ? 1 : 0, 0))
        var review: [String] = []
        var notes: [Reason] = []
        var labels = sheet.inferred
        let rulesCategory = labels.category

        if needCategory, let label = decide(0, "成果类别", rules: rulesCategory, weak: weak.category, above: settings.categoryOverrideAbove,
                                            confidence: nil, flagAbove: above.category, flagBelow: below.category, f, z, &notes, &review) {
            labels.category = label
            if !needSubtype { model.addScores(1, f, to: &z) }
        }
        // Labels compared by `LabelText.same` (`==` without its normalising comparison where none can matter).
        let categoryChanged = !LabelText.same(labels.category, rulesCategory)
        if categoryChanged || weak.subtype, let allowed = model.subtypeMask(labels.category),
           let subtype = model.top(1, z, allowed: allowed) {
            let label = model.label(1, subtype.label)
            if categoryChanged {
                let grams = Self.quoted(model.grams(1, f, best: subtype.label, allowed: allowed, norm: z.norms[1]))
                labels.subtype = label
                notes.append(Reason(rule: Self.ruleName, field: "", matched: grams, weight: 0,
                                    conclusion: "子类随类别改取「\(label)」（模型把握 \(Tally.format(subtype.probability))，推动最多的字串 \(grams.ifEmpty("无"))）"))
            } else if !LabelText.same(label, labels.subtype) && subtype.probability >= settings.categoryOverrideAbove {
                let before = labels.subtype
                let grams = Self.quoted(model.grams(1, f, best: subtype.label, allowed: allowed, norm: z.norms[1]))
                labels.subtype = label
                notes.append(Reason(rule: Self.ruleName, field: "", matched: grams, weight: 0,
                                    conclusion: "子类改取「\(label)」：规则的依据不足（取「\(before)」），模型把握 \(Tally.format(subtype.probability))，推动最多的字串 \(grams.ifEmpty("无"))"))
            }
        } else if categoryChanged {
            labels.subtype = ""
        } else if below.subtype > 0, !weak.subtype, let allowed = model.subtypeMask(labels.category), let held = model.index(1, of: labels.subtype),
                  (allowed >> UInt32(held)) & 1 == 1 {
            // A subtype the rules hold (not weak, its category kept): flagged where the model gives it little.
            let p = model.probability(1, z, of: held, allowed: allowed)
            if p < below.subtype, let top = model.top(1, z, allowed: allowed) {
                review.append(unlikely("子类", rules: labels.subtype, p: p, top: top, 1, f, z, allowed: allowed))
            }
        }

        if needIndustry, let label = decide(2, "产业", rules: labels.industry, weak: weak.industry, above: settings.industryOverrideAbove,
                                            confidence: settings.industryOverrideLogOdds.map { ($0, weak.industryConfidence) },
                                            held: held.map { ($0, weak.industryConfidence) },
                                            flagAbove: above.industry, flagBelow: below.industry, f, z, &notes, &review) {
            labels.industry = label
        }
        guard !notes.isEmpty || !review.isEmpty else { return nil }
        return Outcome(labels: labels, reasons: notes, review: review)
    }

    /// Puts an outcome on a sheet whose labels are decided and not yet reviewed: its reasons, its labels, which
    /// become the text's labels.
    static func apply(_ outcome: Outcome, to sheet: inout ScoreSheet) {
        for r in outcome.reasons { sheet.note(r) }
        sheet.category = outcome.labels.category
        sheet.subtype = outcome.labels.subtype
        sheet.industry = outcome.labels.industry
        sheet.inferred = outcome.labels
    }

    /// The grams, each in 「」, one after the other (at most three: written at once, where a string per gram was
    /// interpolated and the list joined).
    private static func quoted(_ grams: [String]) -> String {
        switch grams.count {
        case 0: return ""
        case 1: return Tally.concat("「", grams[0], "」")
        case 2: return Tally.concat("「", grams[0], "」「", grams[1], "」")
        case 3: return Tally.concat("「", grams[0], "」「", grams[1], "」「", grams[2], "」")
        default: return grams.map { "「\($0)」" }.joined()
        }
    }

    /// One dimension (category 0, industry 2): the model's label, with a reason noted on the sheet, when the rules
    /// hold theirs (`rules`) weakly and the model is sure enough of another — at least `above`, or, with
    /// `confidence` (k, the assessor's figure c), where ln(p(model's) / p(rules')) > k × c; otherwise nil, with a
    /// review reason added when the rules are sure and the model at least `flagAbove` (this dimension's) sure of another
    /// label, or gives
    /// the rules' label less than `flagBelow`. With `heldOdds` (k, c) a label the rules hold (not weak) is replaced
    /// too, where the log-odds exceed k × c.
    private func decide(_ d: Int, _ name: String, rules: String, weak: Bool, above: Double, confidence: (k: Double, c: Double)?,
                        held heldOdds: (k: Double, c: Double)? = nil,
                        flagAbove: Double, flagBelow: Double, _ f: NgramModel.Features, _ z: NgramModel.Scores,
                        _ notes: inout [Reason], _ review: inout [String]) -> String? {
        guard let top = model.top(d, z) else { return nil }
        let label = model.label(d, top.label)
        let held = model.index(d, of: rules)
        if !weak, let (k, c) = heldOdds, !LabelText.same(label, rules) {
            let odds = log(top.probability / max(held.map { model.probability(d, z, of: $0) } ?? 0, 1e-12))
            if odds > k * c {
                let grams = Self.quoted(model.grams(d, f, best: top.label, norm: z.norms[d]))
                notes.append(Reason(rule: Self.ruleName, field: "", matched: grams, weight: 0,
                                    conclusion: Tally.concat(name, "改取「", label, "」：规则取「", rules, "」，模型把握 ", Tally.format(top.probability),
                                                             "，对规则所取的对数比 ", Tally.format(odds), " 高于 ", Tally.format(k), " × 规则把握 ",
                                                             Tally.format(c), "，推动最多的字串 ", grams.ifEmpty("无"))))
                return label
            }
        }
        if weak && !LabelText.same(label, rules) {
            let taken: Bool, why: String
            if let (k, c) = confidence {
                let odds = log(top.probability / max(held.map { model.probability(d, z, of: $0) } ?? 0, 1e-12))
                taken = odds > k * c
                why = Tally.concat("模型把握 ", Tally.format(top.probability), "，对规则所取的对数比 ", Tally.format(odds), " 高于 ",
                                   Tally.format(k), " × 规则把握 ", Tally.format(c))
            } else {
                taken = top.probability >= above
                why = "模型把握 \(Tally.format(top.probability))"
            }
            if taken {
                let grams = Self.quoted(model.grams(d, f, best: top.label, norm: z.norms[d]))
                notes.append(Reason(rule: Self.ruleName, field: "", matched: grams, weight: 0,
                                    conclusion: Tally.concat(name, "改取「", label, "」：规则的依据不足或有争议（取「", rules, "」），", why,
                                                             "，推动最多的字串 ", grams.ifEmpty("无"))))
                return label
            }
        }
        guard !weak else { return nil }
        if top.probability >= flagAbove && !LabelText.same(label, rules) {
            let v = NgramModel.Verdict(label: label, probability: top.probability, probabilities: [], grams: model.grams(d, f, best: top.label, norm: z.norms[d]))
            review.append(disagreement(name, v, rules: rules))
        } else if flagBelow > 0, let held {
            let p = model.probability(d, z, of: held)
            if p < flagBelow { review.append(unlikely(name, rules: rules, p: p, top: top, d, f, z)) }
        }
        return nil
    }

    /// The review reason of a label the rules hold that the model gives only `p` (`flagBelow`): what it prefers, how
    /// sure, and the grams behind that.
    private func unlikely(_ name: String, rules: String, p: Double, top: (label: Int, probability: Double), _ d: Int,
                          _ f: NgramModel.Features, _ z: NgramModel.Scores, allowed: UInt32 = .max) -> String {
        let label = model.label(d, top.label)
        let grams = Self.quoted(model.grams(d, f, best: top.label, allowed: allowed, norm: z.norms[d]))
        // Written at once (`Tally.concat`): an interpolation appended its parts one by one, ~450 instructions a part.
        let prefers = LabelText.same(label, rules) ? Tally.concat("模型也取「", label, "」但把握只有 ", Tally.format(p))
            : Tally.concat("模型只给 ", Tally.format(p), "，倾向「", label, "」（把握 ", Tally.format(top.probability), "，依据字串 ",
                           grams.ifEmpty("无"), "）")
        return Tally.concat(name, "「", rules, "」：规则依据单薄或模型不认同，", prefers, "，请确认")
    }

    /// The review reason of a label the rules hold that the model disagrees with (`flagAbove`). The scalar form flags
    /// only a model sure of its label ("both sure"); the per-dimension form may flag at any probability (`{"category": 0}`),
    /// so it says only that the rules were sure.
    private func disagreement(_ name: String, _ v: NgramModel.Verdict, rules: String) -> String {
        Tally.concat(name, "：规则取「", rules, "」，模型倾向「", v.label, "」（把握 ", Tally.format(v.probability), "，依据字串 ",
                     Self.quoted(v.grams), settings.flagAbove.everywhere ? "），两者都有把握而不一致，请确认" : "），规则有把握而模型不认同，请确认")
    }
}

extension NgramModel {
    /// The index of `label` among dimension `d`'s labels (0 category, 1 subtype, 2 industry); nil when the model has
    /// no such label.
    func index(_ d: Int, of label: String) -> Int? {
        LabelText.firstIndex(of: label, in: (d == 0 ? category : d == 1 ? subtype : industry).labels)
    }
}

/// Rules alone, the model alone and the two combined over one labelled set: what `bulletin evaluate` adds
/// below its table, so the model layer is judged where the rules are.
public struct ModelComparison: Sendable, CustomStringConvertible {
    /// Agreement with the labels per dimension (category, subtype, industry).
    public struct Row: Sendable, Equatable {
        /// category, subtype or industry.
        public var dimension: String
        /// Cases where the rules alone agree.
        public var rules: Int
        /// Cases where the model alone agrees.
        public var model: Int
        /// Cases where rules and model combined agree.
        public var combined: Int
    }

    /// Number of cases.
    public var cases: Int
    /// Category, subtype, industry.
    public var rows: [Row]
    /// Cases flagged 需人工确认 by the rules alone.
    public var flaggedByRules: Int
    /// Cases flagged 需人工确认 combined.
    public var flaggedCombined: Int
    /// Cases whose labels the combination changed.
    public var changed: Int
    /// Whether the layer is on in pipeline.json (the main table then shows the combined figures).
    public var enabled: Bool
    /// The weights file.
    public var weights: String

    /// Scores the cases three ways; `scorer`'s own layer is ignored (rules alone), `layer` is forced on for combined.
    public static func compare(_ cases: [LabelledCase], scorer: Scorer, layer: ModelLayer) -> ModelComparison {
        let rulesScorer = scorer.with(modelLayer: nil)
        let combinedScorer = scorer.with(modelLayer: layer)
        var rows = ["category", "subtype", "industry"].map { Row(dimension: $0, rules: 0, model: 0, combined: 0) }
        var flaggedByRules = 0, flaggedCombined = 0, changed = 0
        for c in cases {
            let fields: [Field: String] = [.title: c.title, .summary: c.summary]
            let r = rulesScorer.assess(fields, extras: [:])
            let m = layer.labels(title: c.title, summary: c.summary)
            let b = combinedScorer.assess(fields, extras: [:])
            let expected = [c.expected.category, c.expected.subtype, c.expected.industry]
            let got = [[r.category, r.subtype, r.industry], [m.category, m.subtype, m.industry], [b.category, b.subtype, b.industry]]
            for i in 0..<3 {
                rows[i].rules += got[0][i] == expected[i] ? 1 : 0
                rows[i].model += got[1][i] == expected[i] ? 1 : 0
                rows[i].combined += got[2][i] == expected[i] ? 1 : 0
            }
            flaggedByRules += r.needsReview ? 1 : 0
            flaggedCombined += b.needsReview ? 1 : 0
            changed += got[0] != got[2] ? 1 : 0
        }
        return ModelComparison(cases: cases.count, rows: rows, flaggedByRules: flaggedByRules, flaggedCombined: flaggedCombined,
                               changed: changed, enabled: scorer.config.model?.enabled ?? false, weights: layer.settings.weights)
    }

    /// The lines `bulletin evaluate` prints after its table.
    public var description: String {
        var lines = ["", "model layer (\(weights); \(enabled ? "on" : "off") in pipeline.json): rules alone, model alone, combined"]
        let widths = [12, 16, 16, 16]
        lines.append(EvaluationReport.row(["dimension", "rules", "model", "combined"], widths: widths))
        for r in rows {
            let cell = { (n: Int) in "\(EvaluationReport.percent(Double(n) / Double(max(cases, 1)))) \(n)/\(cases)" }
            lines.append(EvaluationReport.row([r.dimension, cell(r.rules), cell(r.model), cell(r.combined)], widths: widths))
        }
        let delta = flaggedCombined - flaggedByRules
        lines.append("需人工确认 rules alone \(flaggedByRules), combined \(flaggedCombined) (\(delta >= 0 ? "+" : "")\(delta)); labels changed by the model in \(changed) cases")
        return lines.joined(separator: "\n")
    }
}
