import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// The io7 pass (reading, printing, the fixed cost of a run): each shortcut gives what the code it replaced gave.
@Suite struct InspectIO7Tests {
    /// `Field.slot` is the field's place in `Field.allCases` (values are kept by it in `Validator` and `Inspector`).
    @Test func aFieldsSlotIsItsPlaceInAllCases() {
        #expect(Field.slots == Field.allCases.count)
        for (i, f) in Field.allCases.enumerated() { #expect(f.slot == i, "\(f)") }
    }

    /// The four-byte word test answers as the byte test (below 0x20, a quote or a backslash) for every byte value in
    /// every lane, among ASCII letters or bytes with their high bit; strings of four to seven bytes with one such byte
    /// anywhere are written as JSONEncoder writes them.
    @Test func theFourByteWordTestAgreesWithTheByteTest() throws {
        for c in 0...255 {
            for filler: UInt8 in [0x61, 0xE4, 0x20, 0x7F] {
                for lane in 0..<4 {
                    var bytes = [UInt8](repeating: filler, count: 4)
                    bytes[lane] = UInt8(c)
                    let w = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
                    let escapes = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
                    #expect(JSONBytes.plain(w) == !escapes, "\(c) at \(lane) among \(filler)")
                }
            }
        }
        for o in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{7F}", "é", "中", "/"] {
            for length in 3...7 {
                for at in 0...length {
                    let s = String(repeating: "a", count: at) + o + String(repeating: "b", count: length - at)
                    #expect(InspectSpeed11Tests.written(s) == (try InspectSpeed11Tests.encoderQuoted(s)), "\(s.debugDescription)")
                }
            }
        }
    }

    static func line(_ i: Int, score: Double = 1) -> InspectionLine {
        let odd = "“成果”/a\\b\"c😀é\r\n\u{1}《科学通报》\(i)"
        var assessment = Assessment(category: "应用研究成果", subtype: "关键技术", level: "国际先进", industry: "电子信息", score: score,
                                    reasons: (0..<(i % 5)).map { Reason(rule: "r\($0)", field: "summary", matched: odd, weight: Double($0) / 4, conclusion: "结论\(odd)") },
                                    flags: [odd], eligible: i % 2 == 0)
        assessment.confidence = i % 3 == 0 ? nil : LabelConfidence(category: 0.79, subtype: 1, level: 0.3, industry: 1e-5)
        var fields: [String: String] = [:]
        for f in Field.allCases where (i + f.slot) % 4 != 0 { fields[f.rawValue] = "\(f.rawValue) \(odd)" }
        return InspectionLine(file: "报送表\(i).csv", index: i, location: "line \(i + 1)", fields: fields, classified: i % 2 == 1,
                              category: assessment.category, subtype: assessment.subtype, level: assessment.level, industry: assessment.industry,
                              score: assessment.score, reasons: assessment.reasons, problems: [Problem(field: "mobile", message: odd)],
                              notes: [odd], flags: assessment.flags, titleKey: "C\(i)", eligible: assessment.eligible, assessment: assessment)
    }

    /// The writer's bytes are each line's `jsonBytes()` and a line break, one line or many between clears; a line with a
    /// number that is not finite appends nothing and leaves what was there.
    @Test func theWriterWritesEachLinesJSONAndALineBreak() throws {
        let writer = InspectionJSONWriter()
        var expected: [UInt8] = []
        for i in 0..<40 {
            let l = Self.line(i)
            #expect(writer.append(l))
            expected += try #require(l.jsonBytes()) + [0x0A]
            #expect(l.jsonBytes() == (try InspectionJSONTests.encoderBytes(l)))
            if i % 7 == 6 {
                #expect(writer.withBytes { Array($0) } == expected)
                writer.clear()
                expected = []
            }
        }
        #expect(!writer.append(Self.line(3, score: .infinity)))
        #expect(writer.withBytes { Array($0) } == expected)
        #expect(writer.append(Self.line(41)))
        expected += try #require(Self.line(41).jsonBytes()) + [0x0A]
        #expect(writer.withBytes { Array($0) } == expected)
    }

    /// `Normaliser.normalise` and `Validator.problems`, which now set and read values by index and slot, give what
    /// normalising each value by key and reading them by key gives, on submissions with every field present, some
    /// missing, some empty and some to clean.
    @Test func normalisingAndValidatingByIndexGiveWhatByKeyGave() throws {
        let config = try TestSupport.config()
        let normaliser = Normaliser(supervisors: SupervisorNames(config: config.supervisors))
        let validator = Validator(config: config)
        let values = ["", "  成都市科技局 ", "ＡＢＣ　１２３", "13800138000", "+86 138-0013-8000", "一项\n标题", "控制\u{0}字符", "短", String(repeating: "长", count: 1_200)]
        for i in 0..<300 {
            var s = Submission(file: "a.csv", index: i + 1, location: "line \(i + 2)")
            s.unknownLabels = i % 3 == 0 ? ["标签\(i)"] : []
            for f in Field.allCases where (i >> f.slot) % 3 != 0 { s.fields[f] = values[(i * 7 + f.slot * 3) % values.count] }
            if i % 2 == 0 { s.extras[.classified] = values[i % values.count] }
            let n = normaliser.normalise(s)
            var byKey = s
            for (f, v) in s.fields { byKey.fields[f] = normaliser.normalise(v, as: f) }
            #expect(n.fields == byKey.fields)
            #expect(Set(n.extras.keys) == Set(s.extras.keys))
            #expect(validator.problems(of: n).map(\.message) == Self.problemsByKey(n, config: config).map(\.message), "\(i)")
        }
    }

