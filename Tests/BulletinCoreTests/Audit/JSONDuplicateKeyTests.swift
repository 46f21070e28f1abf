import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

/// The faults of the hostile-environment harness, each fixed where it belongs.
/// A duplicate JSON key is a problem, not a silent last-wins.
@Suite struct JSONDuplicateKeyTests {

    @Test func aDuplicateJSONKeyIsAProblemNamingItsPointerAndLine() throws {
        let reader = JSONSubmissionReader(matcher: LabelMatcher(config: try TestSupport.config()))
        let text = """
        [
          {"submitter": "四川大学", "title": "高熵合金低温韧化机理研究",
           "title": "另一个名称", "mobile": "13800138000"},
          {"submitter": "西南交通大学", "title": "转向架", "note": {"a": 1, "a": 2}}
        ]
        """
        let e = try reader.read(bytes: Array(text.utf8), fileName: "导出.json")
        #expect(e.submissions[0].problems.map(\.field) == ["title"])
        #expect(e.submissions[0].problems.first?.message.contains("/0/title (line 3) of 导出.json: the key \"title\" appears twice in one object (first on line 2)") == true,
                "\(e.submissions[0].problems)")
        #expect(e.submissions[1].problems.first?.message.contains("/1/note/a (line 4)") == true, "\(e.submissions[1].problems)")
        let lines = "{\"成果名称\": \"甲\", \"成果名称\": \"乙\"}\n{\"成果名称\": \"丙\"}\n"
        let jl = try reader.read(bytes: Array(lines.utf8), fileName: "行.jsonl")
        #expect(jl.submissions[0].problems.first?.message.contains("/成果名称 (line 1)") == true, "\(jl.submissions[0].problems)")
        #expect(jl.submissions[1].problems.isEmpty)
        let escaped = "{\"title\": \"甲\", \"ti\\u0074le\": \"乙\"}"
        #expect(try reader.read(bytes: Array(escaped.utf8), fileName: "e.json").submissions[0].problems.count == 1, "an escaped spelling of the same key")
    }
}
