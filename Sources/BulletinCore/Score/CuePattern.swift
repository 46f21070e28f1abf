/// A configured pattern of the small kind the shipped rules write, matched by hand on a text's folded UTF-16 units
/// with the matches NSRegularExpression (ICU, case-insensitive) gives: literal Chinese words and ASCII, groups of
/// alternatives (optional or not), classes, `.`, greedy `?` `*` `+` `{m,n}` on one character, `^`, `$`, a lookahead
/// (positive or negative), and a negative lookbehind of fixed-length words.
///
/// Why: each NSRegularExpression call copied the whole field into UTF-16 again and went through CoreFoundation
/// and ICU, about 31,000 instructions a call and a twelfth of a submission's scoring; a field is searched by
/// several patterns. A pattern written with anything else (escapes, back-references, lazy quantifiers, a letter
/// whose case folding reaches beyond ASCII) is not read here (`init` gives nil) and keeps its expression.
///
/// Semantics kept from ICU: the search tries starts left to right by code point; alternatives in order; greedy
/// repetition counted in code points, backing off one at a time; `.` matches any code point but a line
/// terminator (U+000A–U+000D, U+0085, U+2028, U+2029); `$` matches at the end, or before a line terminator (or
/// CR LF) that ends the text; matches do not overlap, and after an empty match the search moves on a code point.
struct CuePattern: Sendable {
    /// A set of code points, as closed ranges; `negated` for `[^…]` and `.`.
    struct CharSet: Sendable {
        var ranges: [ClosedRange<UInt32>]
        var negated: Bool

        @inline(__always)
        func contains(_ c: UInt32) -> Bool {
            var inside = false
            for r in ranges where r.contains(c) { inside = true; break }
            return inside != negated
        }
    }

    indirect enum Node: Sendable {
        /// One unit (BMP, not a surrogate), ASCII letters folded to lower case.
        case unit(UInt16)
        /// One code point of a set.
        case set(CharSet)
        /// One unit or set, repeated greedily min...max times (counted in code points).
        case repeated(Node, min: Int, max: Int)
        /// Alternatives, tried in order; `optional` for `(…)?`.
        case group([[Node]], optional: Bool)
        /// `^`: the start of the text.
        case start
        /// `$`: the end of the text, or before a line terminator that ends it.
        case end
        /// `(?!…)`
        case notAhead([[Node]])
        /// `(?=…)`
        case ahead([[Node]])
        /// `(?<!…)`: each alternative a fixed run of units and sets of BMP characters.
        case notBehind([[Node]])
    }

    /// The pattern as alternatives of sequences.
    let alternatives: [[Node]]
    /// The pattern as a flat program (plain values, no references: matching retains nothing).
    private let ops: [Op]
    /// Where each alternative of a group or lookaround starts in `ops`: `alternativeStarts[op.a ..< op.a + op.b]`.
    private let alternativeStarts: [Int32]
    /// The ranges of every set, as pairs of code points: a set's are pairs `op.a ..< op.a + op.b`.
    private let setRanges: [UInt32]
    /// Where each top-level alternative starts in `ops`.
    private let topStarts: [Int32]
    /// Every unit a match can start with (a 65,536-bit map), or nil when a match may start anywhere.
    private let firstUnits: [UInt64]?
    /// Whether every match starts at the start of the text (`^` first in every alternative).
    private let anchoredAtStart: Bool
    /// When every alternative ends with `$` and a match is at most this many units long: no match starts before
    /// the text's length minus 2 minus this (a `$` stands at most two units before the end).
    private let longestBeforeEnd: Int?
    /// When every alternative ends with `$` and every match consumes a unit before it: each unit a match's last can be
    /// (a 65,536-bit map, as `firstUnits`), so a text whose units before the places `$` holds (its end, or before a
    /// line terminator that ends it) are none of them holds no match (`mayMatch`). Nil: no such test. Most title-only
    /// patterns end in `(启动|签约|…)$`; the bench's titles end in a digit or `）`, and the one anchored at the start
    /// with a lookahead over the whole title (`^(?![^,，。]*…)…(投产|…)$`) cost 65,000 instructions a title.
    private let lastUnits: [UInt64]?

    // MARK: - Reading the pattern

