import Foundation
import GRDB

/// The case library (成果库): an SQLite database that accumulates cases across nightly runs.
/// Files are remembered by sha256, so the same input never adds a case twice; issues keep their numbers.
public final class CaseLibrary: Sendable {
    let db: DatabaseQueue

    /// Opens (creating and migrating) the library at `path`; a file that cannot be opened throws a
    /// `LibraryOpenError` naming the path and the backup to restore.
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        do {
            db = try DatabaseQueue(path: path, configuration: config)
            try Self.migrator.migrate(db)
        } catch {
            throw LibraryOpenError(path: path, underlying: error)
        }
    }

    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "file") { t in
                t.primaryKey("sha256", .text)
                t.column("name", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("firstSeen", .text).notNull()
                t.column("outcome", .text).notNull()
            }
            try db.create(table: "caseRecord") { t in
                t.primaryKey("id", .text)
                t.column("title", .text).notNull()
                t.column("classified", .boolean).notNull()
                t.column("score", .double).notNull()
                t.column("period", .text).notNull().indexed()
                t.column("received", .text).notNull()
                t.column("json", .text).notNull()
            }
            try db.create(table: "sighting") { t in
                t.column("caseId", .text).notNull().references("caseRecord").indexed()
                t.column("fileSHA256", .text).notNull()
                t.column("fileName", .text).notNull()
                t.column("idx", .integer).notNull()
                t.column("received", .text).notNull()
                t.primaryKey(["fileSHA256", "idx"])
            }
            try db.create(table: "issue") { t in
                t.primaryKey("period", .text)
                t.column("year", .integer).notNull()
                t.column("number", .integer).notNull()
                t.column("totalNumber", .integer).notNull().unique()
                t.column("date", .text).notNull()
                t.column("caseIds", .text).notNull()
            }
        }
        m.registerMigration("v2: refusals and annual lists, for statistics") { db in
            try db.create(table: "refusal") { t in
                t.column("fileSHA256", .text).notNull()
                t.column("idx", .integer).notNull()
                t.column("submitter", .text).notNull()
                t.column("supervisor", .text).notNull()
                t.column("title", .text).notNull()
                t.column("period", .text).notNull().indexed()
                t.column("reasons", .text).notNull()
                t.primaryKey(["fileSHA256", "idx"])
            }
            try db.create(table: "annualList") { t in
                t.primaryKey("year", .integer)
                t.column("date", .text).notNull()
                t.column("caseIds", .text).notNull()
            }
        }
        return m
    }

    // MARK: - Files

    /// The outcome recorded for a file already processed, nil when it is new.
    public func knownFile(sha256: String) throws -> String? {
        try db.read { try String.fetchOne($0, sql: "SELECT outcome FROM file WHERE sha256 = ?", arguments: [sha256]) }
    }

    /// What storing one file's cases did.
    public struct StoreResult: Sendable, Equatable {
        /// Cases new to the library.
        public var added: [String]
        /// Cases the library already held (the same achievement again): recorded as another sighting.
        public var alreadyKnown: [String]
    }

    /// Records a file and its cases in one transaction. A case whose id is known keeps its first record.
    public func store(fileSHA256: String, fileName: String, size: Int, outcome: String, received: String,
                      cases: [CaseRecord]) throws -> StoreResult {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try db.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO file (sha256, name, size, firstSeen, outcome) VALUES (?, ?, ?, ?, ?)",
                           arguments: [fileSHA256, fileName, size, received, outcome])
            var result = StoreResult(added: [], alreadyKnown: [])
            for c in cases {
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM caseRecord WHERE id = ?", arguments: [c.id]) ?? false
                if exists {
                    result.alreadyKnown.append(c.id)
                } else {
                    let json = String(decoding: try encoder.encode(c), as: UTF8.self)
                    try db.execute(sql: "INSERT INTO caseRecord (id, title, classified, score, period, received, json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [c.id, c[.title], c.classified, c.assessment.score, c.period, c.received, json])
                    result.added.append(c.id)
                }
                try db.execute(sql: "INSERT OR IGNORE INTO sighting (caseId, fileSHA256, fileName, idx, received) VALUES (?, ?, ?, ?, ?)",
                               arguments: [c.id, fileSHA256, fileName, c.sourceIndex, received])
            }
            return result
        }
    }

    /// A submission refused at validation, kept for the statistics of submissions per unit and bureau.
    public struct RefusedSubmission: Sendable, Equatable {
        public var index: Int
        public var submitter: String
        public var supervisor: String
        public var title: String
        public var reasons: [String]
        /// Creates a record.
        public init(index: Int, submitter: String, supervisor: String, title: String, reasons: [String]) {
            self.index = index
            self.submitter = submitter
            self.supervisor = supervisor
            self.title = title
            self.reasons = reasons
        }
    }

    /// Records the refused submissions of a file (the file itself is recorded by `store`).
    public func recordRefusals(fileSHA256: String, period: String, _ refused: [RefusedSubmission]) throws {
        try db.write { db in
            for r in refused {
                try db.execute(sql: "INSERT OR IGNORE INTO refusal (fileSHA256, idx, submitter, supervisor, title, period, reasons) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [fileSHA256, r.index, r.submitter, r.supervisor, r.title, period, r.reasons.joined(separator: "\n")])
            }
        }
    }

    /// Refused submissions whose period is in `periods`: (submitter, supervisor) pairs.
    public func refusals(periods: Set<String>) throws -> [(submitter: String, supervisor: String)] {
        try db.read { db in
            let list = periods.sorted()
            let marks = databaseQuestionMarks(count: list.count)
            return try Row.fetchAll(db, sql: "SELECT submitter, supervisor FROM refusal WHERE period IN (\(marks)) ORDER BY fileSHA256, idx",
                                    arguments: StatementArguments(list)).map { ($0["submitter"], $0["supervisor"]) }
        }
    }

    // MARK: - Annual list

    /// Records the year's annual list as last drafted.
    public func recordAnnualList(year: Int, date: String, caseIds: [String]) throws {
        let ids = String(decoding: try JSONEncoder().encode(caseIds), as: UTF8.self)
        try db.write { db in
            try db.execute(sql: "INSERT INTO annualList (year, date, caseIds) VALUES (?, ?, ?) ON CONFLICT(year) DO UPDATE SET date = excluded.date, caseIds = excluded.caseIds",
                           arguments: [year, date, ids])
        }
    }

    /// The year's annual list as last drafted (empty when none).
    public func annualList(year: Int) throws -> [String] {
        try db.read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT caseIds FROM annualList WHERE year = ?", arguments: [year]) else { return [] }
            return (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
        }
    }

    // MARK: - Cases

    /// Every case of a bulletin month, highest score first, ties by id.
    public func cases(period: String) throws -> [CaseRecord] {
        try fetch("SELECT json FROM caseRecord WHERE period = ? ORDER BY score DESC, id", [period])
    }

    /// Every case of a year (by bulletin month), highest score first, ties by id.
    public func cases(year: Int) throws -> [CaseRecord] {
        try fetch("SELECT json FROM caseRecord WHERE period LIKE ? ORDER BY score DESC, id", [String(format: "%04d-%%", year)])
    }

    /// Cases by id, in the order given (unknown ids skipped).
    public func cases(ids: [String]) throws -> [CaseRecord] {
        var out: [CaseRecord] = []
        for id in ids { out += try fetch("SELECT json FROM caseRecord WHERE id = ?", [id]) }
        return out
    }

    /// How many cases the library holds.
    public func caseCount() throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM caseRecord") ?? 0 }
    }

    private func fetch(_ sql: String, _ arguments: StatementArguments) throws -> [CaseRecord] {
        let rows = try db.read { try String.fetchAll($0, sql: sql, arguments: arguments) }
        let decoder = JSONDecoder()
        return try rows.map { try decoder.decode(CaseRecord.self, from: Data($0.utf8)) }
    }

    // MARK: - Issues

    /// A bulletin issue's numbers and contents as recorded.
    public struct IssueRecord: Sendable, Equatable {
        public var period: String
        public var number: Int
        public var totalNumber: Int
        public var date: String
        public var caseIds: [String]
    }

    /// Records the issue for `period` with its cases, keeping the numbers it was first given. The bulletin is
    /// monthly, so its number in the year (第N期) is the month; the running number (总第N期) is the next after
    /// the highest recorded, starting at `firstTotal`.
    public func recordIssue(period: String, date: String, caseIds: [String], firstTotal: Int) throws -> IssueRecord {
        let year = Int(period.prefix(4)) ?? 0
        let ids = String(decoding: try JSONEncoder().encode(caseIds), as: UTF8.self)
        return try db.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT number, totalNumber FROM issue WHERE period = ?", arguments: [period]) {
                try db.execute(sql: "UPDATE issue SET date = ?, caseIds = ? WHERE period = ?", arguments: [date, ids, period])
                return IssueRecord(period: period, number: row["number"], totalNumber: row["totalNumber"], date: date, caseIds: caseIds)
            }
            let number = Int(period.suffix(2)) ?? 0
            let total = (try Int.fetchOne(db, sql: "SELECT MAX(totalNumber) FROM issue") ?? (firstTotal - 1)) + 1
            try db.execute(sql: "INSERT INTO issue (period, year, number, totalNumber, date, caseIds) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [period, year, number, total, date, ids])
            return IssueRecord(period: period, number: number, totalNumber: total, date: date, caseIds: caseIds)
        }
    }

    /// The issues of a year, by month.
    public func issues(year: Int) throws -> [IssueRecord] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM issue WHERE year = ? ORDER BY period", arguments: [year]).map { row in
                let ids = (try? JSONDecoder().decode([String].self, from: Data((row["caseIds"] as String).utf8))) ?? []
                return IssueRecord(period: row["period"], number: row["number"], totalNumber: row["totalNumber"], date: row["date"], caseIds: ids)
            }
        }
    }
}
