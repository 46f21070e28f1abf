import Foundation
import GRDB

/// What each audit log recorded of files (`LoggedIndex.OfLog`: where inputs were moved, which input bytes and
/// which outputs it accounts for), kept by the log's name with the sha256 of the log's bytes it was read from:
/// a run reads and hashes every log, but decodes only those whose bytes it has not seen. Table `loggedFiles`.
enum LoggedFiles {
    static func create(_ db: Database) throws {
        try db.create(table: "loggedFiles") { t in
            t.primaryKey("log", .text)               // the log's file name in the logs folder
            t.column("sha256", .text).notNull()      // of the log's bytes the row was read from
            t.column("recorded", .text).notNull()    // LoggedIndex.OfLog, JSON
        }
    }
}

extension CaseLibrary {
    /// Every kept row: log name → (sha256 of its bytes, what it recorded). Rows that do not decode are left out.
    func loggedFiles() throws -> [String: (sha256: String, recorded: LoggedIndex.OfLog)] {
        try db.read { db in
            var out: [String: (sha256: String, recorded: LoggedIndex.OfLog)] = [:]
            let decoder = JSONDecoder()
            for row in try Row.fetchAll(db, sql: "SELECT log, sha256, recorded FROM loggedFiles") {
                guard let r = try? decoder.decode(LoggedIndex.OfLog.self, from: Data((row["recorded"] as String).utf8)) else { continue }
                out[row["log"]] = (row["sha256"], r)
            }
            return out
        }
    }

    /// Keeps what these logs recorded (replacing what was kept under their names).
    func keepLoggedFiles(_ rows: [(log: String, sha256: String, recorded: LoggedIndex.OfLog)]) throws {
        guard !rows.isEmpty else { return }
        let encoder = Self.encoder
        try db.write { db in
            for r in rows {
                let json = String(decoding: try encoder.encode(r.recorded), as: UTF8.self)
                try db.execute(sql: "INSERT OR REPLACE INTO loggedFiles (log, sha256, recorded) VALUES (?, ?, ?)", arguments: [r.log, r.sha256, json])
            }
        }
    }
}
