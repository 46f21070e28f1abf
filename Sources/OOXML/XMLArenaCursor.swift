/// What `DocxNumbering`-style readers need from a forward reader of XML: events, depth, names and attributes
/// of the element it stands on, and skipping an element's content. `XMLStreamReader` (libxml2's streaming
/// reader) and `XMLArenaCursor` (over a parsed arena) both offer it.
public protocol XMLPullReader: AnyObject {
    /// Moves to the next start tag, end tag or run of text; nil at the end of the part.
    func next() throws -> XMLStreamEvent?
    /// Skips the children of the element just started; the next `next()` gives what follows it (no `.end`).
    func skipElement() throws
    /// Depth of the current node (the root element is 0).
    var depth: Int { get }
    /// Whether the element just started has no content, so that no `.end` follows.
    var isEmptyElement: Bool { get }
    /// The namespace URI of the current element, "" for none.
    var namespace: String { get }
    /// Whether the current element's local name is `name`.
    func isNamed(_ name: String) -> Bool
    /// The value of the current element's attribute with this local name, in one of `namespaces` or in none
    /// (in any namespace when `namespaces` is nil).
    func attribute(_ name: String, in namespaces: Set<String>?) -> String?
}

extension XMLStreamReader: XMLPullReader {}

/// Reads an `XMLArena` forwards as `XMLStreamReader` reads bytes: the same events, except that an element
/// written `<a></a>` counts as empty (`<a/>`), as nothing a reader asks for can tell them apart. Made only for
/// parts that parse cleanly (`init?` is nil otherwise: read those with `XMLStreamReader`, which says what is
/// wrong exactly as before). Not Sendable (one cursor, one reader).
public final class XMLArenaCursor: XMLPullReader {
    private let arena: XMLArena
    /// The next node to visit.
    private var position: Int32 = 0
    /// Elements entered (started, with content), innermost last.
    private var open: [Int32] = []
    /// The node the cursor stands on.
    private var current: Int32 = -1
    /// Its depth.
    public private(set) var depth = 0

    /// A cursor over `bytes`, or nil when they do not parse cleanly (malformed, a DTD, nested deeper than `maxDepth`).
    public init?(bytes: [UInt8], maxDepth: Int = 200) {
        guard let arena = XMLArena.parseClean(bytes, maxDepth: maxDepth) else { return nil }
        self.arena = arena
        open.reserveCapacity(16)
    }

    /// A cursor over an arena already parsed.
    public init(arena: XMLArena) {
        self.arena = arena
    }

    /// Moves to the next start tag, end tag or run of text; nil at the end of the part.
    public func next() throws -> XMLStreamEvent? {
        if let top = open.last, position >= arena.nodeEnd[Int(top)] {
            open.removeLast()
            current = top
            depth = open.count
            return .end
        }
        guard Int(position) < arena.nodeCount else { return nil }
        let i = position
        current = i
        depth = open.count
        position = i + 1
        if arena.nodeName[Int(i)] < 0 { return .text }
        if arena.nodeEnd[Int(i)] > i + 1 { open.append(i) }
        return .start
    }

    /// Skips the children of the element just started; the next `next()` gives what follows it (no `.end`).
    public func skipElement() throws {
        guard current >= 0, arena.nodeName[Int(current)] >= 0, arena.nodeEnd[Int(current)] > current + 1,
              open.last == current else { return }
        open.removeLast()
        position = arena.nodeEnd[Int(current)]
    }

    /// Whether the element just started has no content (`<a/>` or `<a></a>`), so that no `.end` follows.
    public var isEmptyElement: Bool {
        current >= 0 && arena.nodeName[Int(current)] >= 0 && arena.nodeEnd[Int(current)] == current + 1
    }

    /// The namespace URI of the current element, "" for none (and on character data).
    public var namespace: String {
        guard current >= 0 else { return "" }
        let id = arena.nodeName[Int(current)]
        return id < 0 ? "" : arena.names[Int(id)].namespace
    }

    /// The local name of the current element (no prefix), "" on character data.
    public var localName: String {
        guard current >= 0 else { return "" }
        let id = arena.nodeName[Int(current)]
        return id < 0 ? "" : arena.names[Int(id)].local
    }

    /// Whether the current element's local name is `name`.
    public func isNamed(_ name: String) -> Bool {
        guard current >= 0 else { return false }
        let id = arena.nodeName[Int(current)]
        return id >= 0 && arena.names[Int(id)].local == name
    }

    /// The value of the current element's attribute with this local name, in one of `namespaces` or in none
    /// (in any namespace when `namespaces` is nil).
    public func attribute(_ name: String, in namespaces: Set<String>? = nil) -> String? {
        guard current >= 0, arena.nodeName[Int(current)] >= 0 else { return nil }
        return XMLArenaElement(arena: arena, index: current).attribute(name, in: namespaces)
    }

    /// The character data of the current text node.
    public var text: String {
        guard current >= 0, arena.nodeName[Int(current)] < 0 else { return "" }
        return arena.string(arena.textStart[Int(current)], arena.textEnd[Int(current)])
    }
}
