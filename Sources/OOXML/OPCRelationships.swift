import Foundation

/// One relationship of an Open Packaging Conventions part: `<Relationship Id Type Target TargetMode>`.
public struct OPCRelationship: Sendable, Equatable {
    /// The relationship's id, unique within its part (`rId1`).
    public var id: String
    /// The relationship type URI.
    public var type: String
    /// The target as written (relative to the source part's folder unless it starts with `/`).
    public var target: String
    /// Whether the target is outside the package (`TargetMode="External"`).
    public var isExternal: Bool

    /// Creates a relationship.
    public init(id: String, type: String, target: String, isExternal: Bool = false) {
        self.id = id
        self.type = type
        self.target = target
        self.isExternal = isExternal
    }
}

extension OPCRelationship {
    /// Whether the type ends with `/` and `kind` (`…/relationships/numbering` for "numbering"), as
    /// `type.hasSuffix("/" + kind)` says. Compared on bytes when both are ASCII (every type Word, WPS and
    /// LibreOffice write), where the two agree: no ASCII character joins the `/` in one Character but CR with LF.
    /// (`hasSuffix` compares Characters, ~1,000 instructions a relationship, and a form looks up several parts.)
    public func hasType(endingWith kind: String) -> Bool {
        // On the strings' own bytes when they are contiguous (native strings are): `allSatisfy` over a UTF8View
        // cost ~3,000 instructions a relationship.
        let onBytes = type.utf8.withContiguousStorageIfAvailable { t in
            kind.utf8.withContiguousStorageIfAvailable { k -> Bool? in
                guard isASCII(t) && isASCII(k) else { return nil }
                guard t.count > k.count else { return false }
                let tail = t.count - k.count
                guard t[tail - 1] == UInt8(ascii: "/") else { return false }
                for i in 0..<k.count where t[tail + i] != k[i] { return false }
                return true
            }
        }
        if let onBytes = onBytes ?? nil, let answer = onBytes { return answer }
        let t = type.utf8, k = kind.utf8
        if t.allSatisfy({ $0 < 0x80 }) && k.allSatisfy({ $0 < 0x80 }) {
            guard t.count > k.count else { return false }
            let tail = t.suffix(k.count + 1)
            return tail.first == UInt8(ascii: "/") && tail.dropFirst().elementsEqual(k)
        }
        return type.hasSuffix("/" + kind)
    }
}

/// Whether every byte is ASCII.
private func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for c in b where c >= 0x80 { return false }
    return true
}

