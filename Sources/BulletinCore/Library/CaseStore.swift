import Foundation
import GRDB

/// One accepted submission on its way into the library.
public struct Arrival: Sendable {
    /// The scored record (its `id` is ignored: the library issues ids).
    public var record: CaseRecord
    /// How it came.
    public var channel: Channel
    /// Whether this submission was marked 涉密.
    public var classified: Bool
    /// The case the match step attached it to, or nil: then the same normalised title finds its case, or a new
    /// case is created.
    public var attachTo: String?
    /// The match postings of its title and summary and the key they were made under, kept beside the case when
    /// it is created (`StoredPostings`); nil leaves the case without a row (made from its text when needed).
    public var postings: (key: String, value: MatchPostings)?

    /// Creates an arrival.
    public init(record: CaseRecord, channel: Channel, classified: Bool, attachTo: String? = nil,
                postings: (key: String, value: MatchPostings)? = nil) {
        self.record = record
        self.channel = channel
        self.classified = classified
        self.attachTo = attachTo
        self.postings = postings
    }
}

extension CaseLibrary {
    /// What storing one file's submissions did, per submission in order.
    public struct StoreResult: Sendable, Equatable {
        /// One entry per arrival: its case id and whether the case is new.
        public var links: [(caseId: String, added: Bool)]
        public static func == (a: StoreResult, b: StoreResult) -> Bool {
            a.links.map(\.caseId) == b.links.map(\.caseId) && a.links.map(\.added) == b.links.map(\.added)
        }
        /// Ids of the cases created.
        public var added: [String] { links.filter(\.added).map(\.caseId) }
        /// Ids of the cases that gained a sighting.
        public var alreadyKnown: [String] { links.filter { !$0.added }.map(\.caseId) }
    }

    /// Records a file and its submissions in one transaction. Each submission joins the case the match step
    /// chose, else the case with the same title key, else a new case with a new id of its month, whose first
    /// history record puts it at `firstStage` (涉密 when classified). A classified sighting of a public case
    /// makes the whole case classified, with a history record saying so.
    public func store(fileSHA256: String, fileName: String, size: Int, outcome: InputOutcome, received: CalendarDate,
                      runId: String, firstStage: CaseStage, arrivals: [Arrival]) throws -> StoreResult {
        var created: [(record: CaseRecord, jsonBytes: Int)] = []
        var createdEvents: [(event: CaseEvent, jsonBytes: Int)] = []
        let receivedText = received.description
        let result = try db.write { db in
            created = []
            createdEvents = []
            try db.execute(sql: "INSERT OR IGNORE INTO file (sha256, name, size, firstSeen, outcome) VALUES (?, ?, ?, ?, ?)",
                           arguments: [fileSHA256, fileName, size, receivedText, outcome.rawValue])
            var links: [(String, Bool)] = []
            var lastSeq: [String: Int] = [:]
            // One writer for the file's cases: its room and the text of the weights it wrote are kept between them.
            var writer = LibraryJSON.Writer()
            writer.reserve(16_384)
            // The first case (by month, then number) of each title key the unattached arrivals carry, read 500 keys a
            // query instead of one query an arrival (store9), and kept up to date as the loop adds cases: what
            // `SELECT id FROM caseRecord WHERE titleKey = ? ORDER BY period, seq LIMIT 1` gives at each arrival.
            var firstOfKey = try Self.firstCases(titleKeys: arrivals.filter { $0.attachTo == nil }.map(\.record.titleKey), db)
            for a in arrivals {
                let r = a.record
                var caseId = a.attachTo
                if caseId == nil {
                    caseId = firstOfKey[Array(r.titleKey.utf8)]?.id
                }
                let added = caseId == nil
                if let id = caseId {
                    if a.classified, try !(Bool.fetchOne(db.cachedStatement(sql: "SELECT classified FROM caseRecord WHERE id = ?"), arguments: [id]) ?? true) {
                        // Classified wins: the case leaves every public path, and the history says why.
                        try db.execute(sql: "UPDATE caseRecord SET classified = 1 WHERE id = ?", arguments: [id])
                        let from = try Self.currentStage(id, db)
                        try LibraryMigrations.insert(CaseEvent(caseId: id, date: received, runId: runId, from: from, to: .classified, who: "bulletin",
                                                               why: "a submission of this achievement in \(fileName) is marked 涉密; classified wins over public",
                                                               source: EventSource(file: fileName, sha256: fileSHA256, location: "#\(r.sourceIndex)")), db)
                    }
                } else {
                    let period = r.period.description
                    // The month's highest number is read once a transaction: only this loop adds cases in it.
                    let seq = (try lastSeq[period] ?? Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM caseRecord WHERE period = ?"), arguments: [period]) ?? 0) + 1
                    lastSeq[period] = seq
                    let id = Self.caseId(period: period, seq: seq)
                    var record = r
                    record.id = id
                    record.classified = a.classified || r.classified
                    let json = try LibraryJSON.utf8(record, reusing: &writer)
                    try db.cachedStatement(sql: """
                        INSERT INTO caseRecord (id, period, seq, titleKey, title, classified, score, received, json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, \(LibraryJSON.textSQL))
                        """).execute(arguments: [id, period, seq, r.titleKey, r[.title], record.classified, r.assessment.score,
                                         receivedText, json])
                    created.append((record, json.count))
                    let key = Array(r.titleKey.utf8)
                    if firstOfKey[key].map({ Self.precedes((period, seq), ($0.period, $0.seq)) }) ?? true { firstOfKey[key] = (id, period, seq) }
                    try CaseText.insert(record, db)
                    if let p = a.postings { try StoredPostings.insert(caseId: id, key: p.key, p.value, db) }
                    var event = CaseEvent(caseId: id, date: received, runId: runId, from: nil,
                                          to: record.classified ? .classified : firstStage, who: "bulletin",
                                          why: record.classified ? "received marked 涉密" : "received",
                                          source: EventSource(file: fileName, sha256: fileSHA256, location: "#\(r.sourceIndex)"))
                    let stored = try LibraryMigrations.insertCounted(event, db)
                    event.sequence = stored.sequence
                    createdEvents.append((event, stored.jsonBytes))
                    caseId = id
                }
                guard let id = caseId else { continue }
                try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO sighting (caseId, fileSHA256, fileName, idx, received, channel, classified, submitter)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [id, fileSHA256, fileName, r.sourceIndex, receivedText, a.channel.rawValue, a.classified, r[.submitter]])
                links.append((id, added))
            }
            return StoreResult(links: links)
        }
        // Only once the transaction has committed: a rolled-back case is never remembered.
        storedRecords.remember(created)
        storedRecords.remember(events: createdEvents)
        return result
    }

