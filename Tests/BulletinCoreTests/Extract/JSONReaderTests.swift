import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

@Suite struct JSONReaderTests {
    let reader: JSONSubmissionReader
    init() throws { reader = JSONSubmissionReader(matcher: LabelMatcher(config: try TestSupport.config())) }

    @Test func readsAnArrayWithEnglishKeysAndLines() throws {
        let text = """
        [
          {"submitter": "四川省农业科学院", "supervisor": "省农业农村厅", "contact": "陈静", "mobile": 13600001234,
           "title": "川优6203水稻新品种", "source": "农村处", "summary": "通过国家审定。", "classified": false},
          {"submitter": "攀钢集团", "title": "钒钛磁铁矿综合利用", "mobile": "1380013800", "extra": 1}
        ]
        """
        let e = try reader.read(bytes: Array(text.utf8), fileName: "export.json")
        #expect(e.submissions.count == 2)
        #expect(e.submissions[0][.mobile] == "13600001234")
        #expect(e.submissions[0].extras[.classified] == "否")
        #expect(e.submissions[1].location == "/1 (line 4)")
        #expect(e.notes.contains { $0.contains("extra") })
    }

    @Test func readsJSONLinesWithChineseKeysAndReportsBadLines() throws {
        let text = """
        {"报送单位（产学研等单位）": "西南石油大学", "成果名称": "页岩气水平井压裂技术", "联系手机": "13500001111"}
        {not json
        {"联系人": ["x"], "成果名称": "第二项"}
        """
        let e = try reader.read(bytes: Array(text.utf8), fileName: "a.jsonl")
        #expect(e.submissions.count == 3)
        #expect(e.submissions[0][.submitter] == "西南石油大学")
        #expect(e.submissions[1].problems.first?.message.contains("line 2") == true)
        #expect(e.submissions[2].problems.first?.message.contains("/联系人 (line 3)") == true)
        #expect(e.submissions[2].problems.first?.message.contains("an array") == true)
    }

    @Test func refusesWhatIsNotJSON() {
        #expect(throws: Refusal.self) { try reader.read(bytes: Array("<<<".utf8), fileName: "a.json") }
        #expect(throws: Refusal.self) { try reader.read(bytes: [0xFF, 0xFE, 0x00], fileName: "a.json") }
    }
}
