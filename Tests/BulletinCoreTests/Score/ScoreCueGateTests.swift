@testable import BulletinCore
import Foundation
import Testing

/// A pattern cue is tried only on texts that hold the Chinese run every match contains (its gate), found by
/// the one automaton scan: cheaper, and never a different answer.
@Suite struct ScoreCueGateTests {
    @Test(arguments: [
        ("(项目|工程|课题|专项).{0,12}通过.{0,12}(验收|绩效评价)", "通过"),
        ("推广.{0,8}[0-9]+(余|多)?万?亩", "推广"),
        ("覆盖.{0,10}[0-9]+(余|多)?(个|家)", "覆盖"),
        ("^一种.{2,40}(方法|装置)", "一种"),
        ("国际领先水?平", "国际领先"),
        ("[国省]级重点实验室", "级重点实验室"),
        ("(?<!生产|产业)基地.?建成", "基地"),
    ])
    func theRequiredRunIsTheLongestUnquantifiedTopLevelRun(pattern: String, run: String) {
        #expect(CompiledCue.requiredRun(of: pattern) == run)
    }

    @Test(arguments: ["(技术|方法|工艺)(及|与)?(应用)?$", "专利|发明", "[0-9]+(件|项)", "\\u6280术?"])
    func aPatternWithoutSuchARunHasNoGate(pattern: String) {
        #expect(CompiledCue.requiredRun(of: pattern) == nil, "\(pattern)")
    }

    @Test func aGatedPatternFindsWhatTheExpressionFinds() throws {
        let cue = try CompiledCue.pattern("(项目|课题).{0,12}通过.{0,12}(验收|绩效评价)", path: "test", file: "test.json")
        #expect(cue.gate != nil)
        for (text, found) in [("该课题于2025年顺利通过科技厅组织的验收。", true),
                              ("该课题于2025年顺利完成验收。", false),
                              ("通过验收的项目", false)] {
            let t = ScoringText(field: .summary, text: text, weight: 1)
            let regex = try #require(cue.expression())
            let direct = regex.matches(in: t.normalised, range: NSRange(location: 0, length: t.length)).map(\.range)
            #expect(cue.ranges(in: t) == direct, "\(text)")
            #expect((cue.firstRange(in: t) != nil) == found, "\(text)")
        }
    }

    /// A pattern that ends in `$` after one of a few units (`(启动|签约)$`) is tried only on a text whose end holds one
    /// of them (at the end, or before a line terminator that ends it): the others hold no match. The matcher with the
    /// test finds what the expression finds on each text, the test refusing some of them.
    @Test(arguments: [
        ("(启动|开钻|签约)$", true), ("(?<!机)机(发布|问世)?$", true), ("[0-9.]+(万|亿)?(亩|吨)$", true),
        ("(项目|专项)(“[^”]{0,40}”)?$", true), ("(技术|工艺)(?![^,，。]*的)示范$", true), ("(技术|工艺).$", false),
        ("落户[^,，。]{0,12}$", false), ("签约|启动$", false), ("(签约$|启动$)", false), ("研究进展", false),
    ])
    func aPatternEndingAtTheEndIsTriedOnlyWhereItsLastUnitsStand(pattern: String, tested: Bool) throws {
        let cue = try CompiledCue.pattern(pattern, path: "test", file: "test.json")
        let matcher = try #require(cue.matcher)
        let texts = ["项目签约", "项目签约\n", "项目签约\r\n", "项目签约\r", "项目签约\u{2028}", "项目签约\n\n", "签约项目", "",
                     "\n", "\r\n", "新机", "新机\r\n", "新机发布。", "推广12万亩", "推广12万亩）", "某专项“甲”", "某专项“甲”1",
                     "技术示范", "技术的示范", "示范\u{85}", "启动签约（第2号）", "开钻3", "项目落户成都"]
        var refused = 0
        for text in texts {
            let t = ScoringText(field: .title, text: text, weight: 1)
            let regex = try #require(cue.expression())
            let whole = NSRange(location: 0, length: t.length)
            let direct = regex.matches(in: t.normalised, range: whole).map(\.range)
            if !matcher.mayMatch(t.foldedUnits) {
                refused += 1
                #expect(direct.isEmpty, "\(pattern) refused \(text.debugDescription), which it matches")
            }
            #expect(cue.ranges(in: t) == direct, "\(pattern) in \(text.debugDescription)")
            #expect(cue.firstRange(in: t) == direct.first, "\(pattern) in \(text.debugDescription)")
        }
        #expect((refused > 0) == tested, "\(pattern): \(refused) refused")
    }

    /// Most title-only patterns of pipeline.json end in `$` after a few units, and so carry the test.
    @Test func mostTitleOnlyPatternsCarryTheEndTest() throws {
        let config = try ScoreTestSupport.repositoryScoring()
        var tested = 0, all = 0
        for group in config.categories + config.subtypes where group.titleOnly == true {
            for p in group.patterns {
                let cue = try CompiledCue.pattern(p, path: "test", file: "test.json")
                all += 1
                if let matcher = cue.matcher, !matcher.mayMatch(Array("（第2号）".utf16)) { tested += 1 }
            }
        }
        #expect(all >= 40)
        #expect(tested * 3 >= all * 2, "\(tested) of \(all)")
    }

    /// A title-only pattern anchored at the start, whose closing group has alternatives with an optional character
    /// (`规模化?生产`), is still gated by that group: a title without any of its words is not read by the matcher, and
    /// one with them finds what the expression finds.
    @Test func aGroupWithOptionalCharactersGatesAnAnchoredPattern() throws {
        let pattern = "^(?![^,，。]*(中心|工程)(投产|运营)$)[^,，。]*(并网发电|投产|运营|规模化?生产|规模化?应用)$"
        let cue = try CompiledCue.pattern(pattern, path: "test", file: "test.json")
        #expect(cue.gate == nil)
        #expect(cue.alternatives.map { $0.map(\.literal) } == [["并网发电", "投产", "运营", "规模", "规模"].map { ScoringText.folded($0) }])
        for (text, found) in [("钒钛新材料关键技术研究与应用（第12号）", false),
                              ("年产万吨钒电池电解液项目投产", true),
                              ("某工程中心投产", false),
                              ("高端装备规模化生产", true),
                              ("高端装备规模应用", true),
                              ("高端装备规模化试验", false),
                              ("某电站规模化生产，并网发电", false)] {
            let t = ScoringText(field: .title, text: text, weight: 1)
            let regex = try #require(cue.expression())
            let direct = regex.matches(in: t.normalised, range: NSRange(location: 0, length: t.length)).map(\.range)
            #expect(cue.ranges(in: t) == direct, "\(text)")
            #expect((cue.firstRange(in: t) != nil) == found, "\(text)")
            #expect(cue.gateMissing(in: t) == !["并网发电", "投产", "运营", "规模"].contains { text.contains($0) }, "\(text)")
        }
    }
}
