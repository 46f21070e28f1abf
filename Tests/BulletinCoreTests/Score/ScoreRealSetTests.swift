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

    /// The blind sets share no case and no source address with the split or with each other, and every case has a
    /// source and a real summary: a case seen while tuning would make their figures measure the author again.
    @Test(arguments: ["holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19", "holdout20", "holdout21", "holdout22"])
    func aBlindSetSharesNothingWithTheOthers(name: String) throws {
        let blind = try Self.split(name).cases
        let others = try ["train", "dev", "test", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19", "holdout20", "holdout21", "holdout22"].filter { $0 != name }.flatMap { try Self.split($0).cases }
        #expect(blind.count >= 100)
        #expect(Set(blind.map(\.id)).count == blind.count)
        #expect(Set(blind.map(\.id)).isDisjoint(with: others.map(\.id)))
        let sources = Set(others.compactMap(\.basis).filter { $0.hasPrefix("http") })
        for c in blind {
            #expect(!(c.basis ?? "").isEmpty, "\(name) case \(c.id) has no source")
            #expect(!sources.contains(c.basis ?? ""), "\(name) case \(c.id) shares its source with another set")
            #expect(c.summary.count >= 30, "\(name) case \(c.id): summary of \(c.summary.count) characters")
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

    /// The taxonomy behind scoring.industries (data/industry-taxonomy.json), as the tests read it.
    struct IndustryTaxonomy: Decodable {
        struct Source: Decodable { var id: String }
        struct Class: Decodable {
            var source: String, code: String, name: String
            var strong: [String], weak: [String]
            var patterns: [String]?
        }
        struct Industry: Decodable { var industry: String, classes: [Class] }
        struct Prefix: Decodable { var prefix: String, industry: String }
        struct GBT4754: Decodable {
            var file: String, map: [Prefix], stopWords: [String]
            var notesFile: String, notesSource: String, noteStopWords: [String]
        }
        struct SEIClass: Decodable { var code: String, name: String, industry: String }
        struct SEI2018: Decodable { var classes: [SEIClass] }
        var sources: [Source]
        var industries: [Industry]
        var gbt4754: GBT4754
        var sei2018: SEI2018

        static func load() throws -> IndustryTaxonomy {
            let data = try Data(contentsOf: ScoreTestSupport.root.appendingPathComponent("data/industry-taxonomy.json"))
            return try JSONDecoder().decode(IndustryTaxonomy.self, from: data)
        }

        /// The groups of the listed classes, in the file's order, as tools/build_industry_cues.py writes them.
        var listedGroups: [ScoringConfig.CueGroup] {
            var out: [ScoringConfig.CueGroup] = []
            for i in industries {
                for c in i.classes {
                    let source = "\(c.source) \(c.code) \(c.name)"
                    if !c.strong.isEmpty { out.append(.init(label: i.industry, weight: 2, phrases: c.strong, source: source)) }
                    if !c.weak.isEmpty || !(c.patterns ?? []).isEmpty {
                        out.append(.init(label: i.industry, weight: 1, phrases: c.weak, patterns: c.patterns ?? [], source: source))
                    }
                }
            }
            return out
        }

        /// The industry of a GB/T 4754-2017 code: the longest mapped prefix's, nil when none maps it.
        func industry(ofGBCode code: String) -> String? {
            gbt4754.map.filter { code.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }?.industry
        }
    }

    /// The listed classes come first in scoring.industries, word for word.
    @Test func theListedIndustryCuesAreTheTaxonomysWords() throws {
        let taxonomy = try IndustryTaxonomy.load()
        #expect(taxonomy.industries.map(\.industry) == AchievementTaxonomy.industries)
        for i in taxonomy.industries {
            for c in i.classes {
                #expect(taxonomy.sources.map(\.id).contains(c.source), "\(i.industry) \(c.code): source \(c.source) is not listed")
            }
        }
        let listed = taxonomy.listedGroups
        #expect(Array(ScoringConfig.rulesAlone.industries.prefix(listed.count)) == listed,
                "pipeline.json is out of date: run tools/build_industry_cues.py")
    }

    /// Every other group is derived from a class of GB/T 4754-2017 or 战略性新兴产业分类（2018）: it names the
    /// class, the class exists with that name and maps to the group's industry, and each word is part of the
    /// class name (its use word or the head of one), so that a reason's provenance can be checked by a reader.
    @Test func theDerivedIndustryCuesComeFromTheClassTheyName() throws {
        let taxonomy = try IndustryTaxonomy.load()
        let text = try String(contentsOf: ScoreTestSupport.root.appendingPathComponent(taxonomy.gbt4754.file), encoding: .utf8)
        var gb: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            if cells.count == 2 { gb[String(cells[0])] = String(cells[1]) }
        }
        #expect(gb.count == 20 + 97 + 473 + 1381, "data/gbt4754-2017.tsv should hold every class of the standard")
        let stop = Set(taxonomy.gbt4754.stopWords)
        let notes = try Self.notes(taxonomy)
        let groups = ScoringConfig.rulesAlone.industries
        let derived = groups.dropFirst(taxonomy.listedGroups.count)
        #expect(derived.count > 500, "the classes give hundreds of groups; found \(derived.count)")
        for g in derived {
            let source = try #require(g.source, "a derived group without its class")
            let parts = source.split(separator: " ").map(String.init)
            var name = "", industry: String?
            if parts.first == "GB/T", parts.count == 5, parts[4] == "说明" {
                // A word of the class's explanatory note: part of the note's text, never of what it excludes
                // (不包括…, 除…外), never a stop word; a note word weighs 1, or 2 from a 4-digit class's note.
                let code = parts[2]
                #expect(gb[code] == parts[3], "\(source): no such class in \(taxonomy.gbt4754.file)")
                #expect(taxonomy.industry(ofGBCode: code) == g.label, "\(source) maps to \(taxonomy.industry(ofGBCode: code) ?? "nothing"), not \(g.label)")
                #expect(g.weight == 1 || (g.weight == 2 && code.count == 5), "\(source): weight \(g.weight)")
                let note = try #require(notes[code], "\(source): the class has no note in \(taxonomy.gbt4754.notesFile)")
                let noteStop = Set(taxonomy.gbt4754.noteStopWords)
                for p in g.phrases {
                    #expect(note.contains(p), "\(source): 「\(p)」 is not part of the class's note")
                    #expect(!stop.contains(p) && !noteStop.contains(p), "\(source): 「\(p)」 is a stop word")
                    for excluded in Self.excludedParts(of: note) {
                        #expect(!excluded.contains(p), "\(source): 「\(p)」 is named where the note excludes it: \(excluded)")
                    }
                }
                continue
            }
            if parts.first == "GB/T", parts.count == 4 {
                name = parts[3]
                #expect(gb[parts[2]] == name, "\(source): no such class in \(taxonomy.gbt4754.file)")
                industry = taxonomy.industry(ofGBCode: parts[2])
            } else if parts.first == "SEI-2018", parts.count == 3 {
                name = parts[2]
                let c = taxonomy.sei2018.classes.first { $0.code == parts[1] }
                #expect(c?.name == name, "\(source): no such class in sei2018")
                industry = c?.industry
            } else {
                Issue.record("\(source): neither a GB/T 4754-2017 nor a SEI-2018 class")
            }
            #expect(industry == g.label, "\(source) maps to \(industry ?? "nothing"), not \(g.label)")
            #expect(g.weight == 1 || g.weight == 2)
            // The words are read from the name without its bracketed notes and 的 (瓶（罐）装饮用水 -> 瓶装饮用水).
            let plain = name.replacingOccurrences(of: "（[^）]*）", with: "", options: .regularExpression)
                .replacingOccurrences(of: "的", with: "")
            for p in g.phrases {
                #expect(plain.contains(p) || name.contains(p), "\(source): 「\(p)」 is not part of the class name")
                #expect(!stop.contains(p), "\(source): 「\(p)」 is a stop word")
            }
        }
        // A word votes once: no phrase is in two groups.
        var seen: [String: String] = [:]
        for g in groups {
            for p in g.phrases {
                #expect(seen[p] == nil, "「\(p)」 is in \(seen[p] ?? "") and \(g.source ?? g.label)")
                seen[p] = g.source ?? g.label
            }
        }
    }

    /// data/gbt4754-2017-notes.tsv as {code: note}.
    static func notes(_ taxonomy: IndustryTaxonomy) throws -> [String: String] {
        let text = try String(contentsOf: ScoreTestSupport.root.appendingPathComponent(taxonomy.gbt4754.notesFile), encoding: .utf8)
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            if cells.count == 2 { out[String(cells[0])] = String(cells[1]) }
        }
        return out
    }

    /// The parts of a note that name what the class does not include: 不包括…/不含… to the end of the sentence, 除…外.
    static func excludedParts(of note: String) -> [String] {
        let pattern = "(?:不包括|不含)[^；;。，,]*|除[^，,；;。]*?外"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = note as NSString
        return regex.matches(in: note, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    /// The notes file: its header names the public copy and commit it was read from, every line is a code of the class
    /// list and a non-empty note, no code twice, in the class list's order.
    @Test func theNotesFileHoldsANoteForClassesOfTheStandard() throws {
        let taxonomy = try IndustryTaxonomy.load()
        let classes = try String(contentsOf: ScoreTestSupport.root.appendingPathComponent(taxonomy.gbt4754.file), encoding: .utf8)
        var order: [String: Int] = [:]
        for line in classes.split(separator: "\n") where !line.hasPrefix("#") {
            if let code = line.split(separator: "\t").first { order[String(code)] = order.count }
        }
        let text = try String(contentsOf: ScoreTestSupport.root.appendingPathComponent(taxonomy.gbt4754.notesFile), encoding: .utf8)
        let header = text.split(separator: "\n").filter { $0.hasPrefix("#") }.joined(separator: "\n")
        #expect(header.contains(taxonomy.gbt4754.notesSource), "the header should name the source the taxonomy names")
        #expect(header.contains("0b8f1ae480aadd9f35aca2fd0efb934e9a7101e8"), "the header should name the commit read")
        var seen = Set<String>(), last = -1, count = 0
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.hasPrefix("#") && !line.isEmpty {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == 2, "line \(n + 1): code<TAB>note")
            guard cells.count == 2 else { continue }
            let position = try #require(order[cells[0]], "line \(n + 1): \(cells[0]) is not a class of \(taxonomy.gbt4754.file)")
            #expect(!cells[1].trimmingCharacters(in: .whitespaces).isEmpty, "line \(n + 1): \(cells[0]) has an empty note")
            #expect(cells[1] == cells[1].trimmingCharacters(in: .whitespaces), "line \(n + 1): spaces around the note")
            #expect(seen.insert(cells[0]).inserted, "line \(n + 1): \(cells[0]) again")
            #expect(position > last, "line \(n + 1): \(cells[0]) is out of the class list's order")
            last = position
            count += 1
        }
        #expect(count == 1062, "the public copy has 1,062 notes; found \(count)")
    }

    /// Floors a little under the figures of docs/scoring.md, so that a change that loses ground on real
    /// text fails here. They are a guard, not a target: rules are tuned on train and dev, and, for the fourth round
    /// of category and subtype rules and the third round of industry rules, on holdout too (103 cases labelled by
    /// someone who never saw the rules, so its floor guards those rounds rather than estimating unseen text); test
    /// is never tuned on. holdout2 (103 cases, labelled blind later still) was read for the fifth category round and
    /// the fourth industry pass (docs/scoring.md), so its category, subtype and industry floors guard those rounds.
    /// holdout3 (103 cases, labelled blind after that) was measured once, after those rounds were merged, then read
    /// for the sixth category round and the fifth industry pass (docs/scoring.md), so its floors guard those rounds.
    /// holdout4 (104 cases, labelled blind after that) was measured once, on the merge of those rounds; holdout5
    /// (102 cases) once after that, on main c7510c0; both were then read for the seventh category, subtype and level
    /// round and the sixth industry pass (docs/scoring.md), so their floors guard those. holdout6 (103 cases) was
    /// measured once on main d1e76c1, then read for the eighth category and subtype round and the seventh industry pass,
    /// so its floors guard those. holdout7 (100 cases) was measured once on main 187e2eb, then read for the ninth round
    /// (category, subtype and industry by class), so its floors guard that round; the round raised dev, holdout3, holdout5
    /// and holdout6, whose floors went up with it. holdout8 (100 cases) was measured once after the ninth round was merged, then read
    /// for the tenth round (category and subtype by class), so its floors guard that round. holdout9 (100 cases) was measured once
    /// after the tenth round was merged, then read for the eleventh round (category, subtype and industry by class), so its
    /// floors guard that round; the round raised holdout, holdout2, holdout4, holdout5, holdout6 and holdout7, whose floors went
    /// up with it.
    ///
    /// Since the model layer is on (2026-12-01, w15model7) the floors judge what ships: the combined labels of
    /// `shippedScorer()`. None was lowered; the category, subtype and industry floors were raised to the combined figure
    /// less one case, where that is higher (level is the rules' alone). The shipped weights are trained on every set
    /// here but test, so on those sets the floors guard the fit of rules and model together, not unseen text.
    /// holdout10 (100 cases) was measured blind three times, then read for the twelfth round (industry classes by
    /// confused pair, two category classes; docs/scoring.md), so its floors guard that round: the shipped figure less one
    /// case. The round raised the industry floors of dev, holdout3 and
    /// holdout6 with it.
    /// Since the combination was chosen out of fold and the weights retrained with holdout10 (2026-12-01, w16model8),
    /// holdout10 (read: in the weights' training sets, never read for a rule) has floors of its own, and holdout5's
    /// category, holdout7's industry and holdout8's subtype floors went up to the combined figure less one case.
    /// Merged (2026-12-01): each floor is the higher of the two branches'.
    /// holdout11 (100 cases) was measured blind twice, then read for the thirteenth round (industry classes by confused
    /// pair over every open set, one category class; docs/scoring.md) and opened for the model (w17model9: leave-one-set-out
    /// evidence, and the weights retrained with it), so its floors guard that fit: the shipped figure less one case (its
    /// blind figure as shipped was 95 / 95 / 98 / 84). The round raised the industry floors of train, dev, holdout3,
    /// holdout4 and holdout8 to the shipped figure less one case. Merged: each floor is the higher of the two branches'.
    /// holdout12 (100 cases) was measured blind twice (96 / 94 / 99 / 82 as shipped), then read for the fourteenth round
    /// (whose words did not ship) and added to the weights' training sets with the §6 relabels (2026-12-02), so its
    /// floors guard that fit: the shipped figure less one case.
    /// The fifteenth round (the title's head, as labelling.md §6 decides) raised category and subtype as shipped on
    /// holdout3, holdout6, holdout10 and holdout11; their floors went up to the new figure less one case.
    /// holdout13 (100 cases) was measured blind twice (84 / 84 / 97 / 83 as shipped on main 22a3545), then read for the
    /// sixteenth round (deployment titles, photodetectors, goods in the trade's words), so its floors guard that fit: the
    /// shipped figure less one case. The round raised holdout2's category and subtype and holdout10's industry; their
    /// floors went up to the new figure less one case.
    /// holdout14 (100 cases) was measured blind three times (94 / 86 / 99 / 89 as shipped on main 0395cae), then read for
    /// the seventeenth round (a thing at the title's head, an exploration find, a system that is no device), so its floors
    /// guard that fit: the shipped figure less one case. The round raised the subtype of train, holdout2, holdout5,
    /// holdout7, holdout10 and holdout13 and the category of holdout5 and holdout13; their floors went up to the new
    /// figure less one case. The lead then relabelled holdout rh076 (…研发成功并大规模应用, a transfer by §6), shipped two
    /// of the round's tried deployment forms (规模化?应用 at the title's end; a sale ending on its price) and retrained the
    /// weights with holdout14: holdout14's and holdout9's floors went up to the new figure less one case.
    /// holdout15, holdout16 and holdout17 (100 cases each) were measured blind (91 / 90 / 97 / 91, 86 / 91 / 100 / 88 and
    /// 87 / 89 / 97 / 89 as shipped on main 7ae4b37), then read for the eighteenth round, which shipped only classes that
    /// fixed cases in two of the three (a plant or project being built, an exploration find, a review), so their floors
    /// guard that fit: the shipped figure less one case. The round raised holdout13's category and subtype; their floors
    /// went up to the new figure less one case. The lead then retrained the weights with holdout15–17 (1,966 cases), and
    /// their floors went up to the new figure less one case.
    /// holdout18 (100 cases) was measured blind once (88 / 85 / 99 / 85 as shipped on main d58340b), then read for the
    /// nineteenth round, which shipped one class that fixed a case in each of holdout16–18 (a title that ends on
    /// equipment is 装备制造 even when it serves food or drink), so its floors guard that fit: the shipped figure less one
    /// case. The round raised the industry of holdout16 and holdout17; their floors went up to the new figure less one case.
    /// holdout19 (100 cases) was measured blind once (89 / 92 / 100 / 87 as shipped on main 1d1b2c6), then added to the
    /// weights' training sets (main e64a7fe) and read for the twentieth round, which shipped no class by its rule (docs/scoring.md,
    /// "Round 20"), so its floors guard that fit: the shipped figure less one case (92 / 94 / 100 / 92). The lead then shipped its delivery
    /// class by the round-19 test (a product delivered to or bought by a customer is a transfer: the guide's own words),
    /// which raised holdout17's category and subtype; those floors went up to the new figure less one case.
    /// holdout20 (100 cases) was measured blind once (75 / 74 / 100 / 92 as shipped on main 98b4dea), then added to the
    /// weights' training sets (main 57854f2) and read for the twenty-first round, which shipped one class that fixed a
    /// case in holdout19 and in holdout20 (a platform at the title's head doing its work is 其它; docs/scoring.md,
    /// "Round 21"), so its floors guard that fit: the shipped figure less one case (83 / 80 / 100 / 93). The round raised
    /// the category and subtype of holdout9 and holdout19; their floors went up to the new figure less one case.
    /// holdout21 (100 cases) was measured blind once (75 / 74 / 98 / 88 as shipped on main f88c684), then added to the
    /// weights' training sets (main 9ac65d7) and read for the twenty-second round, which shipped one class that fixed
    /// cases in holdout19 and holdout21 (an event held is 其它; docs/scoring.md, "Round 22"), so its floors guard that fit:
    /// the shipped figure less one case (85 / 84 / 98 / 92). The round raised the category of holdout15, holdout16 and
    /// holdout19 and the subtype of holdout16; their floors went up to the new figure less one case.
    /// holdout22 (100 cases) was measured blind once (75 / 82 / 97 / 85 as shipped on main 06c0761), then added to the
    /// weights' training sets, so its floors guard that fit: the shipped figure less one case (81 / 88 / 97 / 94).
    @Test(arguments: [("train", 0.99, 0.98, 0.99, 0.97), ("dev", 0.96, 0.96, 0.97, 0.93), ("test", 0.94, 0.91, 0.96, 0.79),
                      ("holdout", 0.99, 0.99, 0.98, 0.95), ("holdout2", 0.97, 0.96, 0.96, 0.96),
                      ("holdout3", 0.98, 0.95, 0.98, 0.98), ("holdout4", 0.98, 0.95, 0.99, 0.90),
                      ("holdout5", 0.95, 0.97, 0.99, 0.96), ("holdout6", 0.98, 0.97, 0.98, 0.93),
                      ("holdout7", 0.94, 0.93, 0.99, 0.92), ("holdout8", 0.94, 0.95, 0.97, 0.93),
                      ("holdout9", 0.98, 0.96, 0.97, 0.97), ("holdout10", 0.98, 0.98, 0.96, 0.94),
                      ("holdout11", 0.97, 0.97, 0.97, 0.90), ("holdout12", 0.97, 0.96, 0.98, 0.94),
                      ("holdout13", 0.91, 0.90, 0.96, 0.89),
                      ("holdout14", 0.97, 0.93, 0.98, 0.95), ("holdout15", 0.96, 0.95, 0.96, 0.92),
                      ("holdout16", 0.94, 0.95, 0.99, 0.91), ("holdout17", 0.95, 0.93, 0.96, 0.94),
                      ("holdout18", 0.94, 0.93, 0.98, 0.88), ("holdout19", 0.93, 0.94, 0.99, 0.91),
                      ("holdout20", 0.82, 0.79, 0.99, 0.92), ("holdout21", 0.84, 0.83, 0.97, 0.91),
                      ("holdout22", 0.80, 0.87, 0.96, 0.93)])
    func agreementOnRealTextStaysAboveTheFloors(split: String, category: Double, subtype: Double, level: Double, industry: Double) throws {
        let report = LabelledSetReport.evaluate(try Self.split(split).cases, scorer: try ScoreTestSupport.shippedScorer())
        #expect(report.accuracy("category") >= category)
        #expect(report.accuracy("subtype") >= subtype)
        #expect(report.accuracy("level") >= level)
        #expect(report.accuracy("industry") >= industry)
    }

    @Test func theReportShowsTheCategoryConfusionAndTheFlaggedCases() throws {
        let report = LabelledSetReport.evaluate(try Self.split("dev").cases, scorer: try ScoreTestSupport.shippedScorer())
        #expect(report.categoryConfusion.count == AchievementTaxonomy.categories.count)
        #expect(report.categoryConfusion.flatMap { $0 }.reduce(0, +) == report.cases)
        let correct = zip(report.categoryConfusion.indices, report.categoryConfusion).map { $0.1[$0.0] }.reduce(0, +)
        #expect(Double(correct) / Double(report.cases) == report.accuracy("category"))
        #expect(report.description.contains("category confusion"))
        #expect(report.description.contains("需人工确认:"))
    }
}
