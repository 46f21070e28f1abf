import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

@Suite struct NormaliseValidateTests {
    let config: PipelineConfig
    init() throws { config = try TestSupport.config() }

    func submission(_ values: [Field: String]) -> Submission {
        Submission(file: "f.docx", index: 1, location: "table 1", fields: values)
    }

    static let valid: [Field: String] = [
        .submitter: "　四川大学 ", .supervisor: "省教育厅", .contact: "张 伟", .mobile: "+86 138-0013-8000",
        .title: "ＳｉＣ功率器件\n关键技术（首台（套））", .source: "高新处", .summary: "第一段。\n\n\n第二段：达到国际先进水平。",
    ]

    @Test func normalisesWidthsSpacesAndPhone() {
        let s = Normaliser().normalise(submission(Self.valid))
        #expect(s[.submitter] == "四川大学")
        #expect(s[.mobile] == "13800138000")
        #expect(s[.title] == "SiC功率器件关键技术（首台（套））")
        #expect(s[.summary] == "第一段。\n\n第二段：达到国际先进水平。", "Chinese punctuation is kept")
        #expect(Validator(config: config).problems(of: s).isEmpty)
    }

    @Test(arguments: [
        (Field.mobile, "138001380", "not a mainland mobile"),
        (Field.mobile, "23800138000", "not a mainland mobile"),
        (Field.title, "", "leaves 成果名称 empty"),
        (Field.summary, String(repeating: "字", count: 1001), "1001 characters"),
    ])
    func reportsEachProblemWithItsField(field: Field, value: String, expected: String) {
        var values = Self.valid
        values[field] = value
        let problems = Validator(config: config).problems(of: Normaliser().normalise(submission(values)))
        #expect(problems.count == 1)
        #expect(problems.first?.field == field.rawValue)
        #expect(problems.first?.message.contains(expected) == true)
        #expect(problems.first?.message.contains("table 1 of f.docx") == true)
    }

    @Test(arguments: [
        ("第一段\r\n第二段", "第一段\n第二段"),
        ("第一段\r\r\r第二段", "第一段\n\n第二段"),
        ("\n\n　开头有全角空格\u{200B}和零宽字符  \t 多个空白\n\n\n\n结尾\n\n", "开头有全角空格和零宽字符 多个空白\n\n结尾"),
        ("   ", ""),
        ("Nature\u{2028}论文", "Nature\n论文"),
    ])
    func tidyKeepsParagraphsAndNothingElse(input: String, tidy: String) {
        #expect(TextForm.tidy(input) == tidy)
    }

    @Test(arguments: [
        ("绵阳科技局", "绵阳市科技局"), ("成都市科学技术局", "成都市科技局"), ("凉山州科技局", "凉山彝族自治州科技局"),
        ("阿坝州 科学技术局", "阿坝藏族羌族自治州科技局"), ("省教育厅", "省教育厅"), ("成都高新区管委会", "成都高新区管委会"),
        ("绵阳市科技局", "绵阳市科技局"),
    ])
    func cityBureausGetTheirCanonicalNames(written: String, canonical: String) {
        let normaliser = Normaliser(supervisors: SupervisorNames(config: config.supervisors))
        #expect(normaliser.normalise(written, as: .supervisor) == canonical)
    }

    @Test func aMissingLabelIsNamed() {
        var values = Self.valid
        values[.source] = nil
        let problems = Validator(config: config).problems(of: Normaliser().normalise(submission(values)))
        #expect(problems.map(\.message) == ["table 1 of f.docx has no 成果来源 (the label was not found); fill it in and send the file again"])
    }

    @Test(arguments: [("☑是  ☐否", true), ("☐是  ☑否", false), ("是", true), ("否", false), ("", false), ("■是□否", true)])
    func readsTheClassifiedMark(value: String, classified: Bool) {
        #expect(ClassifiedMark.isYes(value) == classified)
    }

    @Test func labelsAsPeopleTypeThem() {
        let m = LabelMatcher(config: config)
        #expect(m.match("报送单位(产学研等单位)") == .field(.submitter))
        #expect(m.match("联 系 人：") == .field(.contact))
        #expect(m.match("案例简介（不超过1000字）") == .field(.summary))
        #expect(m.match("是否涉密") == .optional(.classified))
        #expect(m.match("title") == .field(.title))
        #expect(m.match("完成人") == .unknown)
    }
}
