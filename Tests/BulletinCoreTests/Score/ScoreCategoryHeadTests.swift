import BulletinCore
import Foundation
import Testing

/// The fourth round of category and subtype evidence: what the title's head says the case is (a project accepted
/// or started, a technique), and the transfer events a summary can be about (rights licensed, a result turned into
/// a product, a demonstration over an area, a production line built).
@Suite struct ScoreCategoryHeadTests {
    static func reasons(_ a: Assessment, rule: String) -> [Reason] {
        a.reasons.filter { $0.rule == rule && $0.weight > 0 }
    }

    // MARK: - The title's head

    @Test func aTitleEndingWithTheProjectsAcceptanceIsOtherEvenWhenTheSummaryDescribesTheDevice() throws {
        let a = try ScoreTestSupport.assessRules("深部岩体原位力学测试装备研制项目通过综合绩效评价",
                                "由四川大学牵头的国家重点研发计划项目通过综合绩效评价。项目研制出深部岩体原位力学测试装备的原理样机和工程样机，形成装备设计与制造技术，已在锦屏地下实验室开展示范应用。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(Self.reasons(a, rule: "categoryPhrases").contains { $0.field == "title" && $0.matched.hasSuffix("综合绩效评价") })
    }

    @Test func aTitleEndingWithAProjectStartedIsOther() throws {
        let a = try ScoreTestSupport.assessRules("天府酿酒微生物研究院项目启动",
                                "四川省酒业协会在宜宾召开天府酿酒微生物研究院项目启动会，研究院将联合高校和酒企开展酿酒微生物资源挖掘与智能酿造研究，服务白酒产业。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
    }

    @Test func acceptanceInsideTheTitleIsNotItsHead() throws {
        // 验收 that does not end the title (a device named after the acceptance) is no head: the end-anchored cue stays silent.
        let a = try ScoreTestSupport.assessRules("通过验收的高原型风电机组批量下线", "东方电气研制的高原型风电机组批量下线，整机适应海拔4000米以上风况。")
        #expect(!Self.reasons(a, rule: "categoryPhrases").contains { $0.conclusion.contains("$") })
    }

    @Test func aTitleWhoseHeadIsATechniqueIsAKeyTechniqueEvenWhenTheSummaryNamesMaterialsAndProducts() throws {
        let a = try ScoreTestSupport.assessRules("高镍三元正极材料前驱体共沉淀制备技术",
                                "团队从正极材料的加工性能出发，以共沉淀法制备高镍三元前驱体材料，再经烧结得到正极材料产品，产品粒度分布窄、振实密度高、批次一致性好，适合动力电池大规模生产。")
        #expect(a.category == "应用研究成果")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
    }

    @Test(arguments: ["天然气净化脱硫工艺研发及应用", "页岩气水平井压裂关键技术集成与示范", "茶叶连续化加工技术研究"])
    func theTechniqueHeadAllowsTheUsualEndings(title: String) throws {
        let a = try ScoreTestSupport.assessRules(title, "项目团队在川南开展工程试验，形成一套可复制的生产方案。")
        #expect(Self.reasons(a, rule: "subtypePhrases").contains { $0.field == "title" && $0.conclusion.contains("关键技术") && $0.weight >= 10 },
                "\(a.reasons.map(\.conclusion))")
    }

    @Test func industrialisationAfterATechniqueIsNotATechniqueHead() throws {
        // "…技术产业化": the head is the industrialisation, not the technique.
        let a = try ScoreTestSupport.assessRules("大面积节能镀膜玻璃成套技术产业化", "企业建成镀膜玻璃生产线，实现产业化，年产值5亿元。")
        #expect(!Self.reasons(a, rule: "subtypePhrases").contains { $0.field == "title" && $0.weight >= 10 })
        #expect(a.category == "成果转移转化案例")
    }

    // MARK: - Transfer events

    @Test func rightsGrantedToAnotherCompanyAreATransfer() throws {
        let a = try ScoreTestSupport.assessRules("抗肿瘤抗体偶联药物海外权益授权",
                                "成都一家创新药企将其自主研发的抗体偶联药物在大中华区以外的开发、生产和商业化权利授予一家美国药企，获得首付款及后续里程碑付款，创下四川创新药对外授权纪录。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(Self.reasons(a, rule: "constructions").contains { $0.conclusion.contains("权利或权益") })
    }

    @Test func aGrantedPatentIsNotARightGranted() throws {
        let a = try ScoreTestSupport.assessRules("一种高强韧钛合金的制备方法", "该发明专利获授权，权利要求10项，提出一种钛合金的成分设计与热处理方法。")
        #expect(!Self.reasons(a, rule: "constructions").contains { $0.conclusion.contains("权利或权益") })
    }

    @Test func aResultTurnedIntoAProductIsATransfer() throws {
        let a = try ScoreTestSupport.assessRules("柔性压力传感芯片转化为可穿戴产品",
                                "电子科技大学团队组建工程化和市场团队，把实验室研制的柔性压力传感芯片转化为可穿戴健康监测产品，多项指标优于同类进口器件。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test func somethingConvertedIntoAVaccineIsNotAProductTransfer() throws {
        // 转化为 a vaccine (a conversion in the laboratory) is not 转化为产品.
        let a = try ScoreTestSupport.assessRules("将病毒直接转化为活疫苗", "研究人员改变病毒的遗传密码，使其只能在特定条件下复制，从而把病毒直接转化为活疫苗。")
        #expect(!Self.reasons(a, rule: "constructions").contains { $0.conclusion.contains("转化为产品") })
        #expect(a.category != "成果转移转化案例")
    }

    @Test func aDemonstrationOverAnAreaIsATransfer() throws {
        let a = try ScoreTestSupport.assessRules("水稻机插侧深施肥技术50万亩示范", "四川省农业科学院的水稻机插侧深施肥技术在川西平原开展50万亩示范，平均亩增产8%，化肥用量减少15%。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(Self.reasons(a, rule: "transferEvidence").contains { $0.matched.contains("万亩") })
    }

    @Test func aProductionLineBuiltAndBatchSupplyAreTransferEvidence() throws {
        let a = try ScoreTestSupport.assessRules("钠离子电池储能电站并网",
                                "眉山一座钠离子电池储能电站建成并网，所用电芯由本地企业生产。该企业已建成年产5000吨正极材料生产线，在储能和两轮车领域批量供货。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(Self.reasons(a, rule: "constructions").contains { $0.conclusion.contains("生产线") })
        #expect(Self.reasons(a, rule: "transferEvidence").contains { $0.matched == "批量供货" })
    }
    // MARK: - A result published

    @Test func aResultPublishedInAJournalIsBasicResearchEvenWhenItsMethodIsExtendedAndApplied() throws {
        // 推广到多种体系 extends a method; it is not the spread of a technology.
        let a = try ScoreTestSupport.assessRules("钠离子电池用高熵层状氧化物正极",
                                "四川大学团队以多元素共掺杂策略调控层状氧化物的相变过程，制得循环稳定的高熵正极，并将该策略推广到多种过渡金属氧化物体系。用作钠离子电池正极时，循环2000次容量保持率超过90%，成果发表于《自然·能源》。")
        #expect(a.category == "基础研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "论文")
        #expect(Self.reasons(a, rule: "constructions").contains { $0.matched == "成果发表" })
    }

    @Test func papersCountedInPassingAreNotAResultPublished() throws {
        let a = try ScoreTestSupport.assessRules("高速列车转向架轻量化关键技术",
                                "西南交通大学团队研发转向架轻量化设计与制造技术，已在复兴号动车组应用，项目成果发表论文30篇、授权发明专利12件。")
        #expect(!Self.reasons(a, rule: "constructions").contains { $0.conclusion.contains("期刊发表") })
        #expect(a.category == "应用研究成果")
    }
    // MARK: - Confidence

    @Test func aTransferThatAlsoClaimsALevelIsFlaggedForReview() throws {
        let a = try ScoreTestSupport.assessRules("锂电池隔膜陶瓷涂覆技术产业化",
                                "该技术经鉴定总体达到国际先进水平，企业已建成5条涂覆生产线，实现产业化，新增产值3亿元。")
        #expect(a.category == "成果转移转化案例")
        #expect(a.level == "国际先进")
        #expect(a.needsReview)
        #expect(a.reviewReasons.contains { $0.contains("技术水平声称「国际先进」并存") })
        #expect((a.confidence?.category ?? 1) <= 0.5)
    }

    @Test func aTransferWithoutALevelIsNotFlaggedForIt() throws {
        let a = try ScoreTestSupport.assessRules("锂电池隔膜陶瓷涂覆技术产业化", "企业已建成5条涂覆生产线，实现产业化，新增产值3亿元。")
        #expect(a.category == "成果转移转化案例")
        #expect(!a.reviewReasons.contains { $0.contains("技术水平声称") })
    }
    // MARK: - Materials

    @Test func theWordMaterialDoesNotMakeAProduct() throws {
        // 材料 is named as often in techniques as in products (7 and 6 applied cases of the real sets): no subtype vote.
        let a = try ScoreTestSupport.assessRules("水泥窑用耐火材料配方与结构优化研究",
                                "团队对水泥窑高温带耐火材料的配方和砌筑结构进行优化，经鉴定达到国内领先水平，可延长窑衬寿命30%。")
        #expect(a.category == "应用研究成果")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
        #expect(!a.reasons.contains { $0.rule == "subtypePhrases" && $0.matched == "材料" })
    }
    @Test func aProductionLinePutIntoProductionIsATransfer() throws {
        let a = try ScoreTestSupport.assessRules("磷酸锰铁锂正极材料首条生产线试产",
                                "德阳一家企业年产2万吨磷酸锰铁锂正极材料项目的首条生产线试产成功，产品已送多家动力电池企业验证。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(Self.reasons(a, rule: "constructions").contains { $0.field == "title" && $0.conclusion.contains("生产线或生产基地投产") })
    }
}
