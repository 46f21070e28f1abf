import Foundation
import OOXML
import Testing

/// XMLArena (SAX2 into flat arrays) reads every part exactly as XMLReader's tree does, refuses what it refuses
/// with the same error, and its cursor gives XMLStreamReader's events.
struct XMLArenaTests {
    static let w = OOXMLNamespace.wordprocessingML
    static let mc = OOXMLNamespace.markupCompatibility

    /// Parts whose trees must come out the same both ways.
    static let parts: [String] = [
        "<w:document xmlns:w=\"\(w)\"><w:body><w:p><w:r><w:t xml:space=\"preserve\"> 成果名称：高比能固态锂电池 </w:t></w:r></w:p></w:body></w:document>",
        "<a x=\"甲&amp;乙&#38;丙&lt;&gt;&quot;&apos;&#x4E2D;&#20013;\" y='t\ta&#9;b&#10;c'>联系人&amp;手机<![CDATA[<王伟>]]>尾</a>",
        "<a>前<!-- 批注 -->后<?pi data?>末<b/>  <c>\n</c></a>",
        "<r xmlns=\"urn:default\" xmlns:p=\"urn:p\"><p:e p:a=\"1\" a=\"2\"><e xmlns=\"\"/></p:e></r>",
        "<w:document xmlns:w=\"\(w)\" xmlns:mc=\"\(mc)\" xmlns:wps=\"urn:wps\"><mc:AlternateContent><mc:Choice Requires=\"wps  xml\tnope\"><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>乙</w:t></mc:Fallback></mc:AlternateContent><w:p xmlns:wps=\"urn:inner\"><mc:AlternateContent><mc:Choice Requires=\"wps\"/></mc:AlternateContent></w:p></w:document>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<a>\r\n<b>行一\r\n行二</b></a>",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a b=\"编\">码</a>",
    ]

    @Test(arguments: parts)
    func arenaTreeEqualsXMLReaderTree(_ xml: String) throws {
        let bytes = xml.contains("UTF-16") ? [0xFF, 0xFE] + Self.utf16LE(xml) : Array(xml.utf8)
        let expected = try XMLReader.parse(bytes, prefixLists: [.markupCompatibilityRequires])
        let arena = try XMLArena.parse(bytes, prefixLists: [.markupCompatibilityRequires])
        #expect(arena.root.tree() == expected)
    }

