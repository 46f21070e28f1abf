@testable import BulletinCore
import Foundation
import Testing

/// The fifth speed pass (issue 14): labels compared without normalising, and Foundation's substring search read as a
/// byte search where it cannot differ. Each must answer as the call it replaces, on ordinary and awkward strings.
@Suite struct ScoreSpeedEquivalence5Tests {
    /// The taxonomy's labels, near misses, and strings equal under `==` with other bytes (NFD accents, a CJK
    /// compatibility ideograph, which decomposes canonically to a unified one).
    static let labels: [String] = LabelIndex.labels + [
        "", "其", "其它 ", "基础研究成果·论文", "论文\u{301}", "e\u{301}", "\u{E9}", "\u{F900}", "\u{8C48}", "ＡＢＣ", "ABC", "abc",
        "电子信息\u{200D}", "先进材料", String("先进材料".reversed()), "新兴产业", "😀", "a😀", "\u{1100}\u{1161}", "\u{AC00}",
    ]

    @Test func labelsAreEqualExactlyWhenTheStandardLibrarySaysSo() {
        for a in Self.labels {
            for b in Self.labels {
                #expect(LabelText.same(a, b) == (a == b), "\(a.unicodeScalars.map(\.value)) vs \(b.unicodeScalars.map(\.value))")
            }
        }
        #expect(LabelText.same("\u{F900}", "\u{8C48}"))
        #expect(LabelText.same("e\u{301}", "\u{E9}"))
        #expect(!LabelText.same("应用研究成果", "基础研究成果"))
    }

    @Test func everyLabelHasItsNumberAndOthersNone() {
        for label in Self.labels {
            let expected = LabelIndex.labels.firstIndex(of: label).map(Int16.init) ?? -1
            #expect(LabelIndex.of(label) == expected, "\(label)")
        }
        for (i, label) in LabelIndex.labels.enumerated() {
            let category = AchievementTaxonomy.category(ofSubtype: label)
            #expect(LabelIndex.categoryOfSubtype[i]?.label == category)
            #expect(LabelIndex.category(ofSubtype: label, id: Int16(i))?.label == category)
        }
        #expect(LabelIndex.category(ofSubtype: "发明专利", id: LabelIndex.of("发明专利"))?.label == "应用研究成果")
        #expect(AchievementTaxonomy.category(ofSubtype: "论文") == "基础研究成果")
        #expect(AchievementTaxonomy.category(ofSubtype: "其它") == nil)
    }

    /// The quick prefix test answers as `hasPrefix`, on conclusions and on strings whose first characters are
    /// equal with other scalars (a kana with its voicing mark composed or not).
    @Test func prefixesAreTheStandardLibrarysOnes() {
        let strings = ["用途：「用于」的对象", "「芯片」指向产业「电子信息」", "技术水平取「国际先进」", "只对部分工作声称", "用", "",
                       "\u{304C}ある", "\u{304B}\u{3099}ある", "\u{F900}豈", "豈", "用\u{301}途：", "「", "a用途"]
        let prefixes = ["用途：", "技术水平取", "只对部分工作", "「", "\u{304C}", "\u{304B}\u{3099}", "豈", "\u{F900}", "", "用"]
        for s in strings {
            for p in prefixes {
                #expect(LabelText.hasPrefix(s, p) == s.hasPrefix(p), "\(s) / \(p)")
            }
        }
    }

