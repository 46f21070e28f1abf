import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

@Suite struct ReviewSheetReaderTests {
    let reader = ReviewSheetReader()

    @Test func readsBackWhatTheWriterWrote() throws {
        var s = ReviewSamples.shortlist
        s.rows[1].entry = ReviewerEntry(decision: "通过", industry: "电子信息", order: "2", note: "建议纳入通报", reviewer: "李审核")
        let back = try #require(try reader.read(bytes: try ReviewSheetWriter.bytes(s), fileName: "复选.xlsx"))
        #expect(back.sheetId == s.sheetId && back.stage == "复选" && back.group == "" && back.period == "2026-11")
        #expect(back.deadline == "2026-12-05" && back.hasOrderColumn && back.vocabulary == s.vocabulary)
        #expect(back.rows.map(\.caseId) == s.rows.map(\.caseId))
        #expect(back.rows.map(\.caseVersion) == s.rows.map(\.caseVersion))
        #expect(back.rows.map(\.excelRow) == [3, 4, 5, 6, 7])
        #expect(back.rows[1].entry == s.rows[1].entry)
        #expect(back.rows[1].location == "sheet 复选 row 4")
        #expect(back.rows[3].shown["成果名称"] == "=HYPERLINK(\"http://example.invalid\",\"点此查看\")")
        #expect(back.missingCaseIds.isEmpty && back.notes.isEmpty, "\(back.notes)")
    }

