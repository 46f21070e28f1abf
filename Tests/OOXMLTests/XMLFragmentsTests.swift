import OOXML
import Testing

/// Reading only what is needed: elements sliced out of a large part by an attribute's value, a byte search,
/// and a zip entry inflated only as far as the reader needs.
struct XMLFragmentsTests {
    static let w = OOXMLNamespace.wordprocessingML

    static let styles = """
        <?xml version="1.0"?>
        <w:styles xmlns:w="\(w)"><w:latentStyles><w:lsdException w:name="List Number"/></w:latentStyles>
        <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type='character' w:styleId='ListNumber'/>
        <w:style w:type="paragraph" w:styleId="ListNumber"><w:basedOn w:val="Normal"/></w:style>
        <!-- w:styleId="Commented" -->
        </w:styles>
        """

    @Test func slicesElementsByAttributeValueAsStandaloneDocuments() throws {
        let index = try #require(XMLFragments.Index(bytes: Array(Self.styles.utf8), attribute: "styleId"))
        let found = try #require(index.elements(withValue: "ListNumber"))
        #expect(found.count == 2, "the empty character style (single quotes) and the paragraph style")
        let reader = try XMLStreamReader(bytes: found[1])
        var names: [String] = []
        while let event = try reader.next() {
            if event == .start { names.append(reader.localName + (reader.attribute("styleId", in: [Self.w]).map { "=" + $0 } ?? "")) }
        }
        #expect(names == ["styles", "style=ListNumber", "basedOn"])
        #expect(index.elements(withValue: "Missing") == [])
        #expect(index.elements(withValue: "Commented") == nil, "an attribute in a comment cannot be sliced: read the whole part")
        #expect(index.elements(withValue: "a\"b") == nil)
        #expect(XMLFragments.Index(bytes: Array("<!DOCTYPE x><x/>".utf8), attribute: "styleId") == nil)
    }

    @Test func holdsSeveralSlicesInOneDocument() throws {
        let index = try #require(XMLFragments.Index(bytes: Array(Self.styles.utf8), attribute: "styleId"))
        let list = try #require(index.elementRanges(withValue: "ListNumber"))
        let normal = try #require(index.elementRanges(withValue: "Normal"))
        #expect(list.count == 2 && normal.count == 1)
        #expect(index.elementRanges(withValue: "Missing") == [])
        #expect(index.elementRanges(withValue: "Commented") == nil, "as for elements(withValue:)")
        let root = try XMLArena.parse(index.document(holding: normal + list)).root
        #expect(root.name == "styles" && root.namespace == Self.w)
        #expect(root.elements.map { $0.attribute("styleId", in: [Self.w]) ?? "" } == ["Normal", "ListNumber", "ListNumber"],
                "the slices in the order given, under the part's own root (with its namespace declarations)")
        #expect(root.elements.map(\.isEmpty) == [false, true, false])
    }

    @Test(arguments: [("styleId=", 5), ("numPr", 35), ("zzz", -1), ("<a", 0)])
    func byteSearch(_ needle: String, _ expected: Int) {
        let hay = Array("<a w:styleId=\"x\" n=\"numbers\"><b><w:numPr/></b></a>".utf8)
        let found = hay.withUnsafeBufferPointer { ByteSearch.firstIndex(of: Array(needle.utf8), in: $0, from: 0) }
        #expect(found == (expected < 0 ? nil : expected))
    }

    @Test func inflatesAnEntryOnlyAsFarAsNeeded() throws {
        let big = Array(String(repeating: "<w:style w:styleId=\"S\"/>", count: 20_000).utf8)
        let archive = try ZipArchive(bytes: try OOXMLTestSupport.zip([("word/styles.xml", big)]))
        var calls = 0
        let prefix = try archive.readPrefix("word/styles.xml") { _ in calls += 1; return true }
        #expect(calls == 1 && prefix.count < big.count && prefix == Array(big.prefix(prefix.count)))
        let whole = try archive.readPrefix("word/styles.xml") { _ in false }
        #expect(whole == big)
        #expect(try archive.read("word/styles.xml") == big)
    }
}
