@testable import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

/// Loading pipeline.json: when the active profile has no preset, the file's own bytes are decoded (writing the
/// effective JSON back was most of every command's start-up) and give the configuration the effective JSON gives.
struct PipelineConfigLoadTests {
    static var url: URL { TestSupport.root.appendingPathComponent("pipeline.json") }

    @Test func withoutAPresetTheFileDecodesAsItsEffectiveJSON() throws {
        let data = try Data(contentsOf: Self.url)
        let decodable = try PipelineConfig.decodableJSON(data, file: Self.url.path)
        #expect(decodable == data, "sichuan has no section under profiles: the file is decoded as it is")
        let effective = try PipelineConfig.effectiveJSON(data, file: Self.url.path).data
        #expect(try JSONDecoder().decode(PipelineConfig.self, from: decodable) == JSONDecoder().decode(PipelineConfig.self, from: effective))
    }

    @Test func anActivePresetIsStillLaidOver() throws {
        let text = try String(contentsOf: Self.url, encoding: .utf8)
        let zhejiang = Data(text.replacingOccurrences(of: "\"profile\": \"sichuan\"", with: "\"profile\": \"zhejiang\"").utf8)
        let decodable = try PipelineConfig.decodableJSON(zhejiang, file: "pipeline.json")
        #expect(try decodable == PipelineConfig.effectiveJSON(zhejiang, file: "pipeline.json").data)
        #expect(decodable != zhejiang)
    }

    @Test func aCommandThatScoresNothingLeavesTheScoringSectionUnchecked() throws {
        // `inspect --text` loads with scoring: false. A pattern that is no regular expression stops every command that
        // scores; the rest of the file is still validated either way.
        let text = try String(contentsOf: Self.url, encoding: .utf8)
        let pattern = "\"通过[^,，。]{0,8}(鉴定"
        #expect(text.components(separatedBy: pattern).count == 2)
        try TestSupport.withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("pipeline.json")
            try Data(text.replacingOccurrences(of: pattern, with: "\"通过[^,，。{0,8}(鉴定").utf8).write(to: url)
            let error = try #require(throws: ConfigError.self) { try PipelineConfig.load(from: url) }
            #expect(error.path.hasPrefix("scoring.categories"), "\(error.path)")
            #expect(error.message.contains("is not a valid regular expression"))
            let loaded = try PipelineConfig.load(from: url, scoring: false)
            #expect(loaded.fields["title"]?.label == "成果名称")
            try Data(text.replacingOccurrences(of: "\"cutoffDay\": 25", with: "\"cutoffDay\": 40").utf8).write(to: url)
            let calendar = try #require(throws: ConfigError.self) { try PipelineConfig.load(from: url, scoring: false) }
            #expect(calendar.path == "calendar.cutoffDay")
        }
    }

    @Test func aFileThatIsNoJSONObjectIsRefusedAsBefore() throws {
        for bad in ["[1, 2]", "{\"version\": 1,", "\u{FEFF}{}x"] {
            let error = try #require(throws: ConfigError.self) { try PipelineConfig.decodableJSON(Data(bad.utf8), file: "pipeline.json") }
            #expect(error.message.contains("is not a JSON object"), "\(bad): \(error.message)")
        }
    }
}
