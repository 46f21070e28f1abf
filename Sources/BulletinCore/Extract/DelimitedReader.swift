/// Reads submissions from CSV and other delimited text (a header row of labels, one submission a row):
/// UTF-8 with or without BOM, UTF-16 with BOM, GB18030; comma, tab or semicolon; RFC 4180 quoting.
public struct DelimitedReader: Sendable {
    let matcher: LabelMatcher

    /// Creates a reader matching header labels with `matcher`.
    public init(matcher: LabelMatcher) { self.matcher = matcher }

    /// Reads every row after the header; rows with problems keep them in `problems`.
    public func read(bytes: [UInt8], fileName: String) throws -> Extraction {
        let (text, encoding) = try TextDecoding.decode(bytes, fileName: fileName)
        let delimiter = Self.detectDelimiter(text)
        let records = Self.parse(text, delimiter: delimiter)
        guard let headerIndex = records.firstIndex(where: { !$0.isBlank }) else {
            throw Refusal("\(fileName) holds no rows", advice: "send the spreadsheet with a header row of the form's labels and one achievement a row")
        }
        let header = records[headerIndex]
        var notes = ["encoding \(encoding.rawValue), delimiter \(Self.name(of: delimiter))"]
        let headerColumns = HeaderColumns(cells: header.cells.enumerated().map { ($0.offset, $0.element) }, matcher: matcher)
        let columns = headerColumns.columns
        let unknown = headerColumns.ignored.map(\.text).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard headerColumns.fields.count >= 3 else {
            throw Refusal("the first row of \(fileName) (line \(header.line)) is not a header of the form's labels: found \(header.cells.prefix(8).joined(separator: " | "))",
                          advice: "put the labels 报送单位（产学研等单位）, 归口市（州）科技局或省直部门, 联系人, 联系手机, 成果名称, 成果来源, 案例简介 in the first row")
        }
        for taken in headerColumns.approximate {
            notes.append("column \(taken.column + 1) (line \(header.line)): the label \"\(taken.text)\" was taken for \(taken.label)")
        }
        if !unknown.isEmpty { notes.append("columns ignored (labels not on the form): \(unknown.joined(separator: ", "))") }
        var submissions: [Submission] = []
        // Each row's dictionaries made at their size (grown cell by cell they were rehashed four times a row).
        var fieldColumns = 0, optionalColumns = 0
        for m in columns.values {
            if case .field = m { fieldColumns += 1 } else if case .optional = m { optionalColumns += 1 }
        }
        // Each column's match by its index, read for every cell (a dictionary lookup cost ~200 instructions).
        var byIndex = [LabelMatch?](repeating: nil, count: (columns.keys.max() ?? -1) + 1)
        for (i, m) in columns where i >= 0 { byIndex[i] = m }
        // A row's dictionaries are copies of two templates that hold every field a column names (with ""), made as a
        // row's were (at their size, filled in column order); the cells are then set by each column's index in them
        // (an index of a dictionary is one of its copies too): no key hashed, where setting each cell by key hashed
        // it and looked it up (~3.5 k instructions a row of seven fields). A row without some named column (the
        // field must then stay absent) is filled by key as before.
        var fieldTemplate = [Field: String](minimumCapacity: fieldColumns)
        var extraTemplate = [OptionalField: String](minimumCapacity: optionalColumns)
        var lastNamed = -1
        for (i, m) in byIndex.enumerated() {
            switch m {
            case .field(let f)?: fieldTemplate[f] = ""; lastNamed = i
            case .optional(let f)?: extraTemplate[f] = ""; lastNamed = i
            default: break
            }
        }
        let fieldAt = byIndex.map { m -> Dictionary<Field, String>.Index? in
            if case .field(let f)? = m { return fieldTemplate.index(forKey: f) }
            return nil
        }
        let extraAt = byIndex.map { m -> Dictionary<OptionalField, String>.Index? in
            if case .optional(let f)? = m { return extraTemplate.index(forKey: f) }
            return nil
        }
        for record in records[(headerIndex + 1)...] where !record.isBlank {
            var s = Submission(file: fileName, index: submissions.count + 1, location: "line \(record.line)")
            if !unknown.isEmpty { s.unknownLabels = unknown }
            if record.cells.count != header.cells.count {
                let diff = record.cells.count - header.cells.count
                s.problems.append(Problem(field: "row", message: "line \(record.line) of \(fileName) has \(record.cells.count) cells where the header has \(header.cells.count) (\(diff > 0 ? "\(diff) too many" : "\(-diff) too few")); check for an unquoted comma or a missing cell"))
            }
            if record.cells.count > lastNamed {
                s.fields = fieldTemplate
                s.extras = extraTemplate
                var i = 0
                while i <= lastNamed {
                    if let at = fieldAt[i] {
                        s.fields.values[at] = record.cells[i]
                    } else if let at = extraAt[i] {
                        s.extras.values[at] = record.cells[i]
                    }
                    i += 1
                }
            } else {
                // Made at their size (an unspecialised `reserveCapacity` on the empty dictionaries cost ~2,400 instructions).
                s.fields = [Field: String](minimumCapacity: fieldColumns)
                s.extras = [OptionalField: String](minimumCapacity: optionalColumns)
                for (i, cell) in record.cells.enumerated() {
                    switch i < byIndex.count ? byIndex[i] : nil {
                    case .field(let f)?: s.fields[f] = cell
                    case .optional(let f)?: s.extras[f] = cell
                    default: break
                    }
                }
            }
            submissions.append(s)
        }
        if record(unterminatedIn: records) {
            notes.append("the file ends inside a quoted cell; the last row may be cut short")
        }
        return Extraction(submissions: submissions, notes: notes)
    }

