import Foundation
import GRDB

/// The short fields of each case's form (title, summary, units, mobile, 成果来源) and the date it was first
/// received, one row per case in table `caseText`, written when the case is created. A case's stored JSON is
/// mostly its assessment's reasons; reads that need only these fields (the match step's candidates, the
/// statistics, the outbox index) take them from here instead of decoding the case.
///
/// The values are the case record's own (`CaseRecord.fields`, `received`), never edited afterwards, as the record
/// is not. A library written before the table existed gets it filled from the stored JSON when it migrates; a
/// case without a row (one added by an older binary after that) is read from its JSON by SQLite.
enum CaseText {
    /// The form's fields the table keeps, by column name.
    static let fields: [Field] = [.title, .summary, .submitter, .supervisor, .mobile, .source]

    /// Creates the table and fills it from every stored case.
    static func create(_ db: Database) throws {
        try db.create(table: "caseText") { t in
            t.primaryKey("caseId", .text)
            for f in fields { t.column(f.rawValue, .text).notNull().defaults(to: "") }
            t.column("received", .text).notNull().defaults(to: "")
        }
        let columns = fields.map(\.rawValue) + ["received"]
        let values = fields.map { "COALESCE(json_extract(json, '$.fields.\($0.rawValue)'), '')" } + ["COALESCE(json_extract(json, '$.received'), received)"]
        try db.execute(sql: "INSERT INTO caseText (caseId, \(columns.joined(separator: ", "))) SELECT id, \(values.joined(separator: ", ")) FROM caseRecord")
    }

    /// The statement `insert` runs (made once, then cached by the connection).
    static let insertSQL: String = {
        let columns = ["caseId"] + fields.map(\.rawValue) + ["received"]
        return "INSERT OR REPLACE INTO caseText (\(columns.joined(separator: ", "))) VALUES (\(databaseQuestionMarks(count: columns.count)))"
    }()

    /// Writes the row of a case being created.
    static func insert(_ record: CaseRecord, _ db: Database) throws {
        let values: [(any DatabaseValueConvertible)?] = [record.id] + fields.map { record[$0] } + [record.received.description]
        try db.cachedStatement(sql: insertSQL).execute(arguments: StatementArguments(values))
    }

    /// The SQL value of a field of case `c` (table `caseRecord c LEFT JOIN caseText t`), from its row, else from
    /// its JSON; named as the field.
    static func column(_ field: Field) -> String {
        "COALESCE(t.\(field.rawValue), json_extract(c.json, '$.fields.\(field.rawValue)'), '') AS \(field.rawValue)"
    }

    /// The SQL value of the date case `c` was first received, named `textReceived`.
    static let received = "COALESCE(t.received, json_extract(c.json, '$.received'), c.received) AS textReceived"

    /// `caseRecord c` with its text row, for the columns above.
    static let from = "caseRecord c LEFT JOIN caseText t ON t.caseId = c.id"
}

/// What the review sheets' fingerprint shows of a case (`CaseLibrary.facts(where:)`): the fields of its
/// `CaseBrief` that `sheetFacts` reads, with the same values.
struct CaseFact: Sendable, Equatable {
    var id: String
    var period: BulletinPeriod
    /// 成果名称, as `CaseBrief[.title]`.
    var title: String
    var lastStage: CaseStage?
    var lastSequence: Int?
    var classified: Bool
    var sightingCount: Int

    /// The current stage, as `CaseBrief.stage`.
    var stage: CaseStage { lastStage ?? (classified ? .classified : .notSelected) }
}

extension CaseFact {
    /// The facts of a decoded case: what `facts(where:)` reads of it from the columns (its text row's title is its
    /// record's, its sightings include those of cases merged into it, its history is ordered by sequence number).
    init(_ c: CaseState) {
        let last = c.history.last
        self.init(id: c.id, period: c.record.period, title: c.record[.title], lastStage: last?.to, lastSequence: last?.sequence,
                  classified: c.classified, sightingCount: c.sightings.count)
    }
}

