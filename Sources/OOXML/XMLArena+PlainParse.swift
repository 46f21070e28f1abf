import Foundation

// MARK: - Plain XML, read without libxml2

/// Reads the plain XML that Word, WPS, LibreOffice and python-docx write (UTF-8, elements, attributes, text,
/// the five predefined entities and character references, namespace declarations) straight into an arena, in
/// one pass over the bytes, and gives up (nil) on anything else so that libxml2 reads the part exactly as
/// before: a byte-order mark, an encoding other than UTF-8, a carriage return, a comment, a processing
/// instruction, CDATA, a DTD, a name outside ASCII, an undeclared prefix, a namespace name of unusual shape,
/// an `xml:space` value libxml2 warns about, nesting past the limit, any malformation.
///
/// What it accepts, libxml2 accepts with no error or warning, and the arena is the one `ArenaBuilder` makes
/// from libxml2's SAX2 events, array for array (`XMLPlainParserTests` compares them on tricky parts and on
/// thousands of damaged ones). libxml2 spends most of a form's reading on its general machinery (input
/// buffers, dictionaries, URI parsing of every namespace declaration, per-element callbacks); the forms'
/// parts need none of it.
enum XMLPlainParser {
    /// The arena of `bytes`, or nil when the part is not plain (libxml2 must read it).
    static func parse(_ bytes: [UInt8], maxDepth: Int, prefixLists: [XMLPrefixListAttribute]) -> XMLArena? {
        // Far below libxml2's own limits on names, text and dictionary (10 MB without XML_PARSE_HUGE).
        guard !bytes.isEmpty, bytes.count < 8 << 20 else { return nil }
        return bytes.withUnsafeBufferPointer { raw -> XMLArena? in
            guard let base = raw.baseAddress else { return nil }
            var parser = PlainParser(base: base, count: raw.count, maxDepth: min(maxDepth, 249), prefixLists: prefixLists)
            defer { parser.free() }
            return parser.run()
        }
    }
}

private let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
private let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

/// One parse. Reads `base[0..<end]` through unchecked pointer reads, every one guarded by a position check.
private struct PlainParser {
    let base: UnsafePointer<UInt8>
    let end: Int
    var pos = 0
    /// `byteClasses`, read once per parse rather than through the global's accessor per byte.
    let classes: UnsafePointer<UInt8>
    /// Deepest nesting accepted (the root is at depth 0), as `ArenaBuilder` requires.
    let maxDepth: Int
    let prefixLists: [XMLPrefixListAttribute]
    /// Per prefix list: the UTF-8 bytes of its element's and its attribute's local names.
    let prefixListLocals: [(element: [UInt8], attribute: [UInt8])]

    // The arena's arrays, filled as `ArenaBuilder` fills them.
    var names: [XMLArena.Name] = []
    var prefixRole: [UInt8] = []
    /// Per name id: its namespace URI's index (-1: none) and where its local name first occurs in the input.
    var nameURI: [Int32] = [], nameLocalStart: [Int32] = [], nameLocalLength: [Int32] = []
    /// Per name id: the hash of its namespace and local name; and the ids by that hash (open addressing, -1 free,
    /// at most half full).
    var nameHash: [UInt32] = []
    var nameTable: [Int32]
    var nameTableMask: Int
    // (Columns, not arrays: an append is a store and an increment, without a uniqueness check.)
    var nodeName: Column<Int32>, nodeEnd: Column<Int32>, nodeAttributes: Column<Int32>
    var textStart: Column<Int32>, textEnd: Column<Int32>
    var attributeName: Column<Int32>, valueStart: Column<Int32>, valueEnd: Column<Int32>
    var bytes: Column<UInt8>

    /// Namespace URIs by index (0 is the `xml` prefix's).
    var uris: [String] = [xmlNamespace]
    /// Per URI after the first: where it was declared in the input, and its length in bytes.
    var uriStart: [Int32] = [0], uriLength: [Int32] = [0]
    /// Declarations in scope, innermost last: the prefix's bytes in the input (length 0: the default namespace)
    /// and the URI's index.
    var scopePrefixStart: [Int32] = [], scopePrefixLength: [Int32] = [], scopeURI: [Int32] = []
    /// Changes whenever a declaration comes into or goes out of scope (cached names are valid for one value).
    var generation: Int32 = 0

    /// Open elements: node, qualified name in the input, declarations they made.
    var openNode = Column<Int32>(capacity: 32), openNameStart = Column<Int32>(capacity: 32)
    var openNameLength = Column<Int32>(capacity: 32), openDeclared = Column<Int32>(capacity: 32)

