import BulletinCore
import Foundation
import Testing

/// Round 22's event class (docs/scoring.md, "Round 22: what recurs in holdout19–21"; the event class C2 of rounds 18,
/// 20 and 21 with holdout21's words): an event held — a conference, forum, fair, show or matching meeting that is
/// 召开, 举行, 举办 or 开幕, or a conference that 发布s a batch of results without a signing — is the event (docs/labelling.md
/// §1, "anything else": 其它), not the technology or products it shows. A meeting that judges an achievement
/// (…成果评价会召开) is not read: the title is the achievement. The texts are written for these tests (real-looking, not
/// copies of labelled cases). On main 0ccc6a9's pipeline.json the four event texts were read otherwise (应用研究成果 three
/// times, 基础研究成果 once; 16 issues) and the guards passed; with the class's patterns but without its 评价会 exclusion,
/// the judged-meeting guard fails.
@Suite struct ScoreTwentySecondRoundEventTests {
    @Test(arguments: [
        ("第三届西南智能制造技术交流会在重庆召开",
         "交流会由省机械工程学会主办，来自高校、科研院所和装备企业的300余名代表参会，围绕工业机器人、数控机床和智能产线等方向作了18场报告，现场展示了协作机器人、五轴加工中心等40余项新产品。"),
        ("全省茶叶新品种新技术现场观摩会在湄潭举行",
         "观摩会组织种植大户和农技人员实地查看了5个茶树新品种的示范园，以及机采茶园修剪和绿色防控技术的应用效果，专家现场讲解了新品种的适制性和栽培要点。"),
        ("某大学与80家企业举行科技成果路演会",
         "路演会上，学校12个科研团队分别介绍了新型涂层材料、污水处理工艺和智能传感器等成果，企业代表与团队面对面交流合作意向，会后将组织专人跟踪对接。"),
        ("首届中国竹产业创新大会发布120项竹材加工成果",
         "大会由国家林业部门和省政府共同主办，集中发布了竹材重组、竹纤维提取和竹基复合材料等120项成果，并举办了竹产业发展论坛和新产品展览。"),
    ])
    func anEventHeldIsOther(title: String, summary: String) throws {
        // §1 "anything else": the title's head is the event; what it shows or announces is not the achievement.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(ScoreEighteenthRoundTests.titleVote(a, for: "其它"), "\(a.reasons.map(\.conclusion))")
        #expect(Self.eventHeld(a), "\(a.reasons.map(\.conclusion))")
    }

    @Test func aMeetingThatJudgesAnAchievementIsTheAchievement() throws {
        // Guard: …成果评价会在…召开 reports the technology judged there (the guide reads it as the technology); the
        // class does not read it.
        let a = try ScoreTestSupport.assessRules(
            "高炉渣干式粒化余热回收技术成果评价会在京召开",
            "中国金属学会组织专家对某钢铁企业研发的高炉渣干式粒化及余热回收技术进行成果评价，该技术采用离心粒化和多级换热工艺，余热回收率达到70%以上，专家认为整体达到国际先进水平。")
        #expect(!Self.eventHeld(a), "\(a.reasons.map(\.conclusion))")
    }

    @Test func aSigningAtAMatchingMeetingIsATransfer() throws {
        // Guard: a matching meeting that reports its signings is the deals (a transfer); the class does not read it.
        let a = try ScoreTestSupport.assessRules(
            "省科技成果转化对接会签约23个项目金额2.1亿元",
            "对接会上，省内12所高校与58家企业签约23个成果转化项目，合同金额2.1亿元，涉及新材料、生物医药和智能装备等领域，其中专利转让9项、作价入股3项。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(!Self.eventHeld(a), "\(a.reasons.map(\.conclusion))")
    }

    @Test func aProductShownAtAFairIsStillTheProduct() throws {
        // Guard: a product 亮相 at a fair names the product at its head; the class does not read it.
        let a = try ScoreTestSupport.assessRules(
            "新型钠离子电池储能系统亮相国际储能大会",
            "某企业研制的钠离子电池储能系统单体能量密度达到160瓦时每千克，循环寿命超过6000次，零下20摄氏度容量保持率90%以上，已通过第三方安全检测。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(!Self.eventHeld(a), "\(a.reasons.map(\.conclusion))")
    }

    /// Whether this class voted on the title (its reason names one of the class's patterns).
    static func eventHeld(_ a: Assessment) -> Bool {
        ScoreEighteenthRoundTests.titleVote(a, for: "其它", naming: ["(召开|举行|举办|开幕|闭幕)", "(召开|举行|举办)[", "(大会|论坛)发布"])
    }
}
