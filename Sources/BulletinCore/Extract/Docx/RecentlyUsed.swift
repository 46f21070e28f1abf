import Synchronization

/// A few values found by an equatable key, the least recently used dropped first when full: the store behind
/// `DocxPartCache` and `DocxRelationshipsCache` (a handful of entries, so a linear search). Safe to share between
/// threads.
final class RecentlyUsed<Key: Equatable & Sendable, Value: Sendable>: Sendable {
    /// Most entries kept.
    let capacity: Int
    private let entries = Mutex<[(key: Key, value: Value)]>([])

    /// An empty store of at most `capacity` entries.
    init(capacity: Int) { self.capacity = capacity }

    /// The value stored for `key`, now the most recently used.
    func value(for key: Key) -> Value? {
        entries.withLock { entries in
            guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: i)
            entries.append(entry)
            return entry.value
        }
    }

    /// Stores `value` for `key`, dropping the least recently used entry when full.
    func store(_ value: Value, for key: Key) {
        entries.withLock { entries in
            entries.removeAll { $0.key == key }
            entries.append((key, value))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
    }

    /// How many entries are kept.
    var count: Int { entries.withLock { $0.count } }
}
