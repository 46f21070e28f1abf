import OOXML
import Testing

/// XMLStreamReader: the same safety as XMLReader (no DTD, first error, bounded depth), reading forwards
/// without a tree.
struct XMLStreamReaderTests {
    static let w = OOXMLNamespace.wordprocessingML

    /// Every event as a line: `+name`, `-name`, `"text"`.
    static func events(_ xml: String, skipping: String? = nil) throws -> [String] {
        let reader = try XMLStreamReader(bytes: Array(xml.utf8))
        var out: [String] = []
        while let event = try reader.next() {
            switch event {
            case .start:
                out.append("+\(reader.localName)@\(reader.depth)\(reader.isEmptyElement ? "/" : "")")
                if let skipping, reader.isNamed(skipping) { try reader.skipElement() }
            case .end: out.append("-\(reader.localName)")
            case .text: out.append("\"\(reader.text)\"")
            }
        }
        return out
    }

    @Test func readsElementsTextAndAttributesByNamespace() throws {
        let xml = "<x:styles xmlns:x=\"\(Self.w)\" xmlns:o=\"urn:other\"><x:style x:type=\"paragraph\" o:type=\"other\" plain=\"p\">标题<x:numPr/></x:style></x:styles>"
        #expect(try Self.events(xml) == ["+styles@0", "+style@1", "\"标题\"", "+numPr@2/", "-style", "-styles"])
        let reader = try XMLStreamReader(bytes: Array(xml.utf8))
        _ = try reader.next()
        #expect(reader.namespace == Self.w && reader.isNamed("styles") && !reader.isNamed("style"))
        _ = try reader.next()
        #expect(reader.attribute("type", in: [Self.w]) == "paragraph")
        #expect(reader.attribute("type", in: ["urn:other"]) == "other")
        #expect(reader.attribute("plain", in: [Self.w]) == "p", "an unqualified attribute counts as in any namespace asked for")
        #expect(reader.attribute("missing") == nil)
        #expect(reader.isNamed("style"), "reading attributes leaves the reader on the element")
    }

    @Test func skipsAnElementAndGoesOnAfterIt() throws {
        let xml = "<a><b><c>x</c><c/></b><d>y</d><b/></a>"
        #expect(try Self.events(xml, skipping: "b") == ["+a@0", "+b@1", "+d@1", "\"y\"", "-d", "+b@1/", "-a"])
        #expect(try Self.events("<a><b><c/></b></a>", skipping: "b") == ["+a@0", "+b@1", "-a"])
        #expect(try Self.events("<b><c/></b>", skipping: "b") == ["+b@0"])
    }

    @Test(arguments: [
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
        "<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>",
    ])
    func refusesDoctype(_ xml: String) {
        #expect(throws: XMLError.doctype) { try XMLStreamReader(bytes: Array(xml.utf8)) }
    }

    @Test func reportsTheFirstErrorWithItsPosition() throws {
        do {
            _ = try Self.events("<a>\n<b>\n</c>\n</a>")
            Issue.record("malformed XML was accepted")
        } catch let XMLError.malformed(line, _, message) {
            #expect(line == 3)
            #expect(message.contains("mismatch"))
        }
        #expect(throws: XMLError.self) { try XMLStreamReader(bytes: []) }
        #expect(throws: XMLError.self) { try Self.events("not xml at all") }
    }

    @Test(arguments: [50, 201, 202, 300, 100_000])
    func boundsNesting(_ depth: Int) throws {
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        func readAll() throws {
            let reader = try XMLStreamReader(bytes: Array(xml.utf8), maxDepth: 200)
            while try reader.next() != nil {}
        }
        if depth <= 201 {
            try readAll()
        } else {
            #expect(throws: XMLError.tooDeep(limit: 200)) { try readAll() }
        }
    }
}
