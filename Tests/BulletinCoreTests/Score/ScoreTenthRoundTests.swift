import BulletinCore
import Foundation
import Testing

/// The tenth round of category and subtype evidence (docs/scoring.md, "round 10"), by class: a platform co-built or
/// awarded (院士工作站), an alliance standard (a group standard), an overall level claim and a science and technology
/// progress award that mark a technology even when it was applied, industrialisation in prospect, a popular-science
/// book named in full, a product that ends a dependence on imports, a platform reassessed. The texts are written for
/// these tests (real-looking, not copies of labelled cases); each failed on the rules of 9063e35 except the guards,
/// which pass on both.
@Suite struct ScoreTenthRoundTests {
    @Test(arguments: [
        ("宜宾市三江新区与中国工程院签约共建院士专家工作站",
         "中国工程院院士一行到宜宾三江新区，与新区管委会签约，双方将在新区共同建设院士专家工作站。工作站将组织院士团队为园区动力电池和晶硅光伏企业提供技术咨询、人才培养和项目论证，帮助企业解决生产中的技术难题。"),
        ("绵阳高新区5家企业院士工作站授牌",
         "绵阳高新区召开院士（专家）工作站建设推进会，四川省科协为九洲、长虹等5家企业新建的院士工作站授牌，企业负责人向入站院士颁发聘书，与会人员就依托院士团队推动园区企业技术创新进行了交流。"),
        ("泸州老窖以高分通过国家企业技术中心复评",
         "国家发展改革委公布国家企业技术中心评价结果，泸州老窖股份有限公司以较高分数通过复评。公司拥有国家固态酿造工程技术研究中心和博士后科研工作站，正在建设智能酿造示范线，酿酒机器人上甑系统已完成试验。"),
    ])
    func aPlatformCoBuiltAwardedOrReassessedIsOther(title: String, summary: String) throws {
        // docs/labelling.md §1: a platform set up is 其它. 签约 here signs the platform, not a deal for a result.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func anAllianceStandardIsAGroupStandard() throws {
        // A 联盟标准 is drawn up by an association of firms, as a 团体标准 is: 其它 by the guide, not 应用研究成果/标准.
        let a = try ScoreTestSupport.assessRules("《蒙顶山茶》联盟标准发布实施",
                                "在雅安市市场监管局指导下，名山区茶业协会组织起草的《蒙顶山茶》联盟标准通过专家审查并发布实施，12家茶企已备案执行。标准对鲜叶采摘、加工工艺和感官品质作出统一规定，规范区域公用品牌的生产和市场秩序。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(a.reasons.contains { $0.rule == "categoryPhrases" && $0.matched == "联盟标准" })
    }

    @Test(arguments: [
        ("川中丘陵区玉米大豆带状复合种植技术集成与示范通过鉴定，整体技术达到国际领先水平",
         "四川省农业农村厅组织专家对四川农业大学承担的玉米大豆带状复合种植技术集成与示范项目进行成果鉴定。项目建立了品种搭配、扩间增光和机播机收配套技术，在南充、德阳等地建立示范基地12个，累计推广1200万亩，新增经济效益28亿元。鉴定委员会认为该成果整体达到国际领先水平。",
         "技术或产品达到某一水平"),
        ("高原复杂地质隧道安全快速施工关键技术及规模应用获四川省科技进步一等奖",
         "由中铁二局与西南交通大学完成的“高原复杂地质隧道安全快速施工关键技术及规模应用”获四川省科学技术进步奖一等奖。成果形成了软岩大变形控制和高地温隧道降温成套技术，已在川藏铁路等12条隧道推广应用，产生经济效益5亿元以上。",
         "获科技进步奖或技术发明奖的是技术"),
    ])
    func aTechnologyThatReachedALevelOrWonAnAwardIsAppliedWorkThoughApplied(title: String, summary: String, means: String) throws {
        // docs/labelling.md §1: a technology reaching a level is 应用研究成果 even if it mentions that it is applied; the
        // spread and the benefit (推广1200万亩, 经济效益5亿元) are the technology's record, not a transfer.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "constructions" && $0.conclusion.hasPrefix(means) })
    }

    @Test func aTransferWithALevelClaimedForPartOfItStaysATransfer() throws {
        // Guard: a sale and a production line, with a level claimed only for one index (其中…), is still a transfer.
        let a = try ScoreTestSupport.assessRules("成都一企业获授权的锂电池隔膜涂覆技术以3000万元转让",
                                "四川大学将其锂电池隔膜陶瓷涂覆技术的5项发明专利以3000万元转让给成都一家隔膜企业，企业已建成年产1亿平方米的涂覆隔膜生产线，实现产业化，年销售收入4亿元，其中涂覆均匀性指标达到国际领先水平。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test func industrialisationInProspectIsNoTransfer() throws {
        // 对…产业化具有推动作用 looks ahead; nothing was industrialised (实现产业化 would be the transfer).
        let a = try ScoreTestSupport.assessRules("全钒液流电池电堆能量效率再创新高",
                                "中国科学院大连化学物理研究所与攀钢研究院合作研制的全钒液流电池电堆，在200毫安每平方厘米电流密度下能量效率达到85%，比上一代提高4个百分点，电堆体积功率密度提升一倍。团队认为，该成果对全钒液流电池的产业化具有推动作用。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "transferEvidence" && $0.matched == "产业化具有" && $0.weight == 0 })
    }

    @Test func aPopularScienceBookNamedInFullIsOther() throws {
        // 科学普及著作奖 and 科普书: a book for the public (其它), though a publisher published it (专著's evidence).
        let a = try ScoreTestSupport.assessRules("《熊猫的秘密》获中国科学普及著作奖",
                                "第八届中国科学普及著作奖评选揭晓，四川科学技术出版社出版、成都大熊猫繁育研究基地专家所著科普书《熊猫的秘密》获优秀奖。该书以图文方式介绍大熊猫的演化、习性和保护故事，出版后两次重印，被多所中小学选为课外读物。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func aProductThatEndsADependenceOnImportsIsAProduct() throws {
        // 依赖进口 overcome is 国产化替代 (DOMAIN.md: 创新产品), as 进口替代 is.
        let a = try ScoreTestSupport.assessRules("德阳一企业高温合金精密锻件打破依赖进口局面",
                                "航空发动机涡轮盘用高温合金精密锻件长期依赖进口。德阳一家锻造企业联合东方电气研究院攻克大尺寸锻件组织均匀性控制难题，制成直径1.2米的高温合金涡轮盘锻件，各项性能满足设计要求，已向用户交付首批产品。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "创新产品", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "firstOfKind" && $0.matched == "依赖进口" })
    }

    @Test func aVarietySpreadWithItsBenefitStaysATransfer() throws {
        // Guard: wide promotion with farmers' income (推广3万亩, 增收) is the guide's transfer; nothing here claims a level.
        let a = try ScoreTestSupport.assessRules("邛崃市与四川农业大学共建的猕猴桃研究院推广新品种3万亩",
                                "四川农业大学选育的红心猕猴桃新品种在邛崃推广种植3万亩，带动3000余户果农增收，亩均增收8000元，累计新增产值6亿元。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }
}