    /// The replaced `Validator.problems(of:)`, reading every value by key.
    static func problemsByKey(_ s: Submission, config: PipelineConfig) -> [Problem] {
        var out = s.problems
        var where_: String { "\(s.location) of \(s.file)" }
        for field in Field.allCases {
            let label = config.fields[field.rawValue]?.label ?? field.rawValue
            if (config.fields[field.rawValue]?.required ?? true) && s[field].isEmpty {
                if s.fields[field] == nil && !s.unknownLabels.isEmpty {
                    let seen = s.unknownLabels.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ") + (s.unknownLabels.count > 6 ? ", …" : "")
                    out.append(Problem(field: field.rawValue, message: "\(where_) has no \(label) (the label was not found; labels not on the form: \(seen)); if one of them is \(label), rename it \(label) (or add it to fields.\(field.rawValue).aliases in pipeline.json), else fill it in, and send the file again"))
                    continue
                }
                let what = s.fields[field] == nil ? "has no \(label) (the label was not found)" : "leaves \(label) empty"
                out.append(Problem(field: field.rawValue, message: "\(where_) \(what); fill it in and send the file again"))
            }
        }
        let mobile = s[.mobile]
        if !mobile.isEmpty && !Validator.isMainlandMobile(mobile) {
            out.append(Problem(field: Field.mobile.rawValue,
                               message: "联系手机 \"\(mobile)\" in \(where_) is not a mainland mobile number (11 digits starting with 1); correct it"))
        }
        let length = TextForm.characterCount(s[.summary])
        if length > config.validation.summaryMaxCharacters {
            out.append(Problem(field: Field.summary.rawValue,
                               message: "案例简介 in \(where_) has \(length) characters, more than the \(config.validation.summaryMaxCharacters) allowed; shorten it by \(length - config.validation.summaryMaxCharacters)"))
        }
        let title = s[.title]
        let titleLength = TextForm.characterCount(title)
        if !title.isEmpty && titleLength < config.validation.titleMinCharacters {
            out.append(Problem(field: Field.title.rawValue,
                               message: "成果名称 \"\(title)\" in \(where_) is shorter than \(config.validation.titleMinCharacters) characters; give the achievement's full name"))
        }
        if titleLength > config.titleMaxCharacters {
            out.append(Problem(field: Field.title.rawValue,
                               message: "成果名称 in \(where_) has \(titleLength) characters, more than the \(config.titleMaxCharacters) allowed (validation.titleMaxCharacters); put the achievement's name in 成果名称 and the details in 案例简介"))
        }
        return out
    }

    /// `inspect` of a file gives every line every field (empty where the row has none), as setting each by key did.
    @Test func everyLineHasEveryField() throws {
        let folder = try TestSupport.temporaryFolder()
        let csv = folder.appendingPathComponent("rows.csv")
        try Data("报送单位（产学研等单位）,联系人,成果名称,案例简介\n某大学,张三,一种新型材料,简介\n,,,\n某公司,,一种工艺,\n".utf8).write(to: csv)
        let lines = try Inspector(config: TestSupport.config()).inspect(csv)
        #expect(lines.count == 2)
        for l in lines {
            #expect(Set(l.fields.keys) == Set(Field.allCases.map(\.rawValue)))
        }
        #expect(lines[0].fields["title"] == "一种新型材料")
        #expect(lines[0].fields["mobile"] == "")
        #expect(lines[1].fields["summary"] == "")
        #expect(lines[1].fields["submitter"] == "某公司")
    }
    /// The CSV reader's rows: every field and optional field a column names holds its cell, or is absent where the row
    /// is too short to have the cell (then filled by key); a second column of the same field overrides the first; cells
    /// of unnamed columns are ignored. Rows of every length from 1 to past the header's.
    @Test func aCSVRowHoldsEachNamedColumnsCellOrNothing() throws {
        let config = try TestSupport.config()
        let reader = DelimitedReader(matcher: LabelMatcher(config: config))
        let labels = ["报送单位（产学研等单位）", "备注", "联系人", "成果名称", "是否涉密", "案例简介", "所属产业", "联系人", "其他"]
        // The columns as the reader's header matching names them (the oracle below fills by key, as the reader did).
        let columns = HeaderColumns(cells: labels.enumerated().map { ($0.offset, $0.element) }, matcher: LabelMatcher(config: config)).columns
        #expect(columns.values.filter { if case .field = $0 { return true }; return false }.count >= 5)
        let header = labels.enumerated().map { (label: $0.element, match: columns[$0.offset]) }
        var text = header.map(\.label).joined(separator: ",") + "\n"
        var expected: [([Field: String], [OptionalField: String])] = []
        for row in 0..<60 {
            let length = 1 + row % (header.count + 2)
            let cells = (0..<length).map { "c\(row)-\($0)" + (($0 + row) % 5 == 0 ? "" : "值") }
            text += cells.joined(separator: ",") + "\n"
            var fields: [Field: String] = [:], extras: [OptionalField: String] = [:]
            for (i, cell) in cells.enumerated() where i < header.count {
                switch header[i].match {
                case .field(let f)?: fields[f] = cell
                case .optional(let f)?: extras[f] = cell
                default: break
                }
            }
            expected.append((fields, extras))
        }
        let extraction = try reader.read(bytes: Array(text.utf8), fileName: "rows.csv")
        #expect(extraction.submissions.count == expected.count)
        for (s, e) in zip(extraction.submissions, expected) {
            #expect(s.fields == e.0, "\(s.location)")
            #expect(s.extras == e.1, "\(s.location)")
        }
    }
}
