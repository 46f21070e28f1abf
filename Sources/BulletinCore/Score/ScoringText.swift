import Foundation

/// One field as the rules read it: the original text, a half-width copy for matching, and the sentence
/// and clause boundaries. Both copies have the same UTF-16 length, so a match in one is a match in the other.
/// A final class: every rule reads the same texts, and a struct of nine arrays was copied (retained and
/// released) at each read.
final class ScoringText: Sendable {
    /// The field read.
    let field: Field
    /// The text as it stands in the field.
    let original: String
    /// The text with full-width ASCII read as half-width (Ｎａｔｕｒｅ → Nature, ３.２ → 3.2, ， → ,).
    /// Written from `units` when asked (only a pattern outside `CuePattern`'s kind reads it, through
    /// NSRegularExpression): `TextForm.halfWidthASCII(original)`, the same bytes.
    var normalised: String { halfWidthChanged ? UTF16Text.string(units[...]) : original }
    /// Whether `units` differ from the original's (the field holds full-width ASCII or odd spaces).
    private let halfWidthChanged: Bool
    /// The UTF-16 code units of `normalised`.
    let units: [UInt16]
    /// `units` with ASCII letters folded to lower case, for literal cues.
    let foldedUnits: [UInt16]
    /// Where the literal cues occur, from one scan with the run's `CueAutomaton`, grouped by literal: the found
    /// literals as bits with their ranks (`LiteralFindings.index`) and each one's places (`LiteralFindings.places`).
    private let foundIndex: [UInt64]
    private let places: [Int32]
    /// The ids of the literal cues found in the text, each once, in increasing order.
    let literalsFound: [Int32]
    /// How many literals the automaton knew; a cue registered later is searched directly.
    private let literalsScanned: Int
    /// The UTF-16 code units of `original` (the same length as `units` for every text the readers produce).
    let originalUnits: [UInt16]
    /// How much a finding in this field counts.
    let weight: Double

    /// Reads a field.
    init(field: Field, text: String, weight: Double) {
        self.field = field
        original = text
        // The original's units, the half-width ones and the folded ones, decoded from the UTF-8 bytes in one pass into
        // storage of their own (`decode`): the scalars halfWidthASCII replaces are all one unit and become one unit, so
        // the half-width units are `utf16(normalised)`. Nearly every Chinese text has a full-width comma, so they differ
        // from the original's. (Decoding the original's units alone and making the other two only where they differ
        // cost more: most summaries differ, and then took a second pass.)
        let (originalUnits, half, folded, changed) = text.utf8.withContiguousStorageIfAvailable({ Self.decode(utf8: $0) })
            ?? Self.decode(units: Self.utf16(text))
        units = changed ? half : originalUnits
        foldedUnits = folded
        halfWidthChanged = changed
        let automaton = CueAutomaton.current
        let findings = automaton.findings(in: folded)
        foundIndex = findings.index
        places = findings.places
        literalsFound = findings.found
        literalsScanned = automaton.literals.count
        self.originalUnits = originalUnits
        self.weight = weight
    }

