@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// The review worksheet's row heights and formula-looking text, worked out in one pass per cell, against the
/// code they replaced (split into paragraphs, sum each paragraph's scalars; compare the first character), on
/// random text with line feeds alone and in "\r\n" pairs, CJK, emoji and combining marks.
@Suite struct ReviewSheetLayoutTests {
    /// The row height as it was written before: split on "\n" characters, then sum each paragraph's units.
    static func referenceRowHeight(_ cells: [(text: String, header: String)]) -> String {
        var lines = 1
        for (text, header) in cells where !text.isEmpty {
            let width = max((Double(ReviewSheetLayout.width(header)) ?? 10) - 1, 1)
            var count = 0
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let units = paragraph.unicodeScalars.reduce(0.0) { $0 + (ReviewSheetLayout.isWide($1) ? 2 : 1.05) }
                count += max(1, Int((units / width).rounded(.up)))
            }
            lines = max(lines, count)
        }
        return ReviewSheetLayout.number(min(Double(lines) * ReviewSheetLayout.lineHeight + 3, 409))
    }

    static func referenceLooksLikeFormula(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        return "=+-@".contains(first) || "＝＋－＠".contains(first)
    }

    static let pieces = ["", "a", "Z", "1", " ", "成果", "研制", "，", "。", "\n", "\r\n", "\r", "\n\n", "\t", "😀", "e\u{301}", "\u{301}",
                         "ｱ", "한", "=", "+", "-", "@", "＝", "＋", "－", "＠", "𠀀", "\u{3000}", "——", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    static let headers = ReviewColumns.machine + ["初选意见", ReviewColumns.adjustCategory, ReviewColumns.adjustLevel, ReviewColumns.adjustIndustry,
                                                  ReviewColumns.order, ReviewColumns.note, ReviewColumns.reviewer, ReviewColumns.refusal, "其它"]

    static func text<G: RandomNumberGenerator>(_ g: inout G, upTo n: Int) -> String {
        (0..<Int.random(in: 0...n, using: &g)).map { _ in pieces.randomElement(using: &g) ?? "" }.joined()
    }

    @Test func rowHeightsAreThoseOfSplittingIntoParagraphs() {
        var g = SystemRandomNumberGenerator()
        var heights = Set<String>()
        for _ in 0..<5_000 {
            let cells = (0..<Int.random(in: 0...6, using: &g)).map { _ in
                (text: Self.text(&g, upTo: 40), header: Self.headers.randomElement(using: &g) ?? "其它")
            }
            let height = ReviewSheetLayout.rowHeight(cells)
            heights.insert(height)
            #expect(height == Self.referenceRowHeight(cells), "\(cells)")
        }
        #expect(heights.count > 5, "the random rows wrap to several heights: \(heights.sorted())")
        // The two ends of a "\r\n" pair are one character, so they do not end a paragraph; a lone "\n" does.
        #expect(ReviewSheetLayout.lineCount("ab\r\ncd", width: 10) == 1)
        #expect(ReviewSheetLayout.lineCount("ab\ncd", width: 10) == 2)
        #expect(ReviewSheetLayout.lineCount("\n", width: 10) == 2)
    }

    /// The UTF-8 reading of legality and the Foundation-free trim answer as `XMLBuild.legal` and Foundation do, on
    /// random text with controls, U+FFFD–U+FFFF, emoji, and space separators of every kind at either end.
    @Test func legalityAndTrimmingAreThoseTheyReplace() {
        var g = SystemRandomNumberGenerator()
        let ends = ["", " ", "\t", "\u{A0}", "\u{3000}", "\u{2009}", "\u{200B}", "\u{1680}", "\n", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
                    "😀", "基础处", "a", "\u{85}", "\u{202F}"]
        var illegal = 0, trimmed = 0
        for _ in 0..<5_000 {
            let text = (ends.randomElement(using: &g) ?? "") + Self.text(&g, upTo: 6) + (ends.randomElement(using: &g) ?? "")
            let legal = ReviewSheetLayout.isLegalXML(text)
            #expect(legal == (XMLBuild.legal(text) == text) && legal == text.unicodeScalars.allSatisfy(XMLBuild.isLegal), "\(text.unicodeScalars.map(\.value))")
            if !legal { illegal += 1 }
            let t = text.trimmingWhitespacesAsFoundation
            #expect(t == text.trimmingCharacters(in: .whitespaces) && Array(t.utf8) == Array(text.trimmingCharacters(in: .whitespaces).utf8))
            if t != text { trimmed += 1 }
        }
        #expect(illegal > 100 && trimmed > 100, "\(illegal) \(trimmed)")
    }

    /// `padded` answers as comparing the first and last characters did (and as `cell` still does), on text
    /// ending in what joins the character before it (combining marks, ZWJ and emoji, regional indicators, Hangul
    /// jamo, CR LF) or starting with Prepend (U+0600) or whitespace of every kind, and on the fast path's scalars.
    @Test func paddedTextIsThatOfComparingTheFirstAndLastCharacters() {
        var g = SystemRandomNumberGenerator()
        let ends = [" ", "\u{3000}", "\t", "\n", "\r\n", "\u{A0}", "\u{2028}", "\u{85}", "\u{1680}", "\u{202F}", "\u{205F}", "\u{301}", "\u{200D}",
                    "\u{200D}😀", "😀", "👍🏽", "🇨🇳", "\u{1100}\u{1161}", "\u{0600}", "\u{0600}1", "\u{0600} ", " \u{301}", "\u{3000}\u{302A}",
                    "a", "~", "!", "研", "\u{3400}", "、", "」", "【", "】", "\u{3012}", "，", "～", "｠", "\u{FF61}", "\u{FF9E}", "ｱ\u{FF9E}",
                    "e\u{301}", "\u{1F}", "\u{7F}"]
        var preserved = 0
        for _ in 0..<20_000 {
            let text = (ends.randomElement(using: &g) ?? "") + Self.text(&g, upTo: 4) + (ends.randomElement(using: &g) ?? "")
                + (Bool.random(using: &g) ? ends.randomElement(using: &g) ?? "" : "")
            let expected = text.first?.isWhitespace == true || text.last?.isWhitespace == true
            if expected { preserved += 1 }
            #expect(ReviewSheetLayout.padded(text) == expected, "\(text.unicodeScalars.map(\.value))")
        }
        #expect(preserved > 2_000 && preserved < 18_000)
        #expect(!ReviewSheetLayout.padded("") && ReviewSheetLayout.padded(" 研") && ReviewSheetLayout.padded("研\u{3000}") && !ReviewSheetLayout.padded("研究"))
    }

    @Test func formulaLookingTextIsThatOfComparingTheFirstCharacter() {
        var g = SystemRandomNumberGenerator()
        let starts = ["=\u{301}", "＝\u{301}", "+", "@x", "-\u{20DD}", "", "\u{301}=", "e"]
        for _ in 0..<5_000 {
            let text = (starts.randomElement(using: &g) ?? "") + Self.text(&g, upTo: 4)
            #expect(ReviewSheetLayout.looksLikeFormula(text) == Self.referenceLooksLikeFormula(text), "\(text.unicodeScalars.map(\.value))")
        }
        #expect(ReviewSheetLayout.looksLikeFormula("=SUM(A1)") && ReviewSheetLayout.looksLikeFormula("＠人"))
        #expect(!ReviewSheetLayout.looksLikeFormula("=\u{301}x"), "an = with a combining mark is another character")
    }

    /// A cell as `XMLBuild` built it before the cell was built directly.
    static func referenceCell(_ ref: String, _ value: ReviewSheetLayout.CellValue, _ style: ReviewWorkbookStyles.Style) -> XMLElement {
        var attributes = [XMLAttribute(name: "r", value: ref)]
        if style != .plain { attributes.append(XMLAttribute(name: "s", value: String(style.rawValue))) }
        switch value {
        case .number(let d):
            return XMLElement(name: "c", attributes: attributes, children: [.element(XMLBuild.text("v", [:], ReviewSheetLayout.number(d)))])
        case .text(let t):
            let text = XMLBuild.legal(t)
            if text.isEmpty { return XMLElement(name: "c", attributes: attributes) }
            attributes.append(XMLAttribute(name: "t", value: "inlineStr"))
            let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true
            let t = preserve ? XMLBuild.text("t", ["xml:space": "preserve"], text) : XMLBuild.text("t", [:], text)
            return XMLElement(name: "c", attributes: attributes, children: [.element(XMLBuild.element("is", [:], [t]))])
        }
    }

    @Test func cellsAreThoseXMLBuildMade() {
        var g = SystemRandomNumberGenerator()
        let styles = (0..<20).compactMap(ReviewWorkbookStyles.Style.init(rawValue:))
        #expect(styles.count > 3)
        for _ in 0..<5_000 {
            let style = styles.randomElement(using: &g) ?? .plain
            let value: ReviewSheetLayout.CellValue = Bool.random(using: &g)
                ? .text((Bool.random(using: &g) ? " " : "") + Self.text(&g, upTo: 6) + (Bool.random(using: &g) ? "\u{3000}" : "") + (Bool.random(using: &g) ? "\u{1}" : ""))
                : .number(Double(Int.random(in: -50...50, using: &g)) / 4)
            #expect(ReviewSheetLayout.cell("B7", value, style) == Self.referenceCell("B7", value, style))
        }
    }

    /// A suggestion's reason as it was found before the one-pass loop: the findings that conclude it, filtered,
    /// then the heaviest by `max(by:)` (the first of equal weights).
    static func referenceReason(for value: String, _ a: Assessment) -> String {
        guard !value.isEmpty else { return "" }
        let plain = value.isPlainForSearch
        let conclusions = a.reasons.map(\.conclusion.isPlainForSearch)
        let found = zip(a.reasons, conclusions).filter { r, p in plain && p ? r.conclusion.holds(value) : r.conclusion.contains(value) }
            .map(\.0).max { $0.weight < $1.weight }
        guard let r = found else { return a.flags.first { $0.containsAsFoundation(value, needleIsPlain: plain) } ?? "" }
        return r.matched.isEmpty ? r.conclusion : "「\(r.matched)」: \(r.conclusion)"
    }

    /// And the score's reason: the three heaviest findings on words, ties in the order a sort of the findings gives.
    @Test func reasonsAreTheFirstHeaviestFinding() {
        var g = SystemRandomNumberGenerator()
        let values = ["应用研究成果", "国内领先", "装备制造", "创新产品", "e\u{301}", "", "研制"]
        var differ = 0
        for _ in 0..<3_000 {
            let reasons = (0..<Int.random(in: 0...9, using: &g)).map { i in
                Reason(rule: "r\(i)", field: "title", matched: Bool.random(using: &g) ? "" : "词\(i)", weight: Double(Int.random(in: 0...3, using: &g)),
                       conclusion: (values.randomElement(using: &g) ?? "") + Self.text(&g, upTo: 2) + "\(i)")
            }
            let a = Assessment(reasons: reasons, flags: Bool.random(using: &g) ? ["需人工确认：国内领先"] : [])
            let reference = a.reasons.filter { !$0.matched.isEmpty }.sorted { $0.weight > $1.weight }.prefix(3)
                .map { "「\($0.matched)」\($0.conclusion)" }.joined(separator: "；")
            #expect(ReviewSheetPlanner.scoreReason(a) == reference, "\(reasons)")
            for value in values {
                let got = ReviewSheetPlanner.reason(for: value, a)
                #expect(got == Self.referenceReason(for: value, a), "\(value) \(reasons)")
                let plain = a.reasons.map(\.conclusion.isPlainForSearch)
                #expect(ReviewSheetPlanner.reason(for: value, a, plainConclusions: plain) == got)
                if got != (a.reasons.first { $0.conclusion.contains(value) }.map { $0.matched.isEmpty ? $0.conclusion : "「\($0.matched)」: \($0.conclusion)" } ?? got) { differ += 1 }
            }
        }
        #expect(differ > 0, "ties and heavier later findings occur")
    }

    /// The review worksheet with its case rows written to the stream (`writeCaseRows`) is, byte for byte, the
    /// worksheet with the rows built as elements: on the sample sheets and on rows of random text (blank, padded,
    /// formula-looking, with control characters, the characters XML escapes, CJK and emoji), scores, orders and
    /// refusals.
    @Test func streamedCaseRowsAreTheTreesBytes() throws {
        var g = SystemRandomNumberGenerator()
        func bytesBothWays(_ sheet: ReviewSheet) throws -> ([UInt8], [UInt8]) {
            let layout = ReviewSheetLayout(sheet)
            let tree = try XMLWriter.document(layout.mainWorksheet())
            let streamed = try XMLWriter.document(layout.mainWorksheet(caseRows: false)) { e, out in
                if e.name == "sheetData" { layout.writeCaseRows(out) }
            }
            return (tree, streamed)
        }
        func random() -> String {
            (Bool.random(using: &g) ? " " : "") + Self.text(&g, upTo: 8) + (Int.random(in: 0..<5, using: &g) == 0 ? "\u{1}\u{3000}" : "")
                + (Int.random(in: 0..<4, using: &g) == 0 ? ["<a&b>", "\"引号\"", "\r", "'", "\u{FFFE}", "&amp;"].randomElement(using: &g) ?? "" : "")
        }
        var sheets = [ReviewSamples.screening, ReviewSamples.shortlist]
        for k in 0..<60 {
            let base = k % 2 == 0 ? ReviewSamples.screening : ReviewSamples.shortlist
            var rows: [ReviewRow] = []
            for n in 0..<Int.random(in: 0...12, using: &g) {
                var r = base.rows[n % base.rows.count]
                r.caseId = "2026-11-\(1000 + n)"
                r.title = random()
                r.submitter = random()
                r.category.reason = random()
                r.scoreReason = random()
                r.possibleDuplicates = random()
                if Bool.random(using: &g) { r.caseVersion = random() }
                r.score = Bool.random(using: &g) ? nil : Double(Int.random(in: -400...4000, using: &g)) / 8
                r.entry.decision = random()
                r.entry.order = Bool.random(using: &g) ? String(Int.random(in: 1...30, using: &g)) : random()
                r.entry.note = random()
                if k % 3 == 0 { r.refusal = random() }
                rows.append(r)
            }
            sheets.append(ReviewSheet(stage: base.stage, group: base.group, period: base.period, deadline: base.deadline,
                                      vocabulary: base.vocabulary, hasOrderColumn: base.hasOrderColumn, rows: rows))
        }
        for sheet in sheets {
            let (tree, streamed) = try bytesBothWays(sheet)
            #expect(streamed == tree, "\(sheet.rows.map(\.title))")
            #expect(tree.count > 1_000)
            // The identity worksheet's rows likewise (`writeIdentityRows`).
            let layout = ReviewSheetLayout(sheet)
            let identity = try XMLWriter.document(layout.identityWorksheet())
            #expect(try XMLWriter.document(layout.identityWorksheet(rows: false)) { e, out in
                if e.name == "sheetData" { layout.writeIdentityRows(out) }
            } == identity, "\(sheet.rows.map(\.caseVersion))")
            #expect(identity.count > 500)
        }
        // And the workbook's parts are the streamed ones.
        let sheet = try #require(sheets.last)
        let parts = try ReviewSheetWriter.parts(sheet)
        #expect(try #require(parts.first { $0.name == "xl/worksheets/sheet1.xml" }).bytes == (try bytesBothWays(sheet)).0)
        #expect(try #require(parts.first { $0.name == "xl/worksheets/sheet2.xml" }).bytes
                == (try XMLWriter.document(ReviewSheetLayout(sheet).identityWorksheet())))
    }
}
