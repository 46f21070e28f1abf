import Foundation
import GRDB

/// Each case's match postings (`MatchPostings`: title and summary n-grams, hard token values), one row per case in
/// table `matchPostings`, written in the transaction that creates the case, under the key of the settings and code
/// that made them (`MatchSettings.postingsKey`). The nightly match index reads the window's rows instead of
/// preparing a profile of every case of the window from its text.
///
/// The rows are a cache of what the case's text gives: a case without a row (added by an older binary, or before
/// the table existed) or with a row of another key (the settings changed) has its postings made from its text, as
/// before, and its row written then, so the next night reads it.
enum StoredPostings {
    /// Creates the table (empty: rows are made from the cases' text when first needed).
    static func create(_ db: Database) throws {
        try db.create(table: "matchPostings") { t in
            t.primaryKey("caseId", .text)
            t.column("settingsKey", .text).notNull()
            t.column("titleGrams", .blob).notNull()
            t.column("summaryGrams", .blob).notNull()
            t.column("tokens", .text).notNull()
        }
    }

    static let insertSQL = "INSERT OR REPLACE INTO matchPostings (caseId, settingsKey, titleGrams, summaryGrams, tokens) VALUES (?, ?, ?, ?, ?)"

    /// Writes (or replaces) the row of a case.
    static func insert(caseId: String, key: String, _ postings: MatchPostings, _ db: Database) throws {
        try db.cachedStatement(sql: insertSQL).execute(arguments: [caseId, key, blob(postings.titleGrams), blob(postings.summaryGrams),
                                                                   LibraryJSON.strings(postings.tokens)])
    }

    /// The stored form of grams, as `MatchPostings.blob` writes it (each gram's eight bytes, little-endian), made
    /// in one copy of the array's bytes rather than eight bytes appended at a time (which was a tenth of storing
    /// a big night's cases).
    static func blob(_ grams: [UInt64]) -> Data {
        #if _endian(little)
        return grams.withUnsafeBytes { Data($0) }
        #else
        return grams.map(\.littleEndian).withUnsafeBytes { Data($0) }
        #endif
    }
}

extension CaseLibrary {
    /// The stored postings of the cases `ids` made under `key`; a case without a row, with a row of another key,
    /// or with a row that does not decode is left out (its postings are to be made from its text).
    public func matchPostings(ids: [String], key: String) throws -> [String: MatchPostings] {
        guard !ids.isEmpty else { return [:] }
        return try db.read { db in
            var out: [String: MatchPostings] = [:]
            out.reserveCapacity(ids.count)
            // The nightly index reads the whole window here, 500 cases a list: one statement prepared for the read
            // (`inList`), its columns taken by position and its blobs and JSON read in place, not copied.
            for chunk in ids.chunks(of: Self.idsPerQuery) {
                let list = Self.inList(chunk)
                let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                    SELECT caseId, titleGrams, summaryGrams, tokens FROM matchPostings
                    WHERE settingsKey = ? AND caseId IN (\(list.marks))
                    """), arguments: StatementArguments([key] + list.values))
                while let row = try rows.next() {
                    guard let t = try row.withUnsafeData(atIndex: 1, { $0.flatMap(MatchPostings.grams) }),
                          let s = try row.withUnsafeData(atIndex: 2, { $0.flatMap(MatchPostings.grams) }),
                          let tokens = try row.withUnsafeData(atIndex: 3, { $0.flatMap(MatchPostings.tokens(json:)) }) else { continue }
                    out[row[0]] = MatchPostings(titleGrams: t, summaryGrams: s, tokens: tokens)
                }
            }
            return out
        }
    }

    /// Keeps the postings made from the text of cases that had no row of `key`, in one transaction.
    public func keepMatchPostings(_ made: [(caseId: String, postings: MatchPostings)], key: String) throws {
        guard !made.isEmpty else { return }
        try db.write { db in
            for m in made { try StoredPostings.insert(caseId: m.caseId, key: key, m.postings, db) }
        }
    }
}