    /// Reads a pattern (already half-width); nil when it uses anything outside the supported kind.
    init?(_ pattern: String) {
        var parser = Parser(units: Array(pattern.utf16))
        guard let alternatives = parser.alternation(), parser.at == parser.units.count else { return nil }
        self.alternatives = alternatives
        anchoredAtStart = alternatives.allSatisfy { alt in
            if case .start? = alt.first { return true }
            return false
        }
        firstUnits = Self.unitMap(alternatives) { Self.firstUnits($0[...]) }
        let endsAtEnd = alternatives.allSatisfy { alt in
            if case .end? = alt.last { return true }
            return false
        }
        var longest: Int? = 0
        for alt in alternatives {
            if let l = longest, let m = Self.maxUnits(alt) { longest = Swift.max(l, m) } else { longest = nil }
        }
        longestBeforeEnd = endsAtEnd ? longest : nil
        lastUnits = endsAtEnd ? Self.unitMap(alternatives) { Self.lastUnits($0.dropLast()) } : nil
        var program = Program()
        topStarts = alternatives.map { program.emit($0) }
        ops = program.ops
        alternativeStarts = program.alternativeStarts
        setRanges = program.setRanges
    }

    /// The most units a sequence can match; nil when unbounded.
    private static func maxUnits(_ nodes: [Node]) -> Int? {
        var total = 0
        for node in nodes {
            guard let m = maxUnits(node) else { return nil }
            total += m
        }
        return total
    }

    private static func maxUnits(_ node: Node) -> Int? {
        switch node {
        case .unit: return 1
        case .set(let s): return s.negated || s.ranges.contains { $0.upperBound > 0xFFFF } ? 2 : 1
        case .repeated(let atom, _, let max):
            guard max != Int.max, let one = maxUnits(atom) else { return nil }
            return max * one
        case .group(let alts, _):
            var longest = 0
            for alt in alts {
                guard let m = maxUnits(alt) else { return nil }
                longest = Swift.max(longest, m)
            }
            return longest
        case .start, .end, .notAhead, .ahead, .notBehind: return 0
        }
    }

    /// The fewest units a node can match.
    private static func minUnits(_ node: Node) -> Int {
        switch node {
        case .unit, .set: return 1
        case .repeated(let atom, let min, _): return min * minUnits(atom)
        case .group(let alts, let optional):
            if optional { return 0 }
            return alts.map { $0.reduce(0) { $0 + minUnits($1) } }.min() ?? 0
        case .start, .end, .notAhead, .ahead, .notBehind: return 0
        }
    }

    /// Whether every match starts at the start of the text.
    var isAnchoredAtStart: Bool { anchoredAtStart }

    /// Where a required element of the pattern stands in every match, counted in units from the match's start:
    /// `words` given as one word of top-level units (领先 in `(国际|世界)上?(处于|居于|保持)领先`) or as the
    /// alternatives of a top-level group that is not optional (`(处于|居于|保持)`). Nil when the pattern has a top-level
    /// `|` or holds no such element; `max` nil when what comes before it is unbounded. Every match then holds one of
    /// `words` at `start + min ... start + max`, so a match can only start that far before an occurrence of one.
    func requiredOffsets(of words: [[UInt16]]) -> (min: Int, max: Int?)? {
        guard alternatives.count == 1, !words.isEmpty, !words.contains(where: \.isEmpty) else { return nil }
        let sequence = alternatives[0]
        var low = 0
        var high: Int? = 0
        for k in sequence.indices {
            if Self.holds(sequence, at: k, words) { return (low, high) }
            low += Self.minUnits(sequence[k])
            if let h = high, let m = Self.maxUnits(sequence[k]) { high = h + m } else { high = nil }
        }
        return nil
    }

    /// Whether `sequence[k...]` begins with the one word of `words` as plain units, or `sequence[k]` is a group (not
    /// optional) whose alternatives are exactly `words`, each as plain units.
    private static func holds(_ sequence: [Node], at k: Int, _ words: [[UInt16]]) -> Bool {
        func plain(_ nodes: [Node]) -> [UInt16]? {
            var out: [UInt16] = []
            for node in nodes {
                guard case .unit(let u) = node else { return nil }
                out.append(u)
            }
            return out
        }
        if case .group(let alts, let optional) = sequence[k], !optional {
            let plainAlts = alts.compactMap(plain)
            return plainAlts.count == alts.count && alts.count == words.count && Set(plainAlts) == Set(words)
        }
        guard words.count == 1, k + words[0].count <= sequence.count,
              let run = plain(Array(sequence[k..<(k + words[0].count)])) else { return false }
        return run == words[0]
    }

