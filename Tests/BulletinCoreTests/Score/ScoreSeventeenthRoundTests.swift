import BulletinCore
import Foundation
import Testing

/// The seventeenth round (docs/scoring.md, "Round 17"): holdout14's misses by class. A thing made at the title's head
/// and what was done with it (…激光雷达通过验收, …传感器研制取得重大突破, …制品开发通过鉴定, a module's certified
/// efficiency and its record, …模具) is a product (docs/labelling.md §6, "a process and the thing it makes"); an
/// exploration find — a deposit, an oil or gas field found or proved — is 其它 (§1, as an expedition is); a 系统 that is
/// not a named device — a warning, monitoring or navigation service put into service, or a system studied and
/// implemented — is a system of techniques (§2, §6). The texts are written for these tests (real-looking, not copies of
/// labelled cases); each class's test failed on the rules of main 0395cae (checked with
/// `/work/bench-base/main22/bulletin evaluate --case` on a set made of them, model layer off: the label, or the title
/// vote it asserts); the guards passed there and still do.
@Suite struct ScoreSeventeenthRoundTests {
    /// A subtypePhrases vote read in the title alone (a head noun closing it, or a head and its predicate) for `label`.
    static func titleHeadVote(_ a: Assessment, for label: String) -> Bool {
        a.reasons.contains {
            $0.rule == "subtypePhrases" && $0.field == "title" && $0.conclusion.hasPrefix("成果名称")
                && $0.conclusion.contains("「\(label)」")
        }
    }

    // MARK: - A thing made at the title's head (subtype)

