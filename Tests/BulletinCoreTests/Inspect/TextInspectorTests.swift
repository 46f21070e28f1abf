import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// `inspect --text` shows what the DOCX reader sees; any other kind of file is refused with what it is and the
/// command that shows how the batch reads it, never with the Word reader's "save it as .docx" advice.
@Suite struct TextInspectorTests {
    static let samples = TestSupport.root.appendingPathComponent("samples")

    @Test func aWordFormGivesItsText() throws {
        let inspector = TextInspector(config: try TestSupport.config())
        let lines = try inspector.text(Self.samples.appendingPathComponent("2026-11-四川大学-报送表.docx"))
        #expect(lines.contains { $0.contains("四川大学") }, "\(lines.prefix(10))")
    }

    @Test(arguments: [("2026-11-成都市科技局-汇总.csv", "delimited text file"), ("2026-11-网上报送系统导出.json", "JSON file"),
                      ("2026-11-科技信息研究所-主动收集.jsonl", "JSON file")])
    func aSpreadsheetOrJSONFilePointsToInspectJSON(_ name: String, _ kind: String) throws {
        let inspector = TextInspector(config: try TestSupport.config())
        let refusal = try #require(throws: Refusal.self) { try inspector.text(Self.samples.appendingPathComponent(name)) }
        #expect(refusal.reason.contains(name) && refusal.reason.contains(kind), "\(refusal.reason)")
        #expect(refusal.advice.contains("bulletin inspect --json \(name)"), "\(refusal.advice)")
        #expect(!refusal.description.contains(".docx"), "no Word advice for a \(kind): \(refusal)")
    }

    @Test func aWorkbookIsNamedAsOne() throws {
        let book = TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/xlsx/libreoffice-汇总.xlsx")
        let refusal = try #require(throws: Refusal.self) { try TextInspector(config: try TestSupport.config()).text(book) }
        #expect(refusal.reason.contains("libreoffice-汇总.xlsx is an Excel workbook"), "\(refusal.reason)")
        #expect(refusal.advice.contains("inspect --json"))
    }

    @Test func aFileTheBatchRefusesKeepsTheBatchsReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("text-inspector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("旧版报送表.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).write(to: old)
        let refusal = try #require(throws: Refusal.self) { try TextInspector(config: try TestSupport.config()).text(old) }
        #expect(refusal.reason.contains("Excel 97–2003 workbook (.xls)"), "\(refusal.reason)")
    }
}
