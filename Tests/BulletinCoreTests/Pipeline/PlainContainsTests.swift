@testable import BulletinCore
import Foundation
import Testing

/// `containsAsFoundation` gives Foundation's `contains` answer: on the scorer's real-looking conclusions, on
/// random plain strings built to hit and miss, and on the strings it must leave to Foundation (combining marks,
/// composing kana, Hangul, CRLF), where a byte search would answer differently.
@Suite struct PlainContainsTests {
    @Test func conclusionsAnswerAsFoundation() {
        let conclusions = ["类别：应用研究成果（命中「产业化」「示范应用」）", "技术水平：国际领先（经第三方评价）",
                           "行业：电子信息——集成电路", "成果转移转化案例：签订技术转让合同 3 项，合同金额 1200 万元",
                           "未见技术水平表述…", "“国内先进”见于摘要", "产业化→应用研究成果"]
        let values = ["应用研究成果", "国际领先", "国内先进", "电子信息", "成果转移转化案例", "集成电路", "基础研究成果", "", "1200", "“国内"]
        for c in conclusions {
            for v in values where !v.isEmpty {
                #expect(c.containsAsFoundation(v) == c.contains(v), "\(c) / \(v)")
            }
        }
        #expect(conclusions[0].containsAsFoundation("应用研究成果"))
        #expect(!conclusions[0].containsAsFoundation("基础研究成果"))
    }

    @Test func randomPlainStringsAnswerAsFoundation() {
        var rng = SplitMix64(seed: 14)
        let alphabet = Array("研究成果应用国际领先内先进（）「」：，。、—…“”ab12 %")
        var hits = 0
        for _ in 0..<3000 {
            let hay = String((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "研" })
            var needle = String((0..<Int.random(in: 1...3, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "研" })
            if !hay.isEmpty, Bool.random(using: &rng) {
                let chars = Array(hay)
                let start = Int.random(in: 0..<chars.count, using: &rng)
                needle = String(chars[start..<min(chars.count, start + Int.random(in: 1...4, using: &rng))])
            }
            let expected = hay.contains(needle)
            if expected { hits += 1 }
            #expect(hay.containsAsFoundation(needle) == expected, "\(hay) / \(needle)")
        }
        #expect(hits > 500)
    }

    @Test func stringsAByteSearchGetsWrongGoToFoundation() {
        // Each pair is one where byte search and Foundation disagree; the answer must be Foundation's.
        let cases: [(String, String)] = [("cafe\u{301}", "cafe"), ("caf\u{E9}", "cafe\u{301}"), ("\u{304C}", "\u{304B}"),
                                         ("\u{304B}\u{3099}", "\u{304C}"), ("\u{AC00}", "\u{1100}"), ("a\r\nb", "\n"),
                                         ("国内\u{302A}先进", "国内"), ("\u{219A}", "\u{2190}"), ("\u{2190}\u{338}", "\u{219A}")]
        for (hay, needle) in cases {
            #expect(hay.containsAsFoundation(needle) == hay.contains(needle), "\(hay.unicodeScalars.map(\.value)) / \(needle.unicodeScalars.map(\.value))")
        }
        #expect(!"cafe\u{301}".isPlainForSearch)
        #expect("国际领先（经第三方评价）".isPlainForSearch)
    }

    /// `isPlainForSearch`, read from the UTF-8 bytes, is the scalar-by-scalar answer: for every scalar of the
    /// Basic Multilingual Plane alone and inside plain text, for emoji and other four-byte scalars, for two-byte
    /// ones, and for random strings of them (native strings and bridged ones).
    @Test func plainnessFromTheBytesIsTheScalarsAnswer() {
        func byScalars(_ s: String) -> Bool { s.unicodeScalars.allSatisfy { String.isPlainScalar($0.value) } }
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v), v < 0x3_0000 || v % 97 == 0 else { continue }
            let alone = String(Character(u)), inside = "研究" + String(Character(u)) + "ab"
            #expect(alone.isPlainForSearch == byScalars(alone), "U+\(String(v, radix: 16))")
            #expect(inside.isPlainForSearch == byScalars(inside), "U+\(String(v, radix: 16))")
        }
        var rng = SplitMix64(seed: 61)
        let alphabet: [Unicode.Scalar] = ["a", " ", "~", "\u{7F}", "\u{1F}", "\u{A0}", "\u{E9}", "\u{301}", "\u{7FF}", "\u{800}", "\u{2010}",
                                          "\u{2027}", "\u{2028}", "\u{3000}", "\u{302A}", "\u{3030}", "\u{3400}", "\u{4E00}", "\u{9FFF}",
                                          "\u{A000}", "\u{FF01}", "\u{FF60}", "\u{FF61}", "\u{FFFD}", "\u{1F600}", "\u{20000}"]
        var plain = 0
        for _ in 0..<5000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &rng) { s.append(alphabet.randomElement(using: &rng) ?? "a") }
            let text = String(s)
            if byScalars(text) { plain += 1 }
            #expect(text.isPlainForSearch == byScalars(text), "\(text.unicodeScalars.map(\.value))")
            let bridged = NSString(string: text) as String
            #expect(bridged.isPlainForSearch == byScalars(text))
        }
        #expect(plain > 100)
    }
}
