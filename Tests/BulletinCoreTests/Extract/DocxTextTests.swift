@testable import BulletinCore
import Foundation
import Testing

/// One WordprocessingML construct and the text Word shows for it.
struct DocxTextCase: Sendable, CustomTestStringConvertible {
    let name: String
    let body: String
    let expected: [String]
    var testDescription: String { name }
}

/// The text walker: what the reader sees is what Word shows.
struct DocxTextTests {
    static func p(_ content: String) -> String { "<w:p>\(content)</w:p>" }
    static func r(_ text: String) -> String { "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>" }
    static func fld(_ type: String) -> String { "<w:r><w:fldChar w:fldCharType=\"\(type)\"/></w:r>" }
    static func instr(_ text: String) -> String { "<w:r><w:instrText xml:space=\"preserve\">\(text)</w:instrText></w:r>" }
    static func legacyBox(_ data: String) -> String {
        "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Check1\"/><w:checkBox><w:sizeAuto/>\(data)</w:checkBox></w:ffData></w:fldChar></w:r>"
            + instr(" FORMCHECKBOX ") + fld("end")
    }
    static func w14Box(_ checked: String, checkedState: String = "2612") -> String {
        "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"\(checked)\"/><w14:checkedState w14:val=\"\(checkedState)\" w14:font=\"MS Gothic\"/><w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox></w:sdtPr><w:sdtContent>\(r("?"))</w:sdtContent></w:sdt>"
    }
    static let textBox = "<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>"

