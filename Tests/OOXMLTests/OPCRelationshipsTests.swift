@testable import OOXML
import Testing

/// Relationship parts and target resolution (OPC).
struct OPCRelationshipsTests {
    @Test func parsesRelationshipsByNamespace() throws {
        let xml = """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId2" Type="http://example.invalid/x" Target="http://example.invalid/" TargetMode="External"/>
            <Relationship Id="rId1" Type="\(OOXMLRelationshipType.officeDocumentStrict)" Target="word/document.xml"/>
            <Relationship Id="rId3" Type="no target"/></Relationships>
            """
        let rels = try OPCRelationships.parse(Array(xml.utf8))
        #expect(rels == [
            OPCRelationship(id: "rId2", type: "http://example.invalid/x", target: "http://example.invalid/", isExternal: true),
            OPCRelationship(id: "rId1", type: OOXMLRelationshipType.officeDocumentStrict, target: "word/document.xml"),
        ])
        #expect(try OPCRelationships.parse(Array("<Relationships/>".utf8)).isEmpty, "no namespace: not a relationship part")
    }

    @Test(arguments: [
        ("word/document.xml", "", "word/document.xml"),
        ("/custom/main.xml", "", "custom/main.xml"),
        ("./word/./document.xml", "", "word/document.xml"),
        ("media/image1.png", "word/document.xml", "word/media/image1.png"),
        ("../customXml/item1.xml", "word/document.xml", "customXml/item1.xml"),
        ("word/doc%20one.xml", "", "word/doc one.xml"),
        ("footnotes.xml#frag", "word/document.xml", "word/footnotes.xml"),
    ])
    func resolvesTargets(_ target: String, _ source: String, _ expected: String) {
        #expect(OPCRelationships.resolve(target: target, from: source) == expected)
    }

    /// ASCII targets are resolved on their bytes; these give what the character path gives.
    @Test(arguments: [
        ("media\\a.png", "word\\document.xml", "word/media/a.png"),
        ("..//word//a.xml", "word/sub/doc.xml", "word/word/a.xml"),
        ("styles.xml?x=1#y", "/word/document.xml", "word/styles.xml"),
        ("a/../b/./c.xml", "", "b/c.xml"),
        ("媒体/图 1.png", "word/document.xml", "word/媒体/图 1.png"),
        ("../图.png", "word/文档.xml", "图.png"),
    ])
    func resolvesASCIIAndOtherTargetsAlike(_ target: String, _ source: String, _ expected: String) {
        #expect(OPCRelationships.resolve(target: target, from: source) == expected)
    }

    @Test func refusesTargetsOutsideThePackage() {
        #expect(OPCRelationships.resolve(target: "/", from: "word/document.xml") == nil)
        #expect(OPCRelationships.resolve(target: "#only", from: "") == nil)
        #expect(OPCRelationships.resolve(target: "./..", from: "document.xml") == nil)
        #expect(OPCRelationships.resolve(target: "../../etc/passwd", from: "word/document.xml") == nil)
        #expect(OPCRelationships.resolve(target: "", from: "") == nil)
    }

    @Test func relationshipPartNames() {
        #expect(OPCRelationships.relationshipsPartName(for: "") == "_rels/.rels")
        #expect(OPCRelationships.relationshipsPartName(for: "/word/document.xml") == "word/_rels/document.xml.rels")
        // The byte path (ASCII, no backslash, no leading slash) and the Character path give the same shapes.
        let expected = ["word/document.xml": "word/_rels/document.xml.rels", "document.xml": "_rels/document.xml.rels",
                        "a/b/c.xml": "a/b/_rels/c.xml.rels", "word/": "word/_rels/.rels", "word\\document.xml": "word/_rels/document.xml.rels",
                        "//word/a.xml": "word/_rels/a.xml.rels", "文档/主体.xml": "文档/_rels/主体.xml.rels", "x\r\n/y": "x\r\n/_rels/y.rels",
                        "\\x.xml": "_rels/x.xml.rels"]
        for (name, rels) in expected { #expect(OPCRelationships.relationshipsPartName(for: name) == rels, "\(name)") }
    }

    /// `hasType(endingWith:)` says what `type.hasSuffix("/" + kind)` says, on ASCII types (compared as bytes) and on
    /// others (a Prepend character or a combining mark next to the `/`, full-width letters, CR before the `/`).
    @Test func typeEndingsAsHasSuffixSaysThem() {
        let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let types = [r + "/numbering", r + "/styles", r + "/footnotes", r + "/endnotes", r + "/numberingx", r + "numbering",
                     "/numbering", "numbering", "", "/", " " + r + "/numbering", r + "/Numbering", r + "\r/numbering",
                     r + "\u{0600}/numbering", r + "/\u{0301}numbering", r + "/numbering\u{0301}", r + "/ｎumbering",
                     "x\u{200D}/styles", "甲/styles", "/styles/styles"]
        for type in types {
            for kind in ["numbering", "styles", "footnotes", "endnotes", "", "ｓtyles"] {
                let relationship = OPCRelationship(id: "rId1", type: type, target: "a.xml")
                #expect(relationship.hasType(endingWith: kind) == type.hasSuffix("/" + kind), "\(type.debugDescription) \(kind)")
            }
        }
    }

    /// Targets resolved on the strings' bytes (one buffer, a stack of segment starts) as through arrays of slices:
    /// relative and absolute, `.` and `..` (climbing out too), backslashes, empty segments, fragments and queries,
    /// escapes and non-ASCII (left to the general path), from the package and from parts at several depths.
    @Test func targetsResolveOnBytesAsThroughSlices() {
        let targets = ["document.xml", "word/document.xml", "/word/document.xml", "\\word\\a.xml", "../media/a.png", "./a.xml",
                       "../../a.xml", "a/../../b.xml", "a//b.xml", "a/./b/../c.xml", "..", ".", "", "/", "#frag", "a.xml#x/../y",
                       "a.xml?q=1", "a%20b.xml", "报送表.xml", "media/..", "../", "a/.../b", "..a/b..", "/../a.xml", "word\\..\\b"]
        let sources = ["", "word/document.xml", "/word/document.xml", "word\\sub\\part.xml", "a.xml", "x/y/z/part.xml", "./w/d.xml",
                       "../w/d.xml", "word//d.xml", "报/d.xml", "word/"]
        for target in targets {
            for source in sources {
                let bytes = OPCRelationships.resolveASCII(target: target, from: source)
                let slices = OPCRelationships.resolveASCIIBySlices(target: target, from: source)
                #expect(bytes == slices, "\(target.debugDescription) from \(source.debugDescription)")
            }
        }
    }
}
