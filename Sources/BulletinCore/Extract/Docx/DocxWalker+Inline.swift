import OOXML

/// Paragraph content: runs and the wrappers around them, as Word shows the text.
extension DocxWalker {
    /// Appends the text of `element`'s inline children to `text`; text boxes found go to `floating`.
    mutating func inlineContent(of element: XMLArenaElement, into text: inout String, floating: inout [DocxBlock], hidden: Bool) {
        for e in element.elements {
            inline(e, into: &text, floating: &floating, hidden: hidden)
        }
    }

    private mutating func inline(_ e: XMLArenaElement, into text: inout String, floating: inout [DocxBlock], hidden: Bool) {
        guard let word = e.word else {
            if e.isAlternateContent {
                if let branch = DocxAlternateContent.branch(of: e) {
                    inlineContent(of: branch, into: &text, floating: &floating, hidden: hidden)
                }
            } else if OOXMLNamespace.mathAll.contains(e.namespace) && (e.name == "t" || e.name == "nary") {
                if e.name == "nary" {
                    // An n-ary operator is drawn from its m:chr (∑, ∏ …), ∫ when none is given.
                    let chr = e.child("naryPr", in: e.namespace)?.child("chr", in: e.namespace)?.attribute("val")
                    emit(chr ?? "∫", into: &text, hidden: hidden)
                    inlineContent(of: e, into: &text, floating: &floating, hidden: hidden)
                } else {
                    emit(e.textContent, into: &text, hidden: hidden)
                }
            } else {
                // Drawing and VML wrappers, math, extensions: look inside for text boxes and math text.
                inlineContent(of: e, into: &text, floating: &floating, hidden: hidden)
            }
            return
        }
        switch word {
        case .r:
            run(e, into: &text, floating: &floating, hidden: hidden)
        case .pPr, .rPr, .del, .moveFrom, .rt, .rubyPr, .sdtPr, .sdtEndPr, .customXmlPr, .smartTagPr,
             .delText, .delInstrText, .instrText, .fldData, .subDoc:
            return
        case .ruby:
            if let base = e.wordChild(.rubyBase) { inlineContent(of: base, into: &text, floating: &floating, hidden: hidden) }
        case .sdt:
            contentControl(e, into: &text, floating: &floating, hidden: hidden)
        case .txbxContent:
            floating.append(contentsOf: textBox(e))
        default:
            // hyperlink, smartTag, customXml, fldSimple (its runs are the result), dir, bdo, ins, moveTo …
            inlineContent(of: e, into: &text, floating: &floating, hidden: hidden)
        }
    }

    private mutating func contentControl(_ sdt: XMLArenaElement, into text: inout String, floating: inout [DocxBlock], hidden: Bool) {
        if let box = sdt.wordChild(.sdtPr)?.child("checkbox", in: OOXMLNamespace.word2010) {
            emit(Self.glyph(of: box), into: &text, hidden: hidden)
            return
        }
        withContentControl(sdt) { walker, content in
            walker.inlineContent(of: content, into: &text, floating: &floating, hidden: hidden)
        }
    }

    // MARK: - Runs

    private mutating func run(_ r: XMLArenaElement, into text: inout String, floating: inout [DocxBlock], hidden: Bool) {
        let properties = r.wordChild(.rPr)
        let hidden = hidden || (properties?.wordChild(.vanish)?.isOn ?? false)
        let fonts = properties?.wordChild(.rFonts).flatMap(DocxRunFonts.init)
        for e in r.elements {
            runContent(e, fonts: fonts, into: &text, floating: &floating, hidden: hidden)
        }
    }

