@testable import BulletinCore
@testable import OOXML
import Foundation
import Testing

/// Numbering and styles parts read once per run when forms share them byte for byte (`DocxPartCache`):
/// the same result as reading them again, never shared between parts that differ, never for a damaged part.
struct DocxPartCacheTests {
    typealias S = DocxStyleNumberingTests

    static let body = S.p("Heading1", "基本信息") + S.p("ListNumber", "成果名称不超过30字。") + S.p("Note", "简介不超过1000字。")
        + S.p("Heading1", "备注")

    @Test func aFormReadTwiceInOneRunReadsTheSame() throws {
        let reader = try DocxTestSupport.reader()
        let bytes = try S.docx(body: Self.body)
        let first = try reader.text(bytes: bytes, fileName: "第一份.docx")
        #expect(reader.partCache.count == 1)
        let second = try reader.text(bytes: bytes, fileName: "第二份.docx")
        // The counters start again: the cached numbering is the one read, not the one counted through.
        #expect(first == ["一、基本信息", "1. 成果名称不超过30字。", "2. 简介不超过1000字。", "二、备注"])
        #expect(second == first)
        #expect(reader.partCache.count == 1)
        // A fresh reader (nothing cached) reads the same.
        #expect(try DocxTestSupport.reader().text(bytes: bytes, fileName: "第二份.docx") == first)
    }

    @Test func stylesDifferingByOneByteAreNotShared() throws {
        let reader = try DocxTestSupport.reader()
        let other = S.styles.replacingOccurrences(of: "<w:numId w:val=\"1\"/></w:numPr><w:spacing",
                                                  with: "<w:numId w:val=\"2\"/></w:numPr><w:spacing")
        #expect(other.utf8.count == S.styles.utf8.count && other != S.styles)
        let first = try reader.text(bytes: try S.docx(body: Self.body), fileName: "模板甲.docx")
        let second = try reader.text(bytes: try S.docx(body: Self.body, styles: other), fileName: "模板乙.docx")
        #expect(first[1] == "1. 成果名称不超过30字。")
        #expect(second == ["一、基本信息", "二、成果名称不超过30字。", "三、简介不超过1000字。", "四、备注"])
        #expect(reader.partCache.count == 2)
        #expect(try DocxTestSupport.reader().text(bytes: try S.docx(body: Self.body, styles: other), fileName: "模板乙.docx") == second)
    }

    @Test func aDamagedStylesPartAfterAGoodOneIsStillRefused() throws {
        let reader = try DocxTestSupport.reader()
        let damaged = S.styles.replacingOccurrences(of: "<w:spacing w:after=\"0\"/></w:pPr></w:style>",
                                                    with: "<w:spacing w:after=\"0\"/></w:pPr></w:stylx>")
        #expect(damaged.utf8.count == S.styles.utf8.count && damaged != S.styles)
        let good = try S.docx(body: Self.body)
        _ = try reader.text(bytes: good, fileName: "完好.docx")
        for _ in 0..<2 {
            let refusal = try #require(throws: Refusal.self) {
                try reader.text(bytes: try S.docx(body: Self.body, styles: damaged), fileName: "损坏.docx")
            }
            #expect(refusal.reason.contains("损坏.docx") && refusal.reason.contains("word/styles.xml"), "\(refusal.reason)")
        }
        #expect(reader.partCache.count == 1)
        #expect(try reader.text(bytes: good, fileName: "完好.docx")[1] == "1. 成果名称不超过30字。")
    }

    /// A cached read is not inflated, but its bytes still count against the next archive's limits: a form
    /// that passes the total limit cannot open the door for a larger one that does not.
    @Test func aCachedReadStillCountsAgainstTheArchivesLimits() throws {
        let small = try S.docx(body: Self.body)
        let padding = String(repeating: S.p(nil, "本成果在四川省内推广应用，带动相关产业发展。"), count: 60)
        let large = try S.docx(body: Self.body + padding)
        // Enough for the small form whole, and for the large one's document, relationships and less than its numbering.
        let largeDocument = DocxTestSupport.rels().utf8.count + DocxTestSupport.documentXML(body: Self.body + padding).utf8.count
        let limit = largeDocument + 400
        let smallWhole = DocxTestSupport.rels().utf8.count + DocxTestSupport.documentXML(body: Self.body).utf8.count + 400
            + S.numbering.utf8.count + S.styles.utf8.count
        #expect(smallWhole < limit)
        func reader() throws -> DocxFormReader { try DocxTestSupport.reader { $0.limits.zipMaxTotalBytes = limit } }
        let fresh = try #require(throws: Refusal.self) { try reader().text(bytes: large, fileName: "大.docx") }
        #expect(fresh.reason.contains("inflates past"), "\(fresh.reason)")
        let warmed = try reader()
        #expect(try warmed.text(bytes: small, fileName: "小.docx")[1] == "1. 成果名称不超过30字。")
        #expect(warmed.partCache.count == 1)
        let cached = try #require(throws: Refusal.self) { try warmed.text(bytes: large, fileName: "大.docx") }
        #expect(cached == fresh)
    }

    /// A key whose numbering part is the one byte `n` (nothing else differs).
    static func key(_ n: UInt8) -> DocxPartCache.Key {
        DocxPartCache.Key(numbering: ZipEntryFingerprint(method: 8, crc: UInt32(n), size: 1, storedSize: 1, stored: [n]),
                          styles: nil, usedStyles: ["ListNumber"], numIdsNamed: nil, maxDepth: 8)
    }

    @Test func theLeastRecentlyUsedEntryIsDroppedWhenFull() {
        let cache = DocxPartCache(capacity: 3)
        let value = DocxPartCache.Value(numbering: DocxNumbering(), numberingChunks: [1], stylesChunks: [])
        for n: UInt8 in 1...3 { cache.store(value, for: Self.key(n)) }
        // Template 1 is read again, so template 2 is now the least recently used.
        #expect(cache.value(for: Self.key(1)) != nil)
        cache.store(value, for: Self.key(4))
        #expect(cache.count == 3)
        #expect(cache.value(for: Self.key(2)) == nil, "the least recently used template should have been dropped")
        #expect(cache.value(for: Self.key(1)) != nil && cache.value(for: Self.key(3)) != nil && cache.value(for: Self.key(4)) != nil)
        // Storing a key again replaces its entry rather than adding a second one.
        cache.store(DocxPartCache.Value(numbering: DocxNumbering(), numberingChunks: [2], stylesChunks: []), for: Self.key(3))
        #expect(cache.count == 3)
        #expect(cache.value(for: Self.key(3))?.numberingChunks == [2])
    }
}
