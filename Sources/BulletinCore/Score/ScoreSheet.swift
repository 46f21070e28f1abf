/// What the rules vote for.
public enum VoteDimension: String, Sendable, Codable {
    /// 成果类别
    case category
    /// Subtype (a subtype vote also counts for the subtype's category).
    case subtype
    /// 产业
    case industry
}

/// A vote for a label, with the weight it adds.
public struct Vote: Sendable, Equatable {
    /// What is voted on.
    public var dimension: VoteDimension
    /// The label voted for.
    public var label: String
    /// How much the vote counts.
    public var weight: Double
    /// For a subtype vote: whether it also counts for the subtype's category (a construction that says
    /// which kind of applied result a case is says nothing about whether it is one: the subtype follows
    /// the category).
    public var countsForCategory: Bool = true
}

/// The working record of one case while the rules run: the fields read, the votes, the points and the
/// decisions, and every reason in the order rules ran. The scorer turns it into an `Assessment`.
public struct ScoreSheet: Sendable {
    /// The normalised form values.
    public let fields: [Field: String]
    /// The optional rows, as declared by the unit.
    public let extras: [OptionalField: String]
    /// The rule profile (sichuan, zhejiang).
    public let profile: String
    /// The fields the text rules read (成果名称 and 案例简介), with their weights.
    let texts: [ScoringText]

    /// Every finding so far, in the order rules ran.
    public private(set) var reasons: [Reason] = []
    /// Every vote so far.
    public private(set) var votes: [Vote] = []
    /// Points from evidence rules (capped by the formula).
    public private(set) var evidencePoints: Double = 0
    /// Points from the level claim.
    public var levelPoints: Double = 0
    /// The largest amount found next to an economic indicator, in 万元, or nil.
    public var amountWanYuan: Double?
    /// Points from that amount.
    public var amountPoints: Double = 0
    /// Points for a complete form.
    public var completenessPoints: Double = 0

    /// 成果类别 decided (or declared).
    public var category = ""
    /// Subtype decided, or "".
    public var subtype = ""
    /// 技术水平 claimed, or "".
    public var level = ""
    /// 产业 decided (or declared).
    public var industry = ""
    /// The category, subtype, level and industry as inferred from the text, before any declaration.
    public var inferred = InferredValues()
    /// Notes for reviewers.
    public private(set) var flags: [String] = []
    /// False when a profile condition is not met.
    public private(set) var eligible = true

    /// Starts a sheet for one case.
    init(fields: [Field: String], extras: [OptionalField: String], profile: String, fieldWeights: ScoringConfig.FieldWeights) {
        self.fields = fields
        self.extras = extras
        self.profile = profile
        var texts: [ScoringText] = []
        for (field, weight) in [(Field.title, fieldWeights.title), (Field.summary, fieldWeights.summary)] {
            let text = fields[field] ?? ""
            if !text.isEmpty { texts.append(ScoringText(field: field, text: text, weight: weight)) }
        }
        self.texts = texts
    }

    // MARK: - Adding findings

    /// Records a vote for a label with its reason (the reason's weight is the vote's weight).
    public mutating func vote(_ dimension: VoteDimension, for label: String, because reason: Reason, countsForCategory: Bool = true) {
        votes.append(Vote(dimension: dimension, label: label, weight: reason.weight, countsForCategory: countsForCategory))
        reasons.append(reason)
    }

    /// Records a vote that is also evidence: it counts for the label and adds evidence points.
    public mutating func evidence(_ dimension: VoteDimension, for label: String, because reason: Reason) {
        vote(dimension, for: label, because: reason)
        evidencePoints += reason.weight
    }

    /// Records a finding that changes no vote (a claim not taken, a decision, a check passed).
    public mutating func note(_ reason: Reason) {
        reasons.append(reason)
    }

    /// Adds a note for reviewers (once).
    public mutating func flag(_ text: String) {
        if !flags.contains(text) { flags.append(text) }
    }

    /// Marks the case ineligible under the profile, with the flag that says why.
    public mutating func markIneligible(_ flag: String) {
        eligible = false
        self.flag(flag)
    }

    // MARK: - Reading findings

    /// Whether a rule has added a reason with a weight above zero.
    public func found(by rule: String) -> Bool {
        reasons.contains { $0.rule == rule && $0.weight > 0 }
    }

    /// Total votes per label for one dimension; positive subtype votes also count for their category.
    public func totals(_ dimension: VoteDimension) -> [String: Double] {
        labelTotals(dimension).dictionary
    }

    /// `totals(_:)` as a short list in the order labels were first voted for (no hashing of Chinese labels: the tally
    /// and the confidence read these a dozen times a case).
    func labelTotals(_ dimension: VoteDimension) -> LabelTotals {
        var totals = LabelTotals()
        for v in votes {
            switch (dimension, v.dimension) {
            case (.category, .category), (.subtype, .subtype), (.industry, .industry):
                totals.add(v.weight, to: v.label)
            case (.category, .subtype):
                // A counter-cue against a subtype (专利12件 says "not a patent case") says nothing against its category.
                if let c = AchievementTaxonomy.category(ofSubtype: v.label), v.weight > 0, v.countsForCategory { totals.add(v.weight, to: c) }
            default:
                break
            }
        }
        return totals
    }
}

/// Sums per label, kept in a short list while votes are added: a case has a few labels and dozens of votes, and
/// a dictionary keyed by Chinese labels hashed (and normalised) the label at every vote. Each sum starts at 0 and
/// adds the votes in order, as `dictionary[label, default: 0] += weight` did, so the figures are the same.
struct LabelTotals {
    private var labels: [String] = []
    private var sums: [Double] = []

    mutating func add(_ weight: Double, to label: String) {
        if let i = LabelText.firstIndex(of: label, in: labels) {
            sums[i] += weight
        } else {
            labels.append(label)
            sums.append(0 + weight)
        }
    }

    /// The sum of a label, nil when it has no vote (as a dictionary's lookup: labels compare as strings do).
    subscript(label: String) -> Double? {
        guard let i = LabelText.firstIndex(of: label, in: labels) else { return nil }
        return sums[i]
    }

    /// Whether no label has a vote.
    var isEmpty: Bool { labels.isEmpty }

    /// The labels and sums that `keep` accepts, in the same order.
    func filter(_ keep: (_ label: String, _ sum: Double) -> Bool) -> LabelTotals {
        var out = LabelTotals()
        for (label, sum) in zip(labels, sums) where keep(label, sum) {
            out.labels.append(label)
            out.sums.append(sum)
        }
        return out
    }

    /// The largest sum of a label other than `label`, or nil when there is none.
    func largest(except label: String) -> Double? {
        var top: Double?
        for (l, sum) in zip(labels, sums) where !LabelText.same(l, label) {
            if let t = top { top = Swift.max(t, sum) } else { top = sum }
        }
        return top
    }

    var dictionary: [String: Double] {
        var out = [String: Double](minimumCapacity: labels.count)
        for (label, sum) in zip(labels, sums) { out[label] = sum }
        return out
    }
}

/// The values inferred from the text, kept beside declared ones so a reviewer (and the labelled-set
/// evaluation) can see both.
public struct InferredValues: Sendable, Codable, Equatable {
    /// Inferred 成果类别.
    public var category: String
    /// Inferred subtype, or "".
    public var subtype: String
    /// Level claimed in the text, or "".
    public var level: String
    /// Inferred industry.
    public var industry: String
    /// Creates the values.
    public init(category: String = "", subtype: String = "", level: String = "", industry: String = "") {
        self.category = category
        self.subtype = subtype
        self.level = level
        self.industry = industry
    }
}
