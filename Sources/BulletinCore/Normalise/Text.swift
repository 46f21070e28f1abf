import Foundation

/// Small text normalisations shared by the readers and the checks.
public enum TextForm {
    /// Full-width ASCII (Ａ１，) to half-width, ideographic space to space; CJK punctuation is kept.
    public static func halfWidthASCII(_ s: String) -> String {
        replacingScalars(s) { v in
            switch v {
            case 0xFF01...0xFF5E: UInt8(v - 0xFEE0)
            case 0x3000, 0x00A0, 0x2002...0x200A, 0x202F, 0x205F: 0x20
            default: nil
            }
        }
    }

    /// Full-width letters and digits (Ａ１) to half-width and odd spaces to plain ones; Chinese punctuation
    /// （，。：；（）“”） is kept, as a Chinese reader expects it.
    public static func halfWidthAlphanumerics(_ s: String) -> String {
        replacingScalars(s) { v in
            switch v {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: UInt8(v - 0xFEE0)
            case 0x00A0, 0x2002...0x200A, 0x202F, 0x205F: 0x20
            default: nil
            }
        }
    }

    /// `s` with some two- and three-byte scalars (U+0080…U+FFFF) replaced by an ASCII byte, worked on the UTF-8
    /// bytes: unchanged, and not copied, when no scalar is replaced (most text). Chinese summaries hold full-width
    /// punctuation on nearly every line, so the copy is made byte by byte, not scalar by scalar.
    @inline(__always)
    static func replacingScalars(_ s: String, _ replacement: (UInt32) -> UInt8?) -> String {
        var s = s
        let changed = s.withUTF8 { b -> [UInt8]? in
            let n = b.count
            var out: [UInt8]?
            var copied = 0  // bytes of b already in out
            var i = 0
            while i < n {
                let c = b[i]
                var width = 1
                var value: UInt32 = 0
                if c >= 0xC2 && c <= 0xDF && i + 1 < n {
                    width = 2
                    value = UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                } else if c >= 0xE0 && c <= 0xEF && i + 2 < n {
                    width = 3
                    value = UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                }
                if width > 1, let r = replacement(value) {
                    if out == nil { out = []; out?.reserveCapacity(n) }
                    out?.append(contentsOf: b[copied..<i])
                    out?.append(r)
                    copied = i + width
                }
                i += width
            }
            if out != nil { out?.append(contentsOf: b[copied..<n]) }
            return out
        }
        guard let changed else { return s }
        return String(decoding: changed, as: UTF8.self)
    }

    /// Trims, drops zero-width characters, joins runs of spaces and tabs; keeps line breaks between paragraphs
    /// (CRLF and CR become LF; more than one empty line becomes one). One pass over Unicode scalars (walking
    /// grapheme clusters cost a tenth of a submission's time), no Foundation.
    public static func tidy(_ s: String) -> String {
        isTidy(s) ? s : tidyScalars(s)
    }

    /// `tidy` without the check for text that is already tidy.
    static func tidyScalars(_ s: String) -> String {
        var lines: [String.UnicodeScalarView] = []
        var line = String.UnicodeScalarView()
        var pendingSpace = false
        var afterCR = false
        for u in s.unicodeScalars {
            defer { afterCR = u == "\r" }
            switch u {
            case "\n" where afterCR:
                continue
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(line)
                line = String.UnicodeScalarView()
                pendingSpace = false
            case "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{00AD}":
                continue
            case " ", "\t", "\u{3000}", "\u{00A0}":
                pendingSpace = !line.isEmpty
            default:
                if pendingSpace { line.append(" ") }
                pendingSpace = false
                line.append(u)
            }
        }
        lines.append(line)
        var out = String.UnicodeScalarView()
        var lastEmpty = true
        var pendingBreaks = 0
        for l in lines {
            if l.isEmpty {
                if !lastEmpty { pendingBreaks = 2 }
                lastEmpty = true
                continue
            }
            if !out.isEmpty { out.append(contentsOf: pendingBreaks == 2 ? "\n\n".unicodeScalars : "\n".unicodeScalars) }
            out.append(contentsOf: l)
            pendingBreaks = 1
            lastEmpty = false
        }
        return String(out)
    }

