import Foundation
import GRDB

/// What selection, statistics and rendering need from the library, read once before them: the cases in play
/// (this month's and the previous month's, those of the year's approved documents and annual list), a compact
/// tally of every public case of the year for the statistics, the year's issues and annual list, and the
/// refusals. Later stages are pure functions of it and never open the database. Its memory follows a month's
/// cases, not the year's: the year is read a month at a time and kept only as tallies.
public struct LibrarySnapshot: Sendable {
    /// The run's date.
    public var today: CalendarDate
    /// The bulletin month of what this run receives.
    public var period: BulletinPeriod
    /// Cases in play, by id: every case of `period` and of the month before it, of months asked to be corrected,
    /// and the cases of `period`'s year that approved bulletins, approved lists and the annual list name. Only
    /// cases of `months` are held.
    public var cases: [String: CaseState]
    /// The months whose cases the snapshot speaks for: `period`'s year, and the month before `period` across a
    /// year's end.
    public var months: [BulletinPeriod] = []
    /// Every public (not classified) case of `months`, as the statistics count it.
    public var tallies: [StatisticsCase] = []
    /// The issues of `period`'s year (and of the previous month when it is in the year before), by month.
    public var issues: [CaseLibrary.IssueRecord]
    /// Every case waiting at a review step (any month), highest score first: what the review sheets list.
    public var waiting: [CaseState]
    /// Every approved revision of every bulletin (a small table), by month and revision.
    public var approvals: [Approval]
    /// Approved quarterly releases and annual lists (keys `2026-Q4`, `2026`).
    public var listApprovals: [Approval] = []
    /// Months whose approved issue someone asked to correct (更正), not yet done.
    public var corrections: [BulletinPeriod] = []
    /// The year's annual list as last recorded (case ids).
    public var annualList: [String]
    /// The highest running number (总第N期) ever given, nil before the first issue.
    public var highestTotalNumber: Int?
    /// Refused submissions (submitter, supervisor) by bulletin month, for the statistics.
    public var refusals: [BulletinPeriod: [(submitter: String, supervisor: String)]]
    /// The months whose every case `cases` holds as the library held it when the snapshot was read (the months in
    /// play, as `CaseLibrary.snapshot` reads them); empty for a snapshot made otherwise.
    public var wholeMonths: Set<BulletinPeriod> = []

    /// Cases of one month, highest score first, ties by id.
    public func cases(of month: BulletinPeriod) -> [CaseState] {
        cases.values.filter { $0.record.period == month }
            .sorted { ($0.record.assessment.score, $1.id) > ($1.record.assessment.score, $0.id) }
    }

    /// The latest approved revision of a month's bulletin, nil while it is a draft.
    public func approval(of month: BulletinPeriod) -> Approval? {
        approvals.last { $0.key == month.description }
    }

    /// The month each case was first in an approved bulletin, for the cases of `year`'s approved bulletins.
    public func firstBulletined(year: Int) -> [String: BulletinPeriod] {
        var first: [String: BulletinPeriod] = [:]
        for a in approvals.sorted(by: { ($0.key, $0.revision) < ($1.key, $1.revision) }) {
            guard let p = BulletinPeriod(a.key), p.year == year else { continue }
            for id in a.caseIds where first[id] == nil { first[id] = p }
        }
        return first
    }

    /// The latest approval of a quarterly release (`2026-Q4`) or annual list (`2026`), nil while a draft.
    public func listApproval(_ kind: Approval.Kind, _ key: String) -> Approval? {
        listApprovals.last { $0.kind == kind && $0.key == key }
    }

    /// The recorded issue of a month, if any.
    public func issue(of month: BulletinPeriod) -> CaseLibrary.IssueRecord? { issues.first { $0.period == month } }
}

