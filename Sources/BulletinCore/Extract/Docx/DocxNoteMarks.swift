/// Foot- and endnote references in the order they are met, and the marks Word shows for them:
/// footnotes 1, 2, 3 …; endnotes i, ii, iii … (Word's default formats).
struct DocxNoteMarks: Sendable {
    enum Kind: String, Sendable {
        case footnote, endnote
    }

    private var order: [Kind: [(id: String, mark: String)]] = [:]
    private var marks: [Kind: [String: String]] = [:]
    /// The mark of the note being read (shown where the note has `w:footnoteRef`).
    var current = ""

    /// The mark for a reference to note `id`, numbering it if it is new.
    mutating func reference(_ kind: Kind, id: String) -> String {
        if let known = marks[kind]?[id] { return known }
        let n = (order[kind]?.count ?? 0) + 1
        let mark = kind == .footnote ? String(n) : DocxNumberFormat.roman(n).lowercased()
        order[kind, default: []].append((id, mark))
        marks[kind, default: [:]][id] = mark
        return mark
    }

    /// The notes of a kind referenced so far, in order.
    func referenced(_ kind: Kind) -> [(id: String, mark: String)] { order[kind] ?? [] }
}
