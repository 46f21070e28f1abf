import OOXML

/// Lays one `ReviewSheet` out as its two worksheets: the review worksheet people fill in, and the hidden
/// identity worksheet the reader recognises the workbook by.
struct ReviewSheetLayout {
    private typealias X = XMLBuild
    typealias Style = ReviewWorkbookStyles.Style

    /// The title row.
    static let titleRow = 1
    /// The header row; cases start on the row below.
    static let headerRow = 2

    let sheet: ReviewSheet
    let headers: [String]
    /// Whether the 拒收原因 column is shown (computed once: the sheet's property walks every row).
    let hasRefusal: Bool
    /// The review worksheet's tab name: `<stage>-<group>`, made legal (≤ 31 characters, none of []:*?/\).
    let sheetName: String
    /// The identity worksheet's rows (keys in column A, values from column B).
    let identityRows: [[IdentityCell]]
    /// Row numbers in the identity worksheet of each word list, by key.
    let listRows: [String: Int]
    /// Per column of `headers`: its letters, the width its wrapped text is measured against (the column width
    /// less one unit of padding, at least 1) and whether it is the 拒收原因 column. Worked out once per sheet,
    /// not per cell: a big month's sheet has tens of thousands of cells.
    let columnLetters: [String]
    let measureWidths: [Double]
    let isRefusalColumn: [Bool]

    init(_ sheet: ReviewSheet) {
        self.sheet = sheet
        headers = ReviewColumns.headers(of: sheet)
        hasRefusal = sheet.hasRefusalColumn
        columnLetters = headers.indices.map(Self.column)
        measureWidths = headers.map(Self.measureWidth)
        isRefusalColumn = headers.map { $0 == ReviewColumns.refusal }
        sheetName = Self.legalSheetName([sheet.stage, sheet.group].filter { !$0.isEmpty }.joined(separator: "-"))
        var rows: [[IdentityCell]] = []
        var listRows: [String: Int] = [:]
        func add(_ key: String, _ values: [IdentityCell]) { rows.append([.text(key)] + values) }
        func list(_ key: String, _ words: [String]) {
            add(key, words.map(IdentityCell.text))
            listRows[key] = rows.count
        }
        rows.append([.text(ReviewColumns.identityMarker), .number(ReviewColumns.formatVersion)])
        add(ReviewIdentityKey.note, [.text("本工作表由系统生成，用于识别审核表。请勿修改或删除；审核意见请填在第一个工作表。")])
        add(ReviewIdentityKey.sheetId, [.text(sheet.sheetId)])
        add(ReviewIdentityKey.stage, [.text(sheet.stage)])
        add(ReviewIdentityKey.group, [.text(sheet.group)])
        add(ReviewIdentityKey.period, [.text(sheet.period)])
        add(ReviewIdentityKey.deadline, [.text(sheet.deadline)])
        add(ReviewIdentityKey.hasOrder, [.number(sheet.hasOrderColumn ? 1 : 0)])
        add(ReviewIdentityKey.sheetName, [.text(sheetName)])
        list(ReviewIdentityKey.decisionWords, sheet.vocabulary.decisionWords)
        list(ReviewIdentityKey.categories, sheet.vocabulary.categories)
        list(ReviewIdentityKey.levels, sheet.vocabulary.levels)
        list(ReviewIdentityKey.industries, sheet.vocabulary.industries)
        add(ReviewIdentityKey.rowsHeader, [.text("案例编号"), .text("版本"), .text("行")])
        for (i, row) in sheet.rows.enumerated() where !row.caseId.isEmpty && !row.caseVersion.isEmpty {
            add(ReviewIdentityKey.row, [.text(row.caseId), .text(row.caseVersion), .number(Self.headerRow + 1 + i)])
        }
        identityRows = rows
        self.listRows = listRows
    }

    /// The last row holding a case (the header row when there is none).
    var lastRow: Int { Self.headerRow + sheet.rows.count }
    /// The range the auto filter covers: the header row and the cases.
    var filterRange: String { "$A$\(Self.headerRow):$\(Self.column(headers.count - 1))$\(lastRow)" }

    // MARK: - The review worksheet

