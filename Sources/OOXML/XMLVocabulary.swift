import Foundation

/// Names a reader compares often, numbered when a part is parsed (`XMLArena.parse(_:maxDepth:prefixLists:vocabulary:)`)
/// so that the reader compares small numbers, not strings: every distinct name of the part gets a code once,
/// and each element's is one array read away (`XMLArenaElement.nameCode`).
///
/// Codes: 0 for a name outside `namespaces`; 1 for a name in one of them that is not listed; 2 + k for the k-th
/// listed local name in any of them. At most 254 local names are listed.
public final class XMLVocabulary: Sendable {
    /// The namespaces whose names are coded (URIs).
    public let namespaces: [String]
    /// Listed local names, by code.
    private let codes: [String: UInt8]
    /// The listed names' UTF-8 bytes, by code − 2 (a name listed twice keeps its first code).
    private let listedBytes: [[UInt8]]
    /// Codes by a hash of the name's bytes (open addressing, 0 free, at most a quarter full).
    private let table: [UInt8]

    /// A vocabulary of the local names `locals` (the k-th gets code 2 + k) in `namespaces`.
    public init(namespaces: [String], locals: [String]) {
        self.namespaces = namespaces
        var codes: [String: UInt8] = [:]
        for (k, local) in locals.prefix(254).enumerated() where codes[local] == nil { codes[local] = UInt8(2 + k) }
        self.codes = codes
        let listed = locals.prefix(254).map { Array($0.utf8) }
        listedBytes = listed
        var table = [UInt8](repeating: 0, count: 1024)
        for (local, code) in codes where local.utf8.allSatisfy({ $0 < 0x80 }) {
            var slot = Self.hash(listed[Int(code) - 2]) & 1023
            while table[slot] != 0 { slot = (slot + 1) & 1023 }
            table[slot] = code
        }
        self.table = table
    }

    /// The code of a name: 0 outside the namespaces, 1 for an unlisted name in them, else 2 + its place in the list.
    public func code(namespace: String, local: String) -> UInt8 {
        guard namespaces.contains(namespace) else { return 0 }
        // An ASCII name is found by its bytes (two ASCII strings are equal exactly when their bytes are; hashing
        // the string for the dictionary cost ~250 instructions a name, once per distinct name of every part).
        if let found = local.utf8.withContiguousStorageIfAvailable({ asciiCode($0) }), let found { return found }
        return codes[local] ?? 1
    }

    /// The code of an ASCII name's bytes; nil when a byte is not ASCII (left to the dictionary, which compares
    /// names as strings).
    private func asciiCode(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var hash = 0
        for b in bytes {
            if b >= 0x80 { return nil }
            hash = Self.step(hash, b)
        }
        var slot = hash & 1023
        while true {
            let code = table[slot]
            if code == 0 { return 1 }
            if listedBytes[Int(code) - 2].elementsEqual(bytes) { return code }
            slot = (slot + 1) & 1023
        }
    }

    private static func hash(_ bytes: [UInt8]) -> Int { bytes.reduce(0, step) }

    @inline(__always)
    private static func step(_ hash: Int, _ b: UInt8) -> Int { (hash &* 31 &+ Int(b)) & 0xFF_FFFF }
}
