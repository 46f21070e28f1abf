import BulletinCore
import Foundation
import Testing

/// The seventh industry pass (docs/scoring.md): a title that announces a batch of institutions or projects at once
/// (`industryBatch`) is 其他, whatever field is named for one member of the batch; a count of varieties or products,
/// a single centre, or a licence of several projects is no such batch and keeps its industry.
@Suite struct ScoreIndustryBatchTests {
    static func batchReasons(_ a: Assessment) -> [Reason] {
        a.reasons.filter { $0.rule == "industryBatch" }
    }

    @Test func aBatchOfCentresAcceptedIsOther() throws {
        let a = try ScoreIndustryTests.assess("高速铁路动车组等24个省工程技术研究中心通过验收",
            "省科技厅组织专家对高速铁路动车组等24个省工程技术研究中心进行验收，专家组认为各中心完成了组建任务，同意通过验收，并要求依托单位提升共性技术研发和成果转移转化能力。")
        #expect(a.industry == "其他")
        let reason = try #require(Self.batchReasons(a).first)
        #expect(reason.matched == "24个省工程技术研究中心通过验收")
        #expect(reason.conclusion.contains("一批机构或项目"))
    }

    @Test func projectsSignedTogetherAreOther() throws {
        let a = try ScoreIndustryTests.assess("成都高新区28个项目集中签约",
            "签约项目涵盖集成电路、创新药、工业机器人和锂电池材料，总投资约260亿元。")
        #expect(a.industry == "其他")
        #expect(Self.batchReasons(a).first?.matched == "28个项目集中签约")
    }

    @Test func aCollectiveOpeningIsOtherWithoutACount() throws {
        let a = try ScoreIndustryTests.assess("省第三批重点实验室和柔性电子研究院集中揭牌",
            "省重点实验室与柔性电子研究院在省会集中揭牌，涉及生物育种、先进计算和柔性电子等方向。")
        #expect(a.industry == "其他")
    }

    /// A count of varieties or products is no batch of institutions: the vocabulary decides.
    @Test func aCountOfVarietiesKeepsItsIndustry() throws {
        let a = try ScoreIndustryTests.assess("河南32个小麦品种通过国家审定",
            "国家农作物品种审定委员会审定通过河南选育的32个小麦新品种，平均亩产较对照增产5%以上，抗病性好。")
        #expect(a.industry == "现代农业")
        #expect(Self.batchReasons(a).isEmpty)
    }

    /// One centre accepted is one platform of one field; projects licensed are what was licensed.
    @Test(arguments: [
        ("省高端数控机床工程技术研究中心通过验收", "该中心围绕五轴联动数控机床和精密主轴开展研发，完成了建设任务，专家同意通过验收。", "装备制造"),
        ("抗体药物平台与6个项目授权跨国药企", "研究院将抗体药物发现平台及6个在研新药项目授权跨国药企，首付款2亿元。", "医药健康"),
    ])
    func oneInstitutionOrALicenceIsNoBatch(title: String, summary: String, industry: String) throws {
        let a = try ScoreIndustryTests.assess(title, summary)
        #expect(Self.batchReasons(a).isEmpty)
        #expect(a.industry == industry)
    }
}
