import BulletinTestSupport
import BulletinCore
import Foundation

/// Paths and builders shared by the scoring tests.
enum ScoreTestSupport {
    /// The package root, found from this file's path.
    static let root = TestSupport.root

    /// The labelled set.
    static let labelledCases = root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled/cases.json")

    /// The `scoring` section of the repository's pipeline.json as it ships (decoded alone, so that other sections
    /// being edited do not matter here; the model layer as the file sets it), its model weights read from the
    /// repository whatever the current folder.
    static func repositoryScoring() throws -> ScoringConfig {
        struct File: Decodable { var scoring: ScoringConfig }
        let data = try Data(contentsOf: root.appendingPathComponent("pipeline.json"))
        var scoring = try JSONDecoder().decode(File.self, from: data).scoring
        scoring.directory = root
        return scoring
    }

    /// The repository's rules with the model layer switched off, whatever pipeline.json says.
    ///
    /// Why: the rule unit suites (one synthetic case per behaviour of a rule) and the synthetic labelled set
    /// (cases.json) test the rules. Issue 12 keeps the rule author's synthetic sets "as unit tests, not as the
    /// measure". With the layer on, the model replaces a label the rules hold weakly where it is sure of another
    /// (docs/scoring.md, The model layer): a short synthetic text is exactly where the rules hold weakly, so such a
    /// test would judge the model, not the rule it names. What ships (rules and model combined) is judged on real
    /// text by `ScoreRealSetTests`, and the layer itself by `ScoreModelLayerTests`.
    static func rulesAloneScoring() throws -> ScoringConfig {
        var scoring = try repositoryScoring()
        scoring.model?.enabled = false
        return scoring
    }

    /// A scorer with the repository's rules alone (the model layer off: `rulesAloneScoring`), for the rule unit suites.
    static func rulesScorer(profile: String = "sichuan") throws -> Scorer {
        try Scorer(config: rulesAloneScoring(), profile: profile)
    }

    /// The rules alone on a title and a summary, the two fields the scoring round suites write their cases in.
    static func assessRules(_ title: String, _ summary: String) throws -> Assessment {
        try rulesScorer().assess([.title: title, .summary: summary], extras: [:])
    }

    /// A scorer as pipeline.json ships it (the model layer as the file sets it): what the real-set floors judge.
    static func shippedScorer(profile: String = "sichuan") throws -> Scorer {
        try Scorer(config: repositoryScoring(), profile: profile)
    }

    /// Decodes a scoring section from JSON text.
    static func decode(_ json: String) throws -> ScoringConfig {
        try JSONDecoder().decode(ScoringConfig.self, from: Data(json.utf8))
    }

    /// The shipped configuration as a JSON object, to change one value in a test.
    static func standardObject() throws -> [String: Any] {
        let data = try JSONEncoder().encode(ScoringConfig.rulesAlone)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Decodes a JSON object as a scoring section.
    static func config(from object: [String: Any]) throws -> ScoringConfig {
        try JSONDecoder().decode(ScoringConfig.self, from: JSONSerialization.data(withJSONObject: object))
    }
}

extension ScoringConfig {
    /// The shipped rules alone: the `scoring` section of the repository's pipeline.json with the model layer off, for
    /// the rule unit suites (tests only; why: `ScoreTestSupport.rulesAloneScoring`).
    static let rulesAlone: ScoringConfig = {
        do {
            return try ScoreTestSupport.rulesAloneScoring()
        } catch {
            fatalError("pipeline.json's scoring section does not decode: \(error)")
        }
    }()
}
