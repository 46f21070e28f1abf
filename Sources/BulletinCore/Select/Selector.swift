/// What the run drafts: the bulletin issues in play, the year's annual list and the quarter's release
/// shortlist, and what of them the library should remember (issue numbers and contents, the annual list).
public struct Selection: Sendable {
    /// Bulletin issues to draft (the current month, and the previous one until its approval deadline).
    public var issues: [BulletinIssue]
    /// The annual list draft.
    public var annual: AnnualList
    /// The quarterly release shortlist of the current quarter.
    public var quarterly: QuarterlyRelease
    /// The issues as the library records them (numbers fixed the first time).
    public var issueRecords: [CaseLibrary.IssueRecord]
}

/// What selection needs from the configuration.
public struct SelectionSettings: Sendable, Equatable {
    /// At most this many achievements in a bulletin.
    public var bulletinMax: Int
    /// About this many on the annual list.
    public var annual: Int
    /// This many on the quarterly release shortlist.
    public var quarterly: Int
    /// The running number (总第N期) of the first issue a library ever makes.
    public var firstTotalIssue: Int
    /// The day of month M+1 by which month M's bulletin is approved; until then it is redrafted too.
    public var approvalDay: Int
    /// 创新驱动要参.
    public var publication: String
    /// 四川省科学技术厅.
    public var issuer: String

    /// Reads them from the configuration.
    public init(_ config: PipelineConfig) {
        bulletinMax = config.quotas.bulletinMax
        annual = config.quotas.annual
        quarterly = config.quotas.quarterly ?? 6
        firstTotalIssue = config.outputs.firstTotalIssue
        approvalDay = config.calendar.approvalDay ?? 10
        publication = config.outputs.publication
        issuer = config.outputs.issuer
    }
}

/// Selects the month's bulletin (by score), the year's annual list (about 20, from the bulletined) and the
/// quarter's release shortlist. A pure function of a library snapshot: it writes nothing; recording issue
/// numbers is a separate step (`CaseLibrary.record(_:)`). A classified (涉密) case, one a profile marks
/// ineligible, or one a reviewer rejected or sent back is never selected for anything public.
public struct Selector: Sendable {
    let settings: SelectionSettings

    /// Creates a selector.
    public init(settings: SelectionSettings) { self.settings = settings }

    /// Whether a case may appear in a public document.
    public static func isPublic(_ c: CaseState) -> Bool {
        !c.classified && c.record.assessment.eligible && c.stage.mayBePublic
    }

    /// The selection for the snapshot's date and month.
    public func select(_ snapshot: LibrarySnapshot) -> Selection {
        let current = snapshot.period
        var periods = [current]
        if snapshot.today.day <= settings.approvalDay, !snapshot.cases(of: current.previous).isEmpty { periods.insert(current.previous, at: 0) }
        var nextTotal = (snapshot.highestTotalNumber ?? (settings.firstTotalIssue - 1)) + 1
        var issues: [BulletinIssue] = []
        var records: [CaseLibrary.IssueRecord] = []
        for period in periods {
            let chosen = snapshot.cases(of: period).filter(Self.isPublic).prefix(settings.bulletinMax)
            let total: Int
            if let known = snapshot.issue(of: period) {
                total = known.totalNumber
            } else {
                total = nextTotal
                nextTotal += 1
            }
            records.append(.init(period: period, number: period.month, totalNumber: total, date: snapshot.today, caseIds: chosen.map(\.id)))
            issues.append(BulletinIssue(publication: settings.publication, issuer: settings.issuer, period: period, number: period.month,
                                        totalNumber: total, date: snapshot.today, entries: chosen.map(\.effectiveRecord)))
        }
        // The year's issues as they will stand once this selection is recorded.
        var yearIssues = snapshot.issues.filter { $0.period.year == current.year && !periods.contains($0.period) }
        yearIssues += records.filter { $0.period.year == current.year }
        var firstBulletined: [String: BulletinPeriod] = [:]
        for issue in yearIssues.sorted(by: { $0.period < $1.period }) {
            for id in issue.caseIds where firstBulletined[id] == nil { firstBulletined[id] = issue.period }
        }
        let bulletined = firstBulletined.keys.compactMap { snapshot.cases[$0] }.filter(Self.isPublic)
            .sorted { ($0.record.assessment.score, $1.id) > ($1.record.assessment.score, $0.id) }
        let entries = bulletined.prefix(settings.annual).enumerated().map {
            AnnualEntry(rank: $0.offset + 1, record: $0.element.effectiveRecord, firstBulletined: firstBulletined[$0.element.id])
        }
        let quarterMonths = Set(current.quarterMonths)
        let releaseEntries = bulletined.filter { firstBulletined[$0.id].map(quarterMonths.contains) ?? false }
            .prefix(settings.quarterly).enumerated()
            .map { AnnualEntry(rank: $0.offset + 1, record: $0.element.effectiveRecord, firstBulletined: firstBulletined[$0.element.id]) }
        return Selection(issues: issues,
                         annual: AnnualList(issuer: settings.issuer, year: current.year, date: snapshot.today, entries: entries),
                         quarterly: QuarterlyRelease(issuer: settings.issuer, year: current.year, quarter: current.quarter,
                                                     date: snapshot.today, entries: releaseEntries),
                         issueRecords: records)
    }
}
