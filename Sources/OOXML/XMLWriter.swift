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
        /// The elements of `fragment`, as written there (the bytes the calls above would have made for them), and
        /// `fragment` emptied for more. Closes the start tag of the element being written, as its first child would.
        public func write(_ fragment: inout XMLFragment) {
            precondition(fragment.isBalanced, "a fragment is written whole: every element it opened is closed")
            guard !fragment.bytes.isEmpty else { return }
            check(fragment.bytes.withUnsafeBufferPointer { xmlTextWriterWriteRawLen(writer, $0.baseAddress, Int32($0.count)) })
            fragment.bytes.removeAll(keepingCapacity: true)
        }
    }
}

/// Elements serialised in Swift to the bytes libxml2's text writer (2.9) makes for the same calls, for elements
/// written by the tens of thousands (a worksheet's cells): `start`, `attribute`, `text` and `end` append what
/// `xmlTextWriterStartElement`, `xmlTextWriterWriteAttribute`, `xmlTextWriterWriteString` and
/// `xmlTextWriterEndElement` would write in a document `XMLWriter.document` writes (declared UTF-8), with no call
/// into C and no copy of a name or text; `XMLWriter.Stream.write` hands the bytes to the document's writer in one
/// call. Names are written as given; attribute values and text are escaped as libxml2 escapes them there
/// (`xmlBufAttrSerializeTxtContent`, `xmlEncodeSpecialChars`).
public struct XMLFragment {
    /// The serialised elements so far.
    public internal(set) var bytes: [UInt8] = []
    /// The names of the elements opened and not yet closed, innermost last.
    var open: [String] = []
    /// Whether the innermost open element's start tag still takes attributes (not yet closed by `>`).
    var inStartTag = false

    public init() {}

    /// Makes room for `n` bytes.
    public mutating func reserveCapacity(_ n: Int) { bytes.reserveCapacity(n) }

    /// Whether every element opened has been closed.
    public var isBalanced: Bool { open.isEmpty }

    /// Opens an element: `<name` (after a `>` ending the parent's start tag).
    public mutating func start(_ name: String) {
        if inStartTag { bytes.append(0x3E) }
        bytes.append(0x3C)
        bytes.append(contentsOf: name.utf8)
        open.append(name)
        inStartTag = true
    }

    /// An attribute of the element just opened: ` name="value"`.
    public mutating func attribute(_ name: String, _ value: String) {
        precondition(inStartTag, "an attribute follows its element's start")
        bytes.append(0x20)
        bytes.append(contentsOf: name.utf8)
        bytes.append(0x3D)
        bytes.append(0x22)
        var value = value
        value.withUTF8 { Self.appendAttributeValue($0, to: &bytes) }
        bytes.append(0x22)
    }

    /// A name's UTF-8, copied from the string's storage (or its inline bytes) in one piece.
    @inline(__always)
    mutating func append(_ name: String) {
        var name = name
        name.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Markup already serialised, appended as it is after ending the start tag being written: the caller vouches
    /// that, with the rest it appends, it is what the element calls above would have written for whole elements
    /// (every start tag it opens it closes; attribute values that need no escaping). For cells written by the
    /// tens of thousands, whose shape is fixed: a run of bytes instead of a call per name and attribute.
    public mutating func markup(_ s: StaticString) {
        closeStartTag()
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `markup` of a string's UTF-8 (a cell reference, a number).
    public mutating func markup(_ s: String) {
        closeStartTag()
        append(s)
    }

    /// Character data inside `markup`, escaped as `text` escapes it.
    public mutating func escapedText(_ text: String) {
        var string = text
        string.withUTF8 { Self.appendText($0, to: &bytes) }
    }

    /// Ends the start tag being written (`>`), as content or a child would.
    mutating func closeStartTag() {
        if inStartTag { bytes.append(0x3E); inStartTag = false }
    }

    /// Character data (closing the start tag, even for empty text, as libxml2 does).
    public mutating func text(_ text: String) {
        var string = text
        string.withUTF8 { self.text(utf8: $0) }
    }

    /// Character data given as UTF-8 bytes with no NUL (libxml2 reads text to its first NUL).
    public mutating func text(utf8: UnsafeBufferPointer<UInt8>) {
        if inStartTag { bytes.append(0x3E); inStartTag = false }
        Self.appendText(utf8, to: &bytes)
    }

    /// Closes the element opened last: `/>` when it has no content, else `</name>`.
    public mutating func end() {
        guard let name = open.popLast() else { preconditionFailure("no element to close") }
        if inStartTag {
            bytes.append(0x2F)
            bytes.append(0x3E)
            inStartTag = false
        } else {
            bytes.append(0x3C)
            bytes.append(0x2F)
            bytes.append(contentsOf: name.utf8)
            bytes.append(0x3E)
        }
    }

    /// `text` escaped as `xmlEncodeSpecialChars` escapes it: `<`, `>`, `&`, `"` and carriage return as references,
    /// every other byte as it is, up to a NUL (where libxml2's C string ends).
    static func appendText(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        appendEscaped(text, to: &bytes) { b in
            switch b {
            case 0x3C: "&lt;"
            case 0x3E: "&gt;"
            case 0x26: "&amp;"
            case 0x22: "&quot;"
            case 0x0D: "&#13;"
            default: nil
            }
        }
    }

    /// An attribute's value escaped as `xmlBufAttrSerializeTxtContent` escapes it in a document declared UTF-8
    /// (as `XMLWriter.document` declares every one): line feed, carriage return, tab, `"`, `<`, `>` and `&` as
    /// references, every other byte as it is (UTF-8 beyond ASCII too), up to a NUL.
    static func appendAttributeValue(_ value: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        appendEscaped(value, to: &bytes) { b in
            switch b {
            case 0x0A: "&#10;"
            case 0x0D: "&#13;"
            case 0x09: "&#9;"
            case 0x22: "&quot;"
            case 0x3C: "&lt;"
            case 0x3E: "&gt;"
            case 0x26: "&amp;"
            default: nil
            }
        }
    }

    /// `source` appended with each byte `escape` names replaced by its reference, runs between them copied whole,
    /// up to a NUL (where libxml2's C strings end): the loop of both escapers above.
    @inline(__always)
    static func appendEscaped(_ source: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8],
                              escape: (UInt8) -> StaticString?) {
        var run = 0
        var i = 0
        while i < source.count {
            let b = source[i]
            if b == 0x00 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<i]))
                return
            }
            guard let reference = escape(b) else {
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<i]))
            reference.withUTF8Buffer { bytes.append(contentsOf: $0) }
            i += 1
            run = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<source.count]))
    }
}