    /// The first case of each of `titleKeys` in the order `ORDER BY period, seq` gives (text by its bytes, as SQLite's
    /// BINARY collation compares it; numbers as numbers), with its month and number, by the key's UTF-8 (SQLite's `=`
    /// compares bytes; a `String` key would take canonically equivalent keys for one).
    static func firstCases(titleKeys: [String], _ db: Database) throws -> [[UInt8]: (id: String, period: String, seq: Int)] {
        var out: [[UInt8]: (id: String, period: String, seq: Int)] = [:]
        let unique = Set(titleKeys.map { Array($0.utf8) }).map { String(decoding: $0, as: UTF8.self) }
        for chunk in unique.chunks(of: idsPerQuery) {
            let rows = try Row.fetchCursor(db, sql: "SELECT titleKey, id, period, seq FROM caseRecord WHERE titleKey IN (\(databaseQuestionMarks(count: chunk.count)))",
                                           arguments: StatementArguments(chunk))
            while let row = try rows.next() {
                let key = Array((row[0] as String).utf8), id: String = row[1], period: String = row[2], seq: Int = row[3]
                if let known = out[key], !precedes((period, seq), (known.period, known.seq)) { continue }
                out[key] = (id, period, seq)
            }
        }
        return out
    }

    /// Whether (month, number) `a` sorts before `b` as `ORDER BY period, seq` sorts them.
    static func precedes(_ a: (period: String, seq: Int), _ b: (period: String, seq: Int)) -> Bool {
        if a.period != b.period { return a.period.utf8.lexicographicallyPrecedes(b.period.utf8) }
        return a.seq < b.seq
    }

    /// A case's id: its month and its number in the month, at least four digits (`2026-11-0007`), as
    /// `String(format: "%@-%04d", period, seq)` writes it.
    static func caseId(period: String, seq: Int) -> String { "\(period)-\(BulletinPeriod.zeroPadded(seq, 4))" }

