/// Labelled facts under a heading ("报送单位：四川大学　　归口部门：省教育厅"), and the width of text in characters.
enum FactLines {
    private static let gap = "\u{3000}\u{3000}"

    /// The non-empty labelled values joined into as few lines as fit `width` characters of 3号 (26: the
    /// 28-character line less the two-character indent), a value never split between lines unless it is
    /// longer than a line. Each element of `groups` starts a new line.
    static func lines(_ groups: [[(label: String, value: String)]],
                      width: Int = OfficialFormat.charactersPerLine - 2) -> [String] {
        groups.flatMap { group in
            let items = group.map { ($0.label, XMLBuild.line($0.value)) }.filter { !$0.1.isEmpty }
                .map { "\($0.0)：\($0.1)" }
            var lines: [String] = []
            for item in items {
                if let last = lines.last, self.width(last + gap + item) <= Double(width) {
                    lines[lines.count - 1] = last + gap + item
                } else {
                    lines.append(item)
                }
            }
            return lines
        }
    }

    /// Width in characters of the type it is set in: CJK and full-width forms count one, the rest half.
    static func width(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 1 : 0.5) }
    }
}
