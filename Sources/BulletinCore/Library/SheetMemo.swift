import Foundation
import GRDB

/// What the review sheets of one step and bulletin month were made from, and what they were: the nightly run
/// compares a fingerprint of the month's waiting cases (read from columns, no case decoded) with the one kept
/// here, and when it is the same and the sheets are still in place byte for byte, records them as written
/// without decoding their cases or making them again. Table `sheetMemo`, one row per step and month.
public struct SheetMemo: Sendable, Codable, Equatable {
    /// One sheet as written.
    public struct Sheet: Sendable, Codable, Equatable {
        /// Its file name under the review folder.
        public var fileName: String
        /// The sha256 of its bytes.
        public var sha256: String
        /// The log's kind of output (`review sheet 初选 基础处 2026-01`).
        public var kind: String
        /// Its rows' case ids, in order.
        public var cases: [String]
        /// Its sheet id.
        public var sheetId: String
        /// Its deadline, `YYYY-MM-DD`.
        public var deadline: String

        /// Creates a record.
        public init(fileName: String, sha256: String, kind: String, cases: [String], sheetId: String, deadline: String) {
            self.fileName = fileName
            self.sha256 = sha256
            self.kind = kind
            self.cases = cases
            self.sheetId = sheetId
            self.deadline = deadline
        }
    }

    /// The fingerprint of what the sheets were made from.
    public var fingerprint: String
    /// The sheets, in the order written (none: no sheet, every waiting case being classified).
    public var sheets: [Sheet]

    /// Creates a memo.
    public init(fingerprint: String, sheets: [Sheet]) {
        self.fingerprint = fingerprint
        self.sheets = sheets
    }

    static func create(_ db: Database) throws {
        try db.create(table: "sheetMemo") { t in
            t.column("step", .text).notNull()
            t.column("period", .text).notNull()
            t.column("fingerprint", .text).notNull()
            t.column("sheets", .text).notNull()   // [SheetMemo.Sheet], JSON
            t.primaryKey(["step", "period"])
        }
    }
}

extension CaseLibrary {
    /// The memo of a step's sheets of one month, nil when none was kept.
    public func sheetMemo(step: String, period: BulletinPeriod) throws -> SheetMemo? {
        try db.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT fingerprint, sheets FROM sheetMemo WHERE step = ? AND period = ?",
                                             arguments: [step, period.description]) else { return nil }
            guard let sheets = try? JSONDecoder().decode([SheetMemo.Sheet].self, from: Data((row["sheets"] as String).utf8)) else { return nil }
            return SheetMemo(fingerprint: row["fingerprint"], sheets: sheets)
        }
    }

    /// Keeps the memo of a step's sheets of one month (replacing the one kept).
    public func recordSheetMemo(step: String, period: BulletinPeriod, _ memo: SheetMemo) throws {
        let sheets = String(decoding: try Self.encoder.encode(memo.sheets), as: UTF8.self)
        try db.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO sheetMemo (step, period, fingerprint, sheets) VALUES (?, ?, ?, ?)",
                           arguments: [step, period.description, memo.fingerprint, sheets])
        }
    }

    /// What a sheet of the cases of `period` waiting at `stage` shows, as text, read without decoding a case: per
    /// waiting case (by id) its secrecy, its number of submissions, its last history record (its stage, labels and version follow from the
    /// history; its record never changes) and its open 疑似重复 flags; per case those flags name, what the cell
    /// shows of it (title, secrecy, whether the sheets know it: of `months`, or waiting at one of
    /// `waitingStages`). Equal texts give equal sheets, for the same process and writer.
    ///
    /// `cases`, when given, is every case of `period` as the library holds them now (a snapshot's whole month, read
    /// by `states(where:)` since nothing changed a case): the waiting cases' facts and open flags are then taken from
    /// them, not read again (the same values: `CaseFact(_:)`), and only the named cases not among them are read.
    public func sheetFacts(stage: CaseStage, period: BulletinPeriod, months: Set<BulletinPeriod>, waitingStages: Set<CaseStage>,
                           cases: [CaseState]? = nil) throws -> String {
        try db.read { db in
            let waiting: [CaseFact]
            var flags: [String: [String]] = [:]
            if let cases {
                // The stage of the last history record, as the query below compares it (not `CaseState.stage`'s fallback).
                let at = cases.filter { $0.record.period == period && $0.history.last?.to == stage }
                waiting = at.map(CaseFact.init).sorted { $0.id < $1.id }
                for c in at where !c.possibleDuplicates.isEmpty { flags[c.id] = c.possibleDuplicates }
            } else {
                // `last` is the case's last history record, joined by `facts(where:)` (the row of its highest seq):
                // its stage is compared there rather than found a second time by a subquery of its own.
                waiting = try facts(where: "c.period = ? AND last.toStage = ?", [period.description, stage.rawValue], db).sorted { $0.id < $1.id }
                let ids = waiting.map(\.id)
                for chunk in ids.chunks(of: Self.idsPerQuery) {
                    flags.merge(try openFlags(chunk, db)) { a, _ in a }
                }
            }
            var text = "\(stage.rawValue)\t\(period)\n"
            for b in waiting {
                text += "\(b.id)\t\(b.classified)\t\(b.lastSequence.map(String.init) ?? "-")\t\(b.sightingCount)\t\((flags[b.id] ?? []).joined(separator: ","))\n"
            }
            let named = Set(flags.values.joined()).sorted()
            // A named case waiting in this month is read as it was above (the same columns, by the same query, its
            // merged cases found alike): most flags name cases of the same night.
            var found: [String: CaseFact] = [:]
            for b in waiting { found[b.id] = b }
            for chunk in named.filter({ found[$0] == nil }).chunks(of: Self.idsPerQuery) {
                let list = Self.inList(chunk)
                for b in try facts(where: "c.id IN (\(list.marks))", StatementArguments(list.values), db) { found[b.id] = b }
            }
            text += "named\n"
            for id in named {
                guard let b = found[id] else {
                    text += "\(id)\tunknown\n"
                    continue
                }
                let known = months.contains(b.period) || waitingStages.contains(b.stage)
                text += "\(id)\t\(known ? b.title : "")\t\(b.classified)\t\(known)\n"
            }
            return text
        }
    }
}
