import Foundation
@testable import OOXML
import Testing

/// The plain reader (`XMLPlainParser`) reads a part only when libxml2 would read it without error or warning,
/// into the very arena `ArenaBuilder` makes from libxml2's SAX2 events; anything else it leaves to libxml2.
struct XMLPlainParserTests {
    static let w = OOXMLNamespace.wordprocessingML
    static let mc = OOXMLNamespace.markupCompatibility
    static let w14 = OOXMLNamespace.word2010

    /// Whether two arenas are the same, array for array.
    static func same(_ a: XMLArena, _ b: XMLArena) -> Bool {
        a.names == b.names && a.nodeName == b.nodeName && a.nodeEnd == b.nodeEnd && a.nodeAttributes == b.nodeAttributes
            && a.textStart == b.textStart && a.textEnd == b.textEnd && a.attributeName == b.attributeName
            && a.valueStart == b.valueStart && a.valueEnd == b.valueEnd && a.bytes == b.bytes
    }

    /// Parts the plain reader reads itself: each must give libxml2's arena.
    static let plainParts: [String] = [
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"\(w)\"><w:body><w:p><w:r><w:t xml:space=\"preserve\"> 成果名称：高比能固态锂电池 </w:t></w:r></w:p></w:body></w:document>",
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<a/>",
        "<?xml version = \"1.0\"   encoding = 'utf-8'?><a></a>",
        "<?xml version=\"1.0\"?>  \n\t<a>x</a>  \n",
        // Entities and character references, in text and in attribute values (tabs and line feeds written as
        // such become spaces in a value; written as references they stay).
        "<a x=\"甲&amp;乙&#38;丙&lt;&gt;&quot;&apos;&#x4E2D;&#20013;\" y='t\ta&#9;b&#10;c\nd' z=\"&amp;#38;\">联系人&amp;手机&#x1F600;&#xd;尾&gt;]&gt;</a>",
        "<a>&#38;#38;&amp;amp;&#x10FFFF;&#xE000;&#x85;</a>",
        // Namespaces: other prefixes for the same URIs, a default namespace, redeclaration inside, unqualified
        // attributes, the xml prefix.
        "<x:document xmlns:x=\"\(w)\" xmlns=\"urn:default\"><x:body><p x:val=\"1\" val=\"2\"><x:t xml:space=\"default\" xml:lang=\"zh-CN\">文</x:t></p><x:p xmlns:x=\"urn:other\" xmlns=\"\(w)\"><x:t>别</x:t><t>默认</t></x:p></x:body></x:document>",
        "<r xmlns=\"urn:default\" xmlns:p=\"urn:p\"><p:e p:a=\"1\" a=\"2\"><e/></p:e></r>",
        // Content controls, fields, tabs and breaks, alternate content with Requires resolved to URIs.
        "<w:document xmlns:w=\"\(w)\" xmlns:w14=\"\(w14)\" xmlns:mc=\"\(mc)\" mc:Ignorable=\"w14\"><w:body><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/></w14:checkbox><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> MERGEFIELD 名称 </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>结果</w:t><w:tab/><w:br w:type=\"page\"/><w:cr/></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:sdtContent></w:sdt><mc:AlternateContent><mc:Choice Requires=\"w14  xml\tnope\"><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>乙</w:t></mc:Fallback></mc:AlternateContent><w:p xmlns:w14=\"urn:inner\"><mc:AlternateContent><mc:Choice Requires=\"w14\"/></mc:AlternateContent></w:p></w:body></w:document>",
        // Whitespace-only text, spaces inside tags, empty elements written both ways, one-letter names.
        "<a >\n  <b  c = \"1\"\td='2'\n/>  <c></c><d>\n</d ></a\n>",
        "<_a-b.c _x.y-z=\"\"><A1/></_a-b.c>",
        // C1 controls and characters outside the BMP are characters; a lone `]` and `>` are text.
        "<a b=\"\u{85}\u{1F600}\">]]x>\u{9F}</a>",
        // The same URIs bound again, to other prefixes, deeper in (interned once, compared by their bytes).
        "<a xmlns:p=\"urn:x\" xmlns:q=\"http://h.example/y\"><b xmlns:r=\"urn:x\" xmlns:p=\"http://h.example/y\"><r:c p:d=\"1\" q:e=\"2\"/></b><p:f xmlns=\"urn:x\"><g/></p:f></a>",
        // End tags: the start tag's name again, then `>` straight away or after spaces, tabs and line feeds;
        // names that share a prefix with their neighbours; the input ending right after the root's end tag.
        "<w:tbl xmlns:w=\"\(w)\"><w:tblPr></w:tblPr ><w:tr><w:tc><w:p></w:p\t></w:tc\n></w:tr><w:t></w:t></w:tbl>",
        "<ab><a></a><abc></abc></ab>",
    ]

