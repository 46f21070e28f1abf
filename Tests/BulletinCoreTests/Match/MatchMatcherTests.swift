import BulletinCore
import Foundation
import Testing

/// The matcher's outcomes on hand-picked pairs: the rules in CaseMatcher's documentation.
@Suite struct MatchMatcherTests {
    let matcher = CaseMatcher()

    static let pumpSummary = "东方电机自主研制的国内首台（套）300MW级变速抽水蓄能机组在广东肇庆浪江抽水蓄能电站完成72小时试运行，"
        + "机组可在抽水工况下连续调节输入功率，调节范围达到额定容量的30%，响应时间小于1秒，打破国外长期垄断，"
        + "整体技术达到国际先进水平，对新型电力系统调峰调频具有重要意义。"

    func unit(_ id: String, _ title: String, _ summary: String = pumpSummary, submitter: String = "东方电气集团东方电机有限公司",
              mobile: String = "13981012345", month: Int = 11, channel: Channel = .organised, approved: Bool = false) -> MatchSubject {
        MatchSubject(id: id, title: title, summary: summary, submitter: submitter, supervisor: "德阳市科技局",
                     mobile: mobile, year: 2026, month: month, channel: channel, approved: approved)
    }

    @Test func sameTitleAndUnitIsSame() {
        let v = matcher.compare(unit("a", "国内首台（套）300MW级变速抽水蓄能机组研制与应用"),
                                unit("b", "国内首台(套)300兆瓦级变速抽水蓄能机组 研制与应用", "简介另写。", mobile: "13900000000", month: 12))
        #expect(v.outcome == .same)
        #expect(v.vetoes.isEmpty)
    }

    @Test func institutesRewordingIsProbableNotSame() {
        let a = unit("a", "国内首台（套）300MW级变速抽水蓄能机组研制与应用")
        let b = unit("b", "300MW级变速抽水蓄能机组研制成功",
                     "四川省科学技术信息研究所收集：东方电机研制的300MW级变速抽水蓄能机组在浪江电站完成72小时试运行，"
                        + "抽水工况下输入功率连续可调，调节范围达额定容量30%，响应时间小于1秒，打破国外垄断，达到国际先进水平。",
                     submitter: "四川省科学技术信息研究所", mobile: "13800001111", channel: .activeCollection)
        let v = matcher.compare(b, a)
        #expect(v.outcome == .probable, "\(v)")
        #expect(v.evidence.contains { $0.field == .submitter && $0.weight >= 0 })
    }

    @Test func aDifferentMachineOfTheSameUnitIsVetoed() {
        let a = unit("a", "国内首台（套）300MW级变速抽水蓄能机组研制与应用")
        let b = unit("b", "300MW级定速抽水蓄能机组研制与应用")
        let c = unit("c", "国内首台（套）600MW级变速抽水蓄能机组研制与应用")
        for other in [b, c] {
            let v = matcher.compare(a, other)
            #expect(v.outcome == .different, "\(v)")
            #expect(!v.vetoes.isEmpty)
        }
    }

    @Test func riceVarietiesAreVetoed() {
        let s = "四川农业大学选育的优质杂交水稻新品种，米质达到部颁二级优质米标准，抗稻瘟病，适宜在长江上游稻区种植。"
        let a = MatchSubject(id: "a", title: "优质杂交水稻新品种川农优498通过国家审定", summary: s, submitter: "四川农业大学",
                             mobile: "13808000000", year: 2026, month: 10)
        var b = a
        b.id = "b"
        b.title = "优质杂交水稻新品种川农优528通过国家审定"
        let v = matcher.compare(a, b)
        #expect(v.outcome == .different)
        #expect(v.vetoes.first?.kind == .variety)
        #expect(v.description.contains("否决"))
    }

    @Test func oneTemplateWithAnotherSubjectWeighsAgainst() {
        let a = MatchSubject(id: "a", title: "中药材川芎种植与采收加工行业标准", summary: "成都中医药大学牵头制定的行业标准发布实施。",
                             submitter: "成都中医药大学", year: 2026, month: 5)
        var b = a
        b.id = "b"
        b.title = "中药材附子种植与采收加工行业标准"
        let v = matcher.compare(a, b)
        #expect(v.outcome == .different)
        #expect(v.evidence.contains { $0.field == .title && $0.weight <= -8 && $0.note.contains("川芎") })
    }

