@testable import BulletinCore
import Foundation
import OOXML
import Testing

@Suite struct ReviewSheetWriterTests {
    private func cellTexts(_ sheet: XMLElement) -> [String: String] {
        var out: [String: String] = [:]
        for c in XlsxReader.find(sheet, "c") {
            guard let r = c.attribute("r") else { continue }
            out[r] = c.textContent
        }
        return out
    }

    @Test func theHeaderRowHoldsExactlyTheColumnsInOrder() throws {
        let book = try WrittenWorkbook(try ReviewSheetWriter.bytes(ReviewSamples.screening))
        let sheet = try book.xml("xl/worksheets/sheet1.xml")
        let header = XlsxReader.find(sheet, "row").first { $0.attribute("r") == "2" }
        let texts = try #require(header).elements.map(\.textContent)
        #expect(texts == ["案例编号", "成果名称", "报送单位", "归口部门", "成果来源", "成果类别", "类别理由", "子类", "子类理由",
                          "技术水平", "水平理由", "所属产业", "产业理由", "评分", "评分理由", "疑似重复",
                          "初选意见", "调整类别", "调整技术水平", "调整产业", "说明", "审核人"])
        let shortlist = try WrittenWorkbook(try ReviewSheetWriter.bytes(ReviewSamples.shortlist))
        let h2 = XlsxReader.find(try shortlist.xml("xl/worksheets/sheet1.xml"), "row").first { $0.attribute("r") == "2" }
        #expect(try #require(h2).elements.map(\.textContent).suffix(7) == ["复选意见", "调整类别", "调整技术水平", "调整产业", "排序", "说明", "审核人"])
    }

    @Test func theTitleRowNamesMonthStageGroupAndDeadline() throws {
        let book = try WrittenWorkbook(try ReviewSheetWriter.bytes(ReviewSamples.screening))
        let a1 = try #require(cellTexts(try book.xml("xl/worksheets/sheet1.xml"))["A1"])
        #expect(a1.contains("2026年11月") && a1.contains("初选") && a1.contains("基础处") && a1.contains("2026-11-30"), "\(a1)")
    }

    @Test func theSameSheetGivesTheSameBytes() throws {
        let a = try ReviewSheetWriter.bytes(ReviewSamples.screening)
        let b = try ReviewSheetWriter.bytes(ReviewSamples.screening)
        #expect(a == b)
        var other = ReviewSamples.screening
        other.rows[0].caseVersion = "changed"
        #expect(try ReviewSheetWriter.bytes(other) != a)
    }

    @Test func theSheetIdIsDerivedFromTheCasesAndTheirVersions() {
        let s = ReviewSamples.screening
        #expect(s.sheetId.hasPrefix("2026-11-初选-基础处-"))
        var changed = s.rows
        changed[2].caseVersion = "another"
        let other = ReviewSheet(stage: s.stage, group: s.group, period: s.period, deadline: s.deadline, vocabulary: s.vocabulary, rows: changed)
        #expect(other.sheetId != s.sheetId)
        #expect(ReviewSheet(stage: s.stage, group: s.group, period: s.period, deadline: s.deadline, vocabulary: s.vocabulary, rows: s.rows).sheetId == s.sheetId)
        #expect(s.fileName == "2026-11-初选-基础处.xlsx")
    }

    @Test func aCaseVersionChangesWithAnyPart() {
        let v = ReviewSheet.caseVersion(["2026-11-0007", "高熵合金低温韧化机理研究", "待初选", "12"])
        #expect(v.count == 16 && v == ReviewSheet.caseVersion(["2026-11-0007", "高熵合金低温韧化机理研究", "待初选", "12"]))
        #expect(v != ReviewSheet.caseVersion(["2026-11-0007", "高熵合金低温韧化机理研究", "待初选", "13"]))
        #expect(ReviewSheet.caseVersion(["ab", "c"]) != ReviewSheet.caseVersion(["a", "bc"]))
    }

    @Test func textThatLooksLikeAFormulaIsWrittenAsText() throws {
        let book = try WrittenWorkbook(try ReviewSheetWriter.bytes(ReviewSamples.screening))
        let sheet = try book.xml("xl/worksheets/sheet1.xml")
        #expect(XlsxReader.find(sheet, "f").isEmpty, "no formula element anywhere")
        let cells = Dictionary(uniqueKeysWithValues: XlsxReader.find(sheet, "c").compactMap { c in c.attribute("r").map { ($0, c) } })
        for ref in ["B6", "C6", "D6", "E6"] {
            let c = try #require(cells[ref])
            #expect(c.attribute("t") == "inlineStr", "\(ref) is a string")
            let style = try #require(c.attribute("s").flatMap(Int.init))
            #expect(style == ReviewWorkbookStyles.Style.machineTextQuoted.rawValue, "\(ref) keeps its text when edited")
        }
        #expect(cells["B6"]?.textContent == "=HYPERLINK(\"http://example.invalid\",\"点此查看\")")
    }

    @Test func printingIsSetUp() throws {
        let book = try WrittenWorkbook(try ReviewSheetWriter.bytes(ReviewSamples.screening))
        let sheet = try book.xml("xl/worksheets/sheet1.xml")
        let page = try #require(XlsxReader.find(sheet, "pageSetup").first)
        #expect(page.attribute("orientation") == "landscape" && page.attribute("paperSize") == "9")
        #expect(page.attribute("fitToWidth") == "1" && page.attribute("fitToHeight") == "0")
        #expect(XlsxReader.find(sheet, "pageSetUpPr").first?.attribute("fitToPage") == "1")
        let pane = try #require(XlsxReader.find(sheet, "pane").first)
        #expect(pane.attribute("state") == "frozen" && pane.attribute("ySplit") == "2")
        let names = XlsxReader.find(try book.xml("xl/workbook.xml"), "definedName")
        let titles = try #require(names.first { $0.attribute("name") == "_xlnm.Print_Titles" })
        #expect(titles.textContent == "'初选-基础处'!$1:$2")
        #expect(XlsxReader.find(sheet, "col").count == 22)
        #expect(XlsxReader.find(sheet, "sheetProtection").isEmpty, "reviewers are not locked out of anything")
    }

    @Test func reviewerColumnsAreDropDownsAndUnlocked() throws {
        let book = try WrittenWorkbook(try ReviewSheetWriter.bytes(ReviewSamples.shortlist))
        let sheet = try book.xml("xl/worksheets/sheet1.xml")
        let validations = XlsxReader.find(sheet, "dataValidation")
        let bySqref = Dictionary(uniqueKeysWithValues: validations.map { ($0.attribute("sqref") ?? "", $0) })
        #expect(bySqref["Q3:Q7"]?.elements.first?.textContent == "\"通过,不通过,退回修改,送咨询\"")
        #expect(bySqref["T3:T7"]?.elements.first?.textContent == "\"电子信息,装备制造,先进材料,能源化工,食品轻纺,医药健康,现代农业,其他\"")
        #expect(bySqref["U3:U7"]?.attribute("type") == "whole", "排序 takes whole numbers")
        let styles = try book.xml("xl/styles.xml")
        let xfs = try #require(XlsxReader.find(styles, "cellXfs").first).elements
        let q3 = try #require(XlsxReader.find(sheet, "c").first { $0.attribute("r") == "Q3" })
        let xf = xfs[try #require(q3.attribute("s").flatMap(Int.init))]
        #expect(xf.elements.first { $0.name == "protection" }?.attribute("locked") == "0")
        #expect(xf.attribute("fillId") != "0", "reviewers' cells are filled")
    }

    @Test func aLongWordListIsOfferedFromTheIdentityWorksheet() throws {
        var s = ReviewSamples.screening
        s.vocabulary.industries = (1...40).map { "特色产业第\($0)类（含细分领域）" }
        let bytes = try ReviewSheetWriter.bytes(s)
        let book = try WrittenWorkbook(bytes)
        let validation = try #require(XlsxReader.find(try book.xml("xl/worksheets/sheet1.xml"), "dataValidation")
            .first { $0.attribute("sqref") == "T3:T7" })
        #expect(validation.elements.first?.textContent == "bulletin_industries")
        let name = try #require(XlsxReader.find(try book.xml("xl/workbook.xml"), "definedName")
            .first { $0.attribute("name") == "bulletin_industries" })
        #expect(name.textContent.hasPrefix("'_bulletin'!$B$") && name.textContent.contains(":$AO$"), "\(name.textContent)")
        let back = try #require(try ReviewSheetReader().read(bytes: bytes))
        #expect(back.vocabulary.industries == s.vocabulary.industries)
    }

    @Test func theIdentityIsInAHiddenWorksheet() throws {
        let s = ReviewSamples.screening
        let book = try WrittenWorkbook(try ReviewSheetWriter.bytes(s))
        let sheets = XlsxReader.find(try book.xml("xl/workbook.xml"), "sheet")
        #expect(sheets.map { $0.attribute("name") } == ["初选-基础处", "_bulletin"])
        #expect(sheets[1].attribute("state") == "hidden")
        let identity = try book.text("xl/worksheets/sheet2.xml")
        #expect(identity.contains("bulletin-review-sheet") && identity.contains(s.sheetId))
        for row in s.rows { #expect(identity.contains(row.caseVersion)) }
    }

    @Test func badSheetsAreRefusedBeforeWriting() {
        var s = ReviewSamples.screening
        s.period = "2026-13"
        #expect(throws: ReviewSheetError.invalid(field: "period", value: "2026-13", expected: "YYYY-MM")) { try ReviewSheetWriter.bytes(s) }
        s = ReviewSamples.screening
        s.rows.append(s.rows[0])
        #expect(throws: ReviewSheetError.duplicateCase(caseId: "2026-11-0001")) { try ReviewSheetWriter.bytes(s) }
    }

    @Test func aClassifiedCaseIsCaughtByTheGuard() throws {
        var s = ReviewSamples.screening
        let classified: Set<String> = ["2026-11-0009"]
        try s.requireNoClassified { classified.contains($0.caseId) }
        s.rows.append(ReviewSamples.row(9, "某型号军用雷达关键部件", "某研究所", "国防科工办", "重大处", "应用研究成果", "关键技术", "", "电子信息", 80))
        #expect(throws: ReviewSheetError.self) { try s.requireNoClassified { classified.contains($0.caseId) } }
        #expect(s.classifiedRows { classified.contains($0.caseId) }.map(\.caseId) == ["2026-11-0009"])
        // And what the writer writes is only what it is given: no other title reaches the file.
        let clean = ReviewSamples.screening
        let text = try WrittenWorkbook(try ReviewSheetWriter.bytes(clean)).text("xl/worksheets/sheet1.xml")
        #expect(!text.contains("雷达"))
    }

    @Test func anEmptySheetIsStillAReviewSheet() throws {
        let s = ReviewSheet(stage: "审定", group: "2026年第11期", period: "2026-11", deadline: "2026-12-10",
                            vocabulary: ReviewSamples.vocabulary, rows: [])
        let back = try #require(try ReviewSheetReader().read(bytes: try ReviewSheetWriter.bytes(s)))
        #expect(back.rows.isEmpty && back.stage == "审定" && back.group == "2026年第11期")
    }
}
