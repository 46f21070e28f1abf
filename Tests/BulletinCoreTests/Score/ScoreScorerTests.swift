import BulletinCore
import Foundation
import Testing

/// The scorer end to end: amounts, declarations, profiles, score order, reasons, determinism.
@Suite struct ScoreScorerTests {
    static let form: [Field: String] = [
        .submitter: "四川大学", .supervisor: "成都市科学技术局", .contact: "张三", .mobile: "13800000000",
        .source: "基础处",
    ]

    static func assess(_ title: String, _ summary: String, extras: [OptionalField: String] = [:],
                       profile: String = "sichuan") throws -> Assessment {
        var fields = form
        fields[.title] = title
        fields[.summary] = summary
        return try Scorer(config: .rulesAlone, profile: profile).assess(fields, extras: extras)
    }

    static let paper = ("海水直接电解制氢新原理", "研究团队提出海水无淡化原位直接电解制氢新原理，揭示了界面相平衡机理，研究成果发表于《Nature》。")
    static let technology = ("深层页岩气高效开发关键技术", "攻克深层页岩气长水平段钻井、体积压裂等关键核心技术，形成技术体系，成果整体达到国际先进水平。")
    static let transfer = ("阻燃材料技术成果转化", "以专利许可和技术入股方式转化给企业，建成生产线，累计新增产值3.2亿元，新增利税5000万元。")

    // MARK: amounts

    @Test(arguments: [
        ("累计新增产值3.2亿元。", 32000.0),
        ("实现销售收入5000万元。", 5000.0),
        ("年销售收入由不足5亿元增长到超过12亿元。", 120000.0),
        ("新增经济效益十余亿元。", 100000.0),
        ("合同金额1,200万元。", 1200.0),
        ("新增产值数百亿元。", 2000000.0),
        ("产值３.２亿元。", 32000.0),
        ("节支300万元。", 300.0),
    ])
    func amountsAreReadInWanYuan(summary: String, wanYuan: Double) throws {
        let a = try Self.assess("某技术成果转化", summary)
        #expect(a.amountWanYuan == wanYuan)
    }

    @Test(arguments: ["出口额2.1亿美元。", "带动社会投资3亿元。", "成本降低200元/吨。"])
    func amountsWithoutAnIndicatorOrInAnotherCurrencyAreNotRead(summary: String) throws {
        #expect(try Self.assess("某技术成果转化", summary).amountWanYuan == nil)
    }

    @Test func aLargerAmountRanksHigher() throws {
        let small = try Self.assess("技术成果转化", "成果转化后实现销售收入500万元。")
        let large = try Self.assess("技术成果转化", "成果转化后实现销售收入5亿元。")
        #expect(large.score > small.score)
    }

    // MARK: categories and reasons

    @Test func theThreeMainCategoriesAreInferred() throws {
        let p = try Self.assess(Self.paper.0, Self.paper.1)
        #expect((p.category, p.subtype, p.industry) == ("基础研究成果", "论文", "能源化工"))
        let t = try Self.assess(Self.technology.0, Self.technology.1)
        #expect((t.category, t.subtype, t.level, t.industry) == ("应用研究成果", "关键技术", "国际先进", "能源化工"))
        let x = try Self.assess(Self.transfer.0, Self.transfer.1)
        #expect((x.category, x.subtype) == ("成果转移转化案例", ""))
        #expect(x.amountWanYuan == 32000)
    }

    @Test func patentsMentionedInPassingDoNotMakeAPatentCase() throws {
        let product = try Self.assess("高精度光纤惯性测量单元研制", "突破了温度漂移补偿等关键技术，研制出光纤惯性测量单元产品，已小批量列装。项目已获授权发明专利12件。")
        #expect(product.subtype == "创新产品")
        let patent = try Self.assess("一种页岩气水平井体积压裂的方法", "该发明专利提出了簇间距优化方法，已获国家授权发明专利，并获中国专利金奖。")
        #expect(patent.subtype == "发明专利")
    }

