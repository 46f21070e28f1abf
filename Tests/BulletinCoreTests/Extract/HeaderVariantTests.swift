import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// Spreadsheet headers typed as people type them (issue 14, item 5): a CSV or XLSX header cell that is no known
/// label but close to one (a character added, dropped or changed, a word before it) names that field, with a note
/// saying which label it was taken for; a cell close to a field another column already names is ignored; and a
/// row missing a field whose label was typed as nothing known says which labels were read.
@Suite struct HeaderVariantTests {
    let config: PipelineConfig
    let csv: DelimitedReader
    let xlsx: XlsxReader
    init() throws {
        config = try TestSupport.config()
        csv = DelimitedReader(matcher: LabelMatcher(config: config))
        xlsx = XlsxReader(config: config, matcher: LabelMatcher(config: config))
    }

    static let row = "攀枝花学院,攀枝花市科技局,杨晓红,13981234567,钒钛磁铁矿低品位资源综合利用关键技术,高新处,攻克低品位钒钛磁铁矿选冶难题，钒回收率提高12个百分点。"

    /// Every field of `row`, read under whatever header named its columns.
    static func expectRow(_ s: Submission, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(s[.submitter] == "攀枝花学院", sourceLocation: sourceLocation)
        #expect(s[.supervisor] == "攀枝花市科技局", sourceLocation: sourceLocation)
        #expect(s[.contact] == "杨晓红", sourceLocation: sourceLocation)
        #expect(s[.mobile] == "13981234567", sourceLocation: sourceLocation)
        #expect(s[.title] == "钒钛磁铁矿低品位资源综合利用关键技术", sourceLocation: sourceLocation)
        #expect(s[.source] == "高新处", sourceLocation: sourceLocation)
        #expect(s[.summary].hasPrefix("攻克低品位"), sourceLocation: sourceLocation)
    }

    @Test func csvHeadersTypedDifferentlyAreTakenForTheirLabels() throws {
        // None of these is a label or alias in pipeline.json.
        let header = "报送单位名称,归口市(州)科技局或省直部,联系入,联系人手机,成果名称（全称）,成果来源处室,案例简介(限800字)"
        let e = try csv.read(bytes: Array((header + "\n" + Self.row + "\n").utf8), fileName: "十月汇总.csv")
        let s = try #require(e.submissions.first)
        Self.expectRow(s)
        #expect(e.notes.contains("column 1 (line 1): the label \"报送单位名称\" was taken for 报送单位（产学研等单位）"))
        #expect(e.notes.contains("column 3 (line 1): the label \"联系入\" was taken for 联系人"))
        // 成果名称（全称） and 案例简介(限800字) are the labels with a bracketed note, which `match` knows: no note.
        #expect(e.notes.filter { $0.contains("was taken for") }.count == 5)
        #expect(!e.notes.contains { $0.hasPrefix("columns ignored") })
        #expect(Validator(config: config).problems(of: s).isEmpty)
    }

    @Test func aCloseHeaderNeverDisplacesAnExactOne() throws {
        // 联系手机号 is close to 联系手机, which the fourth column names exactly: it is ignored, not read over it.
        let header = "报送单位,归口部门,联系人,联系手机,成果名称,成果来源,案例简介,联系手机号"
        let e = try csv.read(bytes: Array((header + "\n" + Self.row + ",13500000000\n").utf8), fileName: "a.csv")
        let s = try #require(e.submissions.first)
        #expect(s[.mobile] == "13981234567")
        #expect(e.notes.contains("columns ignored (labels not on the form): 联系手机号"))
        #expect(!e.notes.contains { $0.contains("was taken for") })
        // Two close cells for one field: the first is read, the second ignored.
        let twice = "报送单位名称,归口部门,联系人,联系手机,成果名称,成果来源,案例简介,报送单位全称"
        let e2 = try csv.read(bytes: Array((twice + "\n" + Self.row + ",另一单位\n").utf8), fileName: "b.csv")
        #expect(e2.submissions.first?[.submitter] == "攀枝花学院")
        #expect(e2.notes.contains("columns ignored (labels not on the form): 报送单位全称"))
    }

