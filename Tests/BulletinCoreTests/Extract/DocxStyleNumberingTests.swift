@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// Numbering that a paragraph takes from its style (List Number, a heading style, a style based on one),
/// read from the styles part by streaming, as Word's 349 KB styles part is in most real forms.
struct DocxStyleNumberingTests {
    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    static let numbering = """
        <?xml version="1.0" encoding="UTF-8"?><w:numbering \(w)>
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="space"/><w:rPr><w:rFonts w:ascii="宋体"/></w:rPr></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        </w:numbering>
        """

    /// Word-like styles: latent styles and character and table styles (skipped), List Number numbered
    /// through its pPr, a style based on it, a heading numbered through numbering 2, and a plain style.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?><w:styles \(w)>
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri"/></w:rPr></w:rPrDefault></w:docDefaults>
        <w:latentStyles w:count="2"><w:lsdException w:name="Normal"/><w:lsdException w:name="List Number"/></w:latentStyles>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="24"/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="ListNumber"><w:name w:val="a character style with a paragraph style's id"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Note"><w:name w:val="备注"/><w:basedOn w:val="ListNumber"/><w:rPr><w:b/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="table" w:styleId="TableGrid"><w:tblPr><w:tblBorders/></w:tblPr></w:style>
        </w:styles>
        """

    static func docx(body: String, styles: String = styles, numbering: String = numbering) throws -> [UInt8] {
        let rels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """
        return try DocxTestSupport.package([
            ("_rels/.rels", Array(DocxTestSupport.rels().utf8)),
            ("word/document.xml", Array(DocxTestSupport.documentXML(body: body).utf8)),
            ("word/_rels/document.xml.rels", Array(rels.utf8)),
            ("word/numbering.xml", Array(numbering.utf8)),
            ("word/styles.xml", Array(styles.utf8)),
        ])
    }

    static func p(_ style: String?, _ text: String) -> String {
        "<w:p>\(style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? "")<w:r><w:t>\(text)</w:t></w:r></w:p>"
    }

    @Test func paragraphsTakeTheirStylesNumbering() throws {
        let body = Self.p("Heading1", "基本信息") + Self.p("ListNumber", "成果名称不超过30字。") + Self.p("Note", "简介不超过1000字。")
            + Self.p("Normal", "正文") + Self.p("Heading1", "备注") + Self.p("Missing", "未定义的样式") + Self.p(nil, "无样式")
        let lines = try DocxTestSupport.reader().text(bytes: try Self.docx(body: body), fileName: "styled.docx")
        #expect(lines == ["一、基本信息", "1. 成果名称不超过30字。", "2. 简介不超过1000字。", "正文", "二、备注", "未定义的样式", "无样式"])
    }

    /// Only the styles the document uses are read: damage in one of them refuses the file, naming the part.
    @Test func malformedStyleInUseIsRefusedByName() throws {
        let broken = Self.styles.replacingOccurrences(of: "<w:spacing w:after=\"0\"/>", with: "<w:spacing w:after=\"0\">")
        let error = try #require(throws: Refusal.self) {
            try DocxTestSupport.reader().text(bytes: try Self.docx(body: Self.p("ListNumber", "x"), styles: broken), fileName: "broken.docx")
        }
        #expect(error.reason.contains("word/styles.xml") && error.reason.contains("broken.docx"), "\(error.reason)")
    }

    @Test func malformedNumberingPartIsRefusedByName() throws {
        let broken = Self.numbering.replacingOccurrences(of: "</w:numbering>", with: "")
        let error = try #require(throws: Refusal.self) {
            try DocxTestSupport.reader().text(bytes: try Self.docx(body: Self.p("ListNumber", "x"), numbering: broken), fileName: "broken.docx")
        }
        #expect(error.reason.contains("word/numbering.xml"), "\(error.reason)")
    }
}
