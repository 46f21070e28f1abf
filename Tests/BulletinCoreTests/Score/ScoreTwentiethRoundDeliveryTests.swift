import BulletinCore
import Foundation
import Testing

/// Round 20's delivery class (docs/scoring.md, "Round 20: what recurs in holdout17–19"; it failed the round's declared
/// rule and was shipped by the lead's call, "The lead's call on C7 and C2"): a product delivered to a customer, bought in batches or on firm order
/// by one, exported and commissioned, or sold to one as a service is a transfer reported as done (docs/labelling.md §1:
/// 批量交付, 投入商用; §6: 批量交付, 批量供货), not the product. Round 18 measured the first forms (交付…客户, 为…用户提供…
/// 服务); round 20 adds what holdout18 and holdout19 showed (获…订单, 获…批量采购, 出口…完成调试). The texts are written
/// for these tests (real-looking, not copies of labelled cases); each was read 应用研究成果/创新产品 by the rules of main
/// e64a7fe (checked with `bulletin evaluate` on a set made of them with main's pipeline.json, model layer off); the
/// guard passed there and still does.
@Suite struct ScoreTwentiethRoundDeliveryTests {
    @Test(arguments: [
        ("国产土压平衡盾构机出口越南完成调试",
         "某重工集团为越南河内地铁项目研制的土压平衡盾构机运抵施工现场并完成整机调试，正式交付越方施工单位使用。该机采用企业自主开发的主驱动和控制系统，可适应软土和砂卵石地层，是该企业首台出口东南亚的盾构机。"),
        ("五轴联动数控加工中心获德国汽车零部件企业批量采购",
         "某机床公司研制的五轴联动加工中心通过德国客户按其企业标准进行的三个月验收，定位精度和稳定性全部达标，客户随即由试用采购转为批量采购，首批20台已经发运，该公司也进入客户的全球供应商名录。"),
        ("中型无人直升机获海外用户30架确认订单",
         "在珠海航展上，某航空企业与东南亚一家农业服务公司签订30架中型无人直升机确认订单，用于植保和物资运输。该机最大起飞重量500公斤，采用自主研发的飞控系统，已取得民航局型号合格证。"),
        ("商业遥感卫星星座首次为海外用户提供数据服务",
         "某航天企业的商业遥感卫星星座与中东一家测绘机构签署协议，首次向海外用户提供亚米级遥感影像和数据处理服务，用于城市规划和农业监测。星座现有在轨卫星12颗，重访周期缩短至6小时。"),
    ])
    func aProductDeliveredToOrBoughtByACustomerIsATransfer(title: String, summary: String) throws {
        // §1/§6: the title reports the product delivered, bought or put to a customer's use, as done; the product's
        // own description (研制, 自主研发, 型号合格证) does not make it 应用研究成果.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(ScoreEighteenthRoundTests.titleVote(a, for: "成果转移转化案例"), "\(a.reasons.map(\.conclusion))")
    }

    @Test func aMachineBuiltForExportIsStillTheMachine() throws {
        // Guard: a machine rolled out for an export order (…下线) is the machine (as rx098 and rp082 are labelled);
        // the class reads only a delivery, purchase, order or service reported in the title.
        let a = try ScoreTestSupport.assessRules(
            "大直径泥水平衡盾构机下线",
            "某重工集团为出口马来西亚地铁项目研制的大直径泥水平衡盾构机在长沙下线，开挖直径12.5米，采用自主研发的常压换刀和泥浆环流系统，可在高水压地层中安全掘进。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "创新产品", "\(a.reasons.map(\.conclusion))")
    }
}
