import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// What the review-sheet check parses of a workbook of submissions travels in `FileKind.workbook` to `XlsxReader`,
/// which takes it instead of reading those parts again: only for the same bytes and limits, once, and with the same
/// submissions and notes as a reader that reads every part itself.
struct WorkbookReadsTests {
    static let folder = TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/xlsx")
    let config: PipelineConfig
    let reviewSheets: ReviewSheetReader
    let xlsx: XlsxReader

    init() throws {
        config = try TestSupport.config()
        reviewSheets = ReviewSheetReader(config: config)
        xlsx = XlsxReader(config: config)
    }

    func decided(_ bytes: [UInt8], _ name: String) throws -> WorkbookReads {
        guard case .workbook(let reads) = FileKind.decide(fileName: name, bytes: bytes, reviewSheets: reviewSheets) else {
            Issue.record("\(name) is not decided a workbook of submissions")
            throw CancellationError()
        }
        return try #require(reads, "\(name): the check's reads are handed on")
    }

    /// A workbook written by openpyxl and one re-saved by LibreOffice (shared strings, styles): the reader given the
    /// check's reads gives what a reader reading every part gives, and the reads are then gone.
    @Test(arguments: ["openpyxl-汇总.xlsx", "libreoffice-汇总.xlsx"])
    func theReaderWithTheReadsReadsAsWithout(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let reads = try decided(bytes, name)
        #expect(!reads.isEmpty)
        let taken = try xlsx.read(bytes: bytes, fileName: name, reads: reads)
        #expect(reads.isEmpty, "taken once")
        let fresh = try xlsx.read(bytes: bytes, fileName: name)
        #expect(taken.submissions.count >= 2)
        #expect(taken.submissions == fresh.submissions)
        #expect(taken.notes == fresh.notes)
    }

    /// A workbook whose first sheet, as the check read it, is changed in the box: the reader's submission shows the
    /// change, so the sheet was not read again; given other bytes, other limits or an emptied box, it reads the file.
    @Test func theReadsAreTakenOnlyForTheirBytesAndLimits() throws {
        let header = ["报送单位（产学研等单位）", "成果名称", "案例简介"]
        let values = ["四川农业大学", "川农优质抗病杂交稻新品种选育", "选育出抗稻瘟病杂交稻新品种，累计推广120万亩。"]
        func cells(_ row: Int, _ texts: [String]) -> String {
            texts.enumerated().map { "<c r=\"\(XlsxReader.columnName($0.offset))\(row)\" t=\"inlineStr\"><is><t>\($0.element)</t></is></c>" }.joined()
        }
        let sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\">\(cells(1, header))</row><row r=\"2\">\(cells(2, values))</row></sheetData></worksheet>"
        let bytes = try HeaderVariantTests.workbook(sheet: sheet)
        func marked(_ reads: WorkbookReads, for bytes: [UInt8], limits: ZipLimits? = nil, maxDepth: Int? = nil) throws -> WorkbookReads {
            var r = try #require(reads.take(for: bytes, limits: config.limits.zip, maxDepth: config.limits.xmlMaxDepth))
            var sheets = r.sheets
            let part = try #require(sheets["xl/worksheets/s.xml"], "the first sheet was read by the check")
            var grid = part.grid
            grid[2]?[1] = "（取自检查时的读取）"
            sheets["xl/worksheets/s.xml"] = (grid, part.merges)
            r = WorkbookReads.Reads(bytes: r.bytes, limits: limits ?? r.limits, maxDepth: maxDepth ?? r.maxDepth, shared: r.shared,
                                    dateStyles: r.dateStyles, sheets: sheets)
            return WorkbookReads(r)
        }
        func title(_ reads: WorkbookReads?, _ bytes: [UInt8]) throws -> String? {
            try xlsx.read(bytes: bytes, fileName: "汇总.xlsx", reads: reads).submissions.first?[.title]
        }
        #expect(try title(nil, bytes) == "川农优质抗病杂交稻新品种选育")
        // The same storage, and an equal copy in other storage: taken.
        #expect(try title(try marked(try decided(bytes, "汇总.xlsx"), for: bytes), bytes) == "（取自检查时的读取）")
        let copy = bytes.map { $0 }
        #expect(try title(try marked(try decided(bytes, "汇总.xlsx"), for: bytes), copy) == "（取自检查时的读取）")
        // Other limits, another depth limit, other bytes: read afresh.
        var otherLimits = config.limits.zip
        otherLimits.maxEntries += 1
        #expect(try title(try marked(try decided(bytes, "汇总.xlsx"), for: bytes, limits: otherLimits), bytes) == "川农优质抗病杂交稻新品种选育")
        #expect(try title(try marked(try decided(bytes, "汇总.xlsx"), for: bytes, maxDepth: 17), bytes) == "川农优质抗病杂交稻新品种选育")
        let other = try HeaderVariantTests.workbook(sheet: sheet.replacingOccurrences(of: "川农", with: "蜀农"))
        #expect(try title(try marked(try decided(bytes, "汇总.xlsx"), for: bytes), other) == "蜀农优质抗病杂交稻新品种选育")
        // Taken once: a box already taken gives nothing, and the reader reads the file.
        let once = try marked(try decided(bytes, "汇总.xlsx"), for: bytes)
        _ = once.take(for: bytes, limits: config.limits.zip, maxDepth: config.limits.xmlMaxDepth)
        #expect(try title(once, bytes) == "川农优质抗病杂交稻新品种选育")
    }

    /// A file named .xlsx that is no zip is a workbook with nothing handed on; the reader then refuses it with its own
    /// message.
    @Test func aBrokenFileHandsNothingOn() throws {
        let broken = Array("这不是一个工作簿".utf8)
        guard case .workbook(let reads) = FileKind.decide(fileName: "坏.xlsx", bytes: broken, reviewSheets: reviewSheets) else {
            Issue.record("a file that is no zip is read as a workbook (and refused by the reader)")
            return
        }
        #expect(reads == nil)
        #expect(throws: Refusal.self) { try xlsx.read(bytes: broken, fileName: "坏.xlsx", reads: reads) }
    }
}
