import BulletinCore
import Foundation
import Testing

/// Farm produce processed is food (docs/labelling.md §4; GB/T 4754-2017 C13 农副食品加工业, C1530 精制茶加工): a title
/// that names 加工 or 屠宰 while farm words lead goes to 食品轻纺, and says why; a processing machine stays a machine.
@Suite struct ScoreIndustryProcessingTests {
    static func assess(_ title: String, _ summary: String) throws -> Assessment {
        try ScoreIndustryTests.assess(title, summary)
    }

    @Test(arguments: [
        ("一种核桃的低温脱涩加工工艺获发明专利授权", "该工艺以本地核桃鲜果为原料，经脱青皮、清洗、低温烘干和破壳分级制成核桃仁，口感清香，已在核桃种植合作社推广。", "加工"),
        ("生猪屠宰分级国家标准发布", "标准规定了生猪屠宰后胴体的分级方法，适用于养猪场出栏生猪和定点屠宰企业。", "屠宰"),
    ])
    func processingFarmProduceIsFood(title: String, summary: String, activity: String) throws {
        let a = try Self.assess(title, summary)
        #expect(a.industry == "食品轻纺")
        let reason = try #require(ScoreIndustryTests.industryReasons(a).first { $0.conclusion.contains("农产品的") })
        #expect(reason.matched == activity)
        #expect(reason.conclusion.contains("GB/T 4754-2017 C13"))
    }

    /// A machine serving farms is the guide table's (a machine): the processing entry adds nothing after it.
    @Test func aMachineServingFarmsIsNotProcessedFood() throws {
        let a = try Self.assess("稻谷烘干加工一体机", "该一体机用于稻谷收获后烘干，水稻种植户和合作社使用后稻谷损失减少，每亩增收一百元，已在水稻主产区推广。")
        #expect(a.industry == "装备制造")
        #expect(!ScoreIndustryTests.industryReasons(a).contains { $0.conclusion.contains("农产品的") })
    }

    /// The processing is the achievement when the title names it and no machine, even when the summary's equipment
    /// (the means of processing) outvotes the food: 鲜切果蔬加工 with its 成套装备 is food.
    @Test(arguments: [
        ("鲜切果蔬加工关键技术集成与示范", "研发了清洗、切分、保鲜成套装备和智能分拣机器人，在农产品主产区建成示范线五条，带动农民增收。"),
    ])
    func processingOutvotedByItsEquipmentIsFood(title: String, summary: String) throws {
        let a = try Self.assess(title, summary)
        #expect(a.industry == "食品轻纺", "\(ScoreIndustryTests.industryReasons(a).map(\.conclusion))")
        let reason = try #require(ScoreIndustryTests.industryReasons(a).first { $0.conclusion.contains("不是机器") })
        #expect(reason.matched == "加工")
    }

    /// A machine named as such in the title stays a machine, processing or not (精密加工数控机床).
    @Test func aMachineHeadWithProcessingStaysAMachine() throws {
        let a = try Self.assess("果蔬清洗加工一体机", "该一体机集清洗、去皮、切片于一体，用于果蔬加工企业，已销售三百台，果蔬加工效率提高一倍，配套装备齐全。")
        #expect(a.industry == "装备制造")
        #expect(!ScoreIndustryTests.industryReasons(a).contains { $0.conclusion.contains("不是机器") })
    }

    /// Farm work without processing stays 现代农业.
    @Test func farmingWithoutProcessingStaysFarming() throws {
        let a = try Self.assess("高山茶园绿色栽培技术推广", "在茶园推广茶树绿色栽培和病虫害综合防治，茶叶亩产提高百分之十五。")
        #expect(a.industry == "现代农业")
    }
}