    /// One step of the flat program.
    struct Op: Sendable {
        enum Kind: Int32, Sendable { case endOfSequence, unit, set, repeatedUnit, repeatedSet, group, start, end, notAhead, notBehind, ahead }
        var kind: Kind
        /// unit: the unit; set: its first range pair; group and lookarounds: first entry in `alternativeStarts`.
        var a: Int32 = 0
        /// set: how many range pairs; group and lookarounds: how many alternatives.
        var b: Int32 = 0
        /// repeated: min; group: 1 when optional.
        var c: Int32 = 0
        /// repeated: max (Int32.max: unbounded).
        var d: Int32 = 0
        /// set: 1 when negated.
        var e: Int32 = 0
    }

    /// Lowers the tree into `Op`s: each sequence a run of ops ended by `endOfSequence`, its groups' alternatives after it.
    private struct Program {
        var ops: [Op] = []
        var alternativeStarts: [Int32] = []
        var setRanges: [UInt32] = []

        mutating func setOp(_ set: CharSet, kind: Op.Kind) -> Op {
            let first = Int32(setRanges.count / 2)
            for r in set.ranges { setRanges += [r.lowerBound, r.upperBound] }
            return Op(kind: kind, a: first, b: Int32(set.ranges.count), e: set.negated ? 1 : 0)
        }

        mutating func emit(_ sequence: [Node]) -> Int32 {
            let start = Int32(ops.count)
            var pending: [(at: Int, alternatives: [[Node]])] = []
            for node in sequence {
                switch node {
                case .unit(let u): ops.append(Op(kind: .unit, a: Int32(u)))
                case .set(let set): ops.append(setOp(set, kind: .set))
                case .repeated(let atom, let min, let max):
                    let high = max >= Int(Int32.max) ? Int32.max : Int32(max)
                    switch atom {
                    case .unit(let u): ops.append(Op(kind: .repeatedUnit, a: Int32(u), c: Int32(min), d: high))
                    case .set(let set):
                        var op = setOp(set, kind: .repeatedSet)
                        op.c = Int32(min)
                        op.d = high
                        ops.append(op)
                    default: ops.append(Op(kind: .notAhead))  // not produced by the parser
                    }
                case .group(let alts, let optional):
                    pending.append((ops.count, alts))
                    ops.append(Op(kind: .group, c: optional ? 1 : 0))
                case .start: ops.append(Op(kind: .start))
                case .end: ops.append(Op(kind: .end))
                case .notAhead(let alts):
                    pending.append((ops.count, alts))
                    ops.append(Op(kind: .notAhead))
                case .ahead(let alts):
                    pending.append((ops.count, alts))
                    ops.append(Op(kind: .ahead))
                case .notBehind(let alts):
                    pending.append((ops.count, alts))
                    ops.append(Op(kind: .notBehind))
                }
            }
            ops.append(Op(kind: .endOfSequence))
            for (at, alts) in pending {
                let starts = alts.map { emit($0) }
                ops[at].a = Int32(alternativeStarts.count)
                ops[at].b = Int32(alts.count)
                alternativeStarts += starts
            }
            return start
        }
    }

    /// A 65,536-bit map of the units `units` gives for every alternative; nil when it gives nil for one (that
    /// alternative could start or end with anything).
    private static func unitMap(_ alternatives: [[Node]], _ units: ([Node]) -> [UInt16]?) -> [UInt64]? {
        // The units first, the 8 KB map only when every alternative gives some (fixed8: the map was cleared for the
        // patterns that can start or end with anything too).
        var all: [[UInt16]] = []
        all.reserveCapacity(alternatives.count)
        for alt in alternatives {
            guard let found = units(alt) else { return nil }
            all.append(found)
        }
        var map = [UInt64](repeating: 0, count: 1024)
        for found in all {
            for u in found { map[Int(u >> 6)] |= 1 << UInt64(u & 63) }
        }
        return map
    }

