@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// Files the DOCX reader refuses as a whole, each with a reason that says what the file is and advice a
/// person can act on; hostile files are refused in bounded time and memory.
struct DocxRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let fileName: String
        let bytes: @Sendable () throws -> [UInt8]
        let reason: [String]
        var configure: @Sendable (inout PipelineConfig) -> Void = { _ in }
        var testDescription: String { name }
    }

    static func ole(_ streams: [String]) -> [UInt8] {
        DocxSniffer.oleMagic + [UInt8](repeating: 0, count: 504) + streams.flatMap { DocxSniffer.utf16LE($0) + [0, 0] }
    }

    static func docx(document: String, rels: String = DocxTestSupport.rels()) throws -> [UInt8] {
        try DocxTestSupport.package([("_rels/.rels", Array(rels.utf8)), ("word/document.xml", Array(document.utf8))])
    }

    static let aForm = DocxTestSupport.documentXML(body: "<w:p><w:r><w:t>正文</w:t></w:r></w:p>")

    static let cases: [Case] = [
        .init(name: "empty file", fileName: "a.docx", bytes: { [] }, reason: ["a.docx is empty (0 bytes)"]),
        .init(name: "Word 97–2003", fileName: "a.docx", bytes: { ole(["Root Entry", "WordDocument", "1Table"]) },
              reason: ["a.docx is a Word 97–2003 document (.doc)"]),
        .init(name: "Word 97–2003 named .doc", fileName: "a.doc", bytes: { ole(["WordDocument"]) }, reason: ["Word 97–2003 document"]),
        .init(name: "password-protected DOCX", fileName: "a.docx", bytes: { ole(["EncryptionInfo", "EncryptedPackage"]) },
              reason: ["a.docx is a password-protected Word document"]),
        .init(name: "WPS .wps", fileName: "报送表.wps", bytes: { ole(["WordDocument"]) }, reason: ["报送表.wps is a WPS Writer document (.wps)"]),
        .init(name: "PDF renamed", fileName: "a.docx", bytes: { Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8) }, reason: ["a.docx is a PDF file"]),
        .init(name: "PNG renamed", fileName: "a.docx", bytes: { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0] }, reason: ["a PNG image"]),
        .init(name: "JPEG renamed", fileName: "a.docx", bytes: { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] }, reason: ["a JPEG image"]),
        .init(name: "GIF renamed", fileName: "a.docx", bytes: { Array("GIF89a....".utf8) }, reason: ["a GIF image"]),
        .init(name: "RTF renamed", fileName: "a.doc", bytes: { Array("{\\rtf1\\ansi hello}".utf8) }, reason: ["Rich Text (RTF)"]),
        .init(name: "web page saved as .doc", fileName: "a.doc", bytes: { Array("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body>".utf8) },
              reason: ["a web page"]),
        .init(name: "plain text", fileName: "a.docx", bytes: { Array("报送单位,联系人\n".utf8) }, reason: ["a.docx is not a Word document"]),
        .init(name: "truncated zip", fileName: "a.docx", bytes: { let b = try docx(document: aForm); return Array(b.prefix(b.count / 2)) },
              reason: ["a.docx is damaged or incomplete", "cut short"]),
        .init(name: "truncated sample (python-docx, cut in half)", fileName: "损坏的报送表.docx",
              bytes: { try DocxTestSupport.sample("损坏的报送表.docx") }, reason: ["损坏的报送表.docx is damaged or incomplete"]),
        .init(name: "zip bomb (inflates 1000 times its size)", fileName: "bomb.docx",
              bytes: { try docx(document: DocxTestSupport.documentXML(body: String(repeating: " ", count: 12 << 20))) },
              reason: ["bomb.docx was refused as unsafe", "zip bomb"]),
        .init(name: "entry larger than the limit", fileName: "big.docx",
              bytes: { try docx(document: DocxTestSupport.documentXML(body: String(repeating: "<w:p/>", count: 50_000))) },
              reason: ["big.docx was refused as unsafe", "inflates past 100000 bytes"],
              configure: { $0.limits.zipMaxEntryBytes = 100_000 }),
        .init(name: "too many entries", fileName: "many.docx",
              bytes: { try DocxTestSupport.package((0..<12).map { ("media/\($0).bin", [UInt8]($0.description.utf8)) }) },
              reason: ["many.docx was refused as unsafe", "12 entries, more than the limit of 10"],
              configure: { $0.limits.zipMaxEntries = 10 }),
        .init(name: "duplicate entry names", fileName: "dup.docx",
              bytes: { try DocxTestSupport.package([("_rels/.rels", Array(DocxTestSupport.rels().utf8)), ("word/document.xml", Array(aForm.utf8)),
                                                    ("Word/Document.xml", Array(aForm.utf8))]) },
              reason: ["dup.docx was refused as unsafe", "two entries with the same name"]),
        .init(name: "DOCTYPE in the main part", fileName: "dtd.docx",
              bytes: { try docx(document: "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n" + aForm.drop(while: { $0 != "\n" })) },
              reason: ["dtd.docx was refused as unsafe", "part word/document.xml contains a <!DOCTYPE>"]),
        .init(name: "DOCTYPE in the relationships", fileName: "dtd.docx",
              bytes: { try docx(document: aForm, rels: "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://example.invalid/x.dtd\">" + DocxTestSupport.rels().drop(while: { $0 != "\n" })) },
              reason: ["part _rels/.rels contains a <!DOCTYPE>"]),
        .init(name: "malformed XML", fileName: "bad.docx",
              bytes: { try docx(document: "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(OOXMLNamespace.wordprocessingML)\">\n<w:body><w:p></w:body>\n</w:document>") },
              reason: ["bad.docx is damaged", "part word/document.xml is not well-formed XML at line 3, column"]),
        .init(name: "nesting deeper than the limit", fileName: "deep.docx",
              bytes: { try docx(document: DocxTestSupport.documentXML(body: "<w:p>" + String(repeating: "<w:hyperlink>", count: 300) + String(repeating: "</w:hyperlink>", count: 300) + "</w:p>")) },
              reason: ["deep.docx was refused as unsafe", "nested more than 200 deep"]),
        .init(name: "nesting far deeper than libxml2's own limit", fileName: "deeper.docx",
              bytes: { try docx(document: DocxTestSupport.documentXML(body: String(repeating: "<w:sdt><w:sdtContent>", count: 50_000))) },
              reason: ["deeper.docx was refused as unsafe", "nested more than"]),
        .init(name: "zip without _rels/.rels", fileName: "x.docx", bytes: { try DocxTestSupport.package([("word/document.xml", Array(aForm.utf8))]) },
              reason: ["x.docx is a zip archive but not a Word document"]),
        .init(name: "OpenDocument text", fileName: "x.docx",
              bytes: { try DocxTestSupport.package([("mimetype", Array("application/vnd.oasis.opendocument.text".utf8)), ("content.xml", Array("<x/>".utf8))]) },
              reason: ["x.docx is an OpenDocument file"]),
        .init(name: "Excel workbook renamed", fileName: "x.docx",
              bytes: { try docx(document: "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>") },
              reason: ["x.docx is an Excel workbook (.xlsx), renamed as a Word file"]),
        .init(name: "main part missing", fileName: "x.docx",
              bytes: { try DocxTestSupport.package([("_rels/.rels", Array(DocxTestSupport.rels(target: "word/gone.xml").utf8))]) },
              reason: ["x.docx is incomplete: its main document part \"word/gone.xml\" is missing"]),
        .init(name: "no officeDocument relationship", fileName: "x.docx",
              bytes: { try docx(document: aForm, rels: DocxTestSupport.rels(type: "http://example.invalid/other")) },
              reason: ["x.docx has no main document"]),
    ]

    @Test(arguments: cases)
    func refuses(_ c: Case) throws {
        let reader = try DocxTestSupport.reader(c.configure)
        let bytes = try c.bytes()
        let start = Date()
        let refusal = try #require(throws: Refusal.self) { try reader.read(bytes: bytes, fileName: c.fileName) }
        for part in c.reason { #expect(refusal.reason.contains(part), "reason: \(refusal.reason)") }
        #expect(!refusal.advice.isEmpty)
        #expect(Date().timeIntervalSince(start) < 10, "refused in bounded time")
        // `inspect --text` refuses the same way.
        #expect(throws: Refusal.self) { try reader.text(bytes: bytes, fileName: c.fileName) }
    }

    @Test func corruptDeflateDataIsRefusedNotCrashed() throws {
        let body = (0..<2000).map { "<w:p><w:r><w:t>第\($0)段 \(($0 * 7919) % 10007)</w:t></w:r></w:p>" }.joined()
        var bytes = try Self.docx(document: DocxTestSupport.documentXML(body: body))
        for i in stride(from: bytes.count / 3, to: bytes.count / 2, by: 7) { bytes[i] ^= 0x5A }
        let refusal = try #require(throws: Refusal.self) { try DocxTestSupport.reader().read(bytes: bytes, fileName: "c.docx") }
        #expect(refusal.reason.contains("c.docx"))
    }
}
