import OOXML

/// Turns the `Word…` model into `w:` elements, in the element order the schema requires.
enum WordXML {
    private typealias X = XMLBuild

    // MARK: - Blocks

    /// The element of a block.
    static func block(_ block: WordBlock) -> XMLElement {
        switch block {
        case .paragraph(let p): return paragraph(p)
        case .table(let t): return table(t)
        }
    }

    /// `w:p`.
    static func paragraph(_ p: WordParagraph) -> XMLElement {
        var properties: [XMLElement] = []
        if let style = p.style { properties.append(X.element("w:pStyle", ["w:val": style])) }
        if p.keepNext { properties.append(X.element("w:keepNext")) }
        if let rule = p.bottomRule {
            properties.append(X.element("w:pBdr", [:], [
                X.element("w:bottom", ["w:val": "single", "w:sz": String(rule.eighths), "w:space": "1",
                                       "w:color": rule.color]),
            ]))
        }
        if !p.tabs.isEmpty {
            properties.append(X.element("w:tabs", [:], p.tabs.map {
                X.element("w:tab", ["w:val": $0.kind, "w:pos": String($0.position)])
            }))
        }
        if p.spaceBefore != nil || p.spaceAfter != nil {
            var spacing = XMLBuild.element("w:spacing")
            if let before = p.spaceBefore { spacing.attributes.append(.init(name: "w:before", value: String(before))) }
            if let after = p.spaceAfter { spacing.attributes.append(.init(name: "w:after", value: String(after))) }
            properties.append(spacing)
        }
        if p.leftChars != nil || p.rightChars != nil || p.firstLineChars != nil || p.hangingChars != nil {
            var ind = XMLBuild.element("w:ind")
            // Characters of 3号 are 320 twips: the twips values are for readers that ignore the *Chars ones.
            if let left = p.leftChars {
                ind.attributes += [.init(name: "w:leftChars", value: String(left)),
                                   .init(name: "w:left", value: String(left * 16 / 5))]
            }
            if let right = p.rightChars {
                ind.attributes += [.init(name: "w:rightChars", value: String(right)),
                                   .init(name: "w:right", value: String(right * 16 / 5))]
            }
            if let first = p.firstLineChars {
                ind.attributes += [.init(name: "w:firstLineChars", value: String(first)),
                                   .init(name: "w:firstLine", value: String(first * 16 / 5))]
            }
            if let hanging = p.hangingChars {
                ind.attributes += [.init(name: "w:hangingChars", value: String(hanging)),
                                   .init(name: "w:hanging", value: String(hanging * 16 / 5))]
            }
            properties.append(ind)
        }
        if let alignment = p.alignment { properties.append(X.element("w:jc", ["w:val": alignment.rawValue])) }
        var children: [XMLElement] = []
        if !properties.isEmpty { children.append(X.element("w:pPr", [:], properties)) }
        for inline in p.inlines { children += runs(inline) }
        return X.element("w:p", [:], children)
    }

    /// `w:tbl`: fixed layout, single 0.5 pt borders, header row marked `w:tblHeader`, rows kept whole.
    static func table(_ t: WordTable) -> XMLElement {
        let border: KeyValuePairs<String, String> = ["w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"]
        let properties = X.element("w:tblPr", [:], [
            X.element("w:tblW", ["w:w": String(t.columns.reduce(0, +)), "w:type": "dxa"]),
            X.element("w:jc", ["w:val": "center"]),
            X.element("w:tblBorders", [:], ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"]
                .map { X.element($0, border) }),
            X.element("w:tblLayout", ["w:type": "fixed"]),
            X.element("w:tblCellMar", [:], [
                X.element("w:top", ["w:w": "28", "w:type": "dxa"]),
                X.element("w:left", ["w:w": "57", "w:type": "dxa"]),
                X.element("w:bottom", ["w:w": "28", "w:type": "dxa"]),
                X.element("w:right", ["w:w": "57", "w:type": "dxa"]),
            ]),
            X.element("w:tblLook", ["w:val": "04A0", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0",
                                    "w:lastColumn": "0", "w:noHBand": "1", "w:noVBand": "1"]),
        ])
        let grid = X.element("w:tblGrid", [:], t.columns.map { X.element("w:gridCol", ["w:w": String($0)]) })
        var children = [properties, grid, row(t.header, widths: t.columns, header: true)]
        children += t.rows.map { row($0, widths: t.columns, header: false) }
        return X.element("w:tbl", [:], children)
    }

