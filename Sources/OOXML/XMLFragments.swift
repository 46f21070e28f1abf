import Foundation

/// Finds, in the bytes of a large XML part, the few elements a reader needs, without parsing the rest:
/// the elements carrying an attribute with a given value (a style's `w:styleId="ListNumber"` among the
/// hundreds of styles of Word's 349 KB styles part), through an `Index` made in one pass. Each is returned as a small document of its own (the
/// part's root start tag, with its namespace declarations, around the element), to be read with
/// `XMLStreamReader` or `XMLReader`, which check it as they would check the whole part.
public enum XMLFragments {
    /// Every element whose start tag carries `attribute` (any prefix, either quote), by the attribute's value
    /// as written, found in one pass over the bytes (memmem); nil when the part cannot be sliced safely (no
    /// root, or a `<!DOCTYPE`): then read the whole part.
    public struct Index: Sendable {
        /// The part's bytes.
        let bytes: [UInt8]
        /// The root's start tag (with its namespace declarations) and the matching end tag.
        let root: (start: Int, end: Int, endTag: [UInt8])
        /// Value (as written) → positions of the attribute name in the part.
        let positions: [String: [Int]]

        /// Indexes `bytes` by the values of `attribute`.
        public init?(bytes: [UInt8], attribute: String) {
            guard !attribute.isEmpty, !XMLReader.containsDoctype(bytes) else { return nil }
            let found = bytes.withUnsafeBufferPointer { b -> (root: (start: Int, end: Int, endTag: [UInt8]), positions: [String: [Int]])? in
                guard let root = XMLFragments.rootStartTag(b) else { return nil }
                let needle = Array(attribute.utf8) + [UInt8(ascii: "=")]
                var positions: [String: [Int]] = [:]
                var from = root.end
                while let at = XMLFragments.find(needle, in: b, from: from) {
                    from = at + needle.count
                    // The attribute name must stand alone (after a space or a prefix's colon), its value quoted.
                    guard at > 0, XMLFragments.isSpace(b[at - 1]) || b[at - 1] == UInt8(ascii: ":"), from < b.count else { continue }
                    let quote = b[from]
                    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { continue }
                    var end = from + 1
                    while end < b.count, b[end] != quote, b[end] != UInt8(ascii: "<") { end += 1 }
                    guard end < b.count, b[end] == quote else { continue }
                    positions[String(decoding: b[(from + 1)..<end], as: UTF8.self), default: []].append(at)
                }
                return (root, positions)
            }
            guard let found else { return nil }
            self.bytes = bytes
            self.root = found.root
            self.positions = found.positions
        }

        /// The elements carrying the attribute with this value, each wrapped in the root's start and end tags,
        /// in document order; the caller checks what they are when it reads them. Nil when one cannot be sliced
        /// safely (the attribute stands in a comment, or the value needs escapes): then read the whole part.
        public func elements(withValue value: String) -> [[UInt8]]? {
            if value.contains(where: { "&<>\"'".contains($0) }) { return nil }
            return bytes.withUnsafeBufferPointer { b -> [[UInt8]]? in
                var out: [[UInt8]] = []
                for at in positions[value] ?? [] {
                    guard let element = XMLFragments.enclosingElement(b, at: at) else { return nil }
                    out.append(Array(b[root.start..<root.end]) + Array(b[element.start..<element.end]) + root.endTag)
                }
                return out
            }
        }

        /// Where the elements carrying the attribute with this value are in the part (from `<` to the end of the
        /// element), in document order; nil when one cannot be sliced safely (as for `elements(withValue:)`).
        public func elementRanges(withValue value: String) -> [Range<Int>]? {
            if value.contains(where: { "&<>\"'".contains($0) }) { return nil }
            return bytes.withUnsafeBufferPointer { b -> [Range<Int>]? in
                var out: [Range<Int>] = []
                for at in positions[value] ?? [] {
                    guard let element = XMLFragments.enclosingElement(b, at: at) else { return nil }
                    out.append(element.start..<element.end)
                }
                return out
            }
        }

        /// Whether some element carries the attribute with this value (as written).
        public func contains(value: String) -> Bool { positions[value] != nil }

        /// The bytes of the part in `range` (one element found by `elementRanges(withValue:)`).
        public func bytes(in range: Range<Int>) -> [UInt8] { Array(bytes[range]) }

