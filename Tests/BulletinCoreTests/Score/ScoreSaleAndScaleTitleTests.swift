import BulletinCore
import Foundation
import Testing

/// Two deployment forms of docs/labelling.md §6 that round 17 tried and the lead shipped after relabelling holdout rh076
/// (docs/scoring.md, "After round 17"): a title that reports a use at scale as done (…规模化应用, …大规模应用,
/// …规模生产) and a title that ends on a sale made with its price or premium (…转让1200万元, …竞价转让溢价80%,
/// …拍卖会成交3100万元) are transfers. The texts are written for these tests; on the rules of main 84d106e (model layer
/// off, `evaluate` on a set made of them) four of the six transfer titles were read 应用研究成果 (the three at scale and the
/// premium; the two sales with 转让 or 拍卖 in them were transfers already), and the guards passed there and still do.
@Suite struct ScoreSaleAndScaleTitleTests {
    @Test(arguments: [
        ("猪伪狂犬病基因缺失疫苗研发成功并大规模应用",
         "研究所联合动物疫苗企业研制的猪伪狂犬病基因缺失活疫苗获得新兽药注册证书，免疫保护率高、安全性好，已在全国20多个省份的规模化猪场推广使用，累计免疫生猪超过1亿头。"),
        ("高强韧铝合金精密压铸件实现规模化应用",
         "公司与高校联合攻关，突破高强韧免热处理铝合金成分设计与真空压铸工艺，压铸件已在三家主机厂的新能源车型上批量装车，年供货量超过30万件。"),
        ("电子束焊接用钨铜复合材料实现国产化规模生产",
         "团队采用熔渗烧结与热等静压复合工艺制备钨铜复合材料，致密度和导热率达到进口产品水平，已在企业建成年产50吨生产线并稳定供货。"),
    ])
    func aUseAtScaleReportedAsDoneIsATransfer(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test(arguments: [
        ("四川农业大学两个水稻新品种经营权转让1200万元",
         "学校将两个杂交水稻新品种在西南稻区的独家经营权转让给种业企业，双方约定在五年内完成推广面积500万亩，转让收益按规定奖励品种选育团队。"),
        ("甘薯新品种“川薯228”竞价转让溢价80%",
         "省农科院在技术交易平台公开挂牌转让甘薯新品种“川薯228”的品种权，经三家企业多轮竞价，最终以起拍价1.8倍成交，受让企业将在川南建设种薯繁育基地。"),
        ("成都高校专利拍卖会23项成果成交3100万元",
         "市科技局联合多所高校举办科技成果拍卖会，电子信息、新材料、生物医药等领域的87项专利和技术秘密参拍，23项现场成交，受让企业将在成都落地实施。"),
    ])
    func aSaleEndingOnItsPriceIsATransfer(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aNameWithItsScaledUseIsNoReport() throws {
        // Guard (§6, a name is not a report; two heads joined by 及, the first decides): …关键技术及规模化应用 names a
        // technique and its use, and stays 应用研究成果.
        let a = try ScoreTestSupport.assessRules("丘陵山区果园智能化植保关键技术及规模化应用",
                                "项目研发了适用于丘陵山区果园的智能化植保机和变量施药技术，建立了病虫害监测预警模型，形成果园绿色防控技术体系，相关技术在四川、重庆等地推广应用。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aPriceWithoutASaleIsNoTransfer() throws {
        // Guard: a title ending on money that no sale made (an investment, an output value) is not a sale.
        let a = try ScoreTestSupport.assessRules("国家重点研发计划“高端功能材料”专项获中央财政支持1.2亿元",
                                "由大学牵头的高端功能材料专项项目获批立项，中央财政支持经费1.2亿元，项目将围绕高温超导带材和先进陶瓷开展攻关，联合12家单位共同实施。")
        #expect(a.category != "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }
}