    /// Records a file that added no case (quarantined, or a review sheet).
    public func recordFile(sha256: String, name: String, size: Int, outcome: InputOutcome, received: CalendarDate) throws {
        try db.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO file (sha256, name, size, firstSeen, outcome) VALUES (?, ?, ?, ?, ?)",
                           arguments: [sha256, name, size, received.description, outcome.rawValue])
        }
    }

    // MARK: - History

    /// Appends events in one transaction; returns them with their sequence numbers.
    @discardableResult
    public func append(_ events: [CaseEvent]) throws -> [CaseEvent] {
        try db.write { db in
            try events.map { e in
                var e = e
                e.sequence = try LibraryMigrations.insert(e, db)
                return e
            }
        }
    }

    static func currentStage(_ id: String, _ db: Database) throws -> CaseStage? {
        try String.fetchOne(db, sql: "SELECT toStage FROM caseEvent WHERE caseId = ? ORDER BY seq DESC LIMIT 1", arguments: [id]).map(CaseStage.init(rawValue:))
    }

    // MARK: - Reading cases

    /// The state of one case, nil when unknown.
    public func state(id: String) throws -> CaseState? {
        try states(where: "c.id = ?", [id]).first
    }

    /// Cases by id, in the order given (unknown ids skipped).
    public func states(ids: [String]) throws -> [CaseState] {
        guard !ids.isEmpty else { return [] }
        let found = try states(where: "c.id IN (\(databaseQuestionMarks(count: ids.count)))", StatementArguments(ids))
        let byId = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byId[$0] }
    }

    /// Every case of some bulletin months, highest score first, ties by id.
    public func states(periods: [BulletinPeriod]) throws -> [CaseState] {
        guard !periods.isEmpty else { return [] }
        return try states(where: "c.period IN (\(databaseQuestionMarks(count: periods.count)))", StatementArguments(periods.map(\.description)))
    }

    /// Every case whose current stage is one of `stages` (any month).
    public func states(atStages stages: [CaseStage]) throws -> [CaseState] {
        guard !stages.isEmpty else { return [] }
        let marks = databaseQuestionMarks(count: stages.count)
        return try states(where: "(SELECT toStage FROM caseEvent e WHERE e.caseId = c.id ORDER BY e.seq DESC LIMIT 1) IN (\(marks))",
                          StatementArguments(stages.map(\.rawValue)))
    }

    /// Every case (for `status`), by id.
    public func allStates() throws -> [CaseState] { try states(where: "1", []) }

    /// Cases matching an SQL condition on `caseRecord c`, with their sightings and history, highest score first.
    func states(where condition: String, _ arguments: StatementArguments) throws -> [CaseState] {
        try db.read { db in
            // The JSON's length in bytes, not the JSON: a case this library value stored is taken from what it
            // remembered when the stored JSON has the length written (`StoredRecords`), and only the others' JSON
            // is read and decoded. (Each case's JSON is kilobytes, mostly its reasons; reading it into a string
            // only to measure it was most of reading a big night's cases back.)
            // Every read below walks a cursor and takes its columns by position (the statement's own values, no row
            // copied, no column looked up by name), and decodes stored JSON from the column's bytes (not a String made
            // of them first): the same values in the same order as `Row.fetchAll` and names (`SelectStageReadsTests`).
            var ids: [String] = []
            var records: [String: CaseRecord] = [:]
            var unknown: [String] = []
            let heads = try Row.fetchCursor(db, sql: "SELECT c.id, length(CAST(c.json AS BLOB)) AS bytes FROM caseRecord c WHERE \(condition) ORDER BY c.score DESC, c.id",
                                            arguments: arguments)
            while let row = try heads.next() {
                let id: String = row[0]
                ids.append(id)
                if let r = storedRecords.record(id: id, jsonBytes: row[1]) { records[id] = r } else { unknown.append(id) }
            }
            guard !ids.isEmpty else { return [] }
            let decoder = JSONDecoder()
            let numbers = LibraryJSON.Writer()
            for chunk in unknown.chunks(of: Self.idsPerQuery) {
                let rows = try Row.fetchCursor(db, sql: "SELECT id, json FROM caseRecord WHERE id IN (\(databaseQuestionMarks(count: chunk.count)))",
                                               arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    // The form `LibraryJSON` writes is read directly (`StoredRecordReader`); anything else by JSONDecoder.
                    records[row[0]] = try row.withUnsafeData(atIndex: 1) { data -> CaseRecord in
                        if let plain = data?.withUnsafeBytes({ StoredRecordReader.record($0, numbers: numbers) }) { return plain }
                        return try decoder.decode(CaseRecord.self, from: data ?? Data())
                    }
                }
            }
            var sightings: [String: [Sighting]] = [:]
            var history: [String: [CaseEvent]] = [:]
            for chunk in ids.chunks(of: Self.idsPerQuery) {
                let marks = databaseQuestionMarks(count: chunk.count)
                let found = try Row.fetchCursor(db, sql: "SELECT \(Self.sightingColumns) FROM sighting WHERE caseId IN (\(marks)) ORDER BY received, fileSHA256, idx",
                                                arguments: StatementArguments(chunk))
                while let s = try found.next() {
                    let sighting = Self.sighting(positional: s)
                    sightings[sighting.caseId, default: []].append(sighting)
                }
                let events = try Row.fetchCursor(db, sql: "SELECT seq, json FROM caseEvent WHERE caseId IN (\(marks)) ORDER BY seq", arguments: StatementArguments(chunk))
                while let e = try events.next() {
                    // The plain form `LibraryJSON` writes is read directly (`StoredEventReader`); anything else by JSONDecoder.
                    let seq: Int = e[0]
                    var event = try e.withUnsafeData(atIndex: 1) { data -> CaseEvent in
                        // One this library value stored, as it remembered it (`StoredRecords`), when the JSON is the length written.
                        if let known = storedRecords.event(seq: seq, jsonBytes: data?.count ?? -1) { return known }
                        if let plain = data?.withUnsafeBytes({ StoredEventReader.event($0) }) { return plain }
                        return try decoder.decode(CaseEvent.self, from: data ?? Data())
                    }
                    event.sequence = seq
                    history[event.caseId, default: []].append(event)
                }
            }
            var flags: [String: [String]] = [:]
            for chunk in ids.chunks(of: Self.idsPerQuery) {
                flags.merge(try openFlags(chunk, db)) { a, _ in a }
            }
            // A case that others were merged into counts their submissions as its own.
            var mergedIn: [String: [String]] = [:]
            for (id, events) in history {
                // Merged in, and not split off again since.
                var ids: [String] = []
                for e in events {
                    if e.decision.hasPrefix("合并入 ") { ids.append(String(e.decision.dropFirst(4))) }
                    if e.decision.hasPrefix("拆分出 ") { ids.removeAll { $0 == String(e.decision.dropFirst(4)) } }
                }
                if !ids.isEmpty { mergedIn[id] = ids }
            }
            let missing = Set(mergedIn.values.joined()).subtracting(sightings.keys).sorted()
            if !missing.isEmpty {
                for s in try Row.fetchAll(db, sql: "SELECT * FROM sighting WHERE caseId IN (\(databaseQuestionMarks(count: missing.count))) ORDER BY received, fileSHA256, idx",
                                          arguments: StatementArguments(missing)) {
                    sightings[s["caseId"], default: []].append(Self.sighting(s))
                }
            }
            return ids.compactMap { id in
                guard let record = records[id] else { return nil }
                let merged = (mergedIn[record.id] ?? []).flatMap { sightings[$0] ?? [] }
                // Nothing merged in: the case's own list as read (`+ []` copied it).
                let own = sightings[record.id] ?? []
                return CaseState(record: record, sightings: merged.isEmpty ? own : own + merged, history: history[record.id] ?? [],
                                 possibleDuplicates: flags[record.id] ?? [])
            }
        }
    }

    /// The columns `sighting(positional:)` reads, in its order.
    static let sightingColumns = "caseId, fileSHA256, fileName, idx, received, channel, classified, submitter"

    /// `sighting(_:)` of a row of `sightingColumns`, its columns taken by position.
    static func sighting(positional s: Row) -> Sighting {
        Sighting(caseId: s[0], fileSHA256: s[1], fileName: s[2], index: s[3],
                 received: CalendarDate(s[4] as String) ?? unknownDate,
                 channel: (s[5] as String?).flatMap(Channel.init(rawValue:)),
                 classified: s[6], submitter: s[7])
    }

    static func sighting(_ s: Row) -> Sighting {
        Sighting(caseId: s["caseId"], fileSHA256: s["fileSHA256"], fileName: s["fileName"], index: s["idx"],
                 received: CalendarDate(s["received"] as String) ?? unknownDate,
                 channel: (s["channel"] as String?).flatMap(Channel.init(rawValue:)),
                 classified: s["classified"], submitter: s["submitter"])
    }

    /// How many cases the library holds.
    public func caseCount() throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM caseRecord") ?? 0 }
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }

    private static let unknownDate = CalendarDate(year: 1970, month: 1, day: 1) ?? CalendarDate.today(in: .current)
}
