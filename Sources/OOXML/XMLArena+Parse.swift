import CLibXML2
import Foundation

// MARK: - Parsing

extension XMLArena {
    /// Parses `bytes` into an arena with libxml2's SAX2 parser, building no libxml2 tree and no Swift value per
    /// node. Refuses what `XMLReader.parse` refuses, with the same error: a `<!DOCTYPE`, malformed input,
    /// nesting past `maxDepth`. `prefixLists` as for `XMLReader.parse` (values given as namespace URIs).
    ///
    /// Whenever the parse is not plainly clean (an error, a DTD, deep nesting), the part is read again with
    /// `XMLReader`, whose error (or tree) is the answer: the arena reads every part exactly as the tree does.
    /// With a `vocabulary`, the arena's names are coded in it (`XMLArenaElement.nameCode`, `firstChild(coded:)`).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 200, prefixLists: [XMLPrefixListAttribute] = [],
                             vocabulary: XMLVocabulary? = nil) throws -> XMLArena {
        let arena: XMLArena
        if let clean = parseClean(bytes, maxDepth: maxDepth, prefixLists: prefixLists) {
            arena = clean
        } else {
            arena = XMLArena(try XMLReader.parse(bytes, maxDepth: maxDepth, prefixLists: prefixLists))
        }
        guard let vocabulary else { return arena }
        return XMLArena(arena, coded: vocabulary)
    }

    /// The arena of a part that parses cleanly (well-formed, no DTD, nested at most `maxDepth` deep); nil for
    /// any other part, which the caller reads the slow way to learn exactly what is wrong.
    /// Plain parts (all a form's parts, as Word, WPS and LibreOffice write them) are read by `XMLPlainParser`
    /// without libxml2; any other part by libxml2's SAX2 parser, into the same arena.
    static func parseClean(_ bytes: [UInt8], maxDepth: Int, prefixLists: [XMLPrefixListAttribute] = []) -> XMLArena? {
        if bytes.isEmpty || bytes.count > Int(Int32.max) { return nil }
        // The plain reader first: what it accepts has no `<!` anywhere (every `<` it reads opens a start or end
        // tag), so no DTD, and the scan for one is needed only on the way to libxml2.
        if let plain = XMLPlainParser.parse(bytes, maxDepth: maxDepth, prefixLists: prefixLists) { return plain }
        if XMLReader.containsDoctype(bytes) { return nil }
        return ArenaBuilder.build(bytes, maxDepth: maxDepth, prefixLists: prefixLists)
    }

    /// The arena libxml2's SAX2 parser gives (nil when it is not clean), never the plain reader's: for tests
    /// comparing the two.
    static func parseWithLibxml2(_ bytes: [UInt8], maxDepth: Int, prefixLists: [XMLPrefixListAttribute] = []) -> XMLArena? {
        if bytes.isEmpty || bytes.count > Int(Int32.max) || XMLReader.containsDoctype(bytes) { return nil }
        return ArenaBuilder.build(bytes, maxDepth: maxDepth, prefixLists: prefixLists)
    }

    /// The arena of an element tree (for parts read through `XMLReader`, and for tests comparing the two).
    public convenience init(_ root: XMLElement) {
        var names: [Name] = []
        var nameIDs: [String: [String: Int32]] = [:]
        func id(_ namespace: String, _ local: String) -> Int32 {
            if let known = nameIDs[namespace]?[local] { return known }
            let made = Int32(names.count)
            names.append(Name(namespace: namespace, local: local))
            nameIDs[namespace, default: [:]][local] = made
            return made
        }
        var nodeName: [Int32] = [], nodeEnd: [Int32] = [], nodeAttributes: [Int32] = []
        var textStart: [Int32] = [], textEnd: [Int32] = []
        var attributeName: [Int32] = [], valueStart: [Int32] = [], valueEnd: [Int32] = []
        var bytes: [UInt8] = []
        func append(_ e: XMLElement) {
            let me = nodeName.count
            nodeName.append(id(e.namespace, e.name))
            nodeEnd.append(0)
            nodeAttributes.append(Int32(attributeName.count))
            textStart.append(0)
            textEnd.append(0)
            for a in e.attributes {
                attributeName.append(id(a.namespace, a.name))
                valueStart.append(Int32(bytes.count))
                bytes.append(contentsOf: a.value.utf8)
                valueEnd.append(Int32(bytes.count))
            }
            for child in e.children {
                switch child {
                case .element(let c):
                    append(c)
                case .text(let t):
                    nodeName.append(-1)
                    nodeEnd.append(Int32(nodeName.count))
                    nodeAttributes.append(Int32(attributeName.count))
                    textStart.append(Int32(bytes.count))
                    bytes.append(contentsOf: t.utf8)
                    textEnd.append(Int32(bytes.count))
                }
            }
            nodeEnd[me] = Int32(nodeName.count)
        }
        append(root)
        nodeAttributes.append(Int32(attributeName.count))
        self.init(names: names, nodeName: nodeName, nodeEnd: nodeEnd, nodeAttributes: nodeAttributes, textStart: textStart,
                  textEnd: textEnd, attributeName: attributeName, valueStart: valueStart, valueEnd: valueEnd, bytes: bytes)
    }
}

