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
        return try Scorer(config: .rulesAlone, profile: "sichuan").assess(fields, extras: [:])
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

    // MARK: - Use, structurally (second pass)

    /// The title says 机器人, the summary says which one: a 手术机器人 is a medical device (docs/labelling.md §4),
    /// so the head's vote goes to the class of the more precise word, and the reason shows both words.
    @Test func theSummaryNamesTheTitlesHeadMorePrecisely() throws {
        let a = try Self.assess("国产智能机器人完成首例远程前列腺切除",
                                "该手术机器人系统由成都一家企业研制，医生在五百公里外操控机械臂完成切除，患者术后第二天即可下床。")
        #expect(a.industry == "医药健康")
        let head = try #require(Self.industryReasons(a).first { $0.conclusion.contains("中心词") })
        #expect(head.matched == "机器人")
        #expect(head.conclusion.contains("「手术机器人」"))
        #expect(head.conclusion.hasSuffix("指向产业「医药健康」"))
    }

    /// A head word that the summary does not name more precisely keeps its own class.
    @Test func aHeadWithoutAMorePreciseNameKeepsItsClass() throws {
        let a = try Self.assess("六轴工业机器人研制", "该机器人重复定位精度达到0.02毫米，已在汽车焊装线批量使用。")
        let head = try #require(Self.industryReasons(a).first { $0.conclusion.contains("中心词") })
        #expect(head.conclusion.hasSuffix("指向产业「装备制造」"))
        #expect(a.industry == "装备制造")
    }

    /// 用于… names what the achievement serves; explain shows the construction and the word. When the use agrees
    /// with the industry, nothing is flagged for it.
    @Test func aUseConstructionIsExplainedAndAgreementIsNotFlagged() throws {
        let a = try Self.assess("二甲双胍缓释片一致性评价", "该缓释片用于治疗二型糖尿病，经生物等效性试验证明与原研药一致。")
        #expect(a.industry == "医药健康")
        let use = try #require(Self.industryReasons(a).first { $0.conclusion.hasPrefix("用途") })
        #expect(use.matched.hasPrefix("用于"))
        #expect(use.conclusion.contains("「用于」"))
        #expect(use.conclusion.hasSuffix("指向产业「医药健康」"))
        #expect(use.weight == 0)
        #expect(!a.reviewReasons.contains { $0.contains("用途") })
    }

    /// An alloy sheet for battery housings is a material (the thing wins), but the use points to another
    /// industry: the label stands, its confidence drops and a reviewer is asked to confirm (需人工确认).
    @Test func aUseThatDisagreesWithTheThingIsFlagged() throws {
        let a = try Self.assess("高强韧铝合金板材研制及应用",
                                "团队研制出抗拉强度超过600兆帕的高强韧铝合金板材，实现稳定轧制。该板材主要用于新能源汽车动力电池")
        #expect(a.industry == "先进材料")
        let use = try #require(Self.industryReasons(a).first { $0.conclusion.hasPrefix("用途") })
        #expect(!use.conclusion.hasSuffix("指向产业「先进材料」"))
        #expect(a.needsReview)
        #expect(a.reviewReasons.contains { $0.contains("与用途不一致") && $0.contains("用于") })
        #expect((a.confidence?.industry ?? 1) <= 0.5)
    }

    /// 为…提供 is read only within one clause: its object is what lies between the two words.
    @Test func aFramedUseIsReadWithinItsClause() throws {
        let a = try Self.assess("高通量基因测序仪研制", "该测序仪为三甲医院肿瘤早筛提供国产化方案，单次运行可检测上千个样本。")
        let use = try #require(Self.industryReasons(a).first { $0.conclusion.hasPrefix("用途") })
        #expect(use.conclusion.contains("「为…提供」"))
        #expect(use.matched.hasPrefix("为三甲医院"))
        #expect(!use.matched.contains("提供"))
    }

    /// 研制出… names the achievement: its head word (疫苗) says what it is, against the platform words around it.
    @Test func theObjectOfAMakingVerbSaysWhatTheAchievementIs() throws {
        let a = try Self.assess("关键技术攻关取得突破", "团队研制出重组带状疱疹疫苗，配套建成智能化控制系统和工业互联网平台。")
        #expect(a.industry == "医药健康")
        let made = try #require(Self.industryReasons(a).first { $0.conclusion.contains("「研制出」的对象「疫苗」") })
        #expect(made.matched == "研制出重组带状疱疹疫苗")
        #expect(made.field == "summary")
    }

    /// 为研制…提供: what is to be made with the achievement is its use, not the achievement.
    @Test func aMakingVerbInsideAUseIsNotTheAchievement() throws {
        let a = try Self.assess("首次观测到马约拉纳零能模",
                                "某研究团队在铁基超导体表面的磁通涡旋中观测到马约拉纳零能模，为研制新型超导材料提供了依据。")
        #expect(!Self.industryReasons(a).contains { $0.conclusion.contains("的对象") && $0.conclusion.contains("说明成果是什么") })
        #expect(Self.industryReasons(a).contains { $0.conclusion.hasPrefix("用途") && $0.matched.hasPrefix("为研制") })
    }

    /// A basic-research finding that names no use: the one field word says where it was observed, so the case
    /// stays 其他, and the tally says why.
    @Test func aFindingThatNamesNoUseStaysInOther() throws {
        let a = try Self.assess("首次观测到马约拉纳零能模", "某研究团队在铁基超导体表面的磁通涡旋中观测到马约拉纳零能模，论文发表于《科学》。")
        #expect(a.category == "基础研究成果")
        #expect(a.industry == "其他")
        #expect(a.reasons.contains { $0.rule == "tally" && $0.conclusion.contains("产业取「其他」") && $0.conclusion.contains("未说明用途") })
    }

    /// The same finding with a use named (有望用于超导体器件) keeps the weak industry.
    @Test func aFindingThatNamesAUseKeepsItsWeakIndustry() throws {
        let a = try Self.assess("首次观测到马约拉纳零能模", "某研究团队在铁基超导体表面的磁通涡旋中观测到马约拉纳零能模，论文发表于《科学》，有望用于超导体器件。")
        #expect(a.category == "基础研究成果")
        #expect(a.industry == "先进材料")
        #expect(a.reasons.contains { $0.rule == "tally" && $0.conclusion.contains("依据弱") })
    }

    // MARK: - The guide's table, by what the title's head is (third pass)

    /// A seeder serving wheat and maize farms is a machine (docs/labelling.md §4): the crop words outvote the head,
    /// so the guide's entry decides, and says so.
    @Test func aMachineServingFarmingIsEquipment() throws {
        let a = try Self.assess("丘陵山区小麦玉米精量播种装备",
                                "某农机研究院研制适合丘陵山区的小麦玉米精量播种装备，在小麦、玉米主产区推广种植面积超过十万亩，亩均节种两成，农户作业效率提高一倍。")
        #expect(a.industry == "装备制造")
        let guide = try #require(Self.industryReasons(a).first { $0.conclusion.hasPrefix("按标注指南，机器") })
        #expect(guide.matched == "装备")
        #expect(guide.conclusion.contains("现代农业"))
    }

    /// A technology together with its equipment (关键技术与装备) is counted by its use: the machine entry stays out.
    @Test func aTechnologyWithEquipmentKeepsItsUse() throws {
        let a = try Self.assess("页岩气田开发关键技术与装备",
                                "某油气田公司攻克页岩气田水平井钻井、压裂关键技术，配套国产压裂装备，天然气年产量提高三成。")
        #expect(a.industry == "能源化工")
        #expect(!Self.industryReasons(a).contains { $0.conclusion.hasPrefix("按标注指南") })
    }

    /// 电线 inside 输电线路 is a fragment across 输电 and 线路, not a machine the title names.
    @Test func aHeadAcrossTwoWordsIsNoMachine() throws {
        let a = try Self.assess("特高压输电线路覆冰监测关键技术",
                                "研发输电线路覆冰在线监测与预测技术，在多个省级电网推广应用，减少冰灾停电。")
        #expect(a.industry == "能源化工")
        #expect(!Self.industryReasons(a).contains { $0.conclusion.hasPrefix("按标注指南") })
    }

    /// A vaccine is 医药健康 whoever it is for (docs/labelling.md §6: GB/T 4754-2017 files C2750 兽用药品制造 under C27
    /// 医药制造业); until round 13 the guide table voted a duck's vaccine 现代农业. A flu vaccine for people is 医药健康 too.
    @Test func aVaccineForFarmAnimalsIsHealthAsForPeople() throws {
        let duck = try Self.assess("鸭坦布苏病毒病灭活疫苗获新兽药注册证书",
                                   "某农业大学研制的鸭坦布苏病毒病灭活疫苗获农业农村部新兽药注册证书，在肉鸭养殖中推广应用，免疫保护率超过九成。")
        #expect(duck.industry == "医药健康")
        #expect(!Self.industryReasons(duck).contains { $0.conclusion.contains("兽用药品") })
        let people = try Self.assess("新型流感疫苗完成三期临床", "某生物制品公司研发的四价流感疫苗完成三期临床试验，在老年人群中保护率达到八成。")
        #expect(people.industry == "医药健康")
    }

    /// …衬底是功率芯片的关键材料: the head of the noun phrase after 是 says what the thing is (a material for
    /// chips is 先进材料, docs/labelling.md §4) when the title names no head; a 是 whose clause goes on past
    /// the cue (是…的重要手段，…) is not read.
    @Test func whatTheSummarySaysTheThingIsDecidesWithoutATitleHead() throws {
        let a = try Self.assess("牵头制定全球首个碳化硅衬底国际标准",
                                "某省单位牵头制定全球首个碳化硅衬底国际标准。碳化硅衬底是功率芯片的关键材料，可降低器件损耗，该标准为其检测和贸易提供统一依据。")
        #expect(a.industry == "先进材料")
        let kind = try #require(Self.industryReasons(a).first { $0.conclusion.contains("「是」的对象「材料」") })
        #expect(kind.matched == "是功率芯片的关键材料")
    }

    /// A title that goes on with a predicate (…实现芯片封装全自动化) names the achievement before the verb: the
    /// head is the subject's last cue (工业机器人), not the last cue of the title (芯片).
    @Test func theHeadIsTheSubjectsWhenTheTitleHasAPredicate() throws {
        let a = try Self.assess("国产工业机器人实现芯片封装全自动化",
                                "某装备企业研制的六轴工业机器人在芯片封装产线上替代人工上下料，定位精度达到微米级。")
        let head = try #require(Self.industryReasons(a).first { $0.conclusion.contains("中心词") })
        #expect(head.matched == "工业机器人")
        #expect(a.industry == "装备制造")
    }
}
