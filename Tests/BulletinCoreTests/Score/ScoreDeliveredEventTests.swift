import BulletinCore
import Foundation
import Testing

/// The eighth round of category and subtype evidence: what the title says was delivered when it is an event (a
/// project or platform started, signed, topped out, reviewed; an expedition setting out), a spread counted in its
/// closing amount, a first or batch delivery, and an experiment of a system. The texts are written for these tests
/// (real-looking, not copies of labelled cases); each failed on the rules of d1e76c1 but the two guards.
@Suite struct ScoreDeliveredEventTests {
    @Test(arguments: [
        ("成都超算中心二期项目奠基",
         "成都超算中心二期项目在天府新区举行奠基仪式，项目总投资约20亿元，建成后将新增每秒百亿亿次算力，服务航空航天、生物医药和气象预报等领域的科研计算。"),
        ("青藏高原综合考察冰川分队出征",
         "第二次青藏高原综合考察冰川分队在拉萨举行出征仪式，40余名队员将赴念青唐古拉山开展冰川变化、冰芯钻取和湖泊水文观测，为评估区域水资源变化提供依据。"),
        ("天府永兴实验室氢能项目集中签约",
         "天府永兴实验室与8家企业集中签约，围绕可再生能源制氢、储氢材料和燃料电池开展联合攻关，项目总投资约12亿元，实验室将派驻科研团队进驻企业。"),
        ("轨道交通装备智能运维行业研发中心通过现场评审",
         "受国家铁路局科技司委托，评审组在成都对一家轨道交通集团申报的轨道交通装备智能运维行业研发中心进行现场评审，察看车辆检测试验设备、审阅申报材料后，建议通过认定。该集团以其列车走行部在线监测系列技术为基础申报了这一方向。"),
    ])
    func aTitleClosingWithAnEventOfAProjectOrPlatformIsOther(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(a.reasons.contains { $0.rule == "categoryPhrases" && $0.field == "title" && $0.conclusion.contains("其它") })
    }

    @Test func aSigningOfTransfersIsStillATransfer() throws {
        // The event reading stands aside when the title names the transaction (转化, 转让, 许可, 入股, 拍卖).
        let a = try ScoreTestSupport.assessRules("20项科技成果转化项目集中签约",
                                "绵阳科技城举行科技成果转化对接会，中国工程物理研究院等单位的20项科技成果与企业集中签约，技术转让和许可合同总金额1.6亿元，涉及激光、新材料和智能传感等领域。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aTitleClosingWithTheAreaOfASpreadIsATransfer() throws {
        let a = try ScoreTestSupport.assessRules("川麦系列小麦新品种累计推广1200万亩",
                                "四川省农业科学院作物研究所选育的川麦104、川麦1690等小麦新品种，先后通过国家和四川省审定，具有抗条锈病、耐湿、高产等特点，在四川、重庆和贵州累计推广1200万亩，平均亩产比对照增加8%以上。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func aFirstBatchDeliveredIsATransfer() throws {
        let a = try ScoreTestSupport.assessRules("国产大型矿用液压挖掘机首批交付印尼",
                                "徐工集团自主研制的400吨级矿用液压挖掘机首批3台在连云港装船，交付印尼一家镍矿企业。该机斗容22立方米，整机能耗比同级产品低约10%，后续订单已签订12台。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test func anExperimentOfATransmissionSystemIsATechnique() throws {
        let a = try ScoreTestSupport.assessRules("空芯光纤超低时延长距离传输系统实验",
                                "鹏城实验室联合光纤企业完成空芯反谐振光纤超低时延长距离传输系统实验，传输距离超过100公里，时延比普通单模光纤降低约30%，验证了空芯光纤用于数据中心互联的可行性。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
    }

    @Test func anAppraisedTechniqueStaysAppliedWork() throws {
        let a = try ScoreTestSupport.assessRules("高效异质结光伏电池关键技术通过科技成果评价",
                                "四川一家光伏企业研发的高效异质结电池关键技术通过科技成果评价，电池量产转换效率达到25.6%，专家组认为技术成熟，建议加快推广。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
    }

    @Test func theClosingPredicateIsReadInTheTitleOnly() throws {
        // A summary that happens to end with an event (no closing 。) is not a title's closing predicate.
        let inSummary = try ScoreTestSupport.assessRules("某项成果", "园区管委会与十家企业举行重点项目集中签约")
        #expect(!inSummary.reasons.contains { $0.rule == "categoryPhrases" && $0.conclusion.hasPrefix("成果名称的收尾") })
        let inTitle = try ScoreTestSupport.assessRules("园区管委会与十家企业举行重点项目集中签约", "某团队完成了该项工作。")
        let closing = inTitle.reasons.filter { $0.rule == "categoryPhrases" && $0.conclusion.hasPrefix("成果名称的收尾") }
        #expect(closing.map(\.field) == ["title"], "\(inTitle.reasons.map(\.conclusion))")
        #expect(closing.first?.weight == 20)
        #expect(inTitle.category == "其它")
    }

    @Test(arguments: [
        ("《川西高原湿地植物图谱》编纂完成",
         "四川大学生命科学学院联合阿坝州林业部门，历时六年野外调查，整理若尔盖、红原等地湿地维管植物412种，配以生境照片和分布记录，编纂完成《川西高原湿地植物图谱》，为湿地保护和物种鉴定提供依据。"),
        ("《临床肿瘤内科学》第三版修订",
         "四川大学华西医院肿瘤中心牵头，组织全国40余位专家修订《临床肿瘤内科学》第三版，新增免疫治疗、靶向治疗和分子分型等章节，系统总结近五年肿瘤内科诊疗进展。"),
    ])
    func aTitleOpeningWithTheNameOfAReferenceWorkIsAMonograph(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "基础研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "专著", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aJournalNamedFirstIsNotAMonograph() throws {
        let a = try ScoreTestSupport.assessRules("《中国科学》刊发川大团队稀土催化新成果",
                                "四川大学化学学院团队在《中国科学：化学》发表论文，揭示了稀土催化剂表面氧空位调控二氧化碳还原选择性的机理。")
        #expect(a.subtype == "论文", "\(a.reasons.map(\.conclusion))")
    }
}
