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

    /// A vocabulary of the local names `locals` (the k-th gets code 2 + k) in `namespaces`.
    public init(namespaces: [String], locals: [String]) {
        self.namespaces = namespaces
        var codes: [String: UInt8] = [:]
        for (k, local) in locals.prefix(254).enumerated() where codes[local] == nil { codes[local] = UInt8(2 + k) }
        self.codes = codes
    }

    /// The code of a name: 0 outside the namespaces, 1 for an unlisted name in them, else 2 + its place in the list.
    public func code(namespace: String, local: String) -> UInt8 {
        guard namespaces.contains(namespace) else { return 0 }
        return codes[local] ?? 1
    }
}