    /// 其它 needs evidence of its own: with none at all the default category is taken and every
    /// label is marked for a person to check.
    @Test func nothingRecognisableTakesTheDefaultAndAsksForReview() throws {
        let a = try Self.assess("工作总结", "本年度召开会议三次，完成了各项工作。")
        #expect((a.category, a.subtype, a.level, a.industry) == ("应用研究成果", "关键技术", "", "其他"))
        #expect(a.needsReview)
        #expect(a.reviewReasons.contains { $0.hasPrefix("成果类别「应用研究成果」依据不足") })
        #expect(a.flags.contains { $0.hasPrefix("需人工确认：成果类别") })
        #expect((a.confidence?.category ?? 1) < 0.6)
    }

    @Test func everyReasonNamesARuleAndTheScoreAddsUp() throws {
        let a = try Self.assess(Self.technology.0, Self.technology.1)
        let known = Set(ScoringRules.names + ["tally", "formula"])
        for r in a.reasons { #expect(known.contains(r.rule), "unknown rule \(r.rule)") }
        let formula = try #require(a.reasons.last)
        #expect(formula.rule == "formula" && formula.weight == a.score)
        #expect(a.reasons.contains { $0.rule == "tally" && $0.conclusion.contains("应用研究成果") })
        #expect(a.reasons.contains { $0.rule == "subtypePhrases" && $0.matched == "关键技术" && $0.field == "title" })
    }

    @Test func aClaimedLevelAndEvidenceRaiseTheScore() throws {
        let plain = try Self.assess("某关键技术", "攻克了若干关键技术。")
        let claimed = try Self.assess("某关键技术", "攻克了若干关键技术，成果整体达到国际领先水平。")
        #expect(claimed.score - plain.score >= 39)
    }

    @Test func scoringIsDeterministicAcrossTasks() async throws {
        let scorer = try Scorer(config: .rulesAlone, profile: "zhejiang")
        var fields = Self.form
        fields[.title] = Self.transfer.0
        fields[.summary] = Self.transfer.1
        let first = scorer.assess(fields, extras: [.level: "国际领先"])
        let captured = fields
        let all = await withTaskGroup(of: Assessment.self) { group in
            for _ in 0..<8 { group.addTask { scorer.assess(captured, extras: [.level: "国际领先"]) } }
            var out: [Assessment] = []
            for await a in group { out.append(a) }
            return out
        }
        for a in all { #expect(a == first) }
        let data = try JSONEncoder().encode(first)
        #expect(try JSONDecoder().decode(Assessment.self, from: data) == first)
    }

    @Test func anAssessmentWrittenBeforeTheNewKeysStillDecodes() throws {
        let old = #"{"category":"其它","subtype":"","level":"","industry":"其他","score":1,"reasons":[],"flags":[]}"#
        let a = try JSONDecoder().decode(Assessment.self, from: Data(old.utf8))
        #expect(a.eligible && a.inferred == nil && a.amountWanYuan == nil)
    }

    // MARK: declared against inferred

    @Test func aDeclaredCategoryIsKeptAndTheConflictFlagged() throws {
        let a = try Self.assess(Self.paper.0, Self.paper.1, extras: [.category: "应用研究成果"])
        #expect(a.category == "应用研究成果")
        #expect(AchievementTaxonomy.subtypesByCategory["应用研究成果"]?.contains(a.subtype) == true)
        #expect(a.inferred?.category == "基础研究成果")
        #expect(a.flags.contains { $0.hasPrefix("成果类别：申报「应用研究成果」，简介推断为「基础研究成果·论文」") })
    }

    @Test(arguments: ["基础研究成果", "基础研究", "☑基础研究成果 □应用研究成果 □成果转移转化案例 □其它", "□应用研究成果 ■基础研究成果"])
    func aDeclarationThatAgreesAddsNoFlag(declared: String) throws {
        let a = try Self.assess(Self.paper.0, Self.paper.1, extras: [.category: declared])
        #expect(a.category == "基础研究成果")
        #expect(a.flags.isEmpty, "\(a.flags)")
    }

    @Test func anUnreadableDeclarationIsFlaggedAndTheInferredValueKept() throws {
        let a = try Self.assess(Self.paper.0, Self.paper.1, extras: [.category: "□应用研究成果 □基础研究成果", .level: "很高"])
        #expect(a.category == "基础研究成果")
        #expect(a.flags.contains { $0.contains("无法识别") })
        #expect(a.flags.count == 2)
    }

    @Test func aDeclaredLevelIsKeptButTheScoreFollowsTheText() throws {
        let claimed = try Self.assess(Self.technology.0, Self.technology.1)
        let declared = try Self.assess(Self.technology.0, Self.technology.1, extras: [.level: "国际领先水平"])
        #expect(declared.level == "国际领先")
        #expect(declared.inferred?.level == "国际先进")
        #expect(declared.flags == ["技术水平：申报「国际领先」，高于简介声称的「国际先进」；保留申报值，请复核"])
        #expect(declared.score == claimed.score)
    }

    @Test func aDeclaredIndustryIsKeptAndTheConflictFlagged() throws {
        let a = try Self.assess(Self.technology.0, Self.technology.1, extras: [.industry: "先进材料", .classified: "否"])
        #expect(a.industry == "先进材料")
        #expect(a.flags == ["所属产业：申报「先进材料」，简介推断为「能源化工」；保留申报值，请复核"])
        let blank = try Self.assess(Self.technology.0, Self.technology.1, extras: [.industry: "无", .level: " "])
        #expect(blank.flags.isEmpty && blank.industry == "能源化工")
    }

    // MARK: profiles

    @Test func sichuanNeverMarksACaseIneligible() throws {
        let a = try Self.assess("某机理研究", "揭示了新机制，论文发表于国内期刊。存在知识产权纠纷。")
        #expect(a.eligible)
    }

    @Test func zhejiangAcceptsAnEligibleCase() throws {
        let paper = try Self.assess(Self.paper.0, Self.paper.1, profile: "zhejiang")
        #expect(paper.eligible, "\(paper.flags)")
        let product = try Self.assess("高端数控机床", "研制的五轴数控机床实现国产化替代，已批量供货，整机达到国内领先水平。知识产权权属清晰，无争议。", profile: "zhejiang")
        #expect(product.eligible, "\(product.flags)")
    }

    @Test(arguments: [
        ("某机理研究", "揭示了新机制，论文发表于国内学术期刊。", "不符合浙江省基础研究成果条件: "),
        ("某关键技术", "攻克了若干关键技术，成果整体达到国际先进水平。", "不符合浙江省技术攻关成果条件: "),
        ("某关键技术", "攻克了若干关键技术并实现产业化，达到国内先进水平。", "不符合浙江省技术水平条件: "),
        ("某关键技术", "攻克了关键技术并实现产业化，达到国际先进水平。目前该成果存在知识产权纠纷。", "不符合浙江省成果权属条件: "),
    ])
    func zhejiangFlagsAnIneligibleCase(title: String, summary: String, flag: String) throws {
        let a = try Self.assess(title, summary, profile: "zhejiang")
        #expect(!a.eligible)
        #expect(a.flags.contains { $0.hasPrefix(flag) }, "\(a.flags)")
    }

    // MARK: the evaluation report

    @Test func theReportCountsPrecisionAndRecall() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cases.json")
        let cases = """
        {"version": 1, "cases": [
          {"id": "a", "title": "\(Self.paper.0)", "summary": "\(Self.paper.1)",
           "expected": {"category": "基础研究成果", "subtype": "论文", "level": "", "industry": "能源化工"}},
          {"id": "b", "title": "\(Self.technology.0)", "summary": "\(Self.technology.1)",
           "expected": {"category": "基础研究成果", "subtype": "论文", "level": "国际先进", "industry": "能源化工"}}
        ]}
        """
        try Data(cases.utf8).write(to: file)
        let report = try LabelledSetReport.evaluate(casesAt: file, scorer: Scorer(config: .rulesAlone, profile: "sichuan"))
        #expect(report.cases == 2)
        #expect(report.accuracy("category") == 0.5 && report.accuracy("level") == 1 && report.accuracy("industry") == 1)
        let basic = try #require(report.dimensions.first?.labels.first { $0.label == "基础研究成果" })
        #expect(basic.expected == 2 && basic.predicted == 1 && basic.agreed == 1 && basic.precision == 1 && basic.recall == 0.5)
        #expect(report.misses.contains { $0.id == "b" && $0.dimension == "category" && $0.got == "应用研究成果" })
        #expect(report.description.contains("category    50.0%"))
    }

    @Test func aLabelledFileWithAnUnknownLabelIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cases.json")
        try Data(#"{"version":1,"cases":[{"id":"x","title":"t","summary":"s","expected":{"category":"基础研究","subtype":"","level":"","industry":"其他"}}]}"#.utf8).write(to: file)
        #expect(throws: LabelledSetError.self) { try LabelledSet.load(from: file) }
    }
}

/// Confidence and 需人工确认 (issue 12).
struct ScoreConfidenceTests {
    static func assess(_ title: String, _ summary: String, extras: [OptionalField: String] = [:]) throws -> Assessment {
        try Scorer(config: .rulesAlone, profile: "sichuan").assess([.title: title, .summary: summary], extras: extras)
    }

