import Foundation
import GRDB
import SystemFiles

/// The case library could not be opened: names the file, what is wrong in plain words, and the backup to
/// restore. Thrown before the run touches any input.
public struct LibraryOpenError: Error, CustomStringConvertible, Sendable {
    /// The library file.
    public var path: String
    /// What is wrong, in plain words.
    public var reason: String
    /// What to do.
    public var advice: String
    /// Set by a run, which opens the library before its intake (`beforeIntake()`): the message then says nothing
    /// was read from or moved out of the inbox. The commands that never touch the inbox (`status`, `explain`,
    /// `verify`, `correct`) leave it false, as that sentence would only mislead there.
    public private(set) var stoppedBeforeIntake = false

    /// Describes `underlying` for a person and finds the newest backup in `backups`: the configuration's backup
    /// folder (`outputs.backupDir`) when the caller knows it, else `backup/` beside the library.
    init(path: String, underlying: any Error, backups: URL? = nil) {
        self.path = path
        let damaged: Bool
        if let e = underlying as? DatabaseError {
            damaged = [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(e.resultCode.primaryResultCode)
            reason = damaged ? "it is not a readable SQLite database (damaged, truncated or overwritten; SQLite code \(e.resultCode.rawValue))"
                : "SQLite refused it (\(e.message ?? "code \(e.resultCode.rawValue)"))"
        } else {
            damaged = false
            reason = (underlying as NSError).localizedDescription
        }
        let folder = backups ?? URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(LibraryBackup.folderName)
        let name = URL(fileURLWithPath: path).lastPathComponent
        advice = Self.restore(path, from: folder, first: "move the damaged file aside, ")
            ?? (damaged ? "restore \(name) from a backup (none found in \(folder.path)); or move the damaged file aside to start an empty library, then drop the files of the archive into the inbox again to rebuild it"
                : "check the file's permissions and the free space of its disk, then run again")
    }

    /// The library is missing from an outbox whose `logs/` holds `logs` audit logs of earlier runs: a run would
    /// otherwise make a new, empty library there and number cases and issues from 1 again, with every decision,
    /// approval and chain head of the trail forgotten. The newest backup beside it is named, as for a damaged one.
    public init(missing path: String, logs: Int, backups folder: URL) {
        self.path = path
        reason = "it is missing, but the outbox holds \(logs) audit log(s) of earlier runs; a new empty library would number cases "
            + "and issues from 1 again and forget every decision and approval"
        let name = URL(fileURLWithPath: path).lastPathComponent
        advice = "put \(name) back, or "
            + (Self.restore(path, from: folder, first: "") ?? "restore it from a copy kept elsewhere (no backup is left in \(folder.path)), then run again")
            + ". To start a new library on purpose, give the run a new outbox"
    }

    /// The library holds a transaction a stopped run left unfinished (a hot journal beside it), which SQLite must roll
    /// back before anything can read the library, and this process cannot write the file to do so.
    init(unfinished path: String) {
        self.path = path
        let name = URL(fileURLWithPath: path).lastPathComponent
        reason = "it holds a transaction that a stopped run left unfinished (\(name)-journal beside it), which SQLite must roll back "
            + "before the library can be read, and this user cannot write the library to roll it back"
        advice = "run the command again as a user who can write the outbox (the one the nightly batch runs as): `bulletin verify` then rolls "
            + "the unfinished transaction back, which puts the library back as the last run committed it, and changes nothing else"
    }

    /// How to restore the library at `path` from the newest backup in `folder` (`first`: a step before the copy),
    /// nil when there is none.
    private static func restore(_ path: String, from folder: URL, first: String) -> String? {
        guard let newest = LibraryBackup.backups(in: folder).last else { return nil }
        let name = URL(fileURLWithPath: path).lastPathComponent
        return "restore \(name) from \(folder.lastPathComponent)/\(newest.lastPathComponent) (the newest backup; full path \(newest.path)): "
            + "\(first)copy the backup to \(path), then run again; the archive holds every file received since, and dropping them into the inbox again adds what the backup lacks"
    }

    /// The same error, said by a run that opens the library before its intake.
    public func beforeIntake() -> LibraryOpenError {
        var e = self
        e.stoppedBeforeIntake = true
        return e
    }

    /// The reason, and for a run that the inbox was left as it was.
    var reasonAndUntouched: String { stoppedBeforeIntake ? "\(reason); nothing was read from or moved out of the inbox" : reason }

    /// The message.
    public var description: String {
        "the case library \(path) cannot be opened: \(reasonAndUntouched). What to do: \(advice)"
    }
}

/// Each run's log and chain head, as the library keeps them: what `verify` checks the logs against.
public struct AuditRunHead: Sendable, Equatable {
    /// Order of runs (1, 2, …).
    public var seq: Int
    /// The run id.
    public var run: String
    /// Its log, relative to the outbox.
    public var log: String
    /// The hash of its last record written.
    public var head: String
    /// How many records it wrote.
    public var records: Int
    /// Whether it wrote its summary (or failure) record.
    public var finished: Bool
}

extension CaseLibrary {
    /// Every run's log and head, oldest first.
    public func auditRuns() throws -> [AuditRunHead] {
        try db.read { db in
            // A library from before schema v5, opened as it is (`forVerifying`), has no runs to give.
            guard try db.tableExists("auditRun") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM auditRun ORDER BY seq").map {
                AuditRunHead(seq: $0["seq"], run: $0["run"], log: $0["log"], head: $0["head"], records: $0["records"], finished: $0["finished"])
            }
        }
    }

    /// Records that a run starts its log (head "" until its first record).
    public func beginAuditRun(run: String, log: String, started: String) throws {
        try db.write { db in
            try db.execute(sql: "INSERT INTO auditRun (run, log, started, head, records) VALUES (?, ?, ?, '', 0)", arguments: [run, log, started])
        }
    }

    /// Moves a run's head on (after every record appended and flushed).
    public func updateAuditHead(run: String, head: String, records: Int, finished: Bool = false) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE auditRun SET head = ?, records = ?, finished = ? WHERE run = ?",
                           arguments: [head, records, finished, run])
        }
    }

    /// The cases a file became, as the library's sightings have them (for a file stored with no log record).
    public func sightings(fileSHA256: String) throws -> [(index: Int, caseId: String)] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT idx, caseId FROM sighting WHERE fileSHA256 = ? ORDER BY idx", arguments: [fileSHA256]).map { ($0["idx"], $0["caseId"]) }
        }
    }

    /// Writes a consistent copy of the library to `url`, which must not exist, flushed to disk.
    ///
    /// With a rollback journal (the library's mode) the file's own bytes are copied inside a read transaction:
    /// its first read takes SQLite's SHARED lock, held to its end, so no connection of any process can commit
    /// meanwhile, and a hot journal left by a crash is rolled back before the lock is granted. The copy is then the
    /// committed library page for page (it opens, migrates and verifies as the library does), made by the kernel
    /// (`FileOps.copyContents`); `VACUUM INTO` rebuilt every table and index into a new file, which cost about
    /// three times the CPU at 20,000 cases (store5). In any other journal mode (WAL keeps commits outside the
    /// file) the copy is `VACUUM INTO`, as before.
    public func backup(to url: URL) throws {
        let copied = try db.read { db -> Bool in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() ?? ""
            guard ["delete", "truncate", "persist"].contains(mode) else { return false }
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_schema")  // takes the SHARED lock
            try FileOps.copyContents(of: URL(fileURLWithPath: path), to: url, mode: 0o600)
            return true
        }
        guard !copied else { return }
        try db.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [url.path])
        }
    }
}
