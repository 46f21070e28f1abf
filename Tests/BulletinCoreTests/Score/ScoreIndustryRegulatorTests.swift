import BulletinCore
import Foundation
import Testing

/// What the drug regulator approves is a drug or a medical device (docs/labelling.md §4): software or a machine that
/// 国家药监局 registers is 医药健康, and the reason says so; the same software without the regulator stays 电子信息.
@Suite struct ScoreIndustryRegulatorTests {
    static let title = "胃镜图像人工智能辅助诊断软件"

    @Test func softwareTheRegulatorRegistersIsMedical() throws {
        let a = try ScoreIndustryTests.assess(Self.title,
            "该软件利用人工智能和深度神经网络实时识别胃镜图像中的早癌病灶，获国家药监局批准注册，已在多家医院使用。")
        #expect(a.industry == "医药健康")
        let reason = try #require(ScoreIndustryTests.industryReasons(a).first { $0.conclusion.contains("批准或注册") })
        #expect(reason.matched == "药监局")
        #expect(reason.conclusion.contains("C358"))
    }

    @Test func theSameSoftwareWithoutTheRegulatorIsElectronics() throws {
        let a = try ScoreIndustryTests.assess(Self.title,
            "该软件利用人工智能和深度神经网络实时识别胃镜图像，软件算法和算力平台均为自主研发。")
        #expect(a.industry == "电子信息")
        #expect(!ScoreIndustryTests.industryReasons(a).contains { $0.conclusion.contains("批准或注册") })
    }
}
