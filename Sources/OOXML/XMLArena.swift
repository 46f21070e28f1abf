/// A parsed XML part held as a few flat arrays instead of a tree of Swift values: node names as ids into a
/// table of distinct names, subtree ends, attribute and text ranges into one byte buffer. Parsing allocates
/// per array growth, not per node, and strings are made only for what a reader asks for. Built by
/// `XMLArena.parse` (libxml2's SAX2 parser, with `XMLReader`'s safety: no DTD, no entity expansion, no
/// network, no recovery, a depth limit); owns no C memory.
///
/// Nodes are numbered in document order (the root element is node 0); an element's descendants are the
/// nodes from its number + 1 up to its `end`, so its children are found by jumping from one child's end to
/// the next.
public final class XMLArena: Sendable {
    /// A distinct element or attribute name: namespace URI ("" for none) and local name.
    public struct Name: Sendable, Equatable {
        /// Namespace URI, "" when none.
        public let namespace: String
        /// Local name (no prefix).
        public let local: String
    }

    /// Distinct names, by id.
    public let names: [Name]
    /// Per node: its name id, or -1 for character data.
    let nodeName: [Int32]
    /// Per node: the number of the first node after its subtree.
    let nodeEnd: [Int32]
    /// Per node, plus one at the end: its first attribute (its attributes run up to the next node's first).
    let nodeAttributes: [Int32]
    /// Per node: for character data, where its UTF-8 bytes start and end in `bytes`.
    let textStart: [Int32]
    let textEnd: [Int32]
    /// Per attribute: its name id and where its value starts and ends in `bytes`.
    let attributeName: [Int32]
    let valueStart: [Int32]
    let valueEnd: [Int32]
    /// Character data and attribute values, UTF-8.
    let bytes: [UInt8]
    /// The vocabulary the names were coded with, nil when none was given.
    public let vocabulary: XMLVocabulary?
    /// Per name id: its code in `vocabulary` (all 0 without one).
    let nameCodes: [UInt8]

    init(names: [Name], nodeName: [Int32], nodeEnd: [Int32], nodeAttributes: [Int32], textStart: [Int32], textEnd: [Int32],
         attributeName: [Int32], valueStart: [Int32], valueEnd: [Int32], bytes: [UInt8], vocabulary: XMLVocabulary? = nil) {
        self.names = names
        self.vocabulary = vocabulary
        self.nameCodes = names.map { vocabulary?.code(namespace: $0.namespace, local: $0.local) ?? 0 }
        self.nodeName = nodeName
        self.nodeEnd = nodeEnd
        self.nodeAttributes = nodeAttributes
        self.textStart = textStart
        self.textEnd = textEnd
        self.attributeName = attributeName
        self.valueStart = valueStart
        self.valueEnd = valueEnd
        self.bytes = bytes
    }

    /// The same arena with its names coded in `vocabulary` (the arrays are shared, not copied).
    convenience init(_ arena: XMLArena, coded vocabulary: XMLVocabulary) {
        self.init(names: arena.names, nodeName: arena.nodeName, nodeEnd: arena.nodeEnd, nodeAttributes: arena.nodeAttributes,
                  textStart: arena.textStart, textEnd: arena.textEnd, attributeName: arena.attributeName,
                  valueStart: arena.valueStart, valueEnd: arena.valueEnd, bytes: arena.bytes, vocabulary: vocabulary)
    }

    /// Number of nodes (elements and runs of character data).
    public var nodeCount: Int { nodeName.count }

    /// The root element.
    public var root: XMLArenaElement { XMLArenaElement(arena: self, index: 0) }

    /// The text of the bytes `start..<end`.
    @inline(__always)
    func string(_ start: Int32, _ end: Int32) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)]), as: UTF8.self) }
    }
}

/// An element of an `XMLArena`: the arena and the element's node number. Offers what `XMLElement` offers
/// for reading (name, namespace, attributes, child elements, text content) without a Swift value per node.
public struct XMLArenaElement: Sendable {
    /// The arena holding the element.
    public let arena: XMLArena
    /// The element's node number.
    public let index: Int32

    /// Creates a handle on node `index` of `arena` (which must be an element).
    init(arena: XMLArena, index: Int32) {
        self.arena = arena
        self.index = index
    }

    /// The element's name id in `arena.names`.
    public var nameID: Int { Int(arena.nodeName[Int(index)]) }

    /// Local name (no prefix).
    public var name: String { arena.names[nameID].local }

    /// Namespace URI, "" when none.
    public var namespace: String { arena.names[nameID].namespace }

    /// The element's name's code in `arena.vocabulary` (0 when the arena has none).
    public var nameCode: UInt8 { arena.nameCodes[Int(arena.nodeName[Int(index)])] }

