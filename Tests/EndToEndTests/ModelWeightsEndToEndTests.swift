import BulletinTestSupport
import Foundation
import Testing

/// `scoring.model.weights` through the binary, with pipeline.json copied to another folder (issue 12, item 5): a
/// relative path is read from the copy's folder; `evaluate` reports the rules even when an off layer's weights
/// are not there, and says why the model is left out.
struct ModelWeightsEndToEndTests {
    typealias E = RunEndToEndTests

    static func copy(into folder: URL, enabled: Bool) throws -> URL {
        let text = try String(contentsOf: TestSupport.root.appendingPathComponent("pipeline.json"), encoding: .utf8)
        let changed = text.replacingOccurrences(of: "\"enabled\": (true|false),(\\s*)\"weights\"", with: "\"enabled\": \(enabled),$2\"weights\"",
                                                options: .regularExpression)
        #expect(text.contains("\"weights\": \"data/scoring-model.json\""))
        let url = folder.appendingPathComponent("pipeline.json")
        try changed.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let dev = TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled/real/dev.json").path

    @Test func evaluateWithACopiedConfigReportsTheRulesAndSaysWhyTheOffModelIsLeftOut() throws {
        try TestSupport.withTemporaryFolder { folder in
            let config = try Self.copy(into: folder, enabled: false)
            let r = try E.bulletin(["evaluate", Self.dev, "--config", config.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("category"))
            #expect(!r.stdout.contains("model layer ("))
            #expect(r.stderr.contains("model layer (off): not reported: \(config.path): at scoring.model.weights: names data/scoring-model.json, read from the folder of \(config.path) as \(folder.appendingPathComponent("data/scoring-model.json").path), which cannot be read"), "\(r.stderr)")
            // With the weights beside the copy, the three-way report is back.
            let data = folder.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            for name in ["scoring-model.json", "scoring-model-weights.tsv"] {
                try FileManager.default.copyItem(at: TestSupport.root.appendingPathComponent("data/\(name)"), to: data.appendingPathComponent(name))
            }
            let again = try E.bulletin(["evaluate", Self.dev, "--config", config.path])
            #expect(again.status == 0)
            #expect(again.stdout.contains("model layer (data/scoring-model.json; off in pipeline.json)"), "\(again.stdout)")
            #expect(again.stderr.isEmpty, "\(again.stderr)")
        }
    }

    @Test func evaluateWithACopiedConfigAndTheLayerOnWithoutItsWeightsExits78NamingTheConfig() throws {
        try TestSupport.withTemporaryFolder { folder in
            let config = try Self.copy(into: folder, enabled: true)
            let r = try E.bulletin(["evaluate", Self.dev, "--config", config.path])
            #expect(r.status == 78, "\(r.stdout) \(r.stderr)")
            #expect(r.stderr.contains("\(config.path) (at scoring.model.weights): names data/scoring-model.json, read from the folder of \(config.path) as \(folder.appendingPathComponent("data/scoring-model.json").path)"), "\(r.stderr)")
            #expect(r.stderr.contains("python3 tools/train_scoring_model.py"))
        }
    }
}