    /// Qualified names already resolved, by their bytes (open addressing; a slot is free when its length is 0).
    let slots: UnsafeMutablePointer<Slot>
    let slotCount: Int
    let slotMask: Int
    var slotsUsed = 0

    /// The attributes of the start tag being read (the first `attributeCount`; the array only grows).
    var attributes = Column<Attribute>(capacity: 16)
    var attributeCount = 0

    struct Slot {
        var hash: UInt32 = 0
        var length: Int32 = 0
        var start: Int32 = 0
        var generation: Int32 = -1
        var id: Int32 = 0
    }

    /// A qualified name in the input: where, how long, a hash of it, and the length of its prefix (-1: none).
    struct QName {
        var start: Int
        var length: Int
        var hash: UInt32
        var colon: Int
    }

    /// A value's range in the input, and whether it is plain (copied as it is).
    struct Value {
        var start: Int
        var end: Int
        var plain: Bool
    }

    struct Attribute {
        var name: QName
        var value: Value
        /// `xmlns` or `xmlns:…`.
        var isDeclaration: Bool
    }

    init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int, prefixLists: [XMLPrefixListAttribute]) {
        self.base = base
        self.end = count
        self.classes = byteClasses
        self.maxDepth = maxDepth
        self.prefixLists = prefixLists
        prefixListLocals = prefixLists.map { (Array($0.elementName.utf8), Array($0.attributeName.utf8)) }
        // A part names at most a few hundred things; a rels part a handful.
        let size = count < 2 << 10 ? 64 : count < 16 << 10 ? 256 : 1024
        slots = UnsafeMutablePointer<Slot>.allocate(capacity: size)
        slots.initialize(repeating: Slot(), count: size)
        slotCount = size
        slotMask = size - 1
        // Names: a handful in a rels part, 50–150 in a document part (growing these one by one cost more than
        // resolving the names).
        let nameCapacity = count < 2 << 10 ? 8 : 64
        names.reserveCapacity(nameCapacity)
        prefixRole.reserveCapacity(nameCapacity)
        nameURI.reserveCapacity(nameCapacity)
        nameLocalStart.reserveCapacity(nameCapacity)
        nameLocalLength.reserveCapacity(nameCapacity)
        nameHash.reserveCapacity(nameCapacity)
        nameTable = [Int32](repeating: -1, count: nameCapacity * 4)
        nameTableMask = nameCapacity * 4 - 1
        uris.reserveCapacity(count < 2 << 10 ? 4 : 40)
        uriStart.reserveCapacity(count < 2 << 10 ? 4 : 40)
        uriLength.reserveCapacity(count < 2 << 10 ? 4 : 40)
        // About one node per 24 bytes of a form's document part, an attribute per 16, a third of it values and text.
        let nodes = count / 24 + 16
        nodeName = Column(capacity: nodes)
        nodeEnd = Column(capacity: nodes)
        nodeAttributes = Column(capacity: nodes + 1)
        textStart = Column(capacity: nodes)
        textEnd = Column(capacity: nodes)
        attributeName = Column(capacity: count / 16 + 16)
        valueStart = Column(capacity: count / 16 + 16)
        valueEnd = Column(capacity: count / 16 + 16)
        bytes = Column(capacity: count / 3 + 64)
    }

    // MARK: - Document

    mutating func run() -> XMLArena? {
        if startsWith("<?xml") {
            guard declaration() else { return nil }
        }
        skipSpace()
        guard pos + 1 < end, base[pos] == ascii("<"), isNameStart(base[pos + 1]) else { return nil }
        while true {
            guard pos < end else { return nil }  // the root is still open
            if base[pos] == ascii("<") {
                guard pos + 1 < end else { return nil }
                let next = base[pos + 1]
                if next == ascii("/") {
                    guard endTag() else { return nil }
                } else if isNameStart(next) {
                    guard startTag() else { return nil }
                } else {
                    return nil  // comment, processing instruction, CDATA, DTD, or malformed
                }
                if openNode.isEmpty { break }
            } else {
                guard text() else { return nil }
            }
        }
        skipSpace()
        guard pos == end, !nodeName.isEmpty else { return nil }
        nodeAttributes.append(Int32(attributeName.count))
        return XMLArena(names: names, nodeName: nodeName.array, nodeEnd: nodeEnd.array, nodeAttributes: nodeAttributes.array,
                        textStart: textStart.array, textEnd: textEnd.array, attributeName: attributeName.array,
                        valueStart: valueStart.array, valueEnd: valueEnd.array, bytes: bytes.array)
    }

    /// Frees the columns and the name cache.
    mutating func free() {
        for column in [nodeName, nodeEnd, nodeAttributes, textStart, textEnd, attributeName, valueStart, valueEnd,
                       openNode, openNameStart, openNameLength, openDeclared] { column.free() }
        bytes.free()
        attributes.free()
        slots.deallocate()
    }

    /// `<?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"]?>` and nothing else.
    mutating func declaration() -> Bool {
        pos += 5
        guard skipSpace(), word("version"), equals(), let version = quoted(), same(version, "1.0") else { return false }
        var spaced = skipSpace()
        if spaced, word("encoding") {
            guard equals(), let encoding = quoted(), same(encoding, "UTF-8") || same(encoding, "utf-8") else { return false }
            spaced = skipSpace()
        }
        if spaced, word("standalone") {
            guard equals(), let standalone = quoted(), same(standalone, "yes") || same(standalone, "no") else { return false }
            skipSpace()
        }
        guard pos + 1 < end, base[pos] == ascii("?"), base[pos + 1] == ascii(">") else { return false }
        pos += 2
        return true
    }

    // MARK: - Tags

    mutating func startTag() -> Bool {
        pos += 1
        guard let name = qualifiedName() else { return false }
        attributeCount = 0
        var empty = false
        var declarations = 0
        while true {
            let spaced = skipSpace()
            guard pos < end else { return false }
            let c = base[pos]
            if c == ascii(">") { pos += 1; break }
            if c == ascii("/") {
                guard pos + 1 < end, base[pos + 1] == ascii(">") else { return false }
                pos += 2
                empty = true
                break
            }
            guard spaced, let attribute = qualifiedName(), equals(), let value = attributeValueRange() else { return false }
            let isDeclaration = attribute.colon < 0 ? attribute.length == 5 && matches(attribute.start, "xmlns")
                : attribute.colon == 5 && matches(attribute.start, "xmlns")
            if isDeclaration { declarations += 1 }
            let entry = Attribute(name: attribute, value: value, isDeclaration: isDeclaration)
            if attributeCount < attributes.count { attributes[attributeCount] = entry } else { attributes.append(entry) }
            attributeCount += 1
        }
        // Namespace declarations first: they apply to the element's own name and attributes.
        var declared: Int32 = 0
        if declarations > 0 {
            for k in 0..<attributeCount where attributes[k].isDeclaration {
                let a = attributes[k].name
                let value = attributes[k].value
                guard value.plain, isPlainNamespaceName(value.start, value.end) else { return false }
                let isDefault = a.colon < 0
                let prefixStart = isDefault ? a.start : a.start + 6
                let prefixLength = isDefault ? 0 : a.length - 6
                if !isDefault && ((prefixLength == 3 && matches(prefixStart, "xml")) || (prefixLength == 5 && matches(prefixStart, "xmlns"))) {
                    return false
                }
                // The same prefix twice on one element is an error.
                let first = scopeURI.count - Int(declared)
                for d in first..<scopeURI.count where Int(scopePrefixLength[d]) == prefixLength
                    && (prefixLength == 0 || memcmp(base + Int(scopePrefixStart[d]), base + prefixStart, prefixLength) == 0) {
                    return false
                }
                scopePrefixStart.append(Int32(prefixStart))
                scopePrefixLength.append(Int32(prefixLength))
                scopeURI.append(internURI(value.start, value.end))
                declared += 1
            }
            generation &+= 1
        }
        if openNode.count > maxDepth { return false }
        guard let element = nameID(name, attribute: false) else { return false }
        let me = Int32(nodeName.count)
        nodeName.append(element)
        nodeEnd.append(0)
        let firstAttribute = attributeName.count
        nodeAttributes.append(Int32(firstAttribute))
        textStart.append(0)
        textEnd.append(0)
        let elementRole = prefixRole[Int(element)] & 1
        for k in 0..<attributeCount {
            let a = attributes[k]
            if a.isDeclaration { continue }
            guard let attribute = nameID(a.name, attribute: true) else { return false }
            let value = a.value
            if a.name.colon == 3 && a.name.length == 9 && matches(a.name.start, "xml:space") {
                // libxml2 warns about any other value (and a warning stops the parse).
                let length = value.end - value.start
                guard value.plain, length == 7 && matches(value.start, "default") || length == 8 && matches(value.start, "preserve") else {
                    return false
                }
            }
            var earlier = firstAttribute
            while earlier < attributeName.count {
                if attributeName[earlier] == attribute { return false }
                earlier += 1
            }
            attributeName.append(attribute)
            valueStart.append(Int32(bytes.count))
            if elementRole != 0, prefixRole[Int(attribute)] & 2 != 0, isPrefixList(element: element, attribute: attribute) {
                guard appendResolved(value) else { return false }
            } else if value.plain {
                flush(value.start, value.end)
            } else {
                guard appendDecoded(value.start, value.end, attribute: true) else { return false }
            }
            valueEnd.append(Int32(bytes.count))
        }
        if empty {
            nodeEnd[Int(me)] = me + 1
            closeScope(declared)
        } else {
            openNode.append(me)
            openNameStart.append(Int32(name.start))
            openNameLength.append(Int32(name.length))
            openDeclared.append(declared)
        }
        return true
    }

    mutating func endTag() -> Bool {
        pos += 2
        guard let top = openNode.last, let start = openNameStart.last, let length = openNameLength.last else { return false }
        let n = Int(length)
        // An end tag nearly always repeats its start tag's name byte for byte: compared in place, with the byte
        // after it one `qualifiedName` would end the name at (that name was read by `qualifiedName`, so the same
        // bytes are a name of the same length). Anything else is read as before, and refused as before. (Reading
        // each end tag's name cost ~130 instructions, a fifth of a form's names.)
        if pos + n < end, memcmp(base + Int(start), base + pos, n) == 0,
           base[pos + n] == ascii(">") || base[pos + n] == 0x20 || base[pos + n] == 0x0A || base[pos + n] == 0x09 {
            pos += n
        } else {
            guard let name = qualifiedName(), Int(length) == name.length,
                  memcmp(base + Int(start), base + name.start, name.length) == 0 else { return false }
        }
        skipSpace()
        guard pos < end, base[pos] == ascii(">") else { return false }
        pos += 1
        nodeEnd[Int(top)] = Int32(nodeName.count)
        openNode.removeLast()
        openNameStart.removeLast()
        openNameLength.removeLast()
        closeScope(openDeclared.removeLast())
        return true
    }

    mutating func closeScope(_ declared: Int32) {
        guard declared > 0 else { return }
        let n = Int(declared)
        scopePrefixStart.removeLast(n)
        scopePrefixLength.removeLast(n)
        scopeURI.removeLast(n)
        generation &+= 1
    }

    // MARK: - Text

    /// Character data up to the next `<`, one text node (as libxml2's callbacks, joined, give it).
    mutating func text() -> Bool {
        guard !openNode.isEmpty, let found = memchr(base + pos, Int32(ascii("<")), end - pos) else { return false }
        let stop = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        let me = Int32(nodeName.count)
        nodeName.append(-1)
        nodeEnd.append(me + 1)
        nodeAttributes.append(Int32(attributeName.count))
        textStart.append(Int32(bytes.count))
        textEnd.append(0)
        guard appendDecoded(pos, stop, attribute: false) else { return false }
        textEnd[Int(me)] = Int32(bytes.count)
        pos = stop
        return true
    }

    /// Appends the text of `start..<stop` with references replaced; for an attribute value, tabs and line feeds
    /// written as such become spaces. False on anything libxml2 refuses (or that this reader leaves to it).
    mutating func appendDecoded(_ start: Int, _ stop: Int, attribute: Bool) -> Bool {
        var i = start
        var run = start
        while i < stop {
            let b = base[i]
            if b >= 0x20 && b < 0x80 {
                if b == ascii("&") {
                    flush(run, i)
                    guard let after = reference(at: i, stop: stop) else { return false }
                    i = after
                    run = i
                } else if b == ascii("]") && !attribute && i + 2 < end && base[i + 1] == ascii("]") && base[i + 2] == ascii(">") {
                    return false
                } else if b == ascii("<") {
                    return false
                } else {
                    i += 1
                }
            } else if b >= 0x80 {
                guard let n = utf8Length(at: i, stop: stop) else { return false }
                i += n
            } else if b == 0x09 || b == 0x0A {
                if attribute {
                    flush(run, i)
                    bytes.append(0x20)
                    run = i + 1
                }
                i += 1
            } else {
                return false
            }
        }
        flush(run, stop)
        return true
    }

    @inline(__always)
    mutating func flush(_ from: Int, _ to: Int) {
        if to > from { bytes.append(contentsOf: UnsafeBufferPointer(start: base + from, count: to - from)) }
    }

    /// A reference at `i` (`&amp;`, `&#20013;`, `&#x4E2D;` …): appends its character, returns the position after it.
    mutating func reference(at i: Int, stop: Int) -> Int? {
        var j = i + 1
        guard j < stop else { return nil }
        if base[j] == ascii("#") {
            j += 1
            var value = 0
            var digits = 0
            let hex = j < stop && base[j] == ascii("x")
            if hex { j += 1 }
            while j < stop, base[j] != ascii(";") {
                let c = base[j]
                let d: Int
                switch c {
                case ascii("0")...ascii("9"): d = Int(c - ascii("0"))
                case ascii("a")...ascii("f") where hex: d = Int(c - ascii("a")) + 10
                case ascii("A")...ascii("F") where hex: d = Int(c - ascii("A")) + 10
                default: return nil
                }
                value = value * (hex ? 16 : 10) + d
                digits += 1
                if digits > 8 { return nil }
                j += 1
            }
            guard j < stop, digits > 0, isXMLChar(value) else { return nil }
            appendUTF8(value)
            return j + 1
        }
        let entities: [(String, UInt8)] = [("lt;", ascii("<")), ("gt;", ascii(">")), ("amp;", ascii("&")), ("quot;", ascii("\"")), ("apos;", ascii("'"))]
        for (name, character) in entities where j + name.utf8.count <= stop && matches(j, name) {
            bytes.append(character)
            return j + name.utf8.count
        }
        return nil
    }

    /// Appends a character (a valid scalar value) as UTF-8.
    mutating func appendUTF8(_ v: Int) {
        switch v {
        case ..<0x80:
            bytes.append(UInt8(v))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | v >> 6))
            bytes.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | v >> 12))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | v >> 18))
            bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence at `i` (ending before `stop`) encoding an XML character.
    func utf8Length(at i: Int, stop: Int) -> Int? {
        let b0 = base[i]
        let n: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: n = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: n = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: n = 4; value = UInt32(b0 & 0x07)
        default: return nil
        }
        guard i + n <= stop else { return nil }
        for k in 1..<n {
            let b = base[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        switch n {
        case 3: guard value >= 0x800, !(0xD800...0xDFFF).contains(value), value != 0xFFFE, value != 0xFFFF else { return nil }
        case 4: guard value >= 0x10000, value <= 0x10FFFF else { return nil }
        default: break
        }
        return n
    }

    func isXMLChar(_ v: Int) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
    }

    // MARK: - Names

    /// A qualified name at `pos` (ASCII only, at most one colon, neither end a colon) and what follows it
    /// markup; nil for anything else. (Inlined: called for every element and attribute name, its call and
    /// its result passed through memory were a third of its ~140 instructions.)
    @inline(__always)
    mutating func qualifiedName() -> QName? {
        let b = base, e = end, classes = classes
        let start = pos
        var p = start
        guard p < e, classes[Int(b[p])] & ByteClass.nameStart != 0 else { return nil }
        p += 1
        while p < e, classes[Int(b[p])] & ByteClass.nameChar != 0 { p += 1 }
        var colon = -1
        if p < e, b[p] == ascii(":") {
            colon = p - start
            p += 1
            guard p < e, classes[Int(b[p])] & ByteClass.nameStart != 0 else { return nil }
            p += 1
            while p < e, classes[Int(b[p])] & ByteClass.nameChar != 0 { p += 1 }
        }
        let length = p - start
        // What follows a name is markup (or a non-ASCII name character, which this reader leaves to libxml2).
        guard length <= 1000, p < e else { return nil }
        let c = b[p]
        guard c == 0x20 || c == ascii(">") || c == ascii("=") || c == ascii("/") || c == 0x0A || c == 0x09 else { return nil }
        pos = p
        // A few bytes are enough to spread the names of a part (equal hashes are told apart by their bytes).
        var hash = UInt32(truncatingIfNeeded: length) &* 0x9E37_79B1
        hash = (hash ^ UInt32(b[p - 1])) &* 0x0100_0193
        hash = (hash ^ UInt32(b[start + length / 2])) &* 0x0100_0193
        hash = (hash ^ UInt32(b[start + (colon + 1 + length) / 2])) &* 0x0100_0193
        hash = (hash ^ UInt32(b[start + colon + 1])) &* 0x0100_0193
        return QName(start: start, length: length, hash: hash, colon: colon)
    }

    /// The arena's id of an element's or attribute's name, resolved through the declarations in scope (cached
    /// by the name's bytes while they stay the same); nil for an undeclared prefix.
    mutating func nameID(_ q: QName, attribute: Bool) -> Int32? {
        let hash = attribute ? q.hash ^ 0x5BD1_E995 : q.hash
        var slot = Int(hash) & slotMask
        while true {
            let s = slots[slot]
            if s.length == 0 { break }
            if s.hash == hash && Int(s.length) == q.length && memcmp(base + Int(s.start), base + q.start, q.length) == 0 {
                if s.generation == generation { return s.id }
                break
            }
            slot = (slot + 1) & slotMask
        }
        guard let id = resolve(q, attribute: attribute) else { return nil }
        if slots[slot].length == 0 {
            if slotsUsed * 2 >= slotCount { return id }  // full enough: resolve such names every time
            slotsUsed += 1
        }
        slots[slot] = Slot(hash: hash, length: Int32(q.length), start: Int32(q.start), generation: generation, id: id)
        return id
    }

    /// `nameID` without the cache: the prefix looked up, the (namespace, local name) pair found among the names
    /// met, or added.
    mutating func resolve(_ q: QName, attribute: Bool) -> Int32? {
        var uri: Int32 = -1
        let localStart: Int
        if q.colon >= 0 {
            let prefixLength = q.colon
            localStart = q.start + prefixLength + 1
            if prefixLength == 3 && matches(q.start, "xml") {
                uri = 0
            } else {
                var d = scopeURI.count - 1
                while d >= 0 {
                    if Int(scopePrefixLength[d]) == prefixLength && memcmp(base + Int(scopePrefixStart[d]), base + q.start, prefixLength) == 0 {
                        uri = scopeURI[d]
                        break
                    }
                    d -= 1
                }
                if uri < 0 { return nil }
            }
        } else {
            localStart = q.start
            if !attribute {
                var d = scopeURI.count - 1
                while d >= 0 {
                    if scopePrefixLength[d] == 0 { uri = scopeURI[d]; break }
                    d -= 1
                }
            }
        }
        let localLength = q.start + q.length - localStart
        // The names met, by (namespace, local name), in an open-addressing table (a scan of every name met cost
        // ~370 instructions a call, once per qualified name, attribute and element apart, and per scope change).
        var hash = UInt32(bitPattern: uri) &* 0x9E37_79B1
        for k in 0..<localLength { hash = (hash ^ UInt32(base[localStart + k])) &* 0x0100_0193 }
        var slot = Int(hash) & nameTableMask
        while true {
            let k = Int(nameTable[slot])
            if k < 0 { break }
            if nameHash[k] == hash && nameURI[k] == uri && Int(nameLocalLength[k]) == localLength
                && memcmp(base + Int(nameLocalStart[k]), base + localStart, localLength) == 0 {
                return Int32(k)
            }
            slot = (slot + 1) & nameTableMask
        }
        let id = Int32(names.count)
        nameTable[slot] = id
        nameHash.append(hash)
        if (names.count + 1) * 2 > nameTable.count { growNameTable() }
        let local = String(decoding: UnsafeBufferPointer(start: base + localStart, count: localLength), as: UTF8.self)
        let name = XMLArena.Name(namespace: uri < 0 ? "" : uris[Int(uri)], local: local)
        names.append(name)
        nameURI.append(uri)
        nameLocalStart.append(Int32(localStart))
        nameLocalLength.append(Int32(localLength))
        var role: UInt8 = 0
        // Local names compared on their bytes first: comparing two strings of different names cost ~80
        // instructions, and most names are in no list.
        for (k, p) in prefixLists.enumerated() {
            let locals = prefixListLocals[k]
            if locals.element.count == localLength && memcmp(locals.element, base + localStart, localLength) == 0
                && p.elementNamespace == name.namespace { role |= 1 }
            if locals.attribute.count == localLength && memcmp(locals.attribute, base + localStart, localLength) == 0
                && p.attributeNamespace == name.namespace { role |= 2 }
        }
        prefixRole.append(role)
        return id
    }

    /// Doubles the table of names (the ids placed again by their hashes).
    mutating func growNameTable() {
        let size = nameTable.count * 2
        nameTable = [Int32](repeating: -1, count: size)
        nameTableMask = size - 1
        for k in 0..<nameHash.count {
            var slot = Int(nameHash[k]) & nameTableMask
            while nameTable[slot] >= 0 { slot = (slot + 1) & nameTableMask }
            nameTable[slot] = Int32(k)
        }
    }

    mutating func internURI(_ start: Int, _ stop: Int) -> Int32 {
        let length = stop - start
        // From 1: the `xml` namespace (0) is never declared (`isPlainNamespaceName` refuses its URI).
        var k = 1
        while k < uris.count {
            if Int(uriLength[k]) == length && memcmp(base + Int(uriStart[k]), base + start, length) == 0 { return Int32(k) }
            k += 1
        }
        // The common URIs as the strings `ArenaBuilder` uses: the readers compare names' namespaces with these
        // constants, and equal strings sharing storage compare at once. (A string is made only for the others:
        // making one for each of a document root's ~30 declarations first cost ~350 instructions each.)
        var made: String?
        for known in ArenaBuilder.commonNamespaces where known.bytes.count == length && memcmp(known.bytes, base + start, length) == 0 {
            made = known.string
            break
        }
        uris.append(made ?? String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self))
        uriStart.append(Int32(start))
        uriLength.append(Int32(length))
        return Int32(uris.count - 1)
    }

    /// A namespace name libxml2 parses as an absolute URI without complaint: `scheme:` then, for `//`, a host of
    /// letters, digits, dots and hyphens, and a path of letters, digits and `-._~:/`. Not the XML or XMLNS
    /// namespace (which only their own prefixes may bind).
    func isPlainNamespaceName(_ start: Int, _ stop: Int) -> Bool {
        let classes = classes
        guard stop > start, isLetter(base[start]) else { return false }
        var i = start + 1
        while i < stop, classes[Int(base[i])] & ByteClass.uriScheme != 0 { i += 1 }
        guard i < stop, base[i] == ascii(":"), i + 1 < stop else { return false }
        i += 1
        if i + 1 < stop, base[i] == ascii("/"), base[i + 1] == ascii("/") {
            i += 2
            let host = i
            while i < stop, classes[Int(base[i])] & ByteClass.uriHost != 0 { i += 1 }
            guard i > host, i == stop || base[i] == ascii("/") else { return false }
        }
        while i < stop {
            guard classes[Int(base[i])] & ByteClass.uriPath != 0 else { return false }
            i += 1
        }
        let length = stop - start
        if length == xmlNamespace.utf8.count && matches(start, xmlNamespace) { return false }
        if length == xmlnsNamespace.utf8.count && matches(start, xmlnsNamespace) { return false }
        return true
    }

    // MARK: - Attribute values

    /// A quoted attribute value at `pos`: its range, and whether it is plain (no reference, no tab or line feed:
    /// copied as it is). Checks every byte.
    mutating func attributeValueRange() -> Value? {
        guard pos < end else { return nil }
        let quote = base[pos]
        guard quote == ascii("\"") || quote == ascii("'") else { return nil }
        let start = pos + 1
        guard let found = memchr(base + start, Int32(quote), end - start) else { return nil }
        let stop = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        var plain = true
        var i = start
        let classes = classes
        while i < stop {
            let b = base[i]
            if classes[Int(b)] & ByteClass.plainValue != 0 {
                i += 1
            } else if b >= 0x20 && b < 0x80 {
                if b == ascii("<") { return nil }
                if b == ascii("&") { plain = false }
                i += 1
            } else if b >= 0x80 {
                guard let n = utf8Length(at: i, stop: stop) else { return nil }
                i += n
            } else if b == 0x09 || b == 0x0A {
                plain = false
                i += 1
            } else {
                return nil
            }
        }
        pos = stop + 1
        return Value(start: start, end: stop, plain: plain)
    }

    func isPrefixList(element: Int32, attribute: Int32) -> Bool {
        let e = names[Int(element)], a = names[Int(attribute)]
        return prefixLists.contains {
            $0.elementNamespace == e.namespace && $0.elementName == e.local
                && $0.attributeNamespace == a.namespace && $0.attributeName == a.local
        }
    }

    /// A list of namespace prefixes as the URIs they are bound to here (an unbound prefix as written), single
    /// spaces between, as `ArenaBuilder` gives it.
    mutating func appendResolved(_ value: Value) -> Bool {
        let saved = bytes.count
        guard appendDecoded(value.start, value.end, attribute: true) else { return false }
        let plain = Array(UnsafeBufferPointer(start: bytes.base + saved, count: bytes.count - saved))
        bytes.removeLast(bytes.count - saved)
        let words = plain.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        for (n, word) in words.enumerated() {
            if n > 0 { bytes.append(0x20) }
            if word.elementsEqual("xml".utf8) {
                bytes.append(contentsOf: xmlNamespace.utf8)
                continue
            }
            var bound: Int32 = -1
            var d = scopeURI.count - 1
            while d >= 0 {
                let length = Int(scopePrefixLength[d])
                if length > 0, length == word.count,
                   word.elementsEqual(UnsafeBufferPointer(start: base + Int(scopePrefixStart[d]), count: length)) {
                    bound = scopeURI[d]
                    break
                }
                d -= 1
            }
            if bound >= 0 { bytes.append(contentsOf: uris[Int(bound)].utf8) } else { bytes.append(contentsOf: word) }
        }
        return true
    }

    // MARK: - Small scanners

    /// Skips spaces, tabs and line feeds; whether there were any.
    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = pos
        while pos < end, base[pos] == 0x20 || base[pos] == 0x0A || base[pos] == 0x09 { pos += 1 }
        return pos > start
    }

    /// `=` with optional spaces around it.
    mutating func equals() -> Bool {
        skipSpace()
        guard pos < end, base[pos] == ascii("=") else { return false }
        pos += 1
        skipSpace()
        return true
    }

    /// A quoted value of the XML declaration (no references, ASCII).
    mutating func quoted() -> (start: Int, end: Int)? {
        guard pos < end, base[pos] == ascii("\"") || base[pos] == ascii("'") else { return nil }
        let quote = base[pos]
        let start = pos + 1
        var i = start
        while i < end, base[i] != quote {
            guard base[i] > 0x20, base[i] < 0x80, base[i] != ascii("&"), base[i] != ascii("<") else { return nil }
            i += 1
        }
        guard i < end else { return nil }
        pos = i + 1
        return (start, i)
    }

    mutating func word(_ w: String) -> Bool {
        guard startsWith(w) else { return false }
        pos += w.utf8.count
        return true
    }

    func same(_ range: (start: Int, end: Int), _ s: String) -> Bool {
        range.end - range.start == s.utf8.count && matches(range.start, s)
    }

    func startsWith(_ s: String) -> Bool { pos + s.utf8.count <= end && matches(pos, s) }

    /// Whether the input at `i` holds `s` (the caller has checked there are enough bytes).
    func matches(_ i: Int, _ s: String) -> Bool {
        var k = i
        for c in s.utf8 {
            if k >= end || base[k] != c { return false }
            k += 1
        }
        return true
    }
}

