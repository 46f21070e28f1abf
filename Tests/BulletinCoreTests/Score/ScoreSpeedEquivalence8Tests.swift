@testable import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

/// The eighth speed pass's replaced routines of scoring and output against what they replaced: UTF-16 units decoded
/// by hand from UTF-8, the folded units written in one pass, the automaton's shortcut for units no literal holds, and
/// the JSON writer's last word. On Chinese and Latin mixes, full-width punctuation, NFD, emoji, GB18030 input and
/// bridged strings.
struct ScoreSpeedEquivalence8Tests {
    /// Texts of every kind the readers hand over, and TextFastPathTests' strings of special characters.
    static func texts() throws -> [String] {
        var out = TextFastPathTests.samples()
        let decoded = ["重大科技成果：新能源汽车（电池）年产值１２亿元，达到国际领先水平。", "Ｎａｔｕｒｅ发表论文；cafe\u{301}與e\u{301}",
                       "😀科技👍🏽，㐀䶵𠀀𪜀，兀豈", "四川省绵阳市科技局\r\n第二行\t制表"]
        for t in decoded {
            let (text, _) = try TextDecoding.decode(try TestSupport.gb18030(t), fileName: "x.csv")
            #expect(text == t)
            out.append(text)
        }
        out.append(NSString(string: "桥接的字符串 Foundation，ＡＢＣ😀") as String)
        return out
    }

    @Test func unitsDecodedFromUTF8AreTheStringsUTF16() throws {
        for s in try Self.texts() {
            #expect(ScoringText.utf16(s) == Array(s.utf16), "\(s.debugDescription)")
            var copy = s
            copy.makeContiguousUTF8()
            #expect(copy.withUTF8 { ScoringText.utf16(utf8: $0) } == Array(s.utf16), "\(s.debugDescription)")
        }
    }

    @Test func foldedAndHalfWidthUnitsAreWhatTheyWere() throws {
        for s in try Self.texts() {
            let text = ScoringText(field: .summary, text: s, weight: 1)
            let half = Array(TextForm.halfWidthASCII(s).utf16)
            #expect(text.units == half, "\(s.debugDescription)")
            #expect(text.foldedUnits == half.map(ScoringText.fold), "\(s.debugDescription)")
            #expect(text.originalUnits == Array(s.utf16))
            #expect(text.normalised == TextForm.halfWidthASCII(s))
        }
    }

    /// Units that no literal holds break partial matches (the scan goes back to the root at once), between and inside
    /// literals that share prefixes and suffixes.
    @Test func unitsNoLiteralHoldsLeadBackToTheRoot() {
        let words = ["能源能", "源能源", "能源", "源", "科技成果转化", "成果", "转化率", "ab", "bab", "😀😀"]
        for w in words { _ = CueAutomaton.register(ScoringText.folded(w)) }
        let automaton = CueAutomaton.current
        let texts = ["能源X能源能源能", "能源能源能源，源能源", "科技成果转的化率，成果转化率", "abXbab babab", "😀X😀😀😀", "能",
                     "新能源，能源源能；能源能Ｘ源"]
        for text in texts {
            let units = ScoringText.folded(text)
            var expected: [(Int32, Int32)] = []
            for (id, literal) in automaton.literals.enumerated() where !literal.isEmpty && literal.count <= units.count {
                for start in 0...(units.count - literal.count) where Array(units[start ..< start + literal.count]) == literal {
                    expected.append((Int32(id), Int32(start)))
                }
            }
            let found = automaton.scan(units)
            #expect(found.ids == expected.map(\.0), "\(text)")
            #expect(found.starts == expected.map(\.1), "\(text)")
        }
    }

    /// JSON's escaping as the writer documents it, byte by byte.
    static func quoted(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for c in s.utf8 {
            switch c {
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", Int(c)).utf8)
            default: out.append(c)
            }
        }
        return out + [0x22]
    }

    /// Strings of every length up to 24 bytes with a character to escape at every place, and none: the last eight
    /// bytes read over bytes already passed never hide one.
    @Test func stringsOfEveryLengthWithAnEscapeAnywhereAreQuotedByteForByte() {
        var strings: [String] = []
        for length in 0...24 {
            let plain = String(repeating: "a", count: length)
            strings.append(plain)
            for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}"] where length > 0 {
                for at in 0..<length {
                    var units = Array(plain.utf8)
                    units[at] = Array(special.utf8)[0]
                    strings.append(String(decoding: units, as: UTF8.self))
                }
            }
            strings.append(String(repeating: "中", count: length / 3) + String(repeating: "b", count: length % 3))
            strings.append(String(repeating: "b", count: length % 3) + String(repeating: "中", count: length / 3) + "\"")
        }
        for s in strings {
            var w = JSONBytes(capacity: 8)
            w.string(s)
            #expect(w.bytes == Self.quoted(s), "\(s.debugDescription)")
        }
    }
}
