import OOXML

/// The list numbering read from a package's numbering and styles parts, kept for the rest of the run: the
/// forms of one month come from one template, so their numbering and styles parts are byte for byte the same,
/// and a part seen before is neither inflated nor parsed again. An entry is found only by the parts' exact
/// stored bytes (`ZipEntryFingerprint`: CRC, sizes and every stored byte, never a hash alone) and by what else
/// the reading depended on (the styles and list ids the document names, the depth limit); only numbering
/// that was read without error is kept, so a damaged part is always read, and refused, again. A few entries,
/// least recently used dropped first. Owned by a reader (one per run); safe to share between threads.
final class DocxPartCache: Sendable {
    /// What the numbering read depended on.
    struct Key: Equatable, Sendable {
        var numbering: ZipEntryFingerprint
        /// The styles part's, when it was read (nil: not read, as the document uses no paragraph style or has none).
        var styles: ZipEntryFingerprint?
        var usedStyles: Set<String>
        var numIdsNamed: Set<String>?
        var maxDepth: Int
    }

    /// What the read gave, and how many bytes each inflating step gave (counted again against the limits of
    /// the archive that uses the entry, as if it were inflated).
    struct Value: Sendable {
        var numbering: DocxNumbering
        var numberingChunks: [Int]
        var stylesChunks: [Int]
    }

    /// The entries, least recently used dropped first.
    private let entries: RecentlyUsed<Key, Value>

    /// An empty cache of at most `capacity` entries.
    init(capacity: Int = 4) { entries = RecentlyUsed(capacity: capacity) }

    /// The value stored for `key`, now the most recently used.
    func value(for key: Key) -> Value? { entries.value(for: key) }

    /// Stores `value` for `key`, dropping the least recently used entry when full.
    func store(_ value: Value, for key: Key) { entries.store(value, for: key) }

    /// How many entries are kept (for tests).
    var count: Int { entries.count }
}
