/// The annual list (年度榜单) laid out as a `WordDocument`: title, issuer and date, one bordered table.
enum AnnualListLayout {
    private typealias F = OfficialFormat

    /// The table's columns: header text, width in twips (together the 225 mm landscape text width: four
    /// characters of 小四 and the cell margins fit 技术水平, six 基础研究成果, and 2026年11月 one line even
    /// in a fallback font with wide digits), alignment.
    static let columns: [(header: String, width: Int, alignment: WordAlignment)] = [
        ("序号", 640, .center),
        ("成果名称", 3065, .left),
        ("完成单位", 2000, .left),
        ("归口部门", 1600, .center),
        ("成果类别", 1600, .center),
        ("技术水平", 1100, .center),
        ("所属产业", 1100, .center),
        ("首次通报月份", 1650, .center),
    ]

    /// The document for `list`; throws for malformed dates and for any classified case.
    static func document(_ list: AnnualList) throws -> WordDocument {
        let title = "\(list.year)年度重大科技成果榜单" + (list.draft ? "（草稿）" : "")
        let date = try ChineseDates.date(list.date, what: "the annual list's date")
        for entry in list.entries where entry.record.classified {
            throw RenderError.classified(caseID: entry.record.id, document: "the \(list.year) annual list")
        }
        var blocks: [WordBlock] = [
            .paragraph(WordParagraph(style: WordStyles.title, inlines: [.text(title)])),
            .paragraph(WordParagraph(style: WordStyles.centred, inlines: [
                .text("\(XMLBuild.line(list.issuer))\u{3000}\(date)", WordRunFormat(font: F.subheadingFont)),
            ])),
            .paragraph(WordParagraph()),
        ]
        if list.entries.isEmpty {
            blocks.append(.paragraph(WordParagraph(style: WordStyles.body, inlines: [
                .text("\(list.year)年度没有入选榜单的重大科技成果。"),
            ])))
        } else {
            blocks.append(.table(try table(list.entries)))
        }
        return WordDocument(blocks: blocks, page: F.landscape, title: title, creator: list.issuer, date: list.date)
    }

    private static func table(_ entries: [AnnualEntry]) throws -> WordTable {
        let header = columns.map { column in
            WordCell(paragraphs: [WordParagraph(style: WordStyles.tableHeading, inlines: [.text(column.header)])])
        }
        let rows = try entries.sorted { $0.rank < $1.rank }.map { entry -> [WordCell] in
            let r = entry.record
            let values = [String(entry.rank), r[.title], r[.submitter], r[.supervisor], r.assessment.category,
                          r.assessment.level, r.assessment.industry, try month(entry.firstBulletined)]
            return zip(values, columns).map { value, column in
                let text = XMLBuild.line(value)
                return WordCell(paragraphs: [WordParagraph(style: WordStyles.tableText, alignment: column.alignment,
                                                           inlines: [.text(text.isEmpty ? "—" : text)])])
            }
        }
        return WordTable(columns: columns.map(\.width), header: header, rows: rows)
    }

    /// "2026-03" as 2026年3月; "" (not yet bulletined) stays empty.
    private static func month(_ value: String) throws -> String {
        if value.isEmpty { return "" }
        let (year, month) = try ChineseDates.month(value, what: "the month first bulletined")
        return "\(year)年\(month)月"
    }
}