    /// Whether `tidy` would return `s` unchanged: none of the characters it drops or turns into a space or a
    /// line break, no space at the start or end of a line, no two spaces in a row, no line break at either end
    /// and no more than one empty line in a row. One read of the UTF-8 bytes, no copy.
    static func isTidy(_ s: String) -> Bool {
        let checked = s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            let n = b.count
            guard n > 0 else { return true }
            let space = UInt8(ascii: " "), lf = UInt8(ascii: "\n")
            if b[0] == space || b[0] == lf || b[n - 1] == space || b[n - 1] == lf { return false }
            var i = 0
            while i < n {
                let c = b[i]
                switch c {
                case space:
                    // b[i + 1] exists: the last byte is not a space.
                    if b[i + 1] == space || b[i + 1] == lf || b[i - 1] == lf { return false }
                case lf:
                    if b[i + 1] == space || (b[i + 1] == lf && i + 2 < n && b[i + 2] == lf) { return false }
                case 0x09, 0x0B, 0x0C, 0x0D:
                    return false
                case 0xC2:  // U+0085, U+00A0, U+00AD
                    if i + 1 < n, b[i + 1] == 0x85 || b[i + 1] == 0xA0 || b[i + 1] == 0xAD { return false }
                case 0xE2:  // U+200B…U+200D, U+2028, U+2029
                    if i + 2 < n, b[i + 1] == 0x80, (0x8B...0x8D).contains(b[i + 2]) || b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { return false }
                case 0xE3:  // U+3000
                    if i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x80 { return false }
                case 0xEF:  // U+FEFF
                    if i + 2 < n, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return false }
                default:
                    break
                }
                i += 1
            }
            return true
        }
        return checked ?? false
    }

    /// A key for comparing labels: no spaces, half-width brackets and colons unified, trailing colon and
    /// a trailing bracketed note such as （不超过1000字） removed.
    public static func labelKey(_ label: String) -> String {
        var out = String.UnicodeScalarView()
        for u in halfWidthASCII(label).unicodeScalars {
            switch u {
            case "【": out.append("[")
            case "】": out.append("]")
            case "*", "＊": continue
            default:
                if u.properties.isWhitespace { continue }
                out.append(u)
            }
        }
        var s = String(out)
        while s.hasSuffix(":") { s.removeLast() }
        return s
    }

    /// The label key without any bracketed parts: 报送单位(产学研等单位) → 报送单位.
    public static func labelStem(_ label: String) -> String {
        var out = ""
        var depth = 0
        for ch in labelKey(label) {
            if ch == "(" || ch == "[" { depth += 1; continue }
            if ch == ")" || ch == "]" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(ch) }
        }
        return out
    }

    /// Whether stripping control characters, `halfWidthAlphanumerics`, `tidy` and joining lines would all leave `s`
    /// as it is, told in one read of the UTF-8 bytes (most values): no byte below 0x20 (so no line break) or DEL, no
    /// U+0080…U+00FF (lead byte C2: C1 controls, NEL, no-break and soft hyphen), none of U+2002…U+200D, U+2028…U+202F,
    /// U+205F, U+2066…U+2069, U+3000, U+FEFF or the full-width letters and digits, no space at either end and no two
    /// spaces in a row. False only sends `s` through those steps, which decide.
    static func isClean(_ s: String) -> Bool {
        let clean = s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            let n = b.count
            guard n > 0 else { return true }
            if b[0] == 0x20 || b[n - 1] == 0x20 { return false }
            var i = 0
            while i < n {
                let c = b[i]
                if c >= 0x21 && c < 0x7F { i += 1; continue }
                // A scalar of U+4000…U+9FFF (lead bytes E4…E9, most Chinese text): none of its three bytes is looked at
                // below (continuation bytes fall to `default`), so it is passed at once.
                if c >= 0xE4 && c <= 0xE9 { i += 3; continue }
                switch c {
                case 0x20:
                    if b[i + 1] == 0x20 { return false }  // b[i + 1] exists: the last byte is not a space
                case 0x00..<0x20, 0x7F, 0xC2, 0xC3:
                    return false
                case 0xE2:
                    guard i + 2 < n else { return false }
                    let b1 = b[i + 1], b2 = b[i + 2]
                    if b1 == 0x80 && ((0x82...0x8D).contains(b2) || (0xA8...0xAF).contains(b2)) { return false }
                    if b1 == 0x81 && (b2 == 0x9F || (0xA6...0xA9).contains(b2)) { return false }
                case 0xE3:
                    if i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x80 { return false }
                case 0xEF:
                    guard i + 2 < n else { return false }
                    let b1 = b[i + 1], b2 = b[i + 2]
                    if b1 == 0xBB && b2 == 0xBF { return false }
                    if b1 == 0xBC && ((0x90...0x99).contains(b2) || (0xA1...0xBA).contains(b2)) { return false }
                    if b1 == 0xBD && (0x81...0x9A).contains(b2) { return false }
                default:
                    break
                }
                i += 1
            }
            return true
        }
        return clean ?? false
    }

    /// Whether `s` is empty or only spaces and tabs (`trimmingCharacters(in: .whitespaces)` leaves nothing). A cell
    /// that starts with visible ASCII or a CJK ideograph (U+4000…U+9FFF, lead bytes E4…E9) is not, without Foundation.
    public static func isBlank(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return true }
        if (first > 0x20 && first < 0x7F) || (first >= 0xE4 && first <= 0xE9) { return false }
        return s.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// Characters as a person counts them (grapheme clusters), ignoring line breaks.
    public static func characterCount(_ s: String) -> Int {
        if let count = simpleCharacterCount(s) { return count }
        return s.reduce(0) { $0 + ($1.isNewline ? 0 : 1) }
    }

    /// The count read from Unicode scalars, when every scalar is a character of its own: line feeds and the
    /// scalars of Chinese, Latin and common punctuation, none of which join a neighbour into one grapheme
    /// cluster (no combining marks, joiners, variation selectors, Hangul jamo, CR). nil otherwise.
    static func simpleCharacterCount(_ s: String) -> Int? {
        if let count = s.utf8.withContiguousStorageIfAvailable(simpleCharacterCount(utf8:)) { return count < 0 ? nil : count }
        var count = 0
        for u in s.unicodeScalars {
            if u.value == 0x0A { continue }
            guard isSimpleCharacter(u.value) else { return nil }
            count += 1
        }
        return count
    }

    /// `simpleCharacterCount` of a string's UTF-8 bytes (valid, as a `String`'s are), -1 for nil: scalars decoded by
    /// hand, U+5000…U+9FFF (lead bytes E5…E9) counted by their lead byte (the walk of `unicodeScalars` cost ~50
    /// instructions a character).
    static func simpleCharacterCount(utf8 b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = b.count
        var i = 0, count = 0
        while i < n {
            let c = b[i]
            let value: UInt32
            if c < 0x80 {
                i &+= 1
                if c == 0x0A { continue }
                value = UInt32(c)
            } else if c >= 0xE5 && c <= 0xE9 {
                i &+= 3
                count &+= 1
                continue
            } else if c < 0xE0 {
                value = UInt32(c & 0x1F) << 6 | UInt32(b[i &+ 1] & 0x3F)
                i &+= 2
            } else if c < 0xF0 {
                value = UInt32(c & 0x0F) << 12 | UInt32(b[i &+ 1] & 0x3F) << 6 | UInt32(b[i &+ 2] & 0x3F)
                i &+= 3
            } else {
                value = UInt32(c & 0x07) << 18 | UInt32(b[i &+ 1] & 0x3F) << 12 | UInt32(b[i &+ 2] & 0x3F) << 6
                    | UInt32(b[i &+ 3] & 0x3F)
                i &+= 4
            }
            guard isSimpleCharacter(value) else { return -1 }
            count &+= 1
        }
        return count
    }

    /// Whether a scalar is one of those `simpleCharacterCount` counts as a character of its own (Chinese, Latin,
    /// common punctuation; all below the surrogates, so a UTF-16 unit in these ranges is the whole scalar).
    static func isSimpleCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x7E, 0xA0...0x24F, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F,
             0x3040...0x3096, 0x30A0...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF9D, 0xFFE0...0xFFEE:
            return true
        default:
            return false
        }
    }
}
