import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// The statistics of submissions and adoptions: title, totals sentence, a table per unit and per bureau.
struct RenderStatisticsTests {
    private func written(_ stats: SubmissionStatistics) throws -> RenderDocx {
        try RenderDocx.written(StatisticsRenderer.render(stats), in: RenderSamples.temporaryFolder(), name: "stats.docx")
    }

    private func empty(_ scope: StatisticsScope = .month("2026-12")) -> SubmissionStatistics {
        SubmissionStatistics(issuer: "四川省科学技术厅", scope: scope, date: "2027-01-05", byUnit: [], byBureau: [],
                             total: RenderSamples.row("合计", 0, 0, 0, 0))
    }

    @Test func titleIssuerAndTotalsSentenceComeFirst() throws {
        let docx = try written(RenderSamples.statistics202611)
        let paragraphs = try docx.paragraphs()
        #expect(paragraphs[0] == "2026年11月重大科技成果案例报送及采用情况（草稿）")
        #expect(paragraphs[1] == "四川省科学技术厅\u{3000}2026年12月5日")
        #expect(paragraphs.contains("本期共收到报送案例19项，受理18项，退回1项，通报采用10项，采用率52.6%。"))
        // The title turns after a whole phrase, in one paragraph.
        let title = try #require(try docx.xml("word/document.xml").wFirst("p"))
        #expect(title.wFirst("pStyle")?.w("val") == WordStyles.title)
        #expect(title.wAll("br").count == 1)
        #expect(title.wAll("t").map(\.textContent) == ["2026年11月重大科技成果", "案例报送及采用情况（草稿）"])
    }

