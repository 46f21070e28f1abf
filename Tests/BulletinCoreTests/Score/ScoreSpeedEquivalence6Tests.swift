@testable import BulletinCore
import Foundation
import Testing

/// The sixth speed pass (issue 14): cue ranges gathered into one array, sums listed by place, the clause reader's
/// searches by pointer, the confidence read in one pass. Each must answer as the code it replaces.
@Suite struct ScoreSpeedEquivalence6Tests {
    /// Summaries with CJK and Latin mixed, full-width punctuation, NFD accents and emoji.
    static let texts: [String] = [
        "本项目研制出页岩气压裂泵送装备，用于油气开采；在能源领域为企业提供技术服务。",
        "研发的ＡＩ芯片（ＮＰＵ）面向智能制造，服务于电子信息产业，年产值１.２亿元！",
        "Cafe\u{301} 咖啡机器人用于餐饮；为e\u{301}lite用户提供😀服务，在食品行业推广。",
        "为为为在在在领域领域，提供；用于用于。面向\n服务于",
        "",
        "在",
        "基于Transformer的大模型在医疗领域实现辅助诊断，为医院提供影像分析，适用于CT、MRI。",
        "钒钛磁铁矿综合利用技术，在钢铁行业和化工领域应用，为攀西地区提供资源保障。",
    ]

    /// The reference: the slices compared as collections, as `ClauseReader.starts` read them before.
    static func referenceStarts(of word: [UInt16], in units: [UInt16], _ range: Range<Int>) -> [Int] {
        guard let first = word.first, word.count <= range.count else { return [] }
        var out: [Int] = []
        var i = range.lowerBound
        while i + word.count <= range.upperBound {
            if units[i] == first, units[i..<(i + word.count)].elementsEqual(word) { out.append(i) }
            i += 1
        }
        return out
    }

    @Test func wordStartsAreThoseOfTheSliceSearch() {
        let words = ["为", "在", "用于", "提供", "领域", "行业", "服务于", "面向", "e\u{301}", "😀", "Ｎ", "为为", "", "。"].map { Array($0.utf16) }
        for text in Self.texts {
            let units = Array(text.utf16)
            for word in words {
                for lower in 0...units.count {
                    for upper in lower...units.count where (upper - lower) % 3 == 0 || upper == units.count {
                        let expected = Self.referenceStarts(of: word, in: units, lower..<upper)
                        #expect(ClauseReader.starts(of: word, in: units, lower..<upper) == expected, "\(text) \(lower)..<\(upper)")
                    }
                }
            }
        }
    }

    @Test func clauseEndsAreTheSetsCharacters() {
        for u in UInt16(0)...UInt16.max {
            #expect(ClauseReader.endsClause(u) == ClauseReader.clauseEnds.contains(u), "\(u)")
        }
    }

    /// Use constructions found as before: the earliest marker, the first close of the clause.
    @Test func useObjectsOfMixedSummaries() throws {
        let scorer = try ScoreTestSupport.rulesScorer()
        var found = 0
        for text in Self.texts where !text.isEmpty {
            let a = scorer.assess([.title: "智能装备", .summary: text], extras: [:])
            let use = a.reasons.first { $0.rule == IndustryPhrasesRule.name && $0.conclusion.hasPrefix(IndustryPhrasesRule.useConclusionPrefix) }
            if let use {
                found += 1
                // The phrase begins with its marker and stands in the summary.
                #expect(text.contains(use.matched), "\(use.matched)")
                #expect(["用于", "服务于", "面向", "为", "在"].contains { use.matched.hasPrefix($0) }, "\(use.matched)")
            }
        }
        #expect(found >= 4)
    }