@inline(__always) private func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(ascii: c) }
@inline(__always) private func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
@inline(__always) private func isNameStart(_ c: UInt8) -> Bool { isLetter(c) || c == 0x5F }
@inline(__always) private func isNameChar(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == 0x5F || c == 0x2D || c == 0x2E }

/// Bits of `byteClasses`.
private enum ByteClass {
    /// `isNameStart`.
    static let nameStart: UInt8 = 1
    /// `isNameChar`.
    static let nameChar: UInt8 = 2
    /// A byte an attribute value copies as it is: printable ASCII but `<` and `&`.
    static let plainValue: UInt8 = 4
    /// A letter, digit, `+`, `-` or `.` (after the first letter of a URI's scheme).
    static let uriScheme: UInt8 = 8
    /// A letter, digit, `.` or `-` (a URI's host).
    static let uriHost: UInt8 = 16
    /// A letter, digit or one of `-._~:/` (a URI's path).
    static let uriPath: UInt8 = 32
}

/// Per byte value, its `ByteClass` bits: one table read instead of several comparisons for every byte of a
/// name or attribute value. Made once; never freed (256 bytes).
nonisolated(unsafe) private let byteClasses: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    for value in 0..<256 {
        let c = UInt8(value)
        var bits: UInt8 = 0
        if isNameStart(c) { bits |= ByteClass.nameStart }
        if isNameChar(c) { bits |= ByteClass.nameChar }
        if c >= 0x20 && c < 0x80 && c != ascii("<") && c != ascii("&") { bits |= ByteClass.plainValue }
        let alphanumeric = isLetter(c) || isDigit(c)
        if alphanumeric || c == ascii("+") || c == ascii("-") || c == ascii(".") { bits |= ByteClass.uriScheme }
        if alphanumeric || c == ascii(".") || c == ascii("-") { bits |= ByteClass.uriHost }
        if alphanumeric || c == ascii("-") || c == ascii(".") || c == ascii("_") || c == ascii("~") || c == ascii(":") || c == ascii("/") {
            bits |= ByteClass.uriPath
        }
        table[value] = bits
    }
    return UnsafePointer(table)
}()

