import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// The quarterly release shortlist: title, purpose, each achievement with its facts and a short introduction.
struct RenderQuarterlyTests {
    private func written(_ release: QuarterlyRelease) throws -> RenderDocx {
        try RenderDocx.written(QuarterlyReleaseRenderer.render(release), in: RenderSamples.temporaryFolder(),
                               name: "quarterly.docx")
    }

    @Test func titleIssuerAndPurposeComeFirst() throws {
        let paragraphs = try written(RenderSamples.quarterly2026Q4).paragraphs()
        #expect(paragraphs[0] == "2026年第四季度重大科技成果发布建议名单（草稿）")
        #expect(paragraphs[1] == "四川省科学技术厅\u{3000}2026年12月5日")
        #expect(paragraphs.contains("以下3项成果选自2026年第四季度已通报的重大科技成果，建议在季度发布会上由成果完成人介绍。"))
        var final = RenderSamples.quarterly2026Q4
        final.draft = false
        #expect(try written(final).paragraphs().first == "2026年第四季度重大科技成果发布建议名单")
    }

    @Test func achievementsAreNumberedHeadingsInRankOrder() throws {
        let body = try written(RenderSamples.quarterly2026Q4).xml("word/document.xml")
        let headings = body.wAll("p").filter { $0.wFirst("pStyle")?.w("val") == WordStyles.heading1 }.map(\.textContent)
        #expect(headings == [
            "一、\(RenderSamples.sichuanUniversity[.title])",
            "二、\(RenderSamples.dongfang[.title])",
            "三、\(RenderSamples.uestc[.title])",
        ])
    }

    @Test func factsAreKaitiLinesUnderTheHeading() throws {
        let docx = try written(RenderSamples.quarterly2026Q4)
        let paragraphs = try docx.paragraphs()
        #expect(paragraphs.contains("完成单位：四川大学\u{3000}\u{3000}归口部门：省教育厅"))
        #expect(paragraphs.contains("成果类别：基础研究成果\u{3000}\u{3000}技术水平：国际领先"))
        #expect(paragraphs.contains("首次通报：2026年11月"))
        #expect(paragraphs.contains("完成单位：东方电气集团东方电机有限公司"))
        #expect(paragraphs.contains("首次通报：2026年10月"))
        let facts = try docx.xml("word/document.xml").wAll("p").filter { $0.textContent.hasPrefix("完成单位：") }
        #expect(facts.count == 3)
        #expect(facts.allSatisfy { $0.wFirst("rFonts")?.w("eastAsia") == "楷体_GB2312" && $0.wFirst("keepNext") != nil })
    }

    @Test func introductionIsTheSummarysFirstParagraphOrItsFirstSentencesUpTo200Characters() throws {
        let paragraphs = try written(RenderSamples.quarterly2026Q4).paragraphs()
        let scuFirst = try #require(XMLBuild.paragraphs(RenderSamples.sichuanUniversity[.summary]).first)
        #expect(scuFirst.count <= 200 && paragraphs.contains(scuFirst))
        #expect(!paragraphs.contains { $0.hasPrefix("团队进一步设计了") })  // the second paragraph is left out
        let uestc = try #require(paragraphs.first { $0.hasPrefix("碳化硅（SiC）功率器件") })
        #expect(uestc.count <= 200 && uestc.hasSuffix("。"))
    }

    @Test(arguments: [
        ("短简介。\n第二段。", "短简介。"),
        (String(repeating: "甲", count: 150) + "。" + String(repeating: "乙", count: 100) + "。",
         String(repeating: "甲", count: 150) + "。"),
        (String(repeating: "丙", count: 250) + "。", String(repeating: "丙", count: 200) + "……"),
        ("  \n", ""),
    ])
    func introductionExcerpts(_ summary: String, _ expected: String) {
        #expect(SummaryExcerpt.introduction(summary) == expected)
    }

    @Test func pageIsPortraitA4WithTheStandardMargins() throws {
        let section = try #require(try written(RenderSamples.quarterly2026Q4).xml("word/document.xml").wFirst("sectPr"))
        let size = try #require(section.wFirst("pgSz"))
        #expect(size.w("w") == "11907" && size.w("h") == "16840" && size.w("orient") == nil)
        let margins = try #require(section.wFirst("pgMar"))
        #expect(margins.w("top") == "2098" && margins.w("bottom") == "1985")
        #expect(margins.w("left") == "1588" && margins.w("right") == "1474")
        #expect(section.wFirst("docGrid")?.w("linePitch") == "579")
    }

    @Test func emptyShortlistSaysNothingWasBulletinedYet() throws {
        let release = QuarterlyRelease(issuer: "四川省科学技术厅", year: 2027, quarter: 1, date: "2027-01-08", entries: [])
        let docx = try written(release)
        let paragraphs = try docx.paragraphs()
        #expect(paragraphs.first == "2027年第一季度重大科技成果发布建议名单（草稿）")
        #expect(paragraphs.contains("2027年第一季度尚无已通报的重大科技成果，暂无发布建议名单。"))
        #expect(try !docx.xml("word/document.xml").wAll("pStyle").contains { $0.w("val") == WordStyles.heading1 })
    }

    @Test func classifiedCaseIsRefusedWithoutNamingIt() throws {
        var release = RenderSamples.quarterly2026Q4
        release.entries[2].record.classified = true
        let expected = RenderError.classified(caseID: "c-uestc-sic", document: "the release shortlist of 2026年第四季度")
        #expect(throws: expected) { try QuarterlyReleaseRenderer.render(release) }
        #expect(!expected.description.contains(RenderSamples.uestc[.title]))
    }

    @Test func malformedQuarterIsRefused() {
        var release = RenderSamples.quarterly2026Q4
        release.quarter = 5
        #expect(throws: RenderError.badValue(what: "the release's quarter", value: "5", expected: "a quarter from 1 to 4")) {
            try QuarterlyReleaseRenderer.render(release)
        }
    }

    @Test func sameShortlistGivesByteIdenticalFiles() throws {
        let folder = try RenderSamples.temporaryFolder()
        var files: [Data] = []
        for name in ["a.docx", "b.docx"] {
            let path = folder.appendingPathComponent(name).path
            try RenderedDocument.write(QuarterlyReleaseRenderer.render(RenderSamples.quarterly2026Q4), to: path)
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(!files[0].isEmpty && files[0] == files[1])
    }

    @Test func shortlistMatchesGolden() throws {
        try RenderGolden.check(QuarterlyReleaseRenderer.render(RenderSamples.quarterly2026Q4),
                               "quarterly-2026-Q4.document.txt")
    }

    @Test(.enabled(if: RenderTools.which("pandoc") != nil, "pandoc is not on PATH: plain-text reading not checked"))
    func pandocReadsTheText() throws {
        let folder = try RenderSamples.temporaryFolder()
        let path = folder.appendingPathComponent("quarterly.docx").path
        try RenderedDocument.write(QuarterlyReleaseRenderer.render(RenderSamples.quarterly2026Q4), to: path)
        let result = try RenderTools.run(try #require(RenderTools.which("pandoc")), ["-t", "plain", "--wrap=none", path],
                                         in: folder)
        #expect(result.status == 0)
        #expect(result.output.contains("发布建议名单（草稿）"))
        #expect(result.output.contains("一、\(RenderSamples.sichuanUniversity[.title])"))
        #expect(result.output.contains("完成单位：东方电气集团东方电机有限公司"))
    }
}
