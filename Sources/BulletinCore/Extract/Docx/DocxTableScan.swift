import Foundation

/// The working state of reading one grid: what each cell is, and which cells are taken as values.
struct DocxTableScan {
    let grid: DocxGrid
    /// What each cell's text names, as a label.
    var match: [LabelMatch]
    /// Inline values of cells written as `联系人：张三`.
    var inline: [String?]
    /// For labels typed differently from every known label (联系手机号, 联糸人): the label they were taken for.
    var approximate: [String?]
    /// Short cells that end like a label (`开户行：`): labels, even when they match nothing.
    let endsLikeLabel: [Bool]
    /// Cells already read as a value (or as an unknown label's value).
    var consumed: [Bool]
    /// Grid columns where matched labels start in at least two rows.
    let labelColumns: Set<Int>
    /// Grid columns where a matched label starts in some row: a label-like cell there ends the value read from a
    /// label on its left (the third cell of 报送单位 | 四川大学 | 依托部门 | 材料学院 when the row below has 联系手机 in
    /// that column), so that a label no rule knows is never glued into the value before it.
    let stopColumns: Set<Int>
    /// Cells that ended a value read that way: unknown labels, reported with their own value.
    var stops: [Bool]

    /// Label keys of cells short enough to be labels (nil for longer cells: a summary is never a label,
    /// and normalising it for nothing would dominate the reading time).
    let keys: [String?]
    /// Characters in each key (0 for nil).
    let keyLengths: [Int]

    /// Longest cell text, in UTF-8 bytes, looked at as a possible label (with an inline value).
    static let labelCellMaxBytes = 240

    init(grid: DocxGrid, reader: DocxTableReader) {
        self.grid = grid
        let n = grid.cells.count
        var match = [LabelMatch](repeating: .unknown, count: n)
        var inline = [String?](repeating: nil, count: n)
        var approximate = [String?](repeating: nil, count: n)
        var keys: [String?] = []
        var keyLengths: [Int] = []
        var endsLikeLabel: [Bool] = []
        keys.reserveCapacity(n)
        keyLengths.reserveCapacity(n)
        endsLikeLabel.reserveCapacity(n)
        var readings: [DocxCellReading?] = []
        readings.reserveCapacity(n)
        for cell in grid.cells {
            let text = cell.text
            guard !text.isEmpty, text.utf8.count <= Self.labelCellMaxBytes else {
                keys.append(nil)
                keyLengths.append(0)
                endsLikeLabel.append(false)
                readings.append(text.isEmpty ? nil : DocxCellReading(summaryIn: text, reader: reader))
                continue
            }
            let reading = reader.readings?.reading(of: text, reader: reader) ?? DocxCellReading(text, reader: reader)
            keys.append(reading.key)
            keyLengths.append(reading.length)
            endsLikeLabel.append(reading.endsLikeLabel)
            readings.append(reading)
        }
        self.keys = keys
        self.keyLengths = keyLengths
        self.endsLikeLabel = endsLikeLabel
        for r in grid.rows.indices {
            var left: LabelMatch = .unknown
            for id in grid.rows[r] {
                if grid.cells[id].top == r, let reading = readings[id] {
                    // A cell naming the same thing as the label on its left is that label's value (密级 | 涉密).
                    if reading.match != .unknown && reading.match != left {
                        match[id] = reading.match
                        inline[id] = reading.inline
                        approximate[id] = reading.takenFor
                    }
                }
                left = match[id]
            }
        }
        self.match = match
        self.inline = inline
        self.approximate = approximate
        self.consumed = [Bool](repeating: false, count: n)
        var labelsPerColumn: [Int: Int] = [:]
        for id in 0..<n where match[id] != .unknown { labelsPerColumn[grid.cells[id].column, default: 0] += 1 }
        self.labelColumns = Set(labelsPerColumn.filter { $0.value >= 2 }.keys)
        self.stopColumns = Set(labelsPerColumn.keys)
        self.stops = [Bool](repeating: false, count: n)
    }

    /// What a short cell's text looks like as a label: its `compactKey`, the key's length in characters, and
    /// whether it ends like a label (a colon at its end, no sentence punctuation, at most `labelLikeMaxLength`
    /// characters). Worked on Unicode scalars when the text is `SimpleScalars` (the same result, proved there),
    /// else on Characters.
    static func look(_ text: String) -> (key: String, length: Int, endsLikeLabel: Bool) {
        if let fast = lookSimple(text) { return fast }
        let key = compactKey(text)
        let length = key.count
        return (key, length, !key.isEmpty && length <= DocxTableReader.labelLikeMaxLength && endsLikeLabelCharacters(text, key: key))
    }