/// A growable column of trivial values (ids, offsets, bytes) in memory the parser owns and frees: an append
/// is a store and an increment.
private struct Column<T> {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = UnsafeMutablePointer<T>.allocate(capacity: self.capacity)
    }

    var isEmpty: Bool { count == 0 }
    var last: T? { count > 0 ? base[count - 1] : nil }
    var array: [T] { Array(UnsafeBufferPointer(start: base, count: count)) }

    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    mutating func append(_ value: T) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    mutating func append(contentsOf values: UnsafeBufferPointer<T>) {
        guard let from = values.baseAddress else { return }
        if count + values.count > capacity { grow(to: count + values.count) }
        (base + count).initialize(from: from, count: values.count)
        count += values.count
    }

    mutating func append<S: Sequence>(contentsOf values: S) where S.Element == T {
        for v in values { append(v) }
    }

    @discardableResult
    mutating func removeLast() -> T {
        count -= 1
        return base[count]
    }

    mutating func removeLast(_ n: Int) { count -= n }

    private mutating func grow(to needed: Int) {
        let bigger = max(capacity * 2, needed)
        let moved = UnsafeMutablePointer<T>.allocate(capacity: bigger)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = bigger
    }

    /// Frees the memory (the values are trivial: nothing to deinitialise).
    func free() { base.deallocate() }
}
