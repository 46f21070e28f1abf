import BulletinCore
import Foundation
import Testing

/// The thirteenth round (docs/scoring.md, "round 13"): industry classes read from the misses of every open set by
/// confused pair, holdout11 among them, and one category class. Industry: a vaccine or drug for farm animals is
/// 医药健康 as docs/labelling.md §6 says (the guide table's exception is gone); crops and livestock named by their
/// species (GB/T 4754-2017 A01 农业, A02 林业, A03 畜牧业: 马铃薯, 青稞, 苜蓿, 林木, 肉羊 …); farm machines named by their kind
/// (C357 农、林、牧、渔专用机械: 割胶刀, 收获机); a science facility or museum serves no industry (M73 重大科技基础设施,
/// R8850 科技馆); tungsten, membranes and amorphous metals are materials (C3231, SEI-2018 3); sugar making (C1340),
/// cashmere and dyeing (C172, C171), coal fields (B06), deep-sea landers (C37). Category: a local standard whose title
/// says it was issued and put in force (发布实施) is 其它, as one that says 发布 was.
/// The texts are written for these tests (real-looking, not copies of labelled cases); each class's test failed on the
/// rules of main 1b38de5, the guards passed there and still do.
@Suite struct ScoreThirteenthRoundTests {
    static func industryReasons(_ a: Assessment) -> [Reason] {
        a.reasons.filter { $0.rule == "industryPhrases" }
    }

    // MARK: - Veterinary drugs (docs/labelling.md §6)

