import OOXML
import Testing

/// XMLReader: namespaces by URI, no DTD, first error with its position, bounded depth.
struct XMLReaderTests {
    @Test func elementsCarryNamespaceURIsNotPrefixes() throws {
        let root = try XMLReader.parse(Array("<ns0:document xmlns:ns0=\"\(OOXMLNamespace.wordprocessingML)\"><ns0:body ns0:val=\"1\">t</ns0:body></ns0:document>".utf8))
        #expect(root.namespace == OOXMLNamespace.wordprocessingML && root.name == "document")
        let body = try #require(root.elements.first)
        #expect(body.attribute("val", in: [OOXMLNamespace.wordprocessingML]) == "1")
        #expect(body.textContent == "t")
    }

    @Test(arguments: [
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
        "<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>",
    ])
    func refusesDoctype(_ xml: String) {
        #expect(throws: XMLError.doctype) { try XMLReader.parse(Array(xml.utf8)) }
    }

    @Test func refusesDoctypeInUTF16() {
        let le: [UInt8] = [0xFF, 0xFE] + "<!DOCTYPE a><a/>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + "<!DOCTYPE a><a/>".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(throws: XMLError.doctype) { try XMLReader.parse(le) }
        #expect(throws: XMLError.doctype) { try XMLReader.parse(be) }
    }

    @Test func reportsTheFirstErrorWithItsPosition() throws {
        do {
            _ = try XMLReader.parse(Array("<a>\n<b>\n</c>\n</a>".utf8))
            Issue.record("malformed XML was accepted")
        } catch let XMLError.malformed(line, column, message) {
            #expect(line == 3 && column > 0)
            #expect(message.contains("mismatch"))
        }
        #expect(throws: XMLError.self) { try XMLReader.parse([]) }
        #expect(throws: XMLError.self) { try XMLReader.parse(Array("not xml at all".utf8)) }
    }

    /// The root is at depth 0, so 201 nested elements reach depth 200, the deepest allowed.
    @Test(arguments: [50, 201, 202, 300, 100_000])
    func boundsNesting(_ depth: Int) throws {
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        if depth <= 201 {
            _ = try XMLReader.parse(Array(xml.utf8), maxDepth: 200)
        } else {
            #expect(throws: XMLError.tooDeep(limit: 200)) { try XMLReader.parse(Array(xml.utf8), maxDepth: 200) }
        }
    }

    @Test func resolvesPrefixListsWhereTheyStand() throws {
        let xml = """
            <r xmlns:mc="\(OOXMLNamespace.markupCompatibility)" xmlns:w14="\(OOXMLNamespace.word2010)">
            <mc:AlternateContent xmlns:wps="\(OOXMLNamespace.wordprocessingShape)"><mc:Choice Requires="wps w14 nope"/></mc:AlternateContent>
            <mc:Choice Requires="wps"/></r>
            """
        let root = try XMLReader.parse(Array(xml.utf8), prefixLists: [.markupCompatibilityRequires])
        let choices = root.elements.flatMap { $0.name == "Choice" ? [$0] : $0.elements }
        #expect(choices.map { $0.attribute("Requires") } == [
            "\(OOXMLNamespace.wordprocessingShape) \(OOXMLNamespace.word2010) nope", "wps",
        ])
        let plain = try XMLReader.parse(Array(xml.utf8))
        #expect(plain.elements.first?.elements.first?.attribute("Requires") == "wps w14 nope", "unchanged unless asked")
    }
}
