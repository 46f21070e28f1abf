import OOXML
import Synchronization

/// What `ReviewSheetReader` parsed of a workbook while finding it is not a review sheet, handed on to `XlsxReader`
/// so that no part is inflated and parsed twice.
///
/// Why: `FileKind.decide` asks `ReviewSheetReader` whether an .xlsx is a returned review sheet. To answer, it parses
/// the shared strings, the date styles and the first sheet (rows copied out of a review sheet are refused with their
/// own message). When the answer is no, those reads travel in `FileKind.workbook` to `XlsxReader`, which takes them
/// instead of reading the parts again. The first sheet is most of a workbook's cost (500 M instructions for the
/// 2,000 rows of `bench_tabular.py`'s rows.xlsx), and an Excel-saved workbook keeps all its text in the shared strings.
///
/// Exact: the reads are handed out only for the same file bytes (the same storage, or equal bytes), the same zip
/// limits and the same XML depth limit they were made with. Taken once: the box is empty afterwards, so a decided
/// kind kept after extraction (`Pipeline.Item.kind`) holds nothing of the file.
public final class WorkbookReads: Sendable {
    /// A worksheet's cells by row and column, and its merged ranges.
    typealias Worksheet = (grid: [Int: [Int: String]], merges: [(r1: Int, c1: Int, r2: Int, c2: Int)])

    /// The parsed parts, and what they were parsed from and with.
    struct Reads: @unchecked Sendable {
        // Unchecked: value types only (the worksheets' tuples of Ints and strings), never shared mutably.
        /// The file's bytes (kept, not copied: the same storage as the caller's array).
        let bytes: [UInt8]
        let limits: ZipLimits
        let maxDepth: Int
        /// The shared strings and the date styles' cellXfs indexes.
        let shared: [String]
        let dateStyles: Set<Int>
        /// Worksheets read, by part name (already resolved against the workbook part).
        let sheets: [String: Worksheet]
    }

    private let slot: Mutex<Reads?>

    init(_ reads: Reads) {
        slot = Mutex(reads)
    }

    /// The reads, when they were made from `bytes` with `limits` and `maxDepth`; nil otherwise. The box is empty
    /// afterwards either way.
    func take(for bytes: [UInt8], limits: ZipLimits, maxDepth: Int) -> Reads? {
        let reads = slot.withLock { kept -> Reads? in
            defer { kept = nil }
            return kept
        }
        guard let reads, reads.limits == limits, reads.maxDepth == maxDepth, ZipEntryFingerprint.sameBytes(reads.bytes, bytes) else { return nil }
        return reads
    }

    /// Whether the box still holds its reads (for tests).
    var isEmpty: Bool { slot.withLock { $0 == nil } }
}
