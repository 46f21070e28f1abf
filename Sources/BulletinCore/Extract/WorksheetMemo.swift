import OOXML
import Synchronization

/// The last worksheet `XlsxReader.worksheet` read, kept for one more read of the same part.
///
/// Why: every workbook is read twice over. `FileKind.decide` reads its first sheet to tell a returned review sheet
/// from a workbook of submissions (`ReviewSheetReader`: rows copied out of a review sheet are refused with their own
/// message), and `XlsxReader` then reads its first visible sheet, the same part of nearly every workbook, to take the
/// submissions. The read is half of a workbook's cost: 500 M instructions for the 2,000 rows of `bench_tabular.py`'s
/// rows.xlsx (its 3.4 MB part, every Chinese character a character reference, through libxml2's reader).
///
/// Exact: `worksheet` is a function of its inputs alone (the part's bytes, the shared strings, the date styles, the
/// 1904 flag and the depth limit), the part's bytes are those its zip entry inflates to (the caller reads them from
/// the entry whose fingerprint it gives), and the kept result is handed out only for equal inputs; a read that throws
/// is not kept, so its error is thrown again by the next read. One entry: the second read
/// takes it (a sheet is read at most twice a file), and a new read replaces it, so at most one sheet is held.
final class WorksheetMemo: Sendable {
    typealias Read = (grid: [Int: [Int: String]], merges: [(r1: Int, c1: Int, r2: Int, c2: Int)])

    /// What a read depends on: the part's zip entry (its fingerprint: method, CRC, sizes and stored bytes, which
    /// inflate to the same bytes whenever they are equal), the shared strings, the date styles, the 1904 flag and
    /// the depth limit. The stored bytes are kept, not the inflated ones: a 20,000-row sheet is ~2 MB stored and
    /// ~35 MB inflated, and keeping the inflated bytes until the second reader had inflated its own copy raised the
    /// peak memory of such a workbook's `inspect` by a copy.
    struct Key: Sendable {
        let part: ZipEntryFingerprint
        let shared: [String]
        let dateStyles: Set<Int>
        let date1904: Bool
        let maxDepth: Int

        /// Equal inputs (the stored bytes compared with `memcmp`, by the fingerprint's `==`).
        func same(_ other: Key) -> Bool {
            date1904 == other.date1904 && maxDepth == other.maxDepth && dateStyles == other.dateStyles && part == other.part
                && shared == other.shared
        }
    }

    private struct Entry: @unchecked Sendable {
        // Unchecked: a tuple of value types (the merges' Ints, the grid's strings), never shared mutably.
        let key: Key
        let read: Read
    }

    private let slot = Mutex<Entry?>(nil)

    /// The one memo of the process.
    static let last = WorksheetMemo()

    /// The kept read of `key`'s inputs, which is then forgotten; nil when the kept read (if any) is of other inputs.
    func take(_ key: Key) -> Read? {
        slot.withLock { entry -> Read? in
            guard let e = entry, e.key.same(key) else { return nil }
            entry = nil
            return e.read
        }
    }

    /// Keeps `read` as the read of `key`'s inputs, in place of any other.
    func keep(_ key: Key, _ read: Read) {
        slot.withLock { $0 = Entry(key: key, read: read) }
    }

    /// Forgets the kept read.
    func clear() {
        slot.withLock { $0 = nil }
    }
}
