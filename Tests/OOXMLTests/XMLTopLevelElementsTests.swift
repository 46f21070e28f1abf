import Foundation
import OOXML
import Testing

/// The children of a part's root found by a byte scan that vouches for the whole part, so that a reader can
/// parse a few of them alone and still refuse a part that is damaged anywhere.
struct XMLTopLevelElementsTests {
    static let w = OOXMLNamespace.wordprocessingML

    static let numbering = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="\(w)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:lvlText w:val="%1、"/><w:rPr><w:rFonts w:ascii="宋体"/></w:rPr></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId='1'><w:lvl w:ilvl="0"><w:lvlText w:val="（&#x4E00;）&amp;"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2" ><w:abstractNumId w:val="1"/></w:num><w:numIdMacAtCleanup w:val="2"/>
        </w:numbering>

        """

    @Test func findsTheRootsChildrenTheirNamesAndAttributes() throws {
        let top = try #require(XMLTopLevelElements(bytes: Array(Self.numbering.utf8), maxDepth: 64))
        #expect(top.elements.map { top.localName(of: $0) } == ["abstractNum", "abstractNum", "num", "num", "numIdMacAtCleanup"])
        #expect(top.elements.map { top.attributeValues("abstractNumId", of: $0) } == [["0"], ["1"], [], [], []])
        #expect(top.attributeValues("numId", of: top.elements[3]) == ["2"])
        #expect(String(decoding: top.bytes(of: top.elements[2]), as: UTF8.self) == "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>")
        #expect(String(decoding: top.bytes(of: top.elements[4]), as: UTF8.self) == "<w:numIdMacAtCleanup w:val=\"2\"/>")
    }

    @Test func keptElementsMakeADocumentThatParsesAlone() throws {
        let top = try #require(XMLTopLevelElements(bytes: Array(Self.numbering.utf8), maxDepth: 64))
        let document = top.document(keeping: [top.elements[1], top.elements[3]])
        let reader = try XMLStreamReader(bytes: document)
        var seen: [String] = []
        while let event = try reader.next() {
            if event == .start { seen.append(reader.localName + (reader.attribute("val", in: [Self.w]).map { "=" + $0 } ?? "")) }
        }
        #expect(seen == ["numbering", "abstractNum", "lvl", "lvlText=（一）&", "num", "abstractNumId=1"])
    }

    /// Anything the scan cannot vouch for gives nil, so that the whole part is parsed (and refused where damaged).
    @Test(arguments: [
        ("<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"></w:num>", "a tag left open"),
        ("<w:num w:numId=\"3\"></w:nun>", "an end tag of another name"),
        ("<x:num x:numId=\"3\"/>", "an undeclared prefix"),
        ("<w:num w:numId=\"3\" w:numId=\"4\"/>", "an attribute twice"),
        ("<w:num w:numId=\"3<\"/>", "a < in a value"),
        ("<w:num w:numId=3/>", "an unquoted value"),
        ("<w:num w:numId=\"&nbsp;\"/>", "an entity XML does not predefine"),
        ("<w:num w:numId=\"&#0;\"/>", "a reference to a character XML forbids"),
        ("<w:num>\u{01}</w:num>", "a control character"),
        ("<w:num>a]]>b</w:num>", "]]> in text"),
        ("<!-- w:numId=\"3\" -->", "a comment"),
        ("<?pi x?>", "a processing instruction"),
        ("<w:num><![CDATA[x]]></w:num>", "a CDATA section"),
        ("<w:num xmlns:v=\"urn:v\"/>", "a declaration below the root"),
        ("<w:num xmlns=\"urn:v\"/>", "a default namespace below the root"),
        ("<w:1num/>", "a local name starting with a digit"),
        ("<w:num w:-id=\"1\"/>", "an attribute's local name starting with a hyphen"),
        ("<w:num w:a:b=\"1\"/>", "two colons in a name"),
        ("<w:标号/>", "a name outside ASCII (not checked here)"),
    ])
    func refusesWhatItCannotVouchFor(insert: String, why: String) {
        let part = Self.numbering.replacingOccurrences(of: "<w:numIdMacAtCleanup", with: insert + "<w:numIdMacAtCleanup")
        #expect(XMLTopLevelElements(bytes: Array(part.utf8), maxDepth: 64) == nil, "\(why)")
    }

    @Test func refusesAWholePartItCannotVouchFor() throws {
        let cut = String(Self.numbering.dropLast(20))
        #expect(XMLTopLevelElements(bytes: Array(cut.utf8), maxDepth: 64) == nil, "no end tag of the root")
        #expect(XMLTopLevelElements(bytes: Array(Self.numbering.replacingOccurrences(of: "UTF-8", with: "GB18030").utf8), maxDepth: 64) == nil,
                "another encoding declared")
        let doctype = Self.numbering.replacingOccurrences(of: "standalone=\"yes\"?>", with: "standalone=\"yes\"?><!DOCTYPE w:numbering>")
        #expect(XMLTopLevelElements(bytes: Array(doctype.utf8), maxDepth: 64) == nil, "a DTD")
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0x80]] {
            let part = Array(Self.numbering.replacingOccurrences(of: "%1、", with: "%1#").utf8)
            let at = try #require(part.firstIndex(of: UInt8(ascii: "#")))
            var broken = part
            broken.replaceSubrange(at...at, with: bad)
            #expect(XMLTopLevelElements(bytes: broken, maxDepth: 64) == nil, "bytes that are not UTF-8: \(bad)")
        }
        #expect(XMLTopLevelElements(bytes: Array((Self.numbering + "<w:x/>").utf8), maxDepth: 64) == nil, "a second root")
        #expect(XMLTopLevelElements(bytes: Array(Self.numbering.utf8), maxDepth: 4) == nil, "nesting deeper than the limit")
    }

    @Test func acceptsAByteOrderMarkAndNoDeclaration() throws {
        let bare = Self.numbering.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n", with: "")
        let top = try #require(XMLTopLevelElements(bytes: [0xEF, 0xBB, 0xBF] + Array(bare.utf8), maxDepth: 64))
        #expect(top.elements.count == 5)
    }
}
