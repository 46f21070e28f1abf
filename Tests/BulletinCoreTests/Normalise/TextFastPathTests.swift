@testable import BulletinCore
import Foundation
import Testing

/// The shortcuts of the normaliser (text left as it is when nothing would change) give what the full
/// conversions give, on strings drawn from an alphabet of the characters each conversion treats specially.
@Suite struct TextFastPathTests {
    /// Characters every conversion cares about, and ordinary Chinese and Latin text around them.
    static let alphabet: [String] = [
        "成", "果", "，", "。", "“", "”", "（", "）", "、", "a", "Z", "1", " ", " ", "\n", "\n", "\n", "\t", "\r", "\r\n",
        "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{00AD}",
        "\u{3000}", "\u{00A0}", "\u{2003}", "\u{202F}", "\u{205F}", "Ａ", "ｚ", "１", "！", "～", "\u{0}", "\u{7}", "\u{1F}",
        "\u{7F}", "\u{80}", "\u{9F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{2027}", "\u{2030}", "é", "e\u{301}",
        "😀", "👍🏽", "가", "\u{1100}\u{1161}", "ﾞ", "〪", "—", "…", "①",
    ]

    /// Deterministic strings: every pair and triple of the alphabet's interesting members, then random ones.
    static func samples() -> [String] {
        var out: [String] = [""]
        for a in alphabet {
            out.append(a)
            for b in alphabet { out.append(a + b) }
        }
        var seed: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % UInt64(alphabet.count))
        }
        for _ in 0..<20_000 {
            let length = 1 + next() % 12
            out.append((0..<length).map { _ in alphabet[next()] }.joined())
        }
        return out
    }

    @Test func tidyShortcutIsTakenOnlyForTidyText() {
        var tidyCount = 0
        for s in Self.samples() {
            let full = Array(TextForm.tidyScalars(s).utf8)
            if TextForm.isTidy(s) {
                tidyCount += 1
                #expect(full == Array(s.utf8), "isTidy(\(s.debugDescription)) but tidy changes it")
            } else {
                #expect(full != Array(s.utf8), "tidy leaves \(s.debugDescription) unchanged but the shortcut is not taken")
            }
            #expect(Array(TextForm.tidy(s).utf8) == full)
        }
        #expect(tidyCount > 1000)
    }

    @Test func controlCharactersAreFoundFromTheBytes() {
        for s in Self.samples() {
            #expect(ControlCharacters.hasStripped(s) == s.unicodeScalars.contains(where: ControlCharacters.isStripped), "\(s.debugDescription)")
        }
    }

    @Test func halfWidthShortcutsChangeNothingTheyShould() {
        for s in Self.samples() {
            var ascii = String.UnicodeScalarView()
            var alnum = String.UnicodeScalarView()
            for u in s.unicodeScalars {
                switch u.value {
                case 0xFF01...0xFF5E: ascii.append(Unicode.Scalar(UInt8(u.value - 0xFEE0)))
                case 0x3000, 0x00A0, 0x2002...0x200A, 0x202F, 0x205F: ascii.append(" ")
                default: ascii.append(u)
                }
                switch u.value {
                case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: alnum.append(Unicode.Scalar(UInt8(u.value - 0xFEE0)))
                case 0x00A0, 0x2002...0x200A, 0x202F, 0x205F: alnum.append(" ")
                default: alnum.append(u)
                }
            }
            #expect(Array(TextForm.halfWidthASCII(s).utf8) == Array(String(ascii).utf8))
            #expect(Array(TextForm.halfWidthAlphanumerics(s).utf8) == Array(String(alnum).utf8))
        }
    }

    @Test func characterCountFromScalarsAgreesWithGraphemeClusters() {
        var shortcuts = 0
        for s in Self.samples() + ["车规级碳化硅功率器件关键技术研究与应用（第12号）", "经评价达到国际先进水平。\n\n已在9家企业批量应用。"] {
            let clusters = s.reduce(0) { $0 + ($1.isNewline ? 0 : 1) }
            if let fast = TextForm.simpleCharacterCount(s) {
                shortcuts += 1
                #expect(fast == clusters, "\(s.debugDescription)")
            }
            #expect(TextForm.characterCount(s) == clusters)
        }
        #expect(shortcuts > 1000)
    }

    @Test func oneLineFieldsLoseTheirBreaksOnlyWhenTheyHaveSome() {
        #expect(Normaliser.oneLine("成果名称") == "成果名称")
        #expect(Normaliser.oneLine("成果\n名称") == "成果名称")
        let n = Normaliser()
        #expect(n.normalise(" 四川大学\n 化学学院 ", as: .submitter) == "四川大学化学学院")
        #expect(n.normalise("成都科技局", as: .supervisor) == n.normalise("成都\n科技局", as: .supervisor))
    }
}
