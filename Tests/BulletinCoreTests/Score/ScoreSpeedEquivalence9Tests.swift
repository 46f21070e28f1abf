@testable import BulletinCore
import Foundation
import Testing

/// The ninth speed pass (issue 14): a finding's words shared with its cue where the field spells the cue as the cue
/// does, the tally's conclusions written in one piece, the subtypes of a category and the guide table's leader read
/// by label numbers, label sums looked up by number. Each must answer as the code it replaces.
@Suite struct ScoreSpeedEquivalence9Tests {
    /// Strings with CJK and Latin mixed, full-width punctuation, NFD accents and emoji.
    static let strings: [String] = [
        "", "成果类别取「", "应用研究成果", "」：", "e\u{301}", "\u{E9}", "😀👍🏽", "ＡＩ芯片（ＮＰＵ）", "Cafe\u{301} 咖啡", "，低于门槛 ",
        "12.50", "\u{301}", "🇨🇳", "a",
    ]

    @Test func concatenationIsTheInterpolation() {
        for a in Self.strings {
            for b in Self.strings {
                for c in Self.strings {
                    let joined = Tally.concat(a, b, "」：", c)
                    let interpolated = "\(a)\(b)」：\(c)"
                    #expect(joined == interpolated)
                    #expect(Array(joined.utf8) == Array(interpolated.utf8), "\(a)|\(b)|\(c)")
                    #expect(joined.count == interpolated.count)
                }
            }
        }
        #expect(Tally.concat() == "")
        #expect(Tally.concat("", "") == "")
    }

    @Test func subtypesOfACategoryAreTheTaxonomys() {
        let candidates = AchievementTaxonomy.categories + AchievementTaxonomy.subtypes + AchievementTaxonomy.industries
            + ["", "没有的类别", "应用研究成果".decomposedStringWithCanonicalMapping, "基础研究成果 ", "e\u{301}"]
        for category in candidates {
            let expected = AchievementTaxonomy.subtypesByCategory[category]
            let got = Tally.subtypes(of: category)
            #expect(got?.labels == expected, "\(category)")
            #expect(got?.ids == expected?.map(LabelIndex.of), "\(category)")
        }
    }

    /// `leader` as it was written: the industries but `label`, the first of the largest sums, compared as strings.
    static func referenceLeader(_ totals: [String: Double], over label: String) -> (String, Double)? {
        let own = totals[label] ?? 0
        guard let top = AchievementTaxonomy.industries.filter({ $0 != label }).max(by: { (totals[$0] ?? 0) < (totals[$1] ?? 0) }),
              let value = totals[top], value >= own else { return nil }
        return (top, value - own)
    }

    @Test func guideTableLeaderIsTheDictionarys() {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        let labels = AchievementTaxonomy.industries + ["e\u{301}", "没有的产业"]
        for round in 0..<600 {
            var totals = LabelTotals()
            var dictionary: [String: Double] = [:]
            for _ in 0..<(round % 11) {
                seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
                let label = labels[Int(seed % UInt64(labels.count))]
                let weight = [2.0, 1.5, -1, 0.5, 0, 3.25, -2, 4][Int((seed >> 8) % 8)]
                totals.add(weight, to: label)
                dictionary[label, default: 0] += weight
            }
            for over in AchievementTaxonomy.industries + ["e\u{301}", "现代农业".decomposedStringWithCanonicalMapping] {
                let got = IndustryPhrasesRule.leader(totals, over: over)
                let expected = Self.referenceLeader(dictionary, over: over)
                #expect(got?.0 == expected?.0, "\(round) \(over) \(dictionary)")
                #expect(got?.1 == expected?.1, "\(round) \(over) \(dictionary)")
            }
        }
    }

    /// Sums looked up by number: the same sums, labels and order as a dictionary of the votes keeps, known labels,
    /// unknown ones and a known label spelt in NFD (which `==` takes for the known one).
    @Test func labelSumsAreTheDictionarys() {
        let labels = AchievementTaxonomy.categories + AchievementTaxonomy.industries
            + ["e\u{301}", "\u{E9}", "没有的", "应用研究成果".decomposedStringWithCanonicalMapping]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for round in 0..<300 {
            var totals = LabelTotals()
            var dictionary: [String: Double] = [:]
            for _ in 0..<(round % 17) {
                seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
                let label = labels[Int(seed % UInt64(labels.count))]
                let weight = [2.0, 1.5, -1, 0.5, 3.25, 0.005][Int((seed >> 8) % 6)]
                totals.add(weight, to: label)
                dictionary[label, default: 0] += weight
            }
            #expect(totals.dictionary == dictionary, "\(round)")
            for label in labels {
                #expect(totals[label] == dictionary[label], "\(round) \(label)")
                #expect(totals.sum(of: label, id: LabelIndex.of(label)) == dictionary[label], "\(round) \(label)")
            }
        }
    }

    /// A finding's words are the field's own spelling: the shared cue string where the field spells the cue as it is
    /// written, the field's units where it does not (full width, capitals), in CJK/Latin mixes with emoji and NFD.
    @Test func findingsKeepTheFieldsSpelling() throws {
        let scorer = try ScoreTestSupport.rulesScorer()
        let summaries = [
            "研制出基于５Ｇ的ＯＬＥＤ显示芯片，用于智能终端😀，在电子信息领域推广应用。",
            "研制出基于5g的oled显示芯片，用于智能终端，Cafe\u{301}机器人在餐饮行业推广应用。",
            "研制出基于5G的OLED显示芯片，用于智能终端，经评价达到国际先进水平。",
            "研制出基于5G的Oled显示芯片👍🏽，e\u{301}lite用户的TBM盾构机，用于隧道施工。",
        ]
        var seen = Set<String>()
        for summary in summaries {
            let title = "显示芯片研制"
            let a = scorer.assess([.title: title, .summary: summary], extras: [:])
            for r in a.reasons where ["categoryPhrases", "subtypePhrases", "industryPhrases"].contains(r.rule) && !r.matched.isEmpty {
                let field = r.field == "title" ? title : r.field == "summary" ? summary : nil
                guard let field else { continue }
                // The words stand in the field as they are (units compared: no canonical equivalence taken for a match).
                let f = Array(field.utf16), w = Array(r.matched.utf16)
                let stands = w.count <= f.count && (0...(f.count - w.count)).contains { Array(f[$0..<($0 + w.count)]) == w }
                #expect(stands, "\(r.matched) in \(field)")
                seen.insert(r.matched)
            }
        }
        // Each spelling of the Latin cues (5G, OLED of 电子信息) came back as written: full width, lower and mixed case.
        for spelling in ["５Ｇ", "ＯＬＥＤ", "5g", "oled", "5G", "OLED", "Oled"] {
            #expect(seen.contains(spelling), "\(spelling) \(seen)")
        }
        #expect(seen.contains("芯片") || seen.contains(where: { $0.hasSuffix("芯片") }))
    }
}
