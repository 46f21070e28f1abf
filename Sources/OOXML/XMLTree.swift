import CLibXML2
import Foundation

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
    /// An element.
    case element(XMLElement)
    /// Character data (text or CDATA).
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

/// An attribute whose value lists namespace prefixes (`Requires` on `mc:Choice`, `Ignorable` on any element),
/// which only the parser can resolve, since the tree keeps no namespace declarations.
public struct XMLPrefixListAttribute: Sendable, Equatable {
    /// Namespace URI of the element that carries the attribute.
    public var elementNamespace: String
    /// Local name of that element.
    public var elementName: String
    /// Namespace URI of the attribute ("" for an unqualified attribute).
    public var attributeNamespace: String
    /// Local name of the attribute.
    public var attributeName: String

    /// Creates a description of a prefix-list attribute.
    public init(elementNamespace: String, elementName: String, attributeNamespace: String = "", attributeName: String) {
        self.elementNamespace = elementNamespace
        self.elementName = elementName
        self.attributeNamespace = attributeNamespace
        self.attributeName = attributeName
    }

    /// `Requires` on `mc:Choice` (markup compatibility), which names the namespaces a reader must understand.
    public static let markupCompatibilityRequires = XMLPrefixListAttribute(
        elementNamespace: OOXMLNamespace.markupCompatibility, elementName: "Choice", attributeName: "Requires")
}

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
    /// libxml2's options for every parse of the module (tree, arena, stream): no network, no entity loading (the
    /// default), no error printing, CDATA as text. A DTD is refused before any parse (`containsDoctype`).
    static let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                                    | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    private static let initialise: Void = { xmlInitParser() }()

    /// Parses `bytes` into an element tree, refusing any `<!DOCTYPE`, malformed input and nesting past `maxDepth`.
    ///
    /// `prefixLists` names attributes whose value is a list of namespace prefixes (such as `Requires` on
    /// `mc:Choice`); their values come back as the namespace URIs those prefixes are bound to where the
    /// attribute stands, separated by spaces (an unbound prefix is kept as written).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 200,
                             prefixLists: [XMLPrefixListAttribute] = []) throws -> XMLElement {
        _ = initialise
        if bytes.isEmpty { throw XMLError.malformed(line: 1, column: 1, message: "the part is empty") }
        if bytes.count > Int(Int32.max) { throw XMLError.malformed(line: 0, column: 0, message: "the part is larger than 2 GiB") }
        if containsDoctype(bytes) { throw XMLError.doctype }
        guard let context = xmlNewParserCtxt() else { throw XMLError.malformed(line: 0, column: 0, message: "out of memory") }
        defer { xmlFreeParserCtxt(context) }
        // Stop at the first error, so that the error reported is the first (where the damage is), not the
        // last ("premature end of data" at the end of the part), and garbage is not parsed to its end.
        context.pointee.sax.pointee.serror = { userData, _ in
            if let userData { xmlStopParser(userData.assumingMemoryBound(to: xmlParserCtxt.self)) }
        }
        let options = XMLReader.parseOptions
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: raw.count) {
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
        var names = NameCache()
        return try convert(root, depth: 0, maxDepth: maxDepth, prefixLists: prefixLists, names: &names)
    }

    /// Strings for libxml2's interned names and namespace URIs, keyed by their (stable) addresses, so that
    /// each distinct name is turned into a Swift string once per document rather than once per node.
    private struct NameCache {
        var strings: [UnsafeRawPointer: String] = [:]

        mutating func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
            guard let pointer else { return "" }
            let key = UnsafeRawPointer(pointer)
            if let known = strings[key] { return known }
            let made = String(cString: pointer)
            strings[key] = made
            return made
        }
    }

    private static func convert(_ node: xmlNodePtr, depth: Int, maxDepth: Int,
                                prefixLists: [XMLPrefixListAttribute], names: inout NameCache) throws -> XMLElement {
        if depth > maxDepth { throw XMLError.tooDeep(limit: maxDepth) }
        var element = XMLElement(
            namespace: names.string(node.pointee.ns?.pointee.href),
            name: names.string(node.pointee.name))
        var attr = node.pointee.properties
        while let a = attr {
            var value: String
            if let only = a.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE {
                value = only.pointee.content.map { String(cString: $0) } ?? ""
            } else if let content = xmlNodeListGetString(node.pointee.doc, a.pointee.children, 1) {
                value = String(cString: content)
                clibxml2_free(content)
            } else {
                value = ""
            }
            let attributeNamespace = names.string(a.pointee.ns?.pointee.href)
            let attributeName = names.string(a.pointee.name)
            if !prefixLists.isEmpty, prefixLists.contains(where: {
                $0.elementNamespace == element.namespace && $0.elementName == element.name
                    && $0.attributeNamespace == attributeNamespace && $0.attributeName == attributeName
            }) {
                value = resolvePrefixes(value, at: node)
            }
            element.attributes.append(XMLAttribute(namespace: attributeNamespace, name: attributeName, value: value))
            attr = a.pointee.next
        }
        var count = 0
        var sibling = node.pointee.children
        while let c = sibling { count += 1; sibling = c.pointee.next }
        element.children.reserveCapacity(count)
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(.element(try convert(c, depth: depth + 1, maxDepth: maxDepth, prefixLists: prefixLists, names: &names)))
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

    private static func resolvePrefixes(_ list: String, at node: xmlNodePtr) -> String {
        list.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map { prefix -> String in
            guard let ns = xmlSearchNs(node.pointee.doc, node, String(prefix)), let href = ns.pointee.href else {
                return String(prefix)
            }
            return String(cString: href)
        }.joined(separator: " ")
    }

    /// Whether `<!DOCTYPE` occurs anywhere in the bytes (UTF-8, or UTF-16 in either byte order). Scans for
    /// `!`, which is rare in XML (unlike `<`), with memchr.
    static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        let word = Array("DOCTYPE".utf8)
        let wide = word.flatMap { [UInt8(0), $0] }
        return bytes.withUnsafeBufferPointer { b -> Bool in
            guard let base = b.baseAddress else { return false }
            var i = 0
            while i < b.count {
                guard let hit = memchr(base + i, Int32(UInt8(ascii: "!")), b.count - i) else { return false }
                let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                i = at + 1
                if at >= 1, b[at - 1] == UInt8(ascii: "<"), matches(word, in: b, at: at + 1) { return true }
                // UTF-16: `<`,0,`!`,0 (LE) and 0,`<`,0,`!` (BE) both put `<` two bytes and 0 one byte before `!`.
                if at >= 2, b[at - 2] == UInt8(ascii: "<"), b[at - 1] == 0, matches(wide, in: b, at: at + 1) { return true }
            }
            return false
        }
    }

    /// Whether `needle` is at `start` in `hay`.
    private static func matches(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + needle.count <= hay.count else { return false }
        for k in 0..<needle.count where hay[start + k] != needle[k] { return false }
        return true
    }
}