extension CaseLibrary {
    /// Reads the snapshot for a run dated `today` whose submissions belong to `period`. The year's cases are read
    /// one month at a time (indexed by month) and kept as tallies, except those in play; `waitingStages` adds
    /// every case waiting at those stages (the pipeline reads those month by month as it writes the sheets, and
    /// passes none).
    public func snapshot(today: CalendarDate, period: BulletinPeriod, waitingStages: [CaseStage] = []) throws -> LibrarySnapshot {
        var months = BulletinPeriod.months(of: period.year)
        if period.previous.year != period.year { months.append(period.previous) }
        let corrections = try openCorrections()
        let bulletinApprovals = try self.approvals(kind: .bulletin)
        let listApprovals = try self.approvals(kind: .quarterly) + self.approvals(kind: .annual)
        let annualList = try self.annualList(year: period.year)
        let inPlayMonths = Set([period, period.previous] + corrections)
        var cases: [String: CaseState] = [:]
        var tallies: [StatisticsCase] = []
        // A tally per public case of the year, but each unit's and bureau's name held once: the names of the
        // year's tallies share the storage of the first tally naming them, not a copy per case.
        var names: Set<String> = []
        func shared(_ tally: StatisticsCase) -> StatisticsCase {
            var t = tally
            if let i = names.firstIndex(of: t.submitter) { t.submitter = names[i] } else { names.insert(t.submitter) }
            if let i = names.firstIndex(of: t.supervisor) { t.supervisor = names[i] } else { names.insert(t.supervisor) }
            return t
        }
        for month in months {
            // Months in play are decoded (selection needs their cases); the others give their tallies by query.
            guard inPlayMonths.contains(month) else {
                tallies += try statisticsTallies(period: month).map(shared)
                continue
            }
            let states = try self.states(periods: [month])
            tallies += states.filter { !$0.classified }.map { shared(StatisticsCase($0)) }
            for c in states where cases[c.id] == nil { cases[c.id] = c }
        }
        let named = Set(bulletinApprovals.flatMap(\.caseIds) + listApprovals.flatMap(\.caseIds) + annualList).subtracting(cases.keys)
        let monthSet = Set(months)
        for c in try states(ids: named.sorted()) where monthSet.contains(c.record.period) && cases[c.id] == nil { cases[c.id] = c }
        var issues = try self.issues(year: period.year)
        if period.previous.year != period.year { issues = try self.issues(year: period.previous.year).filter { $0.period == period.previous } + issues }
        var refusals: [BulletinPeriod: [(submitter: String, supervisor: String)]] = [:]
        for m in months { refusals[m] = try self.refusals(periods: [m]) }
        var snapshot = LibrarySnapshot(today: today, period: period, cases: cases, months: months, tallies: tallies,
                                       issues: issues, waiting: try states(atStages: waitingStages), approvals: bulletinApprovals,
                                       listApprovals: listApprovals, corrections: corrections,
                                       annualList: annualList, highestTotalNumber: try highestTotalNumber(), refusals: refusals)
        snapshot.wholeMonths = inPlayMonths.intersection(months)
        return snapshot
    }
}

extension CaseLibrary {
    /// The statistics tallies of one month's public cases, in the order of `states(periods:)`: the same values
    /// as `StatisticsCase(_:)` of the decoded cases, read from the columns, the `caseText` rows and the history's
    /// columns (only a reviewer's decisions have their source's sheet id looked up), no case decoded.
    public func statisticsTallies(period: BulletinPeriod) throws -> [StatisticsCase] {
        try db.read { db in
            let briefs = try self.briefs(where: "c.period = ?", [period.description], db).filter { !$0.classified }
            var decisions: [String: [String: Bool]] = [:]
            let events = try Row.fetchAll(db, sql: """
                SELECT e.caseId, e.step, e.fromStage, e.toStage FROM caseEvent e JOIN caseRecord c ON c.id = e.caseId
                WHERE c.period = ? AND e.step <> '' AND json_extract(e.json, '$.source.sheetId') IS NOT NULL ORDER BY e.seq
                """, arguments: [period.description])
            for e in events {
                let from = (e["fromStage"] as String?).map(CaseStage.init(rawValue:)), to = CaseStage(rawValue: e["toStage"])
                guard from != to else { continue }
                // The last one wins, as the events come oldest first.
                decisions[e["caseId"], default: [:]][e["step"]] = to.step != nil || to == .bulletined
            }
            return briefs.map { b in
                StatisticsCase(id: b.id, period: b.period, submitter: b[.submitter], supervisor: b[.supervisor], decisions: decisions[b.id] ?? [:])
            }
        }
    }
}

extension LibrarySnapshot {
    /// The snapshot as it will stand once `selection` is recorded: its issues and annual list in place of the
    /// recorded ones. Statistics count from this, so they include the issues just drafted.
    public func applying(_ selection: Selection) -> LibrarySnapshot {
        var s = self
        let drafted = Set(selection.issueRecords.map(\.period))
        s.issues = (issues.filter { !drafted.contains($0.period) } + selection.issueRecords).sorted { $0.period < $1.period }
        s.annualList = selection.annual.entries.map(\.record.id)
        return s
    }
}

extension CaseLibrary {
    /// Records what a selection drafted: each issue's numbers and contents, and the year's annual list.
    public func record(_ selection: Selection) throws {
        for issue in selection.issueRecords { try record(issue: issue) }
        try recordAnnualList(year: selection.annual.year, date: selection.annual.date, caseIds: selection.annual.entries.map(\.record.id))
    }
}

extension SubmissionStatistics {
    /// The statistics of several scopes from one snapshot.
    public static func compute(_ snapshot: LibrarySnapshot, scopes: [StatisticsScope], issuer: String, date: CalendarDate,
                               steps: [String] = []) -> [SubmissionStatistics] {
        scopes.map { compute(snapshot: snapshot, scope: $0, issuer: issuer, date: date, steps: steps) }
    }
}
