import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// The styles a document uses read in one parse (parents found first in the slices' bytes) give exactly what
/// reading them a round at a time gives, on every styles part of the corpus, fixtures and samples, and on
/// styles written to mislead the byte scan.
struct DocxStylesOneParseTests {
    static let w = DocxStyleNumberingTests.w

    /// The two readings of `used` from `styles`: (one parse, or nil when it declines; rounds, or nil when unsafe).
    static func both(_ styles: [UInt8], used: Set<String>) throws -> (one: String?, rounds: String?, declined: Bool) {
        let index = try #require(XMLFragments.Index(bytes: styles, attribute: "styleId"))
        var one = DocxNumbering()
        let oneFound = one.readStylesOneParse(used, from: index, maxDepth: 256)
        var rounds = DocxNumbering()
        let roundsFound = rounds.readStylesInRounds(used, from: index, maxDepth: 256)
        return (oneFound.map { "\($0) \(summary(one))" }, roundsFound.map { "\($0) \(summary(rounds))" }, oneFound == nil)
    }

    static func summary(_ n: DocxNumbering) -> String {
        let parents = n.styleParents.sorted { $0.key < $1.key }.map { "\($0.key)<\($0.value)" }
        let numbering = n.styleNumbering.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.numId ?? "-")/\($0.value.level.map(String.init) ?? "-")" }
        return parents.joined(separator: ",") + " | " + numbering.joined(separator: ",")
    }

    @Test func sameAsRoundsOnEveryStylesPartOfCorpusFixturesAndSamples() throws {
        var files: [URL] = []
        for root in [try DocxTestSupport.corpus(), DocxTestSupport.fixtures, TestSupport.root.appendingPathComponent("samples")] {
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if url.pathExtension.lowercased() == "docx" { files.append(url) }
            }
        }
        var compared = 0, fast = 0
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let archive = try? ZipArchive(bytes: [UInt8](try Data(contentsOf: file))), archive.contains("word/styles.xml"),
                  let styles = try? archive.read("word/styles.xml"), XMLFragments.Index(bytes: styles, attribute: "styleId") != nil else { continue }
            let ids = ByteSearch.attributeValues(afterElementNamed: "style", attribute: "styleId", in: styles).sorted()
            // Every id alone (at most 30 of them, spread over the part), a few together, all, and one missing.
            let step = max(1, ids.count / 30)
            var sets: [Set<String>] = stride(from: 0, to: ids.count, by: step).map { [ids[$0]] }
            sets.append(Set(ids.prefix(5)))
            sets.append(Set(ids))
            sets.append(Set(ids.prefix(2) + ["没有这个样式"]))
            for used in sets {
                let result = try Self.both(styles, used: used)
                if !result.declined {
                    #expect(result.one == result.rounds, "\(file.lastPathComponent) \(used.sorted())")
                    fast += 1
                }
                compared += 1
            }
        }
        #expect(compared > 100, "only \(compared) style sets compared")
        // The one parse is the way styles are read, not a path that always declines.
        #expect(fast * 10 >= compared * 9, "one parse declined \(compared - fast) of \(compared)")
    }

    /// A character style sharing a paragraph style's id and based on a numbered style, a loop of parents, a
    /// parent named with an escape, a chain three deep: the byte scan over-reaches, the result does not.
    @Test func misleadingParentsGiveTheRoundsResult() throws {
        let styles = Array("""
            <?xml version="1.0" encoding="UTF-8"?><w:styles \(Self.w)>
            <w:style w:type="paragraph" w:styleId="Ghost"><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>
            <w:style w:type="character" w:styleId="列表编号"><w:basedOn w:val="Ghost"/></w:style>
            <w:style w:type="paragraph" w:styleId="列表编号"><w:basedOn w:val="正文"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="正文"><w:basedOn w:val="根"/></w:style>
            <w:style w:type="paragraph" w:styleId="根"><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="甲"><w:basedOn w:val="乙"/></w:style>
            <w:style w:type="paragraph" w:styleId="乙"><w:basedOn w:val="甲"/></w:style>
            <w:style w:type="paragraph" w:styleId="转义"><w:basedOn w:val="A&amp;B"/></w:style>
            </w:styles>
            """.utf8)
        let chain = try Self.both(styles, used: ["列表编号"])
        #expect(!chain.declined)
        #expect(chain.one == chain.rounds)
        #expect(chain.one == "all 列表编号<正文,正文<根 | 列表编号=1/-,根=3/2", "\(chain.one ?? "nil")")
        let loop = try Self.both(styles, used: ["甲"])
        #expect(!loop.declined && loop.one == loop.rounds && loop.one == "all 乙<甲,甲<乙 | ", "\(loop.one ?? "nil")")
        // A parent written with an escape cannot be sliced: the one parse declines, the rounds decide.
        let escaped = try Self.both(styles, used: ["转义"])
        #expect(escaped.declined)
        let missing = try Self.both(styles, used: ["正文", "无"])
        #expect(!missing.declined && missing.one == missing.rounds && missing.one?.hasPrefix("someMissing") == true)
    }
}

/// The start of a styles part is parsed only once every style the document uses is in it.
struct DocxStylesPrefixTests {
    static let part = Array(DocxStyleNumberingTests.styles.utf8)

    @Test func aPrefixWithoutEveryUsedStyleIsNotEnough() throws {
        let cut = try #require(Self.part.withUnsafeBufferPointer { ByteSearch.firstIndex(of: Array("styleId=\"Note\"".utf8), in: $0, from: 0) })
        var styled: DocxNumbering?
        #expect(!DocxNumbering.stylesComplete(["ListNumber", "Note"], in: Array(Self.part[..<cut]), maxDepth: 256, styled: &styled))
        #expect(styled == nil)
        // Damage in a style that is there does not end the reading while another is still to come …
        let damaged = String(decoding: Self.part[..<cut], as: UTF8.self).replacingOccurrences(of: "<w:spacing w:after=\"0\"/>", with: "<w:spacing w:after=\"0\">")
        #expect(!DocxNumbering.stylesComplete(["ListNumber", "Note"], in: Array(damaged.utf8), maxDepth: 256, styled: &styled))
        // … and ends it once all are there (the reader then refuses the file for it).
        let whole = DocxStyleNumberingTests.styles.replacingOccurrences(of: "<w:spacing w:after=\"0\"/>", with: "<w:spacing w:after=\"0\">")
        #expect(DocxNumbering.stylesComplete(["ListNumber", "Note"], in: Array(whole.utf8), maxDepth: 256, styled: &styled))
        #expect(styled == nil)
        #expect(DocxNumbering.stylesComplete(["ListNumber", "Note"], in: Self.part, maxDepth: 256, styled: &styled))
        let read = try #require(styled)
        #expect(read.styleParents == ["Note": "ListNumber", "ListNumber": "Normal"])
    }
}