    /// The original, half-width and folded units of a string's UTF-8 bytes (valid UTF-8, as every `String` holds), and
    /// whether the half-width ones differ from the original's: `utf16(utf8:)` and `fold` in one pass.
    static func decode(utf8 b: UnsafeBufferPointer<UInt8>) -> (original: [UInt16], half: [UInt16], folded: [UInt16], changed: Bool) {
        let n = b.count
        var count = 0
        // Units never outnumber bytes.
        var changed = false
        var half: [UInt16] = [], folded: [UInt16] = []
        let original = [UInt16](unsafeUninitializedCapacity: n) { o, madeOriginal in
            half = [UInt16](unsafeUninitializedCapacity: n) { h, madeHalf in
                folded = [UInt16](unsafeUninitializedCapacity: n) { f, madeFolded in
                    var i = 0, k = 0
                    while i < n {
                        let c = b[i]
                        let u: UInt16
                        if c < 0x80 {
                            u = UInt16(c)
                            i &+= 1
                        } else if c < 0xE0 {
                            u = UInt16(c & 0x1F) << 6 | UInt16(b[i &+ 1] & 0x3F)
                            i &+= 2
                        } else if c < 0xF0 {
                            u = UInt16(c & 0x0F) << 12 | UInt16(b[i &+ 1] & 0x3F) << 6 | UInt16(b[i &+ 2] & 0x3F)
                            i &+= 3
                        } else {
                            // Two surrogates: neither half-width nor fold changes them.
                            let v = (UInt32(c & 0x07) << 18 | UInt32(b[i &+ 1] & 0x3F) << 12 | UInt32(b[i &+ 2] & 0x3F) << 6
                                | UInt32(b[i &+ 3] & 0x3F)) &- 0x10000
                            let high = 0xD800 | UInt16(truncatingIfNeeded: v >> 10)
                            let low = 0xDC00 | UInt16(truncatingIfNeeded: v & 0x3FF)
                            o[k] = high; h[k] = high; f[k] = high
                            o[k &+ 1] = low; h[k &+ 1] = low; f[k &+ 1] = low
                            k &+= 2
                            i &+= 4
                            continue
                        }
                        o[k] = u
                        // U+3001…U+FF00 (Chinese text and its punctuation but the full-width forms): neither half-width
                        // nor fold changes it.
                        if u > 0x3000 && u < 0xFF01 {
                            h[k] = u
                            f[k] = u
                        } else {
                            let w = halfWidth(u)
                            if w != u { changed = true }
                            h[k] = w
                            f[k] = fold(w)
                        }
                        k &+= 1
                    }
                    count = k
                    madeFolded = k
                }
                madeHalf = count
            }
            madeOriginal = count
        }
        return (original, half, folded, changed)
    }

    /// `decode(utf8:)` of a string's units (a string without contiguous UTF-8).
    static func decode(units: [UInt16]) -> (original: [UInt16], half: [UInt16], folded: [UInt16], changed: Bool) {
        let n = units.count
        var changed = false
        var folded: [UInt16] = []
        let half = [UInt16](unsafeUninitializedCapacity: n) { h, madeHalf in
            folded = [UInt16](unsafeUninitializedCapacity: n) { f, madeFolded in
                changed = units.withUnsafeBufferPointer { o in Self.fold(o, half: h, folded: f) }
                madeFolded = n
            }
            madeHalf = n
        }
        return (units, half, folded, changed)
    }

