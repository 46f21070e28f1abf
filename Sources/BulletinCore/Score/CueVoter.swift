import Foundation

/// Applies compiled cue groups to the title and summary of a sheet: one vote, with its reason, for
/// each cue found in each field (however often it occurs there).
struct CueVoter: Sendable {
    /// The rule the reasons name.
    let rule: String
    /// The groups, each with its label.
    let groups: [CompiledGroup]
    /// What the votes are for.
    let dimension: VoteDimension
    /// The rule's weight.
    let weight: Double
    /// Whether the votes also add evidence points.
    let countsAsEvidence: Bool
    /// How much a cue counts in the summary's first sentence (1: no different from the rest).
    let leadWeight: Double

    /// A cue's place: its group and its index in the group.
    struct CueAt: Sendable, Comparable {
        let group: Int
        let cue: Int
        static func < (a: CueAt, b: CueAt) -> Bool { a.group != b.group ? a.group < b.group : a.cue < b.cue }
    }
    /// The literal cues by their automaton id (a text's scan says which were found; only those are tried).
    let literalOwners: [Int32: [CueAt]]
    /// The cues that are regular expressions, tried on every text.
    let patternCues: [CueAt]
    /// The highest automaton id of the literals (a text scanned with it knows them all).
    let highestLiteral: Int32?
    /// Each cue's conclusion (without the lead-sentence note), by group and cue: the same words for every
    /// finding of the cue, so they are written once, not per finding.
    let conclusions: [[String]]

    /// The cues worth trying on a text, in group and cue order: the literals its scan found, those the scan
    /// could not know, and every pattern.
    private func candidates(in text: ScoringText) -> [CueAt] {
        var out = patternCues
        for id in text.literalsFound { out += literalOwners[id] ?? [] }
        if let highestLiteral, !text.scanned(highestLiteral) {
            for (id, owners) in literalOwners where !text.scanned(id) { out += owners }
        }
        return out.sorted()
    }

    /// Compiles the configured groups (their JSON path is `section[i]`).
    init(rule: String, groups: [ScoringConfig.CueGroup], section: String, dimension: VoteDimension,
         weight: Double, countsAsEvidence: Bool, leadWeight: Double = 1, file: String) throws {
        self.rule = rule
        self.leadWeight = leadWeight
        let compiled = try groups.enumerated().map { try CompiledGroup($0.element, path: "\(section)[\($0.offset)]", file: file) }
        self.groups = compiled
        var owners: [Int32: [CueAt]] = [:]
        var others: [CueAt] = []
        for (g, group) in compiled.enumerated() {
            for (c, cue) in group.cues.enumerated() {
                if let id = cue.literalID { owners[id, default: []].append(CueAt(group: g, cue: c)) } else { others.append(CueAt(group: g, cue: c)) }
            }
        }
        self.literalOwners = owners
        self.patternCues = others
        self.highestLiteral = owners.keys.max()
        conclusions = compiled.map { group in
            group.cues.map { cue in
                Self.conclusion(dimension, group.label, cue: cue.source, evidence: countsAsEvidence) + (group.source.map { "（\($0)）" } ?? "")
            }
        }
        self.dimension = dimension
        self.weight = weight
        self.countsAsEvidence = countsAsEvidence
    }

    /// Adds the votes. A cue found only inside a longer cue's match counts no more (关键技术 hides 技术,
    /// 推广应用 hides 推广): the longest words decide. A cue in the summary's first sentence (what was
    /// achieved) counts `leadWeight` times; its first place decides.
    func apply(to sheet: inout ScoreSheet) {
        for text in sheet.texts {
            let leadEnd = leadWeight != 1 && text.field == .summary ? text.sentenceEnd(after: 0) : -1
            // Only the cues found: most of the hundreds of cues find nothing in a given field.
            var found: [(at: CueAt, ranges: [NSRange])] = []
            for at in candidates(in: text) {
                let ranges = groups[at.group].cues[at.cue].ranges(in: text)
                if !ranges.isEmpty { found.append((at, ranges)) }
            }
            let all = found.count > 1 ? found.flatMap(\.ranges) : []
            for (at, ranges) in found {
                let free = ranges.filter { r in
                    !all.contains { other in other.length > r.length && NSIntersectionRange(other, r).length == r.length }
                }
                guard let range = free.first else { continue }
                let group = groups[at.group]
                let lead = range.location < leadEnd
                let w = group.weight * text.weight * weight * (lead ? leadWeight : 1)
                let conclusion = conclusions[at.group][at.cue]
                    + (lead && w != 0 ? "（首句，×\(Tally.format(leadWeight))）" : "")
                let reason = Reason(rule: rule, field: text.field.rawValue, matched: text.words(range), weight: w,
                                    conclusion: conclusion)
                if countsAsEvidence {
                    sheet.evidence(dimension, for: group.label, because: reason)
                } else {
                    sheet.vote(dimension, for: group.label, because: reason)
                }
            }
        }
    }

    static func conclusion(_ dimension: VoteDimension, _ label: String, cue: String, evidence: Bool) -> String {
        let prefix = evidence ? "证据「\(cue)」" : "「\(cue)」"
        switch dimension {
        case .category: return "\(prefix)指向成果类别「\(label)」"
        case .subtype: return "\(prefix)指向子类「\(label)」（\(AchievementTaxonomy.category(ofSubtype: label) ?? "")）"
        case .industry: return "\(prefix)指向产业「\(label)」"
        }
    }
}

/// Two word lists that must stand in one sentence, within a window of characters.
struct ProximityMatcher: Sendable {
    let actions: [CompiledCue]
    let objects: [CompiledCue]
    let window: Int

    /// Compiles a configured proximity section at `path` (like `scoring.evidence.varietyApproval`).
    init(_ section: ScoringConfig.ProximityEvidence, path: String, file: String) throws {
        actions = try compilePhrases(section.actions, path: "\(path).actions", file: file)
        objects = try compilePhrases(section.objects, path: "\(path).objects", file: file)
        window = section.window
    }

    /// The first object in the text with an action near it: the joined range.
    func find(in text: ScoringText) -> NSRange? {
        let actionRanges = actions.flatMap { $0.ranges(in: text) }
        guard !actionRanges.isEmpty else { return nil }
        let objectRanges = objects.flatMap { $0.ranges(in: text) }.sorted { $0.location < $1.location }
        for o in objectRanges {
            let near = actionRanges
                .filter { text.sameSentence($0, o) && $0.gap(to: o) <= window }
                .min { $0.gap(to: o) < $1.gap(to: o) }
            if let a = near { return o.joined(with: a) }
        }
        return nil
    }
}

/// Applies a proximity section as evidence for a subtype: one finding per field.
struct ProximityEvidenceVoter: Sendable {
    let rule: String
    let matcher: ProximityMatcher
    let label: String
    let weight: Double

    init(rule: String, section: ScoringConfig.ProximityEvidence, path: String, ruleWeight: Double, file: String) throws {
        self.rule = rule
        matcher = try ProximityMatcher(section, path: path, file: file)
        label = section.label
        weight = section.weight * ruleWeight
    }

    func apply(to sheet: inout ScoreSheet, conclusion: String) {
        for text in sheet.texts {
            guard let range = matcher.find(in: text) else { continue }
            let reason = Reason(rule: rule, field: text.field.rawValue, matched: text.words(range),
                                weight: weight * text.weight, conclusion: conclusion)
            sheet.evidence(.subtype, for: label, because: reason)
        }
    }
}
