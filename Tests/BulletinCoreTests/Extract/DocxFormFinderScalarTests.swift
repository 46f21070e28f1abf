import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// The form finder's label work on Unicode scalars (`SimpleScalars`) gives what the Character-level code gave:
/// every fast path is compared with the code it replaces, on labels as the template has them, variants people type,
/// values, and text the scalars do not cover (which must fall back): full-width and half-width forms, odd spaces,
/// CR LF, combining marks, CJK compatibility ideographs, Latin capitals, emoji, check boxes.
struct DocxFormFinderScalarTests {
    /// Labels, variants and values, with the characters that make Character-level text differ from scalars.
    static let texts: [String] = {
        var texts = DocxLabelVariantTests.standard + DocxLabelVariantTests.variants.map(\.1) + [
            "报送单位(产学研等单位)", "报 送 单 位", "报送单位：", "*报送单位", "＊联系人：", "归口部门：", "联 系 人：", "联系人:",
            "联系手机：", "手 机", "成果名称（全称）", "成 果 名 称", "成果来源单位", "案例简介（不超过1000字）", "案例简介(限1000字)",
            "案 例 简 介", "【案例简介】", "案例简介】", "（注）成果名称", "成果类别", "技术水平", "是否涉密", "密级", "所属领域", "完成人",
            "知识产权情况", "开户行：", "备注", "序号", "1", "12", "-3", "+86", "一二三", "²", "Submitter", "TITLE", "Ｔｉｔｌｅ", "title:",
            "联系人：张伟", "联系人:张伟 ", "联系手机：13800138000", "成果名称：车规级碳化硅", "a:b", "：", ":", "：：", " ", "\u{3000}",
            "四川大学", "成都市科技局", "张伟", "13800138000", "高新处", "重大处", "☑是 ☐否", "是☑ 否☐", "☐国际领先 ☑国际先进 ☐国内领先",
            "■是 □否", "✓", "“引号”内容", "项目攻克了关键技术，总体达到国际先进水平。", "车规级碳化硅功率器件关键技术（第12号）",
            "联系人\n张伟", "联系人\r\n张伟", "\n 联系人 \n\n", "\t联系人\t", "\u{00A0}联系人\u{00A0}", "\u{3000}联系人\u{3000}：",
            "联系\u{200B}人", "联系\u{FEFF}人", "联\u{0301}系人", "e\u{0301}", "é", "Å", "\u{212B}", "\u{F900}", "\u{8C48}",
            "联系人\u{2003}", "联系人\u{2028}", "联系人\u{0085}", "联系人\r", "\r", "👍联系人", "联系人👍🏽", "🇨🇳", "ＡＢＣ：", "İstanbul",
            "ÄÖÜ", "报送单位（产学研等单位）\n（盖章）", "归口市（州）科技局\n或省直部门", "成果来源（处室）：", "案例简介：（不超过1000字）",
            "☑ 是\u{3000}☐ 否", "是 ☑\n否 ☐", "☑☑是", "☐是☐否", "☑", "国际先进☑", " ☑ 国际领先 ", "√是 ○否", "☑是\u{FE0F} ☐否",
            "", "。", "，；", "联系人，电话", "联系人;", "[成果名称]", "(成果名称)", "成果名称((", "成果名称))", "が", "か\u{3099}",
        ]
        // Every label and alias of the configuration, and each with a colon, spaces, a character dropped or added.
        if let config = try? TestSupport.config() {
            for labels in Array(config.fields.values) + Array(config.optionalFields.values) {
                for l in [labels.label] + labels.aliases {
                    texts += [l, l + "：", " " + l + " ", String(l.dropLast()), String(l.dropFirst()), l + "号", "项目" + l,
                              l.map(String.init).joined(separator: " ")]
                }
            }
        }
        return texts
    }()

    @Test func cellLooksAsOnCharacters() {
        for text in Self.texts {
            let key = DocxTableScan.compactKey(text)
            let ends = !key.isEmpty && key.count <= DocxTableReader.labelLikeMaxLength
                && DocxTableScan.endsLikeLabelCharacters(text, key: key)
            let look = DocxTableScan.look(text)
            #expect(look.key == key && Array(look.key.utf8) == Array(key.utf8), "\(text.debugDescription)")
            #expect(look.length == key.count, "\(text.debugDescription)")
            #expect(look.endsLikeLabel == ends, "\(text.debugDescription)")
        }
    }