    @Test func resolvesRequiresToNamespaceURIs() throws {
        let xml = Self.parts[4]
        let root = try XMLArena.parse(Array(xml.utf8), prefixLists: [.markupCompatibilityRequires]).root
        let choices = root.tree().textContent
        #expect(choices == "甲乙")
        let first = try #require(root.elements.first { $0.name == "AlternateContent" }?.elements.first { $0.name == "Choice" })
        #expect(first.attribute("Requires") == "urn:wps http://www.w3.org/XML/1998/namespace nope",
                "prefixes become URIs, an unbound prefix stays as written, whitespace becomes one space")
        let inner = try #require(root.elements.first { $0.name == "p" }?.elements.first?.elements.first)
        #expect(inner.attribute("Requires") == "urn:inner", "the innermost declaration of a prefix wins")
    }

    /// A vocabulary codes each name once per part; an element's code and `firstChild(coded:)` then answer
    /// what its name and a scan of its children by name would, on every part above (both parsers, and the
    /// libxml2 fallback of the UTF-16 part).
    @Test(arguments: parts)
    func vocabularyCodesAgreeWithNames(_ xml: String) throws {
        let bytes = xml.contains("UTF-16") ? [0xFF, 0xFE] + Self.utf16LE(xml) : Array(xml.utf8)
        let locals = ["p", "t", "AlternateContent", "Choice", "e", "b"]
        let vocabulary = XMLVocabulary(namespaces: [Self.w, "urn:p", ""], locals: locals)
        let coded = try XMLArena.parse(bytes, prefixLists: [.markupCompatibilityRequires], vocabulary: vocabulary)
        let plain = try XMLArena.parse(bytes, prefixLists: [.markupCompatibilityRequires])
        #expect(coded.vocabulary === vocabulary && plain.vocabulary == nil)
        #expect(coded.root.tree() == plain.root.tree(), "coding changes nothing else")
        func expectedCode(_ e: XMLArenaElement) -> UInt8 {
            guard vocabulary.namespaces.contains(e.namespace) else { return 0 }
            return locals.firstIndex(of: e.name).map { UInt8($0 + 2) } ?? 1
        }
        var checked = 0
        func visit(_ e: XMLArenaElement) {
            #expect(e.nameCode == expectedCode(e), "\(e.name)")
            for code in UInt8(1)...UInt8(locals.count + 1) {
                let byName = e.elements.first { expectedCode($0) == code }
                #expect(e.firstChild(coded: code)?.index == byName?.index)
            }
            checked += 1
            for child in e.elements { visit(child) }
        }
        visit(coded.root)
        func count(_ e: XMLElement) -> Int {
            1 + e.children.reduce(0) { n, child in
                if case .element(let c) = child { return n + count(c) }
                return n
            }
        }
        #expect(checked == count(plain.root.tree()), "every element visited")
        #expect(plain.root.nameCode == 0 && plain.root.firstChild(coded: 1) == nil, "no vocabulary, no codes")
    }

    @Test func readsAttributesChildrenAndTextContent() throws {
        let xml = "<w:tc xmlns:w=\"\(Self.w)\" xmlns:o=\"urn:o\"><w:tcPr><w:gridSpan w:val=\"3\" o:val=\"x\" plain=\"p\"/></w:tcPr>文<w:p><w:r><w:t>报送单位</w:t></w:r></w:p></w:tc>"
        let tc = try XMLArena.parse(Array(xml.utf8)).root
        #expect(tc.name == "tc" && tc.namespace == Self.w && !tc.isEmpty)
        #expect(tc.elements.map(\.name) == ["tcPr", "p"], "character data is not an element")
        let span = try #require(tc.child("tcPr", in: Self.w)?.child("gridSpan", in: Self.w))
        #expect(span.isEmpty)
        #expect(span.attribute("val", in: [Self.w]) == "3")
        #expect(span.attribute("val", in: ["urn:o"]) == "x")
        #expect(span.attribute("plain", in: [Self.w]) == "p", "an unqualified attribute counts as in any namespace asked for")
        #expect(span.attribute("val", where: { $0 == "urn:o" }) == "x")
        #expect(span.attribute("missing") == nil)
        #expect(tc.textContent == "文报送单位")
    }

    /// Refusals: the same error as XMLReader, whatever the fault.
    @Test(arguments: [
        "", "<a><b></a>", "<a>&unknown;</a>", "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", "<a/><b/>", "just text",
        "<a x=\"1\" x=\"2\"/>", "<p:a/>",
    ])
    func refusesAsXMLReaderDoes(_ xml: String) throws {
        let bytes = Array(xml.utf8)
        var expected: XMLError?
        do { _ = try XMLReader.parse(bytes) } catch let e as XMLError { expected = e }
        var got: XMLError?
        do { _ = try XMLArena.parse(bytes) } catch let e as XMLError { got = e }
        #expect(expected != nil)
        #expect(got == expected)
        #expect(XMLArenaCursor(bytes: bytes) == nil, "a cursor is made only over parts that parse cleanly")
    }

    @Test func refusesNestingPastTheLimitAsXMLReaderDoes() throws {
        let deep = String(repeating: "<d>", count: 30) + "深" + String(repeating: "</d>", count: 30)
        #expect(throws: XMLError.tooDeep(limit: 20)) { try XMLArena.parse(Array(deep.utf8), maxDepth: 20) }
        #expect(throws: XMLError.tooDeep(limit: 20)) { try XMLReader.parse(Array(deep.utf8), maxDepth: 20) }
        #expect(try XMLArena.parse(Array(deep.utf8), maxDepth: 29).root.textContent == "深")
        #expect(XMLArenaCursor(bytes: Array(deep.utf8), maxDepth: 20) == nil)
    }

    // MARK: - Cursor

    /// Start and end events as lines (`+name@depth`, `/` for empty, `-name@depth`), skipping elements named
    /// `skipping`; `<a></a>` counted as empty (the one difference the cursor allows itself). Text is left out:
    /// the streaming reader drops whitespace between elements.
    static func events(_ reader: any XMLPullReader, skipping: Set<String> = []) throws -> [String] {
        var out: [String] = []
        var names: [String] = []
        while let event = try reader.next() {
            switch event {
            case .start:
                let name = (reader as? XMLStreamReader)?.localName ?? (reader as? XMLArenaCursor)?.localName ?? "?"
                if skipping.contains(name) {
                    // Skipped: whether `<a></a>` counts as empty is not seen (the reader goes on after it either way).
                    out.append("+\(name)@\(reader.depth) skipped")
                    try reader.skipElement()
                    continue
                }
                out.append("+\(name)@\(reader.depth)\(reader.isEmptyElement ? "/" : "")")
                if !reader.isEmptyElement { names.append(name) }
            case .end:
                let name = names.popLast() ?? "?"
                if out.last == "+\(name)@\(reader.depth)" {
                    out[out.count - 1] += "/"
                } else {
                    out.append("-\(name)@\(reader.depth)")
                }
            case .text:
                continue
            }
        }
        return out
    }

    @Test func cursorGivesTheStreamingReadersEvents() throws {
        let xml = "<w:numbering xmlns:w=\"\(Self.w)\"><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"></w:numFmt><w:lvlText w:val=\"（%1）\"/><w:rPr><w:rFonts w:ascii=\"宋体\"/></w:rPr></w:lvl></w:abstractNum>\n  <w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>"
        let bytes = Array(xml.utf8)
        for skipping in [Set<String>(), ["lvl"], ["rPr", "num"], ["numbering"]] {
            let cursor = try #require(XMLArenaCursor(bytes: bytes))
            #expect(try Self.events(cursor, skipping: skipping) == Self.events(XMLStreamReader(bytes: bytes), skipping: skipping))
        }
        let cursor = try #require(XMLArenaCursor(bytes: bytes))
        _ = try cursor.next()
        _ = try cursor.next()
        #expect(cursor.isNamed("abstractNum") && cursor.namespace == Self.w && cursor.depth == 1)
        #expect(cursor.attribute("abstractNumId", in: [Self.w]) == "1")
    }

    // MARK: - Files other programs wrote

    /// Every XML part of every DOCX in the shared corpus and the test fixtures: the same tree both ways, and
    /// for numbering and styles parts, the same events from the cursor as from the streaming reader.
    @Test func readsEveryCorpusPartAsXMLReaderDoes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = [root.deletingLastPathComponent().appendingPathComponent("shared/corpus"),
                       root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/docx"), root.appendingPathComponent("samples")]
        var files: [URL] = []
        for folder in folders {
            guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walk where url.pathExtension == "docx" { files.append(url) }
        }
        try #require(files.count > 100, "expected the shared corpus beside the package (../shared/corpus)")
        var partsCompared = 0
        for file in files {
            guard let archive = try? ZipArchive(bytes: [UInt8](Data(contentsOf: file))) else { continue }
            for name in archive.entryNames where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
                guard let bytes = try? archive.read(name) else { continue }
                var expected: Result<XMLElement, XMLError>
                do { expected = .success(try XMLReader.parse(bytes, prefixLists: [.markupCompatibilityRequires])) } catch let e as XMLError { expected = .failure(e) }
                var got: Result<XMLElement, XMLError>
                do { got = .success(try XMLArena.parse(bytes, prefixLists: [.markupCompatibilityRequires]).root.tree()) } catch let e as XMLError { got = .failure(e) }
                #expect(got == expected, "\(file.lastPathComponent) \(name)")
                partsCompared += 1
                if name.hasSuffix("numbering.xml") || name.hasSuffix("styles.xml"), let cursor = XMLArenaCursor(bytes: bytes) {
                    let skipping: Set<String> = ["rPr", "tblPr", "latentStyles"]
                    let a = try Self.events(cursor, skipping: skipping), b = try Self.events(XMLStreamReader(bytes: bytes), skipping: skipping)
                    let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                    #expect(a == b, "\(file.lastPathComponent) \(name): cursor \(a[max(0, at - 3)..<min(a.count, at + 3)]) vs stream \(b[max(0, at - 3)..<min(b.count, at + 3)])")
                }
            }
        }
        #expect(partsCompared > 1000)
    }

    static func utf16LE(_ s: String) -> [UInt8] {
        s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }
}

