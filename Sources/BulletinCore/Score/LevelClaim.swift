import Foundation

/// A level phrase found in a field, read as a reviewer reads it.
public struct LevelClaim: Sendable, Equatable {
    /// How the surroundings qualify the phrase.
    public enum Scope: String, Sendable, Codable {
        /// A claim for the whole work, marked as such (总体达到…, 该成果整体…).
        case overall
        /// A claim with no scope word (达到国际先进水平).
        case plain
        /// A claim for part of the work (部分指标达到…, 其中…).
        case partial
        /// A level implied by a first (国际首创, 填补国内空白): read only when no explicit claim exists.
        case implied
        /// A hedge or negation (接近…, 尚未达到…, 有望达到…): not a claim.
        case hedged
        /// A comparison (与国际先进水平相比, 仍有差距): not a claim.
        case comparison
        /// A description of others (国际领先企业): not a claim.
        case others
    }

    /// The level on the ladder.
    public var level: String
    /// How the claim is read.
    public var scope: Scope
    /// The field it stands in.
    public var field: Field
    /// The words of the clause around the phrase, as in the field.
    public var words: String
    /// The word that decided the scope (接近, 部分, 其中, 总体), or "".
    public var marker: String
    /// Where the phrase starts (UTF-16 offset), for ordering.
    public var location: Int

    /// Whether the claim counts as a claim for the achievement.
    public var isClaim: Bool { scope == .overall || scope == .plain || scope == .implied }
}

/// Finds level phrases and reads their scope. Built once from `scoring.levels` and `scoring.levelReading`.
struct LevelClaimReader: Sendable {
    struct Rung: Sendable {
        let level: String
        let points: Double
        let explicit: CueList
        let implied: CueList
    }

    let rungs: [Rung]
    let reading: ScoringConfig.LevelReading
    private let overall: [String]
    private let partial: [String]
    private let partialScope: [String]
    private let hedges: [String]
    private let comparisons: [String]
    private let yardsticks: [String]
    private let followers: [String]
    /// The markers' UTF-16 units, list by list (the same order): a claim's surroundings are read on the field's units,
    /// with no string made for them (`readScope`).
    private let overallUnits: [[UInt16]]
    private let partialUnits: [[UInt16]]
    private let partialScopeUnits: [[UInt16]]
    private let hedgeUnits: [[UInt16]]
    private let comparisonUnits: [[UInt16]]
    private let yardstickUnits: [[UInt16]]
    private let followerUnits: [[UInt16]]
    /// Per yardstick marker, whether `endsWith` reads it on bytes (an ideograph of U+4000–U+9FFF first, only ASCII and
    /// such ideographs): then a suffix of the units says the same.
    private let yardstickPlain: [Bool]

    init(config: ScoringConfig, file: String) throws {
        var rungs: [Rung] = []
        for (i, r) in config.levels.enumerated() {
            let path = "scoring.levels[\(i)]"
            var explicit = try compilePhrases(r.phrases, path: "\(path).phrases", file: file)
            explicit += try r.patterns.enumerated().map { try CompiledCue.pattern($0.element, path: "\(path).patterns[\($0.offset)]", file: file) }
            var implied = try compilePhrases(r.implied, path: "\(path).implied", file: file)
            implied += try r.impliedPatterns.enumerated().map { try CompiledCue.pattern($0.element, path: "\(path).impliedPatterns[\($0.offset)]", file: file) }
            rungs.append(Rung(level: r.level, points: r.points, explicit: CueList(explicit), implied: CueList(implied)))
        }
        self.rungs = rungs
        reading = config.levelReading
        let half = { (list: [String]) in list.map(TextForm.halfWidthASCII).filter { !$0.isEmpty } }
        overall = half(reading.overallMarkers)
        partial = half(reading.partialMarkers)
        partialScope = half(reading.partialScopeMarkers)
        hedges = half(reading.hedgeMarkers)
        comparisons = half(reading.comparisonMarkers)
        yardsticks = half(reading.yardstickMarkers ?? ["较", "比"])
        followers = half(reading.notClaimFollowers)
        let units = { (list: [String]) in list.map { Array($0.utf16) } }
        overallUnits = units(overall)
        partialUnits = units(partial)
        partialScopeUnits = units(partialScope)
        hedgeUnits = units(hedges)
        comparisonUnits = units(comparisons)
        yardstickUnits = units(yardsticks)
        followerUnits = units(followers)
        yardstickPlain = yardstickUnits.map { u in
            guard let first = u.first, (0x4000...0x9FFF).contains(first) else { return false }
            return Self.plainUnits(u[...])
        }
    }

