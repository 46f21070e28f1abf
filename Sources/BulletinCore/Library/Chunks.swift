import Foundation
import GRDB

extension Collection {
    /// The collection cut into consecutive slices of at most `size` elements, in order; none when it is empty.
    /// The library reads by id lists of at most `CaseLibrary.idsPerQuery` (an `IN (?, ?, …)` list stays under
    /// SQLite's limit on a statement's variables).
    func chunks(of size: Int) -> [SubSequence] {
        precondition(size > 0, "chunks(of:) needs a positive size")
        var out: [SubSequence] = []
        out.reserveCapacity((count + size - 1) / size)
        var start = startIndex
        while start != endIndex {
            let end = index(start, offsetBy: size, limitedBy: endIndex) ?? endIndex
            out.append(self[start..<end])
            start = end
        }
        return out
    }
}

extension CaseLibrary {
    /// How many ids one `IN (…)` list of the library's reads holds at most.
    static let idsPerQuery = 500

    /// The `?` marks and values of an `IN (…)` list of `ids`, padded to the next power of
    /// two (at most `idsPerQuery`) by repeating the last id, so that lists of any length share a handful of SQL
    /// texts and a statement reading them is prepared once a run (`Database.cachedStatement`), not once a list.
    /// A repeated id changes nothing an `IN` finds. (Preparing the case briefs' statement, with its subqueries,
    /// cost about 1.5 M instructions, and the match step reads a candidate list back once a submission: at the
    /// thirteenth month of `tools/bench_nightly.py`, preparing statements was 12% of the run.)
    static func inList<C: Collection<String>>(_ ids: C) -> (marks: String, values: [String]) {
        var values = Array(ids)
        // A longer list (no caller makes one) goes as it is.
        guard let last = values.last, values.count <= idsPerQuery else { return (databaseQuestionMarks(count: values.count), values) }
        var size = 1
        while size < values.count { size *= 2 }
        size = min(size, idsPerQuery)
        values.append(contentsOf: repeatElement(last, count: size - values.count))
        return (databaseQuestionMarks(count: size), values)
    }
}

extension CaseLibrary {
    /// A read in one deferred transaction, as `db.read` makes it, for reads made many times a run (the match step
    /// reads its candidates back once a submission). GRDB's `read` turns `PRAGMA query_only` on and off around
    /// each read, and SQLite expires every prepared statement of the connection when a flag pragma changes, so a
    /// statement kept with `cachedStatement` was compiled again at its next step: at the thirteenth month of
    /// `tools/bench_nightly.py` that recompiling was 12% of the run. Here no pragma is run; the closure must only
    /// read, and a closure that changed a row is rolled back and refused (`query_only`'s guard, kept).
    func readPrepared<T>(_ value: (Database) throws -> T) throws -> T {
        try db.unsafeRead { db in
            var result: T?
            let changes = db.totalChangesCount
            try db.inTransaction(.deferred) {
                result = try value(db)
                guard db.totalChangesCount == changes else {
                    throw DatabaseError(resultCode: .SQLITE_READONLY, message: "a read of the case library changed it; rolled back")
                }
                return .commit
            }
            guard let result else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "a read of the case library gave nothing") }
            return result
        }
    }
}
