@testable import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

/// The eighth speed pass's replaced routines of intake against what they replaced: supervisor names read from bytes,
/// the clean-text and control-character tests passing Chinese by lead byte, character counts read from UTF-8, and CSV
/// cells copied from the text in one piece. On ScoreSpeedEquivalence8Tests' texts (Chinese and Latin mixes, full-width
/// punctuation, NFD, emoji, GB18030 input) and quoted fields with line breaks.
struct IntakeSpeed8Tests {
    static func texts() throws -> [String] { try ScoreSpeedEquivalence8Tests.texts() }

    /// The code `canonical` ran before its byte reading.
    static func canonicalByStrings(_ value: String, names: [String: String], words: [String], suffix: String) -> String {
        let compact = value.filter { !$0.isWhitespace }
        guard let word = words.first(where: { compact.hasSuffix($0) }) else { return value }
        let place = String(compact.dropLast(word.count))
        guard let name = names[place] else { return value }
        return name + suffix
    }

    @Test func supervisorNamesReadFromBytesAreTheNamesReadAsStrings() throws {
        let config = try TestSupport.config().supervisors
        let names = SupervisorNames(config: config)
        var byAlias: [String: String] = [:]
        var places: [String] = ["省教育厅", "火星", ""]
        for city in config?.cities ?? [] {
            if byAlias[city.name] == nil { byAlias[city.name] = city.name }
            places.append(city.name)
            for a in city.aliases {
                if byAlias[a] == nil { byAlias[a] = city.name }
                places.append(a)
            }
        }
        let words = config?.bureauWords ?? ["科学技术局", "科技局"]
        let suffix = config?.bureauName ?? "科技局"
        let ends = words + ["科技", "局", "", "科技局 ", "科技局\u{301}", "科技局😀", "ＫＪ局", "科学技术局\n"]
        let inside = ["", " ", "\u{3000}", "\t", "e\u{301}", "兀", "Ａ", "，"]
        var tried = 0
        for place in places.prefix(40) {
            for end in ends {
                for extra in inside {
                    let value = place + extra + end
                    #expect(names.canonical(value) == Self.canonicalByStrings(value, names: byAlias, words: words, suffix: suffix),
                            "\(value.debugDescription)")
                    tried += 1
                }
            }
        }
        #expect(tried > 100)
        #expect(names.canonical("绵阳科技局") == "绵阳市科技局")
    }

    /// `TextForm.isClean` as it read every byte.
    static func isCleanByteByByte(_ s: String) -> Bool {
        let b = Array(s.utf8)
        let n = b.count
        guard n > 0 else { return true }
        if b[0] == 0x20 || b[n - 1] == 0x20 { return false }
        var i = 0
        while i < n {
            let c = b[i]
            if c >= 0x21 && c < 0x7F { i += 1; continue }
            switch c {
            case 0x20: if b[i + 1] == 0x20 { return false }
            case 0x00..<0x20, 0x7F, 0xC2, 0xC3: return false
            case 0xE2:
                guard i + 2 < n else { return false }
                let b1 = b[i + 1], b2 = b[i + 2]
                if b1 == 0x80 && ((0x82...0x8D).contains(b2) || (0xA8...0xAF).contains(b2)) { return false }
                if b1 == 0x81 && (b2 == 0x9F || (0xA6...0xA9).contains(b2)) { return false }
            case 0xE3: if i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x80 { return false }
            case 0xEF:
                guard i + 2 < n else { return false }
                let b1 = b[i + 1], b2 = b[i + 2]
                if b1 == 0xBB && b2 == 0xBF { return false }
                if b1 == 0xBC && ((0x90...0x99).contains(b2) || (0xA1...0xBA).contains(b2)) { return false }
                if b1 == 0xBD && (0x81...0x9A).contains(b2) { return false }
            default: break
            }
            i += 1
        }
        return true
    }

    @Test func cleanAndControlTestsPassingChineseByLeadByteAnswerAsBefore() throws {
        var clean = 0
        for s in try Self.texts() + ["成果\u{2028}", "成果\u{3000}", "中\u{202E}文", "中文\u{7}", "中文\u{85}中", "丁丂七", "鿿一"] {
            #expect(TextForm.isClean(s) == Self.isCleanByteByByte(s), "\(s.debugDescription)")
            #expect(ControlCharacters.hasStripped(s) == s.unicodeScalars.contains(where: ControlCharacters.isStripped), "\(s.debugDescription)")
            if TextForm.isClean(s) { clean += 1 }
        }
        #expect(clean > 100)
    }

    /// The count as the scalar walk gave it.
    static func countByScalars(_ s: String) -> Int? {
        var count = 0
        for u in s.unicodeScalars {
            if u.value == 0x0A { continue }
            guard TextForm.isSimpleCharacter(u.value) else { return nil }
            count += 1
        }
        return count
    }

    @Test func characterCountsReadFromBytesAreTheScalarWalks() throws {
        var counted = 0
        for s in try Self.texts() + ["䷀卦", "䶿丿", "\u{4DC0}", "一鿿", "Ａ１！", "\u{FFEF}", "\u{2028}", "a\nb\r", "\u{7F}", "é", "ŉ", "\u{250}"] {
            #expect(TextForm.simpleCharacterCount(s) == Self.countByScalars(s), "\(s.debugDescription)")
            if Self.countByScalars(s) != nil { counted += 1 }
        }
        #expect(counted > 100)
    }

    /// Cells copied from the text in one piece, and cells whose bytes were changed (doubled quotes, line breaks inside
    /// quotes written as `\n`), side by side in a row.
    @Test func csvCellsCopiedFromTheTextAreTheCellsRead() throws {
        let csv = "名称,简介,备注\r\n" +
            "\"智能钻井\",\"第一行\n第二行\",普通\r\n" +
            "\"引号\"\"内\"\"\",\"回车\r\n换行\",\"NEL\u{85}与LS\u{2028}PS\u{2029}\"\r\n" +
            "中间\"引号,\"\",\"垂直\u{0B}换页\u{0C}\"\n" +
            "😀e\u{301}，,ＡＢＣ,\"尾\"\"\"\r" +
            "最后,\"未闭合\n"
        let records = DelimitedReader.parse(csv, delimiter: ",")
        #expect(records.map(\.cells) == [
            ["名称", "简介", "备注"],
            ["智能钻井", "第一行\n第二行", "普通"],
            ["引号\"内\"", "回车\n换行", "NEL\n与LS\nPS\n"],
            ["中间\"引号", "", "垂直\n换页\n"],
            ["😀e\u{301}，", "ＡＢＣ", "尾\""],
            ["最后", "未闭合\n"],
        ])
        #expect(records.map(\.line) == [1, 2, 4, 9, 12, 13])
        #expect(records.last?.unterminated == true)
        let (decoded, _) = try TextDecoding.decode(try TestSupport.gb18030(csv), fileName: "x.csv")
        #expect(DelimitedReader.parse(decoded, delimiter: ",").map(\.cells) == records.map(\.cells))
    }
}