    /// `look` on the UTF-8 bytes of a `SimpleScalars` text (each scalar a Character; nil for other text): the key is
    /// the bytes of the scalars kept, its length the number of scalars kept.
    static func lookSimple(_ text: String) -> (key: String, length: Int, endsLikeLabel: Bool)? {
        var text = text
        return text.withUTF8 { b -> (key: String, length: Int, endsLikeLabel: Bool)? in
            let n = b.count
            var key: [UInt8] = []
            key.reserveCapacity(n)
            var length = 0
            var punctuation = false
            var lastVisible: UInt32 = 0  // the last scalar that is not whitespace
            var i = 0
            while i < n {
                let c = b[i]
                let v: UInt32
                let width: Int
                if c < 0x80 {
                    (v, width) = (UInt32(c), 1)
                } else if c < 0xE0 {
                    guard c >= 0xC2, i + 1 < n else { return nil }
                    (v, width) = (UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2)
                } else if c < 0xF0 {
                    guard i + 2 < n else { return nil }
                    (v, width) = (UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3)
                } else {
                    return nil
                }
                guard SimpleScalars.isSimple(v) else { return nil }
                if !SimpleScalars.isWhitespace(v) {
                    lastVisible = v
                    if v != 0x2A && v != 0xFF0A {  // * ＊
                        key.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + width)]))
                        length += 1
                        // 。，；,;
                        if v == 0x3002 || v == 0xFF0C || v == 0xFF1B || v == 0x2C || v == 0x3B { punctuation = true }
                    }
                }
                i += width
            }
            while true {  // trailing : and ：
                if key.last == 0x3A {
                    key.removeLast()
                } else if key.count >= 3 && key[key.count - 3] == 0xEF && key[key.count - 2] == 0xBC && key[key.count - 1] == 0x9A {
                    key.removeLast(3)
                } else {
                    break
                }
                length -= 1
            }
            let ends = length > 0 && length <= DocxTableReader.labelLikeMaxLength && !punctuation
                && (lastVisible == 0x3A || lastVisible == 0xFF1A)
            return (String(decoding: key, as: UTF8.self), length, ends)
        }
    }

    /// `endsLikeLabel` as worked on Characters (for text that `SimpleScalars` does not cover, and for tests).
    static func endsLikeLabelCharacters(_ text: String, key: String) -> Bool {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return (text.hasSuffix("：") || text.hasSuffix(":")) && !key.contains(where: { "。，；,;".contains($0) })
    }

    /// The text without spaces, line breaks and asterisks, and without trailing colons: enough to judge a
    /// label's length and look (LabelMatcher does the full normalisation when matching).
    static func compactKey(_ text: String) -> String {
        var key = String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "*" && $0 != "＊" }.map(Character.init))
        while key.last == ":" || key.last == "：" { key.removeLast() }
        return key
    }

    /// What a cell's text names, and the value written after the label in the same cell (`联系人：张三`).
    static func classify(_ text: String, reader: DocxTableReader) -> (LabelMatch, String?) {
        let whole = reader.matcher.match(text)
        if whole != .unknown { return (whole, nil) }
        guard let (label, rest) = inlineParts(text) else { return (.unknown, nil) }
        let m = reader.matcher.match(label)
        return m == .unknown ? (.unknown, nil) : (m, rest)
    }

    /// A cell's text split at its first colon into a label short enough to be one and the value written after it
    /// (`联系人：张三` → 联系人, 张三); nil without a colon, with nothing after it, or with a longer text before it.
    static func inlineParts(_ text: String) -> (label: String, value: String)? {
        guard let colon = text.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
        let label = String(text[..<colon])
        let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !rest.isEmpty, compactKey(label).count <= DocxTableReader.labelLikeMaxLength else { return nil }
        return (label, rest)
    }

    // MARK: - Values

    /// Reads the value of label cell `id`, marking the cells read.
    mutating func value(of id: Int) -> String {
        consumed[id] = true
        if let inline = inline[id] { return Self.clean([[inline]]) }
        let label = grid.cells[id]
        var lines: [[String]] = []
        var found = false
        for r in label.top...label.bottom {
            let row = grid.rows[r]
            guard let at = row.firstIndex(of: id) else { continue }
            var texts: [String] = []
            var first = true
            for other in row[(at + 1)...] {
                if other == id { continue }
                // The first cell to the right is the value unless it is itself a label.
                if first ? match[other] != .unknown : isStop(other) { break }
                if !first && !consumed[other] && stopColumns.contains(grid.cells[other].column) && isLabelLike(other) {
                    stops[other] = true
                    break
                }
                first = false
                found = true
                if consumed[other] { continue }
                consumed[other] = true
                texts.append(grid.cells[other].text)
            }
            lines.append(texts)
        }
        if !found, let below = valueBelow(id) {
            return Self.clean([below.map { grid.cells[$0].text }])
        }
        return Self.clean(lines)
    }

    /// The cells under a label that has nothing to its right, when the row below holds its value.
    private mutating func valueBelow(_ id: Int) -> [Int]? {
        let label = grid.cells[id]
        let r = label.bottom + 1
        guard r < grid.rows.count else { return nil }
        let row = grid.rows[r]
        if row.contains(where: { match[$0] != .unknown }) { return nil }
        let under = row.filter { other in
            let c = grid.cells[other]
            return c.top == r && !consumed[other] && c.column < label.column + label.span && label.column < c.column + c.span
        }
        guard !under.isEmpty else { return nil }
        let labelsInRow = grid.rows[label.top].filter { match[$0] != .unknown }.count
        // A lone label (a row of its own) over a label/value row such as 完成人 | 张三 is not labels-above.
        if labelsInRow < 2 && under.count > 1 && isLabelLike(under[0]) { return nil }
        for other in under { consumed[other] = true }
        return under
    }

    /// Whether reading rightwards stops at this cell: a matched label, or a label-like cell in a label column.
    private func isStop(_ id: Int) -> Bool {
        if match[id] != .unknown { return true }
        if endsLikeLabel[id] && !consumed[id] { return true }
        return !consumed[id] && labelColumns.contains(grid.cells[id].column) && isLabelLike(id)
    }

    /// A cell in a label column that looks like a label but matches none (完成人, 知识产权情况), with a cell
    /// to its right for its value.
    func isUnknownLabel(_ id: Int) -> Bool {
        let cell = grid.cells[id]
        guard (labelColumns.contains(cell.column) || endsLikeLabel[id] || stops[id]), isLabelLike(id) else { return false }
        let row = grid.rows[cell.top]
        guard let at = row.firstIndex(of: id) else { return false }
        return at + 1 < row.count
    }

    /// Short text without sentence punctuation, digits only or check boxes: how labels look.
    private func isLabelLike(_ id: Int) -> Bool {
        guard let key = keys[id], !key.isEmpty, keyLengths[id] <= DocxTableReader.labelLikeMaxLength else { return false }
        if key.contains(where: { "。，；,;".contains($0) }) { return false }
        if key.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }) { return false }
        if DocxCheckbox.tickedChoices(in: grid.cells[id].text) != nil { return false }
        return true
    }

    /// Lines trimmed, empty lines dropped; cells of one row joined with a space, rows with `\n`.
    static func clean(_ rows: [[String]]) -> String {
        var lines: [String] = []
        for row in rows {
            let cells = row.map { cell in trimmedLines(cell, separator: UInt8(ascii: "\n")) }.filter { !$0.isEmpty }
            if !cells.isEmpty { lines.append(cells.joined(separator: " ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// The lines of a cell's text (split at `\n`), each `trimmed`, empty ones dropped, joined with `separator`.
    /// Worked on the UTF-8 bytes when the text is `SimpleScalars` (no CR; every scalar a Character of its own, so
    /// the spaces trimmed are whole Characters), else on Characters (`trimmedLinesCharacters`).
    static func trimmedLines(_ text: String, separator: UInt8) -> String {
        guard SimpleScalars.qualifies(text) else { return trimmedLinesCharacters(text, separator: separator) }
        var text = text
        return text.withUTF8 { b -> String in
            let n = b.count
            var out: [UInt8] = []
            out.reserveCapacity(n)
            var start = 0
            while start <= n {
                var end = start
                while end < n && b[end] != 0x0A { end += 1 }
                let next = end + 1
                var s = start, e = end
                while s < e {
                    if b[s] == 0x20 || b[s] == 0x09 { s += 1 }
                    else if e - s >= 3 && b[s] == 0xE3 && b[s + 1] == 0x80 && b[s + 2] == 0x80 { s += 3 }  // U+3000
                    else if e - s >= 2 && b[s] == 0xC2 && b[s + 1] == 0xA0 { s += 2 }  // U+00A0
                    else { break }
                }
                while e > s {
                    if b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
                    else if e - s >= 3 && b[e - 3] == 0xE3 && b[e - 2] == 0x80 && b[e - 1] == 0x80 { e -= 3 }
                    else if e - s >= 2 && b[e - 2] == 0xC2 && b[e - 1] == 0xA0 { e -= 2 }
                    else { break }
                }
                if s < e {
                    if !out.isEmpty { out.append(separator) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<e]))
                }
                start = next
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `trimmedLines` worked on Characters.
    static func trimmedLinesCharacters(_ text: String, separator: UInt8) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map(Self.trimmed)
            .filter { !$0.isEmpty }
            .joined(separator: String(UnicodeScalar(separator)))
    }

    /// A line without the spaces, tabs and ideographic spaces around it.
    static func trimmed(_ line: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\u{00A0}" || $0 == "\r" }
        guard let first = line.firstIndex(where: { !isSpace($0) }), let last = line.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(line[first...last])
    }
}
