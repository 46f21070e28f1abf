/// The quarterly release shortlist (季度发布建议名单) laid out as a `WordDocument`: title, issuer and date, a
/// sentence of purpose, then each achievement with its facts and a short introduction.
enum QuarterlyReleaseLayout {
    private typealias F = OfficialFormat

    /// The document for `release`; throws for a malformed date, month or quarter, and for any classified case.
    static func document(_ release: QuarterlyRelease) throws -> WordDocument {
        let quarter = try ChineseDates.quarterTitle(year: release.year, quarter: release.quarter,
                                                    what: "the release's quarter")
        let date = release.date.chinese
        try RenderError.refuseClassified(release.entries.map(\.record), in: "the release shortlist of \(quarter)")
        let titleLines = ["\(quarter)重大科技成果", "发布建议名单" + (release.draft ? "（草稿）" : "")]
        var blocks = DocumentHead.blocks(titleLines: titleLines, issuer: release.issuer, date: date)
        if release.entries.isEmpty {
            blocks.append(body("\(quarter)尚无已通报的重大科技成果，暂无发布建议名单。"))
        } else {
            blocks.append(body("以下\(release.entries.count)项成果选自\(quarter)已通报的重大科技成果，"
                + "建议在季度发布会上由成果完成人介绍。"))
            let entries = release.entries.sorted { $0.rank < $1.rank }
            for (i, entry) in entries.enumerated() {
                blocks += try achievement(entry, number: i + 1)
            }
        }
        return WordDocument(blocks: blocks, page: F.portrait, title: titleLines.joined(), creator: release.issuer,
                            date: release.date.description)
    }

    /// A 黑体 heading 一、title, the facts in 楷体, then the introduction.
    private static func achievement(_ entry: AnnualEntry, number: Int) throws -> [WordBlock] {
        let r = entry.record
        let kai = WordRunFormat(font: F.subheadingFont)
        var blocks: [WordBlock] = [
            .paragraph(WordParagraph(keepNext: true)),
            .paragraph(WordParagraph(style: WordStyles.heading1, inlines: [
                .text("\(ChineseDates.numeral(number))、\(XMLBuild.line(r[.title]))"),
            ])),
        ]
        let first = entry.firstBulletined?.chinese ?? ""
        let facts = FactLines.lines([
            [("完成单位", r[.submitter]), ("归口部门", r[.supervisor])],
            [("成果类别", r.assessment.category), ("技术水平", r.assessment.level), ("首次通报", first)],
        ])
        for line in facts {
            blocks.append(.paragraph(WordParagraph(style: WordStyles.body, keepNext: true, inlines: [.text(line, kai)])))
        }
        let introduction = SummaryExcerpt.introduction(r[.summary])
        if !introduction.isEmpty { blocks.append(body(introduction)) }
        return blocks
    }

    private static func body(_ text: String) -> WordBlock {
        .paragraph(WordParagraph(style: WordStyles.body, inlines: [.text(text)]))
    }
}
