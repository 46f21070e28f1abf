@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// Text a form puts in a footnote or endnote belongs to the value whose cell references it.
struct DocxFormNotesTests {
    typealias T = DocxFormTests

    static func docx(body: String) throws -> [UInt8] {
        let w = "xmlns:w=\"\(OOXMLNamespace.wordprocessingML)\""
        let footnotes = """
            <?xml version="1.0" encoding="UTF-8"?><w:footnotes \(w)><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
            <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 经中国电子学会鉴定（中电学鉴字〔2025〕第12号）。</w:t></w:r></w:p></w:footnote></w:footnotes>
            """
        let endnotes = """
            <?xml version="1.0" encoding="UTF-8"?><w:endnotes \(w)><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> 含子公司</w:t></w:r></w:p></w:endnote></w:endnotes>
            """
        let rels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>
            """
        return try DocxTestSupport.package([
            ("_rels/.rels", Array(DocxTestSupport.rels().utf8)),
            ("word/document.xml", Array(DocxTestSupport.documentXML(body: body).utf8)),
            ("word/_rels/document.xml.rels", Array(rels.utf8)),
            ("word/footnotes.xml", Array(footnotes.utf8)),
            ("word/endnotes.xml", Array(endnotes.utf8)),
        ])
    }

    @Test func noteTextJoinsTheValueThatReferencesIt() throws {
        let summary = "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:p><w:r><w:t>总体达到国际领先水平。</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p></w:tc>"
        let submitter = "<w:tc><w:p><w:r><w:t>四川大学</w:t></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p></w:tc>"
        let body = T.templateForm()
            .replacingOccurrences(of: T.tc("第一段。\n\n　第二段。 ", span: 3), with: summary)
            .replacingOccurrences(of: T.tc("四川大学"), with: submitter)
        let bytes = try Self.docx(body: body)
        let form = try #require(try DocxTestSupport.reader().read(bytes: bytes, fileName: "notes.docx").first)
        #expect(form[.summary] == "总体达到国际领先水平。1\n1 经中国电子学会鉴定（中电学鉴字〔2025〕第12号）。")
        #expect(form[.submitter] == "四川大学i\ni 含子公司")
        #expect(form[.supervisor] == "省教育厅" && form[.contact] == "张三")
        // The text view still gives the notes after the body, as Word prints them.
        let lines = try DocxTestSupport.reader().text(bytes: bytes, fileName: "notes.docx")
        #expect(lines.suffix(2) == ["1 经中国电子学会鉴定（中电学鉴字〔2025〕第12号）。", "i 含子公司"])
    }
}
