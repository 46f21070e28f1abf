/// Serialises element trees to the bytes libxml2's text writer (2.9) makes for them: the declaration
/// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` and a line feed, the root, a line feed; no
/// indentation, an element with no content closed as `<name/>`, text and attribute values escaped as libxml2
/// escapes them (`XMLFragment`). Element and attribute names are written as given (e.g. `w:p`); declare namespaces
/// with `xmlns:` attributes on the root. An empty name, or an attribute after content, fails the document, as
/// libxml2 refuses them. Written in Swift (sheets9): going through libxml2 one name, attribute and text at a time was
/// most of writing a review sheet; the tests hold the bytes to libxml2's.
public enum XMLWriter {
    /// What `xmlTextWriterStartDocument(writer, "1.0", "UTF-8", "yes")` writes.
    static let declaration = Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n".utf8)

    /// The UTF-8 bytes of a standalone XML document whose root is `root`.
    public static func document(_ root: XMLElement) throws -> [UInt8] {
        try document(root) { _, _ in }
    }

    /// The document of `root`, with `append` called for every element just before its end tag: what it writes to
    /// the stream are that element's last children (a big worksheet's rows, written as they are made instead of
    /// held as a tree). The bytes are those of `document(_:)` of the tree with those children in it.
    public static func document(_ root: XMLElement, append: (XMLElement, Stream) -> Void) throws -> [UInt8] {
        let stream = Stream()
        stream.fragment.bytes = declaration
        // The attributes and children are walked in place (not copied out one by one), in order.
        func emit(_ e: XMLElement) {
            stream.start(e.name)
            e.attributes.withUnsafeBufferPointer { attributes in
                for i in attributes.indices { stream.attribute(attributes[i].name, attributes[i].value) }
            }
            e.children.withUnsafeBufferPointer { children in
                for i in children.indices {
                    switch children[i] {
                    case .element(let child): emit(child)
                    case .text(let t): stream.text(t)
                    }
                }
            }
            append(e, stream)
            stream.end()
        }
        emit(root)
        // `xmlTextWriterEndDocument` closes what is open and ends with a line feed.
        while !stream.fragment.isBalanced { stream.fragment.end() }
        if stream.failed { throw XMLError.writeFailed("an element or attribute with no name, or an attribute after content") }
        stream.fragment.bytes.append(0x0A)
        return stream.fragment.bytes
    }

    /// Elements written straight to a document, each call as `document(_:)` makes it for a tree. Valid only inside
    /// the `append` call it is given to.
    public final class Stream {
        var fragment = XMLFragment()
        var failed = false
        init() {}
        /// Opens an element.
        public func start(_ name: String) {
            guard !name.isEmpty else { failed = true; return }
            fragment.start(name)
        }
        /// An attribute of the element just opened (before its children).
        public func attribute(_ name: String, _ value: String) {
            guard !name.isEmpty, fragment.inStartTag else { failed = true; return }
            fragment.attribute(name, value)
        }
        /// Character data.
        public func text(_ text: String) {
            guard !fragment.isBalanced else { failed = true; return }
            fragment.text(text)
        }
        /// Closes the element opened last.
        public func end() {
            guard !fragment.isBalanced else { failed = true; return }
            fragment.end()
        }
        /// The elements of `fragment`, as written there (the bytes the calls above would have made for them), and
        /// `fragment` emptied for more. Closes the start tag of the element being written, as its first child would.
        public func write(_ other: inout XMLFragment) {
            precondition(other.isBalanced, "a fragment is written whole: every element it opened is closed")
            guard !other.bytes.isEmpty else { return }
            fragment.closeStartTag()
            fragment.bytes.append(contentsOf: other.bytes)
            other.bytes.removeAll(keepingCapacity: true)
        }
    }
}

/// Elements serialised to the bytes libxml2's text writer (2.9) makes for the same calls, for elements written by
/// the tens of thousands (a worksheet's cells): `start`, `attribute`, `text` and `end` append what
/// `xmlTextWriterStartElement`, `xmlTextWriterWriteAttribute`, `xmlTextWriterWriteString` and
/// `xmlTextWriterEndElement` write in a document declared UTF-8 (as `XMLWriter.document` writes every one);
/// `XMLWriter.Stream.write` adds the bytes to a document in one piece. Names are written as given; attribute values
/// and text are escaped as libxml2 escapes them there (`xmlBufAttrSerializeTxtContent`, `xmlEncodeSpecialChars`).
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
        append(name)
        open.append(name)
        inStartTag = true
    }

    /// An attribute of the element just opened: ` name="value"`.
    public mutating func attribute(_ name: String, _ value: String) {
        precondition(inStartTag, "an attribute follows its element's start")
        bytes.append(0x20)
        append(name)
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
            append(name)
            bytes.append(0x3E)
        }
    }

    /// `text` escaped as `xmlEncodeSpecialChars` escapes it: `<`, `>`, `&`, `"` and carriage return as references,
    /// every other byte as it is, up to a NUL (where libxml2's C string ends).
    static func appendText(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var run = 0
        var i = 0
        while i < text.count {
            let b = text[i]
            let escape: StaticString
            switch b {
            case 0x3C: escape = "&lt;"
            case 0x3E: escape = "&gt;"
            case 0x26: escape = "&amp;"
            case 0x22: escape = "&quot;"
            case 0x0D: escape = "&#13;"
            case 0x00:
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i]))
                return
            default:
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i]))
            escape.withUTF8Buffer { bytes.append(contentsOf: $0) }
            i += 1
            run = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<text.count]))
    }

    /// An attribute's value escaped as `xmlBufAttrSerializeTxtContent` escapes it in a document declared UTF-8
    /// (as `XMLWriter.document` declares every one): line feed, carriage return, tab, `"`, `<`, `>` and `&` as
    /// references, every other byte as it is (UTF-8 beyond ASCII too), up to a NUL.
    static func appendAttributeValue(_ value: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var run = 0
        var i = 0
        while i < value.count {
            let escape: StaticString
            switch value[i] {
            case 0x0A: escape = "&#10;"
            case 0x0D: escape = "&#13;"
            case 0x09: escape = "&#9;"
            case 0x22: escape = "&quot;"
            case 0x3C: escape = "&lt;"
            case 0x3E: escape = "&gt;"
            case 0x26: escape = "&amp;"
            case 0x00:
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run..<i]))
                return
            default:
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run..<i]))
            escape.withUTF8Buffer { bytes.append(contentsOf: $0) }
            i += 1
            run = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run..<value.count]))
    }
}
