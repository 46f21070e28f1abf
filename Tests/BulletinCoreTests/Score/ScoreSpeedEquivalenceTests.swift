@testable import BulletinCore
import Foundation
import Testing

/// The shortcuts that make scoring fast (issue 14) must give the answers of the plain computation: the automaton
/// finds what a direct search finds, a gated pattern what its expression finds, the per-label sums what a
/// dictionary gives.
@Suite struct ScoreSpeedEquivalenceTests {
    @Test(arguments: [
        ("(国际|世界)上?(处于|居于|保持)领先(地位|水平)?", [["国际", "世界"], ["处于", "居于", "保持"], ["领先"]]),
        ("(技术|方法|工艺)(及|与|的)?(其)?(工业|工程)?(应用|研究|工程化)?$", [["技术", "方法", "工艺"]]),
        ("[0-9]+(余|多)?(件|项)(授权)?(发明|国际|国防|PCT)?专利", [["件", "项"], ["专利"]]),
        ("^一种.{2,40}(方法|装置|系统)", [["方法", "装置", "系统"], ["一种"]]),
        ("(国内|全国)同(行业|类)(产品|技术)?(的)?先进水平", [["国内", "全国"], ["行业", "类"], ["同"], ["先进水平"]]),
        // An optional character inside an alternative: the alternative's longest run without one stands for it.
        ("[^,，。]*(投产|规模化?生产|批量化?供?货)$", [["投产", "规模", "批量"]]),
        ("(研究|测试化?)进展", [["研究", "测试"], ["进展"]]),
        // An alternative with no such run, a lazy `??` or a quantifier other than `?`: the group counts for nothing.
        ("(化?|生产)示范", [["示范"]]),
        ("(规模化??生产)成功", [["成功"]]),
        ("(规模化+生产)成功", [["成功"]]),
    ])
    func requiredGroupsAndRunsAreRead(pattern: String, expected: [[String]]) {
        #expect(CompiledCue.requiredAlternatives(of: pattern) == expected)
    }

    @Test(arguments: ["专利|发明", "(?<!生产|产业)基地.?建成", "(项目(工程)|课题)验收", "[国省]级", "增产(?!值)", "\\u6280术?", "(技术|PCT)专利"])
    func onlyGroupsEveryMatchPassesThroughCount(pattern: String) {
        let groups = CompiledCue.requiredAlternatives(of: pattern)
        switch pattern {
        case "专利|发明": #expect(groups.isEmpty)
        case "(?<!生产|产业)基地.?建成": #expect(groups == [["基地"], ["建成"]])
        case "(项目(工程)|课题)验收": #expect(groups == [["验收"]])
        case "[国省]级": #expect(groups == [["级"]])
        case "增产(?!值)": #expect(groups == [["增产"]])
        case "(技术|PCT)专利": #expect(groups == [["专利"]])
        default: #expect(groups.isEmpty, "\(pattern)")
        }
    }

    /// Real summaries from the labelled sets, and a few made to hit and miss the gates.
    static func texts() throws -> [String] {
        let folder = ScoreTestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled/real")
        var out: [String] = []
        for name in ["dev.json", "train.json"] {
            let set = try LabelledSet.load(from: folder.appendingPathComponent(name))
            for c in set.cases { out += [c.title, c.summary] }
        }
        out += ["项目总体技术处于国际领先地位，部分指标国际同类产品领先水平。", "国内同行业处于领先，国内同类技术的先进水平。",
                "获授权发明专利12件、国际专利3项，专利共20件。", "一种高强度钒钛合金的制备方法", "推广应用4404万亩，覆盖12个市（州）的56家企业。",
                "ＡＢＣ技术与工程应用", "世界上保持先进地位，同类产品"]
        return out
    }

    @Test func everyGatedPatternOfTheRepositoryFindsWhatItsExpressionFinds() throws {
        let config = try ScoreTestSupport.repositoryScoring()
        var patterns: [String] = []
        for group in config.categories + config.subtypes + config.industries { patterns += group.patterns }
        for rung in config.levels { patterns += rung.patterns + rung.impliedPatterns }
        let cues = try patterns.map { try CompiledCue.pattern($0, path: "test", file: "test.json") }
        #expect(cues.contains { !$0.alternatives.isEmpty })
        for text in try Self.texts() {
            let t = ScoringText(field: .summary, text: text, weight: 1)
            for cue in cues {
                let regex = try #require(cue.expression())
                let direct = regex.matches(in: t.normalised, range: NSRange(location: 0, length: t.length)).map(\.range)
                #expect(cue.ranges(in: t) == direct, "\(cue.source) in \(text)")
            }
        }
    }

