/// The elements directly under the root of an XML part, found by one pass over its bytes, so that a reader
/// needing a few of them (the `w:num` a document names among a numbering part's definitions) parses those
/// alone: `document(keeping:)` gives them, in order, inside the root's start and end tags.
///
/// The scan is a cautious well-formedness check of the whole part: UTF-8 (declared or not), no DTD, comment,
/// processing instruction or CDATA section after the declaration, names in ASCII with prefixes the root
/// declares (no declaration below the root), tags that match, attributes quoted, unique and free of `<`,
/// entity and character references that XML predefines or allows, no control characters, no nesting deeper
/// than `maxDepth` allows. Whatever it does not vouch for gives nil, and the part is then read whole, so a
/// part whose parse would fail fails as before wherever the damage is.
public struct XMLTopLevelElements: Sendable {
    /// One element under the root: its bytes from `<` to the end of its end tag (or of its empty tag).
    public struct Element: Sendable {
        /// Where the element is in the part.
        public let range: Range<Int>
        let name: Range<Int>
        let tagEnd: Int
    }

    let bytes: [UInt8]
    let rootStart: Range<Int>
    let rootEndTag: [UInt8]
    /// The root's children, in document order.
    public let elements: [Element]

    /// Scans `bytes`; nil when the part is not plainly well-formed UTF-8 XML as described above.
    public init?(bytes: [UInt8], maxDepth: Int) {
        guard Self.isUTF8(bytes) else { return nil }
        guard let found = bytes.withUnsafeBufferPointer({ b -> (root: Range<Int>, endTag: [UInt8], elements: [Element])? in
            var scan = TopLevelScan(b: b, maxDepth: maxDepth)
            return scan.run()
        }) else { return nil }
        self.bytes = bytes
        self.rootStart = found.root
        self.rootEndTag = found.endTag
        self.elements = found.elements
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlong form, surrogate or value past U+10FFFF), runs of
    /// ASCII passed over eight bytes at a time.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let n = raw.count
            var k = 0
            while k < n {
                if k + 8 <= n, raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    k += 8
                    continue
                }
                let c = raw[k]
                if c < 0x80 {
                    k += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return false
                }
                guard k + length <= n, raw[k + 1] >= low, raw[k + 1] <= high else { return false }
                for j in 2..<length where raw[k + j] < 0x80 || raw[k + j] > 0xBF { return false }
                k += length
            }
            return true
        }
    }

    /// The element's name without its prefix (`num` for `w:num`).
    public func localName(of element: Element) -> String {
        var start = element.name.lowerBound
        for k in element.name where bytes[k] == UInt8(ascii: ":") { start = k + 1 }
        return String(decoding: bytes[start..<element.name.upperBound], as: UTF8.self)
    }

    /// The values, as written, of the attributes of the element's start tag whose name without prefix is `local`.
    public func attributeValues(_ local: String, of element: Element) -> [String] {
        let name = Array(local.utf8)
        var out: [String] = []
        var k = element.name.upperBound
        let end = element.tagEnd
        while k < end {
            // At an attribute name: after white space.
            guard TopLevelScan.isSpace(bytes[k]) else { k += 1; continue }
            while k < end, TopLevelScan.isSpace(bytes[k]) { k += 1 }
            let nameStart = k
            while k < end, bytes[k] != UInt8(ascii: "="), !TopLevelScan.isSpace(bytes[k]), bytes[k] != UInt8(ascii: ">"), bytes[k] != UInt8(ascii: "/") { k += 1 }
            let nameEnd = k
            while k < end, bytes[k] != UInt8(ascii: "\""), bytes[k] != UInt8(ascii: "'") { k += 1 }
            guard k < end else { break }
            let quote = bytes[k]
            let valueStart = k + 1
            k = valueStart
            while k < end, bytes[k] != quote { k += 1 }
            var localStart = nameStart
            for j in nameStart..<nameEnd where bytes[j] == UInt8(ascii: ":") { localStart = j + 1 }
            if nameEnd - localStart == name.count, zip(bytes[localStart..<nameEnd], name).allSatisfy({ $0 == $1 }) {
                out.append(String(decoding: bytes[valueStart..<min(k, end)], as: UTF8.self))
            }
            k += 1
        }
        return out
    }

    /// The element's bytes.
    public func bytes(of element: Element) -> [UInt8] { Array(bytes[element.range]) }

    /// A small document: the root's start tag, these elements in this order, the root's end tag.
    public func document(keeping kept: [Element]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rootStart.count + kept.reduce(0) { $0 + $1.range.count } + rootEndTag.count)
        out.append(contentsOf: bytes[rootStart])
        for e in kept { out.append(contentsOf: bytes[e.range]) }
        out.append(contentsOf: rootEndTag)
        return out
    }
}

