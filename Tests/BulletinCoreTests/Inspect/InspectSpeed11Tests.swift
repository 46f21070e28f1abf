import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// The sixteen-byte paths of `inspect --json` (the JSON string writer) and of the CSV splitter give exactly what
/// the byte-by-byte code gives: JSONEncoder's bytes for every string, the reference parser's records for every text.
@Suite struct InspectSpeed11Tests {
    static func encoderQuoted(_ s: String) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try [UInt8](encoder.encode([s]).dropFirst().dropLast())
    }

    static func written(_ s: String, capacity: Int = 8) -> [UInt8] {
        var w = JSONBytes(capacity: capacity)
        w.string(s)
        return w.bytes
    }

    /// Every character that must be escaped, or that looks like one in UTF-8 (DEL, U+2028, a C1 control, astral CJK,
    /// the replacement character of invalid input), at every place of strings of 0 to 50 bytes, so that it falls
    /// in each lane of a sixteen-byte block, in the overlapping last block and in the two words of 8 to 15 bytes.
    @Test func everyOddCharacterAtEveryPlaceHasTheEncodersBytes() throws {
        let odd = ["\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "/", "\u{2028}", "\u{2029}", "\u{85}",
                   "𠀀", "😀", "é", "e\u{301}", "\u{FFFD}", "中"]
        var count = 0
        for o in odd {
            for length in 0...50 {
                for at in 0...length {
                    let s = String(repeating: "a", count: at) + o + String(repeating: "b", count: length - at)
                    #expect(Self.written(s) == (try Self.encoderQuoted(s)), "\(s.debugDescription)")
                    count += 1
                }
            }
        }
        // Two escapes in one block, one in the block and one in the tail, and Chinese around them.
        for length in 0...40 {
            for at in 0...length {
                let s = String(repeating: "成", count: at / 3) + "\"" + String(repeating: "x", count: at % 3) + "\\\n" + String(repeating: "果", count: (length - at) / 3)
                #expect(Self.written(s) == (try Self.encoderQuoted(s)), "\(s.debugDescription)")
                count += 1
            }
        }
        #expect(count > 25_000)
    }

    /// Invalid UTF-8 cannot reach the writer as itself: a String made of it holds U+FFFD, written as its bytes.
    @Test func textDecodedFromInvalidBytesIsWrittenAsItsReplacementCharacters() throws {
        for bytes: [UInt8] in [[0xFF], [0xE4, 0xB8], [0x61, 0xC0, 0x80, 0x22], Array(repeating: 0xE9, count: 17), [0xED, 0xA0, 0x80] + Array("成果".utf8)] {
            let s = String(decoding: bytes, as: UTF8.self)
            #expect(s.unicodeScalars.contains("\u{FFFD}"))
            #expect(Self.written(s) == (try Self.encoderQuoted(s)))
        }
    }

    /// The word tests answer as the byte tests for every byte value in every place of a word, among ASCII or among
    /// bytes with their high bit: the JSON writer's `plain`, and the CSV splitter's `hasByte` for its special bytes.
    @Test func theWordTestsAgreeWithTheByteTests() {
        for c in 0...255 {
            let byte = UInt8(c)
            let escapes = byte < 0x20 || byte == 0x22 || byte == 0x5C
            for filler: UInt8 in [0x41, 0xE4, 0x80, 0x7E] {
                for lane in 0..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[lane] = byte
                    let w = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    #expect(JSONBytes.plain(w) == !escapes, "\(c) at \(lane) among \(filler)")
                    for special: UInt8 in [0x2C, 0x09, 0x3B, 0x22, 0x0A, 0x0D, 0xC2, 0xE2] {
                        let has = byte == special || filler == special
                        #expect(DelimitedReader.hasByte(w, 0x0101_0101_0101_0101 &* UInt64(special)) == has, "\(c) at \(lane) among \(filler) for \(special)")
                    }
                }
            }
        }
    }

    /// Long strings written one after another into a buffer that grows from a few bytes: the same bytes as
    /// JSONEncoder's, and nothing written past a string's end survives into the next one.
    @Test func stringsInARowIntoAGrowingBufferHaveTheEncodersBytes() throws {
        var w = JSONBytes(capacity: 8)
        var expected: [UInt8] = []
        var generator = SplitMix64(seed: 11)
        let pieces = ["重大科技成果", "\"", "\\", "\n", "a", "Nature", "（套）", "𠀀", "\u{2028}", "12.5亿元", "\u{1}", "/"]
        for _ in 0..<400 {
            let s = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            w.string(s)
            expected += try Self.encoderQuoted(s)
        }
        #expect(w.bytes == expected)
    }

    /// Texts long enough that delimiters, quotes and line breaks fall at every place of a sixteen-byte block, inside
    /// and outside quotes: split as the byte-by-byte reference splits them.
    @Test func longDelimitedTextIsSplitAsByteByByte() {
        let pieces = ["西南交通大学", ",", "\"", "\"\"", "\r\n", "\n", "\r", "\t", ";", "a\"b", " ", "“成果”", "\u{2028}", "\u{2029}", "\u{85}",
                      "\u{0B}", "\u{0C}", "é", "油气田，智能钻井系统研制及产业化示范", "1234567890", "\"含,逗号\"", "\"第一段\r\n第二段\"",
                      "\"\"\"引\"\"号\"\"\"", "x\"\"y", "abcdefghijklmnopq", "\"面向国家重大需求，建成油气田智能钻井系统示范生产线2条\""]
        var generator = SplitMix64(seed: 1411)
        var texts: [String] = []
        for _ in 0..<500 {
            texts.append((0..<Int.random(in: 1...40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        for k in 0..<40 {
            let pad = String(repeating: "x", count: k)
            texts.append(pad + ",\"" + pad + "\"\"" + pad + "\n" + pad + "\"," + pad + "\r\n" + pad)
            texts.append("\"" + pad + "\u{2028}" + pad + "\u{85}" + pad + "\r" + pad + "\"" + pad)
        }
        for text in texts {
            for (delimiter, byte) in [(Character(","), UInt8(ascii: ",")), ("\t", 0x09), (";", UInt8(ascii: ";"))] {
                let mine = DelimitedReader.parse(text, delimiter: delimiter)
                let reference = IntakeFastPathTests.byteByByte(text, delimiter: byte)
                #expect(mine.map(\.cells) == reference.map(\.cells), "\(text.debugDescription)")
                #expect(mine.map(\.line) == reference.map(\.line) && mine.map(\.unterminated) == reference.map(\.unterminated), "\(text.debugDescription)")
            }
        }
    }
}
