import BulletinCore
import Foundation
import Testing

/// The sixth round of subtype evidence: the title's head noun says what was delivered. A title ending with
/// 关键技术 is a technique even when a machine it serves is named before it (the technique-head pattern used to be
/// hidden inside the phrase 关键技术); a surgical procedure done with a device (机器人…根治术, 机器人…切除手术) is a
/// method performed, 关键技术, not the robot used for it; a bridge or tunnel built (大桥建成) is an engineering work, 其它.
@Suite struct ScoreSubtypeHeadTests {
    @Test func aTitleEndingWithKeyTechnologyIsATechniqueEvenWhenItNamesAMachine() throws {
        let a = try ScoreTestSupport.assessRules("飞机结冰防护关键技术",
                                "中国空气动力研究与发展中心团队突破飞机结冰机理与防除冰评估难题，形成覆盖机翼、发动机短舱和传感器的结冰防护成套关键技术，已为国产大型客机提供防冰支撑。")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "subtypePhrases" && $0.field == "title" && $0.matched == "关键技术" && $0.weight == 10 })
    }

    @Test(arguments: [
        ("国产手术机器人完成跨院区远程前列腺根治术",
         "四川大学华西医院泌尿外科团队在成都远程操作国产手术机器人，为300公里外绵阳一名前列腺癌患者实施机器人辅助前列腺根治术，术后第二天患者即可下床。"),
        ("单孔机器人辅助新生儿肾盂成形术",
         "四川省妇幼保健院小儿外科团队使用国产单孔手术机器人，经脐部小切口为一名出生10天的新生儿完成肾盂成形术，创该术式最低龄纪录。"),
    ])
    func aSurgicalProcedurePerformedIsATechniqueNotTheRobot(title: String, summary: String) throws {
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aSurgicalRobotDevelopedIsStillAProduct() throws {
        let a = try ScoreTestSupport.assessRules("国产骨科手术机器人研制成功",
                                "成都一家企业研发的骨科手术机器人获批注册证，可在关节置换手术中按规划路径自动定位，定位精度达到亚毫米级。")
        #expect(a.subtype == "创新产品", "\(a.reasons.map(\.conclusion))")
    }

    @Test func aBridgeBuiltIsOther() throws {
        let a = try ScoreTestSupport.assessRules("宜宾临港长江公铁两用大桥建成",
                                "宜宾临港长江大桥主跨522米，是世界上跨度最大的公铁两用斜拉桥，上层为双向六车道公路，下层为双线铁路，主塔采用高强度混凝土。")
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
    }
}
