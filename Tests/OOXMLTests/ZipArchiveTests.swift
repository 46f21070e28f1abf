import Foundation
@testable import OOXML
import Testing

/// ZipArchive: entries read back, and every limit enforced while inflating.
struct ZipArchiveTests {
    /// Fingerprints compare their stored bytes with memcmp: a difference anywhere, or in length, makes them differ.
    @Test func fingerprintsDifferOnAnyStoredByte() {
        func print(_ stored: [UInt8]) -> ZipEntryFingerprint {
            ZipEntryFingerprint(method: 8, crc: 1, size: 10, storedSize: UInt64(stored.count), stored: stored)
        }
        let bytes = (0..<30_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        #expect(print(bytes) == print(bytes))
        #expect(print([]) == print([]))
        for at in [0, 1, 15_000, 29_999] {
            var other = bytes
            other[at] &+= 1
            #expect(print(bytes) != print(other), "byte \(at)")
        }
        var shorter = print(Array(bytes.dropLast()))
        shorter.storedSize = UInt64(bytes.count)  // same stated size, one byte fewer
        #expect(print(bytes) != shorter)
        var method = print(bytes)
        method.method = 0
        #expect(print(bytes) != method)
    }

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

    /// Lookup keys on both of the key's paths (a name that is already a key, and one that needs lowering or
    /// `\` turned into `/`): only A–Z are letters to lower (`@` and `[` sit either side of them; `` ` `` and `{` are
    /// what lowering them would wrongly give).
    @Test func keysLowerOnlyASCIICapitalsAndTurnBackslashes() throws {
        let bytes = try OOXMLTestSupport.zip([("[Content_Types].xml", [1]), ("x@[z]/a.xml", [2]), ("b", [3]), ("lower/c.xml", [4])])
        let archive = try ZipArchive(bytes: bytes)
        #expect(archive.contains("[content_types].xml") && archive.contains("/[CONTENT_TYPES].XML"))
        #expect(archive.contains("X@[Z]\\A.XML") && archive.contains("x@[z]/a.xml"))
        #expect(!archive.contains("x`{z}/a.xml"))
        #expect(archive.contains("B") && archive.contains("/b") && archive.contains("b"))
        #expect(archive.contains("lower/c.xml") && archive.contains("lower\\c.xml") && !archive.contains("lower/c.xm"))
        #expect(!archive.contains("") && !archive.contains("/"))
        #expect(try archive.read("LOWER/C.XML") == [4])
    }

    /// Entry names are read from their C strings straight into name and key when ASCII: the same name and key as
    /// `String(cString:)` and `key(_:)` give, for names already keys, names to lower, backslashes, leading slashes,
    /// the bytes either side of A–Z; other names are left to those (nil).
    @Test(arguments: ["word/document.xml", "[Content_Types].xml", "docProps/core.xml", "/word/a.xml", "//x", "\\Word\\A.XML",
                      "/", "\\", "@[`{Z]", "a", "_rels/.rels", "A/../B.xml", String(repeating: "Ab/", count: 300)])
    func namesAndKeysFromCStringsAsFromStrings(_ name: String) throws {
        let made = try #require(name.withCString { ZipArchive.nameAndKey($0) })
        #expect(made.name == name && made.key == ZipArchive.key(name))
        #expect(made.name.utf8.elementsEqual(name.utf8) && made.key.utf8.elementsEqual(ZipArchive.key(name).utf8))
    }

    @Test(arguments: ["word/Äpfel.xml", "报送表.xml", ""])
    func otherNamesAreLeftToTheStringPath(_ name: String) {
        #expect(name.withCString { ZipArchive.nameAndKey($0) } == nil)
    }

    /// Names beyond ASCII still compare case-insensitively (the key lowers them with Unicode's case mapping; ASCII
    /// names skip it).
    @Test func nonASCIINamesCompareCaseInsensitively() throws {
        let bytes = try OOXMLTestSupport.zip([("word/Äpfel.xml", [1])])
        #expect(try ZipArchive(bytes: bytes).contains("WORD/äPFEL.XML"))
        let twice = try OOXMLTestSupport.zip([("word/Äpfel.xml", [1]), ("word/äpfel.xml", [2])])
        #expect(throws: ZipError.duplicateEntry("word/Äpfel.xml", "word/äpfel.xml")) { try ZipArchive(bytes: twice) }
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

    /// `read` inflates straight into the array while the stated size (plus a step) holds the entry, and goes on
    /// through its scratch buffer past that: an entry whose central directory states another size than it
    /// inflates to must give what the scratch path (`readPrefix` that never has enough) gives, bytes or error.
    @Test func readsEntriesWhatEverTheirStatedSize() throws {
        let big = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let entries: [(String, [UInt8])] = [("a.txt", Array("甲乙".utf8)), ("big.bin", big), ("empty", [])]
        let bytes = try OOXMLTestSupport.zip(entries)
        var chunks: [Int] = []
        #expect(try ZipArchive(bytes: bytes).read("big.bin", chunks: &chunks) == big)
        #expect(chunks == [65_536, 65_536, 150_000 - 131_072], "the same 64 KB steps as through the scratch buffer")
        // Each entry's stated size (central directory, offset 24) made smaller, larger, zero.
        var header = 0
        var variants: [[UInt8]] = [bytes]
        while let at = Self.firstIndex(of: [0x50, 0x4B, 0x01, 0x02], in: bytes, from: header) {
            for size in [0, 1, 3, 100, 70_000, 149_999, 150_001, 1 << 20] {
                var v = bytes
                for k in 0..<4 { v[at + 24 + k] = UInt8((size >> (8 * k)) & 0xFF) }
                variants.append(v)
            }
            header = at + 4
        }
        #expect(variants.count == 1 + 3 * 8)
        for (n, v) in variants.enumerated() {
            for (name, _) in entries {
                func outcome(_ read: (ZipArchive) throws -> [UInt8]) -> (bytes: [UInt8]?, error: String?) {
                    do { return (try read(try ZipArchive(bytes: v)), nil) } catch { return (nil, "\(error)") }
                }
                let direct = outcome { try $0.read(name) }, scratch = outcome { try $0.readPrefix(name) { _ in false } }
                #expect(direct.bytes == scratch.bytes && direct.error == scratch.error, "variant \(n), \(name): \(direct.error ?? "read") against \(scratch.error ?? "read")")
            }
        }
    }

    static func firstIndex(of needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard hay.count >= needle.count, start <= hay.count - needle.count else { return nil }
        for i in start...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    static func lastIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in stride(from: hay.count - needle.count, through: 0, by: -1) where Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}
