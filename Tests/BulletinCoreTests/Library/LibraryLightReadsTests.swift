import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// The reads that take a case's short fields from `caseText` and its stage, secrecy and channel from the history's
/// and sightings' columns (the match step's subjects, the statistics tallies, the outbox index's lines) give
/// exactly what the decoded cases give: with sheet decisions, merges, a classified resend and a case whose own
/// sightings are gone; for cases an older binary added without a `caseText` row; and after the table is filled
/// from the stored JSON by the migration.
@Suite struct LibraryLightReadsTests {
    /// A library of two months through the pipeline (with a 疑似重复 flag), then history written as reviewers
    /// and merges would.
    func library(_ work: URL) async throws -> CaseLibrary {
        let night = NightlyCostTests()
        _ = try await night.run(["十月汇总.csv": NightlyCostTests.csv()], today: "2026-10-20", work)
        let resend = NightlyCostTests.header + "国网四川省电力公司,成都市科技局,何军,13488887777,国内首台300MW级变速抽水蓄能机组研制成功,重大处,"
            + "国内首台（套）300MW级变速抽水蓄能机组在四川研制成功并投入运行，打破国外垄断。\r\n"
        _ = try await night.run(["十一月汇总.csv": NightlyCostTests.csv(second: true), "十一月补报.csv": Array(resend.utf8)], today: "2026-11-20", work)
        let library = try CaseLibrary(path: work.appendingPathComponent("outbox/library.sqlite").path)
        let ids = try library.allStates().map(\.id).sorted()
        #expect(ids.count == 11)
        let day: CalendarDate = "2026-11-25"
        let sheet = EventSource(file: "初选-基础处.xlsx", sha256: "ab", location: "sheet 初选 row 2", sheetId: "S-1")
        let screening = CaseStage.waiting(for: "初选"), shortlist = CaseStage.waiting(for: "复选")
        try library.append([
            // A sheet decision passing a case on, one refusing another, one naming no sheet, one changing nothing.
            CaseEvent(caseId: ids[0], date: day, runId: "t", step: "初选", from: screening, to: shortlist, decision: "通过", who: "基础处", why: "", source: sheet),
            CaseEvent(caseId: ids[1], date: day, runId: "t", step: "初选", from: screening, to: .notSelected, decision: "不通过", who: "高新处", why: "", source: sheet),
            CaseEvent(caseId: ids[2], date: day, runId: "t", step: "初选", from: screening, to: shortlist, decision: "通过", who: "农村处", why: ""),
            CaseEvent(caseId: ids[3], date: day, runId: "t", step: "初选", from: screening, to: screening, decision: "", who: "高新处", why: "", source: sheet),
            CaseEvent(caseId: ids[4], date: day, runId: "t", step: "审定", from: shortlist, to: .bulletined, decision: "通过", who: "厅领导", why: "", source: sheet),
            // ids[6] merged into ids[5]; ids[8] merged into ids[7] and split off again.
            CaseEvent(caseId: ids[5], date: day, runId: "t", from: screening, to: screening, decision: "合并入 \(ids[6])", who: "重大处", why: ""),
            CaseEvent(caseId: ids[6], date: day, runId: "t", from: screening, to: .merged, decision: "合并到 \(ids[5])", who: "重大处", why: ""),
            CaseEvent(caseId: ids[7], date: day, runId: "t", from: screening, to: screening, decision: "合并入 \(ids[8])", who: "重大处", why: ""),
            CaseEvent(caseId: ids[7], date: day, runId: "t", from: screening, to: screening, decision: "拆分出 \(ids[8])", who: "重大处", why: ""),
        ])
        // A classified resend of ids[6] by an institute: ids[6] becomes classified, and so does ids[5], into which
        // it was merged.
        let six = try #require(try library.state(id: ids[6]))
        _ = try library.store(fileSHA256: "cd", fileName: "涉密补报.csv", size: 1, outcome: .accepted, received: day, runId: "t", firstStage: screening,
                              arrivals: [Arrival(record: six.record, channel: .activeCollection, classified: true, attachTo: ids[6])])
        // ids[9] loses its own sightings (a library of schema v2 could hold such a case) and has ids[10] merged in.
        try await library.db.write { try $0.execute(sql: "DELETE FROM sighting WHERE caseId = ?", arguments: [ids[9]]) }
        try library.append([CaseEvent(caseId: ids[9], date: day, runId: "t", from: screening, to: screening, decision: "合并入 \(ids[10])", who: "重大处", why: "")])
        return library
    }

