import CLibXML2
import Foundation

/// A worksheet row as the streaming reader finds it: the row's `r` attribute and its cells, raw.
public struct XLSXStreamRow: Sendable {
    /// The `r` attribute (1-based row number), nil when absent.
    public var reference: String?
    /// The row's cells (`c` children), in document order.
    public var cells: [XLSXStreamCell]
}

/// A cell (`c`) as written: its attributes and contents, before shared strings and formats are applied.
public struct XLSXStreamCell: Sendable {
    /// `r` ("C12"), `t` (type) and `s` (style index) attributes, nil when absent.
    public var reference: String?
    public var type: String?
    public var style: String?
    /// All text below the first `v` child, nil when there is no `v` child.
    public var value: String?
    /// The text of the first `is` child (inline string) as a shared string item reads (`t` children, and the
    /// `t` children of `r` runs), nil when there is no `is` child.
    public var inlineString: String?
}

/// Reads the two big parts of a workbook, the shared strings and a worksheet, forwards with libxml2's
/// streaming reader (`xmlTextReader`) into flat Swift values, building no tree. What it returns is what the
/// element tree of `XMLReader` gives for the same part (every text node counts, whitespace included; names
/// compared as the tree readers compare them); for a part whose shape the walk does not expect (a row inside
/// a row) it throws `XLSXStreamError.unexpectedShape`, and for any XML error it throws that error: callers
/// then read the part with `XMLReader`, which reports the same error as before.
public enum XLSXStream {
    /// A part whose nesting the streaming walk does not follow.
    public enum XLSXStreamError: Error, Sendable {
        case unexpectedShape
    }

    /// The string items: each `si` child of the root, as its `t` children and the `t` children of its `r`
    /// runs read (phonetic runs and anything else left out).
    public static func sharedStrings(_ bytes: [UInt8], maxDepth: Int) throws -> [String] {
        let reader = try Cursor(bytes: bytes, maxDepth: maxDepth)
        var out: [String] = []
        var item: String?
        // Depth of the element whose text is being collected (a `t` child of si, or of an r child of si).
        var collecting: Int?
        while let event = try reader.next() {
            switch event {
            case .start(let depth, let empty):
                if depth == 1 {
                    if reader.isNamed("si") {
                        if empty { out.append("") } else { item = "" }
                    }
                } else if item != nil, collecting == nil {
                    if (depth == 2 && reader.isNamed("t")) || (depth == 3 && reader.isNamed("t") && reader.parentIsRun) {
                        if !empty { collecting = depth }
                    }
                }
                if !empty { reader.push(isRun: depth == 2 && item != nil && reader.isNamed("r")) }
            case .end(let depth):
                reader.pop()
                if depth == collecting { collecting = nil }
                if depth == 1, let done = item {
                    out.append(done)
                    item = nil
                }
            case .text:
                if collecting != nil { item? += reader.text }
            }
        }
        return out
    }

    /// The rows of a worksheet (`row` elements of the spreadsheet namespaces, at any depth) and the `ref` of
    /// each `mergeCell`.
    public static func worksheet(_ bytes: [UInt8], namespaces: Set<String>, maxDepth: Int) throws -> (rows: [XLSXStreamRow], merges: [String?]) {
        let reader = try Cursor(bytes: bytes, maxDepth: maxDepth)
        var rows: [XLSXStreamRow] = []
        var merges: [String?] = []
        var row: XLSXStreamRow?
        var rowDepth = -1
        var cell: XLSXStreamCell?
        // Within a cell: which child is being read (`v`, `is`) and where its text goes.
        var sawValue = false, sawInline = false
        var valueDepth: Int?, inlineDepth: Int?, inlineText: Int?
        var inRun = false
        while let event = try reader.next() {
            switch event {
            case .start(let depth, let empty):
                if reader.isNamed("row") && namespaces.contains(reader.namespace) {
                    guard row == nil else { throw XLSXStreamError.unexpectedShape }
                    var made = XLSXStreamRow(reference: reader.attribute("r"), cells: [])
                    if empty { rows.append(made) } else {
                        made.cells.reserveCapacity(8)
                        row = made
                        rowDepth = depth
                    }
                } else if reader.isNamed("mergeCell") && namespaces.contains(reader.namespace) {
                    merges.append(reader.attribute("ref"))
                } else if row != nil, depth == rowDepth + 1, reader.isNamed("c") {
                    let made = XLSXStreamCell(reference: reader.attribute("r"), type: reader.attribute("t"), style: reader.attribute("s"),
                                              value: nil, inlineString: nil)
                    if empty { row?.cells.append(made) } else {
                        cell = made
                        sawValue = false; sawInline = false
                    }
                } else if cell != nil, depth == rowDepth + 2 {
                    if !sawValue, reader.isNamed("v") {
                        sawValue = true
                        cell?.value = ""
                        if !empty { valueDepth = depth }
                    } else if !sawInline, reader.isNamed("is") {
                        sawInline = true
                        cell?.inlineString = ""
                        if !empty { inlineDepth = depth }
                    }
                } else if let inline = inlineDepth, inlineText == nil {
                    if depth == inline + 1 {
                        if reader.isNamed("t") { if !empty { inlineText = depth } }
                        else if reader.isNamed("r") { inRun = !empty }
                    } else if depth == inline + 2, inRun, reader.isNamed("t"), !empty {
                        inlineText = depth
                    }
                }
            case .end(let depth):
                if depth == inlineText { inlineText = nil }
                else if let inline = inlineDepth, depth == inline + 1 { inRun = false }
                if depth == valueDepth { valueDepth = nil }
                if depth == inlineDepth { inlineDepth = nil }
                if depth == rowDepth + 1, let done = cell {
                    row?.cells.append(done)
                    cell = nil
                }
                if depth == rowDepth, let done = row {
                    rows.append(done)
                    row = nil
                    rowDepth = -1
                }
            case .text:
                if valueDepth != nil { cell?.value? += reader.text }
                else if inlineText != nil { cell?.inlineString? += reader.text }
            }
        }
        return (rows, merges)
    }

