/// The head of a list or a table (not the bulletin, which has its masthead): the title in 方正小标宋 2号,
/// the issuer and date in 楷体, then a blank line.
enum DocumentHead {
    /// The head's paragraphs. `titleLines` are the title's lines where the layout chose to turn them
    /// (GB/T 9704 7.3.2: whole words on each line, in a trapezoid or diamond), written as line breaks in
    /// one paragraph; `date` is already in Chinese (2026年12月28日).
    static func blocks(titleLines: [String], issuer: String, date: String) -> [WordBlock] {
        var title: [WordInline] = []
        for (i, line) in titleLines.enumerated() {
            if i > 0 { title.append(.lineBreak) }
            title.append(.text(line))
        }
        return [
            .paragraph(WordParagraph(style: WordStyles.title, inlines: title)),
            .paragraph(WordParagraph(style: WordStyles.centred, inlines: [
                .text("\(XMLBuild.line(issuer))\u{3000}\(date)", WordRunFormat(font: OfficialFormat.subheadingFont)),
            ])),
            .paragraph(WordParagraph()),
        ]
    }
}