/// The pass behind `XMLTopLevelElements`: false or nil at the first thing it does not vouch for.
private struct TopLevelScan {
    let b: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var i = 0
    /// Prefixes the root declares (`xmlns:w`), plus `xml`.
    var prefixes: [[UInt8]] = [Array("xml".utf8)]
    /// The last prefix found declared (most names share one).
    var lastDeclared = 0..<0
    /// The attribute names of the tag being read (kept to find one written twice).
    var attributes: [Range<Int>] = []
    /// What each byte may be: `nameStart`, `nameChar`, `plainText` (nothing to check in character data),
    /// `plainValue` (nothing to check in an attribute value, quotes aside).
    let classes: [UInt8]
    static let nameStart: UInt8 = 1, nameChar: UInt8 = 2, plainText: UInt8 = 4, plainValue: UInt8 = 8

    init(b: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.b = b
        self.maxDepth = maxDepth
        var classes = [UInt8](repeating: 0, count: 256)
        for c in 0..<256 {
            let byte = UInt8(c)
            var k: UInt8 = 0
            if Self.isNameStart(byte) { k |= Self.nameStart }
            if Self.isNameChar(byte) { k |= Self.nameChar }
            let control = byte < 0x20 && !Self.isSpace(byte)
            if !control && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "]") && byte != 0xEF {
                k |= Self.plainText
            }
            if !control && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") {
                k |= Self.plainValue
            }
            classes[c] = k
        }
        self.classes = classes
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_")
    }
    private static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":")
    }

    private func starts(with s: StaticString, at k: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard k + n <= b.count else { return false }
        let p = s.utf8Start
        for j in 0..<n where b[k + j] != p[j] { return false }
        return true
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let from = i
        while i < b.count, Self.isSpace(b[i]) { i += 1 }
        return i > from
    }

    /// A name (ASCII, at most one colon, not first, followed by what may start a name).
    private mutating func name() -> Range<Int>? {
        guard i < b.count, classes[Int(b[i])] & Self.nameStart != 0 else { return nil }
        let start = i
        var colon = -1
        while i < b.count, classes[Int(b[i])] & Self.nameChar != 0 {
            if b[i] == UInt8(ascii: ":") {
                guard colon < 0 else { return nil }
                colon = i
            }
            i += 1
        }
        // The part after a prefix starts as a name does (`w:1num` is no name a namespace reader takes).
        if colon >= 0 { guard colon + 1 < i, classes[Int(b[colon + 1])] & Self.nameStart != 0 else { return nil } }
        return start..<i
    }

    /// The prefix of a name, if it has one.
    private func prefix(of name: Range<Int>) -> Range<Int>? {
        for k in name where b[k] == UInt8(ascii: ":") { return name.lowerBound..<k }
        return nil
    }

    private mutating func declared(_ prefix: Range<Int>) -> Bool {
        if same(prefix, lastDeclared) { return true }
        for p in prefixes where p.count == prefix.count {
            var k = 0
            while k < p.count, p[k] == b[prefix.lowerBound + k] { k += 1 }
            if k == p.count {
                lastDeclared = prefix
                return true
            }
        }
        return false
    }

    private func same(_ x: Range<Int>, _ y: Range<Int>) -> Bool {
        guard x.count == y.count else { return false }
        var k = 0
        while k < x.count, b[x.lowerBound + k] == b[y.lowerBound + k] { k += 1 }
        return k == x.count
    }

    /// A reference after `&` (at `i`): one XML predefines, or a character reference to a character XML allows.
    private mutating func reference() -> Bool {
        for named: StaticString in ["amp;", "lt;", "gt;", "quot;", "apos;"] where starts(with: named, at: i) {
            i += named.utf8CodeUnitCount
            return true
        }
        guard i < b.count, b[i] == UInt8(ascii: "#") else { return false }
        i += 1
        var hex = false
        if i < b.count, b[i] == UInt8(ascii: "x") { hex = true; i += 1 }
        var value = 0
        var digits = 0
        while i < b.count, b[i] != UInt8(ascii: ";") {
            let c = b[i]
            let d: Int
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: d = Int(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: d = Int(c - UInt8(ascii: "A")) + 10
            default: return false
            }
            value = value * (hex ? 16 : 10) + d
            digits += 1
            if digits > 7 { return false }
            i += 1
        }
        guard i < b.count, digits > 0 else { return false }
        i += 1
        return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// Character data up to the next `<` (or the end): no control character, no `]]>`, references checked.
    private mutating func text() -> Bool {
        while i < b.count {
            let c = b[i]
            if classes[Int(c)] & Self.plainText != 0 {
                i += 1
                continue
            }
            if c == UInt8(ascii: "<") { return true }
            if c < 0x20 && !Self.isSpace(c) { return false }
            if c == UInt8(ascii: "&") {
                i += 1
                guard reference() else { return false }
                continue
            }
            if c == UInt8(ascii: "]"), starts(with: "]]>", at: i) { return false }
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
            if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF { return false }
            i += 1
        }
        return true
    }

    /// A start tag after its `<` (at `i`), to just past its `>`: its name and whether it is empty (`/>`).
    private mutating func startTag(root: Bool) -> (name: Range<Int>, empty: Bool)? {
        guard let element = name() else { return nil }
        attributes.removeAll(keepingCapacity: true)
        while true {
            let spaced = skipSpace()
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: ">") || b[i] == UInt8(ascii: "/") {
                var empty = false
                if b[i] == UInt8(ascii: "/") {
                    guard i + 1 < b.count, b[i + 1] == UInt8(ascii: ">") else { return nil }
                    empty = true
                    i += 1
                }
                i += 1
                if let p = prefix(of: element), !declared(p) { return nil }
                for a in attributes {
                    guard let p = prefix(of: a) else { continue }
                    let isDeclaration = p.count == 5 && starts(with: "xmlns", at: p.lowerBound)
                    if !isDeclaration && !declared(p) { return nil }
                }
                return (element, empty)
            }
            guard spaced, let attribute = name() else { return nil }
            if attributes.contains(where: { same($0, attribute) }) { return nil }
            attributes.append(attribute)
            let isXMLNS = (attribute.count == 5 || (attribute.count > 5 && b[attribute.lowerBound + 5] == UInt8(ascii: ":")))
                && starts(with: "xmlns", at: attribute.lowerBound)
            if isXMLNS {
                // Declarations only on the root, and only of prefixes (a default namespace below the root changes
                // what names mean in a way this scan does not follow).
                guard root else { return nil }
                if attribute.count > 5 { prefixes.append(Array(b[(attribute.lowerBound + 6)..<attribute.upperBound])) }
            }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "=") else { return nil }
            i += 1
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else { return nil }
            let quote = b[i]
            i += 1
            while i < b.count, b[i] != quote {
                let c = b[i]
                if classes[Int(c)] & Self.plainValue != 0 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    i += 1
                    continue
                }
                if c == UInt8(ascii: "<") || (c < 0x20 && !Self.isSpace(c)) { return nil }
                if c == UInt8(ascii: "&") {
                    i += 1
                    guard reference() else { return nil }
                    continue
                }
                i += 1
            }
            guard i < b.count else { return nil }
            i += 1
        }
    }

    /// An end tag after its `</` (at `i`), to just past its `>`, closing `open`.
    private mutating func endTag(closing open: Range<Int>) -> Bool {
        guard let n = name(), same(n, open) else { return false }
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: ">") else { return false }
        i += 1
        return true
    }

    mutating func run() -> (root: Range<Int>, endTag: [UInt8], elements: [XMLTopLevelElements.Element])? {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        if starts(with: "<?xml", at: i) {
            guard i + 5 < b.count, Self.isSpace(b[i + 5]) else { return nil }
            guard let close = ByteSearch.firstIndex(of: Array("?>".utf8), in: b, from: i) else { return nil }
            if let at = ByteSearch.firstIndex(of: Array("encoding".utf8), in: UnsafeBufferPointer(rebasing: b[..<close]), from: i) {
                var k = at + 8
                while k < close, Self.isSpace(b[k]) || b[k] == UInt8(ascii: "=") { k += 1 }
                guard k < close, b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") else { return nil }
                let value = String(decoding: b[(k + 1)..<close].prefix(while: { $0 != b[k] }), as: UTF8.self)
                guard value.lowercased() == "utf-8" else { return nil }
            }
            i = close + 2
        }
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "<") else { return nil }
        let rootLT = i
        i += 1
        guard let root = startTag(root: true), !root.empty else { return nil }
        let rootEnd = i
        var elements: [XMLTopLevelElements.Element] = []
        var open: [Range<Int>] = []
        var child = 0
        var childName = 0..<0
        var childTagEnd = 0
        // 250: libxml2's own limit is near; the reader counts the root as one level.
        let deepest = min(maxDepth - 1, 249)
        while true {
            guard text(), i < b.count else { return nil }
            let lt = i
            i += 1
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "/") {
                i += 1
                if open.isEmpty {
                    guard endTag(closing: root.name) else { return nil }
                    skipSpace()
                    guard i == b.count else { return nil }
                    let endTag = Array("</".utf8) + Array(b[root.name]) + [UInt8(ascii: ">")]
                    return (rootLT..<rootEnd, endTag, elements)
                }
                guard let top = open.popLast(), endTag(closing: top) else { return nil }
                if open.isEmpty { elements.append(.init(range: child..<i, name: childName, tagEnd: childTagEnd)) }
                continue
            }
            if b[i] == UInt8(ascii: "!") || b[i] == UInt8(ascii: "?") { return nil }
            guard let tag = startTag(root: false) else { return nil }
            if open.isEmpty {
                child = lt
                childName = tag.name
                childTagEnd = i
            }
            if tag.empty {
                if open.isEmpty { elements.append(.init(range: lt..<i, name: tag.name, tagEnd: i)) }
            } else {
                open.append(tag.name)
                guard open.count + 1 < deepest else { return nil }
            }
        }
    }
}