    static let cases: [DocxTextCase] = [
        .init(name: "runs are joined", body: p(r("报送") + r("单位")), expected: ["报送单位"]),
        .init(name: "tab, break and carriage return",
              body: p("<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t></w:r>"), expected: ["a\tb\nc\nd"]),
        .init(name: "non-breaking hyphen shown, soft hyphen dropped",
              body: p("<w:r><w:t>a</w:t><w:noBreakHyphen/><w:t>b</w:t><w:softHyphen/><w:t>c</w:t></w:r>"), expected: ["a-bc"]),
        .init(name: "w:sym from Wingdings, Wingdings 2 and Symbol",
              body: p("<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/><w:sym w:font=\"Wingdings 2\" w:char=\"F0A3\"/><w:sym w:font=\"Wingdings 2\" w:char=\"F052\"/><w:sym w:font=\"Symbol\" w:char=\"F061\"/><w:sym w:font=\"Wingdings\" w:char=\"FD\"/><w:sym w:font=\"SimSun\" w:char=\"221A\"/></w:r>"),
              expected: ["☑□☑α☒√"]),
        .init(name: "text in a symbol font is shown as its glyphs",
              body: p("<w:r><w:rPr><w:rFonts w:ascii=\"Wingdings 2\" w:hAnsi=\"Wingdings 2\"/></w:rPr><w:t>R</w:t></w:r>" + r("是 ")
                      + "<w:r><w:rPr><w:rFonts w:ascii=\"Wingdings 2\" w:hAnsi=\"Wingdings 2\"/></w:rPr><w:t>£</w:t></w:r>" + r("否")),
              expected: ["☑是 □否"]),
        .init(name: "hyperlink, smartTag, customXml, fldSimple, dir and bdo are walked through",
              body: p("<w:hyperlink w:anchor=\"x\">\(r("一"))</w:hyperlink><w:smartTag w:element=\"place\">\(r("二"))</w:smartTag><w:customXml w:element=\"n\"><w:customXmlPr/>\(r("三"))</w:customXml><w:fldSimple w:instr=\" DOCPROPERTY Company \">\(r("四"))</w:fldSimple><w:dir w:val=\"rtl\">\(r("五"))</w:dir><w:bdo w:val=\"ltr\">\(r("六"))</w:bdo>"),
              expected: ["一二三四五六"]),
        .init(name: "complex field gives its result, not its instruction",
              body: p(fld("begin") + instr(" MERGEFIELD 姓名 ") + fld("separate") + r("域结果") + fld("end")), expected: ["域结果"]),
        .init(name: "nested complex fields",
              body: p(r("前") + fld("begin") + instr(" IF ") + fld("begin") + instr(" PAGE ") + fld("separate") + r("1") + fld("end")
                      + instr(" = 1 \"yes\" ") + fld("separate") + r("是") + fld("end") + r("后")),
              expected: ["前是后"]),
        .init(name: "field without a result shows nothing",
              body: p(fld("begin") + instr(" PAGE ") + fld("end") + r("x")), expected: ["x"]),
        .init(name: "an unterminated field instruction does not hide the next paragraph",
              body: p(fld("begin") + instr(" BROKEN ")) + p(r("下一段")), expected: ["", "下一段"]),
        .init(name: "tracked changes accepted: insertions and moves kept, deletions dropped",
              body: p(r("原文") + "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>删除的</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"a\">\(r("插入的"))</w:ins><w:moveTo w:id=\"3\" w:author=\"a\">\(r("移入"))</w:moveTo><w:moveFrom w:id=\"4\" w:author=\"a\">\(r("移出"))</w:moveFrom>"),
              expected: ["原文插入的移入"]),
        .init(name: "a deleted paragraph mark joins the paragraph to the next",
              body: p("<w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"a\"/></w:rPr></w:pPr>" + r("上半")) + p(r("下半")), expected: ["上半下半"]),
        .init(name: "a deleted table row is dropped",
              body: "<w:tbl><w:tr><w:tc><w:p>\(r("留"))</w:p></w:tc></w:tr><w:tr><w:trPr><w:del w:id=\"1\" w:author=\"a\"/></w:trPr><w:tc><w:p>\(r("删"))</w:p></w:tc></w:tr></w:tbl>",
              expected: ["留"]),
        .init(name: "mc:AlternateContent: an understood Choice, never also the Fallback",
              body: p("<mc:AlternateContent><mc:Choice Requires=\"w14\">\(r("CHOICE"))</mc:Choice><mc:Fallback>\(r("FALLBACK"))</mc:Fallback></mc:AlternateContent>"),
              expected: ["CHOICE"]),
        .init(name: "mc:AlternateContent: the Fallback when the Choice is not understood (emoji symbol)",
              body: p("<w:r><mc:AlternateContent><mc:Choice Requires=\"w16se\"><w16se:symEx w16se:font=\"Segoe UI Emoji\" w16se:char=\"1F600\"/></mc:Choice><mc:Fallback><w:t>😀</w:t></mc:Fallback></mc:AlternateContent></w:r>"),
              expected: ["😀"]),
        .init(name: "mc:AlternateContent: nothing when no Choice is understood and there is no Fallback",
              body: p(r("斜线表头") + "<mc:AlternateContent><mc:Choice Requires=\"wpsCustomData\">\(r("WPS"))</mc:Choice></mc:AlternateContent>"),
              expected: ["斜线表头"]),
        .init(name: "a text box drawn twice (DrawingML Choice, VML Fallback) is read once, after its paragraph",
              body: p(r("锚点") + "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>\(textBox)</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>\(textBox)</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>" + r("之后")),
              expected: ["锚点之后", "框内文字"]),
        .init(name: "a VML text box alone", body: p("<w:r><w:pict><v:shape><v:textbox>\(textBox)</v:textbox></v:shape></w:pict></w:r>"),
              expected: ["", "框内文字"]),
        .init(name: "ruby gives its base text",
              body: p(r("中") + "<w:ruby><w:rubyPr><w:hps w:val=\"10\"/></w:rubyPr><w:rt>\(r("guó"))</w:rt><w:rubyBase>\(r("国"))</w:rubyBase></w:ruby>"),
              expected: ["中国"]),
        .init(name: "content controls at block and run level are unwrapped",
              body: "<w:sdt><w:sdtPr><w:id w:val=\"1\"/></w:sdtPr><w:sdtContent>\(p(r("块")))</w:sdtContent></w:sdt>"
                  + p(r("行") + "<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>\(r("内"))</w:sdtContent></w:sdt>"),
              expected: ["块", "行内"]),
        .init(name: "a content control showing its placeholder reads as empty",
              body: p("<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>\(r("单击或点击此处输入文字。"))</w:sdtContent></w:sdt>"),
              expected: [""]),
        .init(name: "w14 check boxes show their state", body: p(w14Box("1") + r("是 ") + w14Box("0") + r("否 ") + w14Box("true", checkedState: "2611")),
              expected: ["☒是 ☐否 ☑"]),
        .init(name: "legacy FORMCHECKBOX: w:checked over w:default",
              body: p(legacyBox("<w:default w:val=\"0\"/><w:checked w:val=\"1\"/>") + legacyBox("<w:default w:val=\"1\"/>")
                      + legacyBox("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>") + legacyBox("<w:default w:val=\"0\"/><w:checked/>")
                      + legacyBox("<w:default w:val=\"0\"/>")),
              expected: ["☒☒☐☒☐"]),
        .init(name: "legacy FORMDROPDOWN shows the chosen entry, else the first",
              body: p("<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:ddList><w:result w:val=\"1\"/><w:listEntry w:val=\"甲\"/><w:listEntry w:val=\"乙\"/></w:ddList></w:ffData></w:fldChar></w:r>" + instr(" FORMDROPDOWN ") + fld("end"))
                  + p("<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:ddList><w:listEntry w:val=\"甲\"/><w:listEntry w:val=\"乙\"/></w:ddList></w:ffData></w:fldChar></w:r>" + instr(" FORMDROPDOWN ") + fld("end")),
              expected: ["乙", "甲"]),
        .init(name: "hidden text (w:vanish) is not shown",
              body: p(r("看得见") + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>也看得见</w:t></w:r>"),
              expected: ["看得见也看得见"]),
        .init(name: "a drop cap joins its paragraph",
              body: p("<w:pPr><w:framePr w:dropCap=\"drop\" w:lines=\"3\"/></w:pPr>" + r("D")) + p(r("rop cap.")), expected: ["Drop cap."]),
        .init(name: "math text and n-ary operators",
              body: p("<m:oMath><m:nary><m:naryPr/><m:sub><m:r><m:t>0</m:t></m:r></m:sub><m:sup><m:r><m:t>1</m:t></m:r></m:sup><m:e><m:r><m:t>x</m:t></m:r></m:e></m:nary></m:oMath>"),
              expected: ["∫01x"]),
        .init(name: "table cells in order; a merged cell once",
              body: "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>\(p(r("联系人")))</w:tc><w:tc>\(p(r("张三")))</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>\(p(r("李四")))</w:tc></w:tr></w:tbl>",
              expected: ["联系人", "张三", "李四"]),
        .init(name: "a nested table's cells are lines of the cell holding it",
              body: "<w:tbl><w:tr><w:tc>\(p(r("外层")))<w:tbl><w:tr><w:tc>\(p(r("内A")))</w:tc><w:tc>\(p(r("内B")))</w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>",
              expected: ["外层\n内A\n内B\n"]),
    ]

    @Test(arguments: cases)
    func shows(_ c: DocxTextCase) throws {
        #expect(try DocxTestSupport.text(body: c.body) == c.expected)
    }

    // MARK: - Files other writers made

    static let fixtureTexts: [(String, [String])] = [
        ("form_table.docx", ["报送单位", "某某市教育局", "联系人", "张三", "联系手机", "13800138000", "成果名称", "智慧课堂",
                             "成果来源", "☒自主研发 ☐合作", "旧式复选", "☒是 ☐否", "案例简介", "第一行\n第二行\n第三行\t制表\n第二段"]),
        ("merged_cells.docx", ["报送单位", "甲单位", "联系人", "张三", "138", "李四", "139", "gridBefore行"]),
        ("row_sdt.docx", ["行前", "x", "重复区段行", "值2"]),
        ("wps_alternatecontent.docx", ["斜线表头", "值", "CHOICE文本"]),
        ("ruby.docx", ["中国"]),
        ("symbols.docx", ["☑ 是 □ 否 a-bc"]),
        ("fields_complex.docx", ["域结果"]),
        ("tracked_changes.docx", ["原文插入的移入"]),
        ("wrappers.docx", ["自定义XML包裹智能标记简单域结果超链接文字"]),
        ("tabstops_pagebreak.docx", ["联系人\t张三", "页\n后"]),
        ("nested_table.docx", ["案例简介", "外层\n内层A\n内层B\n"]),
        ("ns0-reference.docx", ["ref"]),
        ("strict.docx", ["•\tBullet1", "•\tBullet2", "1.\tNumber1", "2.\tNumber2", "Cellaa", "Cellab", "Cellba", "Cellbb"]),
    ]

    @Test(arguments: fixtureTexts)
    func readsFixture(_ name: String, _ expected: [String]) throws {
        let lines = try DocxTestSupport.reader().text(bytes: try DocxTestSupport.fixture(name), fileName: name)
        #expect(lines.filter { !$0.isEmpty } == expected.filter { !$0.isEmpty })
    }

    @Test func legacyAndContentControlCheckBoxesAndDropDowns() throws {
        let lines = try DocxTestSupport.reader().text(bytes: try DocxTestSupport.fixture("check_drop_my.docx"), fileName: "check_drop_my.docx")
            .filter { !$0.isEmpty }
        #expect(lines.contains("[user unchecked]☐[user unchecked]"))
        #expect(lines.contains("[user checked]☒[user checked]"))
        #expect(lines.contains("[my unchecked]☐[my unchecked]"))
        #expect(lines.contains("[my checked]☒[my checked]"))
        #expect(lines.contains("Piihan B"))           // FORMDROPDOWN with no result: its first entry
        #expect(!lines.contains("Choose an item."))  // drop-down content control showing its placeholder
    }

    @Test func mainPartFoundThroughRelationships() throws {
        let lines = try DocxTestSupport.reader().text(bytes: try DocxTestSupport.fixture("alternate_document_path.docx"),
                                                      fileName: "alternate_document_path.docx")
        #expect(lines.first == "Test")
        let moved = try DocxTestSupport.package([
            ("[Content_Types].xml", Array(DocxTestSupport.contentTypes.utf8)),
            ("_rels/.rels", Array(DocxTestSupport.rels(target: "/custom/main.xml").utf8)),
            ("custom/main.xml", Array(DocxTestSupport.documentXML(body: Self.p(Self.r("移动的主文档"))).utf8)),
            ("word/document.xml", Array(DocxTestSupport.documentXML(body: Self.p(Self.r("不是主文档"))).utf8)),
        ])
        #expect(try DocxTestSupport.reader().text(bytes: moved, fileName: "moved.docx") == ["移动的主文档"])
    }

    @Test func strictRelationshipAndNamespaces() throws {
        let xml = DocxTestSupport.documentXML(body: Self.p(Self.r("严格")))
            .replacingOccurrences(of: "http://schemas.openxmlformats.org/wordprocessingml/2006/main", with: "http://purl.oclc.org/ooxml/wordprocessingml/main")
        let bytes = try DocxTestSupport.package([
            ("_rels/.rels", Array(DocxTestSupport.rels(type: "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument").utf8)),
            ("word/document.xml", Array(xml.utf8)),
        ])
        #expect(try DocxTestSupport.reader().text(bytes: bytes, fileName: "strict.docx") == ["严格"])
    }

    // MARK: - List numbering and notes

    @Test func listLabelsAreShownAsWordCountsThem() throws {
        let numbering = """
            <?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/><w:suff w:val="space"/></w:lvl></w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>
            """
        func item(_ numId: Int, _ level: Int, _ text: String) -> String {
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(numId)\"/></w:numPr></w:pPr>\(Self.r(text))</w:p>"
        }
        let body = item(1, 0, "甲") + item(1, 1, "子") + item(1, 1, "丑") + item(1, 0, "乙") + item(1, 1, "寅")
            + item(2, 0, "a") + item(2, 0, "b") + item(3, 0, "c") + Self.p(Self.r("无编号"))
        let rels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>
            """
        let bytes = try DocxTestSupport.package([
            ("_rels/.rels", Array(DocxTestSupport.rels().utf8)),
            ("word/document.xml", Array(DocxTestSupport.documentXML(body: body).utf8)),
            ("word/_rels/document.xml.rels", Array(rels.utf8)),
            ("word/numbering.xml", Array(numbering.utf8)),
        ])
        #expect(try DocxTestSupport.reader().text(bytes: bytes, fileName: "n.docx")
                == ["（一）甲", "1. 子", "2. 丑", "（二）乙", "1. 寅", "①\ta", "②\tb", "①\tc", "无编号"])
    }

    @Test(arguments: [
        (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"), (21, "chineseCounting", "二十一"),
        (105, "chineseCounting", "一百〇五"), (3, "ideographTraditional", "丙"), (4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"),
        (28, "upperLetter", "BB"), (3, "decimalFullWidth", "３"), (2, "chineseLegalSimplified", "贰"), (7, "decimalZero", "07"),
    ] as [(Int, String, String)])
    func numberFormats(_ n: Int, _ format: String, _ expected: String) {
        #expect(DocxNumberFormat.format(n, as: format) == expected)
    }

    @Test func footAndEndnotesFollowTheBodyWithTheirMarks() throws {
        let lines = try DocxTestSupport.reader().text(bytes: try DocxTestSupport.fixture("notes.docx"), fileName: "notes.docx")
        #expect(lines.filter { !$0.isEmpty } == ["A footnote", "Test footnote.1 Test endnote.i", "1 My note.", "i This is an endnote at the end of the document."])
    }
}
