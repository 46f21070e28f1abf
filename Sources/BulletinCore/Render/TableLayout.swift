/// One column of a bordered table: header text, width in twips, alignment of its body cells.
struct TableColumn: Sendable, Equatable {
    /// The header text (黑体 小四, centred).
    var header: String
    /// Width in twips.
    var width: Int
    /// Alignment of the body cells.
    var alignment: WordAlignment
}

/// One body row of a bordered table: its values, in column order, and whether it is set bold (合计).
struct TableRowValues: Sendable, Equatable {
    /// The values; an empty one is drawn as "—".
    var values: [String]
    /// Bold, for a totals row.
    var bold = false
}

/// Bordered tables of 小四 text, the header row repeated on every page: the annual list and the statistics.
enum TableLayout {
    /// Twips of one character of 小四 (12 pt).
    static let characterTwips = 240
    /// Twips the cell margins take from a column (57 left and right, as `WordXML.table` writes them).
    static let cellMarginTwips = 114

    /// The table of `rows` under `columns`. `keepTogether` keeps every row with the next, so a table shorter
    /// than a page moves whole to the next page rather than leave its header and a row behind.
    static func table(_ columns: [TableColumn], rows: [TableRowValues], keepTogether: Bool = false) -> WordTable {
        let header = columns.map { column in
            WordCell(paragraphs: [WordParagraph(style: WordStyles.tableHeading, inlines: [.text(column.header)])])
        }
        let body = rows.enumerated().map { i, row in
            zip(row.values, columns).map { value, column in
                let text = XMLBuild.line(value)
                return WordCell(paragraphs: [WordParagraph(
                    style: WordStyles.tableText, alignment: column.alignment,
                    keepNext: keepTogether && i < rows.count - 1,
                    inlines: [.text(text.isEmpty ? "—" : text, WordRunFormat(bold: row.bold))])])
            }
        }
        return WordTable(columns: columns.map(\.width), header: header, rows: body)
    }

    /// The width of a column that holds `texts` each on one line, bold included: the widest, its margins and
    /// `slack` twips. Other than CJK characters count 0.7 of one: half in 仿宋, but the fallback fonts of a
    /// machine without it set digits and % wider (DejaVu Sans Bold: 0.7 and 1.0).
    static func width(holding texts: [String], slack: Int = 60) -> Int {
        let widest = texts.map { text in
            XMLBuild.line(text).unicodeScalars.reduce(0.0) { $0 + ($1.value >= 0x2E80 ? 1 : 0.7) }
        }.max() ?? 0
        return Int((widest * Double(characterTwips)).rounded(.up)) + cellMarginTwips + slack
    }
}