/// Fills the arena's arrays from SAX2 callbacks. Lives for one parse; reached from the callbacks through the
/// parser context's `_private`.
/// Fills the arena's arrays from SAX2 callbacks. Lives for one parse, behind a pointer that the callbacks
/// reach through the parser context's `_private` (a struct behind a pointer, not a class: no exclusivity
/// checks on every append in the hot path).
struct ArenaBuilder {
    var names: [XMLArena.Name] = []
    /// Per name id: whether it names an element (bit 0) or an attribute (bit 1) of some prefix list.
    var prefixRole: [UInt8] = []
    /// Name ids by the addresses of libxml2's interned local name and namespace URI (stable for one parse),
    /// in an open-addressing table (power-of-two size, at most half full).
    var slotLocal: [UnsafeRawPointer?]
    var slotURI: [UnsafeRawPointer?]
    var slotID: [Int32]
    var nodeName: [Int32] = [], nodeEnd: [Int32] = [], nodeAttributes: [Int32] = []
    var textStart: [Int32] = [], textEnd: [Int32] = []
    var attributeName: [Int32] = [], valueStart: [Int32] = [], valueEnd: [Int32] = []
    var bytes: [UInt8] = []
    /// Open elements.
    var open: [Int32] = []
    /// The run of character data being read (adjacent callbacks make one node, as in libxml2's tree), or -1.
    var openText: Int32 = -1
    /// Namespace declarations in scope (prefix, URI), innermost last, and how many each open element added.
    var declarations: [(prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?)] = []
    var declared: [Int] = []
    /// Deepest element met (the root is at depth 0).
    var deepest = 0
    var sawDoctype = false
    let prefixLists: [XMLPrefixListAttribute]

    init(prefixLists: [XMLPrefixListAttribute], sizeHint: Int) {
        self.prefixLists = prefixLists
        // A small part (a style sliced out of the styles part) names a few dozen things at most.
        let slots = sizeHint < 8 << 10 ? 64 : 256
        slotLocal = Array(repeating: nil, count: slots)
        slotURI = Array(repeating: nil, count: slots)
        slotID = Array(repeating: -1, count: slots)
        let nodes = sizeHint / 24
        guard sizeHint >= 4 << 10 else { return }
        nodeName.reserveCapacity(nodes)
        nodeEnd.reserveCapacity(nodes)
        nodeAttributes.reserveCapacity(nodes + 1)
        textStart.reserveCapacity(nodes)
        textEnd.reserveCapacity(nodes)
        attributeName.reserveCapacity(nodes)
        valueStart.reserveCapacity(nodes)
        valueEnd.reserveCapacity(nodes)
        bytes.reserveCapacity(sizeHint / 3)
        open.reserveCapacity(32)
        declarations.reserveCapacity(32)
        declared.reserveCapacity(32)
    }