/// XMLVocabulary finds ASCII names by their bytes and others through its dictionary, giving the codes the
/// dictionary alone gave: a listed name's first place, 1 for an unlisted one, 0 outside the namespaces.
struct XMLVocabularyTests {
    @Test func codesAsTheDictionaryGivesThem() {
        let locals = ["p", "r", "t", "tbl", "tblPr", "p", "K", "rFonts", "eastAsia", "x"]
        let vocabulary = XMLVocabulary(namespaces: ["urn:w", "urn:s"], locals: locals)
        for (k, local) in locals.enumerated() {
            let first = locals.firstIndex(of: local) ?? k
            #expect(vocabulary.code(namespace: "urn:w", local: local) == UInt8(2 + first), "\(local)")
            #expect(vocabulary.code(namespace: "urn:s", local: local) == UInt8(2 + first), "\(local)")
            #expect(vocabulary.code(namespace: "urn:other", local: local) == 0)
            #expect(vocabulary.code(namespace: "", local: local) == 0)
        }
        for unlisted in ["", "P", "pp", "tb", "tblPrX", "rfonts", "甲", "é"] {
            #expect(vocabulary.code(namespace: "urn:w", local: unlisted) == 1, "\(unlisted)")
        }
        // A name that is not ASCII but equal, as a string, to a listed one (KELVIN SIGN is canonically "K").
        #expect("\u{212A}" == "K")
        #expect(vocabulary.code(namespace: "urn:w", local: "\u{212A}") == 8)
        // Many listed names: every one found at its place.
        let many = (0..<254).map { "n\($0)x" }
        let big = XMLVocabulary(namespaces: ["urn:w"], locals: many + ["more"])
        for (k, local) in many.enumerated() { #expect(big.code(namespace: "urn:w", local: local) == UInt8(2 + k)) }
        #expect(big.code(namespace: "urn:w", local: "more") == 1, "past 254 names nothing more is listed")
    }
}
