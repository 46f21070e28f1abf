@testable import BulletinCore
import Foundation
import SystemFiles
import Testing

/// GB18030 decoded through the table of iconv's answers is iconv's decoding, and anything the table does not hold
/// goes to iconv.
struct GB18030TableTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Each two-byte code alone, through iconv, is the table's entry.
    @Test func everyTwoByteCodeIsIconvsAnswer() throws {
        let table = try #require(GB18030Table.codes)
        var compared = 0, beyondBMP = 0
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                let alone = Iconv.decode([UInt8(lead), UInt8(trail)], from: "GB18030")
                let v = table[(lead - 0x81) * 191 + (trail - 0x40)]
                let bytes = (0..<GB18030Table.count(v)).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) }
                #expect(alone.map { Array($0.utf8) } == (v == 0 ? nil : bytes), "\(lead) \(trail)")
                #expect(v != 0, "every two-byte code has its scalar in the table")
                if GB18030Table.count(v) == 4 { beyondBMP += 1 }
                compared += 1
            }
        }
        #expect(compared == 126 * 190)
        #expect(beyondBMP > 0, "glibc maps a few two-byte codes beyond the BMP (GB18030-2005)")
    }

    /// Large texts of ASCII (controls, commas, quotes, line breaks) and random two-byte codes: iconv's text; with one
    /// four-byte code, 0x80, 0xFF, a bad second byte or a lead byte at the end anywhere: nil, and `TextDecoding` gives
    /// iconv's answer (the text, or the refusal).
    @Test func largeTextsAreIconvsAndOthersGoToIconv() throws {
        var g = Generator(state: 20_261_202)
        let ascii: [UInt8] = Array("abc,\"\r\n\t0123 \u{0}\u{1F}".utf8)
        /// Codes (an ASCII byte or a two-byte code each) of at least `size` bytes in all.
        func codes(_ size: Int) -> [[UInt8]] {
            var out: [[UInt8]] = []
            var bytes = 0
            while bytes < size {
                if g.next(3) == 0 {
                    out.append([ascii[g.next(ascii.count)]])
                } else {
                    var trail = 0x40 + g.next(191)
                    if trail == 0x7F { trail = 0x80 }
                    out.append([UInt8(0x81 + g.next(126)), UInt8(trail)])
                }
                bytes += out[out.count - 1].count
            }
            return out
        }
        for round in 0..<4 {
            var list = codes(GB18030Table.threshold + round * 1_000)
            let bytes = Array(list.joined())
            let fast = try #require(GB18030Table.decode(bytes))
            #expect(fast == Iconv.decode(bytes, from: "GB18030"), "round \(round)")
            #expect(try TextDecoding.decode(bytes, fileName: "a.csv").0 == fast)
            let spoilers: [[UInt8]] = [[0x81, 0x30, 0x81, 0x30], [0x80], [0xFF], [0x81, 0x7F], [0x81, 0x20]]
            for s in spoilers {
                let at = g.next(list.count)
                list.insert(s, at: at)
                let spoiled = Array(list.joined())
                list.remove(at: at)
                #expect(GB18030Table.decode(spoiled) == nil, "\(s)")
                let decoded = try? TextDecoding.decode(spoiled, fileName: "a.csv").0
                #expect(decoded == Iconv.decode(spoiled, from: "GB18030"), "\(s)")
            }
            #expect(GB18030Table.decode(bytes + [0x81]) == nil, "a lead byte at the end")
        }
        let small = Array(codes(GB18030Table.threshold - 10).joined().prefix(GB18030Table.threshold - 1))
        #expect(GB18030Table.decode(small) == nil, "a small file goes to iconv")
    }
}
