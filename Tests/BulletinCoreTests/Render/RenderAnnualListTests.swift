import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// The annual list: title, one bordered table with a repeated header row, landscape A4.
struct RenderAnnualListTests {
    private func written(_ list: AnnualList) throws -> RenderDocx {
        try RenderDocx.written(AnnualListRenderer.render(list), in: RenderSamples.temporaryFolder(), name: "annual.docx")
    }

    @Test func titleSaysDraftUntilApproved() throws {
        #expect(try written(RenderSamples.annual2026).paragraphs().first == "2026年度重大科技成果榜单（草稿）")
        var final = RenderSamples.annual2026
        final.draft = false
        #expect(try written(final).paragraphs().first == "2026年度重大科技成果榜单")
    }

    @Test func tableHasARepeatedHeaderRowAndOneRowPerEntryInRankOrder() throws {
        let table = try #require(try written(RenderSamples.annual2026).xml("word/document.xml").wFirst("tbl"))
        let rows = table.wAll("tr")
        #expect(rows.count == 5)
        #expect(rows[0].wFirst("tblHeader") != nil)
        #expect(rows.dropFirst().allSatisfy { $0.wFirst("tblHeader") == nil && $0.wFirst("cantSplit") != nil })
        let cells = rows.map { $0.wAll("tc").map(\.textContent) }
        #expect(cells[0] == ["序号", "成果名称", "完成单位", "归口部门", "成果类别", "技术水平", "所属产业", "首次通报月份"])
        #expect(cells[1] == ["1", RenderSamples.sichuanUniversity[.title], "四川大学", "省教育厅", "基础研究成果",
                             "国际领先", "医药健康", "2026年11月"])
        #expect(cells[2][1] == RenderSamples.dongfang[.title] && cells[2][7] == "2026年9月")
        #expect(cells[4][7] == "—")
    }

    @Test func tableIsBorderedAndFitsTheLandscapeTextWidth() throws {
        let body = try written(RenderSamples.annual2026).xml("word/document.xml")
        let borders = try #require(body.wFirst("tblBorders"))
        #expect(borders.elements.map(\.name) == ["top", "left", "bottom", "right", "insideH", "insideV"])
        #expect(borders.elements.allSatisfy { $0.w("val") == "single" })
        let widths = body.wAll("gridCol").compactMap { $0.w("w").flatMap(Int.init) }
        let size = try #require(body.wFirst("pgSz"))
        let margins = try #require(body.wFirst("pgMar"))
        #expect(size.w("orient") == "landscape" && size.w("w") == "16840" && size.w("h") == "11907")
        let textWidth = 16840 - Int(margins.w("left") ?? "0")! - Int(margins.w("right") ?? "0")!
        #expect(widths.reduce(0, +) <= textWidth)
        #expect(body.wFirst("tblLayout")?.w("type") == "fixed")
    }

    @Test func tableTextIsSmallFangsong() throws {
        let styles = try written(RenderSamples.annual2026).xml("word/styles.xml")
        let text = try #require(styles.wAll("style").first { $0.w("styleId") == WordStyles.tableText })
        #expect(text.wFirst("sz")?.w("val") == "24")
        let heading = try #require(styles.wAll("style").first { $0.w("styleId") == WordStyles.tableHeading })
        #expect(heading.wFirst("rFonts")?.w("eastAsia") == "黑体")
    }

    @Test func emptyListSaysSo() throws {
        let list = AnnualList(issuer: "四川省科学技术厅", year: 2026, date: "2026-12-28", entries: [])
        let docx = try written(list)
        #expect(try docx.paragraphs().contains("2026年度没有入选榜单的重大科技成果。"))
        #expect(try docx.xml("word/document.xml").wFirst("tbl") == nil)
    }

    @Test func classifiedCaseIsRefused() throws {
        var list = RenderSamples.annual2026
        list.entries[0].record.classified = true
        #expect(throws: RenderError.self) { try AnnualListRenderer.render(list) }
    }
}
