import BulletinCore
import Foundation
import Testing

/// The sixth industry pass (docs/scoring.md): two words the derived lists missed or gave the wrong class, both data in
/// `data/industry-taxonomy.json`. An operating system is 基础软件 (GB/T 4754-2017 I6511, whose note names 操作系统、
/// 数据库、中间件、固件), so 电子信息; 茶叶 is the leaf as a product (C1530 精制茶加工), so 食品轻纺, while the plant and
/// its varieties (茶树) stay 现代农业 (docs/labelling.md §4).
@Suite struct ScoreIndustrySixthPassTests {
    @Test func anOperatingSystemIsBasicSoftware() throws {
        let a = try ScoreIndustryTests.assess("国产开源桌面操作系统新版本发布",
            "发布会上推出新一代开源桌面操作系统，完成三十余个核心组件的自主选型与构建，已适配国产整机和常用办公应用，政务和金融单位开始批量部署。")
        #expect(a.industry == "电子信息")
        let reason = try #require(ScoreIndustryTests.industryReasons(a).first { $0.matched == "操作系统" })
        #expect(reason.conclusion.contains("GB/T 4754-2017 I6511 基础软件开发"), "the reason should name the class: \(reason.conclusion)")
    }

    @Test func aTeaStandardIsAboutTheProduct() throws {
        let a = try ScoreIndustryTests.assess("团体标准《茶叶感官审评方法》发布",
            "省茶叶学会组织起草的团体标准规定了茶叶外形、汤色、香气、滋味和叶底的审评方法及评分规则，适用于各类成品茶叶的质量评定。")
        #expect(a.industry == "食品轻纺")
        let reason = try #require(ScoreIndustryTests.industryReasons(a).first { $0.matched == "茶叶" })
        #expect(reason.conclusion.contains("GB/T 4754-2017 C1530 精制茶加工"), "the reason should name the class: \(reason.conclusion)")
        #expect(!ScoreIndustryTests.industryReasons(a).contains { $0.conclusion.contains("A0164") })
    }

    /// Tea processed is food by its own words now (it needed the processing entry while 茶叶 was the crop's word).
    @Test func teaProcessingIsFoodByItsWord() throws {
        let a = try ScoreIndustryTests.assess("一种茶叶的清香型加工工艺获发明专利授权",
            "该工艺以本地茶树鲜叶为原料，经摊青、杀青、揉捻和烘干制成茶叶，香气持久，已在茶叶合作社推广。")
        #expect(a.industry == "食品轻纺")
        #expect(ScoreIndustryTests.industryReasons(a).contains { $0.matched == "茶叶" && $0.conclusion.contains("C1530") })
    }

    /// The guide's tea garden (docs/labelling.md §4) is a farm word: 高山茶园 is a garden, not 高山茶.
    @Test func aTeaGardenIsAgriculture() throws {
        let a = try ScoreIndustryTests.assess("高山茶园绿色栽培技术推广", "在茶园推广茶树绿色栽培和病虫害综合防治，茶叶亩产提高百分之十五。")
        #expect(a.industry == "现代农业")
        #expect(ScoreIndustryTests.industryReasons(a).contains { $0.matched == "茶园" && $0.conclusion.contains("现代农业") })
    }

    @Test func aTeaVarietyStaysAgriculture() throws {
        let a = try ScoreIndustryTests.assess("茶树新品种“川茶6号”通过省级审定",
            "农科院茶叶研究所选育的茶树新品种川茶6号通过省级审定，发芽早、产量高、抗寒性强，适合在川西丘陵茶区推广种植。")
        #expect(a.industry == "现代农业")
    }
}