/// Reads relationship parts and resolves their targets to part names, as OPC (ISO/IEC 29500-2) says.
public enum OPCRelationships {
    /// The relationship part of `partName`: `""` (the package) → `_rels/.rels`,
    /// `word/document.xml` → `word/_rels/document.xml.rels`.
    public static func relationshipsPartName(for partName: String) -> String {
        // An ASCII name without `\` or a leading `/` (every main part name a form has), on its bytes: the
        // Character-level path below cost ~13 k instructions a form.
        let bytes = partName.utf8
        if let first = bytes.first, first != UInt8(ascii: "/"),
           bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\\") }) {
            guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "_rels/" + partName + ".rels" }
            let folder = String(decoding: bytes[..<slash], as: UTF8.self)
            let file = String(decoding: bytes[bytes.index(after: slash)...], as: UTF8.self)
            return folder + "/_rels/" + file + ".rels"
        }
        let name = normalise(partName)
        guard let slash = name.lastIndex(of: "/") else {
            return name.isEmpty ? "_rels/.rels" : "_rels/\(name).rels"
        }
        let folder = name[..<slash]
        let file = name[name.index(after: slash)...]
        return "\(folder)/_rels/\(file).rels"
    }

    /// Parses a relationship part. Elements are matched by namespace URI; relationships without an Id,
    /// Type or Target are skipped.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 32) throws -> [OPCRelationship] {
        let root = try XMLArena.parse(bytes, maxDepth: maxDepth).root
        guard root.name == "Relationships", root.namespace == OOXMLNamespace.packageRelationships else { return [] }
        var out: [OPCRelationship] = []
        for e in root.elements where e.name == "Relationship" && e.namespace == OOXMLNamespace.packageRelationships {
            guard let id = e.attribute("Id"), let type = e.attribute("Type"), let target = e.attribute("Target") else { continue }
            let external = e.attribute("TargetMode").map { $0 == "External" || $0.lowercased() == "external" } ?? false
            let trimmed = type.first == " " || type.last == " " ? type.trimmingCharacters(in: .whitespaces) : type
            out.append(OPCRelationship(id: id, type: trimmed, target: target, isExternal: external))
        }
        return out
    }

    /// The part name a target refers to, from the part `sourcePartName` ("" for the package itself):
    /// `../media/a.png` from `word/document.xml` → `media/a.png`. `nil` when it climbs out of the package.
    public static func resolve(target: String, from sourcePartName: String) -> String? {
        if let resolved = resolveASCII(target: target, from: sourcePartName) { return resolved }
        var path = target.contains("\\") ? target.replacingOccurrences(of: "\\", with: "/") : target
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncodingIfValid
        var segments: [Substring]
        if path.hasPrefix("/") {
            segments = []
        } else {
            segments = normalise(sourcePartName).split(separator: "/", omittingEmptySubsequences: true)
            if !segments.isEmpty { segments.removeLast() }  // the source part's own file name
        }
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                if segments.isEmpty { return nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    /// `resolve` on the bytes, for an ASCII target without percent escapes and an ASCII source (every part
    /// name a form has): nil when it does not apply, `.some(nil)` when the target climbs out of the package.
    static func resolveASCII(target: String, from sourcePartName: String) -> String?? {
        // On the strings' own bytes when they are contiguous (native strings are): one output buffer and a stack
        // of where its segments start, instead of arrays of bytes and of slices (~8,000 instructions a lookup).
        let onBytes = target.utf8.withContiguousStorageIfAvailable { t in
            sourcePartName.utf8.withContiguousStorageIfAvailable { s in resolveASCII(t, s) }
        }
        if let onBytes = onBytes ?? nil { return onBytes }
        return resolveASCIIBySlices(target: target, from: sourcePartName)
    }

    /// `resolveASCII(target:from:)` of the target's and the source's UTF-8 bytes.
    static func resolveASCII(_ t: UnsafeBufferPointer<UInt8>, _ s: UnsafeBufferPointer<UInt8>) -> String?? {
        let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\"), dot = UInt8(ascii: ".")
        var length = t.count
        for i in 0..<t.count {
            let b = t[i]
            if b >= 0x80 || b == UInt8(ascii: "%") { return nil }
            if b == UInt8(ascii: "#") || b == UInt8(ascii: "?") { length = i; break }
        }
        var out: [UInt8] = []
        out.reserveCapacity(length + s.count + 1)
        // Where each segment of `out` starts (at its `/` for all but the first).
        var starts: [Int] = []
        /// Adds or (for `..`) removes the segment `b[from..<to]`; false when `..` climbs out.
        func take(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
            let n = to - from
            if n == 0 || (n == 1 && b[from] == dot) { return true }
            if n == 2 && b[from] == dot && b[from + 1] == dot {
                guard let start = starts.popLast() else { return false }
                out.removeLast(out.count - start)
                return true
            }
            starts.append(out.count)
            if !out.isEmpty { out.append(slash) }
            for i in from..<to { out.append(b[i]) }
            return true
        }
        let absolute = length > 0 && (t[0] == slash || t[0] == backslash)
        if !absolute {
            for i in 0..<s.count where s[i] >= 0x80 { return nil }
            // The source's folders: its segments but the last (its own file name), `.` and `..` kept as segments.
            var from = 0
            var folders: [(Int, Int)] = []
            for i in 0...s.count where i == s.count || s[i] == slash || s[i] == backslash {
                if i > from { folders.append((from, i)) }
                from = i + 1
            }
            for (a, b) in folders.dropLast() {
                starts.append(out.count)
                if !out.isEmpty { out.append(slash) }
                for i in a..<b { out.append(s[i]) }
            }
        }
        var from = 0
        for i in 0...length where i == length || t[i] == slash || t[i] == backslash {
            guard take(t, from, i) else { return .some(nil) }
            from = i + 1
        }
        if starts.isEmpty { return .some(nil) }
        return .some(String(decoding: out, as: UTF8.self))
    }

    /// `resolveASCII(target:from:)` through arrays of bytes and slices, for strings that are not contiguous.
    static func resolveASCIIBySlices(target: String, from sourcePartName: String) -> String?? {
        let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\")
        var path: [UInt8] = []
        for b in target.utf8 {
            if b >= 0x80 || b == UInt8(ascii: "%") { return nil }
            if b == UInt8(ascii: "#") || b == UInt8(ascii: "?") { break }
            path.append(b == backslash ? slash : b)
        }
        var segments: [ArraySlice<UInt8>] = []
        if path.first != slash {
            var source: [UInt8] = []
            for b in sourcePartName.utf8 {
                if b >= 0x80 { return nil }
                source.append(b == backslash ? slash : b)
            }
            segments = source.split(separator: slash, omittingEmptySubsequences: true)
            if !segments.isEmpty { segments.removeLast() }  // the source part's own file name
        }
        for segment in path.split(separator: slash, omittingEmptySubsequences: true) {
            if segment.elementsEqual([UInt8(ascii: ".")]) { continue }
            if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                if segments.isEmpty { return .some(nil) }
                segments.removeLast()
                continue
            }
            segments.append(segment)
        }
        if segments.isEmpty { return .some(nil) }
        return .some(String(decoding: Array(segments.joined(separator: [slash])), as: UTF8.self))
    }

    private static func normalise(_ partName: String) -> String {
        var name = partName.contains("\\") ? partName.replacingOccurrences(of: "\\", with: "/") : partName
        while name.hasPrefix("/") { name.removeFirst() }
        return name
    }
}

private extension String {
    /// Percent-decoded when the escapes are valid UTF-8 (part names may be IRIs), else unchanged.
    var removingPercentEncodingIfValid: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "%"), utf8.count >= 2,
               let hi = Self.hexValue(utf8[utf8.startIndex]), let lo = Self.hexValue(utf8[utf8.startIndex + 1]) {
                bytes.append(hi << 4 | lo)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
