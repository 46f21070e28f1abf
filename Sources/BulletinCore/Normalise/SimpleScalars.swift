/// Label and cell text as Unicode scalars, for doing on integers what the form reader does on Characters.
///
/// A text qualifies when every scalar `isSimple`: `TextForm.isSimpleCharacter`, the symbols of U+25A0…U+27BF
/// (geometric shapes, miscellaneous symbols, dingbats: the check boxes of forms) and the other box glyphs, a tab
/// or a line feed (no CR: CR LF is one Character). Then each scalar is a Character of its own (none of them joins a neighbour into one grapheme
/// cluster), and two such Characters are equal exactly when their scalars are: no two simple scalars are
/// canonically equivalent (the scalars with a singleton canonical decomposition, such as U+212B or the CJK
/// compatibility ideographs U+F900…, lie outside these ranges, and precomposed Latin and kana letters decompose
/// to base + combining mark, which is not simple). So splitting, trimming, counting and comparing by Character,
/// which Swift does with grapheme breaking and Unicode normalisation, give the same result on these scalars at a
/// fraction of the cost. Text that does not qualify keeps the Character-level code, which decides.
enum SimpleScalars {
    /// Whether a scalar may stand in qualifying text (`simpleScalarsAreCharactersOfTheirOwnAndDistinct` checks
    /// every one: a Character of its own between others, and no two canonically equivalent).
    @inline(__always)
    static func isSimple(_ v: UInt32) -> Bool {
        TextForm.isSimpleCharacter(v) || v == 0x09 || v == 0x0A || (v >= 0x25A0 && v <= 0x27BF)
            || v == 0x221A || v == 0x22A0 || v == 0x2327 || v == 0x29BF || v == 0x2B1C  // √ ⊠ ⌧ ⦿ ⬜
    }

    /// The scalars of `s` when it qualifies, else nil.
    static func of(_ s: String) -> [UInt32]? {
        var out: [UInt32] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            let v = u.value
            guard isSimple(v) else { return nil }
            out.append(v)
        }
        return out
    }

    /// Whether `s` qualifies, told from its UTF-8 bytes without decoding CJK ideographs one by one.
    static func qualifies(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b -> Bool in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    if c < 0x20 && c != 0x09 && c != 0x0A { return false }
                    if c == 0x7F { return false }
                    i &+= 1
                } else if c >= 0xE5 && c <= 0xE9 {
                    i &+= 3  // U+5000…U+9FFF: simple
                } else {
                    let value: UInt32
                    if c < 0xE0 {
                        guard i + 1 < n else { return false }
                        value = UInt32(c & 0x1F) << 6 | UInt32(b[i &+ 1] & 0x3F)
                        i &+= 2
                    } else if c < 0xF0 {
                        guard i + 2 < n else { return false }
                        value = UInt32(c & 0x0F) << 12 | UInt32(b[i &+ 1] & 0x3F) << 6 | UInt32(b[i &+ 2] & 0x3F)
                        i &+= 3
                    } else {
                        return false  // above the BMP: never simple
                    }
                    guard isSimple(value) else { return false }
                }
            }
            return true
        }
    }

    /// The whitespace among qualifying scalars (Unicode White_Space, which is also Foundation's
    /// `whitespacesAndNewlines` there): tab, line feed, space, no-break space, ideographic space.
    @inline(__always)
    static func isWhitespace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x0A || v == 0x09 || v == 0x3000 || v == 0xA0
    }

    /// A String of scalars (all valid: they come from a String).
    static func string(_ scalars: some Sequence<UInt32>) -> String {
        var view = String.UnicodeScalarView()
        for v in scalars {
            if let u = Unicode.Scalar(v) { view.append(u) }
        }
        return String(view)
    }

    /// The label key of qualifying text as `TextForm.labelKey` makes it: full-width ASCII folded and ideographic
    /// and no-break spaces made spaces (as `halfWidthASCII`), 【】 to [], spaces and asterisks dropped, trailing
    /// colons dropped.
    static func labelKey(_ scalars: [UInt32]) -> [UInt32] {
        var key: [UInt32] = []
        key.reserveCapacity(scalars.count)
        for var v in scalars {
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 } else if v == 0x3000 || v == 0xA0 { v = 0x20 }
            switch v {
            case 0x3010: key.append(0x5B)  // 【
            case 0x3011: key.append(0x5D)  // 】
            case 0x2A: continue
            default:
                if isWhitespace(v) { continue }
                key.append(v)
            }
        }
        while key.last == 0x3A { key.removeLast() }
        return key
    }

    /// The label stem of a label key (`TextForm.labelStem`): bracketed parts dropped.
    static func labelStem(key: [UInt32]) -> [UInt32] {
        var stem: [UInt32] = []
        stem.reserveCapacity(key.count)
        var depth = 0
        for v in key {
            if v == 0x28 || v == 0x5B { depth += 1; continue }  // ( [
            if v == 0x29 || v == 0x5D { depth = max(0, depth - 1); continue }  // ) ]
            if depth == 0 { stem.append(v) }
        }
        return stem
    }

    /// Whether a key of qualifying scalars is unchanged by `lowercased()` but for ASCII capitals: no scalar of
    /// U+0080…U+200F (Latin-1 and Latin Extended letters, whose lower case may differ or take two scalars); the
    /// qualifying scalars from U+2010 up (punctuation, CJK, kana, half-width forms) have no case.
    static func lowersAsASCII(_ key: [UInt32]) -> Bool {
        !key.contains { $0 >= 0x80 && $0 < 0x2010 }
    }

    /// `key.lowercased()` for a key that `lowersAsASCII`.
    static func asciiLowercased(_ key: [UInt32]) -> [UInt32] {
        key.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }
}