/// A case as the light reads see it: its columns and text row, its current stage, and its secrecy, without its
/// assessment or history decoded.
struct CaseBrief: Sendable, Equatable {
    var id: String
    var period: BulletinPeriod
    var fields: [Field: String]
    var received: CalendarDate
    /// The last history record's stage, date and sequence number (nil without history).
    var lastStage: CaseStage?
    var lastDate: CalendarDate?
    var lastSequence: Int?
    /// Whether the case is classified: as `CaseState.classified` (its record, or any sighting, its own or of a case
    /// merged into it).
    var classified: Bool
    /// The channel of its first sighting (own sightings first, then those of cases merged into it).
    var firstChannel: Channel?
    /// How many submissions stand behind it (its sightings and those of cases merged into it).
    var sightingCount: Int

    subscript(_ field: Field) -> String { fields[field] ?? "" }

    /// The current stage, as `CaseState.stage`.
    var stage: CaseStage { lastStage ?? (classified ? .classified : .notSelected) }
}

/// A sighting as briefs and facts see it of a case merged into another: its channel and secrecy.
struct SightingMark: Sendable, Equatable {
    var channel: Channel?
    var classified: Bool
}

extension CaseLibrary {
    /// The briefs of the cases matching an SQL condition on `caseRecord c`, highest score first, ties by id.
    /// The last history record is found once a case (the row of its highest sequence number, which is the one
    /// `ORDER BY seq DESC LIMIT 1` gives: sequence numbers are unique), not once for each of its three columns.
    ///
    /// A reader that shows only some of the form's fields names them in `fields` (the others are left out of
    /// `CaseBrief.fields`, so they read as ""), and one that does not need the first channel says so: a summary is
    /// kilobytes. `merged` is `mergedIn` of (at least) these cases when the caller read it already. Columns are
    /// read by position: GRDB's lookup by name lower-cases the name on every read.
    func briefs(where condition: String, _ arguments: StatementArguments, _ db: Database, fields wanted: [Field] = CaseText.fields,
                firstChannel wantsChannel: Bool = true, merged known: [String: [String]]? = nil) throws -> [CaseBrief] {
        let textFields = CaseText.fields.filter(wanted.contains)
        let channelColumn = wantsChannel
            ? "(SELECT channel FROM sighting s WHERE s.caseId = c.id ORDER BY s.received, s.fileSHA256, s.idx LIMIT 1)" : "NULL"
        let sql = """
            SELECT c.id, c.period, c.received, c.classified, \(CaseText.received),
              last.toStage AS lastStage, last.date AS lastDate, last.seq AS lastSequence,
              \(channelColumn) AS firstChannel,
              (SELECT COUNT(*) FROM sighting s WHERE s.caseId = c.id) AS seen,
              EXISTS (SELECT 1 FROM sighting s WHERE s.caseId = c.id AND s.classified) AS classifiedSighting
              \(textFields.map { ", " + CaseText.column($0) }.joined())
            FROM \(CaseText.from)
              LEFT JOIN caseEvent last ON last.seq = (SELECT MAX(seq) FROM caseEvent e WHERE e.caseId = c.id)
            WHERE \(condition) ORDER BY c.score DESC, c.id
            """
        // Each row as read, the secrecy of its record and own sightings folded; what merged cases bring is added below.
        var read: [(brief: CaseBrief, seen: Int)] = []
        // A month's cases repeat a few dates and one month: each text is parsed when it differs from the last one.
        var periods = LastParsed(BulletinPeriod.init), received = LastParsed(CalendarDate.init), lastDates = LastParsed(CalendarDate.init)
        // Prepared once a run (its conditions are a few texts, `IN` lists padded by `CaseLibrary.inList`); the
        // cursor is read to its end before anything else runs, so the cached statement is never used twice at once.
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            guard let period = periods(row[1] as String) else { continue }
            var fields: [Field: String] = [:]
            for (i, f) in textFields.enumerated() { fields[f] = row[11 + i] }
            let seen: Int = row[9]
            let classified: Bool = row[3]
            let ownClassified: Bool = row[10]
            let receivedOn = received(row[4] as String) ?? received(row[2] as String) ?? Self.unknownBriefDate
            read.append((CaseBrief(id: row[0], period: period, fields: fields, received: receivedOn,
                                   lastStage: (row[5] as String?).map(CaseStage.init(rawValue:)),
                                   lastDate: (row[6] as String?).flatMap { lastDates($0) }, lastSequence: row[7],
                                   classified: classified || ownClassified,
                                   firstChannel: seen > 0 ? (row[8] as String?).flatMap(Channel.init(rawValue:)) : nil,
                                   sightingCount: seen), seen))
        }
        let merged = try known ?? mergedIn(read.map(\.brief.id), db)
        // What cases merged into another bring it: their sightings' secrecy, and a channel when it has no sighting.
        let mergedSightings = try sightingMarks(Set(read.flatMap { merged[$0.brief.id] ?? [] }).sorted(), db)
        return read.map { r in
            var b = r.brief
            let fromMerged = (merged[b.id] ?? []).flatMap { mergedSightings[$0] ?? [] }
            guard !fromMerged.isEmpty else { return b }
            b.classified = b.classified || fromMerged.contains(where: \.classified)
            if r.seen == 0 && wantsChannel { b.firstChannel = fromMerged.first?.channel }
            b.sightingCount += fromMerged.count
            return b
        }
    }

    /// What the review sheets' fingerprint needs of the cases matching an SQL condition on `caseRecord c`
    /// (`CaseLibrary.sheetFacts`), as `briefs(where:)` gives it, highest score first, ties by id: the id, month,
    /// title, secrecy, last history record's stage and sequence number, and the count of submissions. The other
    /// text columns (a summary is kilobytes), the dates and the first channel are not read: the sheets' facts were
    /// a fifth of writing the sheets, most of it reading columns no fact shows.
    func facts(where condition: String, _ arguments: StatementArguments, _ db: Database) throws -> [CaseFact] {
        let sql = """
            SELECT c.id, c.period, c.classified, \(CaseText.column(.title)),
              last.toStage AS lastStage, last.seq AS lastSequence,
              (SELECT COUNT(*) FROM sighting s WHERE s.caseId = c.id) AS seen,
              EXISTS (SELECT 1 FROM sighting s WHERE s.caseId = c.id AND s.classified) AS classifiedSighting
            FROM \(CaseText.from)
              LEFT JOIN caseEvent last ON last.seq = (SELECT MAX(seq) FROM caseEvent e WHERE e.caseId = c.id)
            WHERE \(condition) ORDER BY c.score DESC, c.id
            """
        // Read through a cursor, columns by position (as `briefs(where:)`): GRDB's lookup by name lower-cases the
        // name on every read, and `fetchAll` copies every row first.
        var read: [(fact: CaseFact, seen: Int)] = []
        var periods = LastParsed(BulletinPeriod.init)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)  // as in `briefs(where:)`
        while let row = try rows.next() {
            guard let period = periods(row[1] as String) else { continue }
            let seen: Int = row[6]
            let classified: Bool = row[2], ownClassified: Bool = row[7]
            read.append((CaseFact(id: row[0], period: period, title: row[3], lastStage: (row[4] as String?).map(CaseStage.init(rawValue:)),
                                  lastSequence: row[5], classified: classified || ownClassified, sightingCount: seen), seen))
        }
        let merged = try mergedIn(read.map(\.fact.id), db)
        // What cases merged into another bring it: their sightings' count and secrecy (the read `briefs(where:)`
        // makes of them).
        let mergedSightings = try sightingMarks(Set(merged.values.joined()).sorted(), db)
        return read.map { r in
            var f = r.fact
            let fromMerged = (merged[f.id] ?? []).flatMap { mergedSightings[$0] ?? [] }
            guard !fromMerged.isEmpty else { return f }
            f.classified = f.classified || fromMerged.contains(where: \.classified)
            f.sightingCount = r.seen + fromMerged.count
            return f
        }
    }

    /// The briefs of the cases with these ids (unknown ids left out, in no particular order), read 500 ids at a
    /// time.
    func briefs(ids: [String]) throws -> [CaseBrief] {
        guard !ids.isEmpty else { return [] }
        let unique = Array(Set(ids))
        // Statements prepared once a run (`readPrepared`, `inList`): the match step asks once a submission.
        return try readPrepared { db in
            try unique.chunks(of: Self.idsPerQuery).flatMap { chunk in
                let list = Self.inList(chunk)
                return try briefs(where: "c.id IN (\(list.marks))", StatementArguments(list.values), db)
            }
        }
    }

    /// What briefs and facts take of the sightings of cases merged into others: each one's channel and secrecy, by
    /// case id, in the sightings' order (received, file, index), read `idsPerQuery` cases at a time.
    func sightingMarks(_ caseIds: [String], _ db: Database) throws -> [String: [SightingMark]] {
        var out: [String: [SightingMark]] = [:]
        for chunk in caseIds.chunks(of: Self.idsPerQuery) {
            let list = Self.inList(chunk)
            for s in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT caseId, channel, classified FROM sighting WHERE caseId IN (\(list.marks))
                ORDER BY received, fileSHA256, idx
                """), arguments: StatementArguments(list.values)) {
                out[s["caseId"], default: []].append(SightingMark(channel: (s["channel"] as String?).flatMap(Channel.init(rawValue:)), classified: s["classified"]))
            }
        }
        return out
    }

    /// `mergedIn` of every case of the library, from one pass over the history's merges and splits (for a reader
    /// of every case: one probe a case found the same rows).
    func mergedInAll(_ db: Database) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT caseId, decision FROM caseEvent
            WHERE substr(decision, 1, 4) = '合并入 ' OR substr(decision, 1, 4) = '拆分出 ' ORDER BY seq
            """)
        while let r = try rows.next() {
            let id: String = r[0], decision: String = r[1]
            if decision.hasPrefix("合并入 ") { out[id, default: []].append(String(decision.dropFirst(4))) }
            if decision.hasPrefix("拆分出 ") { out[id]?.removeAll { $0 == String(decision.dropFirst(4)) } }
        }
        return out.filter { !$0.value.isEmpty }
    }

    /// Cases merged into each of `ids` and not split off again, in the order of their history (as
    /// `states(where:)` finds them): read from the history's decision column, no event decoded.
    func mergedIn(_ ids: [String], _ db: Database) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for chunk in ids.chunks(of: Self.idsPerQuery) {
            let list = Self.inList(chunk)
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT caseId, decision FROM caseEvent WHERE caseId IN (\(list.marks))
                AND (substr(decision, 1, 4) = '合并入 ' OR substr(decision, 1, 4) = '拆分出 ') ORDER BY seq
                """), arguments: StatementArguments(list.values))
            for r in rows {
                let id: String = r["caseId"], decision: String = r["decision"]
                if decision.hasPrefix("合并入 ") { out[id, default: []].append(String(decision.dropFirst(4))) }
                if decision.hasPrefix("拆分出 ") { out[id]?.removeAll { $0 == String(decision.dropFirst(4)) } }
            }
        }
        return out.filter { !$0.value.isEmpty }
    }

    private static let unknownBriefDate = CalendarDate(year: 1970, month: 1, day: 1) ?? CalendarDate.today(in: .current)
}

/// A parser that remembers its last text and what it gave: the same text again gives the same value without being
/// parsed (the parsers it is used with are pure functions of the text).
struct LastParsed<Value> {
    private let parse: (String) -> Value?
    private var last: (text: String, value: Value?)?

    init(_ parse: @escaping (String) -> Value?) { self.parse = parse }

    mutating func callAsFunction(_ text: String) -> Value? {
        // Compared by bytes, not by `==` (which equates canonically equivalent texts).
        if let last, last.text.utf8.elementsEqual(text.utf8) { return last.value }
        let value = parse(text)
        last = (text, value)
        return value
    }
}
