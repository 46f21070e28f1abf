import BulletinCore
import Foundation
import Testing

/// The fifth round of category evidence: an engineering work reaching a milestone (并网, 开通, 竣工, 贯通) and an
/// alliance set up or a resource garden built are 其它 (the guide's "a facility built or opened"); a licensing deal
/// (独家授权, 首付款, 里程碑付款, 销售提成) and industrial production started are transfers.
@Suite struct ScoreCategoryMilestoneTests {
    static func reasons(_ a: Assessment, rule: String) -> [Reason] {
        a.reasons.filter { $0.rule == rule && $0.weight > 0 }
    }

    // MARK: - Engineering milestones

    @Test(arguments: [
        ("甘孜州柯拉光伏电站一期并网发电", "雅砻江流域水电开发公司建设的柯拉光伏电站一期工程正式并网，装机100万千瓦，与两河口水电站打捆外送，采用自主开发的水光互补调度技术。"),
        ("成都轨道交通18号线三期工程隧道全线贯通", "中铁二局承建的成都轨道交通18号线三期工程隧道全线贯通，盾构区间穿越富水砂卵石地层，项目团队研发了盾构姿态智能控制技术。"),
        ("引大济岷工程红岩水库下闸蓄水", "四川省水利厅组织建设的引大济岷工程红岩水库下闸蓄水，水库总库容3.2亿立方米，采用自主研发的高寒地区混凝土温控技术。"),
        ("川藏铁路雅安至林芝段大渡河特大桥主桥合龙", "川藏铁路大渡河特大桥主桥顺利合龙，桥梁主跨超过千米，施工单位采用了自主研发的智能架桥设备。"),
    ])
    func anEngineeringWorkReachingAMilestoneIsOther(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func theMilestoneInTheSummaryVotesForOtherToo() throws {
        let a = try ScoreTestSupport.assessRules("玲龙一号多用途模块式小型堆进展",
                                "海南昌江多用途模块式小型堆科技示范工程完成一回路冷态功能试验，验证了压力边界完整和设备安装质量。")
        #expect(Self.reasons(a, rule: "constructions").contains { $0.field == "summary" && $0.conclusion.contains("工程建设的节点") },
                "\(a.reasons.map(\.conclusion))")
    }

    @Test func aMachineConnectedToTheGridIsNotAnEngineeringMilestone() throws {
        // The subject is a machine (机组, 堆), not an engineering work: the milestone construction stays silent. Since
        // labelling.md §6 was decided (2026-12-02: 并网发电 counts as 投运, and train r002, this very title, became a
        // transfer), a machine connected to the grid is the deployment of what it names (round 16), not 应用研究成果.
        let a = try ScoreTestSupport.assessRules("三代核电华龙一号全球首堆并网发电",
                                "我国拥有完整自主知识产权的三代核电技术华龙一号，其全球首堆福清核电5号机组首次并网成功，核心设备由四川企业制造，打破国外垄断。")
        #expect(!Self.reasons(a, rule: "categoryPhrases").contains { $0.conclusion.contains("「其它」") }, "\(a.reasons.map(\.conclusion))")
        #expect(!Self.reasons(a, rule: "constructions").contains { $0.conclusion.contains("「其它」") })
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aProjectPutIntoProductionIsNotAMilestoneOfOther() throws {
        // 投产 of a production project is industrialisation: no 其它 cue ends with it.
        let a = try ScoreTestSupport.assessRules("宜宾年产5万吨莱赛尔纤维项目投产", "丝丽雅集团年产5万吨莱赛尔纤维项目在高县投产，采用自主开发的溶剂法纺丝技术，新增产值10亿元。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    // MARK: - Alliances and resource gardens

    @Test func anAllianceSetUpIsOther() throws {
        let a = try ScoreTestSupport.assessRules("川渝预制菜产业科技创新联盟成立",
                                "由四川农业大学牵头的川渝预制菜产业科技创新联盟在成都成立，联盟将组织高校和企业开展产品开发、工艺装备研发和产业化推广，形成行业技术标准。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aResourceGardenIsOtherEvenWhenItsVarietiesArePromoted() throws {
        let a = try ScoreTestSupport.assessRules("攀枝花建成国内最大芒果种质资源圃",
                                "攀枝花市农林科学研究院自1990年起收集国内外芒果种质，已保存300余份，被认定为省级芒果种质资源圃。该院培育的良种累计推广超30万亩。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
    }

    // MARK: - Licensing deals and industrial production

    @Test func aLicensingDealWithUpfrontAndMilestonePaymentsIsATransfer() throws {
        let a = try ScoreTestSupport.assessRules("长效多肽药物平台授权跨国药企",
                                "成都一家药企与一家跨国药企签订授权协议，利用其缓释给药技术平台开发长效多肽药物，将获得2亿美元预付款、最高10亿美元里程碑付款以及销售提成。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(Self.reasons(a, rule: "transferEvidence").contains { $0.matched == "里程碑付款" })
    }

    @Test func anExclusiveLicenceOfAVarietyIsATransfer() throws {
        let a = try ScoreTestSupport.assessRules("红心猕猴桃新品种独家授权企业种植",
                                "四川省自然资源科学研究院选育的红心猕猴桃新品种由研究院独家授权一家农业企业种植经营，已在市场上普遍销售。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test func industrialProductionStartedIsATransferButAProspectIsNot() throws {
        let started = try ScoreTestSupport.assessRules("超薄柔性玻璃工业化生产启动", "团队自主研发超薄柔性玻璃配方和减薄工艺，并在绵阳启动工业化生产，形成国产化产业链。")
        #expect(Self.reasons(started, rule: "constructions").contains { $0.conclusion.contains("成果转移转化案例") }, "\(started.reasons.map(\.conclusion))")
        #expect(started.category == "成果转移转化案例")
        let prospect = try ScoreTestSupport.assessRules("从二氧化碳到淀粉的人工合成", "团队设计人工途径，在实验室中首次实现从二氧化碳到淀粉的从头合成，为淀粉的工业化生产开辟了新路。")
        #expect(!prospect.reasons.contains { $0.conclusion.contains("成果转移转化案例") && $0.weight > 0 }, "\(prospect.reasons.map(\.conclusion))")
    }

    // MARK: - Subtype

    @Test func aHybridRiceCombinationIsAVarietyEvenBeforeItsApproval() throws {
        let a = try ScoreTestSupport.assessRules("杂交水稻川优8377双季亩产突破1500公斤",
                                "四川省农业科学院选配的杂交水稻组合川优8377在德阳示范片测产，早晚两季合计亩产超过1500公斤，抗倒伏、耐寒，在寡照年份表现稳定。")
        #expect(a.category == "应用研究成果")
        #expect(a.subtype == "生物品种", "\(a.reasons.map(\.conclusion))")
    }
}
