import BulletinTestSupport
@testable import BulletinCore
@testable import OOXML
import Foundation
import Testing

/// Relationships parts parsed once per run when forms share them byte for byte (`DocxRelationshipsCache`): the same
/// result as reading them afresh, never shared between parts that differ by a byte, never kept for a damaged part.
struct DocxRelationshipsCacheTests {
    typealias V = DocxLabelVariantTests

    static let form = V.form(V.standard)

    /// A form's package with `_rels/.rels` and the document's relationships part as given.
    static func package(body: String, rels: String = DocxTestSupport.rels(), documentRels: String? = nil) throws -> [UInt8] {
        var entries: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(DocxTestSupport.contentTypes.utf8)),
            ("_rels/.rels", Array(rels.utf8)),
            ("word/document.xml", Array(DocxTestSupport.documentXML(body: body).utf8)),
        ]
        if let documentRels { entries.append(("word/_rels/document.xml.rels", Array(documentRels.utf8))) }
        return try DocxTestSupport.package(entries)
    }

    static let documentRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>
        """

    @Test func formsSharingTheirRelationshipsPartsReadTheSame() throws {
        let reader = try DocxTestSupport.reader()
        let bytes = try Self.package(body: Self.form, documentRels: Self.documentRels)
        let first = try reader.extract(bytes: bytes, fileName: "第一份.docx")
        #expect(reader.relationshipsCache.count == 2)
        let second = try reader.extract(bytes: bytes, fileName: "第一份.docx")
        #expect(reader.relationshipsCache.count == 2)
        #expect(second.submissions == first.submissions && second.notes == first.notes)
        #expect(first.submissions.first?.fields == V.values)
        #expect(try DocxTestSupport.reader().extract(bytes: bytes, fileName: "第一份.docx").submissions == first.submissions)
    }

    /// A relationships part differing by one byte (here the main part's name) is another entry, read for itself.
    @Test func relationshipsDifferingByOneByteAreNotShared() throws {
        let reader = try DocxTestSupport.reader()
        let other = DocxTestSupport.rels(target: "word/documenx.xml")
        #expect(other.utf8.count == DocxTestSupport.rels().utf8.count)
        _ = try reader.extract(bytes: try Self.package(body: Self.form), fileName: "甲.docx")
        let refusal = try #require(throws: Refusal.self) {
            try reader.extract(bytes: try Self.package(body: Self.form, rels: other), fileName: "乙.docx")
        }
        #expect(refusal.reason.contains("main document part \"word/documenx.xml\" is missing"), "\(refusal.reason)")
        #expect(reader.relationshipsCache.count == 2)
    }

    @Test func aDamagedRelationshipsPartAfterAGoodOneIsStillRefused() throws {
        let reader = try DocxTestSupport.reader()
        let damaged = Self.documentRels.replacingOccurrences(of: "</Relationships>", with: "</Relationshipz>")
        _ = try reader.extract(bytes: try Self.package(body: Self.form, documentRels: Self.documentRels), fileName: "完好.docx")
        let fresh = try #require(throws: Refusal.self) {
            try DocxTestSupport.reader().extract(bytes: try Self.package(body: Self.form, documentRels: damaged), fileName: "损坏.docx")
        }
        #expect(fresh.reason.contains("word/_rels/document.xml.rels"), "\(fresh.reason)")
        for _ in 0..<2 {
            let refusal = try #require(throws: Refusal.self) {
                try reader.extract(bytes: try Self.package(body: Self.form, documentRels: damaged), fileName: "损坏.docx")
            }
            #expect(refusal == fresh)
        }
        #expect(reader.relationshipsCache.count == 2)
    }

    /// A cached part is not inflated, but its bytes still count against the archive's limits, at the same step.
    @Test func aCachedRelationshipsPartStillCountsAgainstTheArchivesLimits() throws {
        let bytes = try Self.package(body: Self.form)
        let relsBytes = DocxTestSupport.rels().utf8.count
        func reader() throws -> DocxFormReader { try DocxTestSupport.reader { $0.limits.zipMaxTotalBytes = relsBytes - 1 } }
        let fresh = try #require(throws: Refusal.self) { try reader().extract(bytes: bytes, fileName: "表.docx") }
        #expect(fresh.reason.contains("inflates past"), "\(fresh.reason)")
        // Warm a reader with limits the form passes, then read it with the tight limit through the same cache.
        let roomy = try DocxTestSupport.reader()
        _ = try roomy.extract(bytes: bytes, fileName: "表.docx")
        let tight = try reader()
        let print = try #require(try ZipArchive(bytes: bytes).fingerprint("_rels/.rels"))
        let hit = try #require(roomy.relationshipsCache.value(for: .init(part: print, maxDepth: tight.config.limits.xmlMaxDepth)))
        tight.relationshipsCache.store(hit, for: .init(part: print, maxDepth: tight.config.limits.xmlMaxDepth))
        let cached = try #require(throws: Refusal.self) { try tight.extract(bytes: bytes, fileName: "表.docx") }
        #expect(cached == fresh)
    }

    @Test func theLeastRecentlyUsedRelationshipsAreDroppedWhenFull() {
        let cache = DocxRelationshipsCache(capacity: 2)
        func key(_ n: UInt8) -> DocxRelationshipsCache.Key {
            .init(part: ZipEntryFingerprint(method: 8, crc: UInt32(n), size: 1, storedSize: 1, stored: [n]), maxDepth: 8)
        }
        let value = DocxRelationshipsCache.Value(relationships: [OPCRelationship(id: "rId1", type: "t", target: "a.xml")], chunks: [1])
        cache.store(value, for: key(1))
        cache.store(value, for: key(2))
        #expect(cache.value(for: key(1)) != nil)
        cache.store(value, for: key(3))
        #expect(cache.count == 2)
        #expect(cache.value(for: key(2)) == nil && cache.value(for: key(1)) != nil && cache.value(for: key(3)) != nil)
        // Another depth limit is another key.
        #expect(cache.value(for: .init(part: key(1).part, maxDepth: 9)) == nil)
    }
}
