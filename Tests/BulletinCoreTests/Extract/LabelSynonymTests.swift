import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// Labels typed with one word swapped for a synonym (issue 14, item 5; pipeline.json `labelSynonyms`): 项目出处 for
/// 项目来源, 报送机构 for 报送单位, 经办人 for 联系人. Each is taken for the known label with a note saying which word
/// was read as which; labels of things the form does not ask for (经费来源, 论文摘要, 合作机构) stay unknown, as do
/// values; two fields reached by two swaps are a tie, and a tie is no match. None of these texts is a label or
/// alias in pipeline.json.
struct LabelSynonymTests {
    typealias T = DocxFormTests
    typealias V = DocxLabelVariantTests

    /// Synonym variants invented for every field, with what each is taken for as the note names it.
    static let synonyms: [(Field, String, String)] = [
        (.submitter, "报送机构", "报送单位（产学研等单位） (机构 read as 单位)"),
        (.submitter, "提交单位", "报送单位（产学研等单位） (提交 read as 报送)"),
        (.submitter, "申报机构", "报送单位（产学研等单位） (机构 read as 单位)"),
        (.supervisor, "归口机构", "归口市（州）科技局或省直部门 (机构 read as 单位)"),
        (.supervisor, "主管市（州）科技局", "归口市（州）科技局或省直部门 (主管 read as 归口)"),
        (.supervisor, "归口市（州）科技局或省直单位", "归口市（州）科技局或省直部门 (单位 read as 部门)"),
        (.contact, "经办人", "联系人 (经办人 read as 联系人)"),
        (.contact, "填报人（姓名）", "联系人 (填报人 read as 联系人)"),
        (.contact, "联络人员", "联系人 (联络 read as 联系)"),
        (.mobile, "电话号码", "联系手机 (电话 read as 手机)"),
        (.mobile, "移动电话", "联系手机 (移动电话 read as 手机)"),
        (.mobile, "电话", "联系手机 (电话 read as 手机)"),
        (.title, "成果标题", "成果名称 (标题 read as 名称)"),
        (.title, "项目题目", "成果名称 (题目 read as 名称)"),
        (.title, "案例标题", "成果名称 (标题 read as 名称)"),
        (.title, "课题名称", "成果名称 (课题 read as 成果)"),
        (.source, "项目出处", "成果来源 (出处 read as 来源)"),
        (.source, "成果出处", "成果来源 (出处 read as 来源)"),
        (.source, "出处处室", "成果来源 (出处 read as 来源)"),
        (.source, "课题来源", "成果来源 (课题 read as 成果)"),
        (.summary, "案例概述", "案例简介 (概述 read as 简介)"),
        (.summary, "成果摘要", "案例简介 (摘要 read as 简介)"),
        (.summary, "项目概况", "案例简介 (概况 read as 简介)"),
    ]

    @Test(arguments: synonyms.indices)
    func aSynonymIsTakenForTheKnownLabelWithTheWordsRead(_ i: Int) throws {
        let (field, text, takenFor) = Self.synonyms[i]
        let matcher = LabelMatcher(config: try TestSupport.config())
        #expect(matcher.match(text) == .unknown, "\(text) should be no label or alias")
        let found = try #require(matcher.closest(text), "\(text)")
        #expect(found.match == .field(field), "\(text)")
        #expect(found.label == takenFor, "\(text)")
        // The scalar tables and the Character ones agree.
        let slow = matcher.closestCharacters(text)
        #expect(slow?.match == found.match && slow?.label == found.label, "\(text)")
    }

    /// Labels of things the form does not ask for, many holding a synonym word (来源, 单位, 电话, 摘要, 题目 …): none is
    /// taken for a field.
    static let decoys = ["经费来源", "资金来源", "来源说明", "成果出版社", "出版单位", "合作单位", "合作机构", "依托部门", "办公电话",
                         "传真电话", "项目负责人", "完成人", "审核人", "论文题目", "专利名称", "完成时间", "通讯地址", "单位概况", "论文摘要",
                         "填报日期", "联络地址", "主管领导", "提交时间", "单位名称", "项目编号", "技术摘要"]

