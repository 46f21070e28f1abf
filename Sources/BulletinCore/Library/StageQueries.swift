import GRDB

extension CaseLibrary {
    /// The bulletin months that have cases whose current stage is `stage`, oldest first. Reads no case.
    public func periods(atStage stage: CaseStage) throws -> [BulletinPeriod] {
        try db.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT c.period FROM caseRecord c
                WHERE (SELECT toStage FROM caseEvent e WHERE e.caseId = c.id ORDER BY e.seq DESC LIMIT 1) = ?
                ORDER BY c.period
                """, arguments: [stage.rawValue]).compactMap(BulletinPeriod.init)
        }
    }

    /// The cases of one bulletin month whose current stage is `stage`, highest score first, ties by id.
    public func states(atStage stage: CaseStage, period: BulletinPeriod) throws -> [CaseState] {
        try states(where: "c.period = ? AND (SELECT toStage FROM caseEvent e WHERE e.caseId = c.id ORDER BY e.seq DESC LIMIT 1) = ?",
                   [period.description, stage.rawValue])
    }
}

extension CaseLibrary {
    /// Calls `body` with every case of the library, one bulletin month at a time (oldest month first; within a
    /// month highest score first), so that a caller that keeps only what it needs holds one month's cases at once.
    public func forEachMonthOfCases(_ body: ([CaseState]) throws -> Void) throws {
        let months = try db.read { try String.fetchAll($0, sql: "SELECT DISTINCT period FROM caseRecord ORDER BY period") }
        for month in months { try body(try states(where: "c.period = ?", [month])) }
    }
}

extension CaseLibrary {
    /// Calls `body` with the brief of every case of the library (columns, the form's short fields, stage and
    /// secrecy; no case decoded), one bulletin month at a time, oldest month first, highest score first within.
    /// `fields` and `firstChannel` as `briefs(where:)` takes them: a reader that shows only some fields reads only
    /// those. The merges of the history are read once, not probed case by case.
    func forEachMonthOfBriefs(fields: [Field] = CaseText.fields, firstChannel: Bool = true, _ body: ([CaseBrief]) throws -> Void) throws {
        let (months, merged) = try db.read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT period FROM caseRecord ORDER BY period"), try mergedInAll(db))
        }
        for month in months {
            try body(try db.read { try briefs(where: "c.period = ?", [month], $0, fields: fields, firstChannel: firstChannel, merged: merged) })
        }
    }
}