    @Test func aVarietyNamedByNumberAndByNameIsVetoed() {
        let a = MatchSubject(id: "a", title: "杂交水稻新品种川康优6308", summary: "省农科院作物所选育。", submitter: "四川省农业科学院", year: 2026, month: 5)
        let b = MatchSubject(id: "b", title: "优质高产杂交水稻新品种川康优丝苗", summary: "省农科院作物所选育。", submitter: "四川省农业科学院", year: 2026, month: 5)
        let v = matcher.compare(a, b)
        #expect(v.outcome == .different)
        #expect(v.vetoes.first?.kind == .variety)
    }

    @Test func aVarietyNumberInChineseNumeralsIsNotVetoed() {
        let a = MatchSubject(id: "a", title: "早生茶树新品种川茶2号", summary: "省农科院茶叶所选育。", submitter: "四川省农业科学院", year: 2026, month: 5)
        let b = MatchSubject(id: "b", title: "川茶二号茶树品种推广", summary: "省农科院茶叶所选育。", submitter: "四川省农村科技发展中心", year: 2026, month: 5)
        #expect(matcher.compare(a, b).vetoes.isEmpty)
    }

    @Test func aCoCompleterIsNotCountedAgainst() {
        let a = MatchSubject(id: "a", title: "高温超导高速磁浮工程化样车及试验线", summary: "西南交通大学联合中车长春轨道客车股份有限公司建成试验线，时速600公里。",
                             submitter: "西南交通大学", year: 2026, month: 7)
        let b = MatchSubject(id: "b", title: "高温超导磁浮样车下线", summary: "中车长客与西南交通大学研制的高温超导磁浮样车下线，设计时速600公里。",
                             submitter: "中车长春轨道客车股份有限公司", year: 2026, month: 7)
        let v = matcher.compare(a, b)
        #expect(v.evidence.contains { $0.field == .submitter && $0.weight == 0 })
    }

    @Test func anApprovedCaseIsFlagged() {
        let v = matcher.compare(unit("a", "300MW级变速抽水蓄能机组研制与应用"), unit("b", "300MW级变速抽水蓄能机组研制与应用", approved: true))
        #expect(v.outcome == .same)
        #expect(v.otherApproved)
        #expect(v.reason.contains("重大处"))
    }

    @Test func theIndexFindsRewordedTitlesAndSkipsUnrelatedOnes() {
        var subjects: [MatchSubject] = [unit("2026-10-0001", "国内首台（套）300MW级变速抽水蓄能机组研制与应用", month: 10)]
        subjects.append(MatchSubject(id: "2026-10-0002", title: "高产抗病小麦新品种川麦104", summary: "四川省农业科学院作物研究所选育。",
                                     submitter: "四川省农业科学院", year: 2026, month: 10))
        var index = MatchIndex(subjects: subjects)
        let night = [unit("n1", "300MW级变速抽水蓄能机组研制成功", month: 11), unit("n2", "300兆瓦变速抽蓄机组", month: 11)]
        let results = matcher.matchNight(night, into: &index)
        #expect(results.count == 2)
        #expect(results[0].verdicts.map(\.otherID) == ["2026-10-0001"])
        #expect(results[0].verdicts.first?.outcome != .different)
        #expect(Set(results[1].verdicts.map(\.otherID)) == ["2026-10-0001", "n1"])
        #expect(index.count == 4)
        #expect(results[1].sameAs == nil || results[1].possibleDuplicates.isEmpty)
        let attached = matcher.matchNight([unit("n3", "国内首台(套)300MW级变速抽水蓄能机组研制与应用", month: 11)], into: &index)
        #expect(attached.first?.sameAs?.otherID == "2026-10-0001")
        #expect(attached.first?.possibleDuplicates == [])
    }

    @Test func verdictsAreCodableBothWays() throws {
        let v = matcher.compare(unit("a", "300MW级变速抽水蓄能机组研制与应用"), unit("b", "300MW级定速抽水蓄能机组研制与应用"))
        let back = try JSONDecoder().decode(MatchVerdict.self, from: JSONEncoder().encode(v))
        #expect(back == v)
    }
}
