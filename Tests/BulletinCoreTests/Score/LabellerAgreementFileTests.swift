import BulletinCore
import Foundation
import Testing

/// The second, independent labellings of three blind sets (Fixtures/labelled/real/agreement/*.second.json, issue 12;
/// holdout10 and holdout11 by one helper, holdout13 by another): each covers exactly its set's ids, uses only the label
/// words the labelled sets use, and says why. The agreement figures in docs/scoring.md ("Two labellers" and "Two
/// labellers on holdout13") are computed from them by tools/labeller_agreement.py.
struct LabellerAgreementFileTests {
    /// One case of a second labelling: no title or summary (those are the set's), a reason, and `hard` when the
    /// guide leaves the choice open.
    struct SecondCase: Decodable {
        var id: String
        var expected: LabelledCase.Labels
        var reason: String
        var hard: String?
    }

    struct SecondLabelling: Decodable {
        var version: Int
        var about: String
        var cases: [SecondCase]
    }

    static let real = ScoreRealSetTests.real

    static func second(_ name: String) throws -> SecondLabelling {
        let url = real.appendingPathComponent("agreement/\(name).second.json")
        return try JSONDecoder().decode(SecondLabelling.self, from: Data(contentsOf: url))
    }

    /// Every label word some labelled real set uses, per dimension.
    static func wordsTheSetsUse() throws -> [String: Set<String>] {
        let names = try FileManager.default.contentsOfDirectory(at: real, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        #expect(names.count >= 14, "the real sets were not found in \(real.path)")
        var words: [String: Set<String>] = [:]
        for url in names {
            for c in try LabelledSet.load(from: url).cases {
                words["category", default: []].insert(c.expected.category)
                words["subtype", default: []].insert(c.expected.subtype)
                words["level", default: []].insert(c.expected.level)
                words["industry", default: []].insert(c.expected.industry)
            }
        }
        return words
    }

    @Test(arguments: ["holdout10", "holdout11", "holdout13"])
    func aSecondLabellingCoversItsSetWithTheSetsWords(name: String) throws {
        let first = try ScoreRealSetTests.split(name)
        let second = try Self.second(name)
        #expect(second.version == 1)
        #expect(second.about.count >= 80, "\(name).second.json: say how the labels were made")
        let ids = second.cases.map(\.id)
        #expect(Set(ids).count == ids.count, "\(name).second.json: an id appears twice")
        #expect(ids == first.cases.map(\.id), "\(name).second.json must hold every id of \(name).json, in its order, and no other")

        let words = try Self.wordsTheSetsUse()
        for c in second.cases {
            let labels = ["category": c.expected.category, "subtype": c.expected.subtype,
                          "level": c.expected.level, "industry": c.expected.industry]
            for (dimension, value) in labels {
                #expect(words[dimension]?.contains(value) == true,
                        "\(name).second.json \(c.id): \(dimension) \"\(value)\" is a word no labelled set uses")
            }
            let allowed = [""] + (AchievementTaxonomy.subtypesByCategory[c.expected.category] ?? [])
            #expect(allowed.contains(c.expected.subtype),
                    "\(name).second.json \(c.id): subtype \"\(c.expected.subtype)\" does not belong to \(c.expected.category)")
            if c.expected.category == "基础研究成果" || c.expected.category == "应用研究成果" {
                #expect(!c.expected.subtype.isEmpty, "\(name).second.json \(c.id): \(c.expected.category) needs a subtype")
            }
            #expect(c.reason.count >= 6, "\(name).second.json \(c.id): a reason of one line is required")
            if let hard = c.hard { #expect(!hard.isEmpty, "\(name).second.json \(c.id): hard is empty") }
        }
    }

    /// The checks above can fail: a labelling with a word outside the sets' vocabulary is caught.
    @Test func aWordOutsideTheVocabularyIsCaught() throws {
        let words = try Self.wordsTheSetsUse()
        #expect(words["industry"]?.contains("新能源") == false)
        #expect(words["category"]?.contains("应用研究") == false)
        #expect(words["level"] == Set([""] + AchievementTaxonomy.levels))
    }
}
