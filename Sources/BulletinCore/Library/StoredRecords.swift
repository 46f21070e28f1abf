import Synchronization

/// The records of the cases a `CaseLibrary` value created, as it encoded them, so that reading them back in the
/// same run (selection, statistics, review sheets) does not decode their JSON again: decoding a case's JSON,
/// mostly its assessment's reasons, was the largest cost of reading the night's cases back.
///
/// Exact by construction: a case's `json` column is written once, when the case is created, and never updated
/// or deleted (merges, splits and secrecy change the history and columns, not the record), and ids are never
/// reused, so the row with a remembered id holds the JSON encoded from the remembered record; records are
/// remembered only after their transaction committed; and a row whose JSON is not the length that was written
/// is decoded as before. A record decodes to itself (`CaseRecord` and `Assessment` encode every stored
/// property; tested). Holds only the cases this library value stored, so a nightly run keeps the night's cases,
/// never the library's.
final class StoredRecords: Sendable {
    private let records = LengthChecked<String, CaseRecord>()

    /// Remembers records just committed, each with the UTF-8 length of the JSON stored for it.
    func remember(_ created: [(record: CaseRecord, jsonBytes: Int)]) {
        records.remember(created.map { ($0.record.id, $0.jsonBytes, $0.record) })
    }

    /// The remembered record of case `id` when the stored JSON has the length written, else nil.
    func record(id: String, jsonBytes: Int) -> CaseRecord? { records.value(id, jsonBytes: jsonBytes) }

    /// How many records are remembered.
    var count: Int { records.count }

    /// The history records those cases were created with, by sequence number, each with the UTF-8 length of its
    /// stored JSON (store9: reading them back was a third of reading the night's cases for the snapshot). Exact for
    /// the same reasons: a `caseEvent` row is written once and never updated or deleted, its sequence number is
    /// never reused (AUTOINCREMENT), it is remembered only once its transaction committed, an event decodes to itself
    /// (its writer names every stored property; tested), and a row whose JSON is not the length written is decoded.
    private let events = LengthChecked<Int, CaseEvent>()

    /// Remembers history records just committed (`sequence` set), each with the UTF-8 length of its stored JSON.
    func remember(events created: [(event: CaseEvent, jsonBytes: Int)]) {
        events.remember(created.map { ($0.event.sequence, $0.jsonBytes, $0.event) })
    }

    /// The remembered history record of sequence number `seq` when its stored JSON has the length written, else nil.
    func event(seq: Int, jsonBytes: Int) -> CaseEvent? { events.value(seq, jsonBytes: jsonBytes) }

    /// How many history records are remembered.
    var eventCount: Int { events.count }
}

/// Values remembered by key with the UTF-8 length of the JSON stored for them; a value is given back only for that
/// very length (a row rewritten since is decoded instead). Both of `StoredRecords`' memories.
private final class LengthChecked<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: (jsonBytes: Int, value: Value)]>([:])

    func remember(_ created: [(key: Key, jsonBytes: Int, value: Value)]) {
        guard !created.isEmpty else { return }
        entries.withLock { entries in
            for c in created { entries[c.key] = (c.jsonBytes, c.value) }
        }
    }

    func value(_ key: Key, jsonBytes: Int) -> Value? {
        entries.withLock { entries in
            guard let e = entries[key], e.jsonBytes == jsonBytes else { return nil }
            return e.value
        }
    }

    var count: Int { entries.withLock { $0.count } }
}
