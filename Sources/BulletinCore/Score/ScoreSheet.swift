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
    /// The `LabelIndex` number of each vote's label, in the order of `votes`.
    private(set) var voteLabelIDs: [Int16] = []
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

    /// The lists the cue voters work in, lent to each in turn (`CueVoter.apply`).
    var cueScratch = CueScratch()

    /// Starts a sheet for one case.
    init(fields: [Field: String], extras: [OptionalField: String], profile: String, fieldWeights: ScoringConfig.FieldWeights) {
        self.fields = fields
        self.extras = extras
        self.profile = profile
        // The title, then the summary, each when it has text (room for both at once: the list grew twice, and a list
        // of the two fields and weights was made to walk).
        var texts: [ScoringText] = []
        texts.reserveCapacity(2)
        if let title = fields[.title], !title.isEmpty { texts.append(ScoringText(field: .title, text: title, weight: fieldWeights.title)) }
        if let summary = fields[.summary], !summary.isEmpty {
            texts.append(ScoringText(field: .summary, text: summary, weight: fieldWeights.summary))
        }
        self.texts = texts
        // Room for a case's findings (about 30 reasons and 20 votes; the arrays grew five times each).
        reasons.reserveCapacity(48)
        votes.reserveCapacity(32)
        voteLabelIDs.reserveCapacity(32)
    }

    // MARK: - Adding findings

    /// Records a vote for a label with its reason (the reason's weight is the vote's weight).
    public mutating func vote(_ dimension: VoteDimension, for label: String, because reason: consuming Reason, countsForCategory: Bool = true) {
        vote(dimension, for: label, id: LabelIndex.of(label), because: reason, countsForCategory: countsForCategory)
    }

    /// `vote(_:for:because:countsForCategory:)` with the label's `LabelIndex` number, known beforehand. The reason is
    /// taken, not copied (`consuming`, here and in `evidence` and `note`): a copy retained its four strings and the
    /// caller's released them, at every finding.
    mutating func vote(_ dimension: VoteDimension, for label: String, id: Int16, because reason: consuming Reason, countsForCategory: Bool = true) {
        votes.append(Vote(dimension: dimension, label: label, weight: reason.weight, countsForCategory: countsForCategory))
        voteLabelIDs.append(id)
        reasons.append(reason)
    }

    /// `evidence(_:for:because:)` with the label's `LabelIndex` number.
    mutating func evidence(_ dimension: VoteDimension, for label: String, id: Int16, because reason: consuming Reason) {
        let weight = reason.weight
        vote(dimension, for: label, id: id, because: reason)
        evidencePoints += weight
    }

    /// Records a vote that is also evidence: it counts for the label and adds evidence points.
    public mutating func evidence(_ dimension: VoteDimension, for label: String, because reason: consuming Reason) {
        let weight = reason.weight
        vote(dimension, for: label, because: reason)
        evidencePoints += weight
    }

    /// Records a finding that changes no vote (a claim not taken, a decision, a check passed).
    public mutating func note(_ reason: consuming Reason) {
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
        // The votes read in place (a vote copied out retained its label and released it).
        votes.withUnsafeBufferPointer { vb in
            voteLabelIDs.withUnsafeBufferPointer { ids in
                for k in 0..<vb.count {
                    let id = ids[k]
                    switch (dimension, vb[k].dimension) {
                    case (.category, .category), (.subtype, .subtype), (.industry, .industry):
                        totals.add(vb[k].weight, id: id) { vb[k].label }
                    case (.category, .subtype):
                        // A counter-cue against a subtype (专利12件 says "not a patent case") says nothing against its category.
                        if vb[k].weight > 0, vb[k].countsForCategory,
                           let c = id >= 0 ? LabelIndex.categoryOfSubtype[Int(id)] : LabelIndex.category(ofSubtype: vb[k].label, id: id) {
                            totals.add(vb[k].weight, to: c.label, id: c.id)
                        }
                    default:
                        break
                    }
                }
            }
        }
        return totals
    }
}

/// Sums per label, kept in a short list while votes are added: a case has a few labels and dozens of votes, and
/// a dictionary keyed by Chinese labels hashed (and normalised) the label at every vote. Each sum starts at 0 and
/// adds the votes in order, as `dictionary[label, default: 0] += weight` did, so the figures are the same. Labels
/// are compared by their `LabelIndex` numbers (as `==` compares them).
struct LabelTotals {
    private struct Entry {
        var label: String
        var id: Int16
        var sum: Double
    }

    private var entries: [Entry] = []

    mutating func add(_ weight: Double, to label: String) {
        add(weight, to: label, id: LabelIndex.of(label))
    }

