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
}
