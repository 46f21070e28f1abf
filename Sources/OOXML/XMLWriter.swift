import CLibXML2

/// Serialises element trees with libxml2's text writer. Element and attribute names are written as given
/// (e.g. `w:p`); declare namespaces with `xmlns:` attributes on the root.
public enum XMLWriter {
    /// The UTF-8 bytes of a standalone XML document whose root is `root`.
    public static func document(_ root: XMLElement) throws -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { throw XMLError.writeFailed("out of memory") }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else { throw XMLError.writeFailed("cannot create writer") }
        var failed = false
        func check(_ rc: Int32) { if rc < 0 { failed = true } }
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", "yes"))
        func emit(_ e: XMLElement) {
            check(xmlTextWriterStartElement(writer, e.name))
            for a in e.attributes {
                check(xmlTextWriterWriteAttribute(writer, a.name, a.value))
            }
            for c in e.children {
                switch c {
                case .element(let child): emit(child)
                case .text(let t): check(xmlTextWriterWriteString(writer, t))
                }
            }
            check(xmlTextWriterEndElement(writer))
        }
        emit(root)
        check(xmlTextWriterEndDocument(writer))
        xmlFreeTextWriter(writer)
        if failed { throw XMLError.writeFailed("libxml2 text writer reported an error") }
        let count = Int(xmlBufferLength(buffer))
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: count))
    }
}