    /// `add(weight, to: label(), id: id)`, the label read only where it is needed: a known number (`id` ≥ 0) finds its
    /// sum by the number alone, and the label is read (and kept) only for a new entry. The tally and the confidence
    /// count every vote this way, and a vote's label read out of the list was retained and released each time.
    @inline(__always)
    mutating func add(_ weight: Double, id: Int16, label: () -> String) {
        if id >= 0, let i = index(ofKnown: id) {
            entries[i].sum += weight
        } else {
            add(weight, to: label(), id: id)
        }
    }

    @inline(__always)
    private func index(ofKnown id: Int16) -> Int? {
        entries.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i].id == id { return i }
            return nil
        }
    }

    /// Adds to the sum of `label`, whose `LabelIndex` number is `id`.
    mutating func add(_ weight: Double, to label: String, id: Int16) {
        if let i = index(of: label, id: id) {
            entries[i].sum += weight
        } else {
            // Room for a case's labels at once (the list grew by reallocating at nearly every new label).
            if entries.capacity == 0 { entries.reserveCapacity(8) }
            entries.append(Entry(label: label, id: id, sum: 0 + weight))
        }
    }

    @inline(__always)
    private func index(of label: String, id: Int16) -> Int? {
        if id >= 0 {
            // A known number equals only the same number (`LabelIndex.same`): the numbers read alone, no label touched.
            return entries.withUnsafeBufferPointer { b in
                for i in 0..<b.count where b[i].id == id { return i }
                return nil
            }
        }
        for i in entries.indices where LabelIndex.same(entries[i].id, entries[i].label, id, label) { return i }
        return nil
    }

    /// The sum of a label, nil when it has no vote (as a dictionary's lookup: labels compare as strings do).
    subscript(label: String) -> Double? {
        if entries.isEmpty { return nil }
        guard let i = index(of: label, id: LabelIndex.of(label)) else { return nil }
        return entries[i].sum
    }

    /// The sum of `label`, whose `LabelIndex` number is `id` (`self[label]` without looking the number up).
    @inline(__always)
    func sum(of label: String, id: Int16) -> Double? {
        for e in entries where LabelIndex.same(e.id, e.label, id, label) { return e.sum }
        return nil
    }

    /// The entries whose label is one of `labels` (numbers `ids`), in the same order: `filter` by
    /// `labels.contains`, compared by number; with `positive`, only those whose sum is above zero (`filter { $1 > 0 }`
    /// of the result, without the second list).
    func filter(ids: [Int16], labels: [String], positive: Bool = false) -> LabelTotals {
        var out = LabelTotals()
        for e in entries where (!positive || e.sum > 0) && zip(ids, labels).contains(where: { LabelIndex.same($0.0, $0.1, e.id, e.label) }) {
            if out.entries.isEmpty { out.entries.reserveCapacity(entries.count) }
            out.entries.append(e)
        }
        return out
    }

    /// Whether no label has a vote.
    var isEmpty: Bool { entries.isEmpty }

    /// The labels and sums that `keep` accepts, in the same order.
    func filter(_ keep: (_ label: String, _ sum: Double) -> Bool) -> LabelTotals {
        var out = LabelTotals()
        for e in entries where keep(e.label, e.sum) { out.entries.append(e) }
        return out
    }

    /// The largest sum of a label other than `label`, or nil when there is none.
    func largest(except label: String) -> Double? {
        let id = LabelIndex.of(label)
        var top: Double?
        for e in entries where !LabelIndex.same(e.id, e.label, id, label) {
            if let t = top { top = Swift.max(t, e.sum) } else { top = e.sum }
        }
        return top
    }

    /// Among the positive sums: `label`'s (nil when it has none above zero) and the largest of the other labels' (nil
    /// when none): `filter { $1 > 0 }`'s `[label]` and `largest(except: label)`, without the filtered copy.
    func positiveSum(of label: String) -> (sum: Double?, largestOther: Double?) {
        let id = LabelIndex.of(label)
        var mine: Double?, top: Double?
        for e in entries where e.sum > 0 {
            if LabelIndex.same(e.id, e.label, id, label) {
                if mine == nil { mine = e.sum }
            } else if let t = top {
                top = Swift.max(t, e.sum)
            } else {
                top = e.sum
            }
        }
        return (mine, top)
    }

    var dictionary: [String: Double] {
        var out = [String: Double](minimumCapacity: entries.count)
        for e in entries { out[e.label] = e.sum }
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

extension Assessment {
    /// The assessment of a scored sheet: its labels, reasons, flags and inferred values, with the ranking `score`,
    /// the labels' `confidence` and the 需人工确认 reasons (`needsReview` when there are any).
    public init(_ sheet: ScoreSheet, score: Double, confidence: LabelConfidence?, review: [String]) {
        self.init(category: sheet.category, subtype: sheet.subtype, level: sheet.level, industry: sheet.industry,
                  score: score, reasons: sheet.reasons, flags: sheet.flags, eligible: sheet.eligible,
                  inferred: sheet.inferred, amountWanYuan: sheet.amountWanYuan)
        self.confidence = confidence
        needsReview = !review.isEmpty
        reviewReasons = review
    }
}
