/// Text forms used by the matcher: widths and units unified, keys without punctuation, character n-grams.
public enum MatchText {
    /// Unit words after a number, and the symbol they become (longest first where one begins another).
    static let unitWords: [(word: [Unicode.Scalar], symbol: String)] = [
        ("千瓦时", "KWH"), ("兆瓦时", "MWH"), ("万千瓦", "万KW"), ("千瓦", "KW"), ("兆瓦", "MW"), ("吉瓦", "GW"),
        ("千伏", "KV"), ("兆帕", "MPA"), ("吉帕", "GPA"), ("纳米", "NM"), ("微米", "UM"), ("毫米", "MM"),
        ("厘米", "CM"), ("公里", "KM"), ("千米", "KM"), ("立方米", "M3"), ("平方米", "M2"), ("米", "M"),
        ("吨", "T"), ("千克", "KG"), ("公斤", "KG"), ("兆赫", "MHZ"), ("吉赫", "GHZ"), ("赫兹", "HZ"),
    ].map { (Array($0.0.unicodeScalars), $0.1) }

    /// A bit per first scalar of the unit words (value modulo 64).
    static let unitFirstMask: UInt64 = unitWords.reduce(0) { $0 | 1 << ($1.word[0].value & 63) }

    /// Full-width to half-width, ASCII letters upper-cased, unit words after numbers as symbols
    /// (300兆瓦 → 300MW, 10万吨 → 10万T, 百万千瓦 → 1000MW). Punctuation is kept (quotes matter to hard tokens).
    public static func normalise(_ text: String) -> String {
        ScalarText(normalisedScalars(text)).string
    }