    @Test func decoysStayUnknown() throws {
        let matcher = LabelMatcher(config: try TestSupport.config())
        for text in Self.decoys {
            #expect(matcher.match(text) == .unknown, "\(text)")
            #expect(matcher.closest(text) == nil, "\(text)")
            #expect(matcher.closestCharacters(text) == nil, "\(text)")
        }
    }

    /// Values as they stand in forms, some holding a synonym word (成果处, 课题组, 材料科学与工程学院 …), are never labels.
    @Test func valuesAreNeverLabels() throws {
        let matcher = LabelMatcher(config: try TestSupport.config())
        let values = ["四川大学", "成都市科技局", "省教育厅", "高新处", "成果处", "重大处", "社发处", "课题组", "项目办", "科学出版社",
                      "材料科学与工程学院", "中国科学院成都分院", "国家重点研发计划", "省级财政科技资金", "张伟", "13800138000",
                      "028-85401234", "2026年10月", "国际先进", "成果转化项目", "某检测机构", "移动通信", "摘要见附件"]
        for value in values {
            #expect(matcher.closest(value) == nil, "\(value)")
        }
    }

    /// Two swaps reaching two fields are a tie: no match. Without `labelSynonyms`, no synonym is read.
    @Test func aTieIsNoMatchAndWithoutTheKeyNothingIsRead() throws {
        var config = try TestSupport.config()
        #expect(LabelMatcher(config: config).closest("成果出处")?.match == .field(.source))
        // 出处 also read as 简介: 成果出处 reaches 成果来源 and 成果简介.
        config.labelSynonyms = [["来源", "出处"], ["简介", "出处"]]
        #expect(LabelMatcher(config: config).closest("成果出处") == nil)
        config.labelSynonyms = nil
        for (_, text, _) in Self.synonyms {
            // No variant is reached by the rules for typos (来源科室 would be: one character from 来源处室).
            #expect(LabelMatcher(config: config).closest(text) == nil, "\(text)")
        }
    }

