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

    /// Every cue of every group, in group and cue order: a cue's place in this list (its flat index) sorts as
    /// its group and its index in the group do, so candidates are plain integers, sorted as integers.
    let flatCues: ContiguousArray<CompiledCue>
    /// The group of each flat cue.
    private let flatGroups: ContiguousArray<Int32>
    /// Each group's label as a `LabelIndex` number (looked up once, not at every vote).
    private let groupLabelIDs: [Int16]
    /// The literal cues by their automaton id, as flat indices: those of literal `id` are
    /// `literalOwners[ownerStart[id] ..< ownerStart[id + 1]]`, for ids up to `highestLiteral` (an array, not a
    /// `Dictionary<Int32, …>`: the lookup ran for every literal found in every field).
    private let ownerStart: ContiguousArray<Int32>
    private let literalOwners: ContiguousArray<Int32>
    /// The cues that are regular expressions, tried on every text, as flat indices.
    private let patternCues: ContiguousArray<Int32>
    /// The highest automaton id of the literals (a text scanned with it knows them all).
    let highestLiteral: Int32?
    /// Each cue's conclusion (without the lead-sentence note), by flat index: the same words for every
    /// finding of the cue, so they are written once, not per finding.
    private let conclusions: ContiguousArray<String>
    /// The same with the lead-sentence note (`（首句，×1.5）`), by flat index, when `leadWeight` is not 1 (else empty):
    /// written once, not at every finding in a summary's first sentence.
    private let leadConclusions: ContiguousArray<String>
    /// Bit `id & 63` of word `id >> 6` is set when literal `id` has an owner: ANDed with a text's found literals, it
    /// gives those this voter owns without visiting every literal the text holds (most belong to other voters).
    private let ownedBits: ContiguousArray<UInt64>
    /// Each literal cue's units as a string (`UTF16Text.string` of them), by flat index ("" for a pattern): a finding
    /// whose original words are those units (most Chinese findings) takes this string, shared, instead of a new one
    /// made from the field at every finding. The units are `wordUnits[wordStart[i] ..< wordStart[i + 1]]`.
    private let words: ContiguousArray<String>
    private let wordStart: ContiguousArray<Int32>
    private let wordUnits: ContiguousArray<UInt16>

    /// The cues worth trying on a text, as sorted flat indices: the literals its scan found, those the scan
    /// could not know, and every pattern whose required words the text holds (`CompiledCue.gateMissing`: the others
    /// find nothing). Marked in bits of the flat indices and read out in order (appending and sorting the list cost
    /// about a thousand instructions a field and voter).
    func candidates(in text: ScoringText) -> [Int32] {
        var out: [Int32] = []
        candidates(in: text, into: &out)
        return out
    }

    /// `candidates(in:)` written into `out` (emptied first, its room kept: the voters reuse one list a sheet).
    func candidates(in text: ScoringText, into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        let count = flatCues.count
        let wordCount = (count + 63) / 64
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Swift.max(wordCount, 1)) { marks in
            marks.initialize(repeating: 0)
            @inline(__always) func mark(_ i: Int32) { marks[Int(i) >> 6] |= 1 << UInt64(i & 63) }
            flatCues.withUnsafeBufferPointer { cues in
                for p in patternCues where !cues[Int(p)].gateMissing(in: text) { mark(p) }
            }
            if let highestLiteral {
                let high = Int(highestLiteral)
                ownerStart.withUnsafeBufferPointer { starts in
                    literalOwners.withUnsafeBufferPointer { owners in
                        ownedBits.withUnsafeBufferPointer { owned in
                            text.withFoundIndex { found in
                                // The literals found that this voter owns, in increasing order (`literalsFound`'s).
                                let words = Swift.min(owned.count, found.count >> 1)
                                for w in 0..<words {
                                    var word = owned[w] & found[w << 1]
                                    while word != 0 {
                                        let i = w << 6 | word.trailingZeroBitCount
                                        for k in Int(starts[i])..<Int(starts[i + 1]) { mark(owners[k]) }
                                        word &= word &- 1
                                    }
                                }
                            }
                        }
                        if !text.scanned(highestLiteral) {
                            for i in 0...high where !text.scanned(Int32(i)) {
                                for k in Int(starts[i])..<Int(starts[i + 1]) { mark(owners[k]) }
                            }
                        }
                    }
                }
            }
            var total = 0
            for w in 0..<wordCount { total += marks[w].nonzeroBitCount }
            out.reserveRoom(total)
            for w in 0..<wordCount {
                var word = marks[w]
                while word != 0 {
                    out.append(Int32(w << 6 | word.trailingZeroBitCount))
                    word &= word &- 1
                }
            }
        }
    }

    /// The words of a finding of flat cue `at` at `range` in `text`: `text.words(range)`, taken from `words` when the
    /// original units there are the cue's own.
    @inline(__always)
    private func matched(_ at: Int, _ range: NSRange, in text: ScoringText) -> String {
        let lower = Int(wordStart[at]), upper = Int(wordStart[at + 1])
        let n = upper - lower
        if n > 0, n == range.length, range.location >= 0, range.location + n <= text.originalUnits.count {
            let same = text.originalUnits.withUnsafeBufferPointer { o in
                wordUnits.withUnsafeBufferPointer { w in
                    var k = 0
                    while k < n && o[range.location + k] == w[lower + k] { k += 1 }
                    return k == n
                }
            }
            if same { return words[at] }
        }
        return text.words(range)
    }

    /// Compiles the configured groups (their JSON path is `section[i]`).
    init(rule: String, groups: [ScoringConfig.CueGroup], section: String, dimension: VoteDimension,
         weight: Double, countsAsEvidence: Bool, leadWeight: Double = 1, file: String) throws {
        self.rule = rule
        self.leadWeight = leadWeight
        let compiled = try groups.enumerated().map { try CompiledGroup($0.element, path: "\(section)[\($0.offset)]", file: file) }
        self.groups = compiled
        groupLabelIDs = compiled.map { LabelIndex.of($0.label) }
        var cues = ContiguousArray<CompiledCue>(), cueGroups = ContiguousArray<Int32>()
        // Each literal cue's (literal, place), in order; grouped by literal below with a counting pass, not a
        // dictionary of lists (fixed8: the dictionary's growth and a look-up for every literal id of every voter).
        var ownerPairs: [(id: Int32, flat: Int32)] = []
        var others = ContiguousArray<Int32>()
        var conclusions = ContiguousArray<String>()
        var words = ContiguousArray<String>(), wordStart: ContiguousArray<Int32> = [0], wordUnits = ContiguousArray<UInt16>()
        for (g, group) in compiled.enumerated() {
            for cue in group.cues {
                let literal = cue.literal ?? []
                words.append(literal.isEmpty ? "" : UTF16Text.string(literal[...]))
                wordUnits.append(contentsOf: literal)
                wordStart.append(Int32(wordUnits.count))
                let flat = Int32(cues.count)
                cues.append(cue)
                cueGroups.append(Int32(g))
                if let id = cue.literalID { ownerPairs.append((id, flat)) } else { others.append(flat) }
                conclusions.append(Self.conclusion(dimension, group.label, cue: cue.source, evidence: countsAsEvidence,
                                                   source: group.source))
            }
        }
        let highest = ownerPairs.lazy.map(\.id).max()
        var starts = ContiguousArray<Int32>(), flatOwners = ContiguousArray<Int32>()
        var owned = ContiguousArray<UInt64>()
        if let highest {
            owned = ContiguousArray(repeating: 0, count: Int(highest) / 64 + 1)
            // starts[id] ..< starts[id + 1]: the places of literal id's cues, in the order they came.
            starts = ContiguousArray(repeating: 0, count: Int(highest) + 2)
            for pair in ownerPairs { starts[Int(pair.id) + 1] += 1 }
            for id in 0...Int(highest) {
                if starts[id + 1] > 0 { owned[id >> 6] |= 1 << UInt64(id & 63) }
                starts[id + 1] += starts[id]
            }
            flatOwners = ContiguousArray(repeating: 0, count: ownerPairs.count)
            var next = starts
            for pair in ownerPairs {
                flatOwners[Int(next[Int(pair.id)])] = pair.flat
                next[Int(pair.id)] += 1
            }
        }
        ownedBits = owned
        leadConclusions = leadWeight == 1 ? [] : ContiguousArray(conclusions.map { $0 + "（首句，×\(Tally.format(leadWeight))）" })
        flatCues = cues
        flatGroups = cueGroups
        ownerStart = starts
        literalOwners = flatOwners
        patternCues = others
        highestLiteral = highest
        self.conclusions = conclusions
        self.words = words
        self.wordStart = wordStart
        self.wordUnits = wordUnits
        self.dimension = dimension
        self.weight = weight
        self.countsAsEvidence = countsAsEvidence
    }

    /// Adds the votes. A cue found only inside a longer cue's match counts no more (关键技术 hides 技术,
    /// 推广应用 hides 推广): the longest words decide. A cue in the summary's first sentence (what was
    /// achieved) counts `leadWeight` times; its first place decides.
    func apply(to sheet: inout ScoreSheet) {
        // The two lists of findings, emptied for each field with their room kept (one allocation each a sheet, not a
        // field).
        // The lists of findings and candidates are the sheet's, lent to each voter in turn and emptied for each field
        // with their room kept (one allocation each a sheet, not four a voter).
        var scratch = CueScratch()
        swap(&scratch, &sheet.cueScratch)
        defer { swap(&scratch, &sheet.cueScratch) }
        for text in sheet.texts {
            let leadEnd = leadWeight != 1 && text.field == .summary ? text.sentenceEnd(after: 0) : -1
            // Only the cues found: most of the hundreds of cues find nothing in a given field. Their ranges go into
            // one array, cue after cue (`found` says where each cue's are), not an array per cue.
            scratch.ranges.removeAll(keepingCapacity: true)
            scratch.found.removeAll(keepingCapacity: true)
            candidates(in: text, into: &scratch.tried)
            scratch.found.reserveRoom(scratch.tried.count)
            scratch.ranges.reserveRoom(scratch.tried.count + 8)
            for at in scratch.tried {
                let before = scratch.ranges.count
                flatCues[Int(at)].appendRanges(in: text, to: &scratch.ranges)
                if scratch.ranges.count > before { scratch.found.append((at, before, scratch.ranges.count)) }
            }
            let several = scratch.found.count > 1
            for (at, lower, upper) in scratch.found {
                // The first range no longer range of any cue found holds (without building the list of them all):
                // `scratch.ranges` holds every range of every cue found.
                let free = !several ? Optional(scratch.ranges[lower]) : scratch.ranges[lower..<upper].first { r in
                    !scratch.ranges.contains { other in other.length > r.length && Self.holds(other, r) }
                }
                guard let range = free else { continue }
                let g = Int(flatGroups[Int(at)])
                let group = groups[g]
                let lead = range.location < leadEnd
                let w = group.weight * text.weight * weight * (lead ? leadWeight : 1)
                // The shared words as they are (appending "" to them copied them, ~650 instructions a finding).
                let conclusion = lead && w != 0 ? leadConclusions[Int(at)] : conclusions[Int(at)]
                let reason = Reason(rule: rule, field: text.field.rawValue, matched: matched(Int(at), range, in: text), weight: w,
                                    conclusion: conclusion)
                if countsAsEvidence {
                    sheet.evidence(dimension, for: group.label, id: groupLabelIDs[g], because: reason)
                } else {
                    sheet.vote(dimension, for: group.label, id: groupLabelIDs[g], because: reason)
                }
            }
        }
    }

    /// `NSIntersectionRange(outer, inner).length == inner.length`: `outer` holds all of `inner` (an empty `inner`
    /// always).
    @inline(__always)
    static func holds(_ outer: NSRange, _ inner: NSRange) -> Bool {
        inner.length == 0 || (outer.location <= inner.location && inner.location + inner.length <= outer.location + outer.length)
    }

    /// What a cue's finding concludes, and the group's source in brackets when it has one: "「cue」指向产业「label」（source）".
    /// Written at once into a string of its size (`Tally.concat`): an interpolation grew the string part by part, ~3,000
    /// instructions a cue, 6 M at every start for the ~1,850 cues of the voters.
    static func conclusion(_ dimension: VoteDimension, _ label: String, cue: String, evidence: Bool, source: String? = nil) -> String {
        let open = evidence ? "证据「" : "「"
        let (close, end): (String, String) = source == nil ? ("", "") : ("（", "）")
        switch dimension {
        case .category: return Tally.concat(open, cue, "」指向成果类别「", label, "」", close, source ?? "", end)
        case .subtype:
            return Tally.concat(open, cue, "」指向子类「", label, "」（", AchievementTaxonomy.category(ofSubtype: label) ?? "", "）",
                                close, source ?? "", end)
        case .industry: return Tally.concat(open, cue, "」指向产业「", label, "」", close, source ?? "", end)
        }
    }
}

