import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// Builds small DOCX packages with ZipWriter (for cases no other writer makes), and finds the DOCX
/// fixtures, the samples and the shared conformance corpus.
enum DocxTestSupport {
    /// Prefixes the test bodies may use, bound on `w:document`.
    static let namespaces = [
        "w": OOXMLNamespace.wordprocessingML,
        "r": OOXMLNamespace.officeRelationships,
        "mc": OOXMLNamespace.markupCompatibility,
        "w14": OOXMLNamespace.word2010,
        "wps": OOXMLNamespace.wordprocessingShape,
        "wp": OOXMLNamespace.wordprocessingDrawing,
        "a": OOXMLNamespace.drawingML,
        "v": OOXMLNamespace.vml,
        "m": OOXMLNamespace.math,
        "w16se": "http://schemas.microsoft.com/office/word/2015/wordml/symex",
        "wpsCustomData": "http://www.wps.cn/officeDocument/2013/wpsCustomData",
    ]

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """

    /// `_rels/.rels` pointing the officeDocument relationship at `target`.
    static func rels(target: String = "word/document.xml", type: String = OOXMLRelationshipType.officeDocument) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(type)" Target="\(target)"/></Relationships>
        """
    }

    /// `word/document.xml` around `body` (the content of `w:body`).
    static func documentXML(body: String) -> String {
        let declarations = namespaces.sorted { $0.key < $1.key }.map { "xmlns:\($0.key)=\"\($0.value)\"" }.joined(separator: " ")
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \(declarations) mc:Ignorable=\"w14\"><w:body>\(body)<w:sectPr/></w:body></w:document>"
    }

    /// A DOCX whose body is `body`.
    static func docx(body: String) throws -> [UInt8] {
        try package([
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(rels().utf8)),
            ("word/document.xml", Array(documentXML(body: body).utf8)),
        ])
    }

    /// A zip of these entries, in order, written by ZipWriter and read back.
    static func package(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("test.docx").path
        try ZipWriter.write(entries.map { ZipWriter.Entry(name: $0.0, bytes: $0.1) }, to: path, modified: Date(timeIntervalSince1970: 0))
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The reader with the repository's pipeline.json, optionally changed.
    static func reader(_ change: (inout PipelineConfig) -> Void = { _ in }) throws -> DocxFormReader {
        var config = try TestSupport.config()
        change(&config)
        return DocxFormReader(config: config)
    }

    /// The text the reader sees in a DOCX whose body is `body`.
    static func text(body: String) throws -> [String] {
        try reader().text(bytes: try docx(body: body), fileName: "test.docx")
    }

    // MARK: - Files

    /// `Tests/BulletinCoreTests/Fixtures/docx`.
    static let fixtures = TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/docx")

    /// The bytes of a fixture.
    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// The bytes of a file in the repository's `samples/`.
    static func sample(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TestSupport.root.appendingPathComponent("samples").appendingPathComponent(name)))
    }

    /// `../shared/corpus` beside the package (CI clones shared/ there); fails the test with a clear message if absent.
    static func corpus() throws -> URL {
        let url = TestSupport.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
        try #require(exists, "the DOCX conformance corpus is missing: expected \(url.path) (shared/ beside the package root, as CI clones it)")
        return url
    }
}