    /// `normalise`'s answer as its scalars (the scalars of the string `normalise` gives), so that a profile takes
    /// its key, grams, hard tokens and figures from one array instead of reading the string back four times.
    /// The half-width step is `TextForm.halfWidthASCII`'s mapping applied scalar by scalar (that function maps
    /// each two- or three-byte scalar of the UTF-8 alone), fused with the upper-casing.
    static func normalisedScalars(_ text: String) -> [Unicode.Scalar] {
        // The scalars decoded from the UTF-8 into a buffer of the byte count (at least the scalar count); a
        // String's UTF-8 is valid, so every value decoded is a scalar.
        var text = text
        let s = text.withUTF8 { b in
            [Unicode.Scalar](unsafeUninitializedCapacity: b.count) { out, made in
                guard let p = b.baseAddress, let o = out.baseAddress else { made = 0; return }
                let end = b.count
                var i = 0, n = 0
                while i < end {
                    var v = ValidUTF8.scalar(p, &i)
                    switch v {
                    case 0x61...0x7A: v -= 32
                    case 0xFF01...0xFF5E:
                        v -= 0xFEE0
                        if v >= 0x61 && v <= 0x7A { v -= 32 }
                    case 0x3000, 0x00A0, 0x2002...0x200A, 0x202F, 0x205F: v = 0x20
                    default: break
                    }
                    o[n] = Unicode.Scalar(v).unsafelyUnwrapped
                    n &+= 1
                }
                made = n
            }
        }
        // Most text has no digit followed by a unit word and no 百万千瓦: then it is already the answer.
        var i = 0
        while i < s.count {
            let u = s[i]
            if u == "百" || (isDigit(u) && i + 1 < s.count) { break }
            i += 1
        }
        if i == s.count { return s }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count + 8)
        out.append(contentsOf: s[0..<i])
        let million: [Unicode.Scalar] = Array("百万千瓦".unicodeScalars)
        while i < s.count {
            if s[i] == "百", starts(s, at: i, with: million), i == 0 || !isDigit(s[i - 1]) {
                out.append(contentsOf: "1000MW".unicodeScalars)
                i += million.count
                continue
            }
            out.append(s[i])
            let afterNumber = isDigit(s[i]) && (i + 1 >= s.count || !isDigit(s[i + 1]) && s[i + 1] != ".")
            i += 1
            guard afterNumber, i < s.count else { continue }
            // No unit word begins with the scalar after the number (by a bit per value modulo 64 of the words'
            // first scalars): then neither test below finds one, 万 and 亿 aside.
            if unitFirstMask & (1 << (s[i].value & 63)) == 0 && s[i] != "万" && s[i] != "亿" { continue }
            var j = i
            if s[j] == "万" || s[j] == "亿", !unitWords.contains(where: { starts(s, at: j, with: $0.word) }) { j += 1 }
            if let unit = unitWords.first(where: { starts(s, at: j, with: $0.word) }) {
                out.append(contentsOf: s[i..<j])
                out.append(contentsOf: unit.symbol.unicodeScalars)
                i = j + unit.word.count
            }
        }
        return out
    }

    /// The comparison key of a normalised text: letters, digits and ideographs only.
    public static func key(_ normalised: String) -> String {
        var out = ScalarText(capacity: normalised.utf8.count)
        for u in normalised.unicodeScalars where isWordScalar(u) { out.append(u) }
        return out.string
    }

    /// `key` of the text of these scalars, as its scalars.
    static func keyScalars(_ normalised: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(normalised.count)
        for u in normalised where isWordScalar(u) { out.append(u) }
        return out
    }

    /// `key` with every generic word removed (longest first), for n-grams of a title.
    static func stripped(_ key: String, removing words: [String]) -> String {
        var s = key
        for w in words where !w.isEmpty && s.holds(w) {
            s = s.replacingAll(w)
        }
        return s.isEmpty ? key : s
    }

    /// `stripped(key, removing: words)` as scalars, from the key's scalars: a word one of whose scalars is
    /// not in the key (by a bit per scalar value modulo 64) is not held and not searched for, and when no word is
    /// held the key's scalars are the answer, not read back from a string.
    /// `masks`, when given, are `scalarMask` of each word (made once for many keys).
    static func strippedScalars(_ keyScalars: [Unicode.Scalar], removing words: [String],
                                masks: [UInt64]? = nil) -> [Unicode.Scalar] {
        var inKey: UInt64 = 0
        for u in keyScalars { inKey |= 1 << (u.value & 63) }
        // On the scalars: a UTF-8 needle found in UTF-8 text starts and ends on whole scalars, so `holds` is a
        // search scalar by scalar, and `replacingAll` removes the same places (left to right, not overlapping).
        var s = keyScalars
        var changed = false
        for (k, w) in words.enumerated() where !w.isEmpty {
            let mask = masks?[k] ?? scalarMask(w)
            guard mask & ~inKey == 0 else { continue }
            let ws = Array(w.unicodeScalars)
            guard let first = firstPlace(of: ws, in: s, from: 0) else { continue }
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(s.count)
            var i = 0
            var next: Int? = first
            while let at = next {
                out.append(contentsOf: s[i..<at])
                i = at + ws.count
                next = firstPlace(of: ws, in: s, from: i)
            }
            out.append(contentsOf: s[i...])
            s = out
            changed = true
        }
        return !changed || s.isEmpty ? keyScalars : s
    }

    /// The first place at or after `from` where `w` (not empty) occurs in `s`.
    static func firstPlace(of w: [Unicode.Scalar], in s: [Unicode.Scalar], from: Int) -> Int? {
        var i = from
        while i + w.count <= s.count {
            if s[i] == w[0] && starts(s, at: i, with: w) { return i }
            i += 1
        }
        return nil
    }

    /// A bit per scalar value modulo 64 of a word: the word is not in a text lacking one of its bits.
    static func scalarMask(_ w: String) -> UInt64 {
        var m: UInt64 = 0
        for u in w.unicodeScalars { m |= 1 << (u.value & 63) }
        return m
    }

    /// The distinct character n-grams of a key, sorted. A key shorter than n is one gram.
    public static func grams(_ key: String, size n: Int) -> [UInt64] {
        grams(scalars: scalars(key), size: n)
    }

    /// `grams` of the key of these scalars.
    static func grams(scalars s: [Unicode.Scalar], size n: Int) -> [UInt64] {
        if s.isEmpty { return [] }
        let n = max(1, n)
        if s.count <= n { return [pack(s[...])] }
        let count = s.count - n + 1
        var g = [UInt64](unsafeUninitializedCapacity: count) { b, made in
            if n <= 3 {
                // `pack` of n ≤ 3 scalars is their values 21 bits apart: each gram is the one before moved on by
                // one scalar, the oldest one's bits masked off.
                s.withUnsafeBufferPointer { sp in
                    let mask = (UInt64(1) << UInt64(21 * n)) &- 1
                    var v: UInt64 = 0
                    for k in 0..<(n - 1) { v = v << 21 | UInt64(sp[k].value) }
                    for i in 0..<count {
                        v = (v << 21 | UInt64(sp[i + n - 1].value)) & mask
                        b[i] = v
                    }
                }
            } else {
                for i in 0..<count { b[i] = pack(s[i..<(i + n)]) }
            }
            made = count
        }
        // Sorted in place (integers have one ascending order, so any sort gives the same array), then the
        // repeats dropped in place.
        let m = g.withUnsafeMutableBufferPointer { b -> Int in
            sortGrams(b, depth: 2 * (Int.bitWidth - b.count.leadingZeroBitCount))
            var m = 1
            for k in 1..<b.count where b[k] != b[m - 1] {
                b[m] = b[k]
                m += 1
            }
            return m
        }
        g.removeLast(g.count - m)
        return g
    }

    /// Sorts grams in place: quicksort on the median of three, insertion sort below 16, and the standard library's
    /// sort past `depth` levels (so never quadratic). The standard sort is a stable merge with a buffer: a
    /// summary's 300 grams sorted so took a twentieth of the match step.
    static func sortGrams(_ b: UnsafeMutableBufferPointer<UInt64>, depth: Int) {
        var lo = 0, hi = b.count, depth = depth
        while hi - lo > 16 {
            if depth == 0 {
                var rest = UnsafeMutableBufferPointer(rebasing: b[lo..<hi])
                rest.sort()
                return
            }
            depth -= 1
            let mid = lo + (hi - lo) / 2
            let a = b[lo], c = b[mid], e = b[hi - 1]
            let pivot = a < c ? (c < e ? c : (a < e ? e : a)) : (a < e ? a : (c < e ? e : c))
            // Hoare's partition: b[lo..<j+1] <= pivot <= b[j+1..<hi], both parts non-empty.
            var i = lo - 1, j = hi
            while true {
                repeat { i += 1 } while b[i] < pivot
                repeat { j -= 1 } while b[j] > pivot
                if i >= j { break }
                b.swapAt(i, j)
            }
            // With the median of three neither part is empty; should one be, the standard sort takes the range.
            if j + 1 >= hi {
                var rest = UnsafeMutableBufferPointer(rebasing: b[lo..<hi])
                rest.sort()
                return
            }
            // The smaller part recursively, the larger in this loop: the stack stays logarithmic.
            if j + 1 - lo < hi - (j + 1) {
                sortGrams(UnsafeMutableBufferPointer(rebasing: b[lo..<(j + 1)]), depth: depth)
                lo = j + 1
            } else {
                sortGrams(UnsafeMutableBufferPointer(rebasing: b[(j + 1)..<hi]), depth: depth)
                hi = j + 1
            }
        }
        var k = lo + 1
        while k < hi {
            let v = b[k]
            var i = k
            while i > lo && b[i - 1] > v {
                b[i] = b[i - 1]
                i -= 1
            }
            b[i] = v
            k += 1
        }
    }

    /// How many values two sorted, distinct arrays share. When one is far the shorter (a title's grams in a
    /// summary's), each of its values is looked for by binary search in what is left of the other; otherwise the
    /// two are merged.
    public static func shared(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count * 8 < b.count { return sharedSearching(a, in: b) }
        if b.count * 8 < a.count { return sharedSearching(b, in: a) }
        // The merge on raw buffers, each value read once a step (no bounds checks, no second read of a[i], b[j]).
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                guard let xp = x.baseAddress, let yp = y.baseAddress else { return 0 }
                let xn = x.count, yn = y.count
                var i = 0, j = 0, n = 0
                while i < xn && j < yn {
                    let u = xp[i], v = yp[j]
                    if u == v {
                        n &+= 1
                        i &+= 1
                        j &+= 1
                    } else if u < v {
                        i &+= 1
                    } else {
                        j &+= 1
                    }
                }
                return n
            }
        }
    }

    /// `shared` for a short `a`: each value of `a`, in order, searched for in `b` past the place of the one before.
    static func sharedSearching(_ a: [UInt64], in b: [UInt64]) -> Int {
        var n = 0, from = 0
        for v in a {
            var lo = from, hi = b.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if b[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            if lo < b.count && b[lo] == v { n += 1; from = lo + 1 } else { from = lo }
            if from == b.count { break }
        }
        return n
    }

    /// Containment of two gram sets: shared grams over the smaller set (0 when either is empty).
    public static func containment(_ a: [UInt64], _ b: [UInt64]) -> Double {
        let m = min(a.count, b.count)
        return m == 0 ? 0 : Double(shared(a, b)) / Double(m)
    }

    // MARK: - Scalars

    static func pack(_ s: ArraySlice<Unicode.Scalar>) -> UInt64 {
        if s.count <= 3 {
            var v: UInt64 = 0
            for u in s { v = v << 21 | UInt64(u.value) }
            return v
        }
        var h: UInt64 = 0xcbf29ce484222325
        for u in s { h = (h ^ UInt64(u.value)) &* 0x100000001b3 }
        return h
    }

    /// `Array(s.unicodeScalars)`, with room reserved from the UTF-8 length (at least the scalar count) rather
    /// than the scalar count counted first.
    static func scalars(_ s: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars { out.append(u) }
        return out
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }
    static func isUpper(_ u: Unicode.Scalar) -> Bool { u.value >= 0x41 && u.value <= 0x5A }
    static func isIdeograph(_ u: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(u.value) || (0x3400...0x4DBF).contains(u.value) || (0x20000...0x2FA1F).contains(u.value)
    }
    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        isDigit(u) || isUpper(u) || isIdeograph(u) || (u.value > 0x7F && u.properties.isAlphabetic && !isPunctuationLike(u))
    }
    static func isPunctuationLike(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    static func starts(_ s: [Unicode.Scalar], at i: Int, with w: [Unicode.Scalar]) -> Bool {
        guard i >= 0, i + w.count <= s.count else { return false }
        for k in 0..<w.count where s[i + k] != w[k] { return false }
        return true
    }
}