    /// The UTF-16 code units of a string, from its scalars (`Array(text.utf16)` first counts the units through
    /// the string's breadcrumbs, an allocation and a second pass for every field read).
    static func utf16(_ text: String) -> [UInt16] {
        if let units = text.utf8.withContiguousStorageIfAvailable({ utf16(utf8: $0) }) { return units }
        var out: [UInt16] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x10000 {
                out.append(UInt16(truncatingIfNeeded: scalar.value))
            } else {
                UTF16.encode(scalar) { out.append($0) }
            }
        }
        return out
    }

    /// The UTF-16 code units of a string's UTF-8 bytes (valid UTF-8, as every `String` holds), decoded by hand into
    /// storage of the bytes' count (never fewer bytes than units): the scalar walk cost ~25 instructions a unit.
    static func utf16(utf8 b: UnsafeBufferPointer<UInt8>) -> [UInt16] {
        let n = b.count
        return [UInt16](unsafeUninitializedCapacity: n) { out, made in
            var i = 0, k = 0
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    out[k] = UInt16(c)
                    i &+= 1
                } else if c < 0xE0 {
                    out[k] = UInt16(c & 0x1F) << 6 | UInt16(b[i &+ 1] & 0x3F)
                    i &+= 2
                } else if c < 0xF0 {
                    out[k] = UInt16(c & 0x0F) << 12 | UInt16(b[i &+ 1] & 0x3F) << 6 | UInt16(b[i &+ 2] & 0x3F)
                    i &+= 3
                } else {
                    let v = (UInt32(c & 0x07) << 18 | UInt32(b[i &+ 1] & 0x3F) << 12 | UInt32(b[i &+ 2] & 0x3F) << 6
                        | UInt32(b[i &+ 3] & 0x3F)) &- 0x10000
                    out[k] = 0xD800 | UInt16(truncatingIfNeeded: v >> 10)
                    k &+= 1
                    out[k] = 0xDC00 | UInt16(truncatingIfNeeded: v & 0x3FF)
                    i &+= 4
                }
                k &+= 1
            }
            made = k
        }
    }

    /// Whether two strings hold the same UTF-8 bytes (not `==`, which compares canonical equivalents).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                guard let p = x.baseAddress, let q = y.baseAddress else { return true }
                return memcmp(p, q, x.count) == 0
            }
        }
    }

    /// A unit as `TextForm.halfWidthASCII` reads its scalar: full-width ASCII to ASCII, odd spaces to a space.
    @inline(__always)
    static func halfWidth(_ u: UInt16) -> UInt16 {
        switch u {
        case 0xFF01...0xFF5E: return u - 0xFEE0
        case 0x3000, 0x00A0, 0x2002...0x200A, 0x202F, 0x205F: return 0x20
        default: return u
        }
    }

    /// Writes `halfWidth(u)` and `fold(halfWidth(u))` of each unit of `units` into `half` and `folded` (as long), and
    /// says whether some unit's half-width differs from it.
    private static func fold(_ units: UnsafeBufferPointer<UInt16>, half: UnsafeMutableBufferPointer<UInt16>,
                             folded: UnsafeMutableBufferPointer<UInt16>) -> Bool {
        var changed = false
        for i in 0..<units.count {
            let u = units[i]
            // U+3001…U+FF00 (Chinese text and its punctuation but the full-width forms): neither half-width nor
            // fold changes it.
            if u > 0x3000 && u < 0xFF01 {
                half[i] = u
                folded[i] = u
                continue
            }
            let w = halfWidth(u)
            if w != u { changed = true }
            half[i] = w
            folded[i] = fold(w)
        }
        return changed
    }

    /// ASCII A–Z to a–z; every other unit unchanged.
    static func fold(_ u: UInt16) -> UInt16 { (0x41...0x5A).contains(u) ? u + 0x20 : u }

    /// A literal's units as `foldedUnits` holds them.
    static func folded(_ text: String) -> [UInt16] { text.utf16.map(fold) }

    /// Length in UTF-16 units.
    var length: Int { units.count }

    /// Whether the automaton that read this text knew the literal with this id (else it is searched directly).
    func scanned(_ id: Int32) -> Bool { Int(id) < literalsScanned }

    /// Whether the scan found the literal with this id (which it knew: see `scanned`).
    @inline(__always)
    func contains(literal id: Int32) -> Bool {
        let at = Int(id >> 6) << 1
        return id >= 0 && at < foundIndex.count && foundIndex[at] & (1 << UInt64(id & 63)) != 0
    }

    /// The found literals' bits, word `w` at `2w` (see `LiteralFindings.index`), for a caller that reads many.
    @inline(__always)
    func withFoundIndex<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        foundIndex.withUnsafeBufferPointer(body)
    }

    /// Where a literal cue (`CueAutomaton` id `id`, folded units `literal`) occurs, overlapping occurrences
    /// included, left to right.
    func starts(ofLiteral id: Int32, _ literal: [UInt16]) -> [Int] {
        guard Int(id) < literalsScanned else {
            // Registered after this text was read (only where cues are compiled after texts): search directly.
            guard let first = literal.first, literal.count <= foldedUnits.count else { return [] }
            return (0...(foldedUnits.count - literal.count)).filter { at in
                foldedUnits[at] == first && foldedUnits[at..<(at + literal.count)].elementsEqual(literal)
            }
        }
        var out: [Int] = []
        forEachStart(ofLiteral: id, literal) { out.append($0) }
        return out
    }

    /// Calls `body` with each place `starts(ofLiteral:_:)` gives, in its order, without building the list (this
    /// runs for every literal cue found in every field).
    @inline(__always)
    func forEachStart(ofLiteral id: Int32, _ literal: [UInt16], _ body: (Int) -> Void) {
        guard Int(id) < literalsScanned else {
            for at in starts(ofLiteral: id, literal) { body(at) }
            return
        }
        guard contains(literal: id) else { return }
        foundIndex.withUnsafeBufferPointer { x in
            places.withUnsafeBufferPointer { p in
                let j = LiteralFindings.rank(id, x)
                for k in Int(p[j]) ..< Int(p[j + 1]) { body(Int(p[k])) }
            }
        }
    }

    /// The words of a range as they stand in the field.
    func words(_ range: NSRange) -> String {
        let lower = max(0, min(range.location, originalUnits.count))
        let upper = max(lower, min(range.location + range.length, originalUnits.count))
        return UTF16Text.string(originalUnits[lower..<upper])
    }

    /// The half-width text of a range.
    func normalisedWords(_ range: NSRange) -> String {
        let lower = max(0, min(range.location, units.count))
        let upper = max(lower, min(range.location + range.length, units.count))
        return UTF16Text.string(units[lower..<upper])
    }

    // MARK: - Boundaries

    /// Whether a unit ends a sentence (。!?; and a line break) or, with `clause`, a clause (also , : ， ：).
    /// A switch, not a `Set`: these run for every boundary looked up, and hashing showed in the profile.
    @inline(__always)
    private static func ends(_ u: UInt16, clause: Bool) -> Bool {
        switch u {
        case 0x3002, 0x21, 0x3F, 0x3B, 0x0A: return true  // 。 ! ? ; \n
        case 0x2C, 0x3A, 0xFF0C, 0xFF1A: return clause  // , : ， ：
        default: return false
        }
    }

    /// The start of the sentence holding a position.
    func sentenceStart(before position: Int) -> Int { start(before: position, clause: false) }
    /// The end (exclusive) of the sentence holding a position.
    func sentenceEnd(after position: Int) -> Int { end(after: position, clause: false) }
    /// The start of the clause (between commas) holding a position.
    func clauseStart(before position: Int) -> Int { start(before: position, clause: true) }
    /// The end (exclusive) of the clause holding a position.
    func clauseEnd(after position: Int) -> Int { end(after: position, clause: true) }

    private func start(before position: Int, clause: Bool) -> Int {
        var i = min(position, units.count) - 1
        while i >= 0 {
            if isBoundary(i, clause) { return i + 1 }
            i -= 1
        }
        return 0
    }

    private func end(after position: Int, clause: Bool) -> Int {
        var i = max(0, position)
        while i < units.count {
            if isBoundary(i, clause) { return i }
            i += 1
        }
        return units.count
    }

    /// A separator ends a clause, except a comma between digits (1,200万元).
    private func isBoundary(_ i: Int, _ clause: Bool) -> Bool {
        guard Self.ends(units[i], clause: clause) else { return false }
        let digits: ClosedRange<UInt16> = 0x30...0x39
        if units[i] == 0x2C, i > 0, i + 1 < units.count, digits.contains(units[i - 1]), digits.contains(units[i + 1]) { return false }
        return true
    }

    /// Whether two ranges stand in one sentence.
    func sameSentence(_ a: NSRange, _ b: NSRange) -> Bool {
        // `sentenceStart(before: a.location) == sentenceStart(before: b.location)`: each start is one past the last
        // boundary before its place (the place held to the text), so they are equal when no boundary stands between
        // the two places; only the units between them are read, not those back to the sentence's start, twice.
        let p = Swift.max(0, Swift.min(a.location, units.count)), q = Swift.max(0, Swift.min(b.location, units.count))
        var i = Swift.min(p, q)
        let end = Swift.max(p, q)
        while i < end {
            if isBoundary(i, false) { return false }
            i += 1
        }
        return true
    }
}

extension NSRange {
    /// Characters between two ranges (0 when they touch or overlap).
    func gap(to other: NSRange) -> Int {
        if location + length <= other.location { return other.location - (location + length) }
        if other.location + other.length <= location { return location - (other.location + other.length) }
        return 0
    }

    /// The smallest range holding both.
    func joined(with other: NSRange) -> NSRange {
        let lower = Swift.min(location, other.location)
        let upper = Swift.max(location + length, other.location + other.length)
        return NSRange(location: lower, length: upper - lower)
    }
}
