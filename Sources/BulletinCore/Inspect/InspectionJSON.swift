/// The `inspect --json` line of a submission, written by hand into one byte buffer.
///
/// The bytes are exactly those of `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` (the format the
/// README documents and scripts read): keys in byte order, `"`, `\` and control characters escaped as
/// JSONEncoder escapes them, every other character as UTF-8, numbers as Swift prints them with a trailing ".0"
/// dropped. Encoding 20,000 lines through `JSONEncoder` (a dictionary of boxed values per object, then sorted)
/// was a fifth of `inspect --json`'s time; this is one pass with no intermediate values.
/// `InspectionJSONTests` compares the two byte for byte.
extension InspectionLine {
    /// The line as JSON (no line break), or nil when a number is not finite (JSONEncoder refuses those; the
    /// caller then falls back to it, to report the same error).
    public func jsonBytes() -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512 + reasons.reduce(0) { $0 + $1.conclusion.utf8.count + $1.matched.utf8.count + 64 }
                              + fields.values.reduce(0) { $0 + $1.utf8.count + 16 })
        return writeJSON(appendingTo: &bytes) ? bytes : nil
    }

    /// Appends the line as JSON (no line break) to `bytes`, a buffer the caller reuses from line to line (so
    /// printing 20,000 lines allocates no buffer per line); false when a number is not finite (see `jsonBytes`),
    /// and then what was appended is not valid JSON.
    @discardableResult
    public func writeJSON(appendingTo bytes: inout [UInt8]) -> Bool {
        var w = JSONBytes()
        swap(&w.bytes, &bytes)
        defer { swap(&w.bytes, &bytes) }
        w.raw("{\"category\":"); w.string(category)
        w.raw(",\"classified\":"); w.bool(classified)
        if let c = confidence {
            w.raw(",\"confidence\":{\"category\":"); w.number(c.category)
            w.raw(",\"industry\":"); w.number(c.industry)
            w.raw(",\"level\":"); w.number(c.level)
            w.raw(",\"subtype\":"); w.number(c.subtype)
            w.raw("}")
        }
        w.raw(",\"eligible\":"); w.bool(eligible)
        w.raw(",\"fields\":{")
        for (i, key) in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if i > 0 { w.raw(",") }
            w.string(key)
            w.raw(":")
            w.string(fields[key] ?? "")
        }
        w.raw("},\"file\":"); w.string(file)
        w.raw(",\"flags\":"); w.strings(flags)
        w.raw(",\"index\":"); w.integer(index)
        w.raw(",\"industry\":"); w.string(industry)
        w.raw(",\"level\":"); w.string(level)
        w.raw(",\"location\":"); w.string(location)
        w.raw(",\"needsReview\":"); w.bool(needsReview)
        w.raw(",\"notes\":"); w.strings(notes)
        w.raw(",\"problems\":[")
        for (i, p) in problems.enumerated() {
            w.raw(i == 0 ? "{\"field\":" : ",{\"field\":"); w.string(p.field)
            w.raw(",\"message\":"); w.string(p.message)
            w.raw("}")
        }
        w.raw("],\"reasons\":[")
        for i in reasons.indices {
            w.raw(i == 0 ? "{\"conclusion\":" : ",{\"conclusion\":"); w.string(reasons[i].conclusion)
            w.raw(",\"field\":"); w.string(reasons[i].field)
            w.raw(",\"matched\":"); w.string(reasons[i].matched)
            w.raw(",\"rule\":"); w.string(reasons[i].rule)
            w.raw(",\"weight\":"); w.number(reasons[i].weight)
            w.raw("}")
        }
        w.raw("],\"reviewReasons\":"); w.strings(reviewReasons)
        w.raw(",\"score\":"); w.number(score)
        w.raw(",\"subtype\":"); w.string(subtype)
        w.raw(",\"titleKey\":"); w.string(titleKey)
        w.raw("}")
        return w.finite
    }
}

/// A growing UTF-8 buffer with JSONEncoder's spelling of strings, numbers and booleans.
struct JSONBytes {
    var bytes: [UInt8] = []
    /// False once a NaN or an infinity was written.
    var finite = true

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A String's bytes as they are. Not an overload of `raw`: a literal would then be taken as a String (the
    /// default literal type) and every key copied through String's UTF-8 view.
    mutating func rawText(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    mutating func bool(_ b: Bool) {
        b ? raw("true") : raw("false")
    }

    /// As JSONEncoder writes a Double: its description, without a trailing ".0". Whole numbers of up to 15
    /// digits (most weights and scores) are written as integers, which is what that gives, without a String.
    mutating func number(_ d: Double) {
        guard d.isFinite else { finite = false; raw("0"); return }
        if d.rounded(.towardZero) == d, abs(d) < 1e15, !(d == 0 && d.sign == .minus) {
            integer(Int(d))
            return
        }
        let s = d.description
        if s.hasSuffix(".0") { bytes.append(contentsOf: s.utf8.dropLast(2)) } else { bytes.append(contentsOf: s.utf8) }
    }

    /// An integer in decimal, as `String(n)` spells it.
    mutating func integer(_ n: Int) {
        if n < 0 {
            guard n != .min else { rawText(String(n)); return }
            bytes.append(UInt8(ascii: "-"))
        }
        var v = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digits, the lowest first
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                v /= 10
                count += 1
            } while v > 0
            var i = count
            while i > 0 { i -= 1; bytes.append(d[i]) }
        }
    }

    mutating func strings(_ list: [String]) {
        raw("[")
        for (i, s) in list.enumerated() {
            if i > 0 { raw(",") }
            string(s)
        }
        raw("]")
    }

    /// A quoted string: `"` and `\` escaped, \b \t \n \f \r by name, other controls below 0x20 as \u00xx
    /// (lower-case hex), everything else (DEL, U+2028, non-ASCII) as its UTF-8 bytes; `/` is not escaped.
    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { b in
            var start = 0
            var i = 0
            let n = b.count
            while i < n {
                // Eight bytes at a time while none of them needs escaping (most text, Chinese or not).
                if i &+ 8 <= n, !Self.needsEscape(UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self)) {
                    i &+= 8
                    continue
                }
                let c = b[i]
                i &+= 1
                guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
                let at = i &- 1
                if start < at { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<at])) }
                start = i
                switch c {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x08: raw("\\b")
                case 0x09: raw("\\t")
                case 0x0A: raw("\\n")
                case 0x0C: raw("\\f")
                case 0x0D: raw("\\r")
                default:
                    raw("\\u00")
                    bytes.append(Self.hex(c >> 4))
                    bytes.append(Self.hex(c & 0xF))
                }
            }
            if start < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<n])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether one of the eight bytes of `w` is below 0x20, `"` or `\` (exact: the classic zero-byte tests
    /// have no false negatives, and a false positive only sends the eight bytes through the byte loop).
    @inline(__always)
    static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let below20 = (w &- ones &* 0x20) & ~w & high
        let q = w ^ (ones &* 0x22), bs = w ^ (ones &* 0x5C)
        let quote = (q &- ones) & ~q & high
        let backslash = (bs &- ones) & ~bs & high
        return (below20 | quote | backslash) != 0
    }

    private static func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }
}