    // MARK: - The cursor

    enum Event {
        case start(depth: Int, empty: Bool)
        case end(depth: Int)
        case text
    }

    /// libxml2's text reader over a copy of the bytes: no DTD, no entities, no network, no recovery, a depth limit.
    final class Cursor {
        private let reader: xmlTextReaderPtr
        private let buffer: UnsafeMutableBufferPointer<CChar>
        private let maxDepth: Int
        private var runs: [Bool] = []

        init(bytes: [UInt8], maxDepth: Int) throws {
            (reader, buffer) = try XMLStreamReader.openTextReader(bytes)
            self.maxDepth = maxDepth
        }

        deinit {
            xmlFreeTextReader(reader)
            buffer.deallocate()
        }

        /// The next start tag, end tag or text node (whitespace included, as the tree keeps it); nil at the end.
        func next() throws -> Event? {
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { return nil }
                if status < 0 { throw XMLError.malformed(line: 0, column: 0, message: "unreadable") }
                switch xmlTextReaderNodeType(reader) {
                case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                    let depth = Int(xmlTextReaderDepth(reader))
                    if depth > maxDepth { throw XMLError.tooDeep(limit: maxDepth) }
                    return .start(depth: depth, empty: xmlTextReaderIsEmptyElement(reader) == 1)
                case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                    return .end(depth: Int(xmlTextReaderDepth(reader)))
                case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                     Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                    return .text
                case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                    throw XMLError.doctype
                default:
                    continue
                }
            }
        }

        /// Whether the current element's local name is `name`.
        func isNamed(_ name: StaticString) -> Bool {
            guard let local = xmlTextReaderConstLocalName(reader) else { return false }
            return strcmp(UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self),
                          UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self)) == 0
        }

        /// The namespace URI of the current element, "" for none.
        var namespace: String {
            guard let uri = xmlTextReaderConstNamespaceUri(reader) else { return "" }
            return String(cString: uri)
        }

        /// The value of the first attribute with this local name, in any namespace (namespace declarations are
        /// not attributes, as in the tree).
        func attribute(_ name: StaticString) -> String? {
            guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return nil }
            defer { xmlTextReaderMoveToElement(reader) }
            repeat {
                if xmlTextReaderIsNamespaceDecl(reader) != 1, isNamed(name) {
                    guard let value = xmlTextReaderConstValue(reader) else { return "" }
                    return String(cString: value)
                }
            } while xmlTextReaderMoveToNextAttribute(reader) == 1
            return nil
        }

        /// The character data of the current text node.
        var text: String {
            guard let value = xmlTextReaderConstValue(reader) else { return "" }
            return String(cString: value)
        }

        /// Shared strings: whether each open element is an `r` run (for the depth-3 `t` test).
        func push(isRun: Bool) { runs.append(isRun) }
        func pop() { if !runs.isEmpty { runs.removeLast() } }
        var parentIsRun: Bool { runs.last ?? false }
    }
}
