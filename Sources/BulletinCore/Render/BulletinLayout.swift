/// The monthly bulletin (《创新驱动要参》) laid out as a `WordDocument`: masthead, contents, achievements.
enum BulletinLayout {
    private typealias F = OfficialFormat

    /// The document for `issue`; throws for malformed dates and for any classified case.
    static func document(_ issue: BulletinIssue) throws -> WordDocument {
        let issueLine = try self.issueLine(issue)
        let date = issue.date.chinese
        try RenderError.refuseClassified(issue.entries, in: "the bulletin \(issueLine)")
        var blocks = masthead(issue, issueLine: issueLine, date: date)
        if issue.entries.isEmpty {
            let (year, month) = (issue.period.year, issue.period.month)
            blocks.append(.paragraph(WordParagraph(style: WordStyles.body, inlines: [
                .text("\(year)年\(month)月没有入选通报的重大科技成果。"),
            ])))
        } else {
            blocks += contents(issue.entries)
            for (i, entry) in issue.entries.enumerated() {
                blocks += achievement(entry, number: i + 1)
            }
        }
        if !issue.distribution.isEmpty {
            // 版记 (GB/T 9704-2012 §7.4): the distribution between rules, then the issuer and the date.
            blocks.append(.paragraph(WordParagraph(bottomRule: WordRule(color: "000000", eighths: 8))))
            blocks.append(.paragraph(WordParagraph(style: WordStyles.body, bottomRule: WordRule(color: "000000", eighths: 4),
                                                   inlines: [.text(XMLBuild.line(issue.distribution))])))
            blocks.append(.paragraph(WordParagraph(bottomRule: WordRule(color: "000000", eighths: 8),
                                                   tabs: [WordTabStop(kind: "right", position: F.portrait.textWidth)],
                                                   inlines: [.text("\u{3000}" + XMLBuild.line(issue.issuer)), .tab, .text(date + "印发\u{3000}")])))
        }
        return WordDocument(blocks: blocks, page: F.portrait,
                            title: "\(XMLBuild.line(issue.publication)) \(issueLine)",
                            creator: issue.issuer, date: issue.date.description)
    }

    /// 2026年第11期（总第35期）: the year of the bulletin month, the issue number and the running number.
    static func issueLine(_ issue: BulletinIssue) throws -> String {
        let year = issue.period.year
        let correction = !issue.draft && issue.revision > 0 ? "（更正\(ChineseNumeral.of(issue.revision))）" : ""
        return "\(year)年第\(issue.number)期（总第\(issue.totalNumber)期）" + correction
    }

    // MARK: - Masthead

    private static func masthead(_ issue: BulletinIssue, issueLine: String, date: String) -> [WordBlock] {
        var blocks: [WordBlock] = []
        if !issue.brand.isEmpty {
            blocks.append(.paragraph(WordParagraph(style: WordStyles.centred, inlines: [.text(XMLBuild.line(issue.brand), WordRunFormat(color: F.red))])))
        }
        if issue.draft {
            blocks.append(.paragraph(WordParagraph(alignment: .right, inlines: [
                .text("草稿", WordRunFormat(font: F.headingFont, bold: true, color: F.red, boxed: true, spacing: 60)),
            ])))
        } else {
            blocks.append(.paragraph(WordParagraph()))
        }
        blocks.append(.paragraph(WordParagraph(style: WordStyles.masthead, spaceBefore: 240, spaceAfter: 240, inlines: [
            .text(issue.publication, WordRunFormat(spacing: 40)),
        ])))
        blocks.append(.paragraph(WordParagraph(style: WordStyles.centred, inlines: [.text(issueLine)])))
        blocks.append(.paragraph(WordParagraph(
            bottomRule: WordRule(color: F.red, eighths: 18),
            tabs: [WordTabStop(kind: "right", position: F.portrait.textWidth)],
            inlines: [.text("\u{3000}" + XMLBuild.line(issue.issuer)), .tab, .text(date + "\u{3000}")])))
        blocks.append(.paragraph(WordParagraph()))
        return blocks
    }

    // MARK: - Contents

    private static func contents(_ entries: [CaseRecord]) -> [WordBlock] {
        var blocks: [WordBlock] = [.paragraph(WordParagraph(style: WordStyles.centred, keepNext: true, inlines: [
            .text("目\u{3000}\u{3000}录", WordRunFormat(font: F.headingFont)),
        ]))]
        for (i, entry) in entries.enumerated() {
            // Wrapped lines of a title align after its number (一、 is two characters wide).
            blocks.append(.paragraph(WordParagraph(hangingChars: 200, leftChars: 400, inlines: [
                .text("\(ChineseDates.numeral(i + 1))、\(XMLBuild.line(entry[.title]))"),
            ])))
        }
        return blocks
    }

    // MARK: - Achievements

    private static func achievement(_ entry: CaseRecord, number: Int) -> [WordBlock] {
        let kai = WordRunFormat(font: F.subheadingFont)
        var blocks: [WordBlock] = [
            .paragraph(WordParagraph(keepNext: true)),
            .paragraph(WordParagraph(style: WordStyles.heading1, inlines: [
                .text("\(ChineseDates.numeral(number))、\(XMLBuild.line(entry[.title]))"),
            ])),
        ]
        let assessment = entry.assessment
        var category = XMLBuild.line(assessment.category)
        let subtype = XMLBuild.line(assessment.subtype)
        if !category.isEmpty && !subtype.isEmpty { category += "（\(subtype)）" }
        let facts = FactLines.lines([
            [("报送单位", entry[.submitter]), ("归口部门", entry[.supervisor])],
            [("成果类别", category), ("技术水平", assessment.level), ("所属产业", assessment.industry)],
        ])
        for line in facts {
            blocks.append(.paragraph(WordParagraph(style: WordStyles.body, keepNext: true, inlines: [.text(line, kai)])))
        }
        for text in XMLBuild.paragraphs(entry[.summary]) {
            blocks.append(.paragraph(WordParagraph(style: WordStyles.body, inlines: [.text(text)])))
        }
        return blocks
    }
}