    private mutating func runContent(_ e: XMLArenaElement, fonts: DocxRunFonts?, into text: inout String,
                                     floating: inout [DocxBlock], hidden: Bool) {
        guard let word = e.word else {
            if e.isAlternateContent {
                if let branch = DocxAlternateContent.branch(of: e) {
                    for c in branch.elements {
                        runContent(c, fonts: fonts, into: &text, floating: &floating, hidden: hidden)
                    }
                }
            } else {
                inline(e, into: &text, floating: &floating, hidden: hidden)
            }
            return
        }
        switch word {
        case .t:
            let raw = e.textContent
            emit(fonts.map { $0.map(raw) } ?? raw, into: &text, hidden: hidden)
        case .tab, .ptab:
            emit("\t", into: &text, hidden: hidden)
        case .br, .cr:
            emit("\n", into: &text, hidden: hidden)
        case .noBreakHyphen:
            emit("-", into: &text, hidden: hidden)
        case .sym:
            emit(Self.symbol(e), into: &text, hidden: hidden)
        case .fldChar:
            if let shown = fields.apply(e) { emit(shown, into: &text, hidden: hidden) }
        case .footnoteReference, .endnoteReference:
            let kind: DocxNoteMarks.Kind = word == .footnoteReference ? .footnote : .endnote
            let id = e.wordAttribute("id") ?? ""
            let isNew = !notes.referenced(kind).contains { $0.id == id }
            let mark = notes.reference(kind, id: id)
            if isNew && inlineNotes != nil { notesMet.append((kind, id, mark)) }
            if !(e.wordAttribute("customMarkFollows").map { ["1", "true", "on"].contains($0) } ?? false) {
                emit(mark, into: &text, hidden: hidden)
            }
        case .footnoteRef, .endnoteRef:
            emit(notes.current, into: &text, hidden: hidden)
        case .softHyphen, .rPr, .delText, .delInstrText, .instrText, .lastRenderedPageBreak,
             .commentReference, .annotationRef, .separator, .continuationSeparator, .pgNum, .fldData:
            return
        default:
            // drawing, pict, object: shapes that may hold text boxes.
            inline(e, into: &text, floating: &floating, hidden: hidden)
        }
    }

    /// Appends text Word shows: not hidden, not a field instruction, not a content control's placeholder.
    private func emit(_ s: String, into text: inout String, hidden: Bool) {
        guard !hidden, placeholderDepth == 0, fields.showsText else { return }
        text += s
    }

    // MARK: - Symbols and check boxes

    /// `w:sym w:font="Wingdings" w:char="F0FE"` → ☑.
    static func symbol(_ sym: XMLArenaElement) -> String {
        guard let hex = sym.wordAttribute("char"), let code = UInt32(hex, radix: 16) else { return "" }
        return DocxSymbolFonts.character(code, font: sym.wordAttribute("font") ?? "") ?? ""
    }

    /// The glyph a `w14:checkbox` content control shows: its checked or unchecked state's character.
    static func glyph(of checkbox: XMLArenaElement) -> String {
        let w14 = OOXMLNamespace.word2010
        let checked = checkbox.child("checked", in: w14).map { e -> Bool in
            guard let v = e.attribute("val", in: [w14]) else { return true }
            return !["0", "false", "off"].contains(v.lowercased())
        } ?? false
        let fallback = checked ? DocxCheckbox.checkedGlyph : DocxCheckbox.uncheckedGlyph
        guard let state = checkbox.child(checked ? "checkedState" : "uncheckedState", in: w14),
              let hex = state.attribute("val", in: [w14]), let code = UInt32(hex, radix: 16),
              let glyph = DocxSymbolFonts.character(code, font: state.attribute("font", in: [w14]) ?? ""),
              !glyph.isEmpty else { return fallback }
        return glyph
    }
}

/// A run's fonts (`w:rFonts`) when one of them is a symbol font, to show its text as Word draws it.
struct DocxRunFonts {
    /// Font for characters below U+0080.
    let ascii: String
    /// Font for U+0080–U+00FF.
    let highANSI: String

    init?(_ rFonts: XMLArenaElement) {
        let ascii = rFonts.wordAttribute("ascii") ?? ""
        let high = rFonts.wordAttribute("hAnsi") ?? ascii
        guard DocxSymbolFonts.isSymbolFont(ascii) || DocxSymbolFonts.isSymbolFont(high) else { return nil }
        self.ascii = ascii
        self.highANSI = high
    }

    /// `text` with each character the symbol font draws replaced by its Unicode look-alike.
    func map(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let font: String? = v < 0x80 ? ascii : v <= 0xFF ? highANSI : (0xF000...0xF0FF).contains(v) ? ascii : nil
            if let font, DocxSymbolFonts.isSymbolFont(font) {
                out += DocxSymbolFonts.character(v, font: font) ?? ""
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
