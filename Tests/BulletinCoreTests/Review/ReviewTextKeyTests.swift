@testable import BulletinCore
import Testing

/// `ReviewText.key` takes a text of printable ASCII and CJK ideographs without Foundation's NFKC
/// (`ReviewText.plainKey`): its answer must be the NFKC path's (`normalisedKey`) for every text, and the fast path
/// must be the one taken for what a returned sheet mostly holds (case ids, decision words).
@Suite struct ReviewTextKeyTests {
    /// Pieces of what cells hold, chosen around the fast path's edges: ASCII and its trailing punctuation, spaces of
    /// every kind, full-width forms, CJK ideographs at the ends of U+4E00–U+9FFF and just outside it, CJK
    /// compatibility ideographs and Kangxi radicals (NFKC maps both to U+4E00–U+9FFF), dash look-alikes, Chinese
    /// punctuation, a combining accent, Hangul jamo (NFKC composes them into a syllable), CR LF, emoji.
    static let pieces: [String] = [
        "2026-11-0007", "A", "z", "~", "!", ".", ",", ";", "?", "-", "通过", "不通过", "拟入选", "退回", "暂缓",
        "一", "\u{9FFF}", "\u{4DFF}", "\u{A000}", "\u{3400}", " ", "\u{3000}", "\u{00A0}", "\u{FEFF}", "\t", "\r\n",
        "\n", "２０２６", "ＡＢ", "－", "\u{2014}", "\u{2212}", "\u{2010}", "。", "，", "；", "！", "、", "\u{F900}",
        "\u{2F00}", "e\u{0301}", "\u{0301}", "\u{1100}\u{1161}", "\u{AC00}", "😀", "①", "ﬁ", "㎏", "\u{7F}", "\u{80}",
    ]

    @Test func theFastKeyIsTheNormalisedOne() {
        var g = SplitMix64(seed: 53_017)
        var fast = 0, checked = 0
        for _ in 0..<6000 {
            let text = (0..<Int.random(in: 0...5, using: &g)).map { _ in Self.pieces.randomElement(using: &g)! }.joined()
            let want = ReviewText.normalisedKey(text)
            #expect(ReviewText.key(text) == want, "\(Array(text.unicodeScalars.map(\.value)))")
            if let plain = ReviewText.plainKey(text) {
                #expect(plain == want, "plain: \(Array(text.unicodeScalars.map(\.value)))")
                fast += 1
            }
            checked += 1
        }
        // Both paths are exercised.
        #expect(fast > 300 && checked - fast > 3000)
    }

    @Test func whatASheetMostlyHoldsTakesTheFastPath() {
        for text in ["2026-11-0007", "通过", "不通过", "拟入选", "通过.", "3", "2.0", "2026-11-0007.", "基础处"] {
            #expect(ReviewText.plainKey(text) != nil, "\(text)")
        }
        #expect(ReviewText.plainKey("通过.") == "通过")
        #expect(ReviewText.plainKey("通过!.") == "通过")
        #expect(ReviewText.plainKey("...") == "")
        // NFKC work, spaces and dashes go the long way, and come out as before.
        for (text, key) in [("２０２６－１１－０００７", "2026-11-0007"), ("\u{3000}通过 ", "通过"), ("通过！", "通过"), ("通过。", "通过"),
                            ("\u{2F00}", "一")] {
            #expect(ReviewText.plainKey(text) == nil, "\(text)")
            #expect(ReviewText.key(text) == key, "\(text)")
        }
    }
}
