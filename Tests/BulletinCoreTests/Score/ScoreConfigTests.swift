import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

/// The scoring section: the shipped rules, defaults, and errors with their JSON paths.
@Suite struct ScoreConfigTests {
    @Test func theShippedRulesValidate() throws {
        let repository = try ScoreTestSupport.repositoryScoring()
        try repository.validate(file: "pipeline.json")
        #expect(repository.levels.count == 4)
        #expect(!repository.formula.isEmpty)
    }

    @Test func aMissingSectionIsAnErrorWithItsPath() throws {
        let e = try TestSupport.configError(replacing: "\"levelReading\":", with: "\"levelReadingX\":")
        #expect(e?.path == "scoring.levelReading", "a scoring section without levelReading must be refused")
        #expect(e?.message == "is missing")
    }

    /// Changes one value of the shipped configuration and expects the error at `path`.
    static func expectError(at path: String, _ change: (inout [String: Any]) -> Void) throws {
        var object = try ScoreTestSupport.standardObject()
        change(&object)
        let config = try ScoreTestSupport.config(from: object)
        do {
            try config.validate(file: "pipeline.json")
            Issue.record("expected an error at \(path)")
        } catch let error as ConfigError {
            #expect(error.path == path, "\(error)")
            #expect(error.file == "pipeline.json")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func anUnknownRuleNameIsAnError() throws {
        try Self.expectError(at: "scoring.rules.topJournals") { o in
            var rules = o["rules"] as? [String: Any] ?? [:]
            rules["topJournals"] = ["enabled": true, "weight": 1]
            o["rules"] = rules
        }
    }

    @Test(arguments: [-1.0, 5000.0])
    func aBadRuleWeightIsAnError(weight: Double) throws {
        try Self.expectError(at: "scoring.rules.topJournal.weight") { o in
            var rules = o["rules"] as? [String: Any] ?? [:]
            rules["topJournal"] = ["enabled": true, "weight": weight]
            o["rules"] = rules
        }
    }

    @Test func aBadCueWeightIsAnError() throws {
        try Self.expectError(at: "scoring.subtypes[1].weight") { o in
            var groups = o["subtypes"] as? [[String: Any]] ?? []
            groups[1]["weight"] = 1e9
            o["subtypes"] = groups
        }
    }

    @Test(arguments: ["达到(国际", "[", "a*"])
    func aMalformedPatternIsAnError(pattern: String) throws {
        try Self.expectError(at: "scoring.levels[2].patterns[0]") { o in
            var levels = o["levels"] as? [[String: Any]] ?? []
            levels[2]["patterns"] = [pattern]
            o["levels"] = levels
        }
    }

    @Test func anEmptyPhraseIsAnError() throws {
        try Self.expectError(at: "scoring.levels[0].phrases[1]") { o in
            var levels = o["levels"] as? [[String: Any]] ?? []
            var phrases = levels[0]["phrases"] as? [String] ?? []
            phrases[1] = " "
            levels[0]["phrases"] = phrases
            o["levels"] = levels
        }
    }

    @Test func anUnknownLabelIsAnError() throws {
        try Self.expectError(at: "scoring.industries[0].label") { o in
            var groups = o["industries"] as? [[String: Any]] ?? []
            groups[0]["label"] = "电子"
            o["industries"] = groups
        }
    }

    /// No rule reads `titleOnly` in these sections, so a group marked so would still be read in the summary: refused.
    @Test(arguments: [true, false])
    func titleOnlyWhereNoRuleReadsItIsAnError(value: Bool) throws {
        try Self.expectError(at: "scoring.industries[3].titleOnly") { o in
            var groups = o["industries"] as? [[String: Any]] ?? []
            groups[3]["titleOnly"] = value
            o["industries"] = groups
        }
        try Self.expectError(at: "scoring.evidence.transfer[0].titleOnly") { o in
            var evidence = o["evidence"] as? [String: Any] ?? [:]
            var transfer = evidence["transfer"] as? [[String: Any]] ?? []
            transfer[0]["titleOnly"] = value
            evidence["transfer"] = transfer
            o["evidence"] = evidence
        }
    }

    @Test func titleOnlyIsAcceptedWhereItIsRead() throws {
        var object = try ScoreTestSupport.standardObject()
        var categories = object["categories"] as? [[String: Any]] ?? []
        categories[0]["titleOnly"] = true
        object["categories"] = categories
        var subtypes = object["subtypes"] as? [[String: Any]] ?? []
        subtypes[0]["titleOnly"] = false
        object["subtypes"] = subtypes
        try ScoreTestSupport.config(from: object).validate(file: "pipeline.json")
    }

    @Test func theLadderMustBeInOrder() throws {
        try Self.expectError(at: "scoring.levels[0].level") { o in
            var levels = o["levels"] as? [[String: Any]] ?? []
            levels.swapAt(0, 1)
            o["levels"] = levels
        }
    }

    @Test func profilesListOnlyKnownProfileRules() throws {
        try Self.expectError(at: "scoring.profiles.zhejiang.rules[0]") { o in
            o["profiles"] = ["sichuan": ["region": "四川省", "rules": []], "zhejiang": ["region": "浙江省", "rules": ["zhejiangIP"]]]
        }
        try Self.expectError(at: "scoring.profiles.zhejiang.rules[0]") { o in
            o["profiles"] = ["sichuan": ["region": "四川省", "rules": []], "zhejiang": ["region": "浙江省", "rules": ["topJournal"]]]
        }
    }

    @Test func anEvidencePatternIsCheckedWithItsPath() throws {
        try Self.expectError(at: "scoring.evidence.transfer[1].patterns[0]") { o in
            var evidence = o["evidence"] as? [String: Any] ?? [:]
            var transfer = evidence["transfer"] as? [[String: Any]] ?? []
            transfer[1]["patterns"] = ["(unclosed"]
            evidence["transfer"] = transfer
            o["evidence"] = evidence
        }
    }

    @Test func theScorerRefusesAnUnknownProfile() throws {
        do {
            _ = try Scorer(config: .rulesAlone, profile: "guangdong")
            Issue.record("expected an error")
        } catch let error as ConfigError {
            #expect(error.path == "profile")
        }
    }

    @Test func aDisabledRuleDoesNotRunAndAWeightScalesIt() throws {
        var config = ScoringConfig.rulesAlone
        config.rules["topJournal"] = .init(enabled: false, weight: 1)
        let off = try Scorer(config: config, profile: "sichuan")
        #expect(!off.ruleNames.contains("topJournal"))
        let fields: [Field: String] = [.title: "某机理研究", .summary: "研究成果发表于《Nature》，揭示了新机制。"]
        #expect(!off.assess(fields, extras: [:]).reasons.contains { $0.rule == "topJournal" })

        config.rules["topJournal"] = .init(enabled: true, weight: 0.5)
        let half = try Scorer(config: config, profile: "sichuan").assess(fields, extras: [:])
        let full = try Scorer(config: .rulesAlone, profile: "sichuan").assess(fields, extras: [:])
        let w = { (a: Assessment) in a.reasons.filter { $0.rule == "topJournal" }.map(\.weight).reduce(0, +) }
        #expect(w(half) * 2 == w(full))
        #expect(w(full) > 0)
    }

    @Test func profileRulesRunOnlyInTheirProfile() throws {
        let sichuan = try Scorer(config: .rulesAlone, profile: "sichuan")
        let zhejiang = try Scorer(config: .rulesAlone, profile: "zhejiang")
        #expect(!sichuan.ruleNames.contains { $0.hasPrefix("zhejiang") })
        #expect(zhejiang.ruleNames.filter { $0.hasPrefix("zhejiang") }.count == 4)
    }
}