    /// The arena, or nil when the part must be read by `XMLReader` (malformed, a DTD, nested deeply).
    static func build(_ bytes: [UInt8], maxDepth: Int, prefixLists: [XMLPrefixListAttribute]) -> XMLArena? {
        xmlInitParser()
        guard let context = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(context) }
        guard let sax = context.pointee.sax else { return nil }
        let builder = UnsafeMutablePointer<ArenaBuilder>.allocate(capacity: 1)
        builder.initialize(to: ArenaBuilder(prefixLists: prefixLists, sizeHint: bytes.count))
        defer { builder.deinitialize(count: 1); builder.deallocate() }
        sax.pointee.serror = { userData, _ in
            if let userData { xmlStopParser(userData.assumingMemoryBound(to: xmlParserCtxt.self)) }
        }
        sax.pointee.startElementNs = { ctx, local, _, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            ArenaBuilder.of(ctx)?.pointee.start(local: local, uri: uri, namespaceCount: Int(namespaceCount), namespaces: namespaces,
                                                attributeCount: Int(attributeCount), attributes: attributes)
        }
        sax.pointee.endElementNs = { ctx, _, _, _ in ArenaBuilder.of(ctx)?.pointee.end() }
        sax.pointee.characters = { ctx, chars, length in ArenaBuilder.of(ctx)?.pointee.characters(chars, Int(length)) }
        sax.pointee.ignorableWhitespace = sax.pointee.characters
        sax.pointee.comment = { ctx, _ in ArenaBuilder.of(ctx)?.pointee.openText = -1 }
        sax.pointee.processingInstruction = { ctx, _, _ in ArenaBuilder.of(ctx)?.pointee.openText = -1 }
        sax.pointee.internalSubset = { ctx, _, _, _ in ArenaBuilder.of(ctx)?.pointee.sawDoctype = true }
        sax.pointee.externalSubset = { ctx, _, _, _ in ArenaBuilder.of(ctx)?.pointee.sawDoctype = true }
        sax.pointee.startDocument = nil
        sax.pointee.endDocument = nil
        context.pointee._private = UnsafeMutableRawPointer(builder)
        let options = XMLReader.parseOptions
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: raw.count) {
                xmlCtxtReadMemory(context, $0, Int32(raw.count), "part.xml", nil, options)
            }
        }
        if let doc { xmlFreeDoc(doc) }
        context.pointee._private = nil
        // 250: near libxml2's own depth limit (256), where its tree builder, not the parser, may stop.
        let b = builder.pointee
        guard context.pointee.wellFormed != 0, !b.sawDoctype, b.deepest <= maxDepth, b.deepest < 250,
              !b.nodeName.isEmpty, b.open.isEmpty else { return nil }
        var nodeAttributes = b.nodeAttributes
        nodeAttributes.append(Int32(b.attributeName.count))
        return XMLArena(names: b.names, nodeName: b.nodeName, nodeEnd: b.nodeEnd, nodeAttributes: nodeAttributes,
                        textStart: b.textStart, textEnd: b.textEnd, attributeName: b.attributeName,
                        valueStart: b.valueStart, valueEnd: b.valueEnd, bytes: b.bytes)
    }

    @inline(__always)
    static func of(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ArenaBuilder>? {
        guard let ctx, let me = ctx.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
        return me.assumingMemoryBound(to: ArenaBuilder.self)
    }

    mutating func nameID(_ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) -> Int32 {
        let l = local.map(UnsafeRawPointer.init), u = uri.map(UnsafeRawPointer.init)
        let mask = slotID.count - 1
        var slot = Int(truncatingIfNeeded: (UInt(bitPattern: l) >> 3) &* 0x9E37_79B9 ^ (UInt(bitPattern: u) >> 3)) & mask
        while slotID[slot] >= 0 {
            if slotLocal[slot] == l && slotURI[slot] == u { return slotID[slot] }
            slot = (slot + 1) & mask
        }
        let made = Int32(names.count)
        let name = XMLArena.Name(namespace: uri.map(Self.namespaceString) ?? "", local: local.map { String(cString: $0) } ?? "")
        names.append(name)
        var role: UInt8 = 0
        for p in prefixLists {
            if p.elementNamespace == name.namespace && p.elementName == name.local { role |= 1 }
            if p.attributeNamespace == name.namespace && p.attributeName == name.local { role |= 2 }
        }
        prefixRole.append(role)
        slotLocal[slot] = l
        slotURI[slot] = u
        slotID[slot] = made
        if names.count * 2 > slotID.count { grow() }
        return made
    }

    /// Namespace URIs met in nearly every part, as strings made once (a URI is too long to be a small string, so
    /// each would otherwise be allocated again in every part, and a style sliced out of the styles part is a part).
    static let commonNamespaces: [(bytes: [UInt8], string: String)] = [
        OOXMLNamespace.wordprocessingML, OOXMLNamespace.markupCompatibility, OOXMLNamespace.word2010, OOXMLNamespace.word2012,
        OOXMLNamespace.officeRelationships, OOXMLNamespace.drawingML, OOXMLNamespace.wordprocessingDrawing,
        OOXMLNamespace.wordprocessingShape, OOXMLNamespace.math, OOXMLNamespace.vml, OOXMLNamespace.vmlOffice,
        OOXMLNamespace.wordprocessingMLStrict, "http://www.w3.org/XML/1998/namespace", OOXMLNamespace.packageRelationships,
    ].map { (Array($0.utf8), $0) }

    private static func namespaceString(_ uri: UnsafePointer<xmlChar>) -> String {
        let length = strlen(UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self))
        for known in commonNamespaces where known.bytes.count == length && memcmp(known.bytes, uri, length) == 0 {
            return known.string
        }
        return String(cString: uri)
    }

    /// Doubles the name table.
    private mutating func grow() {
        let oldLocal = slotLocal, oldURI = slotURI, oldID = slotID
        let size = oldID.count * 2
        slotLocal = Array(repeating: nil, count: size)
        slotURI = Array(repeating: nil, count: size)
        slotID = Array(repeating: -1, count: size)
        let mask = size - 1
        for k in oldID.indices where oldID[k] >= 0 {
            var slot = Int(truncatingIfNeeded: (UInt(bitPattern: oldLocal[k]) >> 3) &* 0x9E37_79B9 ^ (UInt(bitPattern: oldURI[k]) >> 3)) & mask
            while slotID[slot] >= 0 { slot = (slot + 1) & mask }
            slotLocal[slot] = oldLocal[k]
            slotURI[slot] = oldURI[k]
            slotID[slot] = oldID[k]
        }
    }

    mutating func start(local: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?, namespaceCount: Int,
                        namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, attributeCount: Int,
                        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        openText = -1
        if open.count > deepest { deepest = open.count }
        if let namespaces {
            for k in 0..<namespaceCount { declarations.append((namespaces[2 * k], namespaces[2 * k + 1])) }
        }
        declared.append(namespaceCount)
        let me = Int32(nodeName.count)
        let name = nameID(local, uri)
        nodeName.append(name)
        nodeEnd.append(0)
        nodeAttributes.append(Int32(attributeName.count))
        textStart.append(0)
        textEnd.append(0)
        if let attributes {
            let elementRole = prefixRole[Int(name)] & 1
            for k in 0..<attributeCount {
                let a = attributes + 5 * k
                let attribute = nameID(a[0], a[2])
                attributeName.append(attribute)
                valueStart.append(Int32(bytes.count))
                if let from = a[3], let to = a[4] {
                    let value = UnsafeBufferPointer(start: from, count: to - from)
                    if elementRole != 0, prefixRole[Int(attribute)] & 2 != 0, isPrefixList(element: name, attribute: attribute) {
                        appendResolved(value)
                    } else {
                        appendValue(value)
                    }
                }
                valueEnd.append(Int32(bytes.count))
            }
        }
        open.append(me)
    }

    mutating func end() {
        openText = -1
        guard let me = open.popLast() else { return }
        nodeEnd[Int(me)] = Int32(nodeName.count)
        if let count = declared.popLast(), count > 0 { declarations.removeLast(min(count, declarations.count)) }
    }

    mutating func characters(_ chars: UnsafePointer<xmlChar>?, _ length: Int) {
        guard let chars, length > 0, !open.isEmpty else { return }
        if openText < 0 {
            openText = Int32(nodeName.count)
            nodeName.append(-1)
            nodeEnd.append(openText + 1)
            nodeAttributes.append(Int32(attributeName.count))
            textStart.append(Int32(bytes.count))
            textEnd.append(0)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(start: chars, count: length))
        textEnd[Int(openText)] = Int32(bytes.count)
    }

    /// An attribute value as libxml2's tree holds it: the SAX2 value, which keeps `&` written as `&#38;`.
    private mutating func appendValue(_ value: UnsafeBufferPointer<UInt8>) {
        guard let base = value.baseAddress, memchr(base, Int32(UInt8(ascii: "&")), value.count) != nil else {
            bytes.append(contentsOf: value)
            return
        }
        let escaped = Array("&#38;".utf8)
        var i = 0
        while i < value.count {
            if value[i] == UInt8(ascii: "&"), i + escaped.count <= value.count,
               (0..<escaped.count).allSatisfy({ value[i + $0] == escaped[$0] }) {
                bytes.append(UInt8(ascii: "&"))
                i += escaped.count
            } else {
                bytes.append(value[i])
                i += 1
            }
        }
    }

    private func isPrefixList(element: Int32, attribute: Int32) -> Bool {
        let e = names[Int(element)], a = names[Int(attribute)]
        return prefixLists.contains {
            $0.elementNamespace == e.namespace && $0.elementName == e.local
                && $0.attributeNamespace == a.namespace && $0.attributeName == a.local
        }
    }

    /// A list of namespace prefixes as the namespace URIs they are bound to here (an unbound prefix as written),
    /// separated by single spaces, as `XMLReader` gives it.
    private mutating func appendResolved(_ value: UnsafeBufferPointer<UInt8>) {
        let saved = bytes.count
        appendValue(value)
        let plain = Array(bytes[saved...])
        bytes.removeLast(bytes.count - saved)
        let words = plain.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        for (n, word) in words.enumerated() {
            if n > 0 { bytes.append(0x20) }
            let prefix = Array(word)
            if let uri = resolve(prefix) {
                bytes.append(contentsOf: uri)
            } else {
                bytes.append(contentsOf: prefix)
            }
        }
    }

    private func resolve(_ prefix: [UInt8]) -> [UInt8]? {
        if prefix == Array("xml".utf8) { return Array("http://www.w3.org/XML/1998/namespace".utf8) }
        for d in declarations.reversed() {
            guard let p = d.prefix else { continue }
            if strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)) == prefix.count,
               (0..<prefix.count).allSatisfy({ p[$0] == prefix[$0] }) {
                guard let uri = d.uri else { return [] }
                return Array(UnsafeBufferPointer(start: uri, count: strlen(UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self))))
            }
        }
        return nil
    }
}
