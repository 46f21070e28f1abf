/// One issue of the monthly bulletin (《创新驱动要参》), as selected: what the renderer draws.
public struct BulletinIssue: Sendable, Equatable {
    /// Publication name from pipeline.json (创新驱动要参).
    public var publication: String
    /// Issuing unit (四川省科学技术厅).
    public var issuer: String
    /// The bulletin month.
    public var period: BulletinPeriod
    /// Issue number within the year (第N期).
    public var number: Int
    /// Running number across years (总第N期).
    public var totalNumber: Int
    /// Date of the issue.
    public var date: CalendarDate
    /// The achievements, in order.
    public var entries: [CaseRecord]
    /// Whether it is still a draft (marked 草稿).
    public var draft: Bool
    /// 0 for the approved issue, 1… for each 更正 (ignored for a draft).
    public var revision: Int
    /// A brand line above the masthead (浙里好成果·成果月报), "" for none.
    public var brand: String = ""
    /// The distribution printed in the 版记 at the end, "" for none.
    public var distribution: String = ""

    /// Creates an issue.
    public init(publication: String, issuer: String, period: BulletinPeriod, number: Int, totalNumber: Int, date: CalendarDate,
                entries: [CaseRecord], draft: Bool = true, revision: Int = 0) {
        self.revision = revision
        self.publication = publication
        self.issuer = issuer
        self.period = period
        self.number = number
        self.totalNumber = totalNumber
        self.date = date
        self.entries = entries
        self.draft = draft
    }
}

/// One line of the annual list (年度榜单).
public struct AnnualEntry: Sendable, Equatable {
    /// 1-based rank.
    public var rank: Int
    /// The case.
    public var record: CaseRecord
    /// The month it was first bulletined, nil when not yet.
    public var firstBulletined: BulletinPeriod?
    /// Creates an entry.
    public init(rank: Int, record: CaseRecord, firstBulletined: BulletinPeriod?) {
        self.rank = rank
        self.record = record
        self.firstBulletined = firstBulletined
    }
}

/// The year's list of landmark achievements (年度重大标志性成果榜单), as selected.
public struct AnnualList: Sendable, Equatable {
    /// Issuing unit.
    public var issuer: String
    /// The year, e.g. 2026.
    public var year: Int
    /// Date of the draft.
    public var date: CalendarDate
    /// Ranked entries.
    public var entries: [AnnualEntry]
    /// Whether it is still a draft.
    public var draft: Bool
    /// Creates a list.
    public init(issuer: String, year: Int, date: CalendarDate, entries: [AnnualEntry], draft: Bool = true) {
        self.issuer = issuer
        self.year = year
        self.date = date
        self.entries = entries
        self.draft = draft
    }
}

extension AnnualList {
    /// The list as CSV rows for the press and spreadsheets (the header first).
    public var csvRows: [[String]] {
        [["序号", "成果名称", "完成单位", "归口部门", "成果类别", "技术水平", "所属产业", "首次通报月份"]]
            + entries.map { e in
                [String(e.rank), e.record[.title], e.record[.submitter], e.record[.supervisor], e.record.assessment.category,
                 e.record.assessment.level, e.record.assessment.industry, e.firstBulletined?.description ?? ""]
            }
    }
}

/// The quarterly release shortlist (季度发布): achievements of the quarter chosen from those bulletined, to be
/// presented by their completers.
public struct QuarterlyRelease: Sendable, Equatable {
    /// Issuing unit.
    public var issuer: String
    /// The year.
    public var year: Int
    /// The quarter, 1–4.
    public var quarter: Int
    /// Date of the draft.
    public var date: CalendarDate
    /// Ranked entries (rank, case, month first bulletined).
    public var entries: [AnnualEntry]
    /// Whether it is still a draft.
    public var draft: Bool
    /// Creates a release shortlist.
    public init(issuer: String, year: Int, quarter: Int, date: CalendarDate, entries: [AnnualEntry], draft: Bool = true) {
        self.issuer = issuer
        self.year = year
        self.quarter = quarter
        self.date = date
        self.entries = entries
        self.draft = draft
    }
}
