@testable import BulletinCore
import Foundation
import Testing

/// A pattern's characters read from its scalars (fixed8) must be the characters `Array(_:)` reads, with the bytes
/// `asciiBytes` gives them: the required-text scans see the same pattern either way.
@Suite struct ScoreCueCharactersTests {
    static func plain(_ s: String) -> ([Character], [UInt8]) {
        let chars = Array(s)
        return (chars, CompiledCue.asciiBytes(chars))
    }

    static func expectSame(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let (chars, ascii) = CompiledCue.charactersAndBytes(s)
        let (expectedChars, expectedAscii) = plain(s)
        #expect(chars == expectedChars, "\(s.unicodeScalars.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
        #expect(ascii == expectedAscii, "\(s.unicodeScalars.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
        // Character equality is canonical equivalence: the scalars must match too.
        #expect(chars.map { Array($0.unicodeScalars) } == expectedChars.map { Array($0.unicodeScalars) },
                sourceLocation: sourceLocation)
    }

    /// Every pattern of the shipped pipeline.json, as `CompiledCue.pattern` reads it (half-width).
    @Test func everyShippedPatternReadsAlike() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("pipeline.json"))
        var patterns: [String] = []
        func walk(_ o: Any, key: String?) {
            if let d = o as? [String: Any] { for (k, v) in d { walk(v, key: k) } }
            else if let a = o as? [Any] { for v in a { walk(v, key: key) } }
            else if let s = o as? String, let key, key.lowercased().hasSuffix("patterns") { patterns.append(s) }
        }
        walk(try JSONSerialization.jsonObject(with: data), key: nil)
        #expect(patterns.count > 50)
        for p in patterns {
            let h = TextForm.halfWidthASCII(p)
            Self.expectSame(h)
            #expect(CompiledCue.requiredRun(of: h) == Self.requiredRunByMax(h), "\(p)")
        }
    }

    /// `requiredRun` as it was before fixed8: every run kept, the first of the longest taken by `max(by:)` on
    /// `String.count`.
    static func requiredRunByMax(_ pattern: String) -> String? {
        let chars = Array(pattern)
        var depth = 0, inClass = false, escaped = false
        var runs: [String] = [], run = ""
        for (i, c) in chars.enumerated() {
            let quantified = i + 1 < chars.count && CompiledCue.isQuantifier(chars[i + 1])
            if escaped { escaped = false; runs.append(run); run = ""; continue }
            if c == "\\" { escaped = true; runs.append(run); run = ""; continue }
            if inClass { if c == "]" { inClass = false }; continue }
            switch c {
            case "[": inClass = true; runs.append(run); run = ""
            case "(": depth += 1; runs.append(run); run = ""
            case ")": depth -= 1; runs.append(run); run = ""
            case "|" where depth == 0: return nil
            default:
                if depth == 0 && CompiledCue.isHan(c) && !quantified { run.append(c) } else { runs.append(run); run = "" }
            }
        }
        runs.append(run)
        return runs.max { $0.count < $1.count }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Characters of more than one scalar, or scalars that join their neighbours, fall back to `Array(_:)`.
    @Test(arguments: ["a\r\nb", "\r\n", "\r", "e\u{301}技术", "技术\u{302A}", "ｶﾞ", "👍🏽专利", "한국어", "\u{1F1E8}\u{1F1F3}", "a\u{200D}b",
                      "（国际|世界）上?", "第一。", "—「」…", "", "\n\t ", "\u{7F}\u{0}"])
    func joinedOrOtherScalarsReadAlike(s: String) {
        Self.expectSame(s)
    }

    /// Any string of the scalars read one by one, next to each other and to CR and LF, reads alike.
    @Test func mixesOfTheSingleScalarsReadAlike() {
        let pool: [UInt32] = [0x0A, 0x0D, 0x09, 0x20, 0x28, 0x3F, 0x5C, 0x7C, 0x41, 0x7E, 0x7F, 0x4E00, 0x6280, 0x9FFF,
                              0x3000, 0x3002, 0x3029, 0x302A, 0x2010, 0x2026, 0x2027, 0x2028, 0xFF01, 0xFF0C, 0xFF65, 0xFF9E, 0x301]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let n = Int.random(in: 0...8, using: &rng)
            var s = ""
            for _ in 0..<n { s.unicodeScalars.append(Unicode.Scalar(pool.randomElement(using: &rng)!)!) }
            Self.expectSame(s)
        }
    }

    /// The scans given the characters read either way agree with the scans of the string.
    @Test(arguments: ["(国际|世界)上?(处于|居于|保持)领先(地位|水平)?", "[^,，。]*(投产|规模化?生产|批量化?供?货)$", "专利|发明",
                      "(?<!生产|产业)基地.?建成", "国际领先水?平", "(研究|测试化?)进展"])
    func theScansAgree(pattern: String) {
        let (chars, ascii) = CompiledCue.charactersAndBytes(pattern)
        #expect(CompiledCue.requiredRun(chars: chars, ascii: ascii) == CompiledCue.requiredRun(of: pattern))
        #expect(CompiledCue.requiredAlternatives(chars: chars, ascii: ascii) == CompiledCue.requiredAlternatives(of: pattern))
    }
}
