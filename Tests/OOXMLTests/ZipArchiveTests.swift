import Foundation
import OOXML
import Testing

/// ZipArchive: entries read back, and every limit enforced while inflating.
struct ZipArchiveTests {
    @Test func readsWhatZipWriterWrote() throws {
        let bytes = try OOXMLTestSupport.zip([("a.txt", Array("甲".utf8)), ("dir/b.xml", Array("<b/>".utf8))])
        let archive = try ZipArchive(bytes: bytes)
        #expect(archive.entryNames == ["a.txt", "dir/b.xml"])
        #expect(try archive.read("a.txt") == Array("甲".utf8))
        #expect(archive.contains("/DIR\\B.XML"), "part names compare case-insensitively, with \\ as /")
        #expect(throws: ZipError.missingEntry("c")) { try archive.read("c") }
    }

    @Test func refusesDuplicateNamesThatDifferOnlyInCase() throws {
        let bytes = try OOXMLTestSupport.zip([("word/document.xml", [1]), ("Word/Document.xml", [2])])
        #expect(throws: ZipError.duplicateEntry("word/document.xml", "Word/Document.xml")) { try ZipArchive(bytes: bytes) }
    }

    @Test func refusesTooManyEntries() throws {
        let bytes = try OOXMLTestSupport.zip((0..<6).map { ("\($0)", [UInt8($0)]) })
        #expect(throws: ZipError.tooManyEntries(count: 6, limit: 5)) { try ZipArchive(bytes: bytes, limits: ZipLimits(maxEntries: 5)) }
    }

    @Test func stopsInflatingAtTheEntryLimit() throws {
        let bytes = try OOXMLTestSupport.zip([("big", [UInt8](repeating: 65, count: 1 << 20))])
        let archive = try ZipArchive(bytes: bytes, limits: ZipLimits(maxEntryBytes: 100_000))
        #expect(throws: ZipError.entryTooLarge(entry: "big", limit: 100_000)) { try archive.read("big") }
    }

    @Test func stopsInflatingAtTheTotalLimit() throws {
        let bytes = try OOXMLTestSupport.zip([("a", [UInt8](repeating: 65, count: 60_000)), ("b", [UInt8](repeating: 66, count: 60_000))])
        let archive = try ZipArchive(bytes: bytes, limits: ZipLimits(maxTotalBytes: 100_000))
        _ = try archive.read("a")
        #expect(throws: ZipError.totalTooLarge(limit: 100_000)) { try archive.read("b") }
    }

    @Test func refusesABombByItsRatio() throws {
        let bytes = try OOXMLTestSupport.zip([("zeros", [UInt8](repeating: 0, count: 16 << 20))])
        let archive = try ZipArchive(bytes: bytes)
        #expect(throws: ZipError.self) { try archive.read("zeros") }
        do { _ = try archive.read("zeros") } catch let error as ZipError {
            guard case .ratioTooHigh = error else { Issue.record("expected ratioTooHigh, got \(error)"); return }
        }
    }

    @Test func truncatedArchiveIsNotAZip() throws {
        let bytes = try OOXMLTestSupport.zip([("a.txt", [UInt8](repeating: 65, count: 1000))])
        #expect(throws: ZipError.notZip) { try ZipArchive(bytes: Array(bytes.prefix(bytes.count / 2))) }
        #expect(throws: ZipError.notZip) { try ZipArchive(bytes: []) }
    }

    @Test func opensAnArchiveWithGapsBetweenEntries() throws {
        // A stored entry, then 16 bytes of junk before the central directory: libzip's consistency check
        // rejects this, as it does files some Word versions wrote; the archive is opened without it.
        let bytes = try OOXMLTestSupport.zip([("a.txt", Array("hello".utf8))])
        let eocd = try #require(Self.lastIndex(of: [0x50, 0x4B, 0x05, 0x06], in: bytes))
        let cdOffset = Int(bytes[eocd + 16]) | Int(bytes[eocd + 17]) << 8 | Int(bytes[eocd + 18]) << 16 | Int(bytes[eocd + 19]) << 24
        var gapped = Array(bytes[..<cdOffset]) + [UInt8](repeating: 0, count: 16) + Array(bytes[cdOffset...])
        let newOffset = cdOffset + 16
        let at = eocd + 16 + 16
        for k in 0..<4 { gapped[at + k] = UInt8((newOffset >> (8 * k)) & 0xFF) }
        let archive = try ZipArchive(bytes: gapped)
        #expect(try archive.read("a.txt") == Array("hello".utf8))
    }

    static func lastIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in stride(from: hay.count - needle.count, through: 0, by: -1) where Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}
