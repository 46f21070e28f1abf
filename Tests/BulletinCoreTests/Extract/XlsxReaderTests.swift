import BulletinTestSupport
import BulletinCore
import Foundation
import OOXML
import Testing

@Suite struct XlsxReaderTests {
    let reader: XlsxReader
    init() throws { reader = XlsxReader(config: try TestSupport.config()) }

    static func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/xlsx/\(name)")))
    }

    @Test func readsTheOpenpyxlWorkbookAsAUserSeesIt() throws {
        let e = try reader.read(bytes: try Self.fixture("openpyxl-汇总.xlsx"), fileName: "汇总.xlsx")
        #expect(e.submissions.count == 3, "two full rows and a short one; the blank row is skipped")
        let first = try #require(e.submissions.first)
        #expect(first.location == "sheet 报送汇总 row 4")
        #expect(first[.submitter] == "四川大学")
        #expect(first[.mobile] == "13800138000", "a number shown as 1.38E+10 is still the 11 digits")
        #expect(first[.title] == "高熵合金低温韧化机理研究", "rich text runs are joined")
        #expect(first[.summary].contains("《Science》"))
        #expect(e.submissions[2].location == "sheet 报送汇总 row 7")
        #expect(e.submissions[2][.mobile] == "1370000111")
        #expect(e.notes.contains { $0.contains("说明") }, "the hidden sheet is named as skipped")
        #expect(e.notes.contains { $0.contains("填报日期") }, "the unknown column is reported once")
    }

    @Test func readsTheLibreOfficeWorkbook() throws {
        let e = try reader.read(bytes: try Self.fixture("libreoffice-汇总.xlsx"), fileName: "lo.xlsx")
        #expect(e.submissions.map { $0[.title] } == ["高熵合金低温韧化机理研究", "5G小基站射频前端芯片国产化"])
        #expect(e.submissions.map { $0[.mobile] } == ["13800138000", "13912345678"])
    }

    @Test(arguments: [("45981", false, "2025-11-20"), ("61", false, "1900-03-01"), ("1", false, "1900-01-01"), ("0", true, "1904-01-01")])
    func datesAreShownAsDates(serial: String, date1904: Bool, expected: String) {
        #expect(XlsxReader.date(serial: serial, date1904: date1904) == expected)
    }

    @Test(arguments: [("1.3800138E10", "13800138000"), ("13800138000.0", "13800138000"), ("3.5", "3.5"), ("abc", "abc")])
    func numbersAreShownAsInAGeneralCell(raw: String, shown: String) {
        #expect(XlsxReader.number(raw) == shown)
    }

    @Test func refusesOldExcelAndBrokenFiles() {
        #expect(throws: Refusal.self) { try reader.read(bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600), fileName: "a.xls") }
        #expect(throws: Refusal.self) { try reader.read(bytes: Array("PK\u{3}\u{4}garbage".utf8), fileName: "a.xlsx") }
    }

    @Test func aWorkbookWithoutAHeaderRowIsRefusedWithAReason() throws {
        let sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>随便</t></is></c></row></sheetData></worksheet>"#
        let bytes = try HeaderVariantTests.workbook(sheet: sheet)
        do {
            _ = try reader.read(bytes: bytes, fileName: "x.xlsx")
            Issue.record("a sheet without labels was accepted")
        } catch let r as Refusal {
            #expect(r.reason.contains("sheet S of x.xlsx has no header row"))
        }
    }
}