    private func record(unterminatedIn records: [Record]) -> Bool { records.last?.unterminated ?? false }

    // MARK: - Parsing

    struct Record {
        var cells: [String]
        var line: Int
        var unterminated = false
        var isBlank: Bool { cells.allSatisfy(TextForm.isBlank) }
    }

    static func name(of delimiter: Character) -> String {
        switch delimiter {
        case "\t": return "tab"
        case ";": return "semicolon"
        default: return "comma"
        }
    }

    /// The delimiter that splits the first line (outside quotes) most often: comma, tab or semicolon.
    static func detectDelimiter(_ text: String) -> Character {
        var counts: [Character: Int] = [",": 0, "\t": 0, ";": 0]
        var inQuotes = false
        for ch in text {
            if ch == "\"" { inQuotes.toggle(); continue }
            if !inQuotes && (ch == "\n" || ch == "\r\n" || ch == "\r") { break }
            if !inQuotes, counts[ch] != nil { counts[ch, default: 0] += 1 }
        }
        if counts["\t", default: 0] > 0 && counts["\t", default: 0] >= counts[",", default: 0] { return "\t" }
        if counts[";", default: 0] > counts[",", default: 0] { return ";" }
        return ","
    }

    /// Whether a byte inside quotes needs a look: a quote, or the first byte of a line break (LF, VT, FF, CR,
    /// NEL's C2, LS's and PS's E2).
    @inline(__always)
    static func endsQuotedRun(_ c: UInt8) -> Bool {
        c == 0x22 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0xC2 || c == 0xE2
    }