    @Test(arguments: [
        ("星载多波束测风激光雷达通过验收",
         "研究所承担的星载多波束测风激光雷达研制任务通过专家组验收。专家组观看样机演示后认为，该激光雷达攻克了窄线宽激光发射与高灵敏相干接收等关键技术，测风精度满足设计要求，具备上星条件。"),
        ("矿用本安型多参数气体传感器研制取得重大突破",
         "团队联合煤矿企业开展技术攻关，研制的矿用本安型多参数气体传感器可同时测量甲烷、一氧化碳和氧气浓度，采用激光吸收光谱技术，零点漂移小、标定周期长，已在井下工作面试用。"),
        ("低温发酵植物蛋白饮品系列制品开发通过鉴定",
         "企业与高校合作，采用复合菌种低温发酵和酶解工艺，开发出燕麦、核桃等系列植物蛋白发酵制品。省科技厅组织的鉴定委员会认为，产品风味稳定、货架期达到9个月，生产工艺具有创新性。"),
        ("晶硅钙钛矿叠层光伏组件认证效率26.4%创纪录",
         "企业研发团队优化钙钛矿顶电池的界面钝化与大面积涂布工艺，制备的叠层光伏组件面积达到2000平方厘米，经第三方权威机构认证，转换效率为26.4%，创造同尺寸组件的效率纪录。"),
        ("新型汽车保险杠注塑模具",
         "模具公司针对大型薄壁保险杠注塑中的变形和熔接痕问题，设计热流道顺序阀控制和随形冷却水路，研制出一模两腔汽车保险杠注塑模具，成型周期缩短20%，已交付主机厂使用。"),
    ])
    func aThingAtTheTitlesHeadIsAProduct(title: String, summary: String) throws {
        // §6: the head of the title decides; a thing made (…雷达, …传感器, …制品, …组件, …模具) is 创新产品, whatever
        // the summary says of the techniques it took (攻克…关键技术, 工艺).
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "创新产品", "\(a.reasons.map(\.conclusion))")
        #expect(Self.titleHeadVote(a, for: "创新产品"), "\(a.reasons.map(\.conclusion))")
    }

    @Test func aCellsRecordGetsNoHeadVote() throws {
        // Guard: the record of a cell (…太阳电池…创世界纪录) is no module; holdout8 rt024 is labelled 关键技术, and the
        // widened efficiency predicate is a module's (组件) alone.
        let a = try ScoreTestSupport.assessRules("钙钛矿太阳电池稳态效率26.1%创世界纪录",
                                "研究团队提出分子钝化新方法，抑制钙钛矿薄膜缺陷和离子迁移，制备的小面积钙钛矿太阳电池稳态效率经认证为26.1%，创造该类电池效率的世界纪录，相关工艺已申请专利。")
        #expect(!Self.titleHeadVote(a, for: "创新产品"), "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
    }

    // MARK: - An exploration find (category)

    @Test(arguments: [
        ("川西南新发现大型锂辉石矿床 新增氧化锂资源量30万吨",
         "省地质调查院在川西南高海拔地区开展锂矿调查，通过地质填图、槽探和钻探验证，圈定多条含矿伟晶岩脉，新发现一处大型锂辉石矿床，估算新增氧化锂资源量30万吨。"),
        ("鄂西地区寒武系首获页岩气重大发现",
         "油田公司在鄂西地区部署的风险探井完钻后经压裂测试，在寒武系页岩层段获得日产天然气8万立方米的工业气流，实现该地区该层系页岩气勘探的重大发现。"),
        ("渤海湾盆地探明亿吨级整装油田",
         "海洋石油公司在渤海湾盆地实施的多口评价井获得高产油流，经储量评审，探明石油地质储量1.2亿吨，是近年来该海域发现的最大整装油田。"),
    ])
    func anExplorationFindIsOther(title: String, summary: String) throws {
        // §1: a deposit found is neither a paper (发现 alone votes 基础研究成果) nor a technology: 其它, as an
        // expedition or an excavation is.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(a.reasons.contains { $0.rule == "categoryPhrases" && $0.field == "title" && $0.conclusion.contains("「其它」") })
    }

    @Test func aNewMineralStaysAPaper() throws {
        // Guard: a new mineral species described and approved is a finding (基础研究成果), not a deposit.
        let a = try ScoreTestSupport.assessRules("发现两种新矿物并获国际矿物学协会批准",
                                "研究团队在内蒙古稀土矿区样品中发现两种未见报道的含铌矿物，通过电子探针、单晶X射线衍射等分析确定其晶体结构和化学组成，两种新矿物及其名称获国际矿物学协会新矿物命名委员会批准。")
        #expect(a.category == "基础研究成果", "\(a.reasons.map(\.conclusion))")
    }

    // MARK: - A system that is not a named device (subtype)

    @Test(arguments: [
        ("长江中游山洪灾害监测预警系统建成",
         "水利部门联合高校在流域内布设雨量站和水位站1200余个，集成北斗通信、气象雷达和水文模型，建成覆盖36个县的山洪灾害监测预警系统，可提前2小时发布预警信息。"),
        ("县域医共体远程会诊信息系统的研究与实现",
         "团队针对基层医疗机构远程会诊中数据分散、调阅慢的问题，设计分布式影像存储与调阅架构和会诊流程引擎，实现了县乡村三级医疗机构的远程会诊和检查结果互认，已在三个县试运行。"),
    ])
    func aServiceSystemIsATechnique(title: String, summary: String) throws {
        // §6: a 系统 that is not a named device is 关键技术 — a warning or monitoring service put into service, a system
        // studied and implemented (…研究与实现, as …研究 is).
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
        #expect(Self.titleHeadVote(a, for: "关键技术"), "\(a.reasons.map(\.conclusion))")
    }

    @Test func aNamedDeviceSystemStaysAProduct() throws {
        // Guard: a device called a system (…治疗系统研制成功) is a thing made.
        let a = try ScoreTestSupport.assessRules("国产碳离子治疗系统研制成功",
                                "医疗装备企业联合研究所研制的碳离子治疗系统由同步加速器、束流输运线和治疗终端组成，完成型式检验和临床前试验，治疗精度达到亚毫米级。")
        #expect(a.subtype == "创新产品", "\(a.reasons.map(\.conclusion))")
        #expect(!Self.titleHeadVote(a, for: "关键技术"), "\(a.reasons.map(\.conclusion))")
    }
}
