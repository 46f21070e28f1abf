import BulletinCore
import Foundation
import Testing

/// outbox/index.html: every link resolves, and the page shows runs, documents, the quarantine and verify.
@Suite struct OutboxIndexTests {
    /// The href values of a page, percent-decoded.
    static func links(_ html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let r = rest.range(of: "href=\"") {
            rest = rest[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let raw = String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
            out.append(raw.removingPercentEncoding ?? raw)
            rest = rest[end...]
        }
        return out
    }

    @Test func everyLinkResolvesAndEachSectionIsThere() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try bench.drop(["高熵合金 (终稿) #1.csv": AuditBench.csv("高熵合金低温韧化机理研究"), "扫描件.pdf": Array("%PDF-1.7\n".utf8),
                        "百分号%20名.json": Array("not json".utf8)])
        try await bench.run()
        try bench.drop(["页岩气.csv": AuditBench.csv("页岩气水平井压裂技术", unit: "西南石油大学")])
        try await bench.run()
        let page = bench.outbox.appendingPathComponent("index.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        let links = Self.links(html)
        #expect(links.count >= 15, "\(links)")
        for link in links {
            #expect(!link.hasPrefix("/") && !link.contains("://"), "\(link) is not relative")
            #expect(FileManager.default.fileExists(atPath: bench.outbox.appendingPathComponent(link).path), "\(link) does not resolve")
        }
        // Every document and sheet, both logs, every quarantined file and its reason.
        for o in try bench.outputs() where !o.path.hasPrefix("quarantine/") { #expect(links.contains(o.path), "\(o.path) is not linked") }
        for log in try bench.logs() { #expect(links.contains("logs/" + log.url.lastPathComponent)) }
        #expect(links.contains("quarantine/2026-11-22/扫描件.pdf") && links.contains("quarantine/2026-11-22/扫描件.pdf.reason.txt"))
        #expect(links.contains("quarantine/2026-11-22/百分号%20名.json"), "a % in a name is encoded, so the link finds the file")
        #expect(html.contains("扫描件.pdf is a PDF"), "the quarantine shows its reasons")
        #expect(html.contains("✔ verified"))
        #expect(html.contains("<!-- BEGIN cases-by-stage") && html.contains("<!-- END cases-by-stage -->"))
        #expect(html.components(separatedBy: "<tr><td><code>run-").count - 1 == 2, "both runs are listed")
        #expect(try !FileManager.default.contentsOfDirectory(atPath: bench.outbox.path).contains { $0.hasSuffix(".tmp") }, "written atomically")
    }
}