        /// One small document holding these elements of the part, in this order, inside the root's start and end
        /// tags: several styles read in one parse.
        public func document(holding ranges: [Range<Int>]) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(root.end - root.start + ranges.reduce(0) { $0 + $1.count } + root.endTag.count)
            out.append(contentsOf: bytes[root.start..<root.end])
            for range in ranges { out.append(contentsOf: bytes[range]) }
            out.append(contentsOf: root.endTag)
            return out
        }
    }

    /// The root element's start tag (`<w:styles xmlns:w="…">`) and the matching end tag.
    fileprivate static func rootStartTag(_ b: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int, endTag: [UInt8])? {
        var i = 0
        while i < b.count {
            guard let lt = find([UInt8(ascii: "<")], in: b, from: i) else { return nil }
            guard lt + 1 < b.count else { return nil }
            let next = b[lt + 1]
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
                i = lt + 1
                continue
            }
            guard let gt = find([UInt8(ascii: ">")], in: b, from: lt), gt > lt + 1, b[gt - 1] != UInt8(ascii: "/") else { return nil }
            var nameEnd = lt + 1
            while nameEnd < gt, !endsName(b[nameEnd]) { nameEnd += 1 }
            return (lt, gt + 1, Array("</".utf8) + Array(b[(lt + 1)..<nameEnd]) + [UInt8(ascii: ">")])
        }
        return nil
    }

    /// The element whose start tag holds position `at`: from its `<` to the end of its end tag (or of the
    /// start tag, for an empty element). Assumes, as for a style, that it holds no element of its own name.
    fileprivate static func enclosingElement(_ b: UnsafeBufferPointer<UInt8>, at: Int) -> (start: Int, end: Int)? {
        var lt = at
        while lt > 0 && b[lt] != UInt8(ascii: "<") { lt -= 1 }
        guard b[lt] == UInt8(ascii: "<"), lt + 1 < b.count, b[lt + 1] != UInt8(ascii: "/"), b[lt + 1] != UInt8(ascii: "!") else { return nil }
        guard let gt = find([UInt8(ascii: ">")], in: b, from: at) else { return nil }
        if b[gt - 1] == UInt8(ascii: "/") { return (lt, gt + 1) }
        var nameEnd = lt + 1
        while nameEnd < gt, !endsName(b[nameEnd]) { nameEnd += 1 }
        let endTag = Array("</".utf8) + Array(b[(lt + 1)..<nameEnd])
        var from = gt + 1
        while let close = find(endTag, in: b, from: from) {
            var after = close + endTag.count
            while after < b.count, isSpace(b[after]) { after += 1 }
            if after < b.count, b[after] == UInt8(ascii: ">") { return (lt, after + 1) }
            from = close + 1
        }
        return nil
    }

    fileprivate static func isSpace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r")
    }

    private static func endsName(_ c: UInt8) -> Bool {
        isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/")
    }

    fileprivate static func find(_ needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        ByteSearch.firstIndex(of: needle, in: b, from: from)
    }
}

/// Searching the bytes of a part for a word, fast enough for parts of hundreds of kilobytes: memchr to each
/// place of the needle's rarest byte (its first upper-case letter, as in `styleId=` or `numPr`, else its first
/// byte), then a comparison.
public enum ByteSearch {
    /// The first position of `needle` in `b` at or after `from`.
    public static func firstIndex(of needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = b.baseAddress, !needle.isEmpty else { return nil }
        let anchor = needle.firstIndex { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ?? 0
        let anchorByte = Int32(needle[anchor])
        var i = max(0, from) + anchor
        while i + (needle.count - anchor) <= b.count {
            guard let hit = memchr(base + i, anchorByte, b.count - i) else { return nil }
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base) - anchor
            if at + needle.count > b.count { return nil }
            var k = 0
            while k < needle.count && b[at + k] == needle[k] { k += 1 }
            if k == needle.count { return at }
            i = at + anchor + 1
        }
        return nil
    }
}

extension ByteSearch {
    /// Whether `needle` occurs in `hay`.
    public static func contains(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Bool {
        hay.withUnsafeBufferPointer { firstIndex(of: needle, in: $0, from: 0) != nil }
    }

    /// The values of an attribute named `attribute` (any prefix) inside every tag whose name ends with
    /// `element`, found in the bytes without parsing: `w:pStyle w:val="标题1"` gives 标题1.
    public static func attributeValues(afterElementNamed element: String, attribute: String, in bytes: [UInt8]) -> Set<String> {
        var out: Set<String> = []
        let needle = Array(element.utf8), name = Array((attribute + "=").utf8)
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while let at = firstIndex(of: needle, in: b, from: i) {
                i = at + needle.count
                var k = i
                // To the end of the tag: the value of the attribute (any prefix).
                while k + name.count < b.count, b[k] != UInt8(ascii: ">") {
                    if zip(name.indices, name).allSatisfy({ b[k + $0] == $1 }), b[k - 1] == UInt8(ascii: ":") || b[k - 1] == UInt8(ascii: " ") {
                        let quote = b[k + name.count]
                        var end = k + name.count + 1
                        while end < b.count, b[end] != quote, b[end] != UInt8(ascii: ">") { end += 1 }
                        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"), end < b.count, b[end] == quote {
                            out.insert(String(decoding: b[(k + name.count + 1)..<end], as: UTF8.self))
                        }
                        break
                    }
                    k += 1
                }
            }
        }
        return out
    }
}