    @Test func totalsSentenceNamesListedCasesOnlyWhenThereAreSome() {
        #expect(StatisticsLayout.totalsSentence(RenderSamples.row("合计", 40, 38, 2, 20, 5))
            == "本期共收到报送案例40项，受理38项，退回2项，通报采用20项，入选年度榜单5项，采用率50.0%。")
        #expect(StatisticsLayout.totalsSentence(RenderSamples.row("合计", 0, 0, 0, 0)) == "本期未收到报送案例。")
    }

    @Test func headingsAreHeitiAndEachTableHasAHeaderRowRowsAndABoldTotal() throws {
        let body = try written(RenderSamples.statistics202611).xml("word/document.xml")
        let headings = body.wAll("p").filter { $0.wFirst("pStyle")?.w("val") == WordStyles.heading1 }.map(\.textContent)
        #expect(headings == ["一、按报送单位", "二、按归口部门"])
        let tables = body.wAll("tbl")
        #expect(tables.count == 2)
        let stats = RenderSamples.statistics202611
        for (table, rows) in zip(tables, [stats.byUnit, stats.byBureau]) {
            let trs = table.wAll("tr")
            #expect(trs.count == rows.count + 2)
            #expect(trs[0].wFirst("tblHeader") != nil)
            #expect(trs.dropFirst().allSatisfy { $0.wFirst("tblHeader") == nil })
            let cells = trs.map { $0.wAll("tc").map(\.textContent) }
            #expect(cells[0] == stats.columns)
            #expect(Array(cells.dropFirst().dropLast()) == rows.map(stats.cells))
            #expect(cells.last == ["合计", "19", "18", "1", "10", "0", "52.6%"])
            let lastRuns = try #require(trs.last).wAll("r")
            #expect(!lastRuns.isEmpty && lastRuns.allSatisfy { $0.wFirst("b") != nil })
            #expect(trs.dropFirst().dropLast().allSatisfy { $0.wFirst("b") == nil })
            // A short table moves whole rather than leave its header and a row at the foot of a page.
            #expect(trs.dropFirst().dropLast().allSatisfy { $0.wFirst("keepNext") != nil })  // header: by style
            #expect(trs.last?.wFirst("keepNext") == nil)
        }
        #expect(tables[0].wAll("tc")[7...].contains { $0.textContent == "东方电气集团东方电机有限公司" })
    }

    @Test func figuresAreRightAlignedAndNamesLeft() throws {
        let table = try #require(try written(RenderSamples.statistics202611).xml("word/document.xml").wFirst("tbl"))
        let body = table.wAll("tr").dropFirst()
        for row in body {
            let alignments = row.wAll("tc").map { $0.wFirst("jc")?.w("val") }
            #expect(alignments == ["left"] + Array(repeating: "right", count: 6))
        }
    }

    @Test func sevenColumnsFitPortraitA4() throws {
        let body = try written(RenderSamples.statistics202611).xml("word/document.xml")
        let size = try #require(body.wFirst("pgSz"))
        #expect(size.w("w") == "11907" && size.w("h") == "16840" && size.w("orient") == nil)
        let margins = try #require(body.wFirst("pgMar"))
        #expect(margins.w("top") == "2098" && margins.w("bottom") == "1985")
        #expect(margins.w("left") == "1588" && margins.w("right") == "1474")
        for table in body.wAll("tbl") {
            let widths = table.wAll("gridCol").compactMap { $0.w("w").flatMap(Int.init) }
            #expect(widths.count == 7)
            #expect(widths.reduce(0, +) == OfficialFormat.portrait.textWidth)
            #expect(widths[0] >= 6 * 240)  // a name column of at least six characters
        }
        #expect(body.wFirst("tblLayout")?.w("type") == "fixed")
    }

    @Test func figuresTooWideForPortraitTurnTheTableLandscape() throws {
        var stats = RenderSamples.statistics202611
        stats.byUnit[0] = RenderSamples.row("四川大学", 1_000_000_000_000, 1_000_000_000_000, 0, 3)
        stats.total = RenderSamples.row("合计", 1_000_000_000_018, 1_000_000_000_017, 1, 10)
        #expect(!StatisticsLayout.fitsPortrait(stats))
        let body = try written(stats).xml("word/document.xml")
        #expect(body.wFirst("pgSz")?.w("orient") == "landscape")
        let widths = body.wAll("gridCol").prefix(7).compactMap { $0.w("w").flatMap(Int.init) }
        #expect(widths.reduce(0, +) == OfficialFormat.landscape.textWidth)
    }

    @Test func emptyStatisticsSaySoInsteadOfTables() throws {
        let docx = try written(empty())
        let paragraphs = try docx.paragraphs()
        #expect(paragraphs[0] == "2026年12月重大科技成果案例报送及采用情况（草稿）")
        #expect(paragraphs.contains("本期未收到报送案例。"))
        #expect(paragraphs.contains("本期没有报送单位报送案例。"))
        #expect(paragraphs.contains("本期没有归口部门报送案例。"))
        #expect(try docx.xml("word/document.xml").wFirst("tbl") == nil)
    }

    @Test(arguments: [
        (StatisticsScope.quarter(year: 2026, quarter: 4), "2026年第四季度重大科技成果案例报送及采用情况（草稿）"),
        (StatisticsScope.year(2026), "2026年重大科技成果案例报送及采用情况（草稿）"),
    ])
    func titleNamesTheScope(_ scope: StatisticsScope, _ title: String) throws {
        #expect(try written(empty(scope)).paragraphs().first == title)
    }

    @Test func malformedQuarterIsRefused() {
        #expect(throws: RenderError.self) { try StatisticsRenderer.render(empty(.quarter(year: 2026, quarter: 5))) }
    }

    @Test func sameStatisticsGiveByteIdenticalFiles() throws {
        let folder = try RenderSamples.temporaryFolder()
        var files: [Data] = []
        for name in ["a.docx", "b.docx"] {
            let path = folder.appendingPathComponent(name).path
            try RenderedDocument.write(StatisticsRenderer.render(RenderSamples.statistics202611), to: path)
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(!files[0].isEmpty && files[0] == files[1])
    }

    @Test func statisticsMatchGolden() throws {
        try RenderGolden.check(StatisticsRenderer.render(RenderSamples.statistics202611), "statistics-2026-11.document.txt")
    }

    @Test(.enabled(if: RenderTools.which("pandoc") != nil, "pandoc is not on PATH: plain-text reading not checked"))
    func pandocReadsTheTables() throws {
        let folder = try RenderSamples.temporaryFolder()
        let path = folder.appendingPathComponent("stats.docx").path
        try RenderedDocument.write(StatisticsRenderer.render(RenderSamples.statistics202611), to: path)
        let result = try RenderTools.run(try #require(RenderTools.which("pandoc")), ["-t", "plain", "--wrap=none", path],
                                         in: folder)
        #expect(result.status == 0)
        #expect(result.output.contains("案例报送及采用情况（草稿）"))
        #expect(result.output.contains("一、按报送单位") && result.output.contains("二、按归口部门"))
        #expect(result.output.contains("东方电气集团东方电机有限公司") && result.output.contains("52.6%"))
    }
}
