import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// Of the numbering part, only the `w:num` the document names and the `w:abstractNum` they use are parsed:
/// the labels are those the whole part gives, on every numbering part of the corpus, fixtures and samples, and
/// a part damaged anywhere is still refused.
struct DocxNumberingSliceTests {
    static let w = DocxStyleNumberingTests.w

    /// Labels for `ids` at a few levels, three times over (counters advance, levels restart).
    static func labels(_ numbering: inout DocxNumbering, ids: [String]) throws -> [String] {
        var out: [String] = []
        for _ in 0..<3 {
            for id in ids {
                for level in [0, 1, 1, 0, 2] {
                    let xml = "<w:pPr \(w)><w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(id)\"/></w:numPr></w:pPr>"
                    out.append(numbering.label(for: try XMLArena.parse(Array(xml.utf8), maxDepth: 64).root) ?? "-")
                }
            }
        }
        return out
    }

    static func numbering(_ bytes: [UInt8], named: Set<String>?) throws -> DocxNumbering {
        var failed = ""
        return try DocxNumbering(numbering: bytes, styles: nil, usedStyles: [], numIdsNamed: named, maxDepth: 256, failedPart: &failed)
    }

    @Test func sameLabelsAsTheWholePartOnEveryNumberingPartOfCorpusFixturesAndSamples() throws {
        var files: [URL] = []
        for root in [try DocxTestSupport.corpus(), DocxTestSupport.fixtures, TestSupport.root.appendingPathComponent("samples")] {
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if url.pathExtension.lowercased() == "docx" { files.append(url) }
            }
        }
        var parts = 0, sliced = 0, compared = 0
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let archive = try? ZipArchive(bytes: [UInt8](try Data(contentsOf: file))), archive.contains("word/numbering.xml"),
                  let bytes = try? archive.read("word/numbering.xml"), (try? Self.numbering(bytes, named: nil)) != nil else { continue }
            parts += 1
            if DocxNumbering.slice(bytes, naming: [], maxDepth: 256) != nil { sliced += 1 }
            let ids = ByteSearch.attributeValues(afterElementNamed: "num", attribute: "numId", in: bytes).sorted()
            // Each id alone (at most 12), the first three together, all, and ids the part does not define.
            let step = max(1, ids.count / 12)
            var sets: [[String]] = stride(from: 0, to: ids.count, by: step).map { [ids[$0]] }
            sets += [Array(ids.prefix(3)), ids, ["999", "0"]]
            for set in sets {
                var whole = try Self.numbering(bytes, named: nil)
                var cut = try Self.numbering(bytes, named: Set(set))
                #expect(try Self.labels(&cut, ids: set + ["999"]) == Self.labels(&whole, ids: set + ["999"]), "\(file.lastPathComponent) \(set)")
                compared += 1
            }
        }
        #expect(parts >= 20, "only \(parts) numbering parts found")
        #expect(compared > 50)
        // Slicing is the way numbering is read, not a path that always declines.
        #expect(sliced * 10 >= parts * 8, "sliced \(sliced) of \(parts)")
    }

    static let numberingPart = """
        <?xml version="1.0" encoding="UTF-8"?><w:numbering \(w)>
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
        </w:numbering>
        """

    @Test func onlyTheNamedDefinitionsAreKeptAndTheLastOfAnIdWins() throws {
        let part = try #require(DocxNumbering.slice(Array(Self.numberingPart.utf8), naming: ["2"], maxDepth: 64))
        let text = String(decoding: part, as: UTF8.self)
        #expect(!text.contains("w:abstractNumId=\"0\"") && !text.contains("w:numId=\"1\"") && !text.contains("w:numId=\"3\""), "\(text)")
        #expect(text.contains("w:abstractNumId=\"1\"") && text.contains("w:abstractNumId=\"2\""), "both definitions numId 2 uses")
        var cut = try Self.numbering(Array(Self.numberingPart.utf8), named: ["2"])
        #expect(try Self.labels(&cut, ids: ["2"]).prefix(5) == ["I)\t", "-", "-", "II)\t", "-"])
    }

    /// Paragraphs numbered directly, in a document with one list among many definitions.
    @Test func aDocumentReadsItsListLabelsThroughTheSlice() throws {
        let body = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>成果名称</w:t></w:r></w:p>"
            + "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>案例简介</w:t></w:r></w:p>"
            + "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>备注</w:t></w:r></w:p>"
        let lines = try DocxTestSupport.reader().text(bytes: try DocxStyleNumberingTests.docx(body: body, numbering: Self.numberingPart), fileName: "列表.docx")
        #expect(lines == ["I)\t成果名称", "1.\t案例简介", "2.\t备注"])
    }

    /// Damage in a definition the document does not use still refuses the file, naming the part.
    @Test(arguments: [
        "<w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"></w:abstractNum>",
        "<w:num w:numId=\"8\"><w:abstractNumId w:val=\"&bad;\"/></w:num>",
        "<w:num w:numId=\"8\" w:numId=\"9\"/>",
    ])
    func damageInAnUnusedDefinitionIsRefused(damage: String) throws {
        let broken = DocxStyleNumberingTests.numbering.replacingOccurrences(of: "</w:numbering>", with: damage + "</w:numbering>")
        let error = try #require(throws: Refusal.self) {
            try DocxTestSupport.reader().text(bytes: try DocxStyleNumberingTests.docx(body: DocxStyleNumberingTests.p("ListNumber", "x"), numbering: broken),
                                              fileName: "broken.docx")
        }
        #expect(error.reason.contains("word/numbering.xml"), "\(error.reason)")
    }
}