    /// Points of a level (0 for "" or an unknown level).
    func points(of level: String) -> Double {
        rungs.first { $0.level == level }?.points ?? 0
    }

    /// Every level phrase in a text, in order, each with its scope. `onUnits` false reads every marker on strings (for
    /// tests: the two readings must agree).
    func claims(in text: ScoringText, onUnits allowed: Bool = true) -> [LevelClaim] {
        // One list of ranges for every cue asked (`appendRanges`), emptied per cue with its room kept.
        var ranges: [NSRange] = []
        let explicit = Self.withoutOverlaps(matches(in: text, implied: false, ranges: &ranges))
        let implied = Self.withoutOverlaps(matches(in: text, implied: true, ranges: &ranges)).filter { m in
            !explicit.contains { NSIntersectionRange($0.range, m.range).length > 0 }
        }
        if explicit.isEmpty && implied.isEmpty { return [] }
        // The markers are looked for in the half-width units (the words of the strings the reading was written on)
        // where the field holds no surrogate; else in those strings, as before.
        let onUnits = allowed && !text.units.contains { $0 & 0xF800 == 0xD800 }
        var claims: [LevelClaim] = []
        // Sentence start → end of the previous phrase in it: a short list (a field has a few sentences with a claim),
        // where a dictionary was made and hashed per field.
        var previousEnd: [(sentence: Int, end: Int)] = []
        for m in (explicit + implied).sorted(by: { $0.range.location < $1.range.location }) {
            let start = m.range.location
            let end = start + m.range.length
            let sentence = text.sentenceStart(before: start)
            let clause = text.clauseStart(before: start)
            let known = previousEnd.firstIndex { $0.sentence == sentence }
            let leadStart = max(clause, known.map { previousEnd[$0].end } ?? sentence)
            let hedgeStart = max(leadStart, start - reading.hedgeWindow)
            let clauseEnd = text.clauseEnd(after: end)
            if let known { previousEnd[known].end = end } else { previousEnd.append((sentence, end)) }
            let lead = NSRange(location: leadStart, length: start - leadStart)
            let hedgeLead = NSRange(location: hedgeStart, length: start - hedgeStart)
            let tail = NSRange(location: end, length: clauseEnd - end)
            let sentenceLead = NSRange(location: sentence, length: start - sentence)
            let (scope, marker) = onUnits
                ? readScope(text.units, implied: m.implied, lead: lead, hedgeLead: hedgeLead, tail: tail, sentenceLead: sentenceLead)
                : readScope(text, implied: m.implied, lead: lead, hedgeLead: hedgeLead, tail: tail, sentenceLead: sentenceLead)
            let words = text.words(NSRange(location: leadStart, length: clauseEnd - leadStart))
            claims.append(LevelClaim(level: m.level, scope: scope, field: text.field, words: words, marker: marker, location: start))
        }
        return claims
    }

    /// How the words around a phrase qualify it, and the marker that decided: read on the strings of the half-width
    /// words (`text.normalisedWords` of each range).
    private func readScope(_ text: ScoringText, implied: Bool, lead leadRange: NSRange, hedgeLead hedgeRange: NSRange,
                           tail tailRange: NSRange, sentenceLead: NSRange) -> (LevelClaim.Scope, String) {
        let lead = text.normalisedWords(leadRange)
        let hedgeLead = text.normalisedWords(hedgeRange)
        let tail = text.normalisedWords(tailRange)
        if let f = followers.first(where: { tail.utf8.starts(with: $0.utf8) }) { return (.others, f) }
        if let h = hedges.first(where: { Self.has(hedgeLead, $0) }) { return (.hedged, h) }
        if let c = comparisons.first(where: { Self.has(tail, $0) }) { return (.comparison, c) }
        if let c = yardsticks.first(where: { Self.endsWith(lead, $0) }) { return (.comparison, c) }
        if !implied, let p = partial.first(where: { Self.has(lead, $0) }) ?? partialScopeMarker(in: text.normalisedWords(sentenceLead)) {
            return (.partial, p)
        }
        if !implied, let o = overall.first(where: { Self.has(lead, $0) }) { return (.overall, o) }
        return (implied ? .implied : .plain, "")
    }

