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
