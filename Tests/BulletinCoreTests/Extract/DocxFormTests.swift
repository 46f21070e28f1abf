@testable import BulletinCore
import Foundation
import Testing

/// Finding forms in DOCX tables: label cells, values to the right or below, merges, several forms per
/// file, forms split across tables, optional rows and labels that match nothing.
struct DocxFormTests {
    // MARK: - Building tables

    /// A cell: its text (`\n` starts a new paragraph) and properties.
    static func tc(_ text: String, span: Int = 1, vMerge: String? = nil) -> String {
        var pr = ""
        if span > 1 { pr += "<w:gridSpan w:val=\"\(span)\"/>" }
        if let vMerge { pr += vMerge.isEmpty ? "<w:vMerge/>" : "<w:vMerge w:val=\"\(vMerge)\"/>" }
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "<w:p/>" : "<w:p><w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r></w:p>" }.joined()
        return "<w:tc>\(pr.isEmpty ? "" : "<w:tcPr>\(pr)</w:tcPr>")\(paragraphs)</w:tc>"
    }

    static func tr(_ cells: String..., gridBefore: Int = 0) -> String {
        "<w:tr>\(gridBefore > 0 ? "<w:trPr><w:gridBefore w:val=\"\(gridBefore)\"/></w:trPr>" : "")\(cells.joined())</w:tr>"
    }

    static func tbl(_ rows: String...) -> String { "<w:tbl><w:tblPr/>\(rows.joined())</w:tbl>" }

    static func para(_ text: String) -> String { "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p>" }

    /// The template's layout: four columns, the last three rows spanning the value columns.
    static func templateForm(submitter: String = "四川大学", title: String = "成果甲", extraRows: String = "") -> String {
        tbl(tr(tc("报送单位（产学研等单位）"), tc(submitter), tc("归口市（州）科技局或省直部门"), tc("省教育厅")),
            tr(tc("联系人"), tc("张三"), tc("联系手机"), tc("13800138000")),
            tr(tc("成果名称"), tc(title, span: 3)),
            tr(tc("成果来源"), tc("基础处", span: 3)),
            extraRows,
            tr(tc("案例简介"), tc("第一段。\n\n　第二段。 ", span: 3)))
    }

    static func read(_ body: String) throws -> [Submission] {
        try DocxTestSupport.reader().read(bytes: try DocxTestSupport.docx(body: body), fileName: "form.docx")
    }

    // MARK: - Layouts

    @Test func templateLayout() throws {
        let forms = try Self.read(Self.para("重大科技成果案例报送表") + Self.templateForm())
        try #require(forms.count == 1)
        let form = forms[0]
        #expect(form.index == 1 && form.location == "table 1" && form.file == "form.docx")
        #expect(form.fields == [.submitter: "四川大学", .supervisor: "省教育厅", .contact: "张三", .mobile: "13800138000",
                                .title: "成果甲", .source: "基础处", .summary: "第一段。\n第二段。"])
        #expect(form.extras.isEmpty && form.unknownLabels.isEmpty && form.problems.isEmpty)
    }

    @Test func labelsAboveValues() throws {
        let body = Self.tbl(
            Self.tr(Self.tc("报送单位"), Self.tc("联系人"), Self.tc("联系手机")),
            Self.tr(Self.tc("成都某公司"), Self.tc("李四"), Self.tc("13912345678")),
            Self.tr(Self.tc("成果名称", span: 2), Self.tc("成果来源")),
            Self.tr(Self.tc("某技术", span: 2), Self.tc("高新处")),
            Self.tr(Self.tc("案例简介", span: 3)),
            Self.tr(Self.tc("简介正文。", span: 3)))
        let form = try #require(try Self.read(body).first)
        #expect(form.fields == [.submitter: "成都某公司", .contact: "李四", .mobile: "13912345678",
                                .title: "某技术", .source: "高新处", .summary: "简介正文。"])
        #expect(form.unknownLabels.isEmpty)
    }

    @Test func verticallyMergedLabelTakesEveryRowItSpans() throws {
        let body = Self.tbl(
            Self.tr(Self.tc("报送单位"), Self.tc("甲单位", span: 2)),
            Self.tr(Self.tc("联系人", vMerge: "restart"), Self.tc("张三"), Self.tc("138")),
            Self.tr(Self.tc("", vMerge: ""), Self.tc("李四"), Self.tc("139")),
            Self.tr(Self.tc("成果名称"), Self.tc("某成果", span: 2)))
        let form = try #require(try Self.read(body).first)
        #expect(form[.contact] == "张三 138\n李四 139")
        #expect(form[.title] == "某成果")
    }

    @Test func gridBeforeShiftsTheRow() throws {
        let body = Self.tbl(
            Self.tr(Self.tc("报送单位"), Self.tc("甲单位"), Self.tc("")),
            Self.tr(Self.tc("联系人"), Self.tc("张三", span: 2)),
            Self.tr(Self.tc("成果名称"), Self.tc("某成果"), gridBefore: 1))
        let form = try #require(try Self.read(body).first)
        #expect(form[.submitter] == "甲单位" && form[.contact] == "张三" && form[.title] == "某成果")
    }

    @Test func labelAndValueInOneCell() throws {
        let body = Self.tbl(
            Self.tr(Self.tc("报送单位：甲单位"), Self.tc("联系人：张三")),
            Self.tr(Self.tc("联系手机: 13800138000"), Self.tc("成果名称：某成果")))
        let form = try #require(try Self.read(body).first)
        #expect(form.fields == [.submitter: "甲单位", .contact: "张三", .mobile: "13800138000", .title: "某成果"])
    }

    @Test func formsInContentControlsAndCheckBoxes() throws {
        let forms = try DocxTestSupport.reader().read(bytes: try DocxTestSupport.fixture("form_table.docx"), fileName: "form_table.docx")
        let form = try #require(forms.first)
        #expect(form.fields == [.submitter: "某某市教育局", .contact: "张三", .mobile: "13800138000", .title: "智慧课堂",
                                .source: "自主研发", .summary: "第一行\n第二行\n第三行\t制表\n第二段"])
        #expect(form.unknownLabels == ["旧式复选"])
    }

    // MARK: - Several forms, split forms

    @Test func twoFormsInOneFile() throws {
        let body = Self.templateForm(submitter: "甲", title: "成果一") + "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            + Self.templateForm(submitter: "乙", title: "成果二")
        let forms = try Self.read(body)
        #expect(forms.map(\.index) == [1, 2])
        #expect(forms.map(\.location) == ["table 1", "table 2"])
        #expect(forms.map { $0[.title] } == ["成果一", "成果二"])
        #expect(forms.map { $0[.submitter] } == ["甲", "乙"])
    }

    @Test func formSplitAcrossTwoTables() throws {
        let body = Self.tbl(
            Self.tr(Self.tc("报送单位"), Self.tc("甲单位")),
            Self.tr(Self.tc("归口部门"), Self.tc("成都市科技局")),
            Self.tr(Self.tc("联系人"), Self.tc("张三")),
            Self.tr(Self.tc("联系手机"), Self.tc("13800138000")))
            + Self.para("")
            + Self.tbl(
                Self.tr(Self.tc("成果名称"), Self.tc("某成果")),
                Self.tr(Self.tc("成果来源"), Self.tc("高新处")),
                Self.tr(Self.tc("案例简介"), Self.tc("简介。")))
        let forms = try Self.read(body)
        try #require(forms.count == 1)
        #expect(forms[0].location == "tables 1–2")
        #expect(forms[0].fields.count == 7)
    }

    @Test func formsStackedInOneTable() throws {
        let rows = { (n: String) in
            Self.tr(Self.tc("报送单位"), Self.tc("单位\(n)")) + Self.tr(Self.tc("联系人"), Self.tc("联系人\(n)"))
                + Self.tr(Self.tc("成果名称"), Self.tc("成果\(n)"))
        }
        let forms = try Self.read("<w:tbl>\(rows("一"))\(rows("二"))</w:tbl>")
        #expect(forms.map { $0[.title] } == ["成果一", "成果二"])
        #expect(forms.map(\.location) == ["table 1", "table 1 from row 4"])
    }

    // MARK: - Optional rows, unknown labels, problems

    @Test(arguments: [
        ("legacy check boxes", "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:default w:val=\"1\"/></w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\">是  </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:default w:val=\"0\"/></w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>否</w:t></w:r></w:p>", "是", true),
        ("typed glyphs", "<w:p><w:r><w:t>☐是  ☑否</w:t></w:r></w:p>", "否", false),
        ("Wingdings symbols", "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/><w:t>是</w:t><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/><w:t>否</w:t></w:r></w:p>", "是", true),
        ("plain text", "<w:p><w:r><w:t>否</w:t></w:r></w:p>", "否", false),
    ] as [(String, String, String, Bool)])
    func classifiedRowGivesTheTickedChoice(_ how: String, _ valueXML: String, _ expected: String, _ classified: Bool) throws {
        let row = "<w:tr>\(Self.tc("是否涉密"))<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>\(valueXML)</w:tc></w:tr>"
        let form = try #require(try Self.read(Self.templateForm(extraRows: row)).first)
        #expect(form.extras[.classified] == expected, "\(how)")
        #expect(form.isClassified == classified)
    }

    @Test func sameLabelAsTheCellOnItsLeftIsAValue() throws {
        let form = try #require(try Self.read(Self.templateForm(extraRows: Self.tr(Self.tc("密级"), Self.tc("涉密", span: 3)))).first)
        #expect(form.extras[.classified] == "涉密")
    }

    @Test func unknownLabelsAreReportedNotGuessed() throws {
        let extra = Self.tr(Self.tc("完成人"), Self.tc("王五、赵六", span: 3)) + Self.tr(Self.tc("知识产权情况"), Self.tc("发明专利3件", span: 3))
        let form = try #require(try Self.read(Self.templateForm(extraRows: extra)).first)
        #expect(form.unknownLabels == ["完成人", "知识产权情况"])
        #expect(form.fields.count == 7 && form[.summary] == "第一段。\n第二段。")
    }

    @Test func repeatedLabelIsAProblem() throws {
        let form = try #require(try Self.read(Self.templateForm(extraRows: Self.tr(Self.tc("联系人"), Self.tc("李四", span: 3)))).first)
        #expect(form[.contact] == "张三")
        #expect(form.problems.map(\.field) == ["contact"])
        #expect(form.problems.first?.message.contains("table 1, row 5") == true)
    }

    @Test func placeholderValueIsEmpty() throws {
        let placeholder = "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc>"
        let body = Self.templateForm().replacingOccurrences(of: Self.tc("成果甲", span: 3), with: placeholder)
        let form = try #require(try Self.read(body).first)
        #expect(form.fields[.title] == "")
    }

    // MARK: - No form

    @Test(arguments: [
        ("<w:p><w:r><w:t>联系人：张三</w:t></w:r></w:p>", "it has no table"),
        (tbl(tr(tc("姓名"), tc("张三")), tr(tc("职称"), tc("教授"))), "none of its 1 table(s) has a label of the form"),
        (tbl(tr(tc("联系人"), tc("张三")), tr(tc("成果名称"), tc("某成果"))), "name at most 2 of the form's labels (联系人, 成果名称)"),
    ])
    func noFormIsRefused(_ body: String, _ detail: String) throws {
        let error = try #require(throws: Refusal.self) { try Self.read(body) }
        #expect(error.reason.hasPrefix("no submission form (重大科技成果案例报送表) found in form.docx"))
        #expect(error.reason.contains(detail))
        #expect(error.advice.contains("报送单位"))
    }

    // MARK: - The samples

    struct SampleExpectation: Sendable, CustomTestStringConvertible {
        let file: String
        let titles: [String]
        var classified = false
        var unknown: [String] = []
        var check: [Field: String] = [:]
        var testDescription: String { file }
    }

    static let samples: [SampleExpectation] = [
        .init(file: "2026-11-四川大学-报送表.docx", titles: ["揭示肿瘤细胞通过乳酸化修饰逃逸T细胞免疫杀伤的新机制"],
              check: [.submitter: "四川大学", .supervisor: "省教育厅", .source: "基础处"]),
        .init(file: "2026-11-电子科技大学-报送表.docx", titles: ["车规级1200V碳化硅（SiC）MOSFET芯片设计与制造关键技术"],
              check: [.supervisor: "成都市科技局"]),
        .init(file: "2026-11-西南交通大学-报送表.docx", titles: ["专著《高速铁路轮轨关系与车辆—轨道耦合动力学》"],
              check: [.submitter: "西南交通大学", .supervisor: "省教育厅", .contact: "郭文静", .source: "基础处"]),
        .init(file: "2026-11-德阳市科技局-报送表（2项）.docx",
              titles: ["国内首台（套）300MW级变速抽水蓄能机组研制与应用", "主导制定国家标准《大型核电锻件超声相控阵检测方法》"]),
        .init(file: "2026-11-绵阳久安精密测控技术研究所-报送表（涉密）.docx", titles: ["××型高精度光纤惯性测量单元研制"], classified: true),
        .init(file: "2026-11-四川省农业科学院-报送表.docx", titles: ["优质抗病杂交水稻新品种“川优香丝9号”通过国家审定"],
              unknown: ["完成人", "知识产权情况"]),
        .init(file: "2026-11-宜宾锂源新能源科技有限公司-报送表.docx", titles: [""], check: [.mobile: "138001380"]),
        .init(file: "2026-11-西南石油大学-报送表.docx", titles: ["页岩气水平井智能导向钻井控制方法（中美发明专利）"], check: [.contact: "赵磊"]),
        .init(file: "2026-11-中国科学院成都生物研究所-报送表.docx", titles: ["浓香型白酒窖泥功能微生物定向强化与智能酿造技术"]),
        .init(file: "2026-11-凉山彝族自治州科技局-报送表.docx", titles: ["高原苦荞优质高产栽培与精深加工技术集成示范推广"],
              check: [.submitter: "西昌学院", .supervisor: "凉山彝族自治州科技局", .source: "区域处"]),
    ]

    @Test(arguments: samples)
    func readsSample(_ expected: SampleExpectation) throws {
        let forms = try DocxTestSupport.reader().read(bytes: try DocxTestSupport.sample(expected.file), fileName: expected.file)
        #expect(forms.map { $0[.title] } == expected.titles)
        for form in forms {
            #expect(Set(form.fields.keys) == Set(Field.allCases), "every label of the template is found")
            #expect(form.isClassified == expected.classified)
            #expect(form.unknownLabels == expected.unknown)
            #expect(form.problems.isEmpty)
            #expect(!form[.summary].contains("\n\n"))
        }
        for (field, value) in expected.check { #expect(forms.first?[field] == value) }
    }

    @Test func summaryParagraphsAreJoinedWithLineBreaks() throws {
        let file = "2026-11-四川省农业科学院-报送表.docx"
        let form = try #require(try DocxTestSupport.reader().read(bytes: try DocxTestSupport.sample(file), fileName: file).first)
        #expect(form[.summary].split(separator: "\n").count == 3)
    }
}
