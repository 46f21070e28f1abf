import CLibXML2
import OOXML
import Testing

/// `XMLWriter.document` hands each name and text to libxml2 as a pointer to the string's own UTF-8: the bytes are
/// those of passing the strings by Swift's implicit String-to-pointer conversion, as it did before.
@Suite struct XMLWriterTests {
    /// The document as written by passing every string by the implicit conversion (the writer as it was).
    static func reference(_ root: XMLElement) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { return [] }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else { return [] }
        _ = xmlTextWriterStartDocument(writer, "1.0", "UTF-8", "yes")
        func emit(_ e: XMLElement) {
            _ = xmlTextWriterStartElement(writer, e.name)
            for a in e.attributes { _ = xmlTextWriterWriteAttribute(writer, a.name, a.value) }
            for c in e.children {
                switch c {
                case .element(let child): emit(child)
                case .text(let t): _ = xmlTextWriterWriteString(writer, t)
                }
            }
            _ = xmlTextWriterEndElement(writer)
        }
        emit(root)
        _ = xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// Texts short enough to be held inline by String and long ones held in storage, empty, CJK, escapes, emoji,
    /// controls libxml2 escapes, and strings cut from others.
    static let pieces = ["", "a", "审核", "成果名称", "<&>\"'", "\t\n\r", "国内领先 ", "  前后空格  ", "😀𠀀", "x:y", "=SUM(A1)",
                         String(repeating: "重大科技成果", count: 40), String(repeating: "abc&<", count: 9), "第 &P 页，共 &N 页"]

    static func text(_ rng: inout SystemRandomNumberGenerator) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...4, using: &rng) { s += pieces.randomElement(using: &rng) ?? "" }
        if Bool.random(using: &rng), s.count > 2 { s = String(s.dropFirst()) }
        return s
    }

    static func tree(_ depth: Int, _ rng: inout SystemRandomNumberGenerator) -> XMLElement {
        let names = ["c", "is", "t", "row", "w:p", "sheetData", "xml:space", "表"]
        var e = XMLElement(name: names.randomElement(using: &rng) ?? "c")
        for i in 0..<Int.random(in: 0...3, using: &rng) { e.attributes.append(XMLAttribute(name: "a\(i)", value: text(&rng))) }
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            e.children.append(depth > 0 && Bool.random(using: &rng) ? .element(tree(depth - 1, &rng)) : .text(text(&rng)))
        }
        return e
    }

    @Test func theBytesAreThoseOfTheImplicitConversion() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let root = Self.tree(4, &rng)
            let bytes = try XMLWriter.document(root)
            #expect(bytes == Self.reference(root))
            #expect(bytes.count > 38)
        }
    }

    /// Documents of megabytes, flushed by libxml2 many times over (every 4 KB): the bytes gathered by the writer's
    /// own output callback are those of libxml2's memory writer, and so are those of a streamed tail.
    @Test func bigDocumentsAreTheMemoryWritersBytes() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3 {
            var root = XMLElement(name: "sheetData")
            for _ in 0..<Int.random(in: 2_000...6_000, using: &rng) { root.children.append(.element(Self.tree(3, &rng))) }
            let bytes = try XMLWriter.document(root)
            #expect(bytes == Self.reference(root))
            #expect(bytes.count > 100_000)
            // The same rows written to the stream where the root ends.
            let streamed = try XMLWriter.document(XMLElement(name: "sheetData")) { e, out in
                func write(_ e: XMLElement) {
                    out.start(e.name)
                    for a in e.attributes { out.attribute(a.name, a.value) }
                    for c in e.children {
                        switch c {
                        case .element(let child): write(child)
                        case .text(let t): out.text(t)
                        }
                    }
                    out.end()
                }
                for case .element(let child) in root.children { write(child) }
            }
            #expect(streamed == bytes)
        }
    }
}