/// The lists a `CueVoter` works in, kept by the sheet between voters (see `CueVoter.apply`).
struct CueScratch: Sendable {
    var ranges: [NSRange] = []
    var found: [(at: Int32, lower: Int, upper: Int)] = []
    var tried: [Int32] = []
}

extension Array {
    /// Room for `count` elements, made at least twice what there was (and at least 32) when more is needed: the lists
    /// lent from voter to voter were made again at each larger request (`reserveCapacity` gives what it is asked).
    @inline(__always)
    mutating func reserveRoom(_ count: Int) {
        if count > capacity { reserveCapacity(Swift.max(count, 2 * capacity, 32)) }
    }
}

/// Two word lists that must stand in one sentence, within a window of characters.
struct ProximityMatcher: Sendable {
    let actions: CueList
    let objects: CueList
    let window: Int

    /// Compiles a configured proximity section at `path` (like `scoring.evidence.varietyApproval`).
    init(_ section: ScoringConfig.ProximityEvidence, path: String, file: String) throws {
        actions = CueList(try compilePhrases(section.actions, path: "\(path).actions", file: file))
        objects = CueList(try compilePhrases(section.objects, path: "\(path).objects", file: file))
        window = section.window
    }

    /// The first object in the text with an action near it: the joined range.
    func find(in text: ScoringText) -> NSRange? {
        // Most texts hold no action and no object: the lists' bits say so before any list is made.
        guard actions.mayFindAny(in: text), objects.mayFindAny(in: text) else { return nil }
        let actionRanges = actions.ranges(in: text)
        guard !actionRanges.isEmpty else { return nil }
        let objectRanges = objects.ranges(in: text).sorted { $0.location < $1.location }
        for o in objectRanges {
            // The first action of least gap among those within the window and in the object's sentence (`filter` then
            // `min`, without the filtered list; the gap, a subtraction, asked before the sentence).
            var near: NSRange?
            var nearGap = 0
            for a in actionRanges {
                let gap = a.gap(to: o)
                guard gap <= window, near == nil || gap < nearGap, text.sameSentence(a, o) else { continue }
                near = a
                nearGap = gap
            }
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
