import BulletinTestSupport
@testable import BulletinCore
import Foundation

/// Real-looking bulletin content for the rendering tests (after the November 2026 sample submissions).
enum RenderSamples {
    static func record(_ id: String, submitter: String, supervisor: String, title: String, summary: String,
                       category: String, subtype: String, level: String, industry: String,
                       classified: Bool = false) -> CaseRecord {
        CaseRecord(id: id, titleKey: id,
                   fields: [.submitter: submitter, .supervisor: supervisor, .contact: "刘婷", .mobile: "13980012461",
                            .title: title, .source: "重大处", .summary: summary],
                   classified: classified,
                   assessment: Assessment(category: category, subtype: subtype, level: level, industry: industry,
                                          score: 80),
                   period: "2026-11", sourceFile: "2026-11-\(submitter)-报送表.docx", sourceIndex: 1,
                   sourceSHA256: String(repeating: "0", count: 64), received: "2026-11-20")
    }

    static let sichuanUniversity = record(
        "c-scu-lactylation", submitter: "四川大学", supervisor: "省教育厅",
        title: "揭示肿瘤细胞通过乳酸化修饰逃逸T细胞免疫杀伤的新机制",
        summary: """
        2026年10月，四川大学华西医院生物治疗全国重点实验室研究团队在国际顶级期刊《Nature》发表研究论文（四川大学为第一完成单位和通讯单位）。该研究首次发现肿瘤微环境中的高浓度乳酸可通过对免疫检查点相关蛋白的乳酸化修饰（lactylation），抑制CD8+ T细胞的浸润与杀伤功能，从而介导肿瘤免疫逃逸。

        　　团队进一步设计了靶向该修饰酶的小分子抑制剂，在小鼠结直肠癌、黑色素瘤等多种模型中，与PD-1抗体联用可使肿瘤完全消退比例提高到60%以上。该成果为解释肿瘤免疫治疗耐药提供了全新的理论依据，研究整体达到国际领先水平。
        """,
        category: "基础研究成果", subtype: "论文", level: "国际领先", industry: "医药健康")

    static let uestc = record(
        "c-uestc-sic", submitter: "电子科技大学", supervisor: "成都市科技局",
        title: "车规级1200V碳化硅（SiC）MOSFET芯片设计与制造关键技术",
        summary: """
        碳化硅（SiC）功率器件是新能源汽车、光伏逆变器和5G基站电源的核心部件，高端车规级SiC MOSFET芯片长期依赖进口，是我国功率半导体领域的“卡脖子”环节。电子科技大学功率集成技术实验室联合成都某半导体企业，攻克了低缺陷栅氧界面钝化、高可靠沟槽栅结构、短路耐受能力提升等关键技术，研制出1200V/80A车规级SiC MOSFET芯片，比导通电阻低至2.8 mΩ·cm²，通过AEC-Q101车规级可靠性认证。
        经中国电子学会组织专家评价，该成果主要性能指标达到国际先进水平。项目已申请发明专利36件（授权21件），预计2027年形成年产6万片6英寸晶圆的能力，可实现进口替代，带动上下游产值超过20亿元。
        """,
        category: "应用研究成果", subtype: "关键技术", level: "国际先进", industry: "电子信息")

    static let dongfang = record(
        "c-dec-pumped-storage", submitter: "东方电气集团东方电机有限公司", supervisor: "德阳市科技局",
        title: "国内首台（套）300MW级变速抽水蓄能机组研制与应用",
        summary: """
        变速抽水蓄能机组可在抽水工况下实现功率连续调节，是构建新型电力系统、消纳大规模新能源的关键装备。东方电气集团东方电机有限公司联合高校和电站业主单位，历时6年攻克了大容量交流励磁发电电动机设计等关键技术，研制出国内首台（套）300MW级变速抽水蓄能机组，转速调节范围达±7%，机组综合效率优于91%。
        该机组已于2026年8月投入商业运行，经中国机械工业联合会鉴定，整体技术达到国际领先水平，已获得后续8台机组订单，合同金额约42亿元。
        """,
        category: "应用研究成果", subtype: "创新产品", level: "国际领先", industry: "装备制造")