    /// Every light read equals its decoded counterpart.
    func expectLightEqualsDecoded(_ library: CaseLibrary, today: CalendarDate) throws {
        let config = try TestSupport.config()
        let all = try library.allStates().sorted { $0.id < $1.id }
        let ids = all.map(\.id)
        let light = try library.matchSubjects(ids: ids.reversed() + ["2099-01-0001", ids[0]])
        #expect(light == (try library.states(ids: ids.reversed() + [ids[0]]).map(\.matchSubject)))
        let report = StatusReport(process: config.activeProcess, today: today)
        var briefs: [CaseBrief] = []
        try library.forEachMonthOfBriefs { briefs += $0 }
        #expect(briefs.map(\.id).sorted() == ids)
        for b in briefs {
            let c = try #require(all.first { $0.id == b.id })
            #expect(b.stage == c.stage && b.classified == c.classified && b.firstChannel == c.sightings.first?.channel)
            #expect(b.sightingCount == c.sightings.count && b.lastSequence == c.history.last?.sequence)
            var line = report.status(c)
            line.decisions = []
            line.possibleDuplicates = []
            #expect(OutboxIndex.statusLine(b, process: config.activeProcess, today: today) == line)
        }
        // The outbox page's read (three fields, no first channel, the merges read once for every month) is the
        // full read less what it leaves out; the merges read once are those probed case by case.
        var pageBriefs: [CaseBrief] = []
        try library.forEachMonthOfBriefs(fields: [.title, .submitter, .source], firstChannel: false) { pageBriefs += $0 }
        #expect(pageBriefs == briefs.map { b in
            var b = b
            b.fields = b.fields.filter { [.title, .submitter, .source].contains($0.key) }
            b.firstChannel = nil
            return b
        })
        let (mergedAll, mergedProbed) = try library.db.read { db in (try library.mergedInAll(db), try library.mergedIn(ids, db)) }
        #expect(mergedAll == mergedProbed)
        for period in Set(all.map(\.record.period)) {
            let decoded = try library.states(periods: [period]).filter { !$0.classified }.map(StatisticsCase.init)
            #expect(try library.statisticsTallies(period: period) == decoded)
        }
        // What a 疑似重复 cell shows of a case, and the month and stage that decide whether it is shown, read as briefs.
        let named = try library.briefs(ids: ids.reversed() + ["2099-01-0001", ids[0]])
        #expect(named.map(\.id).sorted() == ids)
        for b in named {
            let c = try #require(all.first { $0.id == b.id })
            #expect(DuplicateBrief(b) == DuplicateBrief(c) && b.period == c.record.period && b.stage == c.stage)
        }
        // What the review sheets' fingerprint reads (`facts(where:)`) is what the briefs give of the same cases, in
        // the same order, under the conditions `sheetFacts` uses: every case, by ids, by month and stage.
        for (condition, arguments) in [("1", StatementArguments()), ("c.id IN (?, ?, ?)", StatementArguments([ids[9], ids[6], "2099-01-0001"])),
                                       ("c.period = ? AND (SELECT toStage FROM caseEvent e WHERE e.caseId = c.id ORDER BY e.seq DESC LIMIT 1) = ?",
                                        StatementArguments([all[0].record.period.description, all[0].stage.rawValue]))] {
            let (facts, briefs) = try library.db.read { db in
                (try library.facts(where: condition, arguments, db), try library.briefs(where: condition, arguments, db))
            }
            #expect(!facts.isEmpty)
            #expect(facts == briefs.map { b in
                CaseFact(id: b.id, period: b.period, title: b[.title], lastStage: b.lastStage, lastSequence: b.lastSequence,
                         classified: b.classified, sightingCount: b.sightingCount)
            })
            #expect(facts.map(\.stage) == briefs.map(\.stage))
        }
        #expect(try library.db.read { try library.facts(where: "1", StatementArguments(), $0) }.contains { $0.id == ids[9] && $0.sightingCount > 0 })
        // `sheetFacts` shows a named case waiting in the sheets' month as the month's read gave it: a case's facts
        // read with the others of its month and stage are those read by its id alone (merged cases included).
        for c in all {
            let (inMonth, byId) = try library.db.read { db in
                (try library.facts(where: "c.period = ? AND (SELECT toStage FROM caseEvent e WHERE e.caseId = c.id ORDER BY e.seq DESC LIMIT 1) = ?",
                                   [c.record.period.description, c.stage.rawValue], db),
                 try library.facts(where: "c.id IN (?)", [c.id], db))
            }
            #expect(byId.count == 1 && inMonth.filter { $0.id == c.id } == byId)
            // `sheetFacts` compares the stage of the joined last record, not of a subquery's: the same cases.
            let joined = try library.db.read { db in
                try library.facts(where: "c.period = ? AND last.toStage = ?", [c.record.period.description, c.stage.rawValue], db)
            }
            #expect(joined == inMonth)
            // The facts of the decoded case (what `sheetFacts` takes from a snapshot's whole month) are those read.
            #expect([CaseFact(c)] == byId)
        }
        // `sheetFacts` from a month's decoded cases (a snapshot's whole month) is the text read from the columns, for
        // every month and stage (those with a 疑似重复 flag and merged cases among them), months and stages known or not.
        let stages = Set(all.map(\.stage)).union(config.activeProcess.steps.map { CaseStage.waiting(for: $0.name) })
        var flagged = 0
        for period in Set(all.map(\.record.period)) {
            let month = try library.states(periods: [period])
            for stage in stages {
                for (known, waitingStages) in [(Set([period]), Set(stages)), (Set<BulletinPeriod>(), Set<CaseStage>())] {
                    let read = try library.sheetFacts(stage: stage, period: period, months: known, waitingStages: waitingStages)
                    #expect(try library.sheetFacts(stage: stage, period: period, months: known, waitingStages: waitingStages, cases: month) == read)
                    if read.contains("\nnamed\n") && !read.hasSuffix("\nnamed\n") { flagged += 1 }
                }
            }
        }
        // Named cases were shown, in a library with open flags (the schema v2 library has none).
        #expect(flagged > 0 || all.allSatisfy(\.possibleDuplicates.isEmpty))
        // The outbox index's stage section, counted as the briefs go, is the one made from every decoded case's line.
        let process = config.activeProcess
        let lines = all.map { report.status($0) }
        var oracle = "<table>\n<tr><th>stage</th><th>cases</th><th>earliest deadline</th><th>overdue</th></tr>\n"
        for stage in process.stages {
            let at = lines.filter { $0.stage == stage.rawValue }
            let overdue = at.filter(\.overdue).count
            oracle += "<tr><td>\(OutboxIndex.esc(stage.rawValue))</td><td class=\"n\">\(at.count)</td><td>\(OutboxIndex.esc(at.compactMap(\.deadline).min() ?? ""))</td>"
                + "<td class=\"n\">\(overdue == 0 ? "" : String(overdue))</td></tr>\n"
        }
        oracle += "</table>\n"
        let waiting = lines.filter { $0.deadline != nil }
        #expect(!waiting.isEmpty && waiting.count < lines.count)
        oracle += "<table>\n<tr><th>case</th><th>title</th><th>stage</th><th>waits on</th><th>deadline</th><th>waited</th></tr>\n"
        for l in waiting {
            oracle += "<tr><td><code>\(OutboxIndex.esc(l.id))</code></td><td>\(OutboxIndex.esc(l.title))</td><td>\(OutboxIndex.esc(l.stage))</td>"
                + "<td>\(OutboxIndex.esc(l.waitsOn ?? ""))</td><td>\(OutboxIndex.esc(l.deadline ?? ""))\(l.overdue ? " <strong>overdue</strong>" : "")</td><td class=\"n\">\(l.waitingDays) d</td></tr>\n"
        }
        oracle += "</table>\n"
        #expect(try OutboxIndex.stagesSection(config: config, library: library, today: today) == oracle)
    }

    @Test func lightReadsGiveWhatDecodedCasesGive() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let library = try await library(work)
        let today: CalendarDate = "2026-12-05"
        let all = try library.allStates().sorted { $0.id < $1.id }
        // The history above is what the reads have to follow.
        #expect(all[5].classified && all[6].classified && !all[7].classified)
        #expect(all[4].stage == .bulletined)
        #expect(all[9].sightings.map(\.caseId) == [all[10].id])
        let merged = try await library.db.read { try library.mergedInAll($0) }
        #expect(merged == [all[5].id: [all[6].id], all[9].id: [all[10].id]])
        #expect(StatisticsCase(all[0]).decisions == ["初选": true] && StatisticsCase(all[1]).decisions == ["初选": false])
        #expect(StatisticsCase(all[2]).decisions.isEmpty && StatisticsCase(all[3]).decisions.isEmpty)
        try expectLightEqualsDecoded(library, today: today)
    }

    @Test func casesWithoutATextRowAreReadFromTheirJSON() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let library = try await library(work)
        // As an older binary would leave them: cases stored after the migration, with no caseText row.
        let removed = try await library.db.write { db -> Int in
            try db.execute(sql: "DELETE FROM caseText WHERE caseId IN (SELECT id FROM caseRecord WHERE period = '2026-11')")
            return db.changesCount
        }
        #expect(removed > 0)
        try expectLightEqualsDecoded(library, today: "2026-12-05")
    }

    @Test func theMigrationFillsTheTableFromTheStoredCases() async throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let path = try await library(work).path
        // The library as schema v6 left it: no caseText table, the v7 migration not recorded.
        let old = try CaseLibrary(path: path)
        try await old.db.write { db in
            try db.execute(sql: "DROP TABLE caseText")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v7%'")
        }
        let library = try CaseLibrary(path: path)
        #expect(try await library.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM caseText") } == 11)
        let fetched = try library.db.read { try Row.fetchOne($0, sql: "SELECT * FROM caseText ORDER BY caseId LIMIT 1") }
        let row = try #require(fetched)
        let first = try #require(try library.allStates().min { $0.id < $1.id })
        for f in CaseText.fields { #expect(row[f.rawValue] as String == first.record[f]) }
        #expect(row["received"] as String == first.record.received.description)
        try expectLightEqualsDecoded(library, today: "2026-12-05")
    }

    @Test func aSchemaV2LibraryMigratesWithItsTextRows() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("library.sqlite")
        try FileManager.default.copyItem(at: LibraryMigrationTests.fixture, to: copy)
        let library = try CaseLibrary(path: copy.path)
        #expect(try library.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM caseText") } == 19)
        try expectLightEqualsDecoded(library, today: "2026-12-05")
    }
}

/// The remembering parser of the light reads gives what its parser gives, text by text: repeated texts, a text
/// the parser refuses, and canonically equivalent texts of different bytes (which `==` equates) told apart.
@Suite struct LastParsedTests {
    @Test func givesWhatTheParserGives() {
        let texts = ["2026-11-20", "2026-11-20", "2026-11-31", "2026-11-31", "2026-11-20", "", "2026-01-01", "2026-01-01",
                     "caf\u{E9}", "cafe\u{301}", "cafe\u{301}", "caf\u{E9}"]
        var dates = LastParsed(CalendarDate.init)
        #expect(texts.map { dates($0) } == texts.map(CalendarDate.init))
        var parsed = 0
        var counts = LastParsed<Int> { parsed += 1; return $0.utf8.count }
        #expect(texts.map { counts($0) } == texts.map(\.utf8.count))
        #expect(parsed == 8)
    }
}
