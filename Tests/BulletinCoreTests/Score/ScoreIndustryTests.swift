import BulletinCore
import Foundation
import Testing

/// Industry from the classifications: words derived from class names vote with their class named, the
/// title's head word says what the achievement is, and one weak word alone is no evidence.
@Suite struct ScoreIndustryTests {
    static func assess(_ title: String, _ summary: String) throws -> Assessment {
        var fields = ScoreScorerTests.form
        fields[.title] = title
        fields[.summary] = summary
        return try Scorer(config: .standard, profile: "sichuan").assess(fields, extras: [:])
    }

    static func industryReasons(_ a: Assessment) -> [Reason] {
        a.reasons.filter { $0.rule == "industryPhrases" }
    }

    /// A word the listed classes do not have comes from a GB/T 4754-2017 class name, and the reason names it.
    @Test(arguments: [
        ("复方丹参中成药新剂型研制", "团队研制出复方丹参中成药新剂型，显著提高有效成分溶出度和生物利用度。", "中成药", "医药健康", "GB/T 4754-2017 C2740 中成药生产"),
        ("低糖茶饮料加工新工艺", "以川茶为原料开发低糖茶饮料加工新工艺，风味稳定，保质期延长至十二个月。", "茶饮料", "食品轻纺", "GB/T 4754-2017 C1529 茶饮料及其他饮料制造"),
    ])
    func aDerivedWordVotesWithItsClass(title: String, summary: String, word: String, industry: String, source: String) throws {
        let a = try Self.assess(title, summary)
        #expect(a.industry == industry)
        let reason = try #require(Self.industryReasons(a).first { $0.matched == word })
        #expect(reason.conclusion.contains("指向产业「\(industry)」"))
        #expect(reason.conclusion.contains(source), "the reason should name the class: \(reason.conclusion)")
    }

    /// 核电站用发电机 is a generator that serves nuclear power: a machine (docs/labelling.md §4). The title ends
    /// with the thing, so its head word gets the extra vote; the sector words before it do not.
    @Test func theTitlesHeadWordSaysWhatTheAchievementIs() throws {
        let a = try Self.assess("核电站用大型半速发电机研制成功",
                                "该发电机用于三代核电站，额定功率一百七十万千瓦，核电机组关键设备实现国产化。")
        #expect(a.industry == "装备制造")
        let head = try #require(Self.industryReasons(a).first { $0.conclusion.contains("中心词") })
        #expect(head.matched == "发电机")
        #expect(head.field == "title")
        #expect(head.conclusion.contains("装备制造"))
    }

    /// The head is the last *strong* cue: a weak word at the end (发电, often a verb there) is not one.
    @Test func aWeakWordAtTheEndOfTheTitleIsNoHead() throws {
        let a = try Self.assess("页岩气井口分布式发电", "在页岩气井口建设分布式能源站，利用伴生天然气就地发电。")
        let heads = Self.industryReasons(a).filter { $0.conclusion.contains("中心词") }
        #expect(heads.map(\.matched) == ["页岩气"])
        #expect(a.industry == "能源化工")
    }

    /// One weak word in passing (设备) is no evidence of an industry: the case stays 其他 and is flagged.
    @Test func oneWeakWordAloneLeavesTheCaseInOtherAndFlagged() throws {
        let weak = try Self.assess("川西高原野外观测站建成", "站内配备多种设备，开展长期连续观测。")
        #expect(weak.industry == "其他")
        #expect(weak.needsReview)
        #expect(weak.reviewReasons.contains { $0.contains("产业「其他」") })
    }
}
