import Foundation

extension String {
    /// Whether `needle` occurs in the string, with exactly the answer of Foundation's `contains` (which searches
    /// by composed character sequences and canonical equivalence, through `CFStringFind`), found fast when both
    /// strings are plain.
    ///
    /// A plain string holds only scalars that are each a character of their own and have no canonical
    /// decomposition (printable ASCII, CJK ideographs, CJK and fullwidth punctuation, general punctuation
    /// dashes and quotes, the simple arrows): for two such strings canonical equivalence is scalar identity and every match starts
    /// and ends on a character boundary, so Foundation's answer is the byte-for-byte UTF-8 one. Anything else
    /// (combining marks, kana that compose, Hangul, controls, emoji) is left to Foundation.
    func containsAsFoundation(_ needle: String) -> Bool {
        containsAsFoundation(needle, needleIsPlain: needle.isPlainForSearch)
    }

    /// `containsAsFoundation(_:)` for a needle whose `isPlainForSearch` the caller has found (once for many strings).
    func containsAsFoundation(_ needle: String, needleIsPlain: Bool) -> Bool {
        if needleIsPlain && isPlainForSearch { return holds(needle) }
        return contains(needle)
    }

    /// Whether every scalar of the string is in the plain set of `containsAsFoundation`.
    /// Read from the UTF-8 bytes: every plain scalar is one byte (ASCII) or three (U+0800–U+FFFF), so a two- or
    /// four-byte sequence is not plain and a three-byte one is decoded to be looked up (a review sheet row asks
    /// of every finding; the scalar view's walk was a sixth of making the rows).
    var isPlainForSearch: Bool {
        if let plain = utf8.withContiguousStorageIfAvailable(Self.isPlainUTF8) { return plain }
        for u in unicodeScalars where !Self.isPlainScalar(u.value) { return false }
        return true
    }

    /// `isPlainForSearch` of the string whose (valid) UTF-8 is `bytes`.
    static func isPlainUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                guard lead >= 0x20 && lead <= 0x7E else { return false }
                i += 1
                continue
            }
            guard lead & 0xF0 == 0xE0, i + 2 < bytes.count else { return false }
            let v = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard isPlainScalar(v) else { return false }
            i += 3
        }
        return true
    }

    static func isPlainScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E: return true                       // printable ASCII
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: return true  // CJK unified ideographs (and extension A)
        case 0x3000...0x3029, 0x3030...0x303F: return true  // CJK punctuation, without the combining tone marks 302A–302F
        case 0xFF01...0xFF60: return true                   // fullwidth ASCII forms and brackets
        case 0x2010...0x2027: return true                   // dashes, quotes, ellipsis
        case 0x2190...0x2199: return true                   // arrows (219A and later ones decompose canonically)
        default: return false
        }
    }
}