    @Test func aWorkbookWithoutTheHiddenIdentityIsNotAReviewSheet() throws {
        let submissions = try [UInt8](Data(contentsOf: TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/xlsx/openpyxl-汇总.xlsx")))
        #expect(try reader.read(bytes: submissions) == nil)
        #expect(try reader.read(bytes: Array("案例编号,初选意见\n".utf8)) == nil, "not even a zip")
        #expect(try reader.read(bytes: []) == nil)
    }

    @Test func rowsCopiedIntoANewWorkbookAreRefusedAsAReviewSheetThatLostItsIdentity() throws {
        let parts = try ReviewSheetWriter.parts(ReviewSamples.screening)
        let folder = try ReviewSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The same workbook without the hidden worksheet, as if the rows had been pasted into a new file.
        let stripped = parts.filter { $0.name != "xl/worksheets/sheet2.xml" }.map { entry -> ZipWriter.Entry in
            guard entry.name == "xl/workbook.xml" || entry.name == "xl/_rels/workbook.xml.rels" else { return entry }
            var text = String(decoding: entry.bytes, as: UTF8.self)
            text = text.replacingOccurrences(of: #"<sheet name="_bulletin"[^>]*/>"#, with: "", options: .regularExpression)
            text = text.replacingOccurrences(of: #"<Relationship Id="rId2"[^>]*/>"#, with: "", options: .regularExpression)
            return ZipWriter.Entry(name: entry.name, bytes: Array(text.utf8))
        }
        let path = folder.appendingPathComponent("copied.xlsx").path
        try ZipWriter.write(stripped, to: path, modified: RenderedDocument.fixedTimestamp)
        do {
            _ = try reader.read(bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), fileName: "copied.xlsx")
            Issue.record("a review sheet without its identity must be refused, not read as a submission")
        } catch let r as Refusal {
            #expect(r.reason.contains("copied.xlsx") && r.reason.contains("初选意见") && r.reason.contains("_bulletin"), "\(r)")
        }
    }

    @Test func an排序ColumnIsReadWhereverItsHeaderIs() throws {
        // A 复选 sheet with its 排序 column, whose identity is then made to say it was written without one (as a
        // sheet of an older layout, or with the column added by hand): the order a reviewer typed is still read, so
        // the validator weighs it (a bad one is refused, not dropped).
        var sheet = ReviewSamples.shortlist
        sheet.rows[0].entry.order = "第一"
        sheet.rows[1].entry.order = "2"
        let folder = try ReviewSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var patched = 0
        let parts = try ReviewSheetWriter.parts(sheet).map { entry -> ZipWriter.Entry in
            guard entry.name == "xl/worksheets/sheet2.xml" else { return entry }
            let text = String(decoding: entry.bytes, as: UTF8.self)
            let changed = text.replacingOccurrences(of: #"(<t>hasOrder</t></is></c><c [^>]*><v>)1(</v>)"#, with: "$10$2", options: .regularExpression)
            patched += changed == text ? 0 : 1
            return ZipWriter.Entry(name: entry.name, bytes: Array(changed.utf8))
        }
        #expect(patched == 1)
        let path = folder.appendingPathComponent("sorted.xlsx").path
        try ZipWriter.write(parts, to: path, modified: RenderedDocument.fixedTimestamp)
        let back = try #require(try reader.read(bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), fileName: "sorted.xlsx"))
        #expect(!back.hasOrderColumn)
        let orders = Dictionary(uniqueKeysWithValues: back.rows.map { ($0.caseId, $0.entry.order) })
        #expect(orders[sheet.rows[0].caseId] == "第一" && orders[sheet.rows[1].caseId] == "2", "\(orders)")
    }

    @Test func aDamagedIdentityIsRefusedWithAReason() throws {
        let folder = try ReviewSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Take the sheet apart and write it back with the sheet id removed from the identity worksheet.
        let parts = try ReviewSheetWriter.parts(ReviewSamples.screening).map { entry -> ZipWriter.Entry in
            guard entry.name == "xl/worksheets/sheet2.xml" else { return entry }
            let text = String(decoding: entry.bytes, as: UTF8.self).replacingOccurrences(of: ">sheetId<", with: ">lost<")
            return ZipWriter.Entry(name: entry.name, bytes: Array(text.utf8))
        }
        let path = folder.appendingPathComponent("damaged.xlsx").path
        try ZipWriter.write(parts, to: path, modified: RenderedDocument.fixedTimestamp)
        do {
            _ = try reader.read(bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), fileName: "damaged.xlsx")
            Issue.record("a damaged identity must be refused")
        } catch let r as Refusal {
            #expect(r.reason.contains("damaged.xlsx") && r.reason.contains("sheetId"), "\(r)")
        }
    }

    @Test(.enabled(if: ReviewTools.python != nil, "python3 with openpyxl is not installed: the openpyxl round trip is not checked"))
    func openpyxlFillsTheSheetAndItComesBack() throws {
        let folder = try ReviewSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let s = ReviewSamples.shortlist
        let file = folder.appendingPathComponent(s.fileName)
        try ReviewSheetWriter.write(s, to: file.path)
        let out = try ReviewTools.review([file.path, "--all", "通过", "--title", "水稻=退回修改", "--title", "HYPERLINK=",
                                          "--case", "2026-11-0002=送咨询", "--order", "score", "--reviewer", "王审核"], in: folder)
        #expect(out.contains("复选意见"))
        let back = try #require(try reader.read(bytes: try [UInt8](Data(contentsOf: file))))
        #expect(back.sheetId == s.sheetId)
        let byCase = Dictionary(uniqueKeysWithValues: back.rows.map { ($0.caseId, $0) })
        #expect(byCase["2026-11-0001"]?.entry.decision == "通过")
        #expect(byCase["2026-11-0002"]?.entry.decision == "送咨询")
        #expect(byCase["2026-11-0003"]?.entry.decision == "退回修改")
        #expect(byCase["2026-11-0004"]?.entry.decision == "", "left blank")
        #expect(byCase["2026-11-0005"]?.entry.order == "1" && byCase["2026-11-0001"]?.entry.order == "2", "排序 by score; numbers read as whole")
        #expect(byCase["2026-11-0005"]?.entry.reviewer == "王审核")
        #expect(byCase["2026-11-0004"]?.shown["成果名称"] == "=HYPERLINK(\"http://example.invalid\",\"点此查看\")", "still text after openpyxl")
        let verdicts = ReviewDecisionValidator(vocabulary: ReviewSamples.shortlistVocabulary)
            .validate(back, lookup: { ReviewSamples.lookup(s)[$0] })
        #expect(verdicts.accepted.map(\.word) == ["通过", "送咨询", "退回修改", "通过"])
        #expect(verdicts.blankCount == 1 && verdicts.refused.isEmpty)
    }

    @Test(.enabled(if: ReviewTools.python != nil, "python3 with openpyxl is not installed: the re-sorted sheet is not checked"))
    func reviewersReSortDeleteAddAndTypeFullWidth() throws {
        let folder = try ReviewSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let s = ReviewSamples.shortlist
        let file = folder.appendingPathComponent("any name at all.xlsx")
        try ReviewSheetWriter.write(s, to: file.path)
        // Reverse the case rows, delete the one of case 0003, add a row, write full-width ids, spaces and 2.0.
        let script = """
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.worksheets[0]
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3, max_row=ws.max_row)]
        rows = [r for r in rows if r[0] != "2026-11-0003"][::-1]
        rows.append(["2026-11-0099", "审核人自己加的一行", None, None, None] + [None] * 11 + ["通过"])
        for i in range(3, ws.max_row + 1):
            for c in ws[i]: c.value = None
        for i, r in enumerate(rows):
            for j, v in enumerate(r): ws.cell(row=3 + i, column=j + 1).value = v
        for row in ws.iter_rows(min_row=3):
            if row[0].value == "2026-11-0001":
                row[0].value = "２０２６－１１－０００１"; row[16].value = " 通过 "; row[20].value = 2.0
            if row[0].value == "2026-11-0005":
                row[16].value = "同意"; row[20].value = 1
        ws.insert_cols(3)
        ws.cell(row=2, column=3).value = "审核人加的备注列"
        ws.title = "复选（已审）"
        wb.save(sys.argv[1])
        """
        _ = try ReviewTools.python(script, [file.path], in: folder)
        let back = try #require(try reader.read(bytes: try [UInt8](Data(contentsOf: file)), fileName: file.lastPathComponent))
        #expect(back.worksheetName == "复选（已审）")
        #expect(back.rows.map(\.caseId) == ["2026-11-0005", "2026-11-0004", "2026-11-0002", "2026-11-0001", "2026-11-0099"])
        let first = try #require(back.rows.first { $0.caseId == "2026-11-0001" })
        #expect(first.caseVersion == s.rows[0].caseVersion, "matched by case id, not by row")
        #expect(first.originalRow == 3 && first.excelRow == 6)
        #expect(back.missingCaseIds == ["2026-11-0003"])
        #expect(back.notes.contains { $0.contains("2026-11-0099") && $0.contains("row 7") })
        let v = ReviewDecisionValidator(vocabulary: ReviewSamples.shortlistVocabulary).validate(back, lookup: { ReviewSamples.lookup(s)[$0] })
        let accepted = Dictionary(uniqueKeysWithValues: v.accepted.map { ($0.caseId, $0) })
        #expect(accepted["2026-11-0001"]?.word == "通过" && accepted["2026-11-0001"]?.order == 2)
        #expect(accepted["2026-11-0005"]?.word == "通过" && accepted["2026-11-0005"]?.writtenAs == "同意" && accepted["2026-11-0005"]?.order == 1)
        #expect(v.refused.map(\.reason) == [.notOnSheet(caseId: "2026-11-0099")])
    }

    @Test(.enabled(if: ReviewTools.soffice != nil, "soffice with LibreOffice Calc is not installed: the LibreOffice re-save is not checked"),
          .timeLimit(.minutes(3)))
    func libreOfficeReSavesTheSheetAndItComesBack() throws {
        let folder = try ReviewSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var s = ReviewSamples.shortlist
        s.rows[0].entry = ReviewerEntry(decision: "通过", order: "1", reviewer: "赵审核")
        s.rows[2].entry = ReviewerEntry(decision: "不通过", note: "与 2026-10-0042 重复")
        let source = folder.appendingPathComponent("in", isDirectory: true)
        let saved = folder.appendingPathComponent("out", isDirectory: true)
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: saved, withIntermediateDirectories: true)
        let file = source.appendingPathComponent("复选.xlsx")
        try ReviewSheetWriter.write(s, to: file.path)
        let resaved = try ReviewTools.convert(file, to: "xlsx:Calc MS Excel 2007 XML", outdir: saved)
        let bytes = try [UInt8](Data(contentsOf: resaved))
        #expect(bytes != (try [UInt8](Data(contentsOf: file))), "LibreOffice wrote its own file")
        let back = try #require(try reader.read(bytes: bytes, fileName: "复选.xlsx"), "the hidden identity survives LibreOffice")
        #expect(back.sheetId == s.sheetId && back.stage == "复选" && back.period == "2026-11" && back.hasOrderColumn)
        #expect(back.rows.map(\.caseId) == s.rows.map(\.caseId))
        #expect(back.rows.map(\.caseVersion) == s.rows.map(\.caseVersion))
        #expect(back.rows[0].entry.decision == "通过" && back.rows[0].entry.order == "1" && back.rows[0].entry.reviewer == "赵审核")
        #expect(back.rows[2].entry.decision == "不通过" && back.rows[2].entry.note == "与 2026-10-0042 重复")
        #expect(back.rows[3].shown["成果名称"] == "=HYPERLINK(\"http://example.invalid\",\"点此查看\")", "still text after LibreOffice")
        let book = try WrittenWorkbook(bytes)
        let workbook = try book.text("xl/workbook.xml")
        #expect(workbook.contains("Print_Titles"), "print titles survive")
        #expect(try book.text("xl/worksheets/sheet1.xml").contains("dataValidation"), "drop-downs survive")
    }
}

/// The 复选 path of the issue's acceptance run: filled by the scripted reviewer (openpyxl), re-saved by
/// LibreOffice, read and judged.
@Suite struct ReviewSheetChainTests {
    @Test(.enabled(if: ReviewTools.python != nil && ReviewTools.soffice != nil,
                   "python3 with openpyxl or soffice is missing: the fill-then-re-save chain is not checked"),
          .timeLimit(.minutes(3)))
    func filledWithOpenpyxlThenReSavedByLibreOffice() throws {
        let folder = try ReviewSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let s = ReviewSamples.shortlist
        let file = folder.appendingPathComponent("复选.xlsx")
        try ReviewSheetWriter.write(s, to: file.path)
        _ = try ReviewTools.review([file.path, "--all", "通过", "--title", "水稻=不通过", "--order", "score", "--reviewer", "重大处 李明"], in: folder)
        let out = folder.appendingPathComponent("resaved", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let resaved = try ReviewTools.convert(file, to: "xlsx:Calc MS Excel 2007 XML", outdir: out)
        let back = try #require(try ReviewSheetReader().read(bytes: try [UInt8](Data(contentsOf: resaved)), fileName: "复选.xlsx"))
        var library = ReviewSamples.lookup(s)
        library["2026-11-0002"]?.caseVersion = "changed after the sheet was made"
        let v = ReviewDecisionValidator(vocabulary: ReviewSamples.shortlistVocabulary).validate(back, lookup: { library[$0] })
        #expect(v.accepted.map(\.caseId) == ["2026-11-0001", "2026-11-0003", "2026-11-0004", "2026-11-0005"])
        #expect(v.accepted.map(\.word) == ["通过", "不通过", "通过", "通过"])
        #expect(v.accepted.compactMap(\.order) == [2, 4, 1], "排序 by score among the passed: 90, 86.5, (78: stale), then the unscored")
        #expect(v.accepted.allSatisfy { $0.reviewer == "重大处 李明" })
        #expect(v.refused.map(\.reason) == [.stale(caseId: "2026-11-0002")])
    }
}

@Suite struct ReviewSheetPrintTests {
    /// LibreOffice prints the filled sheet on landscape A4; `REVIEW_SAMPLE_DIR=/some/folder` keeps the XLSX and
    /// PDF there to be looked at (`pdftoppm -png -r 60`).
    @Test(.enabled(if: ReviewTools.soffice != nil && RenderTools.which("pdfinfo") != nil,
                   "soffice or pdfinfo is not on PATH: printing is not checked"),
          .timeLimit(.minutes(3)))
    func libreOfficePrintsTheSheetOnLandscapeA4() throws {
        let folder = try ReviewSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var s = ReviewSamples.shortlist
        s.rows[0].entry = ReviewerEntry(decision: "通过", order: "2", reviewer: "赵审核")
        s.rows[1].entry = ReviewerEntry(decision: "送咨询", note: "请电子信息领域专家评估国产化程度")
        s.rows[2].entry = ReviewerEntry(decision: "不通过", note: "与 2026-10-0042 重复")
        s.rows[4].entry = ReviewerEntry(decision: "通过", level: "国际领先", order: "1", reviewer: "赵审核")
        let file = folder.appendingPathComponent(s.fileName)
        try ReviewSheetWriter.write(s, to: file.path)
        let pdf = try ReviewTools.convert(file, to: "pdf", outdir: folder)
        let info = try RenderTools.run(try #require(RenderTools.which("pdfinfo")), [pdf.path], in: folder).output
        let size = try #require(info.split(separator: "\n").first { $0.hasPrefix("Page size:") })
        let numbers = size.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }
        #expect(numbers.count >= 2 && numbers[0] > numbers[1], "landscape: \(size)")
        #expect(numbers.count >= 2 && abs(numbers[0] - 841.89) < 2 && abs(numbers[1] - 595.28) < 2, "A4: \(size)")
        #expect(info.range(of: #"Pages:\s+1\n"#, options: .regularExpression) != nil, "five cases fit one page fitted to width: \(info)")
        if let keep = ProcessInfo.processInfo.environment["REVIEW_SAMPLE_DIR"] {
            for f in [file, pdf] {
                let target = URL(fileURLWithPath: keep).appendingPathComponent(f.lastPathComponent)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: f, to: target)
            }
        }
    }

    /// A long sheet prints on several pages, each with the title and header rows.
    @Test(.enabled(if: ReviewTools.soffice != nil && RenderTools.which("pdftotext") != nil,
                   "soffice or pdftotext is not on PATH: repeated header rows are not checked"),
          .timeLimit(.minutes(3)))
    func everyPrintedPageRepeatsTheHeader() throws {
        let folder = try ReviewSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = ReviewSamples.screening.rows
        let rows = (1...60).map { n -> ReviewRow in
            var r = base[(n - 1) % base.count]
            r.caseId = String(format: "2026-11-%04d", n)
            r.title = "第\(n)项 " + r.title
            return r
        }
        let s = ReviewSheet(stage: "初选", group: "高新处", period: "2026-11", deadline: "2026-11-30",
                            vocabulary: ReviewSamples.vocabulary, rows: rows)
        let file = folder.appendingPathComponent(s.fileName)
        try ReviewSheetWriter.write(s, to: file.path)
        let pdf = try ReviewTools.convert(file, to: "pdf", outdir: folder)
        let pdftotext = try #require(RenderTools.which("pdftotext"))
        var pages: [String] = []
        for page in 1...20 {
            let r = try RenderTools.run(pdftotext, ["-f", String(page), "-l", String(page), "-layout", pdf.path, "-"], in: folder)
            if r.status != 0 || r.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { break }
            pages.append(r.output)
        }
        #expect(pages.count >= 2, "60 cases take more than one page")
        for (i, text) in pages.enumerated() {
            #expect(text.contains("案例编号") && text.contains("初选意见"), "page \(i + 1) repeats the header row")
            #expect(text.contains("截止 2026-11-30"), "page \(i + 1) repeats the title row")
        }
        #expect(pages.last?.contains("2026-11-0060") == true)
    }
}

@Suite struct ReviewSheetDamageTests {
    /// Truncated or corrupted files never crash the reader: each is nil (not a review sheet) or a Refusal.
    @Test func damagedFilesAreNilOrRefusedNeverACrash() throws {
        let bytes = try ReviewSheetWriter.bytes(ReviewSamples.screening)
        var variants: [[UInt8]] = stride(from: 0, to: bytes.count, by: max(bytes.count / 40, 1)).map { Array(bytes.prefix($0)) }
        var seed: UInt64 = 0x2026_1130
        for _ in 0..<40 {
            var copy = bytes
            for _ in 0..<8 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let i = Int(seed >> 33) % copy.count
                copy[i] ^= UInt8(truncatingIfNeeded: seed >> 17) | 1
            }
            variants.append(copy)
        }
        var outcomes = (nil: 0, refused: 0, read: 0)
        for v in variants {
            do {
                if try ReviewSheetReader().read(bytes: v, fileName: "damaged.xlsx") == nil { outcomes.nil += 1 } else { outcomes.read += 1 }
            } catch is Refusal {
                outcomes.refused += 1
            }
        }
        #expect(outcomes.nil + outcomes.refused + outcomes.read == variants.count)
        #expect(outcomes.nil > 0, "a truncated file is not a review sheet")
    }
}
