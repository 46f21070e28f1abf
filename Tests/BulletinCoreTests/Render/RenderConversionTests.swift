@testable import BulletinCore
import Foundation
import Testing

/// Other readers open the drafts: LibreOffice converts them to PDF, pandoc reads their text.
struct RenderConversionTests {
    private static let soffice = RenderTools.which("soffice")
    private static let pandoc = RenderTools.which("pandoc")

    /// Every kind of document: bulletin, annual list, statistics, quarterly release (in that order).
    private func writeAll(in folder: URL) throws -> [String] {
        let documents: [(String, RenderedDocument)] = [
            ("bulletin.docx", try BulletinRenderer.render(RenderSamples.november)),
            ("annual.docx", try AnnualListRenderer.render(RenderSamples.annual2026)),
            ("statistics.docx", try StatisticsRenderer.render(RenderSamples.statistics202611)),
            ("quarterly.docx", try QuarterlyReleaseRenderer.render(RenderSamples.quarterly2026Q4)),
        ]
        return try documents.map { name, doc in
            let path = folder.appendingPathComponent(name).path
            try RenderedDocument.write(doc, to: path)
            return path
        }
    }

    @Test(.enabled(if: soffice != nil, "soffice (LibreOffice) is not on PATH: PDF conversion not checked"),
          .timeLimit(.minutes(3)))
    func libreOfficeConvertsEveryKindToPDF() throws {
        let folder = try RenderSamples.temporaryFolder()
        let files = try writeAll(in: folder)
        let profile = folder.appendingPathComponent("lo-profile", isDirectory: true).absoluteString
        let result = try RenderTools.run(try #require(Self.soffice),
                                         ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf",
                                          "--outdir", folder.path] + files, in: folder)
        #expect(result.status == 0)
        for file in files {
            let pdf = URL(fileURLWithPath: file).deletingPathExtension().appendingPathExtension("pdf")
            let bytes = try Data(contentsOf: pdf)
            #expect(bytes.starts(with: Array("%PDF".utf8)) && bytes.count > 5_000, "\(pdf.lastPathComponent)")
        }
    }

    @Test(.enabled(if: pandoc != nil, "pandoc is not on PATH: plain-text reading not checked"))
    func pandocReadsTheText() throws {
        let folder = try RenderSamples.temporaryFolder()
        let files = try writeAll(in: folder)
        let pandoc = try #require(Self.pandoc)
        let bulletin = try RenderTools.run(pandoc, ["-t", "plain", "--wrap=none", files[0]], in: folder)
        #expect(bulletin.status == 0)
        #expect(bulletin.output.contains("2026年第11期（总第35期）"))
        #expect(bulletin.output.contains("一、揭示肿瘤细胞通过乳酸化修饰逃逸T细胞免疫杀伤的新机制"))
        let annual = try RenderTools.run(pandoc, ["-t", "plain", "--wrap=none", files[1]], in: folder)
        #expect(annual.status == 0)
        #expect(annual.output.contains("2026年度重大科技成果榜单（草稿）"))
        #expect(annual.output.contains("东方电气集团东方电机有限公司"))
    }
}
