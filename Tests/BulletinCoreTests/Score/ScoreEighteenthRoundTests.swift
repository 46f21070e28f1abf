import BulletinCore
import Foundation
import Testing

/// The eighteenth round (docs/scoring.md, "Round 18: what recurs in holdout15–17"): classes that fixed cases in at least
/// two of the three sets nobody had tuned on. A plant, line or project being built — started, its main works finished,
/// an investment to build it, projects signed to settle somewhere — is a project at the title's head (其它, docs/
/// labelling.md §1 and §6), not yet a deployment; an exploration find — a breakthrough in exploring for gas, oil or ore,
/// a well's test output, a resource base found — is 其它 (§1, widening round 17's); a review (综述, 研究进展, 现状及对策)
/// is a paper (§1). The texts are written for these tests (real-looking, not copies of labelled cases); each class's
/// texts were read wrong by the rules of main 7ae4b37 (checked with `/work/bench-base/main23/bulletin evaluate` on a set
/// made of them with main's pipeline.json, model layer off); the guards passed there and still do.
@Suite struct ScoreEighteenthRoundTests {
    /// A categoryPhrases vote read in the title for `label`.
    static func titleVote(_ a: Assessment, for label: String, naming fragments: [String] = []) -> Bool {
        a.reasons.contains { r in
            r.rule == "categoryPhrases" && r.field == "title" && r.conclusion.contains("「\(label)」")
                && (fragments.isEmpty || fragments.contains { r.conclusion.contains($0) })
        }
    }

    // MARK: - A plant or project being built (category)

    @Test(arguments: [
        ("年产5万吨高端电子铝箔项目在眉山启动建设",
         "由某铝业公司投资的年产5万吨高端电子铝箔项目在眉山经开区启动建设，主要建设熔铸、冷轧和分切生产线，计划明年底建成投产，达产后可为电容器和动力电池企业供应铝箔。"),
        ("冷链中央厨房及预制菜加工项目主体完工",
         "某食品集团在遂宁投资建设的冷链中央厨房及预制菜加工项目主体工程完工，进入设备安装阶段，项目建成后年加工预制菜3万吨，计划明年上半年投产。"),
        ("外资企业投资5亿元在宜宾建设锂电池隔膜工厂",
         "某外资企业与宜宾三江新区签订投资协议，总投资5亿元建设锂电池隔膜工厂，一期建设湿法隔膜生产线4条，预计年底投产，产品供应本地动力电池企业。"),
        ("3个生物医药项目签约落户天府国际生物城",
         "天府国际生物城在深圳举行招商推介会，与3家生物医药企业现场签约，项目涉及抗体药物研发生产、医疗器械和细胞治疗，总投资约20亿元。"),
    ])
    func aPlantBeingBuiltIsAProject(title: String, summary: String) throws {
        // §1 and §6: a project started, built or signed is 其它 when it is the head of the title; the production it
        // plans (计划…投产, 建成后年产值…) is not yet a deployment.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(Self.titleVote(a, for: "其它"), "\(a.reasons.map(\.conclusion))")
    }

    @Test(arguments: [
        ("高校科技成果对接会签约技术转让5000万元",
         "省科技厅举办高校科技成果对接会，12所高校与企业现场签约技术转让和许可项目18项，合同金额5000万元，涉及新材料、生物医药和智能装备。"),
        ("千吨级碳化硅粉体生产线建成投产",
         "企业采用自主研发的高纯碳化硅合成工艺，建成千吨级碳化硅粉体生产线并正式投产，产品纯度达到99.999%，已向多家衬底企业批量供货，年销售收入1.2亿元。"),
    ])
    func aLineBuiltAndRunningOrASaleSignedStaysATransfer(title: String, summary: String) throws {
        // Guards: a line built and put into production (…建成投产) and a meeting whose title reports a sale signed with
        // its amount are deployments (§6), and the building class does not touch them.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    // MARK: - An exploration find (category)

    @Test(arguments: [
        ("川东北地区深层天然气勘探获重大突破",
         "油田公司在川东北部署的深层风险探井完成测试，在二叠系储层获得日产天然气60万立方米的高产工业气流，标志着该地区深层天然气勘探取得重大突破。"),
        ("川页2井测试日产页岩气超60万立方米",
         "部署在川南的川页2井完成压裂和放喷测试，测试日产页岩气62万立方米，井口压力稳定，是该区块目前产量最高的页岩气井，为区块整体评价提供了依据。"),
        ("滇西离子吸附型稀土资源基地发现",
         "地质调查团队在滇西开展稀土找矿调查，通过系统采样和钻探验证，在花岗岩风化壳中圈定多处离子吸附型稀土矿体，发现一处大型稀土资源基地，预测资源量可观。"),
    ])
    func anExplorationFindIsOther(title: String, summary: String) throws {
        // §1: a find in the field is neither a technology (勘探技术, 压裂) nor a paper (发现 alone votes 基础研究成果).
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(Self.titleVote(a, for: "其它"), "\(a.reasons.map(\.conclusion))")
    }

    // MARK: - A review (category and subtype)

    @Test(arguments: [
        ("我国小麦抗条锈病育种研究进展",
         "作者在《作物学报》发表文章，系统梳理我国小麦条锈病抗性基因的发掘、定位和育种利用，总结已审定抗病品种的抗性来源，并对今后抗病育种的方向提出建议。"),
        ("猕猴桃细菌性溃疡病防控技术综述",
         "作者综述国内外猕猴桃溃疡病病原、侵染规律和防控技术研究，比较抗病品种、栽培措施和药剂防治的效果，提出抗病品种与栽培措施相结合的综合防控策略。"),
        ("川产道地药材产业现状及发展对策",
         "作者调查全省道地药材种植面积、加工企业和市场情况，分析良种缺乏、加工粗放等问题，提出建设规范化种植基地和延长产业链的对策，文章发表在《中国中药杂志》。"),
    ])
    func aReviewIsAPaper(title: String, summary: String) throws {
        // §1: a review surveys varieties, techniques or an industry; it is a paper (基础研究成果 / 论文), not the
        // varieties or techniques it surveys.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "基础研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "论文", "\(a.reasons.map(\.conclusion))")
        #expect(Self.titleVote(a, for: "基础研究成果"), "\(a.reasons.map(\.conclusion))")
    }
}
