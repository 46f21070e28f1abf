/// The annual list (年度榜单) laid out as a `WordDocument`: title, issuer and date, one bordered table.
enum AnnualListLayout {
    private typealias F = OfficialFormat

    /// The table's columns: header text, width in twips (together the 225 mm landscape text width: four
    /// characters of 小四 and the cell margins fit 技术水平, six 基础研究成果, and 2026年11月 one line even
    /// in a fallback font with wide digits), alignment.
    static let columns = [
        TableColumn(header: "序号", width: 640, alignment: .center),
        TableColumn(header: "成果名称", width: 3065, alignment: .left),
        TableColumn(header: "完成单位", width: 2000, alignment: .left),
        TableColumn(header: "归口部门", width: 1600, alignment: .center),
        TableColumn(header: "成果类别", width: 1600, alignment: .center),
        TableColumn(header: "技术水平", width: 1100, alignment: .center),
        TableColumn(header: "所属产业", width: 1100, alignment: .center),
        TableColumn(header: "首次通报月份", width: 1650, alignment: .center),
    ]

    /// The document for `list`; throws for malformed dates and for any classified case.
    static func document(_ list: AnnualList) throws -> WordDocument {
        let title = "\(list.year)年度重大科技成果榜单" + (list.draft ? "（草稿）" : "")
        let date = list.date.chinese
        try RenderError.refuseClassified(list.entries.map(\.record), in: "the \(list.year) annual list")
        var blocks = DocumentHead.blocks(titleLines: [title], issuer: list.issuer, date: date)
        if list.entries.isEmpty {
            blocks.append(.paragraph(WordParagraph(style: WordStyles.body, inlines: [
                .text("\(list.year)年度没有入选榜单的重大科技成果。"),
            ])))
        } else {
            blocks.append(.table(table(list.entries)))
        }
        return WordDocument(blocks: blocks, page: F.landscape, title: title, creator: list.issuer, date: list.date.description)
    }

    private static func table(_ entries: [AnnualEntry]) -> WordTable {
        let rows = entries.sorted { $0.rank < $1.rank }.map { entry in
            let r = entry.record
            return TableRowValues(values: [
                String(entry.rank), r[.title], r[.submitter], r[.supervisor], r.assessment.category,
                r.assessment.level, r.assessment.industry,
                entry.firstBulletined?.chinese ?? "",
            ])
        }
        return TableLayout.table(columns, rows: rows)
    }
}
