import Foundation
import GRDB

/// The case library (成果库): an SQLite database that accumulates cases across nightly runs.
/// Files are remembered by sha256, so the same input never adds a case twice; issues keep their numbers.
public final class CaseLibrary: Sendable {
    let db: DatabaseQueue
    /// Where the library is.
    public let path: String
    /// The cases this library value stored (`StoredRecords`), read back without decoding their JSON.
    let storedRecords = StoredRecords()

    /// Opens (creating and migrating) the library at `path`; a file that cannot be opened throws a
    /// `LibraryOpenError` naming the path and the newest backup in `backups` to restore (the configuration's
    /// `outputs.backupDir`; nil: `backup/` beside the library), before anything else of the run happens.
    public init(path: String, backups: URL? = nil) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        do {
            db = try DatabaseQueue(path: path, configuration: config)
            try LibraryMigrations.migrator.migrate(db)
        } catch {
            throw LibraryOpenError(path: path, underlying: error, backups: backups)
        }
    }

    /// Opens the library read-only (no migration): for commands that must not change it. A transaction a stopped
    /// run left unfinished is rolled back first (`readOnlyQueue`). `backups` as `init(path:backups:)` takes it.
    public init(readOnlyPath path: String, backups: URL? = nil) throws {
        self.path = path
        db = try Self.readOnlyQueue(path, backups: backups).queue
        do {
            let pending = try db.read { try LibraryMigrations.migrator.hasCompletedMigrations($0) }
            guard pending else { throw LibraryError.outdated(path: path) }
        } catch let error as DatabaseError {
            throw LibraryOpenError(path: path, underlying: error, backups: backups)
        }
    }

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        db = queue
    }

    /// Opens the library for `bulletin verify`: read-only and as it is, whatever its schema (no migration), so that
    /// checking an outbox never changes its library; `verify` reads only the audit runs' heads. The note says when
    /// a transaction a stopped run left unfinished had to be rolled back first (`readOnlyQueue`).
    public static func forVerifying(path: String, backups: URL? = nil) throws -> (library: CaseLibrary, note: String?) {
        let (queue, rolledBack) = try readOnlyQueue(path, backups: backups)
        let name = URL(fileURLWithPath: path).lastPathComponent
        return (CaseLibrary(path: path, queue: queue),
                rolledBack ? "\(name) held a transaction that a stopped run left unfinished (\(name)-journal); SQLite rolled it back, so the "
                    + "library is as the last run committed it, and it was checked as such (nothing else of it was changed)" : nil)
    }

    /// A read-only connection to the library at `path`, its SHARED lock taken once to see that it can be read.
    ///
    /// One change is made when it must be: a library holding a transaction a stopped run left unfinished (a hot
    /// journal) cannot be read until SQLite rolls it back, which a read-only connection cannot do. It is then opened
    /// for writing, without migrating, only for SQLite to roll the transaction back (the library as the last run
    /// committed it, what any run would find first), and `rolledBack` is true. A user who cannot write the library
    /// gets a `LibraryOpenError` saying that; any other failure a `LibraryOpenError` naming it.
    static func readOnlyQueue(_ path: String, backups: URL?) throws -> (queue: DatabaseQueue, rolledBack: Bool) {
        func open() throws -> DatabaseQueue {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: path, configuration: config)
            // The first read takes SQLite's SHARED lock, which is where a hot journal shows.
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_schema") }
            return queue
        }
        do {
            return (try open(), false)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_READONLY_ROLLBACK {
            do {
                var config = Configuration()
                config.busyMode = .timeout(10)
                let writer = try DatabaseQueue(path: path, configuration: config)
                _ = try writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_schema") }
                try writer.close()
                return (try open(), true)
            } catch let again as DatabaseError where again.extendedResultCode == .SQLITE_READONLY_ROLLBACK
                                                        || again.resultCode.primaryResultCode == .SQLITE_READONLY
                                                        || again.resultCode.primaryResultCode == .SQLITE_CANTOPEN {
                throw LibraryOpenError(unfinished: path)
            } catch let again as DatabaseError {
                throw LibraryOpenError(path: path, underlying: again, backups: backups)
            }
        } catch let error as DatabaseError {
            throw LibraryOpenError(path: path, underlying: error, backups: backups)
        }
    }

    // MARK: - Files

    /// The outcome recorded for a file already processed, nil when it is new.
    public func knownFile(sha256: String) throws -> String? {
        try db.read { try String.fetchOne($0, sql: "SELECT outcome FROM file WHERE sha256 = ?", arguments: [sha256]) }
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
    public func recordRefusals(fileSHA256: String, period: BulletinPeriod, _ refused: [RefusedSubmission]) throws {
        try db.write { db in
            for r in refused {
                try db.execute(sql: "INSERT OR IGNORE INTO refusal (fileSHA256, idx, submitter, supervisor, title, period, reasons) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [fileSHA256, r.index, r.submitter, r.supervisor, r.title, period.description, r.reasons.joined(separator: "\n")])
            }
        }
    }

    /// Refused submissions whose period is in `periods`: (submitter, supervisor) pairs.
    public func refusals(periods: [BulletinPeriod]) throws -> [(submitter: String, supervisor: String)] {
        try db.read { db in
            let list = periods.map(\.description).sorted()
            let marks = databaseQuestionMarks(count: list.count)
            return try Row.fetchAll(db, sql: "SELECT submitter, supervisor FROM refusal WHERE period IN (\(marks)) ORDER BY fileSHA256, idx",
                                    arguments: StatementArguments(list)).map { ($0["submitter"], $0["supervisor"]) }
        }
    }

    // MARK: - Annual list

    /// Records the year's annual list as last drafted.
    public func recordAnnualList(year: Int, date: CalendarDate, caseIds: [String]) throws {
        let ids = String(decoding: try JSONEncoder().encode(caseIds), as: UTF8.self)
        try db.write { db in
            try db.execute(sql: "INSERT INTO annualList (year, date, caseIds) VALUES (?, ?, ?) ON CONFLICT(year) DO UPDATE SET date = excluded.date, caseIds = excluded.caseIds",
                           arguments: [year, date.description, ids])
        }
    }

    /// The year's annual list as last drafted (empty when none).
    public func annualList(year: Int) throws -> [String] {
        try db.read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT caseIds FROM annualList WHERE year = ?", arguments: [year]) else { return [] }
            return (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
        }
    }

    // MARK: - Issues

    /// A bulletin issue's numbers and contents as recorded.
    public struct IssueRecord: Sendable, Equatable {
        /// The month it covers.
        public var period: BulletinPeriod
        /// 第N期: the month.
        public var number: Int
        /// 总第N期: the running number, fixed when the issue is first recorded.
        public var totalNumber: Int
        /// The date of the draft as last recorded.
        public var date: CalendarDate
        /// Its cases, in order.
        public var caseIds: [String]
        /// Creates a record.
        public init(period: BulletinPeriod, number: Int, totalNumber: Int, date: CalendarDate, caseIds: [String]) {
            self.period = period
            self.number = number
            self.totalNumber = totalNumber
            self.date = date
            self.caseIds = caseIds
        }
    }

    /// Records an issue as selected. The numbers an issue was first given are kept: a later draft of the same
    /// month updates only its date and contents.
    public func record(issue: IssueRecord) throws {
        let ids = String(decoding: try JSONEncoder().encode(issue.caseIds), as: UTF8.self)
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO issue (period, year, number, totalNumber, date, caseIds) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(period) DO UPDATE SET date = excluded.date, caseIds = excluded.caseIds
                """, arguments: [issue.period.description, issue.period.year, issue.number, issue.totalNumber, issue.date.description, ids])
        }
    }

    /// The issues of a year, by month.
    public func issues(year: Int) throws -> [IssueRecord] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM issue WHERE year = ? ORDER BY period", arguments: [year]).compactMap(Self.issue)
        }
    }

    /// The highest running number (总第N期) ever given, nil before the first issue.
    public func highestTotalNumber() throws -> Int? {
        try db.read { try Int.fetchOne($0, sql: "SELECT MAX(totalNumber) FROM issue") }
    }

    private static func issue(_ row: Row) -> IssueRecord? {
        guard let period = BulletinPeriod(row["period"] as String), let date = CalendarDate(row["date"] as String) else { return nil }
        let ids = (try? JSONDecoder().decode([String].self, from: Data((row["caseIds"] as String).utf8))) ?? []
        return IssueRecord(period: period, number: row["number"], totalNumber: row["totalNumber"], date: date, caseIds: ids)
    }
}
