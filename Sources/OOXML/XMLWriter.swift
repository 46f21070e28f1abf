import CLibXML2

/// Serialises element trees with libxml2's text writer. Element and attribute names are written as given
/// (e.g. `w:p`); declare namespaces with `xmlns:` attributes on the root.
public enum XMLWriter {
    /// The UTF-8 bytes of a standalone XML document whose root is `root`.
    public static func document(_ root: XMLElement) throws -> [UInt8] {
        try document(root) { _, _ in }
    }

    /// The document of `root`, with `append` called for every element just before its end tag: what it writes to
    /// the stream are that element's last children (a big worksheet's rows, written as they are made instead of
    /// held as a tree). The bytes are those of `document(_:)` of the tree with those children in it.
    public static func document(_ root: XMLElement, append: (XMLElement, Stream) -> Void) throws -> [UInt8] {
        // The writer's output goes to `sink` through the callback `xmlNewTextWriterMemory` would call with its
        // buffer, the same bytes in the same order: an xmlBuffer grows by what each flush adds (a realloc every
        // 4 KB of a 4 MB worksheet) and its content was then copied out once more.
        let sink = ByteSink()
        guard let output = xmlOutputBufferCreateIO({ context, chars, count in
            guard let context, let chars, count > 0 else { return 0 }
            Unmanaged<ByteSink>.fromOpaque(context).takeUnretainedValue().append(chars, Int(count))
            return count
        }, nil, Unmanaged.passUnretained(sink).toOpaque(), nil) else { throw XMLError.writeFailed("out of memory") }
        guard let writer = xmlNewTextWriter(output) else {
            xmlOutputBufferClose(output)
            throw XMLError.writeFailed("cannot create writer")
        }
        let stream = Stream(writer)
        func check(_ rc: Int32) { if rc < 0 { stream.failed = true } }
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", "yes"))
        // Each name and text goes to libxml2 as a pointer to the string's own UTF-8 (`withXMLChars`), the same
        // bytes the implicit String-to-pointer conversion passes, without copying every one into a new array.
        func emit(_ e: XMLElement) {
            // The attributes and children are walked in place (not copied out one by one), in order.
            check(withXMLChars(e.name) { xmlTextWriterStartElement(writer, $0) })
            e.attributes.withUnsafeBufferPointer { attributes in
                for i in attributes.indices {
                    check(withXMLChars(attributes[i].name) { name in withXMLChars(attributes[i].value) { xmlTextWriterWriteAttribute(writer, name, $0) } })
                }
            }
            e.children.withUnsafeBufferPointer { children in
                for i in children.indices {
                    switch children[i] {
                    case .element(let child): emit(child)
                    case .text(let t): check(withXMLChars(t) { xmlTextWriterWriteString(writer, $0) })
                    }
                }
            }
            append(e, stream)
            check(xmlTextWriterEndElement(writer))
        }
        emit(root)
        check(xmlTextWriterEndDocument(writer))
        xmlFreeTextWriter(writer)  // flushes the rest into `sink`
        if stream.failed { throw XMLError.writeFailed("libxml2 text writer reported an error") }
        return withExtendedLifetime(sink) { sink.bytes }
    }

    /// Where a document's bytes go as libxml2 flushes them (the array doubles as it grows).
    final class ByteSink {
        var bytes: [UInt8] = []
        func append(_ chars: UnsafePointer<CChar>, _ count: Int) {
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: chars, count: count))
        }
    }

    /// Calls `body` with `text` as NUL-terminated UTF-8, as libxml2's `xmlChar` (its string's storage when it has
    /// one, else a copy on the stack); the pointer is valid only inside `body`.
    static func withXMLChars<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        text.withCString { chars in chars.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1, body) }
    }

    /// Elements written straight to a document's text writer, each call as `document(_:)` makes it for a tree.
    /// Valid only inside the `append` call it is given to.
    public final class Stream {
        let writer: xmlTextWriterPtr
        var failed = false
        init(_ writer: xmlTextWriterPtr) { self.writer = writer }
        private func check(_ rc: Int32) { if rc < 0 { failed = true } }
        /// Opens an element.
        public func start(_ name: String) { check(withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }) }
        /// An attribute of the element just opened (before its children).
        public func attribute(_ name: String, _ value: String) {
            check(withXMLChars(name) { n in withXMLChars(value) { xmlTextWriterWriteAttribute(writer, n, $0) } })
        }
        /// Character data.
        public func text(_ text: String) { check(withXMLChars(text) { xmlTextWriterWriteString(writer, $0) }) }
        /// Closes the element opened last.
        public func end() { check(xmlTextWriterEndElement(writer)) }
    }
}
