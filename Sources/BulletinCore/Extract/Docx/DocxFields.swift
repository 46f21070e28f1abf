import OOXML

/// One open complex field (`w:fldChar` begin … separate … end): whether its result is being read, and
/// what a legacy form field shows in place of a result.
struct DocxField: Sendable {
    /// After `separate`: runs are the field's result, which Word shows.
    var inResult = false
    /// What Word draws for a legacy form field (FORMCHECKBOX ☒/☐, FORMDROPDOWN's chosen entry), shown at `end`.
    var display: String?

    /// A field opened by `fldChar`, reading its `w:ffData` (legacy form field data) if any.
    init(begin fldChar: XMLArenaElement) {
        guard let data = fldChar.wordChild("ffData") else { return }
        if let box = data.wordChild("checkBox") {
            // w:checked overrides w:default; <w:checked/> alone means checked.
            let checked = box.wordChild("checked")?.isOn ?? box.wordChild("default")?.isOn ?? false
            display = checked ? DocxCheckbox.checkedGlyph : DocxCheckbox.uncheckedGlyph
        } else if let list = data.wordChild("ddList") {
            var entries: [String] = []
            for e in list.elements where e.isWord("listEntry") {
                entries.append(e.wordAttribute("val") ?? "")
            }
            let index = list.wordChild("result")?.wordIntValue ?? list.wordChild("default")?.wordIntValue ?? 0
            display = entries.indices.contains(index) ? entries[index] : ""
        }
    }
}

/// The stack of open complex fields. Text is shown only when every open field is in its result:
/// instructions (`MERGEFIELD 姓名`, ` FORMCHECKBOX `) are never shown, nested fields included.
struct DocxFieldStack: Sendable {
    private var open: [DocxField] = []

    /// Whether text at this point is shown.
    var showsText: Bool { open.allSatisfy(\.inResult) }

    /// Applies a `w:fldChar`; returns what to show for a form field that ends here.
    mutating func apply(_ fldChar: XMLArenaElement) -> String? {
        switch fldChar.wordAttribute("fldCharType") {
        case "begin":
            open.append(DocxField(begin: fldChar))
        case "separate":
            if !open.isEmpty { open[open.count - 1].inResult = true }
        case "end":
            guard let field = open.popLast() else { return nil }
            return showsText ? field.display : nil
        default:
            break
        }
        return nil
    }

    /// At a paragraph's end: fields still in their instruction are broken (Word keeps instructions within
    /// one paragraph), so they are dropped rather than hiding the rest of the document.
    mutating func endParagraph() {
        while let last = open.last, !last.inResult { open.removeLast() }
    }

    /// Sets the stack aside (to read a text box, whose paragraphs have fields of their own).
    mutating func takeAll() -> DocxFieldStack {
        defer { open = [] }
        return self
    }
}
