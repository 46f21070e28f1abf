/// A quick test that rules out cells which cannot be labels before LabelMatcher's full normalisation runs:
/// a label's first character (after spaces, asterisks and bracketed notes are set aside) must be the first
/// character of some label or alias of the configuration. Values such as 四川大学 or 13800138000 fail it.
struct DocxLabelFilter: Sendable {
    private let firsts: Set<Character>
    /// The same first characters as scalars, when each is one scalar that is ASCII or a caseless
    /// `SimpleScalars` scalar (where comparing scalars is comparing Characters); else nil.
    private let firstScalars: Set<UInt32>?

    init(config: PipelineConfig) {
        var labels: [String] = []
        for (key, field) in config.fields { labels += [key, field.label] + field.aliases }
        for (key, field) in config.optionalFields { labels += [key, field.label] + field.aliases }
        var firsts = Set<Character>()
        for label in labels {
            for first in Self.firstCharacters(label) { firsts.insert(first) }
        }
        self.firsts = firsts
        var firstScalars: Set<UInt32>? = []
        for ch in firsts {
            guard ch.unicodeScalars.count == 1, let v = ch.unicodeScalars.first?.value, Self.isCaselessSimple(v) else {
                firstScalars = nil
                break
            }
            firstScalars?.insert(v)
        }
        self.firstScalars = firstScalars
    }

    /// Whether `text` may name a label (false only when it surely does not).
    func mayBeLabel(_ text: String) -> Bool {
        if let firstScalars, let found = Self.firstScalars(text) { return found.contains(where: firstScalars.contains) }
        return mayBeLabelCharacters(text)
    }

    /// `mayBeLabel` worked on Characters (for text the scalars do not cover, and for tests).
    func mayBeLabelCharacters(_ text: String) -> Bool {
        Self.firstCharacters(text).contains(where: firsts.contains)
    }

    /// `firstCharacters` as scalars, when each it finds is ASCII (lower-cased here) or a caseless `SimpleScalars`
    /// scalar (so `Character(u).lowercased().first` is the scalar itself, and equal Characters are equal scalars);
    /// nil otherwise, and `firstCharacters` decides. Whitespace skipped is Unicode's White_Space, as
    /// `properties.isWhitespace` has it.
    static func firstScalars(_ text: String) -> [UInt32]? {
        var first: UInt32?
        var outside: UInt32?
        var depth = 0
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            switch v {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x2A:
                continue  // White_Space, and the asterisk
            default:
                break
            }
            guard v < 0x80 || isCaselessSimple(v) else { return nil }
            let ch = v >= 0x41 && v <= 0x5A ? v + 0x20 : v
            if first == nil { first = ch }
            switch v {
            case 0x28, 0x5B, 0x3010, 0xFF08: depth += 1  // ( [ 【 （
            case 0x29, 0x5D, 0x3011, 0xFF09: depth = max(0, depth - 1)  // ) ] 】 ）
            default: if depth == 0 && outside == nil { outside = ch }
            }
            if first != nil && outside != nil { break }
        }
        return [first, outside].compactMap { $0 }
    }

    /// ASCII, or a `SimpleScalars` scalar from U+2010 up (punctuation, symbols, CJK, kana, half-width forms: no case).
    static func isCaselessSimple(_ v: UInt32) -> Bool {
        v < 0x80 || (v >= 0x2010 && SimpleScalars.isSimple(v))
    }

    /// The first character of the text and of the text without its bracketed parts, with full-width ASCII
    /// folded, letters lower-cased, and spaces and asterisks skipped.
    static func firstCharacters(_ text: String) -> [Character] {
        var first: Character?
        var outside: Character?
        var depth = 0
        for scalar in text.unicodeScalars {
            var u = scalar
            if (0xFF01...0xFF5E).contains(u.value), let half = Unicode.Scalar(u.value - 0xFEE0) { u = half }
            if u.properties.isWhitespace || u == "*" || u == "\u{3000}" { continue }
            let ch = Character(u).lowercased().first ?? Character(u)
            if first == nil { first = ch }
            switch u {
            case "(", "[", "【", "（": depth += 1
            case ")", "]", "】", "）": depth = max(0, depth - 1)
            default: if depth == 0 && outside == nil { outside = ch }
            }
            if first != nil && outside != nil { break }
        }
        return [first, outside].compactMap { $0 }
    }
}