    @Test func aMissingFieldNamesTheLabelsThatWereNotKnown() throws {
        // 来源说明 (a note on the source) is no label of the form, no alias, not one character from one, and no
        // synonym swap reaches one: not guessed. (成果出处 stood here until labelSynonyms read 出处 as 来源.)
        let header = "报送单位,归口部门,联系人,联系手机,成果名称,来源说明,案例简介"
        let e = try csv.read(bytes: Array((header + "\n" + Self.row + "\n").utf8), fileName: "c.csv")
        let s = try #require(e.submissions.first)
        #expect(s.unknownLabels == ["来源说明"])
        #expect(s.fields[.source] == nil)
        let problems = Validator(config: config).problems(of: s)
        #expect(problems.count == 1)
        let message = try #require(problems.first?.message)
        #expect(message.contains("line 2 of c.csv has no 成果来源"))
        #expect(message.contains("labels not on the form: \"来源说明\""))
        #expect(message.contains("fields.source.aliases in pipeline.json"))
        // With every label known, the message is the plain one.
        let plain = try csv.read(bytes: Array(("报送单位,归口部门,联系人,联系手机,成果来源,案例简介\n攀枝花学院,攀枝花市科技局,杨晓红,13981234567,高新处,攻克难题。\n").utf8), fileName: "d.csv")
        let p = Validator(config: config).problems(of: try #require(plain.submissions.first))
        #expect(p.map(\.message) == ["line 2 of d.csv has no 成果名称 (the label was not found); fill it in and send the file again"])
    }

    @Test func xlsxHeadersTypedDifferentlyAreTakenForTheirLabels() throws {
        let labels = ["报送单位名称", "归口市（州）科技局", "联 系 人：", "联系手机号", "成果名", "成果来源：", "案例简要介绍", "完成人"]
        let values = ["西华大学", "成都市科技局", "何平", "13880001234", "高原特色果蔬冷链保鲜技术", "农村处", "研发预冷与气调保鲜集成技术。", "何平"]
        func cells(_ row: Int, _ texts: [String]) -> String {
            texts.enumerated().map { "<c r=\"\(XlsxReader.columnName($0.offset))\(row)\" t=\"inlineStr\"><is><t>\($0.element)</t></is></c>" }.joined()
        }
        let sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>2026年10月重大科技成果汇总表</t></is></c></row>"
            + "<row r=\"2\">\(cells(2, labels))</row><row r=\"3\">\(cells(3, values))</row></sheetData></worksheet>"
        let e = try xlsx.read(bytes: try Self.workbook(sheet: sheet), fileName: "汇总.xlsx")
        let s = try #require(e.submissions.first)
        #expect(s[.submitter] == "西华大学" && s[.mobile] == "13880001234" && s[.title] == "高原特色果蔬冷链保鲜技术")
        #expect(s[.summary] == "研发预冷与气调保鲜集成技术。")
        #expect(s.location == "sheet S row 3")
        #expect(e.notes.contains("sheet S, cell A2: the label \"报送单位名称\" was taken for 报送单位（产学研等单位）"))
        #expect(e.notes.contains("sheet S, cell G2: the label \"案例简要介绍\" was taken for 案例简介"))
        #expect(e.notes.contains("sheet S: columns ignored (labels not on the form): 完成人"))
        #expect(Validator(config: config).problems(of: s).isEmpty)
    }

    @Test func columnNamesAreTheSpreadsheetsLetters() {
        #expect(XlsxReader.columnName(0) == "A")
        #expect(XlsxReader.columnName(25) == "Z")
        #expect(XlsxReader.columnName(26) == "AA")
        #expect(XlsxReader.columnName(701) == "ZZ")
        #expect(XlsxReader.columnName(702) == "AAA")
        for c in [0, 5, 25, 26, 51, 700, 16383] {
            #expect(XlsxReader.reference("\(XlsxReader.columnName(c))7")?.column == c)
        }
    }

    /// A one-sheet workbook (sheet S) holding `sheet` as its worksheet part, as bytes.
    static func workbook(sheet: String) throws -> [UInt8] {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let parts: [(String, String)] = [
            ("[Content_Types].xml", #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("_rels/.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/s.xml"/></Relationships>"#),
            ("xl/worksheets/s.xml", sheet),
        ]
        let path = folder.appendingPathComponent("x.xlsx").path
        try ZipWriter.write(parts.map { ZipWriter.Entry(name: $0.0, bytes: Array($0.1.utf8)) }, to: path, modified: Date(timeIntervalSince1970: 946_684_800))
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
