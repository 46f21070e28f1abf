import BulletinCore
import Foundation
import Testing

/// The sixth round of category evidence (holdout3's misses by class): what is none of the seeds' three kinds is
/// 其它 — a local standard (地方标准: the guide takes only national, industry and international standards), a
/// programme accepted or a proposal started under a quoted name (计划“…”通过验收, 提案…立项), a park or platform
/// selected (科技园入选, 批复…科技园) and an oil or gas find (探明储量: an exploration, like an expedition).
@Suite struct ScoreCategoryOtherKindsTests {
    @Test func aLocalStandardIsOtherNotAStandard() throws {
        let a = try ScoreTestSupport.assessRules("眉山发布《晚熟柑橘栽培技术规程》等5项市级地方标准",
                                "眉山市市场监管局发布《晚熟柑橘栽培技术规程》《稻渔综合种养技术规范》等5项农业地方标准，规范柑橘和水稻的栽培管理，提高农产品质量。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func aNationalStandardIsStillAStandard() throws {
        let a = try ScoreTestSupport.assessRules("《川芎种子种苗》国家标准发布",
                                "由成都中医药大学主导制定的国家标准《川芎种子种苗》由国家市场监督管理总局发布实施，规定了川芎苓种的质量分级和检验方法。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "标准")
    }

    @Test(arguments: [
        ("国家重点研发计划“丘陵山区智能农机装备关键技术研究”通过验收",
         "由四川省农业机械科学研究院牵头的国家重点研发计划项目通过科技部组织的综合绩效评价，研制出丘陵山区履带式拖拉机等新产品8种，在四川、重庆推广应用。"),
        ("钒钛磁铁矿综合利用国际标准提案立项",
         "由攀钢集团提出的钒钛磁铁矿化学分析方法国际标准提案经ISO投票通过并正式立项，攀钢此前已主导制定多项钒钛行业标准。"),
    ])
    func aProgrammeAcceptedOrAProposalStartedIsOther(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aParkSelectedForPilotBuildingIsOther() throws {
        let a = try ScoreTestSupport.assessRules("成都未来医学科技园入选首批建设试点",
                                "科技部批复首批未来产业科技园建设试点，四川大学牵头共建的未来医学科技园入选，将建设研发和孵化平台，突破关键核心技术并孵化企业。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
    }

    @Test func anOilOrGasFindIsOther() throws {
        let a = try ScoreTestSupport.assessRules("川中古隆起新增天然气探明储量通过评审",
                                "西南油气田公司在川中古隆起北斜坡新增天然气探明地质储量1200亿立方米，通过自然资源部评审，勘探中形成的成藏理论和关键技术将用于后续开发。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "categoryPhrases" && $0.matched.contains("探明") })
    }

    @Test func aPopularScienceSeriesFromAPublisherIsOther() throws {
        // The title names only the series; the summary says it is for the public (科普丛书), which must outweigh
        // the book words (丛书, 出版, 出版社) that otherwise make a monograph.
        let a = try ScoreTestSupport.assessRules("“天府自然”丛书连续出版十年",
                                "四川科学技术出版社自2014年起策划出版的“天府自然”丛书已连续出版十年，累计出版46种，是西南地区规模最大的自然类科普丛书，多种图书一印再印。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func aChemicalConversionIsNotATransfer() throws {
        // 转化 of a substance (一步转化, 室温转化, 催化转化) is chemistry, like 临床转化 is medicine: not a transfer.
        let a = try ScoreTestSupport.assessRules("铜基催化剂实现二氧化碳室温转化",
                                "四川大学化学学院团队发展出铜基单原子催化体系，在室温下把二氧化碳一步转化为乙醇等液态高附加值产品，揭示了碳碳偶联的反应机理，论文发表于《自然》。")
        #expect(a.category == "基础研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(!a.reasons.contains { $0.rule == "transferEvidence" && $0.weight > 0 && $0.matched == "转化" },
                "\(a.reasons.map(\.conclusion))")
    }

    @Test func aResultTurnedIntoAProductIsStillATransfer() throws {
        let a = try ScoreTestSupport.assessRules("太赫兹成像芯片转化为安检产品",
                                "电子科技大学太赫兹成像芯片成果在成都高新区转化为安检产品，由校企合资公司生产，已批量交付机场和地铁，新增产值1.2亿元。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aDeviceSelectedAsAProgressIsNotAFacilitySelected() throws {
        // 装置 is a facility in 大科学装置 but a device in 实验装置入选十大进展: 入选 makes 其它 only for the
        // kinds that are always facilities or platforms (实验室, 平台, 科技园 …).
        let a = try ScoreTestSupport.assessRules("柔性钙钛矿光伏原型装置入选年度中国科学十大进展",
                                "四川大学团队研制出柔性全钙钛矿叠层光伏原型装置，光电转换效率创同类器件纪录，成果入选年度中国科学十大进展。")
        #expect(a.category != "其它", "\(a.reasons.map(\.conclusion))")
        #expect(!a.reasons.contains { $0.rule == "constructions" && $0.conclusion.contains("入选") })
    }

    @Test func localStandardsCountedInPassingDoNotMakeATechniqueOther() throws {
        // Only a title whose head is a local standard is about one; a count of standards among a technique's outputs is not.
        let a = try ScoreTestSupport.assessRules("茶园病虫害绿色防控技术",
                                "四川农业大学团队研发茶园病虫害绿色防控技术，集成理化诱控和生物防治，制定地方标准3项，在雅安、乐山示范应用。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(!a.reasons.contains { $0.matched.contains("地方标准") && $0.weight > 0 })
    }
}
