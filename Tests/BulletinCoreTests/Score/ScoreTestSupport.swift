import BulletinTestSupport
import BulletinCore
import Foundation

/// Paths and builders shared by the scoring tests.
enum ScoreTestSupport {
    /// The package root, found from this file's path.
    static let root = TestSupport.root

    /// The labelled set.
    static let labelledCases = root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled/cases.json")

    /// The `scoring` section of the repository's pipeline.json (decoded alone, so that other sections
    /// being edited do not matter here), its model weights read from the repository whatever the current folder.
    static func repositoryScoring() throws -> ScoringConfig {
        struct File: Decodable { var scoring: ScoringConfig }
        let data = try Data(contentsOf: root.appendingPathComponent("pipeline.json"))
        var scoring = try JSONDecoder().decode(File.self, from: data).scoring
        scoring.directory = root
        return scoring
    }

    /// A scorer with the repository's rules.
    static func scorer(profile: String = "sichuan") throws -> Scorer {
        try Scorer(config: repositoryScoring(), profile: profile)
    }

    /// Decodes a scoring section from JSON text.
    static func decode(_ json: String) throws -> ScoringConfig {
        try JSONDecoder().decode(ScoringConfig.self, from: Data(json.utf8))
    }

    /// The shipped configuration as a JSON object, to change one value in a test.
    static func standardObject() throws -> [String: Any] {
        let data = try JSONEncoder().encode(ScoringConfig.standard)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Decodes a JSON object as a scoring section.
    static func config(from object: [String: Any]) throws -> ScoringConfig {
        try JSONDecoder().decode(ScoringConfig.self, from: JSONSerialization.data(withJSONObject: object))
    }
}

extension ScoringConfig {
    /// The shipped rules: the `scoring` section of the repository's pipeline.json (tests only).
    static let standard: ScoringConfig = {
        do {
            return try ScoreTestSupport.repositoryScoring()
        } catch {
            fatalError("pipeline.json's scoring section does not decode: \(error)")
        }
    }()
}
