/// A quick test that rules out cells which cannot be labels before LabelMatcher's full normalisation runs:
/// a label's first character (after spaces, asterisks and bracketed notes are set aside) must be the first
/// character of some label or alias of the configuration. Values such as 四川大学 or 13800138000 fail it.
struct DocxLabelFilter: Sendable {
    private let firsts: Set<Character>

    init(config: PipelineConfig) {
        var labels: [String] = []
        for (key, field) in config.fields { labels += [key, field.label] + field.aliases }
        for (key, field) in config.optionalFields { labels += [key, field.label] + field.aliases }
        var firsts = Set<Character>()
        for label in labels {
            for first in Self.firstCharacters(label) { firsts.insert(first) }
        }
        self.firsts = firsts
    }

    /// Whether `text` may name a label (false only when it surely does not).
    func mayBeLabel(_ text: String) -> Bool {
        Self.firstCharacters(text).contains(where: firsts.contains)
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