    /// Whether `map` (from `unitMap`) holds unit `u`.
    @inline(__always)
    static func holds(_ map: [UInt64], _ u: UInt16) -> Bool { map[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 }

    /// The units a sequence can start with; nil when it could start with anything (or match empty).
    private static func firstUnits(_ nodes: ArraySlice<Node>) -> [UInt16]? {
        guard let node = nodes.first else { return nil }
        let rest = nodes.dropFirst()
        switch node {
        case .unit(let u): return ascii(u)
        case .set(let set): return units(of: set)
        case .repeated(let atom, let min, _):
            guard let own = firstUnits([atom][...]) else { return nil }
            if min >= 1 { return own }
            guard let after = firstUnits(rest) else { return nil }
            return own + after
        case .group(let alts, let optional):
            var out: [UInt16] = []
            for alt in alts {
                guard let f = firstUnits(alt[...] + rest) else { return nil }
                out += f
            }
            if optional {
                guard let f = firstUnits(rest) else { return nil }
                out += f
            }
            return out
        case .notAhead, .ahead, .notBehind, .start: return firstUnits(rest)
        case .end: return nil
        }
    }

    /// The units a sequence can end with (the last unit it consumes); nil when it could end with anything or consume
    /// nothing. Lookarounds consume nothing and are passed over (what they ask only narrows the matches further).
    private static func lastUnits(_ nodes: ArraySlice<Node>) -> [UInt16]? {
        guard let node = nodes.last else { return nil }
        let rest = nodes.dropLast()
        switch node {
        case .unit(let u): return ascii(u)
        case .set(let set): return units(of: set)
        case .repeated(let atom, let min, _):
            guard let own = lastUnits([atom][...]) else { return nil }
            if min >= 1 { return own }
            guard let before = lastUnits(rest) else { return nil }
            return own + before
        case .group(let alts, let optional):
            var out: [UInt16] = []
            for alt in alts {
                guard let l = lastUnits(rest + alt[...]) else { return nil }
                out += l
            }
            if optional {
                guard let l = lastUnits(rest) else { return nil }
                out += l
            }
            return out
        case .notAhead, .ahead, .notBehind: return lastUnits(rest)
        case .start, .end: return nil
        }
    }

    /// Whether `units` can hold a match as far as `lastUnits` says: false when the pattern must end at a `$` after one
    /// of `lastUnits` and no place `$` holds comes after one (the matcher would find nothing; see `Matcher.run`'s
    /// `.end` for those places). True when the pattern has no such test.
    @inline(__always)
    func mayMatch(_ units: [UInt16]) -> Bool {
        guard let lastUnits else { return true }
        let n = units.count
        @inline(__always) func ends(_ i: Int) -> Bool {
            guard i >= 0 else { return false }
            return Self.holds(lastUnits, units[i])
        }
        // `$` at the end.
        if ends(n - 1) { return true }
        guard n >= 1 else { return false }
        // Before a line terminator that ends the text (not the LF of a CR LF) ...
        let final = units[n - 1]
        if Matcher.isLineTerminator(final), !(final == 0x0A && n >= 2 && units[n - 2] == 0x0D), ends(n - 2) { return true }
        // ... or before a CR LF that ends it.
        return n >= 2 && units[n - 2] == 0x0D && final == 0x0A && ends(n - 3)
    }

    /// A unit as the folded text can hold it (a folded pattern letter matches only its lower case).
    private static func ascii(_ u: UInt16) -> [UInt16] { [u] }

    /// The units of a small positive set of BMP characters; nil for a negated or large one.
    private static func units(of set: CharSet) -> [UInt16]? {
        guard !set.negated else { return nil }
        var out: [UInt16] = []
        for r in set.ranges {
            guard r.upperBound < 0xD800, r.count <= 64 else { return nil }
            for c in r { out.append(UInt16(c)) }
        }
        return out
    }

    private struct Parser {
        let units: [UInt16]
        var at = 0

        init(units: [UInt16]) { self.units = units }

        var peek: UInt16? { at < units.count ? units[at] : nil }

        mutating func alternation() -> [[Node]]? {
            var alts: [[Node]] = []
            while true {
                guard let seq = sequence() else { return nil }
                alts.append(seq)
                if peek == 0x7C { at += 1; continue }  // |
                return alts
            }
        }

        mutating func sequence() -> [Node]? {
            var nodes: [Node] = []
            while let u = peek, u != 0x7C, u != 0x29 {  // | )
                guard let node = atom() else { return nil }
                nodes.append(node)
            }
            return nodes
        }

        /// One atom with its quantifier.
        mutating func atom() -> Node? {
            guard let u = peek else { return nil }
            at += 1
            var node: Node
            switch u {
            case 0x28:  // (
                var kind = 0  // 0 plain, 1 (?!, 2 (?<!, 3 (?=
                if peek == 0x3F {  // ?
                    let next = at + 1 < units.count ? units[at + 1] : 0
                    if next == 0x3A { at += 2 }  // (?:
                    else if next == 0x21 { at += 2; kind = 1 }  // (?!
                    else if next == 0x3D { at += 2; kind = 3 }  // (?=
                    else if next == 0x3C, at + 2 < units.count, units[at + 2] == 0x21 { at += 3; kind = 2 }  // (?<!
                    else { return nil }
                }
                guard let alts = alternation(), peek == 0x29 else { return nil }
                at += 1
                switch kind {
                case 1:
                    if isQuantifier(peek) { return nil }
                    return .notAhead(alts)
                case 2:
                    if isQuantifier(peek) { return nil }
                    guard alts.allSatisfy({ $0.allSatisfy(Self.fixedBMP) }) else { return nil }
                    return .notBehind(alts)
                case 3:
                    if isQuantifier(peek) { return nil }
                    return .ahead(alts)
                default:
                    if peek == 0x3F {  // ?
                        at += 1
                        if isQuantifier(peek) { return nil }  // ?? or ?+ or more
                        return .group(alts, optional: true)
                    }
                    if isQuantifier(peek) { return nil }
                    return .group(alts, optional: false)
                }
            case 0x5B:  // [
                guard let set = charClass() else { return nil }
                node = .set(set)
            case 0x2E:  // .
                node = .set(CharSet(ranges: [0x0A...0x0D, 0x85...0x85, 0x2028...0x2029], negated: true))
            case 0x5E:  // ^
                if isQuantifier(peek) { return nil }
                return .start
            case 0x24:  // $
                if isQuantifier(peek) { return nil }
                return .end
            default:
                guard let literal = Self.literal(u) else { return nil }
                node = .unit(literal)
            }
            return quantified(node)
        }

        func isQuantifier(_ u: UInt16?) -> Bool { u == 0x3F || u == 0x2A || u == 0x2B || u == 0x7B }

        /// A unit or set with its quantifier, if any (greedy only).
        mutating func quantified(_ node: Node) -> Node? {
            var min = 1, max = 1
            switch peek {
            case 0x3F: at += 1; min = 0; max = 1
            case 0x2A: at += 1; min = 0; max = Int.max
            case 0x2B: at += 1; min = 1; max = Int.max
            case 0x7B:
                at += 1
                guard let low = number() else { return nil }
                min = low; max = low
                if peek == 0x2C {
                    at += 1
                    if peek == 0x7D { max = Int.max } else {
                        guard let high = number() else { return nil }
                        max = high
                    }
                }
                guard peek == 0x7D, min <= max else { return nil }
                at += 1
            default: return node
            }
            if isQuantifier(peek) { return nil }  // lazy, possessive or doubled
            return .repeated(node, min: min, max: max)
        }

        mutating func number() -> Int? {
            var value = 0, digits = 0
            while let u = peek, (0x30...0x39).contains(u), digits < 6 {
                value = value * 10 + Int(u - 0x30)
                digits += 1
                at += 1
            }
            return digits > 0 ? value : nil
        }

        /// `[…]` after its `[`: characters and ranges of them, no escapes, no letters.
        mutating func charClass() -> CharSet? {
            var negated = false
            if peek == 0x5E { negated = true; at += 1 }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while let u = peek, u != 0x5D || first {
                guard u != 0x5D, u != 0x5B, u != 0x5C, let low = Self.classChar(u) else { return nil }
                first = false
                at += 1
                if peek == 0x2D, at + 1 < units.count, units[at + 1] != 0x5D {  // a-b
                    at += 1
                    guard let h = peek, h != 0x5B, h != 0x5C, let high = Self.classChar(h), low <= high else { return nil }
                    at += 1
                    ranges.append(UInt32(low)...UInt32(high))
                } else {
                    ranges.append(UInt32(low)...UInt32(low))
                }
            }
            guard peek == 0x5D, !ranges.isEmpty else { return nil }
            at += 1
            return CharSet(ranges: ranges, negated: negated)
        }

        /// A character a class may hold: no letter (case folding would add others), no surrogate.
        static func classChar(_ u: UInt16) -> UInt16? {
            if u < 0x80 {
                let letter = (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u)
                return letter || u < 0x20 || u == 0x7F ? nil : u
            }
            return plainWide(u) ? u : nil
        }

        /// A literal character, folded: ASCII (letters other than k and s, whose case folding reaches the Kelvin
        /// sign and the long s) or a CJK ideograph or punctuation; nil for a special or anything else.
        static func literal(_ u: UInt16) -> UInt16? {
            if u < 0x80 {
                switch u {
                case 0x5C, 0x5E, 0x24, 0x2E, 0x7C, 0x3F, 0x2A, 0x2B, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D: return nil
                case 0x4B, 0x53, 0x6B, 0x73: return nil  // K S k s
                default:
                    if u < 0x20 || u == 0x7F { return nil }
                    return (0x41...0x5A).contains(u) ? u + 0x20 : u
                }
            }
            return plainWide(u) ? u : nil
        }

        /// Curly quotation marks, CJK punctuation, ideographs and full-width forms: no case, no surrogates.
        static func plainWide(_ u: UInt16) -> Bool {
            (0x2018...0x201F).contains(u) || (0x3000...0x303F).contains(u) || (0x3400...0x4DBF).contains(u) || (0x4E00...0x9FFF).contains(u)
                || (0xFF01...0xFF20).contains(u) || (0xFF3B...0xFF40).contains(u) || (0xFF5B...0xFF65).contains(u)
        }

        /// A node of a lookbehind: one unit, or a positive set of BMP characters below the surrogates.
        static func fixedBMP(_ node: Node) -> Bool {
            switch node {
            case .unit: return true
            case .set(let s): return !s.negated && s.ranges.allSatisfy { $0.upperBound < 0xD800 }
            default: return false
            }
        }
    }

    // MARK: - Matching

    /// Every match in `units` (a text's folded units), non-overlapping, left to right, as UTF-16 offsets.
    /// `windows`, when given, are the only places a match can start: pairs `lo, hi` (inclusive), increasing and apart,
    /// from `requiredOffsets` (starts outside them are not tried; they hold no match, so the matches are the same).
    func ranges(in units: [UInt16], windows: [Int]? = nil) -> [Range<Int>] {
        var out: [Range<Int>] = []
        forEachRange(in: units, windows: windows) { out.append($0) }
        return out
    }

    /// Calls `body` with each range `ranges(in:windows:)` gives, in its order, without the list (a cue's matches go
    /// straight into its caller's list of findings).
    @inline(__always)
    func forEachRange(in units: [UInt16], windows: [Int]? = nil, _ body: (Range<Int>) -> Void) {
        guard mayMatch(units) else { return }
        withMatcher(units) { m in
            var from = 0
            while let r = m.find(from: from, windows: windows) {
                body(r)
                if r.isEmpty {
                    guard r.upperBound < m.t.count else { break }
                    from = Matcher.next(m.t, r.upperBound)
                } else {
                    from = r.upperBound
                }
            }
        }
    }

    /// The first match in `units`, or nil (`windows` as for `ranges(in:windows:)`).
    func firstRange(in units: [UInt16], windows: [Int]? = nil) -> Range<Int>? {
        guard mayMatch(units) else { return nil }
        return withMatcher(units) { $0.find(from: 0, windows: windows) }
    }

    private func withMatcher<R>(_ units: [UInt16], _ body: (Matcher) -> R) -> R {
        units.withUnsafeBufferPointer { t in
            ops.withUnsafeBufferPointer { ops in
                alternativeStarts.withUnsafeBufferPointer { alts in
                    setRanges.withUnsafeBufferPointer { ranges in
                        topStarts.withUnsafeBufferPointer { tops in
                            if let firstUnits {
                                return firstUnits.withUnsafeBufferPointer { first in
                                    body(Matcher(t: t, ops: ops, alts: alts, ranges: ranges, tops: tops, first: first,
                                                 anchored: anchoredAtStart, longestBeforeEnd: longestBeforeEnd))
                                }
                            }
                            return body(Matcher(t: t, ops: ops, alts: alts, ranges: ranges, tops: tops, first: nil,
                                                anchored: anchoredAtStart, longestBeforeEnd: longestBeforeEnd))
                        }
                    }
                }
            }
        }
    }

    /// The program over one text, all by pointer: nothing is retained while matching.
    private struct Matcher {
        let t: UnsafeBufferPointer<UInt16>
        let ops: UnsafeBufferPointer<Op>
        let alts: UnsafeBufferPointer<Int32>
        let ranges: UnsafeBufferPointer<UInt32>
        let tops: UnsafeBufferPointer<Int32>
        let first: UnsafeBufferPointer<UInt64>?
        let anchored: Bool
        let longestBeforeEnd: Int?

        /// The position after the code point at `i`.
        @inline(__always)
        static func next(_ t: UnsafeBufferPointer<UInt16>, _ i: Int) -> Int {
            if t[i] & 0xFC00 == 0xD800, i + 1 < t.count, t[i + 1] & 0xFC00 == 0xDC00 { return i + 2 }
            return i + 1
        }

        /// The match starting exactly at `start` (n = t.count), if its first unit can begin one and a top
        /// alternative matches there; shared by both `find`s so they try a start the same way.
        @inline(__always)
        func match(at start: Int, n: Int) -> Range<Int>? {
            if let first {
                guard start < n else { return nil }
                let u = t[start]
                if first[Int(u >> 6)] & (1 << UInt64(u & 63)) == 0 { return nil }
            }
            var end = -1
            for top in tops where run(Int(top), start, { e in end = e; return true }) { break }
            return end >= 0 ? start..<end : nil
        }

        /// `find(from:)` trying only the starts within `windows` (pairs `lo, hi`, increasing and apart); every start
        /// outside them is known to hold no match. Nil windows: every start.
        func find(from: Int, windows: [Int]?) -> Range<Int>? {
            guard let windows, !anchored else { return find(from: from) }
            let n = t.count
            var floor = from
            if let longest = longestBeforeEnd, n - 2 - longest > floor { floor = n - 2 - longest }
            var w = 0
            while w + 1 < windows.count {
                let lo = windows[w], hi = Swift.min(windows[w + 1], n)
                w += 2
                if hi < floor { continue }
                var start = Swift.max(lo, floor)
                // On a code point (not inside a pair), as the search from `from` steps.
                if start > from, start < n, t[start] & 0xFC00 == 0xDC00, t[start - 1] & 0xFC00 == 0xD800 { start += 1 }
                while start <= hi {
                    if let match = match(at: start, n: n) { return match }
                    if start == n { return nil }
                    start = Self.next(t, start)
                }
            }
            return nil
        }

        /// The leftmost match starting at `from` or later.
        func find(from: Int) -> Range<Int>? {
            let n = t.count
            var start = from
            if anchored && start > 0 { return nil }
            if let longest = longestBeforeEnd, n - 2 - longest > start {
                // No match starts this far from the end; start on a code point (not inside a pair).
                start = n - 2 - longest
                if t[start] & 0xFC00 == 0xDC00, t[start - 1] & 0xFC00 == 0xD800 { start += 1 }
            }
            while start <= n {
                if let match = match(at: start, n: n) { return match }
                if anchored || start == n { return nil }
                start = Self.next(t, start)
            }
            return nil
        }

        /// The code point at `i` (a lone surrogate as itself) and the position after it.
        @inline(__always)
        func codePoint(_ i: Int) -> (UInt32, Int) {
            let u = t[i]
            if u & 0xFC00 == 0xD800, i + 1 < t.count, t[i + 1] & 0xFC00 == 0xDC00 {
                return (0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(t[i + 1]) - 0xDC00), i + 2)
            }
            return (UInt32(u), i + 1)
        }

        @inline(__always)
        func inSet(_ c: UInt32, _ op: Op) -> Bool {
            var r = Int(op.a) * 2
            let end = r + Int(op.b) * 2
            var inside = false
            while r < end {
                if c >= ranges[r] && c <= ranges[r + 1] { inside = true; break }
                r += 2
            }
            return inside != (op.e != 0)
        }

        /// One unit (`unit`, `repeatedUnit`) or one code point of a set (`set`, `repeatedSet`) at `i`: the position
        /// after it, or -1.
        @inline(__always)
        func one(_ op: Op, _ i: Int) -> Int {
            guard i < t.count else { return -1 }
            switch op.kind {
            case .unit, .repeatedUnit: return t[i] == UInt16(truncatingIfNeeded: op.a) ? i + 1 : -1
            default:
                let (c, after) = codePoint(i)
                return inSet(c, op) ? after : -1
            }
        }

        @inline(__always)
        static func isLineTerminator(_ u: UInt16) -> Bool {
            (0x0A...0x0D).contains(u) || u == 0x85 || u == 0x2028 || u == 0x2029
        }

        /// Matches the sequence from op `at` on at `pos`, then calls `k` with the end; true when `k` accepted one.
        func run(_ at: Int, _ pos: Int, _ k: (Int) -> Bool) -> Bool {
            var i = at, pos = pos
            while true {
                let op = ops[i]
                switch op.kind {
                case .endOfSequence:
                    return k(pos)
                case .unit:
                    guard pos < t.count, t[pos] == UInt16(truncatingIfNeeded: op.a) else { return false }
                    pos += 1
                case .set:
                    pos = one(op, pos)
                    if pos < 0 { return false }
                case .start:
                    if pos != 0 { return false }
                case .end:
                    let n = t.count
                    let atEnd = pos == n
                        || (pos == n - 1 && Self.isLineTerminator(t[pos]) && !(t[pos] == 0x0A && pos > 0 && t[pos - 1] == 0x0D))
                        || (pos == n - 2 && t[pos] == 0x0D && t[pos + 1] == 0x0A)
                    if !atEnd { return false }
                case .notAhead:
                    for j in Int(op.a)..<Int(op.a + op.b) where run(Int(alts[j]), pos, { _ in true }) { return false }
                case .ahead:
                    // Atomic, as ICU's: whether one alternative matches here; nothing is consumed.
                    var holds = false
                    for j in Int(op.a)..<Int(op.a + op.b) where run(Int(alts[j]), pos, { _ in true }) {
                        holds = true
                        break
                    }
                    if !holds { return false }
                case .notBehind:
                    for j in Int(op.a)..<Int(op.a + op.b) {
                        // A fixed run of units and BMP sets, ending at `pos`.
                        var length = 0
                        while ops[Int(alts[j]) + length].kind != .endOfSequence { length += 1 }
                        guard length <= pos else { continue }
                        let p = pos - length
                        var matched = true
                        for q in 0..<length where one(ops[Int(alts[j]) + q], p + q) != p + q + 1 {
                            matched = false
                            break
                        }
                        if matched { return false }
                    }
                case .group:
                    let rest = i + 1
                    for j in Int(op.a)..<Int(op.a + op.b) where run(Int(alts[j]), pos, { p in run(rest, p, k) }) {
                        return true
                    }
                    return op.c != 0 ? run(rest, pos, k) : false
                case .repeatedUnit, .repeatedSet:
                    // Greedy: as many as allowed, then back off one code point at a time.
                    let min = Int(op.c), max = op.d == Int32.max ? Int.max : Int(op.d)
                    var p = pos, count = 0, wide = false
                    while count < max {
                        let q = one(op, p)
                        if q < 0 { break }
                        if q - p == 2 { wide = true }
                        count += 1
                        p = q
                    }
                    if count < min { return false }
                    let rest = i + 1
                    var c = count
                    while c >= min {
                        var end = pos + c
                        if wide {
                            // Recount: the first code points may be narrow, later ones wide.
                            end = pos
                            for _ in 0..<c { end = one(op, end) }
                        }
                        if run(rest, end, k) { return true }
                        c -= 1
                    }
                    return false
                }
                i += 1
            }
        }
    }
}
