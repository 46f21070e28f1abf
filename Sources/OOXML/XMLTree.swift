import CLibXML2

// MARK: - Values

/// An attribute: namespace URI ("" for none), local name and value.
public struct XMLAttribute: Sendable, Equatable {
    /// Namespace URI, "" when none.
    public var namespace: String
    /// Local name (no prefix).
    public var name: String
    /// Value.
    public var value: String
    /// Creates an attribute.
    public init(namespace: String = "", name: String, value: String) {
        self.namespace = namespace
        self.name = name
        self.value = value
    }
}

/// A node of a parsed document: an element or a run of character data.
public enum XMLNode: Sendable, Equatable {
    case element(XMLElement)
    case text(String)
}

/// An element as a Swift value: namespace URI, local name, attributes and children. Owns no C memory.
public struct XMLElement: Sendable, Equatable {
    /// Namespace URI, "" when none. Match elements by this, never by prefix.
    public var namespace: String
    /// Local name (no prefix); for elements built to be written, may hold a prefixed name.
    public var name: String
    /// Attributes in document order.
    public var attributes: [XMLAttribute]
    /// Children in document order.
    public var children: [XMLNode]

    /// Creates an element.
    public init(namespace: String = "", name: String, attributes: [XMLAttribute] = [], children: [XMLNode] = []) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The value of the attribute with this local name, in any of `namespaces` (or none).
    public func attribute(_ name: String, in namespaces: Set<String>? = nil) -> String? {
        for a in attributes where a.name == name {
            if let namespaces, !namespaces.contains(a.namespace) && !a.namespace.isEmpty { continue }
            return a.value
        }
        return nil
    }

    /// Child elements in order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
    }

    /// All character data below this element, concatenated.
    public var textContent: String {
        var out = ""
        func walk(_ e: XMLElement) {
            for c in e.children {
                switch c {
                case .text(let t): out += t
                case .element(let child): walk(child)
                }
            }
        }
        walk(self)
        return out
    }
}

// MARK: - Reading

/// Why an XML part could not be read.
public enum XMLError: Error, Equatable, Sendable, CustomStringConvertible {
    case doctype
    case malformed(line: Int, column: Int, message: String)
    case tooDeep(limit: Int)
    case writeFailed(String)

    /// A sentence a person can read.
    public var description: String {
        switch self {
        case .doctype: return "it contains a <!DOCTYPE> declaration, which a Word document never needs (refused so that no entity is expanded and nothing is loaded)"
        case .malformed(let line, let column, let message): return "malformed XML at line \(line), column \(column): \(message)"
        case .tooDeep(let limit): return "elements are nested more than \(limit) deep"
        case .writeFailed(let why): return "could not write XML: \(why)"
        }
    }
}

/// Parses XML with libxml2: no DTD, no entity expansion, no network, no recovery. Returns Swift values.
public enum XMLReader {
    private static let initialise: Void = { xmlInitParser() }()

    /// Parses `bytes` into an element tree, refusing any `<!DOCTYPE`, malformed input and nesting past `maxDepth`.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 200) throws -> XMLElement {
        _ = initialise
        if containsDoctype(bytes) { throw XMLError.doctype }
        guard let context = xmlNewParserCtxt() else { throw XMLError.malformed(line: 0, column: 0, message: "out of memory") }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { raw in
            raw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) {
                xmlCtxtReadMemory(context, $0, Int32(raw.count), "part.xml", nil, options)
            }
        }
        guard let doc, context.pointee.wellFormed != 0 else {
            if let doc { xmlFreeDoc(doc) }
            let err = context.pointee.lastError
            let message = err.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unreadable"
            if message.contains("Excessive depth") || message.contains("depth") && err.code == XML_ERR_INTERNAL_ERROR.rawValue {
                throw XMLError.tooDeep(limit: maxDepth)
            }
            throw XMLError.malformed(line: Int(err.line), column: Int(err.int2), message: message)
        }
        defer { xmlFreeDoc(doc) }
        if doc.pointee.intSubset != nil { throw XMLError.doctype }
        guard let root = xmlDocGetRootElement(doc) else {
            throw XMLError.malformed(line: 1, column: 1, message: "no root element")
        }
        return try convert(root, depth: 0, maxDepth: maxDepth)
    }

    private static func convert(_ node: xmlNodePtr, depth: Int, maxDepth: Int) throws -> XMLElement {
        if depth > maxDepth { throw XMLError.tooDeep(limit: maxDepth) }
        var element = XMLElement(
            namespace: namespaceURI(node.pointee.ns),
            name: String(cString: node.pointee.name))
        var attr = node.pointee.properties
        while let a = attr {
            let value: String
            if let content = xmlNodeListGetString(node.pointee.doc, a.pointee.children, 1) {
                value = String(cString: content)
                clibxml2_free(content)
            } else {
                value = ""
            }
            element.attributes.append(XMLAttribute(
                namespace: namespaceURI(a.pointee.ns),
                name: String(cString: a.pointee.name), value: value))
            attr = a.pointee.next
        }
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(.element(try convert(c, depth: depth + 1, maxDepth: maxDepth)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    element.children.append(.text(String(cString: content)))
                }
            default:
                break
            }
            child = c.pointee.next
        }
        return element
    }

    private static func namespaceURI(_ ns: xmlNsPtr?) -> String {
        guard let ns, let href = ns.pointee.href else { return "" }
        return String(cString: href)
    }

    /// Whether `<!DOCTYPE` occurs anywhere in the bytes (UTF-8 or UTF-16 encoded).
    static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        let needle = Array("<!DOCTYPE".utf8)
        var needle16: [UInt8] = []
        for b in needle { needle16.append(b); needle16.append(0) }
        return bytes.withUnsafeBufferPointer { b in
            find(needle, in: b) || find(needle16, in: b)
        }
    }

    private static func find(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        guard hay.count >= needle.count, let first = needle.first else { return false }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
