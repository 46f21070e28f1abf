import OOXML

/// Relationships parts already parsed in this run, found by their exact stored bytes: the forms of one template
/// share their `_rels/.rels` and `word/_rels/document.xml.rels` byte for byte, and a part seen before is neither
/// inflated nor parsed again (each costs a form ~60 k instructions to inflate and parse, about a fifth of a Word
/// form's reading outside its document part). As `DocxPartCache`: found only by `ZipEntryFingerprint` (CRC, sizes
/// and every stored byte) and the depth limit; only parts read and parsed without error are kept, so a damaged
/// part is always read, and refused, again; a hit still counts its inflated bytes against the archive's limits.
/// A few entries, least recently used dropped first. Owned by a reader (one per run); safe to share between threads.
final class DocxRelationshipsCache: Sendable {
    /// What the parse depended on.
    struct Key: Equatable, Sendable {
        var part: ZipEntryFingerprint
        var maxDepth: Int
    }

    /// What the read gave: the relationships, and how many bytes each inflating step gave.
    struct Value: Sendable {
        var relationships: [OPCRelationship]
        var chunks: [Int]
    }

    /// The entries, least recently used dropped first.
    private let entries: RecentlyUsed<Key, Value>

    /// An empty cache of at most `capacity` entries.
    init(capacity: Int = 8) { entries = RecentlyUsed(capacity: capacity) }

    /// The value stored for `key`, now the most recently used.
    func value(for key: Key) -> Value? { entries.value(for: key) }

    /// Stores `value` for `key`, dropping the least recently used entry when full.
    func store(_ value: Value, for key: Key) { entries.store(value, for: key) }

    /// How many entries are kept (for tests).
    var count: Int { entries.count }

    /// The relationships of the part `name` of `archive`: from the cache when a part with the same stored bytes
    /// was parsed before in this run (its inflated bytes charged to `archive` as if read), else read and parsed
    /// (and kept when both succeed). Throws what `ZipArchive.read` and `OPCRelationships.parse` throw.
    func relationships(_ name: String, in archive: ZipArchive, maxDepth: Int) throws -> [OPCRelationship] {
        guard let print = archive.fingerprint(name) else {
            return try OPCRelationships.parse(try archive.read(name), maxDepth: maxDepth)
        }
        let key = Key(part: print, maxDepth: maxDepth)
        if let hit = value(for: key) {
            try archive.charge(name, chunks: hit.chunks)
            return hit.relationships
        }
        var chunks: [Int] = []
        let relationships = try OPCRelationships.parse(try archive.read(name, chunks: &chunks), maxDepth: maxDepth)
        store(Value(relationships: relationships, chunks: chunks), for: key)
        return relationships
    }
}
