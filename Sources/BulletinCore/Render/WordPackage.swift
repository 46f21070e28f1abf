import OOXML

/// Lays a `WordDocument` out as the parts of a DOCX package, in a fixed order.
enum WordPackage {
    private typealias X = XMLBuild

    // MARK: - Names

    /// The WordprocessingML main namespace.
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    /// The relationships namespace used by `r:id`.
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    /// The relationship id of the odd-page (default) footer.
    static let oddFooterID = "rId3"
    /// The relationship id of the even-page footer.
    static let evenFooterID = "rId4"

    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let officeRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    private static let wordprocessing = "application/vnd.openxmlformats-officedocument.wordprocessingml."

    // MARK: - Parts

    /// Every part of the package, [Content_Types].xml first.
    static func parts(_ document: WordDocument) throws -> [ZipWriter.Entry] {
        let xml: [(String, XMLElement)] = [
            ("[Content_Types].xml", contentTypes()),
            ("_rels/.rels", packageRels()),
            ("word/document.xml", body(document)),
            ("word/_rels/document.xml.rels", documentRels()),
            ("word/styles.xml", WordStyles.styles()),
            ("word/settings.xml", WordStyles.settings()),
            ("word/footer1.xml", footer(alignment: .right)),
            ("word/footer2.xml", footer(alignment: .left)),
            ("docProps/core.xml", core(document)),
            ("docProps/app.xml", app()),
        ]
        return try xml.map { ZipWriter.Entry(name: $0.0, bytes: try XMLWriter.document($0.1)) }
    }

    /// The root of word/document.xml.
    static func body(_ document: WordDocument) -> XMLElement {
        X.element("w:document", ["xmlns:w": wordNamespace, "xmlns:r": relationshipNamespace], [
            X.element("w:body", [:], document.blocks.map(WordXML.block) + [WordXML.section(document.page)]),
        ])
    }

    /// A page-number footer, "— 1 —": odd pages right with one character to spare, even pages left.
    static func footer(alignment: WordAlignment) -> XMLElement {
        var p = WordParagraph(style: WordStyles.footer, alignment: alignment)
        if alignment == .right { p.rightChars = 100 } else { p.leftChars = 100 }
        p.inlines = [.text("— "), .pageNumber(), .text(" —")]
        return X.element("w:ftr", ["xmlns:w": wordNamespace, "xmlns:r": relationshipNamespace],
                         [WordXML.paragraph(p)])
    }

    private static func contentTypes() -> XMLElement {
        let ns = "http://schemas.openxmlformats.org/package/2006/content-types"
        func override(_ part: String, _ type: String) -> XMLElement {
            X.element("Override", ["PartName": part, "ContentType": type])
        }
        return X.element("Types", ["xmlns": ns], [
            X.element("Default", ["Extension": "rels",
                                  "ContentType": "application/vnd.openxmlformats-package.relationships+xml"]),
            X.element("Default", ["Extension": "xml", "ContentType": "application/xml"]),
            override("/word/document.xml", wordprocessing + "document.main+xml"),
            override("/word/styles.xml", wordprocessing + "styles+xml"),
            override("/word/settings.xml", wordprocessing + "settings+xml"),
            override("/word/footer1.xml", wordprocessing + "footer+xml"),
            override("/word/footer2.xml", wordprocessing + "footer+xml"),
            override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ])
    }

    private static func relationship(_ id: String, _ type: String, _ target: String) -> XMLElement {
        X.element("Relationship", ["Id": id, "Type": type, "Target": target])
    }

    private static func packageRels() -> XMLElement {
        X.element("Relationships", ["xmlns": packageRelationships], [
            relationship("rId1", officeRelationship + "officeDocument", "word/document.xml"),
            relationship("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                         "docProps/core.xml"),
            relationship("rId3", officeRelationship + "extended-properties", "docProps/app.xml"),
        ])
    }

    private static func documentRels() -> XMLElement {
        X.element("Relationships", ["xmlns": packageRelationships], [
            relationship("rId1", officeRelationship + "styles", "styles.xml"),
            relationship("rId2", officeRelationship + "settings", "settings.xml"),
            relationship(oddFooterID, officeRelationship + "footer", "footer1.xml"),
            relationship(evenFooterID, officeRelationship + "footer", "footer2.xml"),
        ])
    }

    /// Core properties dated at the document's own date (never the clock), so renders are reproducible.
    private static func core(_ document: WordDocument) -> XMLElement {
        let stamp = "\(document.date)T00:00:00Z"
        return X.element("cp:coreProperties", [
            "xmlns:cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            "xmlns:dcterms": "http://purl.org/dc/terms/",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        ], [
            X.text("dc:title", [:], XMLBuild.line(document.title)),
            X.text("dc:creator", [:], XMLBuild.line(document.creator)),
            X.text("cp:lastModifiedBy", [:], XMLBuild.line(document.creator)),
            X.text("dcterms:created", ["xsi:type": "dcterms:W3CDTF"], stamp),
            X.text("dcterms:modified", ["xsi:type": "dcterms:W3CDTF"], stamp),
        ])
    }

    private static func app() -> XMLElement {
        X.element("Properties", [
            "xmlns": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        ], [
            X.text("Application", [:], "bulletin"),
            X.text("DocSecurity", [:], "0"),
        ])
    }
}