    /// Parts left to libxml2 (the plain reader gives nil): what it does not read, and what is malformed.
    static let libxml2Parts: [String] = [
        "\u{FEFF}<a/>",  // byte-order mark
        "<?xml version=\"1.0\" encoding=\"GB2312\"?><a/>",
        "<?xml version=\"1.1\"?><a/>",
        "<?xml version=\"1.0\"encoding=\"UTF-8\"?><a/>",
        " <?xml version=\"1.0\"?><a/>",
        "<a>\r\n</a>",
        "<a>前<!-- 批注 -->后</a>",
        "<a>前<?pi data?>后</a>",
        "<a><![CDATA[<王伟>]]></a>",
        "<!DOCTYPE a><a/>",
        "<a>&nbsp;</a>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>&#X41;</a>", "<a>&#;</a>", "<a>&amp</a>", "<a>&#x110000;</a>",
        "<a>]]></a>", "<a b=\"<\"/>", "<a b=\"1\"c=\"2\"/>", "<a b=\"1\" b=\"2\"/>",
        "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:p\" p:x=\"1\" q:x=\"2\"/>",
        "<a xmlns:p=\"urn:p\" xmlns:p=\"urn:q\"/>", "<a xmlns=\"urn:a\" xmlns=\"urn:b\"/>",
        "<p:a/>", "<a p:b=\"1\"/>", "<a xmlns=\"\"/>", "<a xmlns:p=\"\"/>", "<a xmlns:p=\"relative\"/>",
        "<a xmlns:p=\"http://h:x/\"/>", "<a xmlns:p=\"urn:a b\"/>", "<a xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"/>",
        "<a xmlns:p=\"http://www.w3.org/2000/xmlns/\"/>", "<a xml:space=\"keep\"/>",
        "<a>\u{1}</a>", "<a b=\"\u{1}\"/>", "<名/>", "<a:b:c xmlns:a=\"urn:a\"/>", "<a:/>", "<:a/>", "<1a/>",
        "<a></b>", "<a>", "<a/><b/>", "<a/>x", "x<a/>", "", "   ", "<a/><!-- after -->", "<a></a >>",
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
        "<a><!DOCTYPE a></a>",
        // End tags that are not the open element's name, or not closed right after it.
        "<ab></a>", "<a></ab>", "<a></a:b>", "<a:b xmlns:a=\"urn:a\"></a:b:c>", "<a></a/>", "<a></a=>", "<a></a", "<a></a x>",
        "<a></a\r>", "<a></A>", "<p:a xmlns:p=\"urn:p\" xmlns:q=\"urn:p\"></q:a>", "<a></a\u{85}>", "<a></a-b>",
    ]

