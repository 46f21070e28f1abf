/// What the run drafts: the bulletin issues in play and the year's annual list.
public struct Selection: Sendable {
    /// Bulletin issues to draft (the current month, and the previous one until its approval day).
    public var issues: [BulletinIssue]
    /// The annual list draft.
    public var annual: AnnualList
    /// The quarterly release shortlist of the current quarter.
    public var quarterly: QuarterlyRelease
}

/// Selects the month's bulletin (5–10 by score) and the year's annual list (about 20, from the bulletined).
/// A classified (涉密) case is never selected for anything public; nor is a case marked ineligible.
public struct Selector: Sendable {
    let config: PipelineConfig
    let library: CaseLibrary
    let calendar: BulletinCalendar

    /// The day of month M+1 by which the bulletin of month M is approved (审定).
    public static let approvalDay = 10

    /// Creates a selector.
    public init(config: PipelineConfig, library: CaseLibrary, calendar: BulletinCalendar) {
        self.config = config
        self.library = library
        self.calendar = calendar
    }

    /// Whether a case may appear in a public document.
    public static func isPublic(_ c: CaseRecord) -> Bool {
        !c.classified && c.assessment.eligible
    }

    /// Selects for the run dated `today`, recording each issue's numbers and contents in the library.
    public func select(today: String) throws -> Selection {
        guard let current = calendar.period(receivedOn: today), let day = BulletinCalendar.parse(today)?.day else {
            throw RunError("--today \(today) is not a date; use YYYY-MM-DD")
        }
        var periods = [current]
        let previous = BulletinCalendar.previous(current)
        if day <= Self.approvalDay, try !library.cases(period: previous).isEmpty { periods.insert(previous, at: 0) }
        var issues: [BulletinIssue] = []
        for period in periods {
            let chosen = try library.cases(period: period).filter(Self.isPublic).prefix(config.quotas.bulletinMax)
            let record = try library.recordIssue(period: period, date: today, caseIds: chosen.map(\.id), firstTotal: config.outputs.firstTotalIssue)
            issues.append(BulletinIssue(publication: config.outputs.publication, issuer: config.outputs.issuer, period: period,
                                        number: record.number, totalNumber: record.totalNumber, date: today, entries: Array(chosen)))
        }
        let year = Int(current.prefix(4)) ?? 0
        var firstBulletined: [String: String] = [:]
        for issue in try library.issues(year: year) {
            for id in issue.caseIds where firstBulletined[id] == nil { firstBulletined[id] = issue.period }
        }
        let bulletined = try library.cases(ids: Array(firstBulletined.keys)).filter(Self.isPublic)
            .sorted { ($0.assessment.score, $1.id) > ($1.assessment.score, $0.id) }
        let entries = bulletined.prefix(config.quotas.annual).enumerated().map { AnnualEntry(rank: $0.offset + 1, record: $0.element, firstBulletined: firstBulletined[$0.element.id] ?? "") }
        try library.recordAnnualList(year: year, date: today, caseIds: entries.map(\.record.id))
        let quarter = ((Int(current.suffix(2)) ?? 1) - 1) / 3 + 1
        let quarterPeriods = StatisticsScope.quarter(year: year, quarter: quarter).periods
        let releaseEntries = bulletined.filter { quarterPeriods.contains(firstBulletined[$0.id] ?? "") }
            .prefix(config.quotas.quarterly ?? 6).enumerated()
            .map { AnnualEntry(rank: $0.offset + 1, record: $0.element, firstBulletined: firstBulletined[$0.element.id] ?? "") }
        return Selection(issues: issues, annual: AnnualList(issuer: config.outputs.issuer, year: year, date: today, entries: entries),
                         quarterly: QuarterlyRelease(issuer: config.outputs.issuer, year: year, quarter: quarter, date: today, entries: releaseEntries))
    }
}