    static let rice = record(
        "c-saas-rice", submitter: "四川省农业科学院", supervisor: "省农业农村厅",
        title: "优质抗病杂交水稻新品种“川优香丝9号”通过国家审定",
        summary: """
        “川优香丝9号”是四川省农业科学院作物研究所利用自主创制的优质不育系“川丝3A”与抗病恢复系“成恢917”配组育成的籼型三系杂交水稻新品种，2026年6月通过国家农作物品种审定委员会审定（审定编号：国审稻20266123）。
        品种已授权四川、重庆两家种业企业经营，2026年示范推广15万亩，预计三年内累计推广300万亩以上，助农增收3亿元以上。
        """,
        category: "应用研究成果", subtype: "生物品种", level: "国内领先", industry: "现代农业")

    /// 2026年第11期（总第35期）, three achievements, draft.
    static let november = BulletinIssue(
        publication: "创新驱动要参", issuer: "四川省科学技术厅", period: "2026-11", number: 11, totalNumber: 35,
        date: "2026-11-22", entries: [sichuanUniversity, uestc, dongfang], draft: true)

    /// An issue with no achievement selected.
    static let emptyDecember = BulletinIssue(
        publication: "创新驱动要参", issuer: "四川省科学技术厅", period: "2026-12", number: 12, totalNumber: 36,
        date: "2027-01-08", entries: [], draft: true)

    /// The 2026 annual list draft, four entries given out of rank order.
    static let annual2026 = AnnualList(issuer: "四川省科学技术厅", year: 2026, date: "2026-12-28", entries: [
        AnnualEntry(rank: 2, record: dongfang, firstBulletined: "2026-09"),
        AnnualEntry(rank: 1, record: sichuanUniversity, firstBulletined: "2026-11"),
        AnnualEntry(rank: 3, record: uestc, firstBulletined: "2026-11"),
        AnnualEntry(rank: 4, record: rice, firstBulletined: nil),
    ], draft: true)

    /// The 2026 fourth-quarter release shortlist, three entries given out of rank order.
    static let quarterly2026Q4 = QuarterlyRelease(issuer: "四川省科学技术厅", year: 2026, quarter: 4, date: "2026-12-05",
                                                  entries: [
        AnnualEntry(rank: 2, record: dongfang, firstBulletined: "2026-10"),
        AnnualEntry(rank: 1, record: sichuanUniversity, firstBulletined: "2026-11"),
        AnnualEntry(rank: 3, record: uestc, firstBulletined: "2026-11"),
    ], draft: true)

    static func row(_ name: String, _ submitted: Int, _ accepted: Int, _ refused: Int, _ bulletined: Int,
                    _ listed: Int = 0) -> StatisticsRow {
        StatisticsRow(name: name, submitted: submitted, accepted: accepted, refused: refused, bulletined: bulletined,
                      listed: listed)
    }

    /// November 2026: 19 submitted, 18 accepted, 1 refused, 10 bulletined.
    static let statistics202611 = SubmissionStatistics(
        issuer: "四川省科学技术厅", scope: .month("2026-11"), date: "2026-12-05",
        byUnit: [
            row("四川大学", 5, 5, 0, 3), row("电子科技大学", 4, 4, 0, 2), row("四川省农业科学院", 4, 4, 0, 2),
            row("东方电气集团东方电机有限公司", 3, 2, 1, 2), row("中国科学院成都生物研究所", 3, 3, 0, 1),
        ],
        byBureau: [
            row("省教育厅", 9, 9, 0, 5), row("省农业农村厅", 4, 4, 0, 2), row("德阳市科技局", 3, 2, 1, 2),
            row("成都市科技局", 3, 3, 0, 1),
        ],
        total: row("合计", 19, 18, 1, 10))

    /// One folder for every rendering test of this process, removed when the process exits (the documents a
    /// test writes are read back, converted or compared after it returns, so each test cannot remove its own).
    static let scratchRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-render-\(getpid())", isDirectory: true)
        atexit { try? FileManager.default.removeItem(at: RenderSamples.scratchRoot) }
        return url
    }()

    /// A fresh temporary folder for one test, inside `scratchRoot`.
    static func temporaryFolder() throws -> URL {
        let url = scratchRoot.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