    /// The review worksheet as a tree; with `caseRows` false, `sheetData` holds only the title and header rows
    /// and `writeCaseRows` writes the rest where `sheetData` ends (`ReviewSheetWriter.parts`).
    func mainWorksheet(caseRows: Bool = true) -> XMLElement {
        let lastColumn = Self.column(headers.count - 1)
        var rows: [XMLElement] = [titleRowElement(lastColumn: lastColumn), headerRowElement()]
        if caseRows { for (i, row) in sheet.rows.enumerated() { rows.append(caseRow(row, number: Self.headerRow + 1 + i)) } }
        var children: [XMLElement] = [
            X.element("sheetPr", [:], [X.element("tabColor", ["rgb": "FFFFC000"]), X.element("pageSetUpPr", ["fitToPage": "1"])]),
            X.element("dimension", ["ref": "A1:\(lastColumn)\(lastRow)"]),
            X.element("sheetViews", [:], [X.element("sheetView", ["tabSelected": "1", "workbookViewId": "0"], [
                X.element("pane", ["xSplit": "2", "ySplit": String(Self.headerRow), "topLeftCell": "C\(Self.headerRow + 1)",
                                   "activePane": "bottomRight", "state": "frozen"]),
                X.element("selection", ["pane": "topRight"]),
                X.element("selection", ["pane": "bottomLeft"]),
                X.element("selection", ["pane": "bottomRight", "activeCell": reviewerStartCell, "sqref": reviewerStartCell]),
            ])]),
            X.element("sheetFormatPr", ["defaultRowHeight": "13.5"]),
            X.element("cols", [:], headers.enumerated().map { i, h in
                X.element("col", ["min": String(i + 1), "max": String(i + 1), "width": Self.width(h), "customWidth": "1"])
            }),
            X.element("sheetData", [:], rows),
            X.element("autoFilter", ["ref": "A\(Self.headerRow):\(lastColumn)\(lastRow)"]),
            X.element("mergeCells", ["count": "1"], [X.element("mergeCell", ["ref": "A\(Self.titleRow):\(lastColumn)\(Self.titleRow)"])]),
        ]
        let validations = dataValidations()
        if !validations.isEmpty {
            children.append(X.element("dataValidations", ["count": String(validations.count)], validations))
        }
        children += [
            X.element("printOptions", ["horizontalCentered": "1"]),
            X.element("pageMargins", ["left": "0.4", "right": "0.4", "top": "0.55", "bottom": "0.55", "header": "0.3", "footer": "0.3"]),
            X.element("pageSetup", ["paperSize": "9", "orientation": "landscape", "fitToWidth": "1", "fitToHeight": "0"]),
            X.element("headerFooter", [:], [X.text("oddFooter", [:], "&C第 &P 页，共 &N 页")]),
        ]
        return X.element("worksheet", ["xmlns": ReviewWorkbookParts.spreadsheetNamespace,
                                       "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"], children)
    }

    private var reviewerStartCell: String { "\(Self.column(ReviewColumns.machine.count))\(Self.headerRow + 1)" }

    /// "2026年11月 重大科技成果初选审核表 · 基础处 · 截止 2026-11-30 · 请在黄色列填写 初选意见（通过／不通过／退回修改）".
    var title: String {
        let parts = sheet.period.split(separator: "-")
        let month = parts.count == 2 ? "\(parts[0])年\(Int(parts[1]) ?? 0)月" : sheet.period
        var pieces = ["\(month) 重大科技成果\(sheet.stage)审核表"]
        if !sheet.group.isEmpty { pieces.append(sheet.group) }
        pieces.append("截止 \(sheet.deadline)")
        pieces.append("请在黄色列填写\(sheet.decisionHeader)（\(sheet.vocabulary.decisionWords.joined(separator: "／"))）")
        let text = pieces.joined(separator: " · ")
        return hasRefusal ? "【退回更正】" + text + " · 请按拒收原因更正后重新提交" : text
    }

    private func titleRowElement(lastColumn: String) -> XMLElement {
        X.element("row", ["r": String(Self.titleRow), "ht": "27", "customHeight": "1"], [
            Self.cell("A\(Self.titleRow)", .text(title), .title),
        ])
    }

    private func headerRowElement() -> XMLElement {
        let machineCount = ReviewColumns.machine.count
        let cells = headers.enumerated().map { i, h -> XMLElement in
            let style: Style = h == ReviewColumns.refusal ? .refusalHeader : (i < machineCount ? .machineHeader : .reviewerHeader)
            return Self.cell("\(Self.column(i))\(Self.headerRow)", .text(h), style)
        }
        return X.element("row", ["r": String(Self.headerRow), "ht": "30", "customHeight": "1"], cells)
    }