    @Test func theAutomatonFindsEveryOccurrenceADirectSearchFinds() throws {
        let words = ["技术", "关键技术", "国际领先", "领先", "钒钛", "ｐｃｔ", "PCT", "专利", "利", "万亩", "亩"]
        let cues = try words.map { try CompiledCue.phrase($0, path: "test", file: "test.json") }
        for text in try Self.texts() + ["关键技术技术领先领先PCT专利pct专利利", "国际领先国际领先"] {
            let t = ScoringText(field: .summary, text: text, weight: 1)
            for cue in cues {
                let literal = try #require(cue.literal)
                let id = try #require(cue.literalID)
                var direct: [Int] = []
                if literal.count <= t.foldedUnits.count {
                    for at in 0...(t.foldedUnits.count - literal.count) where Array(t.foldedUnits[at..<(at + literal.count)]) == literal {
                        direct.append(at)
                    }
                }
                #expect(t.starts(ofLiteral: id, literal) == direct, "\(cue.source) in \(text)")
                var visited: [Int] = []
                t.forEachStart(ofLiteral: id, literal) { visited.append($0) }
                #expect(visited == direct, "\(cue.source) in \(text)")
                #expect(t.contains(literal: id) == !direct.isEmpty)
            }
        }
    }

    @Test func labelTotalsAddAsADictionaryDoes() {
        let votes: [(String, Double)] = [("电子信息", 2), ("装备制造", 0.1), ("电子信息", -0.0), ("先进材料", -0.0), ("装备制造", 0.2),
                                         ("电子信息", 1.5), ("成果转移转化案例", 3), ("成果转移转化案例", -1)]
        var dictionary: [String: Double] = [:]
        var totals = LabelTotals()
        for (label, weight) in votes {
            dictionary[label, default: 0] += weight
            totals.add(weight, to: label)
        }
        let sums = totals.dictionary
        #expect(sums.keys.sorted() == dictionary.keys.sorted())
        for (label, value) in dictionary {
            #expect(sums[label]?.bitPattern == value.bitPattern, "\(label)")
        }
        #expect(Tally.format(sums["先进材料"] ?? 1) == "0.00")
    }

    @Test func theSubtypeLookupAgreesWithTheTaxonomy() {
        for (category, subtypes) in AchievementTaxonomy.subtypesByCategory {
            for s in subtypes { #expect(AchievementTaxonomy.category(ofSubtype: s) == category) }
        }
        #expect(AchievementTaxonomy.category(ofSubtype: "成果转移转化案例") == nil)
    }

    /// The cues a voter tries on a text are, in flat (group, cue) order, every cue that finds something there: a cue
    /// left out of the candidates would lose its vote. Checked on every repository cue group over the labelled
    /// summaries, and for cues registered after the text was scanned (searched directly).
    @Test func aVoterTriesEveryCueThatFindsSomething() throws {
        let config = try ScoreTestSupport.repositoryScoring()
        let voters = try [(config.categories, "scoring.categories"), (config.subtypes, "scoring.subtypes"),
                          (config.industries, "scoring.industries")].map { groups, section in
            try CueVoter(rule: "test", groups: groups, section: section, dimension: .category, weight: 1,
                         countsAsEvidence: false, file: "test.json")
        }
        var checked = 0
        for text in try Self.texts() {
            let t = ScoringText(field: .summary, text: text, weight: 1)
            for voter in voters {
                let candidates = voter.candidates(in: t)
                #expect(zip(candidates, candidates.dropFirst()).allSatisfy { $0 < $1 }, "sorted, each once: \(text)")
                for (i, cue) in voter.flatCues.enumerated() where !cue.ranges(in: t).isEmpty {
                    #expect(candidates.contains(Int32(i)), "\(cue.source) in \(text)")
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
        // Read before the voter's new words are registered: the scan cannot know them.
        let early = ScoringText(field: .summary, text: "研制出钒钛测速新词甲，并用于乙新词测速。", weight: 1)
        let late = try CueVoter(rule: "test", groups: [
            .init(label: "装备制造", weight: 1, phrases: ["钒钛测速新词甲", "不在文中的新词丙"], patterns: ["用于.{0,2}新词"]),
            .init(label: "先进材料", weight: 1, phrases: ["钒钛", "乙新词测速"]),
        ], section: "test", dimension: .industry, weight: 1, countsAsEvidence: false, file: "test.json")
        let found = late.candidates(in: early).filter { !late.flatCues[Int($0)].ranges(in: early).isEmpty }
        #expect(found == [0, 2, 3, 4])
    }
}
