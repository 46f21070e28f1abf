import BulletinCore
import Foundation
import Testing

/// The seventh round of category, subtype and level evidence: what the title's closing predicate and head noun say
/// was delivered, the patent text's own form, and a level that is only the yardstick of a comparison.
/// The texts are written for these tests (real-looking, not copies of labelled cases).
@Suite struct ScoreTitlePredicateTests {
    // MARK: category from the title's closing predicate

    @Test func aProductThatPassedAnAppraisalIsAppliedWorkEvenWithItsBenefit() throws {
        let a = try ScoreTestSupport.assessRules("高强耐磨尼龙单丝通过科技成果评价",
                                "宜宾一家化纤企业研制的高强耐磨尼龙单丝，由市纺织工程学会组织专家评价。专家组审阅技术报告和经济效益报告后，认为产品断裂强度高、耐磨性好，可用于渔网和工业滤布。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "categoryPhrases" && $0.field == "title" && $0.matched.hasSuffix("成果评价") })
    }

    @Test(arguments: [
        ("聚酰亚胺薄膜核心技术进入产业化",
         "四川大学高分子团队与绵阳一家企业合作，将耐高温聚酰亚胺薄膜的合成与成膜技术用于企业新建生产线，项目于今年试生产，产品面向柔性显示和新能源汽车。"),
        ("国产百兆瓦级压缩空气储能电站投入商运",
         "中国科学院工程热物理研究所研发的先进压缩空气储能系统在河北张家口完成并网调试，电站额定功率100兆瓦，系统效率70%以上，正式进入商业运营。"),
    ])
    func aTitleClosingWithMarketEntryIsATransfer(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aStandardStartedIsOtherNotAStandard() throws {
        let a = try ScoreTestSupport.assessRules("《工业机器人用精密减速器试验方法》国家标准立项",
                                "国家标准化管理委员会下达年度推荐性国家标准计划，由机械工业仪器仪表综合技术经济研究所牵头起草的《工业机器人用精密减速器试验方法》正式立项，将组织产学研用单位开展编制。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func aSigningThatOpensAPlatformIsOtherNotATransfer() throws {
        let a = try ScoreTestSupport.assessRules("川农大与新希望院企合作签约揭牌",
                                "四川农业大学动物营养研究所与新希望六和股份有限公司在成都签约揭牌，研究所集研发、中试和成果转化服务于一体，将为企业饲料产品提供技术支撑，企业则为科技成果提供转化场景。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
    }

    @Test func anExportedMachineIsStillAProduct() throws {
        let a = try ScoreTestSupport.assessRules("出口智利的大型矿用电动轮自卸车下线",
                                "湘电集团自主研制的230吨级矿用电动轮自卸车在湘潭下线，采用交流电传动系统，载重大、能耗低，首批出口智利铜矿。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "创新产品", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aPopularScienceSeriesForCitizensIsOther() throws {
        let a = try ScoreTestSupport.assessRules("“公民科学素养读本·健康生活卷”出版",
                                "四川省科协组织医学专家编写的“公民科学素养读本·健康生活卷”由四川科学技术出版社出版，用通俗语言介绍慢病预防、合理用药和急救常识，面向社区居民发放。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    // MARK: subtype from the title's head noun and the patent's form

    @Test(arguments: [
        ("发明专利“一种竹纤维复合板材的热压成型方法”",
         "该发明公开了一种竹纤维复合板材的热压成型方法：将竹纤维经碱处理、干燥后与生物基胶黏剂混合铺装，分段升温热压成型，所得板材强度高、甲醛释放低，可用于家具和室内装饰。"),
        ("发明专利“一种康复训练机器人的柔顺控制方法”",
         "该发明涉及康复机器人领域，针对现有康复训练中机械臂刚性大、患者易受二次损伤的问题，提出一种基于力反馈的柔顺控制方法，根据患者肢体阻力实时调整机械臂输出，训练过程更安全。"),
    ])
    func aPatentTextIsAPatent(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "发明专利", "\(a.reasons.map(\.conclusion))")
    }

    @Test(arguments: [
        ("车规级碳化硅功率芯片“天府一号”",
         "成都一家半导体企业突破碳化硅外延和栅氧技术，推出车规级碳化硅功率芯片“天府一号”，导通电阻低、耐高温，技术指标满足新能源汽车主驱逆变器要求。"),
        ("高导热氮化铝陶瓷基板材料",
         "中国科学院团队攻克氮化铝粉体提纯和流延成型技术，开发出高导热氮化铝陶瓷基板材料，热导率达每米开尔文200瓦以上，技术成熟度满足功率模块封装需求。"),
    ])
    func aTitleWhoseHeadIsAProductIsAProduct(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.subtype == "创新产品", "\(a.reasons.map(\.conclusion))")
    }

    @Test func theProductHeadIsReadInTheTitleOnly() throws {
        // A summary that happens to end with a product noun (no closing 。) is not a title's head noun.
        let a = try ScoreTestSupport.assessRules("高导热氮化铝陶瓷基板材料", "团队研制出高导热氮化铝陶瓷基板材料")
        let heads = a.reasons.filter { $0.rule == "subtypePhrases" && $0.conclusion.hasPrefix("成果名称的中心词") }
        #expect(heads.map(\.field) == ["title"], "\(a.reasons.map(\.conclusion))")
        #expect(heads.first?.weight == 6)
        #expect(heads.first?.matched == "材料")
    }

    @Test(arguments: [("国产通用视觉大模型SegGPT", true), ("车规级功率芯片“天府一号”", true), ("国产服务器处理器系列发布", true),
                      ("KX-7000N处理器问世", true), ("航天级碳纤维", true),
                      ("高性能锂电池材料研制成功", false), ("航空发动机及其应用", false), ("基于光纤的振动传感器", false),
                      ("水吸收法丙酮回收装置", false)])
    func whatMayFollowTheHeadNoun(title: String, isHead: Bool) throws {
        let a = try ScoreTestSupport.assessRules(title, "某团队完成了该项工作。")
        let heads = a.reasons.filter { $0.rule == "subtypePhrases" && $0.conclusion.hasPrefix("成果名称的中心词") }
        #expect(heads.isEmpty != isHead, "\(title): \(heads.map(\.matched))")
    }

    @Test func aTitleNamingTheMethodStaysATechnique() throws {
        let a = try ScoreTestSupport.assessRules("碳化硅功率芯片低缺陷外延生长技术",
                                "电子科技大学团队提出碳化硅外延层缺陷抑制新方法，建立了低缺陷外延生长工艺，缺陷密度降低一个数量级，已用于功率芯片制备。")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
    }

    // MARK: level

    @Test(arguments: [
        ("国产大型轴承寿命较国际领先水平低约30%，仍需攻关。", ""),
        ("该装置能耗比国内先进水平高出一成。", ""),
        ("团队在抗旱品种资源创新方面达到国际领先水平。", ""),
        ("该技术较为成熟，整体达到国际先进水平。", "国际先进"),
    ])
    func aComparedOrOneAspectLevelIsNotAClaim(summary: String, expected: String) throws {
        let a = try ScoreTestSupport.assessRules("某项成果", summary)
        #expect(a.level == expected, "\(summary) → \(a.level)")
    }

    @Test func theYardstickWordsAreConfiguration() throws {
        let summary = "国产大型轴承寿命较国际领先水平低约30%，仍需攻关。"
        var object = try ScoreTestSupport.standardObject()
        var reading = try #require(object["levelReading"] as? [String: Any])
        reading["yardstickMarkers"] = [String]()
        object["levelReading"] = reading
        let without = try Scorer(config: ScoreTestSupport.config(from: object), profile: "sichuan")
        #expect(without.assess([.title: "某项成果", .summary: summary], extras: [:]).level == "国际领先",
                "with no yardstick words the level phrase is read as a claim")
        reading.removeValue(forKey: "yardstickMarkers")
        object["levelReading"] = reading
        let absent = try Scorer(config: ScoreTestSupport.config(from: object), profile: "sichuan")
        #expect(absent.assess([.title: "某项成果", .summary: summary], extras: [:]).level == "",
                "an older pipeline.json without the key reads 较 and 比 as yardsticks")
    }
}
