import BulletinCore
import Foundation
import Testing

/// The real labelled set (Fixtures/labelled/real): its shape, the split, the taxonomy behind the
/// industry cues, and floors that guard the figures reported in docs/scoring.md.
struct ScoreRealSetTests {
    static let real = ScoreTestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled/real")

    static func split(_ name: String) throws -> LabelledSet {
        try LabelledSet.load(from: real.appendingPathComponent("\(name).json"))
    }

    @Test func theSetHoldsAtLeast320RealCasesWithSourcesAndAFixedSplit() throws {
        let train = try Self.split("train"), dev = try Self.split("dev"), test = try Self.split("test")
        let all = train.cases + dev.cases + test.cases
        #expect(all.count >= 320)
        #expect(Set(all.map(\.id)).count == all.count, "an id appears in two splits")
        for c in all {
            #expect(!(c.basis ?? "").isEmpty, "case \(c.id) has no source")
            #expect(c.summary.count >= 30, "case \(c.id): summary of \(c.summary.count) characters")
        }
        // 50/25/25, stratified by category: every category is in every split.
        #expect(abs(Double(train.cases.count) / Double(all.count) - 0.5) < 0.03)
        #expect(abs(Double(test.cases.count) / Double(all.count) - 0.25) < 0.03)
        for s in [train, dev, test] {
            #expect(Set(s.cases.map(\.expected.category)) == Set(AchievementTaxonomy.categories))
        }
    }

    @Test func theSplitIsTheOneTheBatchesGive() throws {
        // The batches are the source; the split files are what tools/split_realset.py makes of them.
        let batches = try FileManager.default.contentsOfDirectory(at: Self.real.appendingPathComponent("batches"),
                                                                  includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        var fromBatches: [String: LabelledCase] = [:]
        for b in batches { for c in try LabelledSet.load(from: b).cases { fromBatches[c.id] = c } }
        let splits = try ["train", "dev", "test"].flatMap { try Self.split($0).cases }
        #expect(splits.count == fromBatches.count)
        for c in splits { #expect(fromBatches[c.id] == c, "case \(c.id) differs from its batch; run tools/split_realset.py") }
    }

    /// scoring.industries is generated from data/industry-taxonomy.json; they must agree.
    @Test func theIndustryCuesAreTheTaxonomysWords() throws {
        struct Taxonomy: Decodable {
            struct Source: Decodable { var id: String }
            struct Class: Decodable {
                var source: String, code: String, name: String
                var strong: [String], weak: [String]
                var patterns: [String]?
            }
            struct Industry: Decodable { var industry: String, classes: [Class] }
            var sources: [Source]
            var industries: [Industry]
        }
        let data = try Data(contentsOf: ScoreTestSupport.root.appendingPathComponent("data/industry-taxonomy.json"))
        let taxonomy = try JSONDecoder().decode(Taxonomy.self, from: data)
        #expect(taxonomy.industries.map(\.industry) == AchievementTaxonomy.industries)
        var expected: [ScoringConfig.CueGroup] = []
        for i in taxonomy.industries {
            for c in i.classes {
                #expect(taxonomy.sources.map(\.id).contains(c.source), "\(i.industry) \(c.code): source \(c.source) is not listed")
                if !c.strong.isEmpty { expected.append(.init(label: i.industry, weight: 2, phrases: c.strong)) }
                if !c.weak.isEmpty || !(c.patterns ?? []).isEmpty {
                    expected.append(.init(label: i.industry, weight: 1, phrases: c.weak, patterns: c.patterns ?? []))
                }
            }
        }
        #expect(ScoringConfig.standard.industries == expected, "pipeline.json is out of date: run tools/build_industry_cues.py")
    }

    /// Floors a little under the figures of docs/scoring.md, so that a change that loses ground on real
    /// text fails here. They are a guard, not a target: rules are tuned on train and dev only.
    @Test(arguments: [("train", 0.94, 0.89, 0.99, 0.90), ("dev", 0.89, 0.85, 0.97, 0.86), ("test", 0.90, 0.88, 0.96, 0.76)])
    func agreementOnRealTextStaysAboveTheFloors(split: String, category: Double, subtype: Double, level: Double, industry: Double) throws {
        let report = LabelledSetReport.evaluate(try Self.split(split).cases, scorer: try ScoreTestSupport.scorer())
        #expect(report.accuracy("category") >= category)
        #expect(report.accuracy("subtype") >= subtype)
        #expect(report.accuracy("level") >= level)
        #expect(report.accuracy("industry") >= industry)
    }

    @Test func theReportShowsTheCategoryConfusionAndTheFlaggedCases() throws {
        let report = LabelledSetReport.evaluate(try Self.split("dev").cases, scorer: try ScoreTestSupport.scorer())
        #expect(report.categoryConfusion.count == AchievementTaxonomy.categories.count)
        #expect(report.categoryConfusion.flatMap { $0 }.reduce(0, +) == report.cases)
        let correct = zip(report.categoryConfusion.indices, report.categoryConfusion).map { $0.1[$0.0] }.reduce(0, +)
        #expect(Double(correct) / Double(report.cases) == report.accuracy("category"))
        #expect(report.description.contains("category confusion"))
        #expect(report.description.contains("需人工确认:"))
    }
}
