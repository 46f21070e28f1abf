import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

/// The labelled pairs (Fixtures/match/pairs.json): what the matcher concludes on each, and its figures on the
/// test split, which the weights were not tuned on. docs/matching.md records the figures.
@Suite struct MatchPairSetTests {
    @Test func theSetIsLargeAndBalancedEnough() throws {
        let set = try MatchPairSet.load()
        #expect(set.pairs.count >= 120)
        #expect(set.pairs.filter(\.same).count >= 30)
        #expect(set.pairs.filter { !$0.same }.count >= 60)
        for split in ["tune", "test"] {
            #expect(set.pairs.filter { $0.split == split && $0.same }.count >= 12, "split \(split)")
        }
        for p in set.pairs {
            #expect(set.subjects[p.a] != nil && set.subjects[p.b] != nil, "pair \(p.a) – \(p.b) names a missing subject")
        }
    }

    @Test func noDifferentPairIsMergedAutomatically() throws {
        let set = try MatchPairSet.load()
        let matcher = CaseMatcher()
        for p in set.pairs where !p.same {
            let v = try set.verdict(p, matcher)
            #expect(v.outcome != .same, "\(p.a) – \(p.b) merged automatically:\n\(v)")
        }
    }

    /// The same form sent again (same title and unit), or forwarded with its summary copied, attaches itself.
    @Test func exactResendsAreSame() throws {
        let set = try MatchPairSet.load()
        let matcher = CaseMatcher()
        let exact = set.pairs.filter { p in
            guard p.same, let a = set.subjects[p.a], let b = set.subjects[p.b] else { return false }
            return MatchText.key(MatchText.normalise(a.title)) == MatchText.key(MatchText.normalise(b.title))
        }
        #expect(exact.count >= 4)
        for p in exact {
            let v = try set.verdict(p, matcher)
            #expect(v.outcome == .same, "\(p.a) – \(p.b):\n\(v)")
        }
    }

    @Test func figuresOnTheTestSplit() throws {
        let set = try MatchPairSet.load()
        let figures = try set.figures(split: "test", matcher: CaseMatcher())
        print("match pairs, test split: \(figures)")
        #expect(figures.recall >= 0.85)
        #expect(figures.precision >= 0.85)
        #expect(figures.autoSameOnDifferent == 0)
    }

    @Test func figuresOnTheTuneSplit() throws {
        let set = try MatchPairSet.load()
        let figures = try set.figures(split: "tune", matcher: CaseMatcher())
        print("match pairs, tune split: \(figures)")
        #expect(figures.recall >= 0.9)
        #expect(figures.autoSameOnDifferent == 0)
    }
}

/// The labelled pairs file.
struct MatchPairSet: Decodable {
    struct Pair: Decodable {
        var a: String
        var b: String
        var same: Bool
        var split: String
    }
    var subjects: [String: MatchSubject]
    var pairs: [Pair]

    enum CodingKeys: String, CodingKey { case subjects, pairs }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let list = try c.decode([MatchSubject].self, forKey: .subjects)
        subjects = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        pairs = try c.decode([Pair].self, forKey: .pairs)
    }

    static var folder: URL { TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/match") }

    static func load() throws -> MatchPairSet {
        try JSONDecoder().decode(MatchPairSet.self, from: Data(contentsOf: folder.appendingPathComponent("pairs.json")))
    }

    struct MissingSubject: Error, CustomStringConvertible {
        var id: String
        var description: String { "pairs.json: no subject \(id); add it to subjects or fix the pair" }
    }

    func verdict(_ p: Pair, _ matcher: CaseMatcher) throws -> MatchVerdict {
        guard let a = subjects[p.a] else { throw MissingSubject(id: p.a) }
        guard let b = subjects[p.b] else { throw MissingSubject(id: p.b) }
        return matcher.compare(a, b)
    }

    /// Counts on one split. A pair is caught when the verdict is same or probable.
    struct Figures: CustomStringConvertible {
        var samePairs = 0, differentPairs = 0
        var caught = 0, autoSame = 0, falseFlags = 0, autoSameOnDifferent = 0
        var misses: [String] = [], flagged: [String] = []
        var recall: Double { samePairs == 0 ? 0 : Double(caught) / Double(samePairs) }
        var precision: Double { caught + falseFlags == 0 ? 1 : Double(caught) / Double(caught + falseFlags) }
        var description: String {
            let r = String(format: "%.3f", recall), p = String(format: "%.3f", precision)
            return "\(samePairs) same / \(differentPairs) different pairs; caught \(caught) (\(autoSame) automatically), "
                + "recall \(r), precision \(p), different flagged \(falseFlags), different merged \(autoSameOnDifferent)"
                + (misses.isEmpty ? "" : "\n  missed: " + misses.joined(separator: "; "))
                + (flagged.isEmpty ? "" : "\n  wrongly flagged: " + flagged.joined(separator: "; "))
        }
    }

    func figures(split: String, matcher: CaseMatcher) throws -> Figures {
        var f = Figures()
        for p in pairs where p.split == split {
            let v = try verdict(p, matcher)
            let caught = v.outcome != .different
            if p.same {
                f.samePairs += 1
                if caught { f.caught += 1 } else { f.misses.append("\(p.a)–\(p.b) \(String(format: "%.1f", v.score))") }
                if v.outcome == .same { f.autoSame += 1 }
            } else {
                f.differentPairs += 1
                if caught { f.falseFlags += 1; f.flagged.append("\(p.a)–\(p.b) \(String(format: "%.1f", v.score))") }
                if v.outcome == .same { f.autoSameOnDifferent += 1 }
            }
        }
        return f
    }
}
