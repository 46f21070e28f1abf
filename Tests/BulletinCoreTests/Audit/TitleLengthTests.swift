import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

/// The faults of the hostile-environment harness, each fixed where it belongs.
/// validation.titleMaxCharacters.
@Suite struct TitleLengthTests {

    @Test func aHugeTitleIsRefusedWithoutBeingEchoed() throws {
        let config = try TestSupport.config()
        #expect(config.titleMaxCharacters == 200)
        var fields: [Field: String] = [.submitter: "四川大学", .supervisor: "省教育厅", .contact: "张伟", .mobile: "13800138000",
                                       .title: String(repeating: "超长标题", count: 60), .source: "基础处", .summary: "揭示机理。"]
        let problems = Validator(config: config).problems(of: Submission(file: "f.csv", index: 1, location: "line 2", fields: fields))
        #expect(problems.count == 1)
        #expect(problems.first?.field == "title")
        #expect(problems.first?.message.contains("240 characters, more than the 200 allowed (validation.titleMaxCharacters)") == true)
        #expect(problems.first?.message.contains("超长标题超长标题") == false, "the title itself is not repeated")
        fields[.title] = String(repeating: "长", count: 200)
        #expect(Validator(config: config).problems(of: Submission(file: "f.csv", index: 1, location: "line 2", fields: fields)).isEmpty)
        let e = try TestSupport.configError(replacing: "\"titleMaxCharacters\": 200", with: "\"titleMaxCharacters\": 2")
        #expect(e?.path == "validation.titleMaxCharacters")
    }
}