    @Test func trimmedLinesAsOnCharacters() {
        for text in Self.texts + Self.texts.map({ $0 + "\n\n " + $0 + " \n" }) {
            for separator in [UInt8(ascii: "\n"), UInt8(ascii: " ")] {
                let fast = DocxTableScan.trimmedLines(text, separator: separator)
                let slow = DocxTableScan.trimmedLinesCharacters(text, separator: separator)
                #expect(Array(fast.utf8) == Array(slow.utf8), "\(text.debugDescription)")
            }
        }
    }

    @Test func matchAndClosestAsOnCharacters() throws {
        let matcher = LabelMatcher(config: try TestSupport.config())
        for text in Self.texts {
            #expect(matcher.match(text) == matcher.matchCharacters(text), "\(text.debugDescription)")
            let fast = matcher.closest(text), slow = matcher.closestCharacters(text)
            #expect(fast?.match == slow?.match && fast?.label == slow?.label, "\(text.debugDescription)")
        }
    }

    @Test func labelFilterAsOnCharacters() throws {
        let filter = DocxLabelFilter(config: try TestSupport.config())
        for text in Self.texts {
            #expect(filter.mayBeLabel(text) == filter.mayBeLabelCharacters(text), "\(text.debugDescription)")
        }
        // Something must pass and something must not, or the comparison proves little.
        #expect(filter.mayBeLabel("联系人") && !filter.mayBeLabel("13800138000") && !filter.mayBeLabel("四川大学"))
    }

    @Test func tickedChoicesAsOnCharacters() {
        let boxed = DocxCheckbox.ticked.map { "\($0)是 ☐否" } + DocxCheckbox.unticked.map { "是\($0)" }
        for text in Self.texts + boxed {
            #expect(DocxCheckbox.tickedChoices(in: text) == DocxCheckbox.tickedChoicesCharacters(in: text), "\(text.debugDescription)")
        }
        // Every glyph is one scalar in U+2000…U+2FFF, as the check on bytes assumes.
        #expect(DocxCheckbox.boxScalars.count == DocxCheckbox.ticked.count + DocxCheckbox.unticked.count)
        #expect(DocxCheckbox.boxScalars.allSatisfy { (0x2000...0x2FFF).contains($0) })
    }

    @Test func labelKeyAndStemAsTextForm() {
        for text in Self.texts {
            guard let scalars = SimpleScalars.of(text) else { continue }
            let key = SimpleScalars.labelKey(scalars)
            #expect(SimpleScalars.string(key) == TextForm.labelKey(text), "\(text.debugDescription)")
            #expect(SimpleScalars.string(SimpleScalars.labelStem(key: key)) == TextForm.labelStem(text), "\(text.debugDescription)")
        }
    }

    @Test func qualifiesAgreesWithScalars() {
        for text in Self.texts {
            #expect(SimpleScalars.qualifies(text) == (SimpleScalars.of(text) != nil), "\(text.debugDescription)")
        }
        #expect(SimpleScalars.of("联系人：张伟 13800138000\t（盖章）\n") != nil)
        for text in ["联系人\r\n", "e\u{0301}", "\u{F900}", "👍", "\u{200B}", "\u{0085}"] { #expect(SimpleScalars.of(text) == nil) }
    }

    /// What `SimpleScalars` rests on, checked over every simple scalar: each is a Character of its own between
    /// other characters, and no two are canonically equivalent (their canonical decompositions all differ, and
    /// Swift's Character equality is canonical equivalence).
    @Test func simpleScalarsAreCharactersOfTheirOwnAndDistinct() {
        var decompositions = Set<String>()
        var count = 0
        for v in UInt32(0)...0xFFFF where SimpleScalars.isSimple(v) {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = String(Character(u))
            #expect(("x" + s + "x").count == 3 && ("一" + s + "\n").count == 3 && (s + s).count == 2, "U+\(String(v, radix: 16))")
            decompositions.insert(s.decomposedStringWithCanonicalMapping)
            count += 1
        }
        #expect(decompositions.count == count)
        #expect(Character("\u{F900}") == Character("\u{8C48}"))  // what the ranges leave out, and why
    }
}
