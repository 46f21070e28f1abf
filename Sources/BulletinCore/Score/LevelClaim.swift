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
        let explicit: [CompiledCue]
        let implied: [CompiledCue]
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

    init(config: ScoringConfig, file: String) throws {
        var rungs: [Rung] = []
        for (i, r) in config.levels.enumerated() {
            let path = "scoring.levels[\(i)]"
            var explicit = try compilePhrases(r.phrases, path: "\(path).phrases", file: file)
            explicit += try r.patterns.enumerated().map { try CompiledCue.pattern($0.element, path: "\(path).patterns[\($0.offset)]", file: file) }
            var implied = try compilePhrases(r.implied, path: "\(path).implied", file: file)
            implied += try r.impliedPatterns.enumerated().map { try CompiledCue.pattern($0.element, path: "\(path).impliedPatterns[\($0.offset)]", file: file) }
            rungs.append(Rung(level: r.level, points: r.points, explicit: explicit, implied: implied))
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
    }

    /// Points of a level (0 for "" or an unknown level).
    func points(of level: String) -> Double {
        rungs.first { $0.level == level }?.points ?? 0
    }

    /// Every level phrase in a text, in order, each with its scope.
    func claims(in text: ScoringText) -> [LevelClaim] {
        let explicit = Self.withoutOverlaps(matches(in: text, implied: false))
        let explicitRanges = explicit.map(\.range)
        let implied = Self.withoutOverlaps(matches(in: text, implied: true)).filter { m in
            !explicitRanges.contains { NSIntersectionRange($0, m.range).length > 0 }
        }
        var claims: [LevelClaim] = []
        var previousEnd: [Int: Int] = [:]  // sentence start → end of the previous phrase in it
        for m in (explicit + implied).sorted(by: { $0.range.location < $1.range.location }) {
            let start = m.range.location
            let end = start + m.range.length
            let sentence = text.sentenceStart(before: start)
            let clause = text.clauseStart(before: start)
            let leadStart = max(clause, previousEnd[sentence] ?? sentence)
            let lead = text.normalisedWords(NSRange(location: leadStart, length: start - leadStart))
            let hedgeStart = max(leadStart, start - reading.hedgeWindow)
            let hedgeLead = text.normalisedWords(NSRange(location: hedgeStart, length: start - hedgeStart))
            let clauseEnd = text.clauseEnd(after: end)
            let tail = text.normalisedWords(NSRange(location: end, length: clauseEnd - end))
            previousEnd[sentence] = end

            var scope: LevelClaim.Scope = m.implied ? .implied : .plain
            var marker = ""
            if let f = followers.first(where: { tail.utf8.starts(with: $0.utf8) }) {
                scope = .others; marker = f
            } else if let h = hedges.first(where: { Self.has(hedgeLead, $0) }) {
                scope = .hedged; marker = h
            } else if let c = comparisons.first(where: { Self.has(tail, $0) }) {
                scope = .comparison; marker = c
            } else if let c = yardsticks.first(where: { Self.endsWith(lead, $0) }) {
                scope = .comparison; marker = c
            } else if !m.implied, let p = partial.first(where: { Self.has(lead, $0) }) ?? partialScopeMarker(in: text.normalisedWords(NSRange(location: sentence, length: start - sentence))) {
                scope = .partial; marker = p
            } else if !m.implied, let o = overall.first(where: { Self.has(lead, $0) }) {
                scope = .overall; marker = o
            }
            let words = text.words(NSRange(location: leadStart, length: clauseEnd - leadStart))
            claims.append(LevelClaim(level: m.level, scope: scope, field: text.field, words: words, marker: marker, location: start))
        }
        return claims
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

    private func matches(in text: ScoringText, implied: Bool) -> [Match] {
        var out: [Match] = []
        for (i, rung) in rungs.enumerated() {
            for cue in implied ? rung.implied : rung.explicit {
                for r in cue.ranges(in: text) { out.append(Match(level: rung.level, rung: i, range: r, implied: implied)) }
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