    /// The start of the first eight-byte word from `i` that holds the delimiter, a quote, LF or CR (or the start
    /// of the last, partial word): the bytes before it have no meaning to the parser outside quotes, and the byte
    /// loop that follows finds the exact place. A word of eight bytes with their high bit (Chinese text) is passed
    /// by one test; others by the zero-byte test for each of the four bytes (a line went byte by byte through four
    /// comparisons, ~10 instructions a byte).
    @inline(__always)
    static func plainRunEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int, delimiter d: UInt8) -> Int {
        guard let p = b.baseAddress else { return i }
        let n = b.count
        var j = i
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let dd = ones &* UInt64(d)
        while j &+ 8 <= n {
            let w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
            if w & high != high {
                if hasByte(w, dd) || hasByte(w, ones &* 0x22) || hasByte(w, ones &* 0x0A) || hasByte(w, ones &* 0x0D) { break }
            }
            j &+= 8
        }
        return j
    }

    /// As `plainRunEnd`, inside quotes: the first word holding a byte below 0x0E (LF, VT, FF, CR and the controls
    /// before them, which the byte loop passes), a quote, or C2 or E2 (the lead bytes of NEL, LS and PS).
    @inline(__always)
    static func quotedRunEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        guard let p = b.baseAddress else { return i }
        let n = b.count
        var j = i
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        while j &+ 8 <= n {
            let w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
            let below0E = (w &- ones &* 0x0E) & ~w & high
            if below0E != 0 || hasByte(w, ones &* 0x22) || hasByte(w, ones &* 0xC2) || hasByte(w, ones &* 0xE2) { break }
            j &+= 8
        }
        return j
    }

    /// Whether one of the eight bytes of `w` equals the byte repeated in `pattern` (exact as a yes or no: the
    /// zero-byte test has no false negatives, and its first hit is a true one).
    @inline(__always)
    static func hasByte(_ w: UInt64, _ pattern: UInt64) -> Bool {
        let x = w ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// RFC 4180: quoted cells may hold delimiters, doubled quotes and line breaks. Records carry their first line.
    /// Works on the UTF-8 bytes (quotes, delimiters and line breaks are ASCII; every other byte is copied), so
    /// that 20,000 rows are split without walking grapheme clusters. A line break inside quotes (LF, CR, CRLF,
    /// VT, FF, NEL, LS, PS) becomes `\n` and counts as a line; outside quotes LF, CR and CRLF end a record.
    static func parse(_ text: String, delimiter: Character) -> [Record] {
        let d = delimiter.asciiValue ?? UInt8(ascii: ",")
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [Record] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var text = text
        text.makeContiguousUTF8()
        let source = text
        // A cell whose bytes are the file's own, in one piece (most cells: no doubled quote, no line break turned into
        // `\n`), is copied from the text without a second validation of its UTF-8 (`String(decoding:)` cost ~1,000
        // instructions a cell): `sliceStart` is where its bytes start, `sliced` whether they are still one piece.
        var sliceStart = 0
        var sliced = false
        func take(_ cell: [UInt8]) -> String {
            guard sliced, !cell.isEmpty else { return String(decoding: cell, as: UTF8.self) }
            let utf8 = source.utf8
            let lower = utf8.index(utf8.startIndex, offsetBy: sliceStart)
            let upper = utf8.index(lower, offsetBy: cell.count)
            return String(source[lower..<upper])
        }
        text.withUTF8 { b in
            let n = b.count
            var i = 0
            /// Notes that the bytes appended next to the cell start at `at`.
            @inline(__always) func from(_ at: Int) {
                if cell.isEmpty {
                    sliceStart = at
                    sliced = true
                } else if sliceStart + cell.count != at {
                    sliced = false
                }
            }
            while i < n {
                // A run of bytes with no meaning to the parser is copied at once.
                var j = i
                if inQuotes {
                    j = Self.quotedRunEnd(b, from: j)
                    while j < n, !Self.endsQuotedRun(b[j]) { j += 1 }
                } else {
                    j = Self.plainRunEnd(b, from: j, delimiter: d)
                    while j < n, b[j] != d, b[j] != quote, b[j] != lf, b[j] != cr { j += 1 }
                    // An opening quote is one only at the start of a cell.
                    if j > i {
                        from(i)
                        cell.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                    }
                    i = j
                    if i == n { break }
                }
                if inQuotes && j > i {
                    from(i)
                    cell.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                    i = j
                    if i == n { break }
                }
                let c = b[i]
                if inQuotes {
                    if c == quote {
                        if i + 1 < n && b[i + 1] == quote {
                            from(i)
                            cell.append(quote)
                            i += 2
                        } else {
                            inQuotes = false
                            i += 1
                        }
                        continue
                    }
                    var breakLength = 0
                    if c == lf || c == 0x0B || c == 0x0C { breakLength = 1 }
                    else if c == cr { breakLength = i + 1 < n && b[i + 1] == lf ? 2 : 1 }
                    else if c == 0xC2, i + 1 < n, b[i + 1] == 0x85 { breakLength = 2 }
                    else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { breakLength = 3 }
                    if breakLength > 0 {
                        line += 1
                        if c == lf {
                            from(i)
                        } else {
                            if cell.isEmpty { sliceStart = i }
                            sliced = false
                        }
                        cell.append(lf)
                        i += breakLength
                    } else {
                        from(i)
                        cell.append(c)
                        i += 1
                    }
                    continue
                }
                if c == quote && cell.isEmpty {
                    inQuotes = true
                } else if c == d {
                    cells.append(take(cell))
                    cell.removeAll(keepingCapacity: true)
                } else if c == lf || c == cr {
                    if c == cr, i + 1 < n, b[i + 1] == lf { i += 1 }
                    cells.append(take(cell))
                    cell.removeAll(keepingCapacity: true)
                    records.append(Record(cells: cells, line: recordLine))
                    cells = []
                    line += 1
                    recordLine = line
                } else {
                    from(i)
                    cell.append(c)
                }
                i += 1
            }
        }
        if !cell.isEmpty || !cells.isEmpty || inQuotes {
            cells.append(take(cell))
            records.append(Record(cells: cells, line: recordLine, unterminated: inQuotes))
        }
        return records
    }
}

import Foundation
