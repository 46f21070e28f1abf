import Foundation
import GRDB

/// The library's schema, one migration per change. A library written by any earlier version opens and migrates
/// with every case, sighting, refusal, issue number and annual list kept.
enum LibraryMigrations {
    static var migrator: DatabaseMigrator {
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
        m.registerMigration("v3: case ids issued once, sightings with channel, case history") { db in
            try migrateToV3(db)
        }
        m.registerMigration("v4: approvals of issues and lists, review sheets applied") { db in
            // One row per approved revision of a document: revision 0 is the approval, 1… are 更正.
            try db.create(table: "approval") { t in
                t.column("kind", .text).notNull()          // bulletin, quarterly, annual
                t.column("key", .text).notNull()           // 2026-11, 2026-Q4, 2026
                t.column("revision", .integer).notNull()
                t.column("date", .text).notNull()
                t.column("caseIds", .text).notNull()
                t.column("sheetId", .text).notNull()
                t.column("path", .text)                    // the final document, once written
                t.column("sha256", .text)
                t.primaryKey(["kind", "key", "revision"])
            }
            try db.create(table: "appliedSheet") { t in
                t.column("sheetId", .text).notNull()
                t.column("fileSHA256", .text).notNull()
                t.column("fileName", .text).notNull()
                t.column("date", .text).notNull()
                t.column("accepted", .integer).notNull()
                t.column("refused", .integer).notNull()
                t.primaryKey(["sheetId", "fileSHA256"])
            }
        }
        m.registerMigration("v5: possible duplicates, match evidence of sightings, the audit runs") { db in
            // A submission the match step thought probably the same achievement as another case: shown in the
            // review sheets' 疑似重复 column until a reviewer decides (合并到 / 不是重复).
            try db.create(table: "duplicateFlag") { t in
                t.column("caseId", .text).notNull().indexed()
                t.column("otherId", .text).notNull()
                t.column("score", .double).notNull()
                t.column("date", .text).notNull()
                t.column("verdict", .text).notNull()     // the MatchVerdict, JSON: evidence and vetoes for explain
                t.column("resolvedBy", .integer)          // the caseEvent that decided it, NULL while open
                t.primaryKey(["caseId", "otherId"])
            }
            try db.alter(table: "sighting") { t in t.add(column: "matchVerdict", .text) }
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS auditRun (seq INTEGER PRIMARY KEY AUTOINCREMENT, run TEXT NOT NULL UNIQUE,
                log TEXT NOT NULL, started TEXT NOT NULL, head TEXT NOT NULL, records INTEGER NOT NULL, finished INTEGER NOT NULL DEFAULT 0)
                """)
        }
        m.registerMigration("v6: requests to correct an approved issue (更正)") { db in
            try db.create(table: "correctionRequest") { t in
                t.column("period", .text).notNull()
                t.column("requested", .text).notNull()
                t.column("who", .text).notNull()
                t.column("why", .text).notNull()
                t.column("closed", .text)                 // the date the 更正 sheet came back, NULL while open
            }
        }
        m.registerMigration("v7: the form's short fields of each case beside it, read without decoding the case") { db in
            try CaseText.create(db)
        }
        m.registerMigration("v8: what each step's review sheets of a month were made from") { db in
            try SheetMemo.create(db)
        }
        m.registerMigration("v9: each case's match postings beside it, so the nightly index does not remake them") { db in
            try StoredPostings.create(db)
        }
        m.registerMigration("v10: what each audit log recorded of files, by its bytes' sha256, so a run does not decode every earlier log") { db in
            try LoggedFiles.create(db)
        }
        m.registerMigration("v11: the 疑似重复 flags without their own index on caseId, which the primary key (caseId, otherId) serves") { db in
            // Every read and update of the flags names caseId first, so the primary key's index finds them; the
            // second index only cost each flag's insert a B-tree of its own (38,141 flags at 20,000 rows, store6).
            try db.execute(sql: "DROP INDEX IF EXISTS \(Self.redundantFlagIndex)")
        }
        return m
    }

    /// v2 → v3: each case gets an id of its month and a number (`2026-11-0007`), in the order the cases were
    /// received; the old id (a hash of the normalised title) becomes the case's title key. Sightings, issues and
    /// annual lists are rewritten with the new ids, and every case gets its first history record.
    private static func migrateToV3(_ db: Database) throws {
        try db.create(table: "caseRecord3") { t in
            t.primaryKey("id", .text)
            t.column("period", .text).notNull().indexed()
            t.column("seq", .integer).notNull()
            t.column("titleKey", .text).notNull().indexed()
            t.column("title", .text).notNull()
            t.column("classified", .boolean).notNull()
            t.column("score", .double).notNull()
            t.column("received", .text).notNull()
            t.column("json", .text).notNull()
            t.uniqueKey(["period", "seq"])
        }
        try db.create(table: "sighting3") { t in
            t.column("caseId", .text).notNull().references("caseRecord3").indexed()
            t.column("fileSHA256", .text).notNull()
            t.column("fileName", .text).notNull()
            t.column("idx", .integer).notNull()
            t.column("received", .text).notNull()
            t.column("channel", .text)
            t.column("classified", .boolean).notNull().defaults(to: false)
            t.column("submitter", .text).notNull().defaults(to: "")
            t.primaryKey(["fileSHA256", "idx"])
        }
        try db.create(table: "caseEvent") { t in
            t.autoIncrementedPrimaryKey("seq")
            t.column("caseId", .text).notNull().references("caseRecord3").indexed()
            t.column("date", .text).notNull()
            t.column("runId", .text).notNull()
            t.column("step", .text).notNull()
            t.column("fromStage", .text)
            t.column("toStage", .text).notNull()
            t.column("decision", .text).notNull()
            t.column("json", .text).notNull()
        }

        var newIds: [String: String] = [:]
        var seqByPeriod: [String: Int] = [:]
        let rows = try Row.fetchAll(db, sql: "SELECT rowid, * FROM caseRecord ORDER BY period, received, rowid")
        for row in rows {
            let oldId: String = row["id"]
            let period: String = row["period"]
            let seq = (seqByPeriod[period] ?? 0) + 1
            seqByPeriod[period] = seq
            let newId = String(format: "%@-%04d", period, seq)
            newIds[oldId] = newId
            // The stored record gains its new id and its title key; everything else is kept as it was.
            guard var object = try JSONSerialization.jsonObject(with: Data((row["json"] as String).utf8)) as? [String: Any] else {
                throw LibraryError.migration("case \(oldId): its stored record is not a JSON object")
            }
            object["id"] = newId
            object["titleKey"] = oldId
            let json = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO caseRecord3 (id, period, seq, titleKey, title, classified, score, received, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [newId, period, seq, oldId, row["title"], row["classified"], row["score"], row["received"], json])
            let classified: Bool = row["classified"]
            let to: CaseStage = classified ? .classified : .waiting(for: "初选")
            let event = CaseEvent(caseId: newId, date: CalendarDate(row["received"] as String) ?? fallbackDate,
                                  runId: "migration-v3", from: nil, to: to, who: "bulletin",
                                  why: "migrated from library schema v2, where cases had no stage: no decision had been recorded")
            try insert(event, db)
        }
        for row in try Row.fetchAll(db, sql: "SELECT s.*, c.classified AS cc FROM sighting s JOIN caseRecord c ON c.id = s.caseId") {
            let oldId: String = row["caseId"]
            guard let newId = newIds[oldId] else { continue }
            try db.execute(sql: """
                INSERT INTO sighting3 (caseId, fileSHA256, fileName, idx, received, channel, classified, submitter)
                VALUES (?, ?, ?, ?, ?, NULL, ?, '')
                """, arguments: [newId, row["fileSHA256"], row["fileName"], row["idx"], row["received"], row["cc"]])
        }
        func remap(_ json: String) throws -> String {
            let ids = (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
            return String(decoding: try JSONEncoder().encode(ids.map { newIds[$0] ?? $0 }), as: UTF8.self)
        }
        for row in try Row.fetchAll(db, sql: "SELECT period, caseIds FROM issue") {
            try db.execute(sql: "UPDATE issue SET caseIds = ? WHERE period = ?", arguments: [try remap(row["caseIds"]), row["period"] as String])
        }
        for row in try Row.fetchAll(db, sql: "SELECT year, caseIds FROM annualList") {
            try db.execute(sql: "UPDATE annualList SET caseIds = ? WHERE year = ?", arguments: [try remap(row["caseIds"]), row["year"] as Int])
        }
        try db.drop(table: "sighting")
        try db.drop(table: "caseRecord")
        try db.rename(table: "caseRecord3", to: "caseRecord")
        try db.rename(table: "sighting3", to: "sighting")
    }

    /// The index v5 made on `duplicateFlag(caseId)` (GRDB's name for `.indexed()`), dropped by v11.
    static let redundantFlagIndex = "duplicateFlag_on_caseId"

    private static let fallbackDate = CalendarDate.today(in: TimeZone(identifier: "UTC") ?? .current)

    /// Appends one event; returns its sequence number. Its JSON is `JSONEncoder`'s with sorted keys, written by
    /// `LibraryJSON`.
    @discardableResult
    static func insert(_ event: CaseEvent, _ db: Database) throws -> Int {
        try insertCounted(event, db).sequence
    }

    /// Appends one event; returns its sequence number and the UTF-8 length of the JSON stored for it.
    static func insertCounted(_ event: CaseEvent, _ db: Database) throws -> (sequence: Int, jsonBytes: Int) {
        let json = try LibraryJSON.utf8(event)
        try db.cachedStatement(sql: """
            INSERT INTO caseEvent (caseId, date, runId, step, fromStage, toStage, decision, json) VALUES (?, ?, ?, ?, ?, ?, ?, \(LibraryJSON.textSQL))
            """).execute(arguments: [event.caseId, event.date.description, event.runId, event.step, event.from?.rawValue, event.to.rawValue,
                             event.decision, json])
        return (Int(db.lastInsertedRowID), json.count)
    }
}
