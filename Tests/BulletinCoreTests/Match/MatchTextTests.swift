import BulletinCore
import Foundation
import Testing

/// Normalisation and hard tokens of the matcher (Sources/BulletinCore/Match).
@Suite struct MatchTextTests {
    @Test(arguments: [
        ("３００兆瓦级变速机组", "300MW级变速机组"),
        ("年产10万吨电池级材料", "年产10万T电池级材料"),
        ("白鹤滩百万千瓦水轮发电机组", "白鹤滩1000MW水轮发电机组"),
        ("±800千伏特高压", "±800KV特高压"),
        ("hl-2m装置", "HL-2M装置"),
        ("千瓦级燃料电池", "千瓦级燃料电池"),
        ("22纳米光刻", "22NM光刻"),
    ])
    func normalisesWidthsCaseAndUnits(input: String, expected: String) {
        #expect(MatchText.normalise(input) == expected)
    }

    @Test func keyDropsPunctuationAndSpaces() {
        #expect(MatchText.key(MatchText.normalise("国内首台（套）300MW级 变速抽水蓄能机组——研制与应用")) == "国内首台套300MW级变速抽水蓄能机组研制与应用")
    }

    @Test func containmentOfBigrams() {
        let a = MatchText.grams("变速抽水蓄能机组", size: 2)
        let b = MatchText.grams("300MW级变速抽水蓄能机组研制", size: 2)
        #expect(a.count == 7)
        #expect(MatchText.containment(a, b) == 1)
        #expect(MatchText.containment(a, MatchText.grams("定速抽水蓄能机组", size: 2)) < 1)
    }

    func tokens(_ s: String, contrast: [[String]] = MatchSettings().contrastTerms) -> Set<String> {
        Set(HardTokens.extract(MatchText.normalise(s), contrast: contrast).map { "\($0.kind.rawValue):\($0.value)" })
    }

    @Test func quantitiesAreCanonical() {
        #expect(tokens("300兆瓦级变速抽水蓄能机组").contains("quantity:300MW"))
        #expect(tokens("30万千瓦机组").contains("quantity:300MW"))
        #expect(tokens("年产2.5万吨氢氧化锂").contains("quantity:25000T"))
        #expect(tokens("12000米特深井钻机").contains("quantity:12000M"))
        #expect(!tokens("2020年投运，发现12个源").contains { $0.hasPrefix("quantity") })
    }

    @Test func codesStandardsPatentsAndVarieties() {
        let t = tokens("CR450动车组与HL-2M装置、PandaX-4T实验")
        #expect(t.isSuperset(of: ["code:CR450", "code:HL-2M", "code:PANDAX-4T"]))
        #expect(!t.contains("quantity:4T"))
        #expect(tokens("主导制定GB/T 10781.1-2021浓香型白酒").contains("standard:GB/T10781.1"))
        #expect(tokens("ISO 23678钒氮合金").contains("standard:ISO23678"))
        #expect(tokens("DB51/T 2815—2021").contains("standard:DB51/T2815"))
        #expect(tokens("专利号ZL201510123456.7").contains("patent:ZL201510123456"))
        #expect(tokens("优质杂交水稻新品种川农优498").contains("variety:农优498"))
        #expect(tokens("小麦新品种川麦104").contains("variety:川麦104"))
        #expect(tokens("茶树新品种天府5号").contains("variety:天府5号"))
        #expect(tokens("《中国泥石流》专著").contains("quoted:中国泥石流"))
        #expect(tokens("高效TNC晶硅电池").contains("code:TNC"))
    }

    @Test func contrastWords() {
        #expect(tokens("300MW级变速抽水蓄能机组").contains("contrast:变速"))
        #expect(tokens("第三代核电") == ["contrast:三代"])
        #expect(tokens("单晶与多晶硅").isSuperset(of: ["contrast:单晶", "contrast:多晶"]))
    }

    @Test func settingsDecodeWithDefaultsAndReportProblems() throws {
        let json = #"{"probableScore": 7.5, "weights": {"mobileSame": 2}, "titleGram": 9}"#
        let s = try JSONDecoder().decode(MatchSettings.self, from: Data(json.utf8))
        #expect(s.probableScore == 7.5)
        #expect(s.weights.mobileSame == 2)
        #expect(s.weights.titleSame == MatchWeights().titleSame)
        #expect(s.summaryGram == 3)
        #expect(s.problems() == ["titleGram: 9 is not 1 to 4; use 2"])
        #expect(MatchSettings().problems().isEmpty)
    }
}