    /// Sums kept by number give what a dictionary keyed by the strings gives, unknown labels included.
    @Test func labelTotalsOfKnownAndUnknownLabelsAddAsADictionaryDoes() {
        let votes: [(String, Double)] = [("电子信息", 2), ("自定义产业", 1), ("e\u{301}", 0.5), ("\u{E9}", 0.25), ("电子信息", 1),
                                         ("自定义产业", -0.5), ("其他", 0.1), ("其它", 0.2)]
        var dictionary: [String: Double] = [:]
        var totals = LabelTotals()
        for (label, weight) in votes {
            dictionary[label, default: 0] += weight
            totals.add(weight, to: label)
        }
        #expect(totals.dictionary == dictionary)
        for (label, value) in dictionary { #expect(totals[label] == value) }
        #expect(totals["未投票"] == nil)
        #expect(totals.largest(except: "电子信息") == 0.75)
    }

    /// Foundation's `contains` and the byte search agree on every labelled text for words of the farm-animal and drug
    /// checks, and on texts made to reach the corners (combining marks, a compatibility ideograph, emoji).
    @Test func bytesHoldWhatFoundationFinds() {
        let words = ["兽用", "兽药", "疫苗", "猪", "家禽", "水产", "养殖", "牛", "鱼", "技术", "Nature", "a", "。", "用"]
        let corners = ["兽用\u{301}疫苗", "兽\u{301}用", "\u{F900}兽用", "猪😀疫苗", "家禽\u{200D}养殖", "ｏ兽药", "兽药", "", "兽",
                       "e\u{301}", "Natureé", "技术\r\n", "豬瘟疫苗用于猪", "牛\u{FE0F}"]
        var compared = 0
        for text in ScoreSpeedEquivalence4Tests.texts.prefix(400) + corners {
            for word in words {
                #expect(IndustryPhrasesRule.holds(text, word) == text.contains(word), "\(word) in \(text)")
                for sentence in text.split(whereSeparator: { "。；！？;!?\n".contains($0) }).prefix(3) {
                    #expect(IndustryPhrasesRule.holds(sentence, word) == sentence.contains(word), "\(word) in \(sentence)")
                }
                compared += 1
            }
        }
        #expect(compared > 5000)
    }

    /// A field's half-width and folded units, made from its own units in one pass, are those of
    /// `TextForm.halfWidthASCII` of it, and the original's words stay the field's own.
    @Test func unitsAreThoseOfTheHalfWidthText() {
        let corners = ["ＰＣＴ专利３件，达到国际先进水平。", "全角空格\u{3000}与\u{A0}不换行\u{2009}细空格\u{205F}", "𠀀扩展区ＡＢＣ😀", "", "Ａ"]
        for text in ScoreSpeedEquivalence4Tests.texts + corners {
            let t = ScoringText(field: .summary, text: text, weight: 1)
            let half = TextForm.halfWidthASCII(text)
            #expect(t.units == Array(half.utf16), "\(text)")
            #expect(t.foldedUnits == Array(half.utf16).map(ScoringText.fold))
            #expect(t.normalised == half)
            #expect(t.words(NSRange(location: 0, length: t.length)) == text)
        }
    }

    /// Money amounts read from the window's own words are those the expression finds in the whole text within the
    /// window (as `MoneyAmount` read them before), for windows starting anywhere in every labelled text.
    @Test func amountsInAWindowAreThoseOfTheWholeText() throws {
        let expression = try NSRegularExpression(
            pattern: "(数十|数百|数千|数|[0-9][0-9,]*(?:\\.[0-9]+)?|[零一二两三四五六七八九十百千]+)\\s*(?:余|多)?\\s*(亿|千万|百万|万)?\\s*元")
        let corners = ["新增产值3.2亿元，利润5000万元", "销售收入十余亿元、数百亿元", "合同金额1,200万元", "产值 12 . 5 万 元", "利税二千三百万元",
                       "收入12.5.3元", "𠀀3亿元😀4万元", "金额\t5\u{2028}万元"]
        var compared = 0, found = 0
        for text in ScoreSpeedEquivalence4Tests.texts.prefix(600) + corners {
            let t = ScoringText(field: .summary, text: text, weight: 1)
            for start in stride(from: 0, to: t.length, by: 5) {
                for length in [4, 12, 30] where start + length <= t.length {
                    let range = NSRange(location: start, length: length)
                    let direct = expression.matches(in: t.normalised, range: range).compactMap { m -> (Double, NSRange)? in
                        let number = t.normalisedWords(m.range(at: 1))
                        let unit = m.range(at: 2).location == NSNotFound ? "" : t.normalisedWords(m.range(at: 2))
                        let several: [String: Double] = ["数": 2, "数十": 20, "数百": 200, "数千": 2000]
                        let scales: [String: Double] = ["亿": 10_000, "千万": 1_000, "百万": 100, "万": 1]
                        guard let v = Double(number.replacingOccurrences(of: ",", with: "")) ?? MoneyAmount.chineseValue(number)
                            ?? several[number] else { return nil }
                        let scale = scales[unit] ?? 0.0001
                        return (v * scale, m.range)
                    }
                    let made = MoneyAmount.amounts(in: t, range: range)
                    #expect(made.map { $0.wanYuan } == direct.map { $0.0 }, "\(text) \(range)")
                    #expect(made.map { $0.range } == direct.map { $0.1 }, "\(text) \(range)")
                    compared += 1
                    found += direct.count
                }
            }
        }
        #expect(compared > 10_000)
        #expect(found > 100)
    }

    /// The summary's length counted from its units is `TextForm`'s count from its scalars, nil where that is nil.
    @Test func lengthsFromUnitsAreThoseFromScalars() {
        let corners = ["简介\n第二行", "e\u{301}", "𠀀扩展区", "😀", "\r\n", "ＡＢＣ，。", "\u{2028}", "", "ĀāŐ", "\u{250}"]
        for text in ScoreSpeedEquivalence4Tests.texts + corners {
            #expect(CompletenessRule.simpleCount(Array(text.utf16)) == TextForm.simpleCharacterCount(text), "\(text)")
        }
    }

    /// Whether a title names a technology before its head, by bytes, is what Foundation's backward search and
    /// `hasSuffix` said, on every labelled title and on corners.
    @Test func technologyBeforeTheHeadAsFoundationReadsIt() {
        func reference(_ head: String, _ title: String) -> Bool {
            guard let range = title.range(of: head, options: .backwards) else { return false }
            let before = title[..<range.lowerBound]
            return IndustryPhrasesRule.technologyLeads.contains { before.hasSuffix($0) }
        }
        let heads = ["装备", "设备", "机组", "系统", "装置", "机", "技术", "平台", "Pump"]
        let corners = ["关键技术与装备", "核心技术装备及其应用", "技术\u{301}装备", "\u{F900}技术装备", "装备技术装备", "技术和装备😀",
                       "技术及Pump", "装备"]
        var checked = 0
        for title in Array(ScoreSpeedEquivalence4Tests.texts.prefix(1500)) + corners where title.count < 80 {
            for head in heads {
                #expect(IndustryPhrasesRule.technologyBefore(head, in: title) == reference(head, title), "\(head) in \(title)")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    /// A voter's candidates, marked as bits and read out in order, are what the sorted list gave less the patterns
    /// whose required words the text lacks (which find nothing): every literal cue the scan found and every other
    /// pattern, in flat order, each once; on every labelled text, for each voter of the repository's rules.
    @Test func votersTryTheCuesTheSortedListTried() throws {
        let scorer = try ScoreTestSupport.rulesScorer()
        var voters: [CueVoter] = []
        for rule in scorer.evidenceRules {
            switch rule {
            case let r as CategoryPhrasesRule: voters.append(r.voter)
            case let r as SubtypePhrasesRule: voters.append(r.voter)
            case let r as IndustryPhrasesRule: voters.append(r.voter)
            case let r as TransferEvidenceRule: voters.append(r.voter)
            case let r as FirstOfKindRule: voters.append(r.voter)
            default: break
            }
        }
        #expect(voters.count == 5)
        var patternsSkipped = 0, patternsTried = 0
        for text in ScoreSpeedEquivalence4Tests.texts.prefix(800) {
            let t = ScoringText(field: .summary, text: text, weight: 1)
            for voter in voters {
                var expected: [Int32] = []
                for (i, cue) in voter.flatCues.enumerated() {
                    if let id = cue.literalID {
                        if t.contains(literal: id) { expected.append(Int32(i)) }
                    } else if cue.gateMissing(in: t) {
                        #expect(cue.ranges(in: t).isEmpty)
                        patternsSkipped += 1
                    } else {
                        expected.append(Int32(i))
                        patternsTried += 1
                    }
                }
                #expect(voter.candidates(in: t) == expected)
            }
        }
        #expect(patternsSkipped > 1000)
        #expect(patternsTried > 100)
    }

    /// Two decimals written digit by digit are `String(format: "%.2f")`'s.
    @Test(arguments: [0.0, -0.0, 0.005, 0.015, 0.125, 1.0, 2.5, 9.995, 10, 99.999, 123456.785, -3.14159, 1e12 + 0.5, 0.1 + 0.2])
    func twoDecimalsAreTheFormattersOwn(x: Double) {
        #expect(Tally.format(x) == String(format: "%.2f", x))
    }
}
