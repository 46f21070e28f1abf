import OOXML

/// Walks a WordprocessingML body into blocks holding the text Word shows: content controls, custom XML
/// and tracked insertions unwrapped; tracked deletions dropped; one branch of each `mc:AlternateContent`;
/// text boxes read once, after the paragraph that anchors them. Linear in the size of the tree.
struct DocxWalker {
    /// Open complex fields, which may run across runs and paragraphs.
    var fields = DocxFieldStack()
    /// Depth of content controls showing their placeholder (`w:showingPlcHdr`), whose text is not a value.
    var placeholderDepth = 0
    /// List numbering, counted as paragraphs are met.
    var numbering: DocxNumbering
    /// Foot- and endnotes in the order their references are met, with the mark each shows.
    var notes = DocxNoteMarks()
    /// For forms: the notes by kind and id, read right after the paragraph that first references them (so a
    /// note a form puts in a value's cell belongs to that value); nil to read them at the end (`text`).
    var inlineNotes: [DocxNoteMarks.Kind: [String: XMLArenaElement]]?
    /// Notes first referenced in the paragraph being read, waiting for its end (with `inlineNotes`).
    var notesMet: [(kind: DocxNoteMarks.Kind, id: String, mark: String)] = []

    init(numbering: DocxNumbering = DocxNumbering()) {
        self.numbering = numbering
    }

    /// The blocks of the document body, and the foot- and endnotes Word shows at the foot of pages and
    /// the end of the document (in the order they are referenced, each starting with its mark).
    ///
    /// With `notesInline` (for forms), each note is read right after the paragraph that first references it,
    /// in the same cell, and none is returned at the end.
    static func blocks(of parts: DocxPackage.Parts, notesInline: Bool = false) -> (body: [DocxBlock], notes: [DocxBlock]) {
        var walker = DocxWalker(numbering: parts.numbering)
        guard let body = parts.document.wordChild(.body) else { return ([], []) }
        var byKind: [DocxNoteMarks.Kind: [String: XMLArenaElement]] = [:]
        for (kind, root) in [(DocxNoteMarks.Kind.footnote, parts.footnotes), (.endnote, parts.endnotes)] {
            guard let root else { continue }
            var byID: [String: XMLArenaElement] = [:]
            for note in root.elements where note.isWord(kind.rawValue) {
                if let id = note.wordAttribute("id") { byID[id] = note }
            }
            byKind[kind] = byID
        }
        if notesInline { walker.inlineNotes = byKind }
        let blocks = walker.blocks(in: body)
        if notesInline { return (blocks, []) }
        var notes: [DocxBlock] = []
        for kind in [DocxNoteMarks.Kind.footnote, .endnote] {
            guard let byID = byKind[kind] else { continue }
            for (id, mark) in walker.notes.referenced(kind) {
                guard let note = byID[id] else { continue }
                walker.notes.current = mark
                notes += walker.blocks(in: note)
            }
        }
        return (blocks, notes)
    }

    // MARK: - Block level

    /// The blocks of a container: body, table cell, text box, block-level content control.
    mutating func blocks(in container: XMLArenaElement) -> [DocxBlock] {
        var out: [DocxBlock] = []
        var carried: String?
        appendBlocks(of: container, to: &out, carried: &carried)
        if let carried { out.append(.paragraph(carried)) }
        return out
    }

    /// `carried` holds the text of a paragraph whose mark was deleted (a tracked change joining it to the
    /// next paragraph), waiting for that paragraph.
    private mutating func appendBlocks(of container: XMLArenaElement, to out: inout [DocxBlock], carried: inout String?) {
        for e in container.elements {
            guard let word = e.word else {
                if e.isAlternateContent, let branch = DocxAlternateContent.branch(of: e) {
                    appendBlocks(of: branch, to: &out, carried: &carried)
                }
                continue
            }
            switch word {
            case .p:
                paragraph(e, to: &out, carried: &carried)
            case .tbl:
                if let text = carried { out.append(.paragraph(text)); carried = nil }
                out.append(.table(table(e)))
            case .sdt:
                withContentControl(e) { walker, content in walker.appendBlocks(of: content, to: &out, carried: &carried) }
            case .customXml, .ins, .moveTo, .smartTag:
                appendBlocks(of: e, to: &out, carried: &carried)
            default:
                continue  // sectPr, bookmarks, tracked deletions, altChunk …
            }
        }
    }

    private mutating func paragraph(_ p: XMLArenaElement, to out: inout [DocxBlock], carried: inout String?) {
        var text = carried ?? ""
        let properties = p.wordChild(.pPr)
        if let label = numbering.label(for: properties), carried == nil { text = label }
        carried = nil
        var floating: [DocxBlock] = []
        inlineContent(of: p, into: &text, floating: &floating, hidden: false)
        fields.endParagraph()
        let dropCap = properties?.wordChild(.framePr)?.wordAttribute("dropCap")
        if properties?.wordChild(.rPr)?.wordChild(.del) != nil || dropCap == "drop" || dropCap == "margin" {
            // A deleted paragraph mark joins the paragraph to the next; so does a drop cap's frame (Ｄ + rop cap).
            carried = text
        } else {
            out.append(.paragraph(text))
        }
        out.append(contentsOf: floating)
        if let inlineNotes, !notesMet.isEmpty {
            let met = notesMet
            notesMet = []
            let outer = fields.takeAll()
            for note in met {
                guard let element = inlineNotes[note.kind]?[note.id] else { continue }
                notes.current = note.mark
                out += blocks(in: element)
            }
            fields = outer
        }
    }

    /// Runs `body` over a content control's `w:sdtContent`, with its text hidden while it shows a placeholder.
    mutating func withContentControl(_ sdt: XMLArenaElement, _ body: (inout DocxWalker, XMLArenaElement) -> Void) {
        guard let content = sdt.wordChild(.sdtContent) else { return }
        let placeholder = sdt.wordChild(.sdtPr)?.wordChild(.showingPlcHdr)?.isOn ?? false
        if placeholder { placeholderDepth += 1 }
        body(&self, content)
        if placeholder { placeholderDepth -= 1 }
    }

    /// The blocks of a text box (`w:txbxContent`), read with a field stack of their own.
    mutating func textBox(_ content: XMLArenaElement) -> [DocxBlock] {
        let outer = fields.takeAll()
        defer { fields = outer }
        return blocks(in: content)
    }
}
