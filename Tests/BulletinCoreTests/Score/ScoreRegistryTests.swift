import BulletinCore
import Foundation
import Testing

/// The registry, the rule files and docs/scoring.md list the same rules.
@Suite struct ScoreRegistryTests {
    static let scoreFolder = ScoreTestSupport.root.appendingPathComponent("Sources/BulletinCore/Score")
    static let rulesFolder = scoreFolder.appendingPathComponent("Rules")

    /// Swift files under a folder, recursively.
    static func swiftFiles(under folder: URL) -> [URL] {
        let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var out: [URL] = []
        while let u = e?.nextObject() as? URL {
            if u.pathExtension == "swift" { out.append(u) }
        }
        return out.sorted { $0.path < $1.path }
    }

    /// Types declared as conforming to ScoringRule in a source text.
    static func ruleTypes(in source: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: #"(?m)^\s*(?:public\s+|internal\s+)?(?:final\s+)?(?:struct|class|enum|actor)\s+(\w+)\s*:[^{]*\bScoringRule\b"#)
        let ns = source as NSString
        return regex.matches(in: source, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    @Test func everyRuleTypeInTheSourcesIsRegistered() throws {
        var declared: [String] = []
        for file in Self.swiftFiles(under: Self.scoreFolder) {
            declared += try Self.ruleTypes(in: String(contentsOf: file, encoding: .utf8))
        }
        let registered = ScoringRules.all.map { String(describing: $0) }
        #expect(!declared.isEmpty)
        for t in declared { #expect(registered.contains(t), "\(t) conforms to ScoringRule but ScoringRules.all does not list it") }
        for t in registered { #expect(declared.contains(t), "\(t) is registered but no rule file declares it") }
    }

    @Test func oneRulePerFileNamedAfterIt() throws {
        for file in Self.swiftFiles(under: Self.rulesFolder) {
            let types = try Self.ruleTypes(in: String(contentsOf: file, encoding: .utf8))
            #expect(types == [file.deletingPathExtension().lastPathComponent], "\(file.lastPathComponent) declares \(types)")
        }
    }

    @Test func everyRuleIsDocumented() throws {
        let doc = try String(contentsOf: ScoreTestSupport.root.appendingPathComponent("docs/scoring.md"), encoding: .utf8)
        for rule in ScoringRules.all {
            #expect(doc.contains("`\(rule.name)`"), "docs/scoring.md does not list rule `\(rule.name)`")
        }
    }

    @Test func namesAreUniqueDescribedAndSwitchedInTheShippedConfig() throws {
        let names = ScoringRules.names
        #expect(Set(names).count == names.count)
        for rule in ScoringRules.all {
            #expect(!rule.reads.isEmpty && !rule.concludes.isEmpty && !rule.why.isEmpty, "\(rule.name) needs reads, concludes and why")
        }
        let shipped = try ScoreTestSupport.repositoryScoring()
        #expect(Set(shipped.rules.keys) == Set(names), "pipeline.json should switch every rule by name")
        let profileRules = Set(ScoringRules.all.filter { $0.profileOnly }.map { $0.name })
        let listed = Set(shipped.profiles.values.flatMap(\.rules))
        #expect(listed == profileRules)
    }
}
