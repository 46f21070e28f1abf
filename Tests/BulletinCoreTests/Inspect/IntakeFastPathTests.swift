import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// The fast paths of spreadsheet intake give exactly what the general code gives.
@Suite struct IntakeFastPathTests {
    // MARK: - JSON

    static func encoderBytes(_ line: InspectionLine) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try [UInt8](encoder.encode(line))
    }

    static func line(_ text: String, weights: [Double], score: Double = 0) -> InspectionLine {
        let reasons = weights.map { Reason(rule: "categoryPhrases", field: "summary", matched: text, weight: $0, conclusion: "「\(text)」") }
        return InspectionLine(file: "成都市科技局-汇总.csv", index: 20_001, location: "line 20002", fields: ["title": text, "summary": text],
                              classified: false, category: "应用研究成果", subtype: "创新产品", level: "", industry: "电子信息", score: score,
                              reasons: reasons, problems: [], notes: [], flags: [], titleKey: "C0123", eligible: true, assessment: Assessment())
    }

    /// A character needing escape at every position of an eight-byte word, after ASCII and after Chinese.
    @Test func escapesAreFoundAtEveryPositionOfAWord() throws {
        for lead in ["", "a", "ab", "abc", "成", "成a", "成果", "成果a", "研制出国内首台"] {
            for odd in ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\t", "\r\n"] {
                for tail in ["", "x", "，已在9家企业批量应用。"] {
                    let text = lead + odd + tail + String(repeating: "转化", count: lead.count % 3)
                    let l = Self.line(text, weights: [1])
                    #expect(l.jsonBytes() == (try Self.encoderBytes(l)), "\(text.debugDescription)")
                }
            }
        }
    }

    @Test func wholeAndFractionalNumbersAreSpelledAsTheEncoderSpellsThem() throws {
        let weights: [Double] = [0, -0.0, 1, -1, 2, 10, 99, 100, 1_000_000, 123_456_789_012_345, 999_999_999_999_999, 1e15, 1e16, -1e15,
                                 -7, 0.5, 2.25, -3.5, 61.25, 1e-3, Double(Int64.max), 4.0e18]
        for score in weights {
            let l = Self.line("油气田智能钻井系统", weights: weights, score: score)
            #expect(l.jsonBytes() == (try Self.encoderBytes(l)), "score \(score)")
        }
        var buffer: [UInt8] = Array("kept".utf8)
        let l = Self.line("甲", weights: [3])
        #expect(l.writeJSON(appendingTo: &buffer))
        #expect(buffer == Array("kept".utf8) + (try Self.encoderBytes(l)))
    }

    // MARK: - Title keys

    /// Every scalar the fast path keeps is a caseless letter; every one it drops is neither letter nor digit.
    @Test func theTitleKeysFastRangesAgreeWithTheCharacterSets() {
        let letters = CharacterSet.letters, digits = CharacterSet.decimalDigits
        var kept = 0, dropped = 0
        for v: UInt32 in 0x0800...0xFFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if TitleKeyText.keptIdeograph(v) {
                #expect(letters.contains(u) && String(u).lowercased() == String(u), "U+\(String(v, radix: 16))")
                kept += 1
            }
            if TitleKeyText.droppedPunctuation(v) {
                #expect(!letters.contains(u) && !digits.contains(u), "U+\(String(v, radix: 16))")
                dropped += 1
            }
        }
        #expect(kept > 27_000 && dropped > 100)
        for v: UInt32 in 0...0x7F {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = String(u)
            #expect((TitleKeyText.fastBytes(s) ?? [0xFF]) == TitleKeyText.bytes(s), "U+\(String(v, radix: 16))")
        }
    }

    @Test func titleKeysReadFastAreTheKeysOfTheDefinition() {
        let titles = ["油气田智能钻井系统研制及产业化示范0", "ABC-12 型“智能”控制器（第二代）", "5G+工业互联网·平台", "Ⅲ期临床试验", "々〆〇测试",
                      "αβγ 材料", "ＡＢＣ１２３全角", "新型锂电池正极材料 LiFePO4 的制备", "", "  ", "——《科学通报》……", "𠀀扩展B汉字", "ﬁ连字",
                      "İstanbul 项目", "Straße 道路", "钻井\u{200B}系统", "﹏﹏", "￥100万元"]
        var fast = 0
        for t in titles {
            let half = TextForm.halfWidthASCII(t)
            if let f = TitleKeyText.fastBytes(half) {
                #expect(f == TitleKeyText.bytes(half), "\(t)")
                fast += 1
            }
        }
        #expect(fast >= 6)
        #expect(SubmissionProcessor.titleKey(title: "油气田智能钻井系统") == SubmissionProcessor.titleKey(title: "油气田 智能钻井系统。"))
        #expect(SubmissionProcessor.titleKey(title: "ABC型") == SubmissionProcessor.titleKey(title: "ａｂｃ型"))
    }
}
