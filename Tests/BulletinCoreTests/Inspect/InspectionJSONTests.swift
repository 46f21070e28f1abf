import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// The hand-written `inspect --json` line has exactly JSONEncoder's bytes.
@Suite struct InspectionJSONTests {
    static func encoderBytes(_ line: InspectionLine) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try [UInt8](encoder.encode(line))
    }

    @Test func everySampleLineHasTheEncodersBytes() throws {
        let inspector = try Inspector(config: TestSupport.config())
        let folder = TestSupport.root.appendingPathComponent("samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".md") }.sorted()
        #expect(names.count >= 10)
        var lines = 0
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            for line in inspector.inspect(url) {
                let mine = try #require(line.jsonBytes())
                #expect(mine == (try Self.encoderBytes(line)), "\(name) #\(line.index)")
                lines += 1
            }
        }
        #expect(lines >= 19)
    }

    @Test func oddStringsAndNumbersHaveTheEncodersBytes() throws {
        var odd = ""
        for v: UInt32 in [0, 1, 7, 8, 9, 10, 11, 12, 13, 14, 0x1F, 0x20, 0x22, 0x27, 0x2F, 0x5C, 0x7F, 0x80, 0x85, 0xA0, 0x2028, 0x202E, 0xFEFF] {
            odd.unicodeScalars.append(Unicode.Scalar(v) ?? " ")
        }
        odd += "“成果”/a\\b\"c😀é\r\n《科学通报》"
        let weights: [Double] = [0, -0.0, 1, 3.5, 0.1, 0.35, 1e-7, 1e16, 1.5e20, 2.675, 0.30000000000000004, 12.3456, 100, -2.5, .leastNonzeroMagnitude]
        var assessment = Assessment(category: "应用研究成果", subtype: "关键技术", level: "国际先进", industry: "电子信息", score: 61.25,
                                    reasons: weights.map { Reason(rule: "r\(odd)", field: "summary", matched: odd, weight: $0, conclusion: "结论：\(odd)") },
                                    flags: [odd, ""], eligible: false)
        assessment.confidence = LabelConfidence(category: 0.79, subtype: 1, level: 0.333333333333, industry: 1e-5)
        assessment.needsReview = true
        assessment.reviewReasons = ["需人工确认：\(odd)"]
        let full = InspectionLine(file: "报送表 \(odd).csv", index: 12, location: "line 13", fields: ["title": odd, "summary": "简介\n第二段", "a": "", "Z": "x"],
                                  classified: true, category: assessment.category, subtype: assessment.subtype, level: assessment.level,
                                  industry: assessment.industry, score: assessment.score, reasons: assessment.reasons,
                                  problems: [Problem(field: "mobile", message: odd), Problem(field: "row", message: "")], notes: [odd],
                                  flags: assessment.flags, titleKey: "Cabc", eligible: false, assessment: assessment)
        #expect(full.jsonBytes() == (try Self.encoderBytes(full)))
        var bare = full
        bare.assessment = Assessment()
        bare.fields = [:]
        bare.reasons = []
        bare.problems = []
        bare.notes = []
        bare.score = -0.0
        #expect(bare.assessment.confidence == nil)
        #expect(bare.jsonBytes() == (try Self.encoderBytes(bare)))
    }

    @Test func aNumberThatIsNotFiniteLeavesItToTheEncoder() throws {
        var line = InspectionLine(file: "a.csv", index: 1, location: "line 2", fields: [:], classified: false, category: "", subtype: "",
                                  level: "", industry: "", score: .nan, reasons: [], problems: [], notes: [], flags: [], titleKey: "",
                                  eligible: true, assessment: Assessment())
        #expect(line.jsonBytes() == nil)
        #expect(throws: (any Error).self) { try Self.encoderBytes(line) }
        line.score = 1
        #expect(line.jsonBytes() != nil)
    }
    /// Numbers of at most two decimals are written without `description`; every other one through it. Both
    /// spell a number as JSONEncoder does (its description, a trailing ".0" dropped).
    @Test func numbersOfTwoDecimalsAreSpelledAsTheirDescription() {
        var values: [Double] = [0.01, -0.01, 0.1, 0.35, 0.5, 1.25, 2.675, 61.25, -2.5, 99.99, 12345678.91, 999_999_999.99,
                                0.30000000000000004, 1e-7, 1.005, 0.015, 1e9 + 0.5, -1e9 - 0.25, 123.456, .pi, -.pi, 0.07]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let cents = Double(Int64.random(in: -10_000_000_000...10_000_000_000, using: &g))
            values.append(cents / 100)
            values.append(cents / 1000)
            values.append(Double.random(in: -1e9...1e9, using: &g))
            values.append(Double(Int.random(in: 0...400, using: &g)) * 0.05)
            values.append(Double(Int.random(in: 0...100, using: &g)) / 100 * 1.5)
        }
        var listed = 0
        for v in values {
            var w = JSONBytes(capacity: 8)
            w.number(v)
            let d = v.description
            let expected = d.hasSuffix(".0") ? String(d.dropLast(2)) : d
            #expect(String(decoding: w.bytes, as: UTF8.self) == expected, "\(v)")
            if JSONBytes.hundredths(v) != nil { listed += 1 }
        }
        #expect(listed > 40_000)
    }

    /// Long strings (the buffer grows from its first size) with characters to escape at every place of an
    /// eight-byte word, Chinese, emoji, NFD and full-width text: JSONEncoder's bytes.
    @Test func longStringsAndEscapesAtEveryPlaceHaveTheEncodersBytes() throws {
        let pieces = ["重大科技成果", "\"", "\\", "\n", "\u{1}", "é", "e\u{301}", "😀", "／ＡＢＣ，。", "a", "\u{2028}", "/", "\t", "\u{7F}"]
        var texts: [String] = [""]
        for shift in 0..<9 {
            var t = String(repeating: "x", count: shift)
            for (k, p) in pieces.enumerated() { t += p + String(repeating: "中", count: k % 3) }
            texts.append(t)
        }
        texts.append(String(repeating: "成果转化，年产值1.2亿元。", count: 2_000))
        texts.append(String(repeating: "引号\"与反斜杠\\", count: 3_000))
        let bridged = NSString(string: "桥接的字符串 \"Foundation\"") as String
        texts.append(bridged)
        for t in texts {
            let line = InspectionLine(file: t, index: 3, location: "第 4 行", fields: ["summary": t, "title": "标题"], classified: false,
                                      category: "应用研究成果", subtype: "", level: "", industry: "", score: 12.5,
                                      reasons: [Reason(rule: "r", field: "summary", matched: t, weight: 1.5, conclusion: t)],
                                      problems: [], notes: [t], flags: [], titleKey: "k", eligible: true, assessment: Assessment())
            #expect(line.jsonBytes() == (try Self.encoderBytes(line)), "\(t.prefix(40))")
            var buffer: [UInt8] = Array("前缀".utf8)
            #expect(line.writeJSON(appendingTo: &buffer))
            #expect(buffer == Array("前缀".utf8) + (try Self.encoderBytes(line)))
        }
    }
    /// Every field of the form (written in an order known beforehand), and as many keys with one of them missing (the
    /// writer goes back and sorts them): JSONEncoder's bytes either way.
    @Test func theFormsFieldsAndAsManyOtherKeysHaveTheEncodersBytes() throws {
        var all: [String: String] = [:]
        for (i, f) in Field.allCases.enumerated() { all[f.rawValue] = "值\(i)「\"」" }
        var other = all
        other.removeValue(forKey: Field.allCases[0].rawValue)
        other["zzz"] = "多出的键"
        var first = all
        first.removeValue(forKey: Field.allCases[Field.allCases.count - 1].rawValue)
        first["A"] = "前面的键"
        for fields in [all, other, first] {
            #expect(fields.count == Field.allCases.count)
            let line = InspectionLine(file: "a.csv", index: 1, location: "第 2 行", fields: fields, classified: false, category: "", subtype: "",
                                      level: "", industry: "", score: 1, reasons: [], problems: [], notes: [], flags: [], titleKey: "",
                                      eligible: true, assessment: Assessment())
            #expect(line.jsonBytes() == (try Self.encoderBytes(line)))
        }
    }
}
