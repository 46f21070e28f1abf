import CLibXML2
import Foundation

/// What the streaming reader stands on after `next()`.
public enum XMLStreamEvent: Sendable, Equatable {
    /// The start of an element (for an empty element, no `.end` follows: see `isEmptyElement`).
    case start
    /// The end of an element.
    case end
    /// Character data (text or CDATA).
    case text
}

/// Reads an XML part forwards with libxml2's streaming reader (`xmlTextReader`), building no tree: for parts
/// of which a reader needs a few facts (the styles part of Word's template is 349 KB, of which the form
/// reader needs the numbering of a few paragraph styles). Same safety as `XMLReader`: no DTD (a part with
/// `<!DOCTYPE` is refused), no entity expansion, no network, no recovery, a depth limit.
///
/// Owns its libxml2 reader and a copy of the bytes; not Sendable (one reader, one thread).
public final class XMLStreamReader {
    private let reader: xmlTextReaderPtr
    private let buffer: UnsafeMutableBufferPointer<CChar>
    private let maxDepth: Int
    /// Strings for libxml2's interned names and namespace URIs, keyed by address (one String per distinct name).
    private var names: [UnsafeRawPointer: String] = [:]

    /// Prepares to read `bytes`; throws `XMLError.doctype` for a part with a DTD.
    public init(bytes: [UInt8], maxDepth: Int = 200) throws {
        (reader, buffer) = try Self.openTextReader(bytes)
        self.maxDepth = maxDepth
    }

    /// libxml2's text reader over a copy of `bytes`, with the module's safety rules in one place: no DTD
    /// (`XMLError.doctype`), no entities, no network, no recovery. The caller frees both (`xmlFreeTextReader`,
    /// `deallocate`). Also used by the XLSX stream.
    static func openTextReader(_ bytes: [UInt8]) throws -> (xmlTextReaderPtr, UnsafeMutableBufferPointer<CChar>) {
        if bytes.isEmpty { throw XMLError.malformed(line: 1, column: 1, message: "the part is empty") }
        if bytes.count > Int(Int32.max) { throw XMLError.malformed(line: 0, column: 0, message: "the part is larger than 2 GiB") }
        if XMLReader.containsDoctype(bytes) { throw XMLError.doctype }
        xmlInitParser()
        let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: bytes.count)
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress, let target = buffer.baseAddress { memcpy(target, base, bytes.count) }
        }
        let options = XMLReader.parseOptions
        guard let base = buffer.baseAddress, let reader = xmlReaderForMemory(base, Int32(bytes.count), "part.xml", nil, options) else {
            buffer.deallocate()
            throw XMLError.malformed(line: 0, column: 0, message: "out of memory")
        }
        return (reader, buffer)
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    /// Moves to the next start tag, end tag or run of text; nil at the end of the part. Throws at the first
    /// malformed place, or when elements nest deeper than the limit.
    public func next() throws -> XMLStreamEvent? {
        while true {
            let status: Int32
            if finished { return nil }
            if pending {
                pending = false
                status = 1
            } else {
                status = xmlTextReaderRead(reader)
            }
            if status == 0 { return nil }
            if status < 0 { throw error() }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                if depth > maxDepth { throw XMLError.tooDeep(limit: maxDepth) }
                return .start
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                return .end
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                return .text
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
                throw XMLError.doctype
            default:
                continue
            }
        }
    }

    /// Skips the children of the element the reader stands on (after `.start`), to just before its end.
    /// The next `next()` gives what follows the element (its `.end` is not given).
    public func skipElement() throws {
        guard xmlTextReaderIsEmptyElement(reader) == 0 else { return }
        let status = xmlTextReaderNext(reader)
        if status < 0 { throw error() }
        // xmlTextReaderNext leaves the reader on the node after the element: the next `next()` reports that
        // node rather than reading past it.
        pending = status == 1
        finished = status == 0
    }

    /// The reader already stands on the node `next()` must report (after `skipElement`).
    private var pending = false
    /// The part ended during `skipElement`.
    private var finished = false

    /// Depth of the current node (the root element is 0).
    public var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// Whether the element just started is empty (`<w:numPr/>`), so that no `.end` follows.
    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The local name of the current element (no prefix).
    public var localName: String { interned(xmlTextReaderConstLocalName(reader)) }

    /// The namespace URI of the current element, "" for none.
    public var namespace: String { interned(xmlTextReaderConstNamespaceUri(reader)) }

    /// Whether the current element's local name is `name` (compared without making a string).
    public func isNamed(_ name: String) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader) else { return false }
        return name.withCString { strcmp($0, UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self)) == 0 }
    }

    /// The character data of the current text node.
    public var text: String {
        guard let value = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: value)
    }

    /// The value of the current element's attribute with this local name, in one of `namespaces` or in none
    /// (in any namespace when `namespaces` is nil), as `XMLElement.attribute(_:in:)` finds it.
    public func attribute(_ name: String, in namespaces: Set<String>? = nil) -> String? {
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        repeat {
            if isNamed(name) {
                let ns = namespace
                if let namespaces, !namespaces.contains(ns) && !ns.isEmpty { continue }
                guard let value = xmlTextReaderConstValue(reader) else { return "" }
                return String(cString: value)
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        return nil
    }

    private func interned(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let made = String(cString: pointer)
        names[key] = made
        return made
    }

    private func error() -> XMLError {
        guard let err = xmlGetLastError() else { return .malformed(line: 0, column: 0, message: "unreadable") }
        let message = err.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unreadable"
        if message.contains("Excessive depth") { return .tooDeep(limit: maxDepth) }
        return .malformed(line: Int(err.pointee.line), column: Int(err.pointee.int2), message: message)
    }
}