    /// Whether the element has no child nodes (`<w:numPr/>`, or `<w:numPr></w:numPr>`).
    public var isEmpty: Bool { arena.nodeEnd[Int(index)] == index + 1 }

    /// The value of the attribute with this local name, in any of `namespaces` (or none), as
    /// `XMLElement.attribute(_:in:)` finds it.
    public func attribute(_ name: String, in namespaces: Set<String>? = nil) -> String? {
        attribute(name) { namespace in namespaces.map { namespace.isEmpty || $0.contains(namespace) } ?? true }
    }

    /// The value of the first attribute with this local name whose namespace passes `namespace` (called with
    /// the attribute's namespace URI, "" for none).
    public func attribute(_ name: String, where namespace: (String) -> Bool) -> String? {
        let a = arena
        let i = Int(index)
        var k = Int(a.nodeAttributes[i])
        let end = Int(a.nodeAttributes[i + 1])
        while k < end {
            let n = a.names[Int(a.attributeName[k])]
            if n.local == name && namespace(n.namespace) { return a.string(a.valueStart[k], a.valueEnd[k]) }
            k += 1
        }
        return nil
    }

    /// Attributes in document order.
    public var attributes: [XMLAttribute] {
        let a = arena
        let i = Int(index)
        return (Int(a.nodeAttributes[i])..<Int(a.nodeAttributes[i + 1])).map { k in
            let n = a.names[Int(a.attributeName[k])]
            return XMLAttribute(namespace: n.namespace, name: n.local, value: a.string(a.valueStart[k], a.valueEnd[k]))
        }
    }

    /// The element and everything below it as an `XMLElement` tree (for tests and for code written for trees).
    public func tree() -> XMLElement {
        let a = arena
        var element = XMLElement(namespace: namespace, name: name, attributes: attributes)
        var i = index + 1
        let end = a.nodeEnd[Int(index)]
        while i < end {
            if a.nodeName[Int(i)] < 0 {
                element.children.append(.text(a.string(a.textStart[Int(i)], a.textEnd[Int(i)])))
            } else {
                element.children.append(.element(XMLArenaElement(arena: a, index: i).tree()))
            }
            i = a.nodeEnd[Int(i)]
        }
        return element
    }

    /// Child elements in order.
    public var elements: XMLArenaChildren { XMLArenaChildren(arena: arena, parent: index) }

    /// The first child element with this local name in this namespace.
    public func child(_ name: String, in namespace: String) -> XMLArenaElement? {
        for e in elements where e.name == name && e.namespace == namespace { return e }
        return nil
    }

    /// The first child element whose name has this code in `arena.vocabulary` (codes 1 and up; nil when the arena
    /// was coded with no vocabulary). Compares numbers only: for the walkers that look for a property element
    /// among an element's children many times a part.
    public func firstChild(coded code: UInt8) -> XMLArenaElement? {
        let a = arena
        return a.nodeName.withUnsafeBufferPointer { names in
            a.nodeEnd.withUnsafeBufferPointer { ends in
                a.nameCodes.withUnsafeBufferPointer { codes -> XMLArenaElement? in
                    var i = Int(index) + 1
                    let end = Int(ends[Int(index)])
                    while i < end {
                        let id = names[i]
                        if id >= 0 && codes[Int(id)] == code { return XMLArenaElement(arena: a, index: Int32(i)) }
                        i = Int(ends[i])
                    }
                    return nil
                }
            }
        }
    }

    /// All character data below this element, concatenated.
    public var textContent: String {
        let a = arena
        var out = ""
        var i = Int(index) + 1
        let end = Int(a.nodeEnd[Int(index)])
        while i < end {
            if a.nodeName[i] < 0 { out += a.string(a.textStart[i], a.textEnd[i]) }
            i += 1
        }
        return out
    }
}

/// The child elements of an arena element, in order (character data skipped).
public struct XMLArenaChildren: Sequence, Sendable {
    let arena: XMLArena
    let parent: Int32

    /// Walks the children.
    public struct Iterator: IteratorProtocol {
        let arena: XMLArena
        var position: Int32
        let end: Int32

        /// The next child element.
        public mutating func next() -> XMLArenaElement? {
            while position < end {
                let i = position
                position = arena.nodeEnd[Int(i)]
                if arena.nodeName[Int(i)] >= 0 { return XMLArenaElement(arena: arena, index: i) }
            }
            return nil
        }
    }

    /// The first child element.
    public var first: XMLArenaElement? {
        var walk = makeIterator()
        return walk.next()
    }

    /// An iterator from the first child.
    public func makeIterator() -> Iterator {
        Iterator(arena: arena, position: parent + 1, end: arena.nodeEnd[Int(parent)])
    }
}