    @Test(arguments: plainParts)
    func readsPlainPartsAsLibxml2Does(_ xml: String) throws {
        let bytes = Array(xml.utf8)
        let plain = try #require(XMLPlainParser.parse(bytes, maxDepth: 200, prefixLists: [.markupCompatibilityRequires]),
                                 "a plain part is read without libxml2")
        let expected = try #require(XMLArena.parseWithLibxml2(bytes, maxDepth: 200, prefixLists: [.markupCompatibilityRequires]))
        #expect(Self.same(plain, expected))
        #expect(plain.root.tree() == (try XMLReader.parse(bytes, prefixLists: [.markupCompatibilityRequires])))
    }

    @Test(arguments: libxml2Parts)
    func leavesOtherPartsToLibxml2(_ xml: String) throws {
        let bytes = xml.hasPrefix("\u{FEFF}") ? [0xEF, 0xBB, 0xBF] + Array(xml.utf8.dropFirst(3)) : Array(xml.utf8)
        #expect(XMLPlainParser.parse(bytes, maxDepth: 200, prefixLists: [.markupCompatibilityRequires]) == nil)
        // And the public parse still answers as libxml2 does: the same tree, or the same error.
        var expected: Result<XMLElement, XMLError>
        do { expected = .success(try XMLReader.parse(bytes, prefixLists: [.markupCompatibilityRequires])) } catch let e as XMLError { expected = .failure(e) }
        var got: Result<XMLElement, XMLError>
        do { got = .success(try XMLArena.parse(bytes, prefixLists: [.markupCompatibilityRequires]).root.tree()) } catch let e as XMLError { got = .failure(e) }
        #expect(got == expected)
    }

    /// Every byte value in an element name, an attribute name, an attribute value and each part of a namespace
    /// name (scheme, host, path): whatever the plain reader accepts, libxml2 reads cleanly into the same arena;
    /// and it does accept the bytes those places allow.
    @Test func everyByteInNamesValuesAndNamespaceNamesAgreesWithLibxml2() {
        let places: [(String, String)] = [
            ("<a", "b/>"), ("<a", "/>"), ("<a x", "=\"1\"/>"), ("<a ", "x=\"1\"/>"), ("<a v=\"", "\"/>"), ("<a v='x", "y'/>"),
            ("<a xmlns:p=\"urn", ":x\"/>"), ("<a xmlns:p=\"http://h", "x/\"/>"), ("<a xmlns:p=\"http://h.example/", "\"/>"),
            ("<a xmlns=\"urn:a", "\"><b/></a>"),
        ]
        var accepted = 0
        for (before, after) in places {
            for value in 0...255 {
                let bytes = Array(before.utf8) + [UInt8(value)] + Array(after.utf8)
                guard let plain = XMLPlainParser.parse(bytes, maxDepth: 200, prefixLists: []) else { continue }
                accepted += 1
                let expected = XMLArena.parseWithLibxml2(bytes, maxDepth: 200, prefixLists: [])
                #expect(expected.map { Self.same(plain, $0) } == true, "\(before) \(value) \(after)")
            }
        }
        // Letters, digits and `_-.` in names; printable ASCII but `<&"` in a value (quoted with "), `'` ones; the
        // characters of a namespace name's scheme, host and path.
        #expect(accepted > 500, "\(accepted) accepted")
    }

    @Test func keepsTheDepthLimit() {
        let deep = { (n: Int) in Array((String(repeating: "<d>", count: n) + "深" + String(repeating: "</d>", count: n)).utf8) }
        #expect(XMLPlainParser.parse(deep(21), maxDepth: 20, prefixLists: []) != nil, "the 21st element is at depth 20")
        #expect(XMLPlainParser.parse(deep(22), maxDepth: 20, prefixLists: []) == nil)
        #expect(XMLPlainParser.parse(deep(250), maxDepth: 1000, prefixLists: []) != nil)
        #expect(XMLPlainParser.parse(deep(251), maxDepth: 1000, prefixLists: []) == nil, "libxml2's own limit is kept")
        #expect(throws: XMLError.tooDeep(limit: 20)) { try XMLArena.parse(deep(30), maxDepth: 20) }
    }

    /// Every XML part of every DOCX and XLSX under samples/ and Tests/: read plainly (most are) or left to
    /// libxml2, and when read, the same arena.
    @Test func readsTheRepositorysDocumentsAsLibxml2Does() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files: [URL] = []
        for folder in ["samples", "Tests"] {
            guard let walk = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walk where ["docx", "xlsx"].contains(url.pathExtension.lowercased()) { files.append(url) }
        }
        var plainCount = 0, parts = 0
        for file in files {
            guard let archive = try? ZipArchive(bytes: [UInt8](try Data(contentsOf: file))) else { continue }
            for name in archive.entryNames where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
                guard let bytes = try? archive.read(name) else { continue }
                parts += 1
                guard let plain = XMLPlainParser.parse(bytes, maxDepth: 200, prefixLists: [.markupCompatibilityRequires]) else { continue }
                plainCount += 1
                let expected = XMLArena.parseWithLibxml2(bytes, maxDepth: 200, prefixLists: [.markupCompatibilityRequires])
                #expect(expected.map { Self.same(plain, $0) } == true, "\(file.lastPathComponent) \(name)")
            }
        }
        #expect(files.count > 10 && plainCount * 2 > parts, "\(plainCount) of \(parts) parts of \(files.count) files read plainly")
    }

    /// Damaged parts: thousands of mutations of plain parts. Whenever the plain reader accepts one, libxml2 reads
    /// it cleanly too and gives the same arena.
    @Test func neverAcceptsWhatLibxml2RefusesOrReadsDifferently() {
        var random = SplitMix(seed: 20261201)
        let alphabet = Array("<>&;\"'=:/#x]! \t\n\rwa1é中\u{0}".utf8) + [0x80, 0xBF, 0xC0, 0xE4, 0xED, 0xEF, 0xF4, 0xFF]
        let snippets = ["&amp;", "&#38;", "&#x4E2D;", "&lt;", "xmlns:w=\"urn:w\"", "xmlns=\"urn:d\"", " w:val=\"1\"", "</w:t>", "<w:t>",
                        "<w:r/>", "xml:space=\"preserve\"", "<!--", "]]>", "&#xFFFE;", "p:", "<?x?>", " a='&#9;'", "</w:t\n>", "</w:r>",
                        "</a>"].map { Array($0.utf8) }
        var accepted = 0, checked = 0
        // XML_PLAIN_FUZZ_ROUNDS=N for a longer search (400 mutations of each part by default).
        let rounds = ProcessInfo.processInfo.environment["XML_PLAIN_FUZZ_ROUNDS"].flatMap { Int($0) } ?? 400
        for seed in Self.plainParts.map({ Array($0.utf8) }) {
            for _ in 0..<rounds {
                var bytes = seed
                for _ in 0..<(1 + random.next() % 3) {
                    let at = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
                    switch random.next() % 5 {
                    case 0: if !bytes.isEmpty { bytes[at] = alphabet[Int(random.next() % UInt64(alphabet.count))] }
                    case 1: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
                    case 2: if !bytes.isEmpty { bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(random.next() % 4))) }
                    case 3: bytes.insert(contentsOf: snippets[Int(random.next() % UInt64(snippets.count))], at: at)
                    default: if at < bytes.count { bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 8)], at: at) }
                    }
                }
                checked += 1
                guard let plain = XMLPlainParser.parse(bytes, maxDepth: 200, prefixLists: [.markupCompatibilityRequires]) else { continue }
                accepted += 1
                let expected = XMLArena.parseWithLibxml2(bytes, maxDepth: 200, prefixLists: [.markupCompatibilityRequires])
                #expect(expected.map { Self.same(plain, $0) } == true, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
        #expect(accepted > checked / 25, "\(accepted) of \(checked) damaged parts were still plain (enough to test the agreement)")
    }
}

/// A small deterministic generator (SplitMix64), so the damaged parts are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
