import Foundation
import GRDB

extension CaseLibrary {
    /// The library's cases of `periods` as the match step compares them: one subject per case, from its record
    /// and first sighting, `approved` when it is in an approved bulletin.
    public func matchSubjects(periods: [BulletinPeriod]) throws -> [MatchSubject] {
        // A month at a time, keeping only the subjects: the decoded cases of the whole window are never held at
        // once. The order is the one a single query gives (highest score first, ties by id).
        var byScore: [(score: Double, id: String, subject: MatchSubject)] = []
        for period in periods {
            byScore += try states(periods: [period]).map { ($0.record.assessment.score, $0.id, $0.matchSubject) }
        }
        byScore.sort { ($0.score, $1.id) > ($1.score, $0.id) }
        return byScore.map(\.subject)
    }

    /// Ids of the library's cases of `periods`, in the order `matchSubjects(periods:)` gives them (highest score
    /// first, ties by id), read from the columns alone: no case is decoded.
    public func matchSubjectIDs(periods: [BulletinPeriod]) throws -> [String] {
        guard !periods.isEmpty else { return [] }
        return try db.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM caseRecord WHERE period IN (\(databaseQuestionMarks(count: periods.count))) ORDER BY score DESC, id",
                                arguments: StatementArguments(periods.map(\.description)))
        }
    }

    /// The match subjects of the cases `ids`, in the order given (unknown ids left out): the same subjects as
    /// `CaseState.matchSubject` gives, read from the columns, the `caseText` row, the first sighting and the last
    /// history record, without decoding the cases (their JSON is mostly the assessment's reasons).
    public func matchSubjects(ids: [String]) throws -> [MatchSubject] {
        let byId = Dictionary(try briefs(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byId[$0]?.matchSubject }
    }

    /// Flags `caseId` as possibly the same achievement as each verdict's other case (疑似重复), keeping the
    /// verdict (evidence, vetoes) for `explain`.
    public func flagDuplicates(caseId: String, verdicts: [MatchVerdict], date: CalendarDate) throws {
        try flagDuplicates([(caseId, verdicts)], date: date)
    }

    /// Flags each case as `flagDuplicates(caseId:verdicts:date:)` does, in order, in one transaction.
    public func flagDuplicates(_ flags: [(caseId: String, verdicts: [MatchVerdict])], date: CalendarDate) throws {
        guard flags.contains(where: { !$0.verdicts.isEmpty }) else { return }
        let day = date.description
        try db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO duplicateFlag (caseId, otherId, score, date, verdict) VALUES (?, ?, ?, ?, \(LibraryJSON.textSQL))")
            var writer = LibraryJSON.Writer()
            for (caseId, verdicts) in flags {
                for v in verdicts where v.otherID != caseId {
                    try insert.execute(arguments: [caseId, v.otherID, v.score, day, try LibraryJSON.utf8(v, reusing: &writer)])
                }
            }
        }
    }

    /// Keeps the match verdict that attached a sighting to its case.
    public func recordAttachment(fileSHA256: String, index: Int, verdict: MatchVerdict) throws {
        let json = try LibraryJSON.utf8(verdict)
        try db.write { db in
            try db.execute(sql: "UPDATE sighting SET matchVerdict = \(LibraryJSON.textSQL) WHERE fileSHA256 = ? AND idx = ?", arguments: [json, fileSHA256, index])
        }
    }

    /// The open 疑似重复 flags of a case, best first, with their verdicts.
    public func duplicateVerdicts(caseId: String) throws -> [MatchVerdict] {
        try db.read { db in
            try String.fetchAll(db, sql: "SELECT verdict FROM duplicateFlag WHERE caseId = ? AND resolvedBy IS NULL ORDER BY score DESC, otherId",
                                arguments: [caseId])
        }.compactMap { try? JSONDecoder().decode(MatchVerdict.self, from: Data($0.utf8)) }
    }

    /// The verdicts that attached each of a case's sightings (file sha256, index → verdict).
    public func attachmentVerdicts(caseId: String) throws -> [MatchVerdict] {
        try db.read { db in
            try String.fetchAll(db, sql: "SELECT matchVerdict FROM sighting WHERE caseId = ? AND matchVerdict IS NOT NULL ORDER BY received, fileSHA256, idx",
                                arguments: [caseId])
        }.compactMap { try? JSONDecoder().decode(MatchVerdict.self, from: Data($0.utf8)) }
    }

    /// Open flags of the given cases: case id → other case ids, best first.
    func openFlags(_ ids: some Collection<String>, _ db: Database) throws -> [String: [String]] {
        guard !ids.isEmpty else { return [:] }
        var out: [String: [String]] = [:]
        // A cursor, columns by position (no row copied, no column looked up by name).
        // Prepared once a run (`CaseLibrary.inList`), the cursor read to its end before anything else runs.
        let list = Self.inList(ids)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT caseId, otherId FROM duplicateFlag WHERE resolvedBy IS NULL AND caseId IN (\(list.marks)) ORDER BY score DESC, otherId"),
                                       arguments: StatementArguments(list.values))
        while let row = try rows.next() {
            out[row[0], default: []].append(row[1])
        }
        return out
    }

    /// Marks a case's open flags (or only the one with `otherId`) as decided by event `sequence`.
    func resolveFlags(caseId: String, otherId: String?, by sequence: Int, _ db: Database) throws {
        if let otherId {
            try db.execute(sql: "UPDATE duplicateFlag SET resolvedBy = ? WHERE resolvedBy IS NULL AND ((caseId = ? AND otherId = ?) OR (caseId = ? AND otherId = ?))",
                           arguments: [sequence, caseId, otherId, otherId, caseId])
        } else {
            try db.execute(sql: "UPDATE duplicateFlag SET resolvedBy = ? WHERE resolvedBy IS NULL AND caseId = ?", arguments: [sequence, caseId])
        }
    }
}

extension CaseState {
    /// The case as the match step compares it.
    public var matchSubject: MatchSubject {
        let first = sightings.first
        return MatchSubject(id: id, title: record[.title], summary: record[.summary], submitter: record[.submitter],
                            supervisor: record[.supervisor], mobile: record[.mobile], year: record.period.year, month: record.period.month,
                            channel: first?.channel, approved: stage == .bulletined)
    }
}

extension CaseBrief {
    /// The case as the match step compares it (as `CaseState.matchSubject`).
    var matchSubject: MatchSubject {
        MatchSubject(id: id, title: self[.title], summary: self[.summary], submitter: self[.submitter], supervisor: self[.supervisor],
                     mobile: self[.mobile], year: period.year, month: period.month, channel: firstChannel, approved: stage == .bulletined)
    }
}

extension CaseLibrary {
    /// Appends the events of answers to 疑似重复 flags and closes the flags they answer, in one transaction.
    public func applyDuplicateAnswers(_ events: [CaseEvent]) throws {
        guard !events.isEmpty else { return }
        try db.write { db in
            for e in events {
                let seq = try LibraryMigrations.insert(e, db)
                if e.decision == "不是重复" || e.to == .merged { try resolveFlags(caseId: e.caseId, otherId: nil, by: seq, db) }
                if e.decision.hasPrefix("合并到 ") { try resolveFlags(caseId: e.caseId, otherId: String(e.decision.dropFirst(4)), by: seq, db) }
            }
        }
    }
}
