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
    private let entries = Mutex<[String: (jsonBytes: Int, record: CaseRecord)]>([:])

    /// Remembers records just committed, each with the UTF-8 length of the JSON stored for it.
    func remember(_ created: [(record: CaseRecord, jsonBytes: Int)]) {
        guard !created.isEmpty else { return }
        entries.withLock { entries in
            for c in created { entries[c.record.id] = (c.jsonBytes, c.record) }
        }
    }

    /// The remembered record of case `id` when the stored JSON has the length written, else nil.
    func record(id: String, jsonBytes: Int) -> CaseRecord? {
        entries.withLock { entries in
            guard let e = entries[id], e.jsonBytes == jsonBytes else { return nil }
            return e.record
        }
    }

    /// How many records are remembered.
    var count: Int { entries.withLock { $0.count } }

    /// The history records those cases were created with, by sequence number, each with the UTF-8 length of its
    /// stored JSON (store9: reading them back was a third of reading the night's cases for the snapshot). Exact for
    /// the same reasons: a `caseEvent` row is written once and never updated or deleted, its sequence number is
    /// never reused (AUTOINCREMENT), it is remembered only once its transaction committed, an event decodes to itself
    /// (its writer names every stored property; tested), and a row whose JSON is not the length written is decoded.
    private let events = Mutex<[Int: (jsonBytes: Int, event: CaseEvent)]>([:])

    /// Remembers history records just committed (`sequence` set), each with the UTF-8 length of its stored JSON.
    func remember(events created: [(event: CaseEvent, jsonBytes: Int)]) {
        guard !created.isEmpty else { return }
        events.withLock { events in
            for c in created { events[c.event.sequence] = (c.jsonBytes, c.event) }
        }
    }

    /// The remembered history record of sequence number `seq` when its stored JSON has the length written, else nil.
    func event(seq: Int, jsonBytes: Int) -> CaseEvent? {
        events.withLock { events in
            guard let e = events[seq], e.jsonBytes == jsonBytes else { return nil }
            return e.event
        }
    }

    /// How many history records are remembered.
    var eventCount: Int { events.withLock { $0.count } }
}
