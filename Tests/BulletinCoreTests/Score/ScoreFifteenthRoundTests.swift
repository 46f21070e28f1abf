import BulletinCore
import Foundation
import Testing

/// The fifteenth round (docs/scoring.md, "Round 15"): category and subtype by the title's head, as docs/labelling.md
/// §6 decides. A title that names a thing (…技术集成与示范, …及产业化技术, …研发及产业化应用, …技术通过田间评价) is the thing,
/// whatever the summary says about spread; a project or programme at the title's head (…攻关项目, …专项“…”) is 其它, and
/// so is a facility whose building comes first (…服务站建设与…示范); a thing made followed by what was done with it
/// (…电子玻璃成功拉引, …组件效率…, …压机通过鉴定) is 创新产品; a technique and the line that carries it (…技术及示范线)
/// is 关键技术. The texts are written for these tests (real-looking, not copies of labelled cases); each class's test
/// failed on the rules of main 74bc0a6, the guards passed there and still do.
@Suite struct ScoreFifteenthRoundTests {
    // MARK: - A thing named, not a deployment reported (category)

    @Test(arguments: [
        ("茶园病虫害绿色防控技术集成与示范",
         "某农科院集成茶园病虫害绿色防控技术，在5个县建立示范基地，示范推广12万亩，带动茶农增收8000万元，经济效益显著。",
         "关键技术"),
        ("冷鲜牛肉品质保持关键技术研发及产业化应用",
         "团队攻克冷鲜牛肉保鲜关键技术，在3家企业实现成果转化，新增产值2.6亿元，带动养殖户增收，推广应用前景广阔。",
         "关键技术"),
        ("特色食用菌品种提纯复壮及产业化技术",
         "通过系统选育对特色食用菌品种提纯复壮，配套栽培技术在全市推广，菇农增收3000万元，实现成果转化。",
         nil),
        ("设施蔬菜连作障碍修复技术通过田间评价",
         "该技术经专家田间测产评价，黄瓜增产18%，已在周边区县示范推广5万亩，带动农户增收1200万元。",
         "关键技术"),
    ])
    func aThingNamedIsTheThing(title: String, summary: String, subtype: String?) throws {
        // §6: a name is not a report (…集成与示范, …及产业化技术); a title joining two heads is decided by the first
        // (…研发及产业化应用); otherwise the case is the thing, whatever the summary says about spread.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        // A variety's …及产业化技术 stays 关键技术 by its closing 技术 (holdout11 rw068, labelled 生物品种, is left).
        if let subtype { #expect(a.subtype == subtype, "\(a.reasons.map(\.conclusion))") }
        #expect(a.reasons.contains { $0.rule == "categoryPhrases" && $0.conclusion.hasPrefix("成果名称的收尾") && $0.conclusion.contains("应用研究成果") })
    }

    @Test(arguments: [
        ("优质油菜新品种川油88在川南大面积推广", "该品种在川南6市推广种植80万亩，亩均增收150元，累计带动农户增收1.2亿元。"),
        ("高效节能电机控制技术以1200万元转让", "某大学将高效节能电机控制技术专利以1200万元转让给本省企业，企业据此建成年产10万台生产线。"),
    ])
    func aDeploymentReportedStaysATransfer(title: String, summary: String) throws {
        // Guard: a title that reports, as done, the deployment of what it names is a transfer (§6's first class).
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "成果转移转化案例", "\(a.reasons.map(\.conclusion))")
    }

    // MARK: - A project at the head; a facility first (category)

    @Test(arguments: [
        ("高端数控机床关键功能部件产业技术攻关项目",
         "项目由省内装备企业牵头，研制出高精度电主轴和数控转台等关键部件，形成样机12台，已通过省科技厅组织的验收。"),
        ("集成电路制造装备国产化专项“强芯行动”",
         "专项支持刻蚀机、薄膜沉积设备等装备研制，带动20余家企业参与，研制的设备已进入产线验证。"),
        ("大豆科技服务站建设与高产技术示范",
         "服务站在4个乡镇示范推广大豆高产栽培技术3万亩，带动农户增收900万元，培训农民2000余人次。"),
    ])
    func aProjectOrAFacilityAtTheHeadIsOther(title: String, summary: String) throws {
        // §6: a project, programme or platform at the head of the title is 其它; when a title joins a facility's
        // building to a use (…建设与…示范), the first head decides.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "其它", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "")
    }

    @Test func aProjectOfManySignedIsNoProjectHead() throws {
        // Guard: a signing of many projects is counted, not headed by one project (the lookbehind on 个 and 产学研).
        let a = try ScoreTestSupport.assessRules("市校合作对接会签约36个产学研项目",
                                "对接会上高校与企业签约36个产学研合作项目，合同金额2.1亿元，涉及新材料、智能制造等领域的成果转化。")
        #expect(!a.reasons.contains { $0.rule == "categoryPhrases" && $0.matched.hasSuffix("项目") && $0.conclusion.contains("其它") })
    }

    // MARK: - A thing made, then what was done with it; a technique and its line (subtype)

    @Test(arguments: [
        ("0.12毫米超薄柔性电子玻璃成功拉引",
         "企业突破超薄玻璃成形和退火成套技术，在浮法生产线上拉引出0.12毫米电子玻璃，技术指标达到设计要求。"),
        ("大面积钙钛矿光伏组件效率突破18%",
         "研究团队攻克大面积涂布和激光划线技术瓶颈，制备的钙钛矿光伏组件经第三方认证光电转换效率达到18.2%。"),
        ("人造金刚石合成用大型六面顶压机通过鉴定",
         "该压机采用整体锻造铰链梁和高压密封关键技术，合成腔体积增大一倍，经专家鉴定整体达到国内领先水平。"),
    ])
    func aThingMadeIsAProduct(title: String, summary: String) throws {
        // §6: the title's head decides; a thing made (…玻璃, …组件, …机) is 创新产品 whatever verb follows it.
        let a = try ScoreTestSupport.assessRules(title, summary)
        #expect(a.category == "应用研究成果", "\(a.reasons.map(\.conclusion))")
        #expect(a.subtype == "创新产品", "\(a.reasons.map(\.conclusion))")
        #expect(a.reasons.contains { $0.rule == "subtypePhrases" && $0.conclusion.hasPrefix("成果名称以中心词及其谓语收尾") })
    }

    @Test func aTechniqueAndItsLineIsATechnique() throws {
        // §6: a title naming a technique and the line that carries it (…技术及示范线) is 关键技术.
        let a = try ScoreTestSupport.assessRules("高强铝合金构件精密成形技术及首台套示范线",
                                "团队突破大型构件精密成形和组织调控技术，建成示范线，构件减重15%，良品率达到98%。")
        #expect(a.subtype == "关键技术", "\(a.reasons.map(\.conclusion))")
    }
}
