@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// The monthly bulletin: content, GB/T 9704 page set-up and type, draft mark, empty and refused issues.
struct RenderBulletinTests {
    private func written(_ issue: BulletinIssue) throws -> RenderDocx {
        try RenderDocx.written(BulletinRenderer.render(issue), in: RenderSamples.temporaryFolder(), name: "bulletin.docx")
    }

    @Test func titlesUnitsAndIssueLineAppearInTheText() throws {
        let docx = try written(RenderSamples.november)
        let paragraphs = try docx.paragraphs()
        let text = paragraphs.joined(separator: "\n")
        #expect(paragraphs.contains("创新驱动要参"))
        #expect(paragraphs.contains("2026年第11期（总第35期）"))
        #expect(paragraphs.contains("\u{3000}四川省科学技术厅2026年11月22日\u{3000}"))
        #expect(paragraphs.contains("目\u{3000}\u{3000}录"))
        for entry in RenderSamples.november.entries {
            #expect(text.contains(entry[.title]))
            #expect(text.contains("报送单位：\(entry[.submitter])"))
            #expect(text.contains("归口部门：\(entry[.supervisor])"))
        }
        #expect(paragraphs.contains("一、揭示肿瘤细胞通过乳酸化修饰逃逸T细胞免疫杀伤的新机制"))
        #expect(paragraphs.contains("三、国内首台（套）300MW级变速抽水蓄能机组研制与应用"))
        // Labelled facts share a line while they fit in 26 characters; a value is never split.
        #expect(paragraphs.contains("报送单位：四川大学\u{3000}\u{3000}归口部门：省教育厅"))
        #expect(paragraphs.contains("成果类别：基础研究成果（论文）\u{3000}\u{3000}技术水平：国际领先"))
        #expect(paragraphs.contains("所属产业：医药健康"))
        #expect(paragraphs.contains("报送单位：东方电气集团东方电机有限公司"))
        #expect(paragraphs.contains("归口部门：德阳市科技局"))
    }

    @Test func achievementsAreHeadingsFollowedByIndentedSummaryParagraphs() throws {
        let body = try written(RenderSamples.november).xml("word/document.xml")
        let styled = body.wAll("p").map { ($0.wFirst("pStyle")?.w("val") ?? "", $0.textContent) }
        let headings = styled.filter { $0.0 == WordStyles.heading1 }.map(\.1)
        #expect(headings.count == 3)
        #expect(headings.first?.hasPrefix("一、") == true)
        // The summary's two paragraphs, the hand-made indent of the second one removed.
        let bodyTexts = styled.filter { $0.0 == WordStyles.body }.map(\.1)
        #expect(bodyTexts.contains { $0.hasPrefix("2026年10月，四川大学华西医院") })
        #expect(bodyTexts.contains { $0.hasPrefix("团队进一步设计了") })
    }

    @Test func pageSetUpIsA4WithTheStandardMarginsAndGrid() throws {
        let section = try #require(try written(RenderSamples.november).xml("word/document.xml").wFirst("sectPr"))
        let size = try #require(section.wFirst("pgSz"))
        #expect(size.w("w") == "11907" && size.w("h") == "16840" && size.w("orient") == nil)
        let margins = try #require(section.wFirst("pgMar"))
        #expect(margins.w("top") == "2098")      // 37 mm
        #expect(margins.w("bottom") == "1985")   // 35 mm
        #expect(margins.w("left") == "1588")     // 28 mm
        #expect(margins.w("right") == "1474")    // 26 mm
        let grid = try #require(section.wFirst("docGrid"))
        #expect(grid.w("type") == "lines" && grid.w("linePitch") == "579")
        #expect(section.wAll("footerReference").count == 2)
    }