    private static func row(_ cells: [WordCell], widths: [Int], header: Bool) -> XMLElement {
        var rowProperties = [X.element("w:cantSplit")]
        if header { rowProperties.append(X.element("w:tblHeader")) }
        var children = [X.element("w:trPr", [:], rowProperties)]
        for (i, cell) in cells.enumerated() {
            let width = i < widths.count ? widths[i] : 0
            let paragraphs = cell.paragraphs.isEmpty ? [WordParagraph()] : cell.paragraphs
            children.append(X.element("w:tc", [:], [
                X.element("w:tcPr", [:], [
                    X.element("w:tcW", ["w:w": String(width), "w:type": "dxa"]),
                    X.element("w:vAlign", ["w:val": "center"]),
                ]),
            ] + paragraphs.map(paragraph)))
        }
        return X.element("w:tr", [:], children)
    }

    // MARK: - Runs

    /// The `w:r` elements of an inline (a PAGE field takes five).
    static func runs(_ inline: WordInline) -> [XMLElement] {
        switch inline {
        case .text(let text, let format):
            let clean = String(XMLBuild.legal(text).map { $0.isNewline || $0 == "\t" ? " " : $0 })
            let t = clean.first == " " || clean.last == " "
                ? X.text("w:t", ["xml:space": "preserve"], clean) : X.text("w:t", [:], clean)
            return [run(format, t)]
        case .tab:
            return [X.element("w:r", [:], [X.element("w:tab")])]
        case .lineBreak:
            return [X.element("w:r", [:], [X.element("w:br")])]
        case .pageNumber(let format):
            return [
                run(format, X.element("w:fldChar", ["w:fldCharType": "begin"])),
                run(format, X.text("w:instrText", ["xml:space": "preserve"], " PAGE ")),
                run(format, X.element("w:fldChar", ["w:fldCharType": "separate"])),
                run(format, X.text("w:t", [:], "1")),
                run(format, X.element("w:fldChar", ["w:fldCharType": "end"])),
            ]
        }
    }

    private static func run(_ format: WordRunFormat, _ content: XMLElement) -> XMLElement {
        let properties = runProperties(format)
        return X.element("w:r", [:], properties.isEmpty ? [content] : [X.element("w:rPr", [:], properties), content])
    }

    /// The children of `w:rPr` for a format, in schema order.
    static func runProperties(_ f: WordRunFormat) -> [XMLElement] {
        var out: [XMLElement] = []
        if let font = f.font { out.append(fonts(font)) }
        if f.bold { out += [X.element("w:b"), X.element("w:bCs")] }
        if let color = f.color { out.append(X.element("w:color", ["w:val": color])) }
        if let spacing = f.spacing { out.append(X.element("w:spacing", ["w:val": String(spacing)])) }
        if f.boxed {
            out.append(X.element("w:bdr", ["w:val": "single", "w:sz": "8", "w:space": "1",
                                           "w:color": f.color ?? "000000"]))
        }
        return out
    }

    /// `w:rFonts` naming one font for every script, so Chinese text takes it too.
    static func fonts(_ font: String) -> XMLElement {
        X.element("w:rFonts", ["w:ascii": font, "w:hAnsi": font, "w:eastAsia": font, "w:cs": font])
    }

    // MARK: - Section

    /// `w:sectPr`: footers (odd and even), page size, margins and the document grid.
    static func section(_ page: WordPageSetup) -> XMLElement {
        var size = X.element("w:pgSz", ["w:w": String(page.width), "w:h": String(page.height)])
        if page.landscape { size.attributes.append(.init(name: "w:orient", value: "landscape")) }
        let grid = X.element("w:docGrid", ["w:type": "lines", "w:linePitch": String(page.grid.linePitch)])
        return X.element("w:sectPr", [:], [
            X.element("w:footerReference", ["w:type": "default", "r:id": WordPackage.oddFooterID]),
            X.element("w:footerReference", ["w:type": "even", "r:id": WordPackage.evenFooterID]),
            size,
            X.element("w:pgMar", ["w:top": String(page.top), "w:right": String(page.right),
                                  "w:bottom": String(page.bottom), "w:left": String(page.left),
                                  "w:header": String(page.header), "w:footer": String(page.footer),
                                  "w:gutter": "0"]),
            X.element("w:cols", ["w:space": "425"]),
            grid,
        ])
    }
}
