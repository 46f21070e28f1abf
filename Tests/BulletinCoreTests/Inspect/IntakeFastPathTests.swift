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

    // MARK: - Delimited text

    /// The parser before runs were copied at once, byte by byte: the reference for `DelimitedReader.parse`.
    static func byteByByte(_ text: String, delimiter: UInt8) -> [(cells: [String], line: Int, unterminated: Bool)] {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [(cells: [String], line: Int, unterminated: Bool)] = []
        var cells: [String] = [], cell: [UInt8] = []
        var inQuotes = false
        var line = 1, recordLine = 1
        let b = Array(text.utf8)
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < n && b[i + 1] == quote { cell.append(quote); i += 2 } else { inQuotes = false; i += 1 }
                    continue
                }
                var breakLength = 0
                if c == lf || c == 0x0B || c == 0x0C { breakLength = 1 }
                else if c == cr { breakLength = i + 1 < n && b[i + 1] == lf ? 2 : 1 }
                else if c == 0xC2, i + 1 < n, b[i + 1] == 0x85 { breakLength = 2 }
                else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { breakLength = 3 }
                if breakLength > 0 { line += 1; cell.append(lf); i += breakLength } else { cell.append(c); i += 1 }
                continue
            }
            if c == quote && cell.isEmpty {
                inQuotes = true
            } else if c == delimiter {
                cells.append(String(decoding: cell, as: UTF8.self)); cell.removeAll()
            } else if c == lf || c == cr {
                if c == cr, i + 1 < n, b[i + 1] == lf { i += 1 }
                cells.append(String(decoding: cell, as: UTF8.self)); cell.removeAll()
                records.append((cells, recordLine, false)); cells = []
                line += 1; recordLine = line
            } else {
                cell.append(c)
            }
            i += 1
        }
        if !cell.isEmpty || !cells.isEmpty || inQuotes {
            cells.append(String(decoding: cell, as: UTF8.self))
            records.append((cells, recordLine, inQuotes))
        }
        return records
    }

    @Test func delimitedTextIsSplitAsByteByByte() {
        let pieces = ["西南交通大学", ",", "\"", "\"\"", "\r\n", "\n", "\r", "\t", ";", "a\"b", " ", "“成果”", "\u{2028}", "\u{2029}", "\u{85}",
                      "\u{0B}", "\u{0C}", "é", "油气田，智能", "12", "\"含,逗号\"", "\"第一段\r\n第二段\"", "\"\"\"引\"\"号\"\"\"", "x\"\"y"]
        var generator = SplitMix64(seed: 14)
        var texts = ["", "\"", "a,b\n", "a,\"b\nc", "\"a\"b\"c\",d", "报送单位,成果名称\r\n\"四川大学\",\"钻井系统\"\r\n"]
        for _ in 0..<600 {
            texts.append((0..<Int.random(in: 1...14, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        for text in texts {
            for (delimiter, byte) in [(Character(","), UInt8(ascii: ",")), ("\t", 0x09), (";", UInt8(ascii: ";"))] {
                let mine = DelimitedReader.parse(text, delimiter: delimiter)
                let reference = Self.byteByByte(text, delimiter: byte)
                #expect(mine.map(\.cells) == reference.map(\.cells), "\(text.debugDescription)")
                #expect(mine.map(\.line) == reference.map(\.line) && mine.map(\.unterminated) == reference.map(\.unterminated), "\(text.debugDescription)")
            }
        }
    }

    @Test func blankCellsAreThoseFoundationTrimsToNothing() {
        for s in ["", " ", "\t", "  \t ", "\u{3000}", "\u{A0}", "\u{2003}x", "\n", " \n", "a", " a", "成果", "。", "\u{200B}", "\u{FEFF}", "~", "\u{7F}", "\u{1F}", "𠀀", "\u{2028}"] {
            #expect(TextForm.isBlank(s) == s.trimmingCharacters(in: .whitespaces).isEmpty, "\(s.debugDescription)")
        }
    }

    // MARK: - Normalising and references

    @Test func mobileNumbersOfDigitsAreNormalisedAsBefore() {
        let normaliser = Normaliser()
        func reference(_ value: String) -> String {
            var digits = TextForm.halfWidthASCII(value).filter { !" -–—()（）".contains($0) && !$0.isWhitespace }
            if digits.hasPrefix("+86") { digits.removeFirst(3) } else if digits.hasPrefix("0086") { digits.removeFirst(4) }
            return digits
        }
        for v in ["13800138000", "+8613800138000", "008613800138000", "+86", "0086", "", "138 0013 8000", "１３８００１３８０００", "+", "++86138", "86138"] {
            #expect(normaliser.normalise(v, as: .mobile) == reference(v), "\(v)")
        }
    }

    /// Values the one-read check calls clean come out of the normaliser as they went in, and every value comes
    /// out as the steps make it.
    @Test func cleanValuesAreLeftAsTheStepsWouldLeaveThem() throws {
        let normaliser = Normaliser(supervisors: SupervisorNames(config: try TestSupport.config().supervisors))
        func steps(_ v: String, _ field: Field) -> String {
            let v = ControlCharacters.strip(v)
            let tidy = TextForm.tidy(TextForm.halfWidthAlphanumerics(v))
            switch field {
            case .summary: return tidy
            case .supervisor: return normaliser.supervisors.canonical(Normaliser.oneLine(tidy))
            default: return Normaliser.oneLine(tidy)
            }
        }
        let pieces = ["面向国家重大需求", "，", "。", "“", "”", "—", "…", " ", "  ", "\n", "\r\n", "\t", "\u{3000}", "\u{A0}", "\u{AD}", "\u{85}",
                      "\u{200B}", "\u{2028}", "\u{202E}", "\u{2066}", "\u{205F}", "\u{2009}", "\u{FEFF}", "\u{0}", "\u{7F}", "\u{9F}", "Ａ", "１",
                      "ｚ", "（", "）", "Ｗ", "abc", "12", "é", "😀", "宜宾市科技局", "绵阳科技局", "·"]
        var generator = SplitMix64(seed: 2026)
        var clean = 0
        for _ in 0..<3000 {
            let v = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            for field in [Field.summary, .title, .supervisor, .submitter] {
                #expect(normaliser.normalise(v, as: field) == steps(v, field), "\(v.debugDescription) \(field)")
            }
            if TextForm.isClean(v) {
                clean += 1
                #expect(steps(v, .summary) == v && steps(v, .title) == v, "\(v.debugDescription)")
            }
        }
        #expect(clean > 100)
    }

    @Test func supervisorsWithAndWithoutSpacesGetTheirCanonicalNames() throws {
        let names = SupervisorNames(config: try TestSupport.config().supervisors)
        #expect(names.canonical("绵阳科技局") == "绵阳市科技局")
        #expect(names.canonical("绵阳 科技局") == "绵阳市科技局")
        #expect(names.canonical("绵阳\u{3000}科学技术局") == "绵阳市科技局")
        #expect(names.canonical("省教育厅") == "省教育厅")
        #expect(names.canonical("火星科技局") == "火星科技局")
    }

    @Test func cellReferencesReadFromBytesAreReadAsByCharacters() {
        for r in ["A1", "C12", "c12", "$B$7", "AA100", "XFD1048576", "Z", "12", "", "A", "A1B", "1A", "A-1", "Ａ1", "ß1", "A١", "A0012",
                  "A123456789012345678", "A12345678901234567890", "$", "a$1"] {
            let fast = XlsxReader.reference(r), slow = XlsxReader.referenceByCharacters(r)
            #expect(fast?.row == slow?.row && fast?.column == slow?.column, "\(r)")
        }
    }
}