    /// `readScope` on the half-width units themselves (`units` holding no surrogate): the same answers, since a
    /// string made of well-formed units holds a marker's UTF-8 bytes (at its start, anywhere, at its end) exactly
    /// where the units hold the marker's units; `endsWith` is asked on strings only where it does not read bytes.
    private func readScope(_ units: [UInt16], implied: Bool, lead leadRange: NSRange, hedgeLead hedgeRange: NSRange,
                           tail tailRange: NSRange, sentenceLead: NSRange) -> (LevelClaim.Scope, String) {
        units.withUnsafeBufferPointer { u -> (LevelClaim.Scope, String) in
            let lead = Self.slice(u, leadRange), hedgeLead = Self.slice(u, hedgeRange), tail = Self.slice(u, tailRange)
            if let k = followerUnits.firstIndex(where: { Self.starts(tail, with: $0) }) { return (.others, followers[k]) }
            if let k = hedgeUnits.firstIndex(where: { Self.has(hedgeLead, $0) }) { return (.hedged, hedges[k]) }
            if let k = comparisonUnits.firstIndex(where: { Self.has(tail, $0) }) { return (.comparison, comparisons[k]) }
            if !yardsticks.isEmpty {
                let leadPlain = Self.plainUnits(lead)
                for k in yardsticks.indices {
                    let ends = leadPlain && yardstickPlain[k] ? Self.ends(lead, with: yardstickUnits[k])
                        : Self.endsWith(UTF16Text.string(UnsafeBufferPointer(rebasing: lead)), yardsticks[k])
                    if ends { return (.comparison, yardsticks[k]) }
                }
            }
            if !implied {
                if let k = partialUnits.firstIndex(where: { Self.has(lead, $0) }) { return (.partial, partial[k]) }
                let scopeLead = Self.slice(u, sentenceLead)
                if let k = partialScopeUnits.firstIndex(where: { Self.has(scopeLead, $0) }) { return (.partial, partialScope[k]) }
                if let k = overallUnits.firstIndex(where: { Self.has(lead, $0) }) { return (.overall, overall[k]) }
            }
            return (implied ? .implied : .plain, "")
        }
    }

    /// The units of a range, clamped to the text as `ScoringText.normalisedWords` clamps it.
    private static func slice(_ u: UnsafeBufferPointer<UInt16>, _ range: NSRange) -> Slice<UnsafeBufferPointer<UInt16>> {
        let lower = max(0, min(range.location, u.count))
        let upper = max(lower, min(range.location + range.length, u.count))
        return u[lower..<upper]
    }

