import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// The streaming reads of shared strings and worksheets give what the element tree gives, on the workbooks of
/// the fixtures and on hand-written parts with the shapes writers produce (rich text, phonetic runs, inline
/// strings, whitespace-only text with and without xml:space, rows and cells without references, merges).
@Suite struct XlsxStreamTests {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    /// The tree reading, as XlsxReader did it before the streaming reader.
    static func treeSharedStrings(_ bytes: [UInt8]) throws -> [String] {
        try XMLReader.parse(bytes).elements.filter { $0.name == "si" }.map(XlsxReader.stringItem)
    }

    static func treeWorksheet(_ bytes: [UInt8], shared: [String], dateStyles: Set<Int> = [1]) throws -> ([Int: [Int: String]], [String]) {
        let xml = try XMLReader.parse(bytes)
        return (XlsxReader.cells(xml, shared: shared, dateStyles: dateStyles, date1904: false), XlsxReader.merges(xml).map { "\($0)" })
    }

    static func streamedWorksheet(_ bytes: [UInt8], shared: [String], dateStyles: Set<Int> = [1]) throws -> ([Int: [Int: String]], [String]) {
        let (grid, merges) = try XlsxReader.worksheet(bytes, shared: shared, dateStyles: dateStyles, date1904: false, maxDepth: 200)
        return (grid, merges.map { "\($0)" })
    }

    @Test func handWrittenPartsReadAsTheTreeReadsThem() throws {
        let sst = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <sst xmlns="\(Self.main)" count="6">
          <si><t>报送单位（产学研等单位）</t></si>
          <si><r><rPr><b/></rPr><t>成果</t></r><r><t xml:space="preserve"> 名称 </t></r><rPh sb="0" eb="2"><t>せいか</t></rPh></si>
          <si><t> </t></si>
          <si><t xml:space="preserve">  </t></si>
          <si/>
          <si><t>A &amp; B &lt;C&gt; &#x4E2D;</t><t><![CDATA[国际领先]]></t></si>
          <x:si xmlns:x="urn:other"><x:t>别的命名空间</x:t></x:si>
        </sst>
        """.utf8)
        let streamed = try XLSXStream.sharedStrings(sst, maxDepth: 200)
        let tree = try Self.treeSharedStrings(sst)
        #expect(streamed == tree)
        #expect(streamed.count == 7 && streamed[1] == "成果 名称 " && streamed[2] == " ")

        let sheet = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <worksheet xmlns="\(Self.main)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
          <sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c t="s"><v>5</v></c></row>
            <row><c t="inlineStr"><is><t> </t></is></c><c t="inlineStr"><is><r><t>四川</t></r><r><t>大学</t></r><rPh><t>x</t></rPh></is></c></row>
            <row r="5"><c r="B5" s="1"><v>45987</v></c><c r="C5"><v>1.3800138E10</v></c><c r="D5" t="b"><v>1</v></c><c r="E5" t="str"><v>公式</v></c></row>
            <row r="6"/>
            <row r="6" spans="1:2"><c r="A6" t="s"><v>99</v></c><c r="B6" t="e"><v>#N/A</v></c><c r="C6"/><c r="D6" t="inlineStr"/></row>
            <row r="8"><c r="AA8" t="s" xmlns:q="urn:q" q:t="x"><v>2</v><v>3</v></c></row>
          </sheetData>
          <mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="bad"/></mergeCells>
        </worksheet>
        """.utf8)
        let (streamGrid, streamMerges) = try Self.streamedWorksheet(sheet, shared: tree)
        let (treeGrid, treeMerges) = try Self.treeWorksheet(sheet, shared: tree)
        #expect(streamGrid == treeGrid)
        #expect(streamMerges == treeMerges)
        #expect(streamGrid[2]?[0] == " " && streamGrid[5]?[1] == "2025-11-26" && streamGrid[5]?[2] == "13800138000")
    }

    @Test func aPartTheStreamDoesNotTakeIsReadAsATree() throws {
        // A row inside a row: the tree reads both; the stream declines and the tree's reading is used.
        let nested = Array("<worksheet xmlns=\"\(Self.main)\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>外</t></is></c><row r=\"2\"><c t=\"inlineStr\"><is><t>内</t></is></c></row></row></sheetData></worksheet>".utf8)
        #expect(throws: (any Error).self) { try XLSXStream.worksheet(nested, namespaces: XlsxReader.spreadsheetNamespaces, maxDepth: 200) }
        let (grid, _) = try Self.streamedWorksheet(nested, shared: [])
        #expect(grid == (try Self.treeWorksheet(nested, shared: [])).0)
        #expect(grid[1]?[0] == "外" && grid[2]?[0] == "内")
        // Malformed XML: the same error as the tree reader's.
        let broken = Array("<worksheet xmlns=\"\(Self.main)\"><sheetData><row r=\"1\"><c><v>1</v></row></sheetData></worksheet>".utf8)
        var streamError: XMLError?, treeError: XMLError?
        do { _ = try Self.streamedWorksheet(broken, shared: []) } catch let e as XMLError { streamError = e }
        do { _ = try XMLReader.parse(broken) } catch let e as XMLError { treeError = e }
        #expect(streamError != nil && streamError == treeError)
    }

    @Test func theFixtureWorkbooksReadAsTheTreeReadsThem() throws {
        for name in ["openpyxl-汇总.xlsx", "libreoffice-汇总.xlsx"] {
            let zip = try ZipArchive(bytes: [UInt8](Data(contentsOf: TestSupport.fixture("xlsx/\(name)"))))
            let sstName = zip.entryNames.first { $0.hasSuffix("sharedStrings.xml") }
            let shared = try sstName.map { try Self.treeSharedStrings(zip.read($0)) } ?? []
            if let sstName { #expect(try XLSXStream.sharedStrings(zip.read(sstName), maxDepth: 200) == shared) }
            let sheets = zip.entryNames.filter { $0.hasPrefix("xl/worksheets/") && $0.hasSuffix(".xml") }
            #expect(!sheets.isEmpty)
            var rows = 0
            for part in sheets {
                let bytes = try zip.read(part)
                let (streamGrid, streamMerges) = try Self.streamedWorksheet(bytes, shared: shared)
                let (treeGrid, treeMerges) = try Self.treeWorksheet(bytes, shared: shared)
                #expect(streamGrid == treeGrid, "\(name) \(part)")
                #expect(streamMerges == treeMerges, "\(name) \(part)")
                rows = max(rows, streamGrid.count)
            }
            #expect(rows >= 3, "\(name): a sheet with a header and rows")
        }
    }
}
