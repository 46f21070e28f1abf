import Foundation
import GRDB

/// What a document's approval fixed: its cases, from which sheet, and the final file once written.
public struct Approval: Sendable, Equatable {
    /// Which document.
    public enum Kind: String, Sendable, Codable {
        case bulletin, quarterly, annual
    }
    public var kind: Kind
    /// `2026-11` for a bulletin, `2026-Q4` for a quarterly release, `2026` for an annual list.
    public var key: String
    /// 0 for the approval, 1… for each 更正.
    public var revision: Int
    /// When it was approved.
    public var date: CalendarDate
    /// The approved cases, in order.
    public var caseIds: [String]
    /// The approving sheet.
    public var sheetId: String
    /// The final document, relative to the outbox, once written.
    public var path: String?
    /// Its sha256, once written.
    public var sha256: String?

    /// Creates an approval record.
    public init(kind: Kind, key: String, revision: Int, date: CalendarDate, caseIds: [String], sheetId: String,
                path: String? = nil, sha256: String? = nil) {
        self.kind = kind
        self.key = key
        self.revision = revision
        self.date = date
        self.caseIds = caseIds
        self.sheetId = sheetId
        self.path = path
        self.sha256 = sha256
    }
}

extension CaseLibrary {
    /// Records an approval (or a 更正 as the next revision).
    public func record(approval: Approval) throws {
        let ids = String(decoding: try JSONEncoder().encode(approval.caseIds), as: UTF8.self)
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO approval (kind, key, revision, date, caseIds, sheetId, path, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [approval.kind.rawValue, approval.key, approval.revision, approval.date.description, ids,
                                 approval.sheetId, approval.path, approval.sha256])
        }
    }

    /// Records where an approved revision's final document was written. Written once: a second call for the
    /// same revision changes nothing.
    public func recordDocument(kind: Approval.Kind, key: String, revision: Int, path: String, sha256: String) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE approval SET path = ?, sha256 = ? WHERE kind = ? AND key = ? AND revision = ? AND path IS NULL",
                           arguments: [path, sha256, kind.rawValue, key, revision])
        }
    }

    /// Every approved revision of a kind, by key and revision.
    public func approvals(kind: Approval.Kind) throws -> [Approval] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM approval WHERE kind = ? ORDER BY key, revision", arguments: [kind.rawValue]).compactMap { row in
                guard let date = CalendarDate(row["date"] as String) else { return nil }
                let ids = (try? JSONDecoder().decode([String].self, from: Data((row["caseIds"] as String).utf8))) ?? []
                return Approval(kind: kind, key: row["key"], revision: row["revision"], date: date, caseIds: ids,
                                sheetId: row["sheetId"], path: row["path"], sha256: row["sha256"])
            }
        }
    }

    /// Records that a returned sheet was applied (its file and how many rows were accepted and refused).
    public func recordAppliedSheet(sheetId: String, fileSHA256: String, fileName: String, date: CalendarDate, accepted: Int, refused: Int) throws {
        try db.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO appliedSheet (sheetId, fileSHA256, fileName, date, accepted, refused) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [sheetId, fileSHA256, fileName, date.description, accepted, refused])
        }
    }
}

extension CaseLibrary {
    /// Appends a sheet's events and records its approval, if any, in one transaction: all or nothing.
    public func apply(events: [CaseEvent], approval: Approval?) throws {
        try db.write { db in
            for e in events { try LibraryMigrations.insert(e, db) }
            if let a = approval {
                let ids = String(decoding: try JSONEncoder().encode(a.caseIds), as: UTF8.self)
                try db.execute(sql: "INSERT INTO approval (kind, key, revision, date, caseIds, sheetId) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [a.kind.rawValue, a.key, a.revision, a.date.description, ids, a.sheetId])
            }
        }
    }
}

extension CaseLibrary {
    /// Asks for a 更正 of the approved issue of `period`: the next run writes a 审定 sheet for it.
    public func requestCorrection(period: BulletinPeriod, date: CalendarDate, who: String, why: String) throws {
        try db.write { db in
            try db.execute(sql: "INSERT INTO correctionRequest (period, requested, who, why) VALUES (?, ?, ?, ?)",
                           arguments: [period.description, date.description, who, why])
        }
    }

    /// The months with an open 更正 request.
    public func openCorrections() throws -> [BulletinPeriod] {
        try db.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT period FROM correctionRequest WHERE closed IS NULL ORDER BY period").compactMap(BulletinPeriod.init)
        }
    }

    /// Closes the open 更正 requests of `period`.
    public func closeCorrections(period: BulletinPeriod, date: CalendarDate) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE correctionRequest SET closed = ? WHERE period = ? AND closed IS NULL", arguments: [date.description, period.description])
        }
    }
}
