import BulletinCore
import Foundation
import Testing

/// The ninth round of category, subtype and industry evidence (docs/scoring.md, "round 9"), by class: a text that names
/// itself a patent, a patent or technology sold at auction, a project's name that joins a technology and its
/// industrialisation, an alliance formed, an assessment of a project or base, a production line put into operation, a
/// paper published in a journal, a vehicle named 商用车, a head of goods followed by an event, a standard that comes into
/// force. The texts are written for these tests (real-looking, not copies of labelled cases); each failed on the rules
/// of 38276aa except the guards, which pass on both.
@Suite struct ScoreNinthRoundTests {
    @Test(arguments: [
        ("高钛型高炉渣低温酸解提取二氧化钛的方法",
         "攀西地区高炉渣中二氧化钛含量高但难以利用，长期堆存占用土地。该发明专利提出将磨细的高炉渣与浓硫酸在150℃以下分段酸解，再经浸出、水解和煅烧得到二氧化钛，钛回收率达到80%以上，酸解尾渣可用于制砖，能耗和废酸量均低于现有高温工艺。"),
        ("页岩气压裂返排液中溴化物的回收工艺",
         "页岩气压裂返排液含溴量高，直接回注既浪费资源又有环境风险。该发明公开一种从返排液中回收溴化物的工艺：先絮凝除油、再经氧化吹出和碱液吸收得到溴化钠溶液，浓缩结晶后纯度达到99%，处理后的返排液可回用于配液。"),
        ("高原铁路隧道低温早强喷射混凝土的配制方法",
         "高原铁路隧道冬季施工时喷射混凝土早期强度增长慢、回弹率高。本发明涉及隧道支护材料领域，提供一种低温早强喷射混凝土的配制方法：以硫铝酸盐水泥与普通硅酸盐水泥复配，掺入纳米硅溶胶和无碱速凝剂，在5℃环境下12小时抗压强度可达10兆帕以上，回弹率低于12%。"),
    ])
    func aTextThatNamesItselfAPatentIsAPatent(title: String, summary: String) throws {
        // The title names a method (…方法, …工艺), which alone votes 关键技术; the summary says the achievement is the patent
        // (该发明专利提出…, 该发明公开…, 本发明涉及…).
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "发明专利", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "constructions" && $0.conclusion.contains("发明专利") && $0.conclusion.contains("成果就是这项专利") })
    }

    @Test func patentsCountedInPassingDoNotMakeAPatent() throws {
        // 该技术已获授权发明专利12项: a portfolio cited as support (docs/labelling.md §2), not the achievement; the text
        // does not name itself a patent.
        let a = try ScoreTestSupport.assessRules("高寒地区隧道衬砌防冻保温施工技术",
                                "针对川西高寒地区隧道冬季衬砌冻胀开裂的问题，施工单位研发隧道衬砌防冻保温成套施工技术，采用新型保温层与排水系统一体化设计，已在3座高海拔隧道应用。该技术已获授权发明专利12项，形成省级工法2项。")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
        #expect(!a.reasons.contains { $0.rule == "constructions" && $0.conclusion.contains("成果就是这项专利") })
    }

    @Test(arguments: [
        ("西南地区首场高校专利拍卖会成交1200万元",
         "四川省知识产权服务促进中心联合10所高校举办专利拍卖会，推出电子信息、新材料、生物医药等领域专利120项，经现场竞拍成交46项，成交总额1200万元，其中一项锂电池回收专利以260万元拍得，竞得企业将在遂宁实施。"),
        ("“高精度光纤陀螺标定装置”以180万元竞拍成交",
         "绵阳科技城科技成果竞价会公开竞拍8项科技成果，其中中国工程物理研究院的“高精度光纤陀螺标定装置”技术起拍价90万元，经多轮举牌，由一家惯导企业以180万元拍得，该企业将把该技术用于无人机惯导产品检测。"),
    ])
    func aSaleAtAuctionIsATransfer(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
        #expect(a.reasons.contains { $0.rule == "transferEvidence" && ($0.matched == "拍卖" || $0.matched == "竞拍" || $0.matched == "拍得") })
    }

    @Test func aProjectNamedForATechnologyAndItsIndustrialisationIsTheTechnology() throws {
        // …关键技术及产业化 names the project's two aims; 及产业化 is no evidence that it was industrialised (实现产业化 is).
        let a = try ScoreTestSupport.assessRules("超高性能混凝土预制构件关键技术及产业化",
                                "省建筑科学研究院组织专家对“超高性能混凝土预制构件关键技术及产业化”项目进行科技成果评价。项目形成了低收缩超高性能混凝土配制与蒸养工艺和薄壁构件成型成套技术，建成年产5万立方米的预制构件生产线，产品用于多座桥梁和装配式建筑，经济效益和社会效益显著。专家组认为成果整体达到国内领先水平。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "transferEvidence" && $0.matched == "及产业化" && $0.weight == 0 })
        let done = try ScoreTestSupport.assessRules("超高性能混凝土预制构件关键技术实现产业化",
                                   "依托四川大学的配制与蒸养技术，一家建材企业建成年产5万立方米的超高性能混凝土预制构件生产线并实现产业化，年销售收入1.2亿元。")
        #expect(done.category == "成果转移转化案例", "\(done.reasons.map(\.conclusion))")
    }

    @Test(arguments: [
        ("成渝两地高校与园区组建氢能技术转移联盟",
         "成都市科技局牵头，四川大学、重庆大学、西南交通大学等8所高校与成都、重庆的4个氢能产业园区签署协议，组建成渝氢能技术转移联盟。联盟将围绕制氢、储运和燃料电池开展成果对接、中试熟化和人才培养，推动高校成果在园区转化。"),
        ("遂宁锂电产业科技成果转化基地绩效评价获优秀",
         "四川省科技厅对首批认定满一年的15家省级科技成果转化基地开展绩效评价，评出优秀3家、良好6家。由西南石油大学牵头建设的遂宁锂电产业科技成果转化基地评为优秀，该基地服务锂电材料企业的中试熟化和成果转化，一年来对接项目40余项。"),
        ("攀枝花两座钒钛磁铁矿智能化矿山项目通过省级评定",
         "四川省经济和信息化厅组织专家对全省智能化矿山建设项目进行现场评定，攀枝花两座钒钛磁铁矿的智能化矿山项目通过评定。两矿建成了采掘设备远程操控、井下人员精确定位和生产调度一体化系统，年采矿能力合计800万吨。"),
    ])
    func anAllianceFormedOrAProjectOrBaseAssessedIsOther(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func aProductionLinePutIntoOperationIsATransfer() throws {
        // 投入运行 alone is a facility's (其它); a production line running is industrialisation.
        let a = try ScoreTestSupport.assessRules("宜宾动力电池正极材料生产线投入运行",
                                "宜宾三江新区一家锂电材料企业的高镍三元正极材料生产线投入运行，项目采用四川大学的共沉淀与烧结控制技术，一期年产2万吨，产品已供应本地电池企业，达产后年销售收入预计60亿元。")
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "constructions" && $0.field == "title" && $0.conclusion.hasPrefix("生产线或生产基地投产") })
    }

    @Test func aMethodPublishedInAJournalIsAPaper() throws {
        let a = try ScoreTestSupport.assessRules("基于深度学习的川西山区短期降水预报方法",
                                "成都信息工程大学团队在《高原气象》发表论文，以卷积循环神经网络融合雷达回波和数值预报产品，建立川西山区0至6小时降水预报模型。检验表明，模型对强降水的命中率比业务模式高15%，为山区暴雨预警提供了新思路。")
        #expect(a.category == "基础研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "论文", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aCommercialVehicleIsNoCommercialUse() throws {
        // 商用车 is a kind of vehicle; 商用 inside it is no evidence of a transfer.
        let a = try ScoreTestSupport.assessRules("四川一家车企发布新能源轻型商用车系列",
                                "四川一家汽车企业发布新一代新能源轻型商用车系列，包括纯电和增程两种动力版本，整车续航最高420公里，采用自主研发的电驱动系统和热管理系统，百公里电耗比上一代降低12%，面向城市物流配送。")
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "创新产品", "\(a.reasons.map(\.conclusion))")
        #expect(!a.reasons.contains { $0.rule == "transferEvidence" && $0.matched == "商用" && $0.weight > 0 })
    }

    @Test func aMachineShownAtWorkIsStillAMachine() throws {
        // 收获机 followed by 现场示范: the head of goods 机 stays the title's head, and a machine that serves farming is
        // 装备制造 (docs/labelling.md §4).
        let a = try ScoreTestSupport.assessRules("丘陵山区小型履带式油菜联合收获机现场示范",
                                "四川省农业机械科学研究院研发的小型履带式油菜联合收获机在眉山丘陵地块现场示范，整机宽1.6米，可在坡度15度以内的小地块作业，每小时收获3亩，损失率低于6%，解决了丘陵山区油菜机收难的问题。")
        #expect(a.industry == "装备制造", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aStandardThatComesIntoForceIsAStandard() throws {
        // The standard's name speaks of 良种 (its subject); 国家标准…实施 says the achievement is the standard.
        let a = try ScoreTestSupport.assessRules("国家标准《茶树良种繁育基地建设规范》实施",
                                "国家标准《茶树良种繁育基地建设规范》于今年6月1日起正式实施，规定了茶树良种繁育基地的选址、设施、母本园管理和种苗质量检验要求，适用于全国茶树良种繁育基地的建设与评价。")
        #expect(a.subtype == "标准", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "standardIssued" })
    }
}
