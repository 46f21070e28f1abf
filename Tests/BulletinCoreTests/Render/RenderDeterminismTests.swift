import BulletinCore
import Foundation
import OOXML
import Testing

/// The same input gives the same bytes, and word/document.xml matches its golden file.
struct RenderDeterminismTests {
    @Test func sameIssueGivesByteIdenticalFiles() async throws {
        let folder = try RenderSamples.temporaryFolder()
        let first = folder.appendingPathComponent("first.docx").path
        let second = folder.appendingPathComponent("second.docx").path
        try RenderedDocument.write(BulletinRenderer.render(RenderSamples.november), to: first)
        try await Task.sleep(for: .seconds(2.1))  // past the 2-second resolution of zip dates
        try RenderedDocument.write(BulletinRenderer.render(RenderSamples.november), to: second)
        let a = try Data(contentsOf: URL(fileURLWithPath: first))
        let b = try Data(contentsOf: URL(fileURLWithPath: second))
        #expect(!a.isEmpty && a == b)
    }

    @Test func sameListGivesByteIdenticalFiles() throws {
        let folder = try RenderSamples.temporaryFolder()
        var files: [Data] = []
        for name in ["a.docx", "b.docx"] {
            let path = folder.appendingPathComponent(name).path
            try RenderedDocument.write(AnnualListRenderer.render(RenderSamples.annual2026), to: path)
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0] == files[1])
    }

    @Test func zipEntriesAreDatedMidnight2000UTCWhateverTheZone() throws {
        let path = try RenderSamples.temporaryFolder().appendingPathComponent("dated.docx").path
        try RenderedDocument.write(BulletinRenderer.render(RenderSamples.november), to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // The first local file header: signature PK\3\4, then DOS time and date at offsets 10 and 12.
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        let time = UInt16(bytes[10]) | UInt16(bytes[11]) << 8
        let date = UInt16(bytes[12]) | UInt16(bytes[13]) << 8
        #expect(time == 0)
        #expect(date == (20 << 9 | 1 << 5 | 1))  // 2000-01-01
    }

    @Test func packageListsItsPartsContentTypesFirst() throws {
        let docx = try RenderDocx.written(BulletinRenderer.render(RenderSamples.november),
                                          in: RenderSamples.temporaryFolder(), name: "parts.docx")
        #expect(docx.entryNames == [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
            "word/styles.xml", "word/settings.xml", "word/footer1.xml", "word/footer2.xml",
            "docProps/core.xml", "docProps/app.xml",
        ])
        let core = try docx.xml("docProps/core.xml")
        let created = core.elements.first { $0.name == "created" }?.textContent
        #expect(created == "2026-11-22T00:00:00Z")
    }

    // MARK: - Golden files

    /// Compares the outline of word/document.xml with `name` in Fixtures/golden; `RECORD_GOLDEN=1` rewrites it.
    private func checkGolden(_ doc: RenderedDocument, _ name: String) throws {
        try RenderGolden.check(doc, name)
    }

    @Test func bulletinMatchesGolden() throws {
        try checkGolden(BulletinRenderer.render(RenderSamples.november), "bulletin-2026-11.document.txt")
    }

    @Test func emptyBulletinMatchesGolden() throws {
        try checkGolden(BulletinRenderer.render(RenderSamples.emptyDecember), "bulletin-2026-12-empty.document.txt")
    }

    @Test func annualListMatchesGolden() throws {
        try checkGolden(AnnualListRenderer.render(RenderSamples.annual2026), "annual-2026.document.txt")
    }
}
