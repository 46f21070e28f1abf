/// One case as `bulletin status` reports it: where it stands, how long it has waited, its deadline, who it
/// waits on, and every decision taken on it. `--json` prints one of these per line.
public struct CaseStatus: Sendable, Codable, Equatable {
    /// The case id (2026-11-0007).
    public var id: String
    /// 成果名称 (（涉密） for a classified case: its title is never printed).
    public var title: String
    /// 报送单位.
    public var submitter: String
    /// The stage in the Chinese words: 待初选, 待复选, 待咨询, 待审定, 已通报, 未入选, 退回修改, 涉密.
    public var stage: String
    /// The bulletin month the case belongs to, `YYYY-MM`.
    public var period: String
    /// How many submissions stand behind the case.
    public var sightings: Int
    /// Case ids flagged as possibly the same achievement.
    public var possibleDuplicates: [String]
    /// Every review decision, oldest first.
    public var decisions: [Decision]
    /// Days since the case reached its stage.
    public var waitingDays: Int
    /// The stage's deadline, `YYYY-MM-DD`, nil at an end state.
    public var deadline: String?
    /// Who the case waits on (基础处, 重大处, 厅领导 …), nil at an end state.
    public var waitsOn: String?
    /// Whether the deadline has passed.
    public var overdue: Bool

    /// One decision on the case.
    public struct Decision: Sendable, Codable, Equatable {
        public var step: String
        public var decision: String
        public var from: String
        public var to: String
        public var who: String
        public var date: String
        public var why: String
        /// The sheet file and row it came from.
        public var source: String
    }
}

/// Builds `status` lines from the library's cases: a pure function of the states, the process and the date.
public struct StatusReport: Sendable {
    let process: ProcessConfig
    let today: CalendarDate

    /// Creates a report for `today`.
    public init(process: ProcessConfig, today: CalendarDate) {
        self.process = process
        self.today = today
    }

    /// The status of one case.
    public func status(_ c: CaseState) -> CaseStatus {
        let stage = c.stage
        let since = c.history.last?.date ?? c.record.received
        let step = stage.step.flatMap(process.step)
        let deadline = step.map { $0.deadline.date(for: c.record.period) }
        let waitsOn = step.map { s in (s.by ?? "").isEmpty ? ReviewSheetPlanner.division(c) : (s.by ?? "") }
        let decisions = c.history.filter { !$0.step.isEmpty }.map { e in
            CaseStatus.Decision(step: e.step, decision: e.decision, from: e.from?.rawValue ?? "", to: e.to.rawValue, who: e.who,
                                date: e.date.description, why: e.why,
                                source: e.source.map { [$0.file, $0.location].filter { !$0.isEmpty }.joined(separator: " ") } ?? "")
        }
        return CaseStatus(id: c.id, title: c.classified ? "（涉密）" : c.record[.title], submitter: c.record[.submitter], stage: stage.rawValue,
                          period: c.record.period.description, sightings: c.sightings.count, possibleDuplicates: c.possibleDuplicates,
                          decisions: decisions, waitingDays: max(0, since.days(until: today)), deadline: deadline?.description,
                          waitsOn: waitsOn, overdue: deadline.map { $0 < today } ?? false)
    }
}
