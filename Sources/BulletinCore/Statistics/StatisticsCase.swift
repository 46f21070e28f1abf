/// What the statistics need of one public case, and nothing more: its id, month, unit, bureau, and the review
/// steps a reviewer decided it at. The library snapshot keeps one per public case of the year (a few dozen bytes
/// each) instead of the decoded cases, so counting a year costs the memory of one month's cases.
public struct StatisticsCase: Sendable, Equatable {
    /// The case id.
    public var id: String
    /// Its bulletin month.
    public var period: BulletinPeriod
    /// 报送单位.
    public var submitter: String
    /// 归口部门.
    public var supervisor: String
    /// Per review step where a reviewer's word on a returned sheet changed the case's stage: whether the last
    /// such decision there passed it on (to another step, or into a bulletin).
    public var decisions: [String: Bool]

    /// Creates a tally.
    public init(id: String, period: BulletinPeriod, submitter: String, supervisor: String, decisions: [String: Bool] = [:]) {
        self.id = id
        self.period = period
        self.submitter = submitter
        self.supervisor = supervisor
        self.decisions = decisions
    }

    /// The tally of a case (classified cases are never tallied: callers leave them out).
    public init(_ c: CaseState) {
        var decisions: [String: Bool] = [:]
        for e in c.history where !e.step.isEmpty && e.source?.sheetId != nil && e.from != e.to {
            decisions[e.step] = e.to.step != nil || e.to == .bulletined  // the last one wins, as history is oldest first
        }
        self.init(id: c.id, period: c.record.period, submitter: c.record[.submitter], supervisor: c.record[.supervisor], decisions: decisions)
    }
}
