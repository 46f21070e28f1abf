/// A configured pattern of the small kind the shipped rules write, matched by hand on a text's folded UTF-16 units
/// with the matches NSRegularExpression (ICU, case-insensitive) gives: literal Chinese words and ASCII, groups of
/// alternatives (optional or not), classes, `.`, greedy `?` `*` `+` `{m,n}` on one character, `^`, `$`, a negative
/// lookahead, and a negative lookbehind of fixed-length words.
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
        /// `(?<!…)`: each alternative a fixed run of units and sets of BMP characters.
        case notBehind([[Node]])
    }

    /// The pattern as alternatives of sequences.
    let alternatives: [[Node]]
    /// Every unit a match can start with (a 65,536-bit map), or nil when a match may start anywhere.
    private let firstUnits: [UInt64]?
    /// Whether every match starts at the start of the text (`^` first in every alternative).
    private let anchoredAtStart: Bool

    // MARK: - Reading the pattern

    /// Reads a pattern (already half-width); nil when it uses anything outside the supported kind.
    init?(_ pattern: String) {
        var parser = Parser(units: Array(pattern.utf16))
        guard let alternatives = parser.alternation(), parser.at == parser.units.count else { return nil }
        self.alternatives = alternatives
        anchoredAtStart = alternatives.allSatisfy { alt in if case .start? = alt.first { return true } else { return false } }
        var map = [UInt64](repeating: 0, count: 1024)
        var any = false
        for alt in alternatives {
            guard let first = Self.firstUnits(alt[...]) else { any = true; break }
            for u in first { map[Int(u >> 6)] |= 1 << UInt64(u & 63) }
        }
        firstUnits = any ? nil : map
    }

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
        case .notAhead, .notBehind, .start: return firstUnits(rest)
        case .end: return nil
        }
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
                var kind = 0  // 0 plain, 1 (?!, 2 (?<!
                if peek == 0x3F {  // ?
                    let next = at + 1 < units.count ? units[at + 1] : 0
                    if next == 0x3A { at += 2 }  // (?:
                    else if next == 0x21 { at += 2; kind = 1 }  // (?!
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

        /// CJK punctuation, ideographs and full-width forms: no case, no surrogates.
        static func plainWide(_ u: UInt16) -> Bool {
            (0x3000...0x303F).contains(u) || (0x3400...0x4DBF).contains(u) || (0x4E00...0x9FFF).contains(u)
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
    func ranges(in units: [UInt16]) -> [Range<Int>] {
        units.withUnsafeBufferPointer { buffer in
            var out: [Range<Int>] = []
            var from = 0
            while let r = find(buffer, from: from) {
                out.append(r)
                if r.isEmpty {
                    guard r.upperBound < buffer.count else { break }
                    from = Self.next(buffer, r.upperBound)
                } else {
                    from = r.upperBound
                }
            }
            return out
        }
    }

    /// The first match in `units`, or nil.
    func firstRange(in units: [UInt16]) -> Range<Int>? {
        units.withUnsafeBufferPointer { find($0, from: 0) }
    }

    /// The position after the code point at `i`.
    @inline(__always)
    private static func next(_ t: UnsafeBufferPointer<UInt16>, _ i: Int) -> Int {
        if t[i] & 0xFC00 == 0xD800, i + 1 < t.count, t[i + 1] & 0xFC00 == 0xDC00 { return i + 2 }
        return i + 1
    }

    /// The leftmost match starting at `from` or later.
    private func find(_ t: UnsafeBufferPointer<UInt16>, from: Int) -> Range<Int>? {
        var start = from
        let n = t.count
        if anchoredAtStart && start > 0 { return nil }
        while start <= n {
            let candidate: Bool
            if let firstUnits {
                if start < n {
                    let u = t[start]
                    candidate = firstUnits[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0
                } else {
                    candidate = false
                }
            } else {
                candidate = true
            }
            if candidate {
                var end = -1
                for alt in alternatives {
                    if run(t, alt, 0, start, { e in end = e; return true }) { break }
                }
                if end >= 0 { return start..<end }
            }
            if anchoredAtStart || start == n { return nil }
            start = Self.next(t, start)
        }
        return nil
    }

    /// The code point at `i` (a lone surrogate as itself) and the position after it.
    @inline(__always)
    private static func codePoint(_ t: UnsafeBufferPointer<UInt16>, _ i: Int) -> (UInt32, Int) {
        let u = t[i]
        if u & 0xFC00 == 0xD800, i + 1 < t.count, t[i + 1] & 0xFC00 == 0xDC00 {
            return (0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(t[i + 1]) - 0xDC00), i + 2)
        }
        return (UInt32(u), i + 1)
    }

    /// Whether one unit or set node matches at `i`; the position after it, or -1.
    @inline(__always)
    private static func one(_ t: UnsafeBufferPointer<UInt16>, _ node: Node, _ i: Int) -> Int {
        guard i < t.count else { return -1 }
        switch node {
        case .unit(let u): return t[i] == u ? i + 1 : -1
        case .set(let set):
            let (c, after) = codePoint(t, i)
            return set.contains(c) ? after : -1
        default: return -1
        }
    }

    @inline(__always)
    private static func isLineTerminator(_ u: UInt16) -> Bool {
        (0x0A...0x0D).contains(u) || u == 0x85 || u == 0x2028 || u == 0x2029
    }

    /// Matches `nodes[i...]` at `pos`, then calls `k` with the end; true when `k` accepted one.
    private func run(_ t: UnsafeBufferPointer<UInt16>, _ nodes: [Node], _ i: Int, _ pos: Int, _ k: (Int) -> Bool) -> Bool {
        var i = i, pos = pos
        // Straight-line nodes without choices are matched in a loop; the first choice recurses.
        while i < nodes.count {
            switch nodes[i] {
            case .unit, .set:
                pos = Self.one(t, nodes[i], pos)
                if pos < 0 { return false }
                i += 1
            case .start:
                if pos != 0 { return false }
                i += 1
            case .end:
                let n = t.count
                let atEnd = pos == n
                    || (pos == n - 1 && Self.isLineTerminator(t[pos]) && !(t[pos] == 0x0A && pos > 0 && t[pos - 1] == 0x0D))
                    || (pos == n - 2 && t[pos] == 0x0D && t[pos + 1] == 0x0A)
                if !atEnd { return false }
                i += 1
            case .notAhead(let alts):
                for alt in alts where run(t, alt, 0, pos, { _ in true }) { return false }
                i += 1
            case .notBehind(let alts):
                for alt in alts where alt.count <= pos {
                    var p = pos - alt.count, ok = true
                    for node in alt {
                        if Self.one(t, node, p) != p + 1 { ok = false; break }
                        p += 1
                    }
                    if ok { return false }
                }
                i += 1
            case .group(let alts, let optional):
                let rest = i + 1
                for alt in alts where run(t, alt, 0, pos, { p in run(t, nodes, rest, p, k) }) { return true }
                return optional ? run(t, nodes, rest, pos, k) : false
            case .repeated(let atom, let min, let max):
                // Greedy: as many as allowed, then back off one code point at a time.
                var p = pos, count = 0
                var wide = false
                while count < max {
                    let q = Self.one(t, atom, p)
                    if q < 0 { break }
                    if q - p == 2 { wide = true }
                    count += 1
                    p = q
                }
                if count < min { return false }
                let rest = i + 1
                var c = count
                while c >= min {
                    let end: Int
                    if !wide { end = pos + c } else {
                        // Recount from the start: the first code points may be narrow, later ones wide.
                        var q = pos
                        for _ in 0..<c { q = Self.one(t, atom, q) }
                        end = q
                    }
                    if run(t, nodes, rest, end, k) { return true }
                    c -= 1
                }
                return false
            }
        }
        return k(pos)
    }
}