    @Test func aClearCaseIsNotFlagged() throws {
        let a = try Self.assess("杂交水稻新品种川优6203通过国家审定",
                                "四川省农业科学院作物研究所选育的杂交水稻新品种川优6203通过国家农作物品种审定，区域试验平均亩产比对照增产8.5%，米质达国标优质2级，适宜长江上游稻区种植。")
        #expect((a.category, a.subtype, a.level, a.industry) == ("应用研究成果", "生物品种", "", "现代农业"))
        #expect(!a.needsReview, "\(a.reviewReasons)")
        #expect(!a.flags.contains { $0.hasPrefix("需人工确认") })
        let c = try #require(a.confidence)
        #expect(c.category >= 0.6 && c.subtype >= 0.6 && c.level >= 0.9 && c.industry >= 0.6)
    }

    @Test func aLevelClaimedOnlyForPartIsFlagged() throws {
        let a = try Self.assess("区域地震预警系统建成启用", "研究所建成区域地震预警系统，网内地震约7秒即可自动发出警报，其中响应时间处于世界领先水平。")
        #expect(a.level == "")
        #expect(a.needsReview)
        #expect(a.reviewReasons.contains { $0.hasPrefix("技术水平：只见对部分工作的声称") })
    }

    @Test func aFirstIsNotALevel() throws {
        let a = try Self.assess("重型燃气轮机整机研制", "东方电气研制的国内首台F级50兆瓦重型燃气轮机完成满负荷试验，填补国内空白，打破国外垄断。")
        #expect(a.level == "")
        #expect((a.confidence?.level ?? 0) >= 0.9)
    }

    @Test func aDeclaredValueTheTextContradictsNeedsReview() throws {
        let a = try Self.assess("海水直接电解制氢新原理", "研究团队提出海水无淡化原位直接电解制氢新原理，揭示了界面相平衡机理，研究成果发表于《Nature》。",
                                extras: [.category: "成果转移转化案例"])
        #expect(a.category == "成果转移转化案例")
        #expect(a.needsReview)
        #expect(a.reviewReasons.contains("成果类别：申报「成果转移转化案例」与简介推断「基础研究成果」不一致"))
        // The declared rule already flags the conflict; the review reason adds no second flag.
        #expect(a.flags.filter { $0.contains("成果类别") }.count == 1)
    }

    @Test func theConfidenceFieldsRoundTripAndOldRecordsDecode() throws {
        let a = try Self.assess("工作总结", "本年度召开会议三次，完成了各项工作。")
        let back = try JSONDecoder().decode(Assessment.self, from: JSONEncoder().encode(a))
        #expect(back == a)
        let old = try JSONDecoder().decode(Assessment.self, from: Data(#"{"category":"其它","level":""}"#.utf8))
        #expect(old.confidence == nil && !old.needsReview && old.reviewReasons.isEmpty)
    }
}
