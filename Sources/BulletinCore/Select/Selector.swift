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
    /// The day of month M+1 by which month M's bulletin is approved (the approving step's deadline); until
    /// then it is redrafted too.
    public var approvalDay: Int
    /// 创新驱动要参.
    public var publication: String
    /// 四川省科学技术厅.
    public var issuer: String
    /// The brand line and the 版记 distribution of the bulletin ("" for none).
    public var brand: String = ""
    public var distribution: String = ""
    /// The stage of a case that passed the shortlist and waits for approval (待审定).
    public var approvalStage: CaseStage

    /// Reads them from the configuration.
    public init(_ config: PipelineConfig) {
        bulletinMax = config.quotas.bulletinMax
        annual = config.quotas.annual
        quarterly = config.quotas.quarterly ?? 6
        firstTotalIssue = config.outputs.firstTotalIssue
        approvalDay = config.activeProcess.approvalStep?.deadline.day ?? 10
        publication = config.outputs.publication
        issuer = config.outputs.issuer
        brand = config.outputs.brand ?? ""
        distribution = config.outputs.distribution ?? ""
        approvalStage = .waiting(for: config.activeProcess.approvalStep?.name ?? "审定")
    }
}

/// Selects the month's bulletin (the cases that passed 复选, in the reviewers' order; once 审定 comes back, what
/// was approved), the year's annual list (about 20, from approved bulletins) and the quarter's release shortlist. A pure function of a library snapshot: it writes nothing; recording issue
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

    /// Whether a case passed the shortlist (复选): it waits for approval or is in an approved bulletin.
    func passedShortlist(_ c: CaseState) -> Bool { c.stage == settings.approvalStage || c.stage == .bulletined }

    /// The draft of a month: the cases that passed the shortlist, in the reviewers' 排序 (else by score),
    /// within the quota.
    /// The cases are filtered before they are sorted (not all of a month's cases sorted by score, then filtered): the
    /// key ends with the id, which no two cases share, so the order is the same whatever order they come in.
    public func draft(_ snapshot: LibrarySnapshot, _ period: BulletinPeriod) -> [CaseState] {
        snapshot.cases.values.filter { $0.record.period == period && Self.isPublic($0) && passedShortlist($0) }
            .sorted { a, b in
                let ka = (a.order ?? Int.max, -a.record.assessment.score, a.id), kb = (b.order ?? Int.max, -b.record.assessment.score, b.id)
                return ka < kb
            }
            .prefix(settings.bulletinMax).map { $0 }
    }

    /// The selection for the snapshot's date and month.
    public func select(_ snapshot: LibrarySnapshot) -> Selection {
        let current = snapshot.period
        var periods = [current]
        let previous = current.previous
        let previousInPlay = snapshot.cases.values.contains { $0.record.period == previous }
            && (snapshot.today.day <= settings.approvalDay || snapshot.approval(of: previous) == nil && !draft(snapshot, previous).isEmpty
                || snapshot.approval(of: previous).map { $0.path == nil } == true)
        if previousInPlay { periods.insert(previous, at: 0) }
        var nextTotal = (snapshot.highestTotalNumber ?? (settings.firstTotalIssue - 1)) + 1
        var issues: [BulletinIssue] = []
        var records: [CaseLibrary.IssueRecord] = []
        for period in periods {
            let approval = snapshot.approval(of: period)
            // An approved issue holds what was approved, in that order; a draft holds what passed the shortlist.
            let chosen = approval.map { $0.caseIds.compactMap { snapshot.cases[$0] } } ?? draft(snapshot, period)
            let total: Int
            if let known = snapshot.issue(of: period) {
                total = known.totalNumber
            } else {
                total = nextTotal
                nextTotal += 1
            }
            let date = approval?.date ?? snapshot.today
            records.append(.init(period: period, number: period.month, totalNumber: total, date: date, caseIds: chosen.map(\.id)))
            var issue = BulletinIssue(publication: settings.publication, issuer: settings.issuer, period: period, number: period.month,
                                      totalNumber: total, date: date, entries: chosen.map(\.effectiveRecord), draft: approval == nil,
                                      revision: approval?.revision ?? 0)
            issue.brand = settings.brand
            issue.distribution = settings.distribution
            issues.append(issue)
        }
        // Adoption (采用) is what approved bulletins hold.
        let firstBulletined = snapshot.firstBulletined(year: current.year)
        let bulletined = firstBulletined.keys.compactMap { snapshot.cases[$0] }.filter(Self.isPublic)
            .sorted { ($0.record.assessment.score, $1.id) > ($1.record.assessment.score, $0.id) }
        // The annual list and the quarterly release: the machine's ranking while a draft; once their sheet comes
        // back approved, the cases chosen, in the chosen order.
        func ranked(_ cases: [CaseState]) -> [AnnualEntry] {
            cases.enumerated().map { AnnualEntry(rank: $0.offset + 1, record: $0.element.effectiveRecord, firstBulletined: firstBulletined[$0.element.id]) }
        }
        let annualKey = String(current.year), quarterKey = "\(current.year)-Q\(current.quarter)"
        let annualApproval = snapshot.listApproval(.annual, annualKey)
        let entries = ranked(annualApproval.map { $0.caseIds.compactMap { snapshot.cases[$0] } } ?? Array(bulletined.prefix(settings.annual)))
        let quarterMonths = Set(current.quarterMonths)
        let quarterApproval = snapshot.listApproval(.quarterly, quarterKey)
        let inQuarter = bulletined.filter { firstBulletined[$0.id].map(quarterMonths.contains) ?? false }
        let releaseEntries = ranked(quarterApproval.map { $0.caseIds.compactMap { snapshot.cases[$0] } } ?? Array(inQuarter.prefix(settings.quarterly)))
        return Selection(issues: issues,
                         annual: AnnualList(issuer: settings.issuer, year: current.year, date: annualApproval?.date ?? snapshot.today,
                                            entries: entries, draft: annualApproval == nil),
                         quarterly: QuarterlyRelease(issuer: settings.issuer, year: current.year, quarter: current.quarter,
                                                     date: quarterApproval?.date ?? snapshot.today, entries: releaseEntries,
                                                     draft: quarterApproval == nil),
                         issueRecords: records)
    }
}
