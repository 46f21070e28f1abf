import Foundation

/// Check boxes as forms show them, and the choice a value like `☑是  ☐否` ticks.
enum DocxCheckbox {
    /// What the reader shows for a ticked box (Word draws a ticked legacy box as ☒).
    static let checkedGlyph = "☒"
    /// What the reader shows for an empty box.
    static let uncheckedGlyph = "☐"

    /// Glyphs people use for a ticked box or a chosen option.
    static let ticked: Set<Character> = ["☑", "☒", "■", "▣", "⊠", "⌧", "◼", "✓", "✔", "√", "●", "◉", "⦿"]
    /// Glyphs people use for an empty box or an option not chosen.
    static let unticked: Set<Character> = ["☐", "□", "◻", "⬜", "○", "◯", "❑", "❒"]

    /// The text of the ticked choices in `value` (several joined with 、), "" when boxes are there but none
    /// is ticked, nil when the value has no boxes. A box labels the text after it (`☑是 ☐否`), or the text
    /// before it when the value starts with text and ends with a box (`是☑ 否☐`).
    static func tickedChoices(in value: String) -> String? {
        guard mayHoldBox(value) else { return nil }
        if let scalars = SimpleScalars.of(value) { return tickedChoices(scalars) }
        return tickedChoicesCharacters(in: value)
    }

    /// The scalars of the ticked and of the empty boxes.
    static let tickedScalars: Set<UInt32> = Set(ticked.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first?.value : nil })
    static let untickedScalars: Set<UInt32> = Set(unticked.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first?.value : nil })

    /// `tickedChoices` of a `SimpleScalars` value (each scalar a Character, equal only to itself; the whitespace
    /// trimmed is Foundation's `whitespacesAndNewlines` among such scalars).
    static func tickedChoices(_ scalars: [UInt32]) -> String? {
        var segments: [(box: UInt32?, text: ArraySlice<UInt32>)] = []
        var start = 0
        var box: UInt32?
        for (i, v) in scalars.enumerated() where tickedScalars.contains(v) || untickedScalars.contains(v) {
            segments.append((box, scalars[start..<i]))
            box = v
            start = i + 1
        }
        segments.append((box, scalars[start...]))
        if segments.count == 1 { return nil }
        let texts = segments.map { segment -> ArraySlice<UInt32> in
            var text = segment.text
            while let first = text.first, SimpleScalars.isWhitespace(first) { text.removeFirst() }
            while let last = text.last, SimpleScalars.isWhitespace(last) { text.removeLast() }
            return text
        }
        var chosen: [String] = []
        let textFirst = !texts[0].isEmpty && texts[texts.count - 1].isEmpty
        for i in 1..<segments.count {
            guard let box = segments[i].box, tickedScalars.contains(box) else { continue }
            let text = textFirst ? texts[i - 1] : texts[i]
            if !text.isEmpty { chosen.append(SimpleScalars.string(text)) }
        }
        return chosen.joined(separator: "、")
    }

    /// `tickedChoices` without the check on bytes (for tests).
    static func tickedChoicesCharacters(in value: String) -> String? {
        var segments: [(box: Character?, text: String)] = [(nil, "")]
        for ch in value {
            if ticked.contains(ch) || unticked.contains(ch) {
                segments.append((ch, ""))
            } else {
                segments[segments.count - 1].text.append(ch)
            }
        }
        if segments.count == 1 { return nil }
        let texts = segments.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        let boxes = segments.map(\.box)
        var chosen: [String] = []
        let textFirst = !texts[0].isEmpty && texts[texts.count - 1].isEmpty
        if textFirst {
            // segment i's box labels the text of segment i-1.
            for i in 1..<segments.count where boxes[i].map(ticked.contains) == true && !texts[i - 1].isEmpty {
                chosen.append(texts[i - 1])
            }
        } else {
            for i in 1..<segments.count where boxes[i].map(ticked.contains) == true && !texts[i].isEmpty {
                chosen.append(texts[i])
            }
        }
        return chosen.joined(separator: "、")
    }

    /// The scalars of the box glyphs: each glyph above is one scalar that no other scalar or sequence is
    /// canonically equivalent to, so a value holds a Character equal to a glyph only if it holds that scalar.
    static let boxScalars: Set<UInt32> = Set((ticked.union(unticked)).compactMap { ch in
        ch.unicodeScalars.count == 1 ? ch.unicodeScalars.first?.value : nil
    })

    /// False when `value` surely holds no box, so `tickedChoices` is nil: none of its scalars is a glyph's. Every
    /// glyph is in U+2000…U+2FFF (UTF-8 lead byte E2), so most values are passed on their bytes alone (a summary
    /// of 1,000 characters was walked Character by Character, each hashed for the sets, for nothing).
    static func mayHoldBox(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { b -> Bool in
            let n = b.count
            var i = 0
            while i + 2 < n {
                if b[i] == 0xE2 {
                    let v = UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F) | 0x2000
                    if boxScalars.contains(v) { return true }
                    i += 3
                } else {
                    i += 1
                }
            }
            return false
        }
    }
}