    /// A Word form with every label a synonym and a decoy row: every field read, a note per label, the decoy
    /// reported as a label not on the form and glued into no value.
    @Test func aDocxFormWithSynonymLabels() throws {
        let labels = ["报送机构", "主管单位", "经办人", "电话号码", "成果标题", "项目出处", "案例概述"]
        let body = T.tbl(T.tr(T.tc(labels[0]), T.tc("四川大学"), T.tc(labels[1]), T.tc("成都市科技局")),
                         T.tr(T.tc(labels[2]), T.tc("张伟"), T.tc(labels[3]), T.tc("13800138000")),
                         T.tr(T.tc(labels[4]), T.tc("车规级碳化硅功率器件关键技术", span: 3)),
                         T.tr(T.tc(labels[5]), T.tc("高新处", span: 3)),
                         T.tr(T.tc("经费来源"), T.tc("国家重点研发计划", span: 3)),
                         T.tr(T.tc(labels[6]), T.tc("项目攻克了关键技术，总体达到国际先进水平。", span: 3)))
        let reader = try DocxTestSupport.reader()
        let extraction = try reader.extract(bytes: try DocxTestSupport.docx(body: body), fileName: "form.docx")
        let form = try #require(extraction.submissions.first)
        #expect(form.fields == V.values)
        #expect(form.unknownLabels == ["经费来源"])
        #expect(form.problems.isEmpty)
        #expect(extraction.notes == [
            "table 1, row 1: the label \"报送机构\" was taken for 报送单位（产学研等单位） (机构 read as 单位)",
            "table 1, row 1: the label \"主管单位\" was taken for 归口市（州）科技局或省直部门 (单位 read as 部门)",
            "table 1, row 2: the label \"经办人\" was taken for 联系人 (经办人 read as 联系人)",
            "table 1, row 2: the label \"电话号码\" was taken for 联系手机 (电话 read as 手机)",
            "table 1, row 3: the label \"成果标题\" was taken for 成果名称 (标题 read as 名称)",
            "table 1, row 4: the label \"项目出处\" was taken for 成果来源 (出处 read as 来源)",
            "table 1, row 6: the label \"案例概述\" was taken for 案例简介 (概述 read as 简介)",
        ])
    }

    /// A decoy where the field's label stands is no label of that field: the field is missing and its problem names
    /// the decoy (经费来源 is not 成果来源).
    @Test func aDecoyInAFieldsPlaceDoesNotStealIt() throws {
        var labels = V.standard
        labels[5] = "经费来源"
        let reader = try DocxTestSupport.reader()
        let extraction = try reader.extract(bytes: try DocxTestSupport.docx(body: V.form(labels)), fileName: "form.docx")
        let form = try #require(extraction.submissions.first)
        #expect(form.fields[.source] == nil)
        #expect(form.unknownLabels == ["经费来源"])
        let problems = Validator(config: try TestSupport.config()).problems(of: form)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("labels not on the form: \"经费来源\"") == true)
    }

    @Test func aCsvHeaderWithSynonymLabels() throws {
        let config = try TestSupport.config()
        let csv = DelimitedReader(matcher: LabelMatcher(config: config))
        let header = "上报单位,归口机构,填报人,联系移动电话,课题名称,出处处室,成果摘要,资金来源"
        let e = try csv.read(bytes: Array((header + "\n" + HeaderVariantTests.row + ",省级财政\n").utf8), fileName: "十一月汇总.csv")
        let s = try #require(e.submissions.first)
        HeaderVariantTests.expectRow(s)
        #expect(Validator(config: config).problems(of: s).isEmpty)
        // 上报单位 is one character from 申报单位 and 填报单位: the typo rule takes it first, with no synonym in the note.
        #expect(e.notes.contains("column 1 (line 1): the label \"上报单位\" was taken for 报送单位（产学研等单位）"))
        #expect(e.notes.contains("column 2 (line 1): the label \"归口机构\" was taken for 归口市（州）科技局或省直部门 (机构 read as 单位)"))
        #expect(e.notes.contains("column 3 (line 1): the label \"填报人\" was taken for 联系人 (填报人 read as 联系人)"))
        // 联系移动电话 holds 联系电话 with 2 characters inserted: the typo rules take it, before any synonym.
        #expect(e.notes.contains("column 4 (line 1): the label \"联系移动电话\" was taken for 联系手机"))
        #expect(e.notes.contains("column 5 (line 1): the label \"课题名称\" was taken for 成果名称 (课题 read as 成果)"))
        #expect(e.notes.contains("column 6 (line 1): the label \"出处处室\" was taken for 成果来源 (出处 read as 来源)"))
        #expect(e.notes.contains("column 7 (line 1): the label \"成果摘要\" was taken for 案例简介 (摘要 read as 简介)"))
        #expect(e.notes.contains("columns ignored (labels not on the form): 资金来源"))
    }

    /// A malformed `labelSynonyms` is refused at start-up with the key's path and what to write.
    @Test(arguments: [
        ("[\"来源\", \"出处\"]", "[\"来源\"]", "labelSynonyms[0]", "has 1 word(s); a group lists two or more words"),
        ("[\"来源\", \"出处\"]", "[\"来源\", \"处\"]", "labelSynonyms[0][1]", "is \"处\" (1 character(s)); a word has 2 to 8 characters"),
        ("[\"来源\", \"出处\"]", "[\"来源\", \"出 处\"]", "labelSynonyms[0][1]", "is \"出 处\"; a word has no spaces"),
        ("[\"来源\", \"出处\"]", "[\"来源\", \"出处：\"]", "labelSynonyms[0][1]", "is \"出处：\"; a word has no spaces, colons"),
        ("[\"来源\", \"出处\"]", "[\"来源\", \"出处\", \"来源\"]", "labelSynonyms[0][2]", "repeats \"来源\" in its group"),
        ("[\"来源\", \"出处\"]", "\"来源=出处\"", "labelSynonyms[0]", "should be Array"),
    ])
    func aMalformedLabelSynonymsIsRefused(_ old: String, _ new: String, _ path: String, _ message: String) throws {
        let error = try #require(try TestSupport.configError(replacing: old, with: new))
        #expect(error.path == path, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }
}
