import OOXML

/// The WordprocessingML elements the walker tells apart, as codes of `XMLVocabulary`: the document and its
/// notes are parsed with `vocabulary`, so the walker's every "which element is this" and "find the `w:rPr`
/// child" compares small numbers instead of strings (a form's walk asks tens of thousands of times).
///
/// Raw values are the codes: `other` (1) is any WordprocessingML element not listed; 0, outside
/// WordprocessingML, has no case (`XMLArenaElement.word` is nil). A case's name is its local name.
enum WordName: UInt8, CaseIterable, Sendable {
    case other = 1
    // Block level
    case body, p, tbl, sdt, customXml, ins, moveTo, smartTag
    // Paragraph and run properties
    case pPr, rPr, del, framePr, numPr, numId, ilvl, pStyle, vanish, rFonts
    // Content controls
    case sdtContent, sdtPr, showingPlcHdr, sdtEndPr
    // Inline
    case r, moveFrom, rt, rubyPr, customXmlPr, smartTagPr, delText, delInstrText, instrText, fldData, subDoc, ruby,
         rubyBase, txbxContent
    // Run content
    case t, tab, ptab, br, cr, noBreakHyphen, sym, fldChar, footnoteReference, endnoteReference, footnoteRef, endnoteRef,
         softHyphen, lastRenderedPageBreak, commentReference, annotationRef, separator, continuationSeparator, pgNum
    // Tables
    case tr, tc, trPr, tcPr, gridBefore, gridAfter, cellDel, gridSpan, vMerge, hMerge

    /// The local name (the case's name; "" for `other`).
    var local: String { Self.locals[Int(rawValue) - 1] }

    /// Local names by raw value − 1, in case order (written out: `String(describing:)` of each case, reflection,
    /// cost 4.6 M instructions once per run; `DocxWordNameTests` checks the two agree).
    static let locals = [
        "",
        "body", "p", "tbl", "sdt", "customXml", "ins", "moveTo", "smartTag",
        "pPr", "rPr", "del", "framePr", "numPr", "numId", "ilvl", "pStyle", "vanish", "rFonts",
        "sdtContent", "sdtPr", "showingPlcHdr", "sdtEndPr",
        "r", "moveFrom", "rt", "rubyPr", "customXmlPr", "smartTagPr", "delText", "delInstrText", "instrText", "fldData", "subDoc", "ruby",
        "rubyBase", "txbxContent",
        "t", "tab", "ptab", "br", "cr", "noBreakHyphen", "sym", "fldChar", "footnoteReference", "endnoteReference", "footnoteRef", "endnoteRef",
        "softHyphen", "lastRenderedPageBreak", "commentReference", "annotationRef", "separator", "continuationSeparator", "pgNum",
        "tr", "tc", "trPr", "tcPr", "gridBefore", "gridAfter", "cellDel", "gridSpan", "vMerge", "hMerge",
    ]

    /// The vocabulary the document and notes parts are parsed with: every case after `other`, in order, in
    /// WordprocessingML's Transitional and Strict namespaces.
    static let vocabulary = XMLVocabulary(namespaces: [OOXMLNamespace.wordprocessingML, OOXMLNamespace.wordprocessingMLStrict],
                                          locals: Array(locals.dropFirst()))

    /// Cases by local name, for arenas parsed without the vocabulary (tests, other readers).
    static let byLocal: [String: WordName] = Dictionary(uniqueKeysWithValues: allCases.dropFirst().map { ($0.local, $0) })
}

extension XMLArenaElement {
    /// Which WordprocessingML element this is (`.other` for one the walker does not name), nil outside
    /// WordprocessingML. From the name's code when the arena was parsed with `WordName.vocabulary`.
    var word: WordName? {
        if arena.vocabulary === WordName.vocabulary { return WordName(rawValue: nameCode) }
        guard isWordNamespace(namespace) else { return nil }
        return WordName.byLocal[name] ?? .other
    }

    /// The first WordprocessingML child `name` (not `.other`).
    func wordChild(_ name: WordName) -> XMLArenaElement? {
        if arena.vocabulary === WordName.vocabulary { return firstChild(coded: name.rawValue) }
        for e in elements where e.word == name { return e }
        return nil
    }
}