    @Test(arguments: [
        ("鸭坦布苏病毒病灭活疫苗获新兽药注册证书",
         "某农业大学研制的鸭坦布苏病毒病灭活疫苗获农业农村部新兽药注册证书，在肉鸭养殖中推广应用，免疫保护率超过九成。"),
        ("猪伪狂犬病基因缺失活疫苗研制成功",
         "某兽医研究所研制的猪伪狂犬病基因缺失活疫苗获新兽药证书，在生猪养殖场免疫后保护率达到95%以上。"),
    ])
    func aVaccineForFarmAnimalsIsHealth(title: String, summary: String) throws {
        // §6: vaccines are 医药健康 with no exception; GB/T 4754-2017 files C2750 兽用药品制造 under C27 医药制造业.
        // On 1b38de5 the guide table voted a farm animal's vaccine 现代农业 (rh076, rh078, rn026 missed).
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.industry == "医药健康", "\(a.reasons.map(\.conclusion))")
        #expect(!a.reasons.contains { $0.conclusion.contains("兽用药品") })
    }

    // MARK: - Crops and livestock by species, farm machines by kind

    @Test(arguments: [
        ("马铃薯微型种薯雾培繁育技术", "某研究所建立马铃薯雾培快繁体系，微型种薯单株结薯数提高一倍，产品出口中亚多国。", "马铃薯"),
        ("《青稞》国家标准发布", "新标准按籽粒颜色把青稞分为白青稞、黑青稞、蓝青稞三类，引导分类收储和按质论价。", "青稞"),
    ])
    func aCropNamedBySpeciesIsFarming(title: String, summary: String, word: String) throws {
        // §4: crops are 现代农业. The class names of A01 农业 say 薯类种植, 其他谷物种植; summaries name the species.
        // On 1b38de5 these texts had no industry word and stayed 其他.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.industry == "现代农业", "\(a.reasons.map(\.conclusion))")
        #expect(Self.industryReasons(a).contains { $0.matched == word && $0.conclusion.contains("A01") })
    }

    @Test func aPotatoStarchPlantStaysFood() throws {
        // Guard: processing the crop is 食品轻纺 (§4, food processing), whatever crop it processes.
        let a = try ScoreTestSupport.assessRules("马铃薯淀粉加工废水资源化技术",
                                "某食品企业开发马铃薯淀粉加工废水中蛋白质回收工艺，回收的蛋白用于饲料和食品配料，淀粉生产线用水减少三成。")
        #expect(a.industry == "食品轻纺", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aGeothermalPlantAtYangbajingIsNoSheep() throws {
        // Guard: 藏羊 was left out of A03's words because 西藏羊八井 holds it across two words (train r217).
        let a = try ScoreTestSupport.assessRules("羊八井地热电站扩建工程并网发电", "西藏羊八井地热电站扩建机组并网发电，装机容量提高到3万千瓦，为拉萨电网提供稳定电力。")
        #expect(a.industry == "能源化工", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aTappingKnifeIsAMachine() throws {
        // §4: machines are 装备制造 even when they serve farming. 割胶刀 is a tool of C357 农、林、牧、渔专用机械制造;
        // on 1b38de5 nothing named it and the rubber plantation's words made it 现代农业.
        let a = try ScoreTestSupport.assessRules("电动割胶刀在云南胶园推广",
                                "中国热带农业科学院研制的电动割胶刀在西双版纳胶园推广，割胶效率提高三成，伤树率下降，胶农劳动强度明显降低。")
        #expect(a.industry == "装备制造", "\(a.reasons.map(\.conclusion))")
        #expect(Self.industryReasons(a).contains { $0.matched == "割胶刀" && $0.conclusion.contains("C357") })
    }

    // MARK: - Facilities serving science or the public

    @Test(arguments: [
        ("某县科技馆建成开馆", "某县科技馆正式开馆，设航天航空、机器人和科学探秘展区，展品60余件，面向中小学生免费开放。"),
        ("强流重离子加速器装置通过国家验收",
         "国家重大科技基础设施强流重离子加速器装置通过国家验收，装置由超导直线加速器、增强器和高精度环形谱仪组成，将为核物理和材料研究提供实验平台。"),
    ])
    func aScienceFacilityServesNoIndustry(title: String, summary: String) throws {
        // §4: 其他 for facilities serving science; a science museum is a museum (R8850). On 1b38de5 the exhibits
        // (航天航空, 机器人) or the instruments (谱仪) made both 装备制造.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它")
        #expect(a.industry == "其他", "\(a.reasons.map(\.conclusion))")
    }

    // MARK: - Materials, food and textiles, energy, vehicles by their words

    @Test(arguments: [
        ("钨资源综合利用新技术通过验收", "赣南一家企业与研究所合作开发钨资源综合利用和精深加工技术，回收率提高8个百分点。", "先进材料"),
        ("单质金属非晶化新策略", "研究团队以超快激光烧蚀使金、银等多种单质金属形成非晶态，发表于《自然》。", "先进材料"),
        ("广西糖业研究院甘蔗制糖新工艺", "广西一家糖业研究院开发甘蔗制糖澄清新工艺，食糖色值降低，糖厂能耗下降8%，已在三家糖厂应用。", "食品轻纺"),
        ("羊绒联合分梳生产线", "企业自主研发风吸式自动化羊绒分梳生产线，分梳制成率提高5个百分点。", "食品轻纺"),
        ("陕北煤田智能化开采关键技术", "某能源集团针对陕北煤田薄基岩厚煤层开采难题，形成智能化综采和顶板控制技术，工作面单产提高两成，实现安全高效开采。", "能源化工"),
        ("万米深渊着陆器研制成功", "研究所研制的深渊着陆器在马里亚纳海沟下潜至万米，完成海水和沉积物取样。", "装备制造"),
    ])
    func theThingsOwnClassDecides(title: String, summary: String, industry: String) throws {
        // Tungsten (C3231 钨钼冶炼) and amorphous metal (SEI-2018 3) are materials even when processed (精深加工, a food
        // word, decided the first on 1b38de5); sugar making is C1340, cashmere C172; a coal field is B06; a lander is a
        // vehicle of C37. Each failed on 1b38de5 (食品轻纺, 其他, 其他, 其他, 电子信息, 其他).
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.industry == industry, "\(a.reasons.map(\.conclusion))")
    }

    // MARK: - Category

    @Test func aLocalStandardIssuedAndInForceIsOther() throws {
        // §1: 标准 is a national, industry or international standard; a local one is 其它 (round 12 read a title that
        // ends 地方标准 or 地方标准发布). On 1b38de5 a title ending 发布实施 was read as a standard, and the breeds it
        // describes as a variety.
        let a = try ScoreTestSupport.assessRules("《滩羊》《中卫山羊》2项宁夏地方标准发布实施",
                                "宁夏回族自治区畜牧工作站等单位起草的《滩羊》《中卫山羊》2项地方标准由自治区市场监督管理厅发布实施，规定了品种特征、生产性能和等级评定。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func aNationalStandardIssuedAndInForceStaysAStandard() throws {
        // Guard: a national standard is 应用研究成果 / 标准 however its title ends.
        let a = try ScoreTestSupport.assessRules("《绵羊》国家标准发布实施", "全国畜牧业标准化技术委员会组织起草的《绵羊》国家标准发布实施，规定了品种特征和生产性能。")
        #expect(a.category == "应用研究成果")
        #expect(a.subtype == "标准")
    }
}
