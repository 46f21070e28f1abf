@testable import BulletinCore
import Testing

/// `String.validUTF8` is `String(validating:as: UTF8.self)` for every byte sequence: valid text of every length
/// of sequence, and each way UTF-8 goes wrong (a stray continuation byte, a lead byte cut short, an overlong form,
/// a surrogate, a scalar past U+10FFFF, bytes that never occur), alone and inside valid text.
@Suite struct ValidUTF8Tests {
    static let pieces: [[UInt8]] = [
        Array("研制".utf8), Array("a".utf8), Array("「应用研究成果」".utf8), Array("😀".utf8), Array("é".utf8), [0x00], [0x7F],
        [0xEF, 0xBF, 0xBD],  // U+FFFD itself, valid
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF5], [0xFF], [0xE4, 0xB8], [0xF0, 0x9F, 0x98], [0xC3],
    ]

    @Test func answersAsTheStandardInitialiser() {
        var g = SplitMix64(seed: 88_001)
        var valid = 0, invalid = 0
        for _ in 0..<8000 {
            let bytes = (0..<Int.random(in: 0...6, using: &g)).flatMap { _ in Self.pieces.randomElement(using: &g)! }
            let want = String(validating: bytes, as: UTF8.self)
            let got = bytes.withUnsafeBytes { String.validUTF8($0) }
            #expect(got == want, "\(bytes)")
            if want == nil { invalid += 1 } else { valid += 1 }
        }
        #expect(valid > 1000 && invalid > 1000)
        // Long text, past the small-string size, valid and with one bad byte at its end.
        let long = Array(String(repeating: "重大科技成果通报", count: 40).utf8)
        #expect(long.withUnsafeBytes { String.validUTF8($0) } == String(repeating: "重大科技成果通报", count: 40))
        #expect((long + [0xE4]).withUnsafeBytes { String.validUTF8($0) } == nil)
    }

    @Test func storedJSONStringsAreReadAsBefore() {
        // A reader of the library's JSON takes a string with escapes and one without by this check.
        let text = Array(#""通过\u00e9研制" "纯文本" "\#u{FFFD}" "坏"#.utf8) + [0xFF, 0x22]
        text.withUnsafeBytes { raw in
            var r = StringProbe(bytes: raw)
            #expect(r.next(escapes: true) == "通过é研制")
            #expect(r.next(escapes: false) == "纯文本")
            #expect(r.next(escapes: false) == "\u{FFFD}")
            #expect(r.next(escapes: false) == nil)  // 坏 and a byte that is not UTF-8
        }
    }
}

/// A bare reader of strings, by `PlainJSONScanning`.
private struct StringProbe: PlainJSONScanning {
    var bytes: UnsafeRawBufferPointer
    var at = 0

    mutating func next(escapes: Bool) -> String? {
        while at < bytes.count && bytes[at] == 0x20 { at += 1 }
        return escapes ? escapedString() : string()
    }
}