    /// Sums listed by place (labels not copied, digits written in place): the words of the dictionary version.
    @Test func describedTotalsAreTheDictionarysWords() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for round in 0..<400 {
            var totals = LabelTotals()
            var dictionary: [String: Double] = [:]
            let order = round % 2 == 0 ? AchievementTaxonomy.industries : AchievementTaxonomy.categories
            for _ in 0..<(round % 9) {
                seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
                let label = order[Int(seed % UInt64(order.count))]
                let weight = [2.0, 1.5, -1, 0.5, 3.25, 0.005, 1e13, -0.0][Int((seed >> 8) % 8)]
                totals.add(weight, to: label)
                dictionary[label, default: 0] += weight
            }
            let ids = order.map(LabelIndex.of)
            #expect(Tally.describe(totals, order: order, ids: ids) == Tally.describe(dictionary, order: order))
        }
    }

    /// The positive sum of a label and the largest other: `filter`, the subscript and `largest(except:)`.
    @Test func positiveSumsAreThoseOfTheFilteredList() {
        let votes: [(String, Double)] = [("电子信息", 2), ("装备制造", -1), ("e\u{301}", 0.5), ("\u{E9}", 0.25), ("电子信息", 1),
                                         ("能源化工", 0), ("其他", 0.1), ("先进材料", 3), ("装备制造", 0.5)]
        for n in 0...votes.count {
            var totals = LabelTotals()
            for (label, weight) in votes.prefix(n) { totals.add(weight, to: label) }
            for chosen in ["电子信息", "装备制造", "\u{E9}", "e\u{301}", "能源化工", "其他", "先进材料", "没有的"] {
                let positive = totals.filter { _, sum in sum > 0 }
                let (sum, other) = totals.positiveSum(of: chosen)
                #expect(sum == positive[chosen], "\(n) \(chosen)")
                #expect(other == positive.largest(except: chosen), "\(n) \(chosen)")
            }
        }
    }

    /// Cue ranges gathered into one array: a cue inside a longer cue's match still counts no more, and the votes of
    /// mixed summaries are those the per-cue lists gave (the same reasons in the same order, checked on the samples
    /// by the byte comparison of `inspect --json`; here the rule of the longest words).
    @Test func longerCuesHideTheCuesInside() throws {
        let scorer = try ScoreTestSupport.rulesScorer()
        let a = scorer.assess([.title: "关键技术研究", .summary: "突破关键技术，推广应用于芯片制造。"], extras: [:])
        let matched = a.reasons.filter { $0.field == "summary" }.map(\.matched)
        #expect(matched.contains("关键技术"))
        #expect(!matched.contains("技术") || matched.filter { $0 == "技术" }.count < matched.filter { $0.contains("技术") }.count)
        #expect(CueVoter.holds(NSRange(location: 2, length: 4), NSRange(location: 3, length: 2)))
        #expect(!CueVoter.holds(NSRange(location: 2, length: 4), NSRange(location: 5, length: 2)))
        for outer in [NSRange(location: 0, length: 3), NSRange(location: 4, length: 6), NSRange(location: 7, length: 1)] {
            for loc in 0..<12 {
                for len in 0..<6 {
                    let inner = NSRange(location: loc, length: len)
                    #expect(CueVoter.holds(outer, inner) == (NSIntersectionRange(outer, inner).length == inner.length), "\(outer) \(inner)")
                }
            }
        }
    }
    /// The rules a validation built are taken by the scorer of an equal configuration only: scorers of two
    /// configurations validated in turn (the kept rules switching between them) each score with their own weights,
    /// as scorers built first do.
    @Test func rulesKeptByValidationServeOnlyAnEqualConfiguration() throws {
        var object = try ScoreTestSupport.standardObject()
        let groups = try #require(object["industries"] as? [[String: Any]])
        object["industries"] = groups.map { g -> [String: Any] in
            var g = g
            g["weight"] = ((g["weight"] as? Double) ?? 1) * 2
            return g
        }
        let doubled = try ScoreTestSupport.config(from: object)
        let standard = ScoringConfig.rulesAlone
        #expect(doubled != standard)
        let fields: [Field: String] = [.title: "页岩气压裂泵送装备", .summary: "研制出页岩气压裂泵送装备，用于油气开采，年产值1.2亿元。"]
        func industryWeights(_ config: ScoringConfig) throws -> [Double] {
            try Scorer(config: config, profile: "sichuan").assess(fields, extras: [:]).reasons
                .filter { $0.rule == IndustryPhrasesRule.name }.map(\.weight)
        }
        let first = (try industryWeights(standard), try industryWeights(doubled))
        #expect(!first.0.isEmpty && first.0 != first.1)
        for _ in 0..<3 {
            try standard.validate(file: "pipeline.json")
            #expect(try industryWeights(doubled) == first.1)
            try doubled.validate(file: "other.json")
            #expect(try industryWeights(standard) == first.0)
        }
        if let kept = BuiltRules.rules(for: standard) { #expect(kept.count == ScoringRules.all.count) }
    }
}