    private func caseRow(_ row: ReviewRow, number: Int) -> XMLElement {
        let values = cellValues(row)
        // One pass over the row's cells, each with its column's letters, style and measured width worked out
        // once per sheet: the cells and the height are those the row always had.
        let rowNumber = String(number)
        var cells: [XMLNode] = []
        cells.reserveCapacity(values.count)
        var lines = 1
        for (i, (value, reviewer)) in values.enumerated() {
            let ref = columnLetters[i] + rowNumber
            switch value {
            case .number:
                cells.append(.element(Self.cell(ref, value, isRefusalColumn[i] ? .refusalText : (reviewer ? .reviewerNumber : .machineNumber))))
            case .text(let t):
                let style: Style
                if isRefusalColumn[i] {
                    style = .refusalText
                } else {
                    let quoted = Self.looksLikeFormula(t)
                    style = reviewer ? (quoted ? .reviewerTextQuoted : .reviewerText) : (quoted ? .machineTextQuoted : .machineText)
                }
                cells.append(.element(Self.cell(ref, value, style)))
                if !t.isEmpty { lines = max(lines, Self.lineCount(t, width: measureWidths[i])) }
            }
        }
        // The element X.element would make, without copying the cells into a second array.
        return XMLElement(name: "row", attributes: [XMLAttribute(name: "r", value: rowNumber), XMLAttribute(name: "ht", value: Self.height(lines: lines))],
                          children: cells)
    }

    /// A case row's cells, in the columns' order, each with whether it is a reviewer's.
    private func cellValues(_ row: ReviewRow) -> [(CellValue, Bool)] {
        let score: CellValue = row.score.map(CellValue.number) ?? .text("")
        let order: CellValue = ReviewText.wholeNumber(row.entry.order).map { .number(Double($0)) } ?? .text(row.entry.order)
        var values: [(CellValue, Bool)] = [
            (.text(row.caseId), false), (.text(row.title), false), (.text(row.submitter), false),
            (.text(row.supervisor), false), (.text(row.source), false),
            (.text(row.category.value), false), (.text(row.category.reason), false),
            (.text(row.subtype.value), false), (.text(row.subtype.reason), false),
            (.text(row.level.value), false), (.text(row.level.reason), false),
            (.text(row.industry.value), false), (.text(row.industry.reason), false),
            (score, false), (.text(row.scoreReason), false), (.text(row.possibleDuplicates), false),
            (.text(row.entry.decision), true), (.text(row.entry.category), true), (.text(row.entry.level), true),
            (.text(row.entry.industry), true),
        ]
        if sheet.hasOrderColumn { values.append((order, true)) }
        values += [(.text(row.entry.note), true), (.text(row.entry.reviewer), true)]
        if hasRefusal { values.append((.text(row.refusal ?? ""), false)) }
        return values
    }

    /// The case rows as `caseRow` makes them, written straight to the stream in the bytes `XMLWriter` makes for
    /// their elements, none built: a big month's sheet has tens of thousands of cells, and building, walking and
    /// freeing their elements was a third of writing the sheet. They are serialised in an `XMLFragment` as runs of
    /// markup (no call into libxml2 per name, attribute and text: those calls were four fifths of writing the rows;
    /// then no fragment call per name and attribute, ~2,500 instructions a cell) and handed to the stream a few
    /// hundred kilobytes at a time.
    func writeCaseRows(_ out: XMLWriter.Stream) {
        var f = XMLFragment()
        f.reserveCapacity(Self.flushBytes + 64 * 1024)
        for (n, row) in sheet.rows.enumerated() {
            let values = cellValues(row)
            let rowNumber = String(Self.headerRow + 1 + n)
            var lines = 1
            for (i, (value, _)) in values.enumerated() {
                if case .text(let t) = value, !t.isEmpty { lines = max(lines, Self.lineCount(t, width: measureWidths[i])) }
            }
            // The row and its cells spelled as runs of markup (what start, attribute and end write for them: the
            // row has cells, a cell's reference, height and style need no escaping; `markupCell` writes the rest).
            f.markup("<row r=\"")
            f.markup(rowNumber)
            f.markup("\" ht=\"")
            f.markup(lines < Self.heights.count ? Self.heights[lines] : Self.height(lines: lines))
            f.markup("\">")
            for (i, (value, reviewer)) in values.enumerated() {
                let style: Style
                switch value {
                case .number:
                    style = isRefusalColumn[i] ? .refusalText : (reviewer ? .reviewerNumber : .machineNumber)
                case .text(let t):
                    if isRefusalColumn[i] {
                        style = .refusalText
                    } else {
                        let quoted = Self.looksLikeFormula(t)
                        style = reviewer ? (quoted ? .reviewerTextQuoted : .reviewerText) : (quoted ? .machineTextQuoted : .machineText)
                    }
                }
                Self.markupCell(column: columnLetters[i], row: rowNumber, style: style, value, to: &f)
            }
            f.markup("</row>")
            if f.bytes.count >= Self.flushBytes { out.write(&f) }
        }
        out.write(&f)
    }