extension String {
    /// Whether `needle` occurs in the string, compared byte for byte in UTF-8 (the same as scalar by scalar).
    /// Foundation's `contains` folds character clusters and cost half the matcher's time.
    func holds(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var hay = self, pin = needle
        return hay.withUTF8 { h in
            pin.withUTF8 { n in
                guard n.count <= h.count, let final = n.last else { return false }
                if h.count >= 256 && n.count >= 4 { return String.horspool(h, n) }
                // The last byte is tested first: in UTF-8 Chinese the first bytes of most characters are alike
                // (E4…E9), the last ones much less, so fewer places go on to the byte-by-byte test.
                let hp = h.baseAddress.unsafelyUnwrapped, np = n.baseAddress.unsafelyUnwrapped
                let span = n.count &- 1
                var i = 0
                let last = h.count &- n.count
                while i <= last {
                    if hp[i &+ span] == final {
                        var k = 0
                        while k < span && hp[i &+ k] == np[k] { k &+= 1 }
                        if k == span { return true }
                    }
                    i &+= 1
                }
                return false
            }
        }
    }

    /// Whether `n` occurs in `h` (at least 2 bytes long, and no longer than `h`), by Boyer-Moore-Horspool: the
    /// window's last byte tells how far the next place that could match is (a unit's name looked for in a title
    /// and summary of a thousand bytes, once a candidate pair, moves on 6 to 12 bytes a step, not 1).
    static func horspool(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        let m = n.count, last = m &- 1
        let hp = h.baseAddress.unsafelyUnwrapped, np = n.baseAddress.unsafelyUnwrapped
        let final = np[last]
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { table in
            let tp = table.baseAddress.unsafelyUnwrapped
            // How far to move when the window ends in byte b: from b's last place in n (the last byte aside) to
            // n's end, or all of n when b is not in it; at most 255, which only moves less far than it could.
            tp.initialize(repeating: UInt8(truncatingIfNeeded: Swift.min(m, 255)), count: 256)
            for k in 0..<last { tp[Int(np[k])] = UInt8(truncatingIfNeeded: Swift.min(last &- k, 255)) }
            var i = 0
            let end = h.count &- m
            while i <= end {
                let c = hp[i &+ last]
                if c == final {
                    var k = 0
                    while k < last && hp[i &+ k] == np[k] { k &+= 1 }
                    if k == last { return true }
                }
                i &+= Int(tp[Int(c)])
            }
            return false
        }
    }

