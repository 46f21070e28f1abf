import BulletinCore
import Foundation
import Testing

/// Round 21's platform class (docs/scoring.md, "Round 21: what recurs in holdout18–20"; it widens round 20's C8): a
/// platform, centre, institute, laboratory, base or workstation at the title's head doing its work — 开展 research,
/// 助推 or 推动 transfers, 助力 a trade — is the platform (docs/labelling.md §6, "A project vs what it produced": a
/// platform at the head of the title is 其它), not the technology or products its summary describes. The texts are
/// written for these tests (real-looking, not copies of labelled cases); each was read otherwise by the rules of main
/// 57854f2 (checked with `bulletin evaluate` on a set made of them with main's pipeline.json, model layer off:
/// 应用研究成果, 应用研究成果, 基础研究成果 and 应用研究成果 in turn); the guards were read as they are here there too.
@Suite struct ScoreTwentyFirstRoundPlatformTests {
    @Test(arguments: [
        ("某市半导体装备中试平台助推晶圆检测设备等成果转化",
         "某市半导体装备中试平台为高校团队提供洁净车间和工艺验证条件，平台上孵化的晶圆缺陷检测设备采用深紫外照明和自研图像算法，检测精度达到50纳米，已完成样机研制并进入客户产线验证，同期还有等离子清洗机等6项装备成果在平台上进行中试。"),
        ("省农科院乡村振兴研究院助力山区县发展茶叶和中药材产业",
         "省农科院乡村振兴研究院在山区县设立8个工作站，派驻专家42名，围绕茶叶和中药材两条产业链开展品种引进、技术培训和品牌策划，帮助当地建立标准化基地1.2万亩。"),
        ("丝绸产业研究院牵头推动蚕桑资源综合利用技术攻关",
         "丝绸产业研究院联合蚕桑合作社和丝绸企业，牵头组织蚕蛹蛋白、桑枝食用菌等综合利用方向的技术攻关，建立协同创新机制，推动研究成果在企业中试验证。"),
        ("纺织印染行业公共实验室开展低温染色工艺研发",
         "该实验室针对涤纶织物高温染色能耗高的问题，开发出以新型载体为核心的低温染色工艺，染色温度由130摄氏度降至100摄氏度，每吨织物节约蒸汽1.5吨，色牢度达到4级以上，已在3家印染企业完成小试。"),
    ])
    func aPlatformAtTheTitlesHeadDoingItsWorkIsOther(title: String, summary: String) throws {
        // §6: the title's head is the platform; what it develops or helps transfer (a device, a process, a trade)
        // is its work, not the achievement.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(ScoreEighteenthRoundTests.titleVote(a, for: "其它"), "\(a.reasons.map(\.conclusion))")
        #expect(Self.platformAtWork(a), "\(a.reasons.map(\.conclusion))")
    }

    @Test func aTechnologyThatHelpsATradeIsStillTheTechnology() throws {
        // Guard: 助力 after a technology (no platform at the head) is the technology's use, not a platform's work.
        let a = try ScoreTestSupport.assessRules(
            "智能水肥一体化技术助力丘陵柑橘增产",
            "某农业大学研发的智能水肥一体化技术，通过土壤墒情传感和按需灌溉施肥，在丘陵柑橘园应用后每亩节水35%、节肥20%，果实品质明显提高，技术已通过省级成果评价。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
        #expect(!Self.platformAtWork(a), "\(a.reasons.map(\.conclusion))")
    }

    @Test func aPlatformsWorkAsAModifierIsNotThePlatform() throws {
        // Guard: …中心开展的…技术 names the technology (the platform's work is a modifier of the head); the class
        // does not read it.
        let a = try ScoreTestSupport.assessRules(
            "工程技术研究中心开展的高炉渣余热回收技术通过成果评价",
            "某钢铁企业工程技术研究中心研发的高炉渣干式粒化及余热回收技术，采用离心粒化和多级换热工艺，余热回收率达到70%以上，日前通过中国金属学会组织的成果评价，专家认为整体达到国际先进水平。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
        #expect(!Self.platformAtWork(a), "\(a.reasons.map(\.conclusion))")
    }

    /// Whether this class voted on the title (its reason names the class's pattern); other groups may still vote 其它
    /// for a platform word such as 研究中心, which the guards do not forbid.
    static func platformAtWork(_ a: Assessment) -> Bool {
        ScoreEighteenthRoundTests.titleVote(a, for: "其它", naming: ["(开展|助推|助力|推动)"])
    }
}
