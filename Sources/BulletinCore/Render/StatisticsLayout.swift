import Foundation
/// 案例报送及采用情况 laid out as a `WordDocument`: title, issuer and date, the totals in a sentence, then a
/// table per submitting unit and per supervising bureau, portrait when the columns fit.
enum StatisticsLayout {
    private typealias F = OfficialFormat

    /// Tables of at most this many body rows are kept on one page.
    private static let keptTogether = 20

    /// The name column is never narrower than six characters of 小四 (a unit's name wraps after that).
    private static let narrowestName = 6 * TableLayout.characterTwips + TableLayout.cellMarginTwips

    /// The document for `stats`; throws for a malformed date or month.
    static func document(_ stats: SubmissionStatistics) throws -> WordDocument {
        let date = stats.date.chinese
        let scope = try scopeTitle(stats.scope)
        let titleLines = ["\(scope)重大科技成果", "案例报送及采用情况（草稿）"]
        let page = fitsPortrait(stats) ? F.portrait : F.landscape
        let columns = self.columns(stats, textWidth: page.textWidth)
        var blocks = DocumentHead.blocks(titleLines: titleLines, issuer: stats.issuer, date: date)
        blocks.append(body(totalsSentence(stats.total)))
        let sections = [("一、按报送单位", stats.byUnit, "本期没有报送单位报送案例。"),
                        ("二、按归口部门", stats.byBureau, "本期没有归口部门报送案例。")]
        for (heading, rows, none) in sections {
            blocks.append(.paragraph(WordParagraph(keepNext: true)))
            blocks.append(.paragraph(WordParagraph(style: WordStyles.heading1, inlines: [.text(heading)])))
            if rows.isEmpty {
                blocks.append(body(none))
            } else {
                blocks.append(.table(table(rows, total: stats.total, columns: columns, stats)))
            }
        }
        blocks.append(.paragraph(WordParagraph()))
        blocks.append(body("注：采用率为经审定通报的采用数与报送数之比；\(stats.steps.map { "\($0)通过率" }.joined(separator: "、"))\(stats.steps.isEmpty ? "" : "为该环节通过数与已审数之比；")退回数为未通过形式审查的报送；涉密成果不纳入统计。"))
        return WordDocument(blocks: blocks, page: page, title: titleLines.joined(), creator: stats.issuer,
                            date: stats.date.description)
    }

    /// 本期共收到报送案例19项，受理18项，退回1项，通报采用10项，采用率52.6%。
    static func totalsSentence(_ total: StatisticsRow) -> String {
        if total.submitted == 0 { return "本期未收到报送案例。" }
        let rate = String(format: "%.1f%%", total.adoptionRate * 100)
        let listed = total.listed > 0 ? "，入选年度榜单\(total.listed)项" : ""
        return "本期共收到报送案例\(total.submitted)项，受理\(total.accepted)项，退回\(total.refused)项，"
            + "通报采用\(total.bulletined)项\(listed)，采用率\(rate)。"
    }

    // MARK: - Scope

    private static func scopeTitle(_ scope: StatisticsScope) throws -> String {
        switch scope {
        case .month(let period):
            return period.chinese
        case .quarter(let year, let quarter):
            return try ChineseDates.quarterTitle(year: year, quarter: quarter, what: "the statistics' quarter")
        case .year:
            return scope.title
        }
    }

    // MARK: - Tables

    /// The width every column but the first needs to hold its header and values on one line.
    private static func figureWidths(_ stats: SubmissionStatistics) -> [Int] {
        let rows = (stats.byUnit + stats.byBureau + [stats.total]).map(stats.cells)
        return stats.columns.indices.dropFirst().map { i in
            TableLayout.width(holding: [stats.columns[i]] + rows.compactMap { i < $0.count ? $0[i] : nil })
        }
    }

    /// Whether the figures and a name column of at least six characters fit the portrait text width.
    static func fitsPortrait(_ stats: SubmissionStatistics) -> Bool {
        figureWidths(stats).reduce(0, +) + narrowestName <= F.portrait.textWidth
    }

    /// 名称 left, taking what the figures leave; the figures right-aligned.
    private static func columns(_ stats: SubmissionStatistics, textWidth: Int) -> [TableColumn] {
        let figures = figureWidths(stats)
        let name = max(narrowestName, textWidth - figures.reduce(0, +))
        return [TableColumn(header: stats.columns[0], width: name, alignment: .left)]
            + zip(stats.columns.dropFirst(), figures).map {
                TableColumn(header: $0, width: $1, alignment: .right)
            }
    }

    /// One row per unit or bureau, in the order given, then the bold 合计 row.
    private static func table(_ rows: [StatisticsRow], total: StatisticsRow, columns: [TableColumn], _ stats: SubmissionStatistics) -> WordTable {
        var totalRow = total
        totalRow.name = "合计"
        let values = rows.map { TableRowValues(values: stats.cells($0)) }
            + [TableRowValues(values: stats.cells(totalRow), bold: true)]
        return TableLayout.table(columns, rows: values, keepTogether: values.count <= keptTogether)
    }

    private static func body(_ text: String) -> WordBlock {
        .paragraph(WordParagraph(style: WordStyles.body, inlines: [.text(text)]))
    }
}