    @Test func stylesCarryTheOfficialFonts() throws {
        let styles = try written(RenderSamples.november).xml("word/styles.xml")
        let defaults = try #require(styles.wFirst("docDefaults"))
        #expect(defaults.wFirst("rFonts")?.w("eastAsia") == "仿宋_GB2312")
        #expect(defaults.wFirst("sz")?.w("val") == "32")
        let spacing = try #require(defaults.wFirst("pPrDefault")?.wFirst("spacing"))
        #expect(spacing.w("line") == "579" && spacing.w("lineRule") == "exact")
        #expect(defaults.wFirst("rPrDefault")?.wFirst("spacing")?.w("val") == "-5")
        func style(_ id: String) throws -> XMLElement {
            try #require(styles.wAll("style").first { $0.w("styleId") == id })
        }
        #expect(try style(WordStyles.title).wFirst("rFonts")?.w("eastAsia") == "方正小标宋简体")
        #expect(try style(WordStyles.title).wFirst("sz")?.w("val") == "44")
        #expect(try style("Heading1").wFirst("rFonts")?.w("eastAsia") == "黑体")
        #expect(try style("Heading2").wFirst("rFonts")?.w("eastAsia") == "楷体_GB2312")
        #expect(try style("Masthead").wFirst("color")?.w("val") == "FF0000")
        #expect(try style("Footer").wFirst("rFonts")?.w("eastAsia") == "宋体")
        #expect(try style("Footer").wFirst("sz")?.w("val") == "28")
    }

    @Test func footersNumberPagesBetweenDashes() throws {
        let docx = try written(RenderSamples.november)
        for name in ["word/footer1.xml", "word/footer2.xml"] {
            let footer = try docx.xml(name)
            #expect(RenderDocx.visibleText(footer) == "— 1 —")
            #expect(footer.wFirst("instrText")?.textContent.trimmingCharacters(in: .whitespaces) == "PAGE")
        }
        #expect(try docx.xml("word/settings.xml").wFirst("evenAndOddHeaders") != nil)
    }

    @Test func draftIsMarkedAndTheFinalIsNot() throws {
        #expect(try written(RenderSamples.november).paragraphs().contains("草稿"))
        var final = RenderSamples.november
        final.draft = false
        #expect(try !written(final).paragraphs().joined().contains("草稿"))
    }

    @Test func emptyIssueSaysNothingWasSelected() throws {
        let paragraphs = try written(RenderSamples.emptyDecember).paragraphs()
        #expect(paragraphs.contains("2026年第12期（总第36期）"))
        #expect(paragraphs.contains("2026年12月没有入选通报的重大科技成果。"))
        #expect(!paragraphs.contains("目\u{3000}\u{3000}录"))
    }

    @Test func classifiedCaseIsRefusedWithoutNamingIt() throws {
        var issue = RenderSamples.november
        issue.entries[1].classified = true
        #expect(throws: RenderError.classified(caseID: "c-uestc-sic", document: "the bulletin 2026年第11期（总第35期）")) {
            try BulletinRenderer.render(issue)
        }
        let message = RenderError.classified(caseID: "c-uestc-sic", document: "the bulletin").description
        #expect(!message.contains(RenderSamples.uestc[.title]))
    }

    @Test func malformedDatesCannotReachTheRenderer() throws {
        // Dates are typed: a malformed one is refused where it is parsed, never drawn.
        #expect(CalendarDate("2026/11/22" as String) == nil)
        #expect(BulletinPeriod("2026-11-22" as String) == nil)
    }

    @Test func charactersIllegalInXMLAreStripped() throws {
        var issue = RenderSamples.november
        issue.entries[0].fields[.title] = "含\u{01}控制\u{0B}字符\u{FFFE}的成果 <名称> & 其它"
        issue.entries[0].fields[.summary] = "第一段\u{07}。\r\n\r\n第二段\u{1F}。"
        let paragraphs = try written(issue).paragraphs()
        #expect(paragraphs.contains("一、含控制字符的成果 <名称> & 其它"))
        #expect(paragraphs.contains("第一段。") && paragraphs.contains("第二段。"))
    }

    @Test(arguments: [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"), (101, "一百零一"),
                      (110, "一百一十"), (1005, "一千零五")])
    func headingNumeralsAreChinese(_ n: Int, _ expected: String) {
        #expect(ChineseDates.numeral(n) == expected)
    }
}