    /// One streamed cell as markup: `<c r="B7" s="5"` then the value as `cell` holds it (`><v>12</v></c>`, an
    /// inline string `t="inlineStr"><is><t>…</t></is></c>` with `xml:space="preserve"` when padded, legal XML
    /// characters only), or `/>` for blank text.
    static func markupCell(column: String, row: String, style: Style, _ value: CellValue, to f: inout XMLFragment) {
        f.markup("<c r=\"")
        f.markup(column)
        f.markup(row)
        f.markup("\"")
        if style != .plain {
            f.markup(" s=\"")
            f.markup(style.rawValue < styleNumbers.count ? styleNumbers[style.rawValue] : String(style.rawValue))
            f.markup("\"")
        }
        switch value {
        case .number(let d):
            f.markup("><v>")
            f.escapedText(number(d))
            f.markup("</v></c>")
        case .text(let t):
            let text = isLegalXML(t) ? t : X.legal(t)
            guard !text.isEmpty else { f.markup("/>"); return }
            f.markup(padded(text) ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>")
            f.escapedText(text)
            f.markup("</t></is></c>")
        }
    }

    /// How many bytes of rows a fragment gathers before they go to the stream.
    static let flushBytes = 256 * 1024

    /// Style numbers as an `s` attribute spells them, by raw value (the styles are fewer).
    static let styleNumbers: [String] = (0..<64).map { String($0) }

    /// A row's height in points, from the wrapped lines of its tallest cell: spreadsheet programs do not
    /// measure wrapped text when they open a file (LibreOffice and Excel both keep the default height), so a
    /// row without a height would print one line of each cell. Counts a CJK or full-width character as two
    /// width units and any other as one, against the column width less one unit of padding.
    static func rowHeight(_ cells: [(text: String, header: String)]) -> String {
        var lines = 1
        for (text, header) in cells where !text.isEmpty {
            lines = max(lines, lineCount(text, width: measureWidth(header)))
        }
        return height(lines: lines)
    }

    /// The width a column's wrapped text is measured against: its width less one unit of padding, at least 1.
    static func measureWidth(_ header: String) -> Double { max((Double(width(header)) ?? 10) - 1, 1) }

    /// The height in points of a row whose tallest cell wraps to `lines` lines.
    static func height(lines: Int) -> String { number(min(Double(lines) * lineHeight + 3, 409)) }

    /// The lines `text` wraps to in a column measured `width` units wide: each paragraph at least one. One pass
    /// over the scalars, summing each paragraph's units in order (the sums, so the counts, are those of
    /// splitting the text into paragraphs first). A paragraph ends at a line feed that is a character of its
    /// own, as `split(separator: "\n")` splits: not the line feed of a "\r\n" pair, which is one character.
    static func lineCount(_ text: String, width: Double) -> Int {
        if let count = text.utf8.withContiguousStorageIfAvailable({ lineCount(utf8: $0, width: width) }) { return count }
        var count = 0
        var units = 0.0
        var afterCR = false
        for u in text.unicodeScalars {
            if u == "\n" && !afterCR {
                count += max(1, Int((units / width).rounded(.up)))
                units = 0
            } else {
                units += isWide(u) ? 2 : 1.05
            }
            afterCR = u == "\r"
        }
        return count + max(1, Int((units / width).rounded(.up)))
    }

    /// `lineCount` of the text whose (valid) UTF-8 is `bytes`, decoding its scalars from the bytes (the scalar
    /// view's walk was most of the count): the same scalars in the same order, so the same sums.
    static func lineCount(utf8 bytes: UnsafeBufferPointer<UInt8>, width: Double) -> Int {
        var count = 0
        var units = 0.0
        var afterCR = false
        guard let base = bytes.baseAddress else { return 1 }
        var i = 0
        let n = bytes.count
        while i < n {
            let v = ValidUTF8.scalar(base, &i)
            if v == 0x0A && !afterCR {
                count += max(1, Int((units / width).rounded(.up)))
                units = 0
            } else {
                units += isWide(value: v) ? 2 : 1.05
            }
            afterCR = v == 0x0D
        }
        return count + max(1, Int((units / width).rounded(.up)))
    }

    /// `height(lines:)` of 0 to 31 lines, spelled once (a number with a fraction is printed by the shortest
    /// round-trip algorithm, for every row).
    static let heights: [String] = (0..<32).map { height(lines: $0) }

    /// The height of one line of 10-point text, in points.
    static let lineHeight = 13.5

    /// Whether a character takes two width units: CJK ideographs and punctuation, kana, hangul, full-width forms.
    static func isWide(_ u: Unicode.Scalar) -> Bool { isWide(value: u.value) }

    /// `isWide` of the scalar whose value is `v`.
    static func isWide(value v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Drop-downs on the reviewers' word columns and a whole-number check on 排序.
    private func dataValidations() -> [XMLElement] {
        guard !sheet.rows.isEmpty else { return [] }
        func range(_ header: String) -> String? {
            headers.firstIndex(of: header).map { "\(Self.column($0))\(Self.headerRow + 1):\(Self.column($0))\(lastRow)" }
        }
        var out: [XMLElement] = []
        let lists: [(String, String, [String])] = [
            (sheet.decisionHeader, ReviewIdentityKey.decisionWords, sheet.vocabulary.decisionWords),
            (ReviewColumns.adjustCategory, ReviewIdentityKey.categories, sheet.vocabulary.categories),
            (ReviewColumns.adjustLevel, ReviewIdentityKey.levels, sheet.vocabulary.levels),
            (ReviewColumns.adjustIndustry, ReviewIdentityKey.industries, sheet.vocabulary.industries),
        ]
        for (header, key, words) in lists where !words.isEmpty {
            guard let sqref = range(header) else { continue }
            out.append(X.element("dataValidation", [
                "type": "list", "allowBlank": "1", "showInputMessage": "1", "showErrorMessage": "1",
                "errorTitle": Self.clip(header, 32), "error": Self.clip("请从下拉列表中选择：\(words.joined(separator: "、"))", 225),
                "promptTitle": Self.clip(header, 32), "prompt": Self.clip("可选：\(words.joined(separator: "、"))", 255), "sqref": sqref,
            ], [X.text("formula1", [:], listFormula(words, key: key))]))
        }
        if sheet.hasOrderColumn, let sqref = range(ReviewColumns.order) {
            out.append(X.element("dataValidation", [
                "type": "whole", "operator": "between", "allowBlank": "1", "showInputMessage": "1", "showErrorMessage": "1",
                "errorTitle": ReviewColumns.order, "error": "排序请填正整数：1 排第一", "promptTitle": ReviewColumns.order,
                "prompt": "在通报中的顺序：1 排第一", "sqref": sqref,
            ], [X.text("formula1", [:], "1"), X.text("formula2", [:], "9999")]))
        }
        return out
    }

    /// `text` cut to Excel's limit for a validation's title or message (Excel refuses a longer one).
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Whether `words` fit in a list validation's formula: Excel's limit is 255 characters, and a word with a
    /// comma or quote cannot be written there.
    static func fitsInline(_ words: [String]) -> Bool {
        words.joined(separator: ",").count <= 250 && !words.contains { $0.contains(",") || $0.contains("\"") }
    }

    /// A list written into the formula (`"通过,不通过"`) when it fits; else the defined name of the words' row in
    /// the identity worksheet (a name, not a reference to another sheet, which Excel 2007 refuses).
    private func listFormula(_ words: [String], key: String) -> String {
        Self.fitsInline(words) ? "\"\(words.joined(separator: ","))\"" : Self.listName(key)
    }

    /// The defined name of a word list kept in the identity worksheet.
    static func listName(_ key: String) -> String { "bulletin_" + key }

    /// Defined names (name, reference) for the word lists too long to write inline.
    var listNames: [(name: String, reference: String)] {
        let lists = [(ReviewIdentityKey.decisionWords, sheet.vocabulary.decisionWords), (ReviewIdentityKey.categories, sheet.vocabulary.categories),
                     (ReviewIdentityKey.levels, sheet.vocabulary.levels), (ReviewIdentityKey.industries, sheet.vocabulary.industries)]
        return lists.compactMap { key, words in
            guard !words.isEmpty, !Self.fitsInline(words), let row = listRows[key] else { return nil }
            return (Self.listName(key), "'\(ReviewColumns.identitySheetName)'!$B$\(row):$\(Self.column(words.count))$\(row)")
        }
    }

    // MARK: - The identity worksheet

    /// The identity worksheet as a tree; with `rows` false, `sheetData` is empty and `writeIdentityRows` writes
    /// its rows where it ends (`ReviewSheetWriter.parts`).
    func identityWorksheet(rows withRows: Bool = true) -> XMLElement {
        let rows = !withRows ? [] : identityRows.enumerated().map { r, values in
            X.element("row", ["r": String(r + 1)], values.enumerated().map { c, v in
                let ref = "\(Self.column(c))\(r + 1)"
                switch v {
                case .text(let t): return Self.cell(ref, .text(t), .identityText)
                case .number(let n): return Self.cell(ref, .number(Double(n)), .identityText)
                }
            })
        }
        return X.element("worksheet", ["xmlns": ReviewWorkbookParts.spreadsheetNamespace], [
            X.element("sheetViews", [:], [X.element("sheetView", ["workbookViewId": "0"])]),
            X.element("cols", [:], [
                X.element("col", ["min": "1", "max": "1", "width": "16", "customWidth": "1"]),
                X.element("col", ["min": "2", "max": "3", "width": "24", "customWidth": "1"]),
            ]),
            X.element("sheetData", [:], rows),
        ])
    }

    /// The identity worksheet's rows as `identityWorksheet` makes them, written straight to the stream in the
    /// bytes `XMLWriter` makes for their elements (a row per case: building, walking and freeing their elements
    /// was a tenth of writing a big sheet's parts), serialised in an `XMLFragment` as the case rows are.
    func writeIdentityRows(_ out: XMLWriter.Stream) {
        var f = XMLFragment()
        for (r, values) in identityRows.enumerated() {
            let number = String(r + 1)
            // Every identity row has its key cell, so the row has content (`markupCell` as for the case rows).
            f.markup("<row r=\"")
            f.markup(number)
            f.markup("\">")
            for (c, value) in values.enumerated() {
                // What `cell(ref, value, .identityText)` holds.
                switch value {
                case .number(let n): Self.markupCell(column: Self.column(c), row: number, style: .identityText, .number(Double(n)), to: &f)
                case .text(let t): Self.markupCell(column: Self.column(c), row: number, style: .identityText, .text(t), to: &f)
                }
            }
            f.markup("</row>")
            if f.bytes.count >= Self.flushBytes { out.write(&f) }
        }
        out.write(&f)
    }

    // MARK: - Cells

    enum CellValue {
        case text(String)
        case number(Double)
    }

    enum IdentityCell {
        case text(String)
        case number(Int)
    }

    /// Whether every scalar of `text` is one XML allows (`XMLBuild.legal` keeps it as it is), read from the UTF-8:
    /// the scalars it drops are the controls below U+0020 other than tab, line feed and carriage return (one byte
    /// each) and U+FFFE and U+FFFF (EF BF BE, EF BF BF); surrogates are not in a String.
    static func isLegalXML(_ text: String) -> Bool {
        guard let legal = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x20 {
                    guard b == 0x09 || b == 0x0A || b == 0x0D else { return false }
                } else if b == 0xEF, i &+ 2 < n, bytes[i &+ 1] == 0xBF, bytes[i &+ 2] >= 0xBE {
                    return false
                }
                i &+= 1
            }
            return true
        }) else { return text.unicodeScalars.allSatisfy(X.isLegal) }
        return legal
    }

    /// One cell. Text is an inline string (never a formula: `=SUM(A1)` stays those eight characters); blank
    /// text gives a styled empty cell, so reviewers' blanks still show their fill and borders.
    static func cell(_ ref: String, _ value: CellValue, _ style: Style) -> XMLElement {
        var attributes = [XMLAttribute(name: "r", value: ref)]
        if style != .plain { attributes.append(XMLAttribute(name: "s", value: String(style.rawValue))) }
        switch value {
        case .number(let d):
            return XMLElement(name: "c", attributes: attributes, children: [.element(X.text("v", [:], number(d)))])
        case .text(let t):
            let text = X.legal(t)
            if text.isEmpty { return XMLElement(name: "c", attributes: attributes) }
            attributes.append(XMLAttribute(name: "t", value: "inlineStr"))
            let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true
            // The elements X.text and X.element make, built directly (a big month's sheet has tens of thousands of cells).
            let t = XMLElement(name: "t", attributes: preserve ? [XMLAttribute(name: "xml:space", value: "preserve")] : [], children: [.text(text)])
            return XMLElement(name: "c", attributes: attributes, children: [.element(XMLElement(name: "is", children: [.element(t)]))])
        }
    }

    /// Whether a cell's text starts or ends with whitespace (then it keeps it: `xml:space="preserve"`), the answer of
    /// `text.first?.isWhitespace == true || text.last?.isWhitespace == true` (what `cell` asks) without finding the
    /// last character's bounds when the last scalar settles it. A character is whitespace when its first scalar is.
    /// A last scalar that is printable ASCII other than the space, a CJK ideograph, CJK punctuation 、。〃〄々〆〇〈〉
    /// 《》「」『』【】 or a full-width form neither extends a character nor joins one, so the last character is it,
    /// with at most Prepend scalars before it (U+0600…), none of them whitespace: not whitespace.
    static func padded(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        switch first.value {
        case 0x21...0x7E, 0x4E00...0x9FFF: break
        default: if first.properties.isWhitespace { return true }
        }
        switch last.value {
        case 0x21...0x7E, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x3001...0x3011, 0xFF01...0xFF60: return false
        default: return text.last?.isWhitespace == true
        }
    }

    /// A number as it is stored: integers without ".0", others in Swift's shortest round-trip form.
    static func number(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// Whether a spreadsheet program would take `text` typed into a cell as a formula.
    static func looksLikeFormula(_ text: String) -> Bool {
        // A first character equal to one of these begins with that scalar (none of the eight has another
        // canonically equivalent spelling), so text beginning with any other scalar is answered at once.
        guard let scalar = text.unicodeScalars.first else { return false }
        switch scalar {
        case "=", "+", "-", "@", "＝", "＋", "－", "＠": break
        default: return false
        }
        guard let first = text.first else { return false }
        return "=+-@".contains(first) || "＝＋－＠".contains(first)
    }

    /// "A", "B", … "Z", "AA" … for a 0-based column.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// Column widths in characters, chosen for landscape A4 fitted to the page width.
    static func width(_ header: String) -> String {
        switch header {
        case "案例编号": return "12"
        case "成果名称": return "20"
        case "报送单位": return "13"
        case "归口部门": return "9"
        case "成果来源": return "7"
        case "成果类别", "技术水平", "所属产业": return "8"
        case "子类": return "6"
        case "类别理由", "评分理由", "疑似重复": return "12"
        case "子类理由", "水平理由", "产业理由": return "11"
        case "评分", "排序": return "5"
        case "调整类别", "调整技术水平", "调整产业": return "8"
        case "说明": return "14"
        case "审核人": return "7"
        case "拒收原因": return "20"
        default: return "9"  // the decision column
        }
    }

    /// A worksheet name Excel accepts: none of []:*?/\, no apostrophe at either end, at most 31 characters,
    /// not blank and not the identity worksheet's name.
    static func legalSheetName(_ name: String) -> String {
        var s = String(name.map { "[]:*?/\\".contains($0) || $0.isNewline ? "_" : $0 })
        s = String(s.trimmingPrefix { $0 == "'" })
        while s.last == "'" { s.removeLast() }
        s = String(s.prefix(31))
        if s.isEmpty || s == ReviewColumns.identitySheetName { s = "审核表" }
        return s
    }
}

/// The keys in column A of the identity worksheet.
enum ReviewIdentityKey {
    static let note = "说明"
    static let sheetId = "sheetId"
    static let stage = "stage"
    static let group = "group"
    static let period = "period"
    static let deadline = "deadline"
    static let hasOrder = "hasOrder"
    static let sheetName = "sheetName"
    static let decisionWords = "decisionWords"
    static let categories = "categories"
    static let levels = "levels"
    static let industries = "industries"
    static let rowsHeader = "rows"
    static let row = "row"
}
