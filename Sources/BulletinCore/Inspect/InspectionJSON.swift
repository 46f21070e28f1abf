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
        var w = JSONBytes()
        w.bytes.reserveCapacity(512 + reasons.reduce(0) { $0 + $1.conclusion.utf8.count + $1.matched.utf8.count + 64 }
                                + fields.values.reduce(0) { $0 + $1.utf8.count + 16 })
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
        w.raw(",\"index\":"); w.raw(String(index))
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
        for (i, r) in reasons.enumerated() {
            w.raw(i == 0 ? "{\"conclusion\":" : ",{\"conclusion\":"); w.string(r.conclusion)
            w.raw(",\"field\":"); w.string(r.field)
            w.raw(",\"matched\":"); w.string(r.matched)
            w.raw(",\"rule\":"); w.string(r.rule)
            w.raw(",\"weight\":"); w.number(r.weight)
            w.raw("}")
        }
        w.raw("],\"reviewReasons\":"); w.strings(reviewReasons)
        w.raw(",\"score\":"); w.number(score)
        w.raw(",\"subtype\":"); w.string(subtype)
        w.raw(",\"titleKey\":"); w.string(titleKey)
        w.raw("}")
        return w.finite ? w.bytes : nil
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

    mutating func raw(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    mutating func bool(_ b: Bool) {
        b ? raw("true") : raw("false")
    }

    /// As JSONEncoder writes a Double: its description, without a trailing ".0".
    mutating func number(_ d: Double) {
        guard d.isFinite else { finite = false; raw("0"); return }
        let s = d.description
        if s.hasSuffix(".0") { bytes.append(contentsOf: s.utf8.dropLast(2)) } else { bytes.append(contentsOf: s.utf8) }
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
            for i in 0..<b.count {
                let c = b[i]
                guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
                if start < i { bytes.append(contentsOf: b[start..<i]) }
                start = i + 1
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
            if start < b.count { bytes.append(contentsOf: b[start..<b.count]) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }
}