    /// Whether `hay` holds `needle` (not empty) somewhere.
    private static func has(_ hay: Slice<UnsafeBufferPointer<UInt16>>, _ needle: [UInt16]) -> Bool {
        guard let first = needle.first, hay.count >= needle.count else { return needle.isEmpty }
        let n = needle.count
        var i = hay.startIndex
        let last = hay.endIndex - n
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < n && hay[i + k] == needle[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether `hay` starts with `prefix`.
    private static func starts(_ hay: Slice<UnsafeBufferPointer<UInt16>>, with head: [UInt16]) -> Bool {
        guard hay.count >= head.count else { return false }
        let from = hay.startIndex
        var k = 0
        while k < head.count {
            if hay[from + k] != head[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether `hay` ends with `suffix`.
    private static func ends(_ hay: Slice<UnsafeBufferPointer<UInt16>>, with tail: [UInt16]) -> Bool {
        guard hay.count >= tail.count else { return false }
        let from = hay.endIndex - tail.count
        var k = 0
        while k < tail.count {
            if hay[from + k] != tail[k] { return false }
            k += 1
        }
        return true
    }

    /// Only ASCII and U+4000–U+9FFF (what `LabelText.plain` accepts, in units).
    private static func plainUnits<C: Collection>(_ units: C) -> Bool where C.Element == UInt16 {
        units.allSatisfy { $0 < 0x80 || ($0 >= 0x4000 && $0 <= 0x9FFF) }
    }

    /// The first partial-scope marker in the sentence's words before a phrase (read only when no partial marker
    /// stands in the clause: the words were made for every claim and seldom read).
    private func partialScopeMarker(in scopeLead: String) -> String? {
        partialScope.first { Self.has(scopeLead, $0) }
    }

    /// Whether `text` holds `marker`, comparing UTF-8 bytes (Foundation's `contains` on Linux bridges to
    /// NSString and folds characters, which showed in the profile; markers are exact words).
    static func has(_ text: String, _ marker: String) -> Bool {
        // On the strings' own UTF-8 bytes: no copy into arrays (this runs for every marker of every claim).
        var text = text, marker = marker
        return text.withUTF8 { hay in
            marker.withUTF8 { needle in
                guard let first = needle.first, hay.count >= needle.count else { return needle.isEmpty }
                var i = 0
                while i <= hay.count - needle.count {
                    if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
                    i += 1
                }
                return false
            }
        }
    }

    /// `text.hasSuffix(marker)`, read on the UTF-8 bytes when that gives the same answer: both made only of
    /// ASCII and U+4000–U+9FFF (already NFC, so canonical equivalence is byte equality) and the marker starting
    /// with an ideograph, before which a grapheme always breaks after ASCII or an ideograph. Else `hasSuffix`
    /// (String's comparison by characters cost ~1,200 instructions a call).
    static func endsWith(_ text: String, _ marker: String) -> Bool {
        var text = text, marker = marker
        let known: Bool? = text.withUTF8 { t in
            marker.withUTF8 { m -> Bool? in
                guard let first = m.first, first >= 0xE4 && first <= 0xE9, LabelText.plain(m), LabelText.plain(t) else { return nil }
                guard t.count >= m.count else { return false }
                let offset = t.count - m.count
                // The suffix must start at a character of `t` (not inside a three-byte one).
                guard t[offset] < 0x80 || (t[offset] >= 0xE4 && t[offset] <= 0xE9) else { return false }
                for k in 0..<m.count where t[offset + k] != m[k] { return false }
                return true
            }
        }
        return known ?? text.hasSuffix(marker)
    }

    /// The claim taken as the achievement's level: the highest overall claim, else the highest plain
    /// claim, else the highest implied one; nil when there is none.
    func choose(_ claims: [LevelClaim]) -> LevelClaim? {
        for scope in [LevelClaim.Scope.overall, .plain, .implied] {
            let candidates = claims.filter { $0.scope == scope }
            if let best = highest(candidates) { return best }
        }
        return nil
    }

    /// The highest of some claims (the earliest among equals).
    func highest(_ claims: [LevelClaim]) -> LevelClaim? {
        claims.min { a, b in
            let ra = AchievementTaxonomy.rung(of: a.level) ?? Int.max
            let rb = AchievementTaxonomy.rung(of: b.level) ?? Int.max
            return ra != rb ? ra < rb : a.location < b.location
        }
    }

    // MARK: - Matching

    private struct Match {
        let level: String
        let rung: Int
        let range: NSRange
        let implied: Bool
    }

    private func matches(in text: ScoringText, implied: Bool, ranges: inout [NSRange]) -> [Match] {
        var out: [Match] = []
        // The rungs read in place (a rung's list copied out retained its two arrays and released them, per rung and text).
        rungs.withUnsafeBufferPointer { rb in
            for i in 0..<rb.count {
                let count = implied ? rb[i].implied.cues.count : rb[i].explicit.cues.count
                for k in 0..<count where implied ? rb[i].implied.mayFind(k, in: text) : rb[i].explicit.mayFind(k, in: text) {
                    ranges.removeAll(keepingCapacity: true)
                    if implied {
                        rb[i].implied.cues[k].appendRanges(in: text, to: &ranges)
                    } else {
                        rb[i].explicit.cues[k].appendRanges(in: text, to: &ranges)
                    }
                    for r in ranges { out.append(Match(level: rb[i].level, rung: i, range: r, implied: implied)) }
                }
            }
        }
        return out
    }

    /// Keeps the longest of overlapping matches (then the higher rung, then the earlier).
    private static func withoutOverlaps(_ matches: [Match]) -> [Match] {
        let ordered = matches.sorted { a, b in
            if a.range.length != b.range.length { return a.range.length > b.range.length }
            if a.rung != b.rung { return a.rung < b.rung }
            return a.range.location < b.range.location
        }
        var kept: [Match] = []
        for m in ordered where !kept.contains(where: { NSIntersectionRange($0.range, m.range).length > 0 }) {
            kept.append(m)
        }
        return kept
    }
}