    /// Every occurrence of `word` removed (scalar by scalar, no Foundation).
    func replacingAll(_ word: String) -> String {
        let s = MatchText.scalars(self), w = MatchText.scalars(word)
        var out = ScalarText(capacity: utf8.count)
        var i = 0
        while i < s.count {
            if MatchText.starts(s, at: i, with: w) { i += w.count; continue }
            out.append(s[i])
            i += 1
        }
        return out.string
    }
}

/// Text built a scalar at a time as UTF-8 bytes and made a `String` once: the same string as appending the scalars
/// to a `String.UnicodeScalarView`, which re-examines the string's storage on every append (about 500
/// instructions a scalar: most of the time of preparing a profile).
struct ScalarText {
    private(set) var bytes: [UInt8] = []

    /// An empty text with room for `capacity` bytes.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The text of these scalars.
    init(_ scalars: some Sequence<Unicode.Scalar>) {
        bytes.reserveCapacity(scalars.underestimatedCount)
        append(contentsOf: scalars)
    }

    mutating func append(_ u: Unicode.Scalar) {
        let v = u.value
        if v < 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v))
        } else if v < 0x800 {
            bytes.append(UInt8(truncatingIfNeeded: 0xC0 | v >> 6))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
        } else if v < 0x10000 {
            bytes.append(UInt8(truncatingIfNeeded: 0xE0 | v >> 12))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
        } else {
            bytes.append(UInt8(truncatingIfNeeded: 0xF0 | v >> 18))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
        }
    }

    mutating func append(contentsOf scalars: some Sequence<Unicode.Scalar>) {
        for u in scalars { append(u) }
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// `ScalarText(scalars).string`, the UTF-8 written straight into the string's storage (no byte appended to
    /// an array one at a time).
    static func string(_ scalars: [Unicode.Scalar]) -> String {
        if scalars.isEmpty { return "" }
        return String(unsafeUninitializedCapacity: 4 * scalars.count) { out in
            var n = 0
            for u in scalars {
                let v = u.value
                if v < 0x80 {
                    out[n] = UInt8(truncatingIfNeeded: v)
                    n &+= 1
                } else if v < 0x800 {
                    out[n] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
                    out[n &+ 1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                    n &+= 2
                } else if v < 0x10000 {
                    out[n] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
                    out[n &+ 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                    out[n &+ 2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                    n &+= 3
                } else {
                    out[n] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
                    out[n &+ 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 12 & 0x3F)
                    out[n &+ 2] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                    out[n &+ 3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                    n &+= 4
                }
            }
            return n
        }
    }

    /// The text (the bytes are UTF-8 of whole scalars, so nothing is repaired).
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
