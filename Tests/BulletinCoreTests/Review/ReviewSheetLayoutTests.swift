@testable import BulletinCore
import Foundation
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
}
