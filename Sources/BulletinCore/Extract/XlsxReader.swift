import Foundation
import OOXML

/// Reads submissions from Excel workbooks (.xlsx) with libzip + libxml2: the first visible sheet, or the
/// sheets pipeline.json names (`intake.xlsxSheets`); a header row of the form's labels, one submission a row.
/// Shared strings, inline strings and rich text are read; numbers appear as the user sees them (a mobile
/// number stored as 13800138000.0 or 1.38E+10 is the 11 digits); dates as YYYY-MM-DD; a merged header cell
/// gives its label to every column it covers; hidden sheets are skipped.
public struct XlsxReader: Sendable {
    let matcher: LabelMatcher
    let limits: ZipLimits
    let maxDepth: Int
    let sheetNames: [String]

    /// Creates a reader (`matcher`: one already built from the configuration's labels).
    public init(config: PipelineConfig, matcher: LabelMatcher? = nil) {
        self.matcher = matcher ?? LabelMatcher(config: config)
        limits = config.limits.zip
        maxDepth = config.limits.xmlMaxDepth
        sheetNames = config.intake.xlsxSheets ?? []
    }

    static let spreadsheetNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main",
    ]

    /// Every data row of the chosen sheets. `reads`: what `FileKind.decide` parsed of these bytes (the shared
    /// strings, the date styles, the sheets it read), taken instead of reading those parts again.
    public func read(bytes: [UInt8], fileName: String, reads: WorkbookReads? = nil) throws -> Extraction {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw Refusal("\(fileName) is an Excel 97–2003 workbook (.xls) or another old Office file, which is not read",
                          advice: "open it in Excel or WPS and save it as .xlsx (Excel Workbook)")
        }
        let zip: ZipArchive
        do { zip = try ZipArchive(bytes: bytes, limits: limits) } catch let e as ZipError {
            throw Refusal("\(fileName) cannot be opened as an Excel workbook: \(e)", advice: "open it in Excel or WPS and save it again as .xlsx")
        }
        do {
            return try read(zip, fileName: fileName, kept: reads?.take(for: bytes, limits: limits, maxDepth: maxDepth))
        } catch let e as ZipError {
            throw Refusal("\(fileName): \(e)", advice: "open it in Excel or WPS and save it again as .xlsx")
        } catch let e as XMLError {
            throw Refusal("\(fileName): \(e)", advice: "open it in Excel or WPS and save it again as .xlsx")
        }
    }

    private func read(_ zip: ZipArchive, fileName: String, kept: WorkbookReads.Reads?) throws -> Extraction {
        let rootRels = try OPCRelationships.parse(zip.read("_rels/.rels"))
        guard let workbookTarget = rootRels.first(where: { OOXMLRelationshipType.officeDocumentAll.contains($0.type) }),
              let workbookName = OPCRelationships.resolve(target: workbookTarget.target, from: ""), zip.contains(workbookName) else {
            throw Refusal("\(fileName) has no workbook part", advice: "open it in Excel or WPS and save it again as .xlsx")
        }
        let workbook = try XMLReader.parse(zip.read(workbookName), maxDepth: maxDepth)
        let rels = try OPCRelationships.parse(zip.read(OPCRelationships.relationshipsPartName(for: workbookName)))
        let date1904 = Self.find(workbook, "workbookPr").first?.attribute("date1904").map { $0 == "1" || $0 == "true" } ?? false
        var sheets: [(name: String, part: String)] = []
        var hidden: [String] = []
        for sheet in Self.find(workbook, "sheet") {
            let name = sheet.attribute("name") ?? "?"
            if let state = sheet.attribute("state"), state != "visible" { hidden.append(name); continue }
            guard let rid = sheet.attributes.first(where: { $0.name == "id" && !$0.namespace.isEmpty })?.value,
                  let rel = rels.first(where: { $0.id == rid }),
                  let part = OPCRelationships.resolve(target: rel.target, from: workbookName) else { continue }
            sheets.append((name, part))
        }
        if !sheetNames.isEmpty {
            let wanted = sheets.filter { sheetNames.contains($0.name) }
            guard !wanted.isEmpty else {
                throw Refusal("\(fileName) has none of the sheets named in intake.xlsxSheets (\(sheetNames.joined(separator: ", "))); it has \(sheets.map(\.name).joined(separator: ", "))",
                              advice: "rename the sheet or change intake.xlsxSheets in pipeline.json")
            }
            sheets = wanted
        } else {
            sheets = Array(sheets.prefix(1))
        }
        guard !sheets.isEmpty else {
            throw Refusal("\(fileName) has no visible sheet", advice: "unhide the sheet with the submissions and save again")
        }
        // Parts the review-sheet check parsed of the same bytes are not read again (`WorkbookReads`).
        let shared = try kept?.shared ?? Self.sharedStrings(zip, rels: rels, workbookName: workbookName, maxDepth: maxDepth)
        let dateStyles = try kept?.dateStyles ?? Self.dateStyleIndexes(zip, rels: rels, workbookName: workbookName, maxDepth: maxDepth)
        var notes: [String] = []
        if !hidden.isEmpty { notes.append("hidden sheets skipped: \(hidden.joined(separator: ", "))") }
        var submissions: [Submission] = []
        for sheet in sheets {
            let (grid, merges) = try kept?.sheets[sheet.part]
                ?? Self.worksheet(zip.read(sheet.part), shared: shared, dateStyles: dateStyles, date1904: date1904, maxDepth: maxDepth)
            let (subs, sheetNotes) = try rows(grid, merges: merges, sheet: sheet.name, fileName: fileName, startIndex: submissions.count)
            submissions += subs
            notes += sheetNotes
        }
        return Extraction(submissions: submissions, notes: notes)
    }

    // MARK: - Rows to submissions

    private func rows(_ grid: [Int: [Int: String]], merges: [(r1: Int, c1: Int, r2: Int, c2: Int)], sheet: String, fileName: String,
                      startIndex: Int) throws -> ([Submission], [String]) {
        let rowNumbers = grid.keys.sorted()
        func value(_ r: Int, _ c: Int) -> String {
            if let v = grid[r]?[c], !v.isEmpty { return v }
            for m in merges where (m.r1...m.r2).contains(r) && (m.c1...m.c2).contains(c) { return grid[m.r1]?[m.c1] ?? "" }
            return ""
        }
        let maxColumn = grid.values.flatMap(\.keys).max() ?? 0
        // The header: the first of the top rows whose cells name at least three form fields.
        var header: (row: Int, columns: [Int: LabelMatch], matched: HeaderColumns)?
        for r in rowNumbers.prefix(10) {
            let matched = HeaderColumns(cells: (0...maxColumn).map { ($0, value(r, $0)) }, matcher: matcher)
            if matched.fields.count >= 3 {
                header = (r, matched.columns, matched)
                break
            }
        }
        guard let header else {
            throw Refusal("sheet \(sheet) of \(fileName) has no header row of the form's labels in its first 10 rows",
                          advice: "put the labels 报送单位（产学研等单位）, 归口市（州）科技局或省直部门, 联系人, 联系手机, 成果名称, 成果来源, 案例简介 in one row above the data")
        }
        var notes: [String] = []
        for taken in header.matched.approximate {
            notes.append("sheet \(sheet), cell \(Self.columnName(taken.column))\(header.row): the label \"\(taken.text)\" was taken for \(taken.label)")
        }
        let unknown = header.matched.ignored.map(\.text).filter { !$0.isEmpty }
        if !unknown.isEmpty { notes.append("sheet \(sheet): columns ignored (labels not on the form): \(unknown.joined(separator: ", "))") }
        var out: [Submission] = []
        for r in rowNumbers where r > header.row {
            guard let cells = grid[r], cells.values.contains(where: { !TextForm.isBlank($0) }) else { continue }
            var s = Submission(file: fileName, index: startIndex + out.count + 1, location: "sheet \(sheet) row \(r)")
            if !unknown.isEmpty { s.unknownLabels = unknown }
            for (c, m) in header.columns {
                let v = cells[c] ?? ""
                switch m {
                case .field(let f): s.fields[f] = v
                case .optional(let f): if !v.isEmpty { s.extras[f] = v }
                case .unknown: break
                }
            }
            out.append(s)
        }
        return (out, notes)
    }

    // MARK: - Parts

    static func find(_ e: XMLElement, _ name: String) -> [XMLElement] {
        var out: [XMLElement] = []
        func walk(_ e: XMLElement) {
            for child in e.elements {
                if child.name == name && Self.spreadsheetNamespaces.contains(child.namespace) { out.append(child) }
                walk(child)
            }
        }
        walk(e)
        return out
    }

    static func part(_ type: String, rels: [OPCRelationship], from workbookName: String) -> String? {
        rels.first { $0.type.hasSuffix("/\(type)") }.flatMap { OPCRelationships.resolve(target: $0.target, from: workbookName) }
    }

    /// Shared strings: plain or rich text (runs joined), phonetic runs (`rPh`) left out.
    static func sharedStrings(_ zip: ZipArchive, rels: [OPCRelationship], workbookName: String, maxDepth: Int) throws -> [String] {
        guard let name = part("sharedStrings", rels: rels, from: workbookName), zip.contains(name) else { return [] }
        let bytes = try zip.read(name)
        // Streamed (no tree of 20,000 items); on any error or odd shape, the tree reader reports as before.
        if let items = try? XLSXStream.sharedStrings(bytes, maxDepth: maxDepth) { return items }
        let sst = try XMLReader.parse(bytes, maxDepth: maxDepth)
        return sst.elements.filter { $0.name == "si" }.map(stringItem)
    }

    static func stringItem(_ si: XMLElement) -> String {
        var out = ""
        for child in si.elements {
            switch child.name {
            case "t": out += child.textContent
            case "r": out += child.elements.filter { $0.name == "t" }.map(\.textContent).joined()
            default: break  // rPh, phoneticPr
            }
        }
        return out
    }

    /// Indexes into cellXfs whose number format is a date.
    static func dateStyleIndexes(_ zip: ZipArchive, rels: [OPCRelationship], workbookName: String, maxDepth: Int) throws -> Set<Int> {
        guard let name = part("styles", rels: rels, from: workbookName), zip.contains(name) else { return [] }
        let styles = try XMLReader.parse(zip.read(name), maxDepth: maxDepth)
        var custom: [Int: String] = [:]
        for f in find(styles, "numFmt") {
            if let id = f.attribute("numFmtId").flatMap(Int.init), let code = f.attribute("formatCode") { custom[id] = code }
        }
        var out = Set<Int>()
        guard let xfs = find(styles, "cellXfs").first else { return out }
        for (i, xf) in xfs.elements.filter({ $0.name == "xf" }).enumerated() {
            guard let id = xf.attribute("numFmtId").flatMap(Int.init) else { continue }
            if (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id) { out.insert(i); continue }
            if let code = custom[id], Self.isDateFormat(code) { out.insert(i) }
        }
        return out
    }

    /// Whether a format code shows a date: y, m, d or 年月日 outside quotes and brackets.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false
        for ch in code {
            if ch == "\"" { inQuote.toggle(); continue }
            if inQuote { continue }
            if ch == "[" { inBracket = true; continue }
            if ch == "]" { inBracket = false; continue }
            if inBracket { continue }
            if "yYdD年日".contains(ch) { return true }
        }
        return false
    }

    static func merges(_ sheet: XMLElement) -> [(r1: Int, c1: Int, r2: Int, c2: Int)] {
        find(sheet, "mergeCell").compactMap { merge(ref: $0.attribute("ref")) }
    }

    static func merge(ref: String?) -> (r1: Int, c1: Int, r2: Int, c2: Int)? {
        let parts = (ref ?? "").split(separator: ":").map(String.init)
        guard parts.count == 2, let a = Self.reference(parts[0]), let b = Self.reference(parts[1]) else { return nil }
        return (a.row, a.column, b.row, b.column)
    }

    /// A worksheet part's cells (as `cells`) and merged ranges (as `merges`), read with the streaming reader;
    /// a part it does not take (an XML error, a row inside a row) is read as a tree, which reports any error
    /// exactly as before.
    static func worksheet(_ bytes: [UInt8], shared: [String], dateStyles: Set<Int>, date1904: Bool,
                          maxDepth: Int) throws -> (grid: [Int: [Int: String]], merges: [(r1: Int, c1: Int, r2: Int, c2: Int)]) {
        guard let streamed = try? XLSXStream.worksheet(bytes, namespaces: spreadsheetNamespaces, maxDepth: maxDepth) else {
            let xml = try XMLReader.parse(bytes, maxDepth: maxDepth)
            return (cells(xml, shared: shared, dateStyles: dateStyles, date1904: date1904), merges(xml))
        }
        var grid: [Int: [Int: String]] = [:]
        var rowNumber = 0
        for row in streamed.rows {
            rowNumber = row.reference.flatMap(Int.init) ?? rowNumber + 1
            var column = -1
            var cells = grid[rowNumber] ?? [:]
            for c in row.cells {
                column = c.reference.flatMap(Self.reference)?.column ?? column + 1
                cells[column] = text(type: c.type ?? "n", raw: c.value ?? "", inline: { c.inlineString }, style: c.style, shared: shared,
                                     dateStyles: dateStyles, date1904: date1904)
            }
            if !row.cells.isEmpty { grid[rowNumber] = cells }
        }
        return (grid, streamed.merges.compactMap { merge(ref: $0) })
    }

    /// What a cell shows, from its type, raw value, inline string and style.
    static func text(type: String, raw: String, inline: () -> String?, style: String?, shared: [String], dateStyles: Set<Int>,
                     date1904: Bool) -> String {
        switch type {
        case "s": return Int(raw).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
        case "inlineStr": return inline() ?? ""
        case "b": return raw == "1" ? "TRUE" : "FALSE"
        case "str", "e": return raw
        default:
            let s = style.flatMap(Int.init) ?? 0
            return dateStyles.contains(s) ? Self.date(serial: raw, date1904: date1904) : Self.number(raw)
        }
    }

    /// Cells by row and 0-based column, as the user sees them.
    static func cells(_ sheet: XMLElement, shared: [String], dateStyles: Set<Int>, date1904: Bool) -> [Int: [Int: String]] {
        var grid: [Int: [Int: String]] = [:]
        var rowNumber = 0
        for row in find(sheet, "row") {
            rowNumber = row.attribute("r").flatMap(Int.init) ?? rowNumber + 1
            var column = -1
            for c in row.elements where c.name == "c" {
                column = c.attribute("r").flatMap(Self.reference)?.column ?? column + 1
                let raw = c.elements.first { $0.name == "v" }?.textContent ?? ""
                grid[rowNumber, default: [:]][column] = text(type: c.attribute("t") ?? "n", raw: raw, inline: { c.elements.first { $0.name == "is" }.map(stringItem) },
                                                             style: c.attribute("s"), shared: shared, dateStyles: dateStyles, date1904: date1904)
            }
        }
        return grid
    }

    /// A number as Excel shows it in a General cell: integers without ".0" or an exponent.
    public static func number(_ raw: String) -> String {
        guard let d = Double(raw) else { return raw }
        if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// An Excel date serial as YYYY-MM-DD (1900 system with its phantom 29 February, or 1904).
    public static func date(serial raw: String, date1904: Bool) -> String {
        guard let v = Double(raw) else { return raw }
        var days = Int(v.rounded(.down))
        if !date1904 && days >= 60 { days -= 1 }
        let base = date1904 ? Date(timeIntervalSince1970: -2_082_844_800) : Date(timeIntervalSince1970: -2_209_075_200)  // 1904-01-01, 1899-12-31
        let date = base.addingTimeInterval(Double(days) * 86_400)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// "C12" → row 12, column 2 (0-based). Read from the ASCII bytes (every cell of a sheet has a reference);
    /// anything else (non-ASCII, over 17 digits) goes to `referenceByCharacters`, the definition.
    static func reference(_ ref: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0, digitCount = 0
        for a in ref.utf8 {
            if a >= 0x80 || digitCount > 17 { return referenceByCharacters(ref) }
            let u = a >= 0x61 && a <= 0x7A ? a - 0x20 : a
            if u >= 0x41 && u <= 0x5A && digitCount == 0 { column = column * 26 + Int(u - 0x40) }
            else if u >= 0x30 && u <= 0x39 { row = row * 10 + Int(u - 0x30); digitCount += 1 }
            else if u == 0x24 { continue }
            else { return nil }
        }
        guard column > 0, digitCount > 0 else { return nil }
        return (row, column - 1)
    }

    /// The letters of a 0-based column as a spreadsheet shows them (0 → A, 25 → Z, 26 → AA).
    static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `reference` read character by character after upper-casing.
    static func referenceByCharacters(_ ref: String) -> (row: Int, column: Int)? {
        var column = 0, digits = ""
        for ch in ref.uppercased() {
            if let a = ch.asciiValue, (65...90).contains(a), digits.isEmpty { column = column * 26 + Int(a - 64) }
            else if ch.isASCII, ch.isNumber { digits.append(ch) }
            else if ch == "$" { continue }
            else { return nil }
        }
        guard column > 0, let row = Int(digits) else { return nil }
        return (row, column - 1)
    }
}
