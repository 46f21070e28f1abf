import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// The select stage's reads (score5): `states(where:)` walking cursors and taking columns by position, the draft filtered
/// before it is sorted, the statistics counted in place. Each is compared with the code it replaced, kept here as the
/// oracle, on a library with several sightings, merged cases, decisions and open flags, and on orders with ties.
@Suite struct SelectStageReadsTests {
    /// The cases of a stored month, with a second sighting of some, decisions with labels, orders and sources, a merge
    /// and a split, and open and resolved duplicate flags; the ids stored.
    func library(at work: URL) throws -> (CaseLibrary, [String]) {
        let library = try CaseLibrary(path: work.appendingPathComponent("library.sqlite").path)
        let added = try StoredRecordsTests().storeMonth(library)
        #expect(added.count >= 5)
        try library.db.write { db in
            for (k, id) in added.enumerated() {
                if k % 2 == 0 {
                    try db.execute(sql: """
                        INSERT INTO sighting (caseId, fileSHA256, fileName, idx, received, channel, classified, submitter)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [id, "bb\(k)", "补报-\(k).csv", k + 1, "2026-10-2\(k % 3)", k % 4 == 0 ? nil : "组织报送", k == 2, "单位\(k)"])
                }
                if k % 3 == 1 {
                    let source = EventSource(file: "初选-基础处.xlsx", sha256: "cc", location: "sheet 初选 row \(k + 2)", sheetId: "S\(k)")
                    _ = try LibraryMigrations.insert(CaseEvent(caseId: id, date: CalendarDate(year: 2026, month: 10, day: 28) ?? .today(in: .current),
                                                               runId: "r2", step: "初选", from: .waiting(for: "初选"), to: .waiting(for: "复选"),
                                                               decision: "通过", labels: AdjustedLabels(industry: .materials),
                                                               order: k, who: "张审核", why: "说明\(k)", source: source), db)
                }
                if k > 0 {
                    try db.execute(sql: "INSERT INTO duplicateFlag (caseId, otherId, score, date, verdict, resolvedBy) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [id, added[k - 1], 0.5 + Double(k % 3) / 10, "2026-10-20", "probable", k % 5 == 0 ? 1 : nil])
                }
            }
            // The second case merged into the first (its sightings count for the first), the third merged and split off.
            _ = try LibraryMigrations.insert(CaseEvent(caseId: added[0], date: CalendarDate(year: 2026, month: 10, day: 29) ?? .today(in: .current),
                                                       runId: "r3", from: .waiting(for: "初选"), to: .waiting(for: "初选"),
                                                       decision: "合并入 \(added[1])", who: "bulletin", why: "合并"), db)
            for decision in ["合并入 \(added[2])", "拆分出 \(added[2])"] {
                _ = try LibraryMigrations.insert(CaseEvent(caseId: added[0], date: CalendarDate(year: 2026, month: 10, day: 29) ?? .today(in: .current),
                                                           runId: "r3", from: .waiting(for: "初选"), to: .waiting(for: "初选"),
                                                           decision: decision, who: "bulletin", why: "合并"), db)
            }
        }
        return (library, added)
    }

    /// `states(where:)` as it was before score5 (`Row.fetchAll`, columns by name, JSON through a String), the oracle.
    func statesBefore(_ library: CaseLibrary, period: String) throws -> [CaseState] {
        try library.db.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT c.id, length(CAST(c.json AS BLOB)) AS bytes FROM caseRecord c WHERE c.period IN (?) ORDER BY c.score DESC, c.id",
                                        arguments: [period])
            let decoder = JSONDecoder()
            let ids: [String] = rows.map { $0["id"] }
            var records: [String: CaseRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, json FROM caseRecord") {
                records[row["id"]] = try decoder.decode(CaseRecord.self, from: Data((row["json"] as String).utf8))
            }
            var sightings: [String: [Sighting]] = [:]
            var history: [String: [CaseEvent]] = [:]
            let marks = databaseQuestionMarks(count: ids.count)
            for s in try Row.fetchAll(db, sql: "SELECT * FROM sighting WHERE caseId IN (\(marks)) ORDER BY received, fileSHA256, idx", arguments: StatementArguments(ids)) {
                let sighting = CaseLibrary.sighting(s)
                sightings[sighting.caseId, default: []].append(sighting)
            }
            for e in try Row.fetchAll(db, sql: "SELECT seq, json FROM caseEvent WHERE caseId IN (\(marks)) ORDER BY seq", arguments: StatementArguments(ids)) {
                var event = try decoder.decode(CaseEvent.self, from: Data((e["json"] as String).utf8))
                event.sequence = e["seq"]
                history[event.caseId, default: []].append(event)
            }
            var flags: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT caseId, otherId FROM duplicateFlag WHERE resolvedBy IS NULL AND caseId IN (\(marks)) ORDER BY score DESC, otherId",
                                        arguments: StatementArguments(ids)) {
                flags[row["caseId"], default: []].append(row["otherId"])
            }
            var mergedIn: [String: [String]] = [:]
            for (id, events) in history {
                var ids: [String] = []
                for e in events {
                    if e.decision.hasPrefix("合并入 ") { ids.append(String(e.decision.dropFirst(4))) }
                    if e.decision.hasPrefix("拆分出 ") { ids.removeAll { $0 == String(e.decision.dropFirst(4)) } }
                }
                if !ids.isEmpty { mergedIn[id] = ids }
            }
            return ids.compactMap { id in
                guard let record = records[id] else { return nil }
                let merged = (mergedIn[record.id] ?? []).flatMap { sightings[$0] ?? [] }
                return CaseState(record: record, sightings: (sightings[record.id] ?? []) + merged, history: history[record.id] ?? [],
                                 possibleDuplicates: flags[record.id] ?? [])
            }
        }
    }

    @Test func statesReadByPositionAreTheNamedRead() throws {
        try TestSupport.withTemporaryFolder { work in
            let (library, added) = try library(at: work)
            let expected = try statesBefore(library, period: "2026-10")
            #expect(expected.count == added.count)
            // Something to compare: a second sighting, a decision with labels and a source, a merge, open flags.
            #expect(expected.contains { $0.sightings.count > 1 })
            #expect(expected.contains { $0.history.contains { $0.source?.sheetId != nil && $0.labels != nil } })
            #expect(expected.contains { !$0.possibleDuplicates.isEmpty })
            // The remembered records (this library value stored them) and the decoded ones (a fresh value).
            #expect(try library.states(periods: [BulletinPeriod("2026-10")]) == expected)
            let fresh = try CaseLibrary(path: work.appendingPathComponent("library.sqlite").path)
            #expect(try fresh.states(periods: [BulletinPeriod("2026-10")]) == expected)
            #expect(try fresh.states(ids: added.reversed()) == added.reversed().compactMap { id in expected.first { $0.id == id } })
        }
    }

    /// The draft as it was: every case of the month sorted by score, then filtered, then sorted by the draft's key.
    func draftBefore(_ selector: Selector, _ snapshot: LibrarySnapshot, _ period: BulletinPeriod) -> [CaseState] {
        snapshot.cases(of: period).filter { Selector.isPublic($0) && selector.passedShortlist($0) }
            .sorted { a, b in
                let ka = (a.order ?? Int.max, -a.record.assessment.score, a.id), kb = (b.order ?? Int.max, -b.record.assessment.score, b.id)
                return ka < kb
            }
            .prefix(selector.settings.bulletinMax).map { $0 }
    }

    @Test func theDraftIsTheSortedThenFilteredOne() throws {
        try TestSupport.withTemporaryFolder { work in
            let (library, _) = try library(at: work)
            let base = try library.states(periods: [BulletinPeriod("2026-10")])
            let settings = SelectionSettings(try TestSupport.config())
            var generator = SystemRandomNumberGenerator()
            for round in 0..<40 {
                // Many cases (copies of the stored ones under other ids), scores with ties, some at 待审定 with and
                // without an order (ties there too), some of the month before.
                var cases: [String: CaseState] = [:]
                for k in 0..<(20 + round * 3) {
                    var c = base[k % base.count]
                    c.record.id = String(format: "2026-%02d-%04d", k % 7 == 0 ? 9 : 10, k)
                    c.record.period = k % 7 == 0 ? BulletinPeriod("2026-09") : BulletinPeriod("2026-10")
                    c.record.assessment.score = Double(Int.random(in: 0..<4, using: &generator)) * 2.5
                    if Int.random(in: 0..<3, using: &generator) > 0 {
                        c.history.append(CaseEvent(caseId: c.id, date: CalendarDate(year: 2026, month: 11, day: 3) ?? .today(in: .current), runId: "r",
                                                   step: "复选", from: .waiting(for: "复选"), to: settings.approvalStage,
                                                   order: Bool.random(using: &generator) ? Int.random(in: 1..<4, using: &generator) : nil,
                                                   who: "审核", why: ""))
                    }
                    cases[c.id] = c
                }
                var snapshot = LibrarySnapshot(today: CalendarDate(year: 2026, month: 11, day: 3) ?? .today(in: .current), period: BulletinPeriod("2026-10"),
                                               cases: cases, issues: [], waiting: [], approvals: [], annualList: [], highestTotalNumber: nil, refusals: [:])
                snapshot.months = [BulletinPeriod("2026-09"), BulletinPeriod("2026-10")]
                for quota in [3, 10, 1_000] {
                    var s = settings
                    s.bulletinMax = quota
                    let selector = Selector(settings: s)
                    for period in snapshot.months {
                        #expect(selector.draft(snapshot, period).map(\.id) == draftBefore(selector, snapshot, period).map(\.id))
                    }
                }
            }
        }
    }

    @Test func statisticsCountedInPlaceAreTheCopiedOnes() throws {
        var generator = SystemRandomNumberGenerator()
        let units = ["四川大学", "电子科技大学", "", "东方电气集团东方电机有限公司", "Ａ单位"]
        let bureaus = ["成都市科技局", "省教育厅", "", "德阳市科技局"]
        let steps = ["初选", "复选"]
        for _ in 0..<30 {
            var tallies: [StatisticsCase] = []
            for k in 0..<Int.random(in: 0..<60, using: &generator) {
                var decisions: [String: Bool] = [:]
                for step in steps where Bool.random(using: &generator) { decisions[step] = Bool.random(using: &generator) }
                tallies.append(StatisticsCase(id: String(format: "2026-10-%04d", k), period: k % 5 == 0 ? BulletinPeriod("2026-09") : BulletinPeriod("2026-10"),
                                              submitter: units.randomElement(using: &generator) ?? "", supervisor: bureaus.randomElement(using: &generator) ?? "",
                                              decisions: decisions))
            }
            let ids = tallies.map(\.id)
            var snapshot = LibrarySnapshot(today: CalendarDate(year: 2026, month: 11, day: 3) ?? .today(in: .current), period: BulletinPeriod("2026-10"),
                                           cases: [:], issues: [], waiting: [], approvals: [], annualList: Array(ids.shuffled(using: &generator).prefix(3)),
                                           highestTotalNumber: nil,
                                           refusals: [BulletinPeriod("2026-10"): (0..<Int.random(in: 0..<6, using: &generator)).map { _ in
                                               (units.randomElement(using: &generator) ?? "", bureaus.randomElement(using: &generator) ?? "") }])
            snapshot.tallies = tallies
            snapshot.approvals = [Approval(kind: .bulletin, key: "2026-10", revision: 1, date: CalendarDate(year: 2026, month: 11, day: 9) ?? .today(in: .current),
                                           caseIds: Array(ids.shuffled(using: &generator).prefix(5)), sheetId: "审定-2026-10")]
            for scope in StatisticsScope.scopes(of: BulletinPeriod("2026-10")) {
                let now = SubmissionStatistics.compute(snapshot: snapshot, scope: scope, issuer: "四川省科学技术厅", date: snapshot.today, steps: steps)
                let before = statisticsBefore(snapshot, scope, steps)
                #expect(now.byUnit == before.byUnit)
                #expect(now.byBureau == before.byBureau)
                #expect(now.total == before.total)
            }
        }
    }

    /// `SubmissionStatistics.compute`'s tables as they were counted before score5 (a row read out and written back).
    func statisticsBefore(_ snapshot: LibrarySnapshot, _ scope: StatisticsScope, _ steps: [String]) -> (byUnit: [StatisticsRow], byBureau: [StatisticsRow], total: StatisticsRow) {
        let periods = Set(scope.periods)
        let cases = snapshot.tallies.filter { periods.contains($0.period) }.sorted { $0.id < $1.id }
        var decidedAt: [String: Set<Int>] = [:], passedAt: [String: Set<Int>] = [:]
        for c in cases {
            for (i, step) in steps.enumerated() {
                guard let passed = c.decisions[step] else { continue }
                decidedAt[c.id, default: []].insert(i)
                if passed { passedAt[c.id, default: []].insert(i) }
            }
        }
        var bulletined = Set<String>()
        for p in periods { if let a = snapshot.approval(of: p) { bulletined.formUnion(a.caseIds) } }
        let listed = Set(snapshot.annualList)
        let refusals = scope.periods.flatMap { snapshot.refusals[$0] ?? [] }
        func table(_ key: (StatisticsCase) -> String, _ refusedKey: ((submitter: String, supervisor: String)) -> String) -> [StatisticsRow] {
            var rows: [String: StatisticsRow] = [:]
            func row(_ name: String) -> StatisticsRow {
                rows[name] ?? StatisticsRow(name: name, submitted: 0, accepted: 0, refused: 0, bulletined: 0, listed: 0,
                                            decided: Array(repeating: 0, count: steps.count), passed: Array(repeating: 0, count: steps.count))
            }
            for c in cases {
                let name = key(c).isEmpty ? "（未填写）" : key(c)
                var r = row(name)
                r.submitted += 1
                r.accepted += 1
                for i in decidedAt[c.id] ?? [] { r.decided[i] += 1 }
                for i in passedAt[c.id] ?? [] { r.passed[i] += 1 }
                if bulletined.contains(c.id) { r.bulletined += 1 }
                if listed.contains(c.id) { r.listed += 1 }
                rows[name] = r
            }
            for f in refusals {
                let name = refusedKey(f).isEmpty ? "（未填写）" : refusedKey(f)
                var r = row(name)
                r.submitted += 1
                r.refused += 1
                rows[name] = r
            }
            return rows.values.sorted { ($1.bulletined, $1.submitted, $0.name) < ($0.bulletined, $0.submitted, $1.name) }
        }
        let byUnit = table({ $0.submitter }, { $0.submitter })
        let byBureau = table({ $0.supervisor }, { $0.supervisor })
        let empty = StatisticsRow(name: "合计", submitted: 0, accepted: 0, refused: 0, bulletined: 0, listed: 0,
                                  decided: Array(repeating: 0, count: steps.count), passed: Array(repeating: 0, count: steps.count))
        return (byUnit, byBureau, byUnit.reduce(empty) { $0.adding($1, name: "合计") })
    }
}

/// `StoredEventReader` against `JSONDecoder` on history records as `LibraryJSON` writes them (every optional present
/// or not, labels, orders, sources, Chinese and odd text) and on forms it must leave to `JSONDecoder`.
@Suite struct StoredEventReaderTests {
    func read(_ json: String) -> CaseEvent? {
        Array(json.utf8).withUnsafeBytes { StoredEventReader.event($0) }
    }

    @Test func plainRecordsReadAsJSONDecoderReadsThem() throws {
        var generator = SystemRandomNumberGenerator()
        let texts = ["", "通过", "初选意见：通过", "a/b", "合并入 2026-10-0003", "表情😀与组合字符é", "引号\"与反斜杠\\", "换行\n", "\u{1}", "<tag>&amp;"]
        var plain = 0, escaped = 0
        for k in 0..<3_000 {
            func text() -> String { texts.randomElement(using: &generator) ?? "" }
            let labels: AdjustedLabels? = Bool.random(using: &generator) ? nil
                : AdjustedLabels(category: Bool.random(using: &generator) ? Category.allCases.randomElement(using: &generator) : nil,
                                 level: Bool.random(using: &generator) ? Level.allCases.randomElement(using: &generator) : nil,
                                 industry: Bool.random(using: &generator) ? Industry.allCases.randomElement(using: &generator) : nil)
            let source: EventSource? = Bool.random(using: &generator) ? nil
                : EventSource(file: text() + ".xlsx", sha256: String(repeating: "ab", count: 32), location: "sheet 初选 row \(k)",
                              sheetId: Bool.random(using: &generator) ? nil : "S-" + text())
            let event = CaseEvent(sequence: [0, 7, 123_456][k % 3], caseId: String(format: "2026-%02d-%04d", k % 12 + 1, k),
                                  date: CalendarDate(year: 2026, month: k % 12 + 1, day: k % 28 + 1) ?? .today(in: .current),
                                  runId: "run-\(k)", step: ["", "初选", "复选"][k % 3], from: k % 4 == 0 ? nil : .waiting(for: text()),
                                  to: CaseStage(rawValue: text()), decision: text(), labels: labels,
                                  order: Bool.random(using: &generator) ? nil : Int.random(in: -3..<40, using: &generator),
                                  who: text(), why: text(), source: source)
            let json = try LibraryJSON.string(event)
            let decoded = try JSONDecoder().decode(CaseEvent.self, from: Data(json.utf8))
            if let read = read(json) {
                #expect(read == decoded)
                plain += 1
            } else {
                // Left to JSONDecoder only where the writer escaped something.
                #expect(json.contains("\\"))
                escaped += 1
            }
        }
        #expect(plain > 100)
        #expect(escaped > 100)
    }

    @Test func otherFormsAreLeftToJSONDecoder() throws {
        let json = #"{"caseId":"2026-10-0001","date":"2026-10-20","decision":"","runId":"r","sequence":0,"step":"","to":"待初选","who":"bulletin","why":"received"}"#
        let event = try #require(read(json))
        #expect(event == (try JSONDecoder().decode(CaseEvent.self, from: Data(json.utf8))))
        for other in [
            json.replacingOccurrences(of: ",\"date\"", with: ", \"date\""),  // white space
            json.replacingOccurrences(of: "\"caseId\":\"2026-10-0001\",", with: "") + "",  // a required key missing
            json.replacingOccurrences(of: "\"why\":\"received\"", with: "\"why\":\"received\",\"extra\":1"),  // another key
            json.replacingOccurrences(of: "\"decision\":\"\",", with: "") .replacingOccurrences(of: "\"who\"", with: "\"decision\":\"\",\"who\""),  // out of order
            json.replacingOccurrences(of: "\"sequence\":0", with: "\"sequence\":00"),
            json.replacingOccurrences(of: "\"sequence\":0", with: "\"sequence\":1.0"),
            json.replacingOccurrences(of: "\"sequence\":0", with: "\"sequence\":null"),
            json.replacingOccurrences(of: "2026-10-20", with: "2026-02-30"),  // not a date: JSONDecoder's error
            json.replacingOccurrences(of: "\"runId\"", with: "\"labels\":{\"category\":\"不是类别\"},\"runId\""),  // an unknown label: JSONDecoder's error
            json + " ",
        ] {
            #expect(read(other) == nil, "\(other)")
        }
    }
}
