/// The department's review process for one profile (pipeline.json `process.<profile>`): the review steps in
/// order, who gets each step's sheets, its deadline, and what each decision word does. Stages are data, not
/// code: Sichuan's 初选 → 复选 → (咨询) → 审定 and Zhejiang's 遴选评价 → 现场调研 → 审定 are two tables.
public struct ProcessConfig: Sendable, Codable, Equatable {
    /// The review steps, in order. The first is where a new public case waits; the one with `approves` makes
    /// the bulletin final.
    public var steps: [ReviewStep]

    /// One review step.
    public struct ReviewStep: Sendable, Codable, Equatable {
        /// Its name: 初选, 复选, 咨询, 审定, 遴选评价 … (the stage of a case waiting for it is 待 + name).
        public var name: String
        /// How its cases are split into sheets: `source` (one per 成果来源 division), `month` (one per bulletin
        /// month) or `issue` (one per bulletin issue: the draft's cases).
        public var sheetsBy: Grouping
        /// When it is due.
        public var deadline: Deadline
        /// The decision words reviewers may write, in the drop-down's order, and where each one sends a case.
        public var decisions: [Decision]
        /// Whether the sheet has the 排序 column (the order in the bulletin).
        public var order: Bool?
        /// Whether a case reaches this step only when an earlier decision sends it here (咨询).
        public var optional: Bool?
        /// Whether this step's decisions approve the bulletin (审定).
        public var approves: Bool?
        /// Who decides (重大处, 厅领导 …); "" for a step split by 成果来源, where the case's division decides.
        public var by: String?
    }

    /// How a step's cases are split into sheets.
    public enum Grouping: String, Sendable, Codable, Equatable {
        case source, month, issue
    }

    /// A deadline relative to the bulletin month M: `monthsAfter` 0 is M itself, 1 is M+1; `day` 31 means the
    /// month's last day.
    public struct Deadline: Sendable, Codable, Equatable {
        public var monthsAfter: Int
        public var day: Int

        /// The date for bulletin month `period`.
        public func date(for period: BulletinPeriod) -> CalendarDate {
            var p = period
            for _ in 0..<max(0, monthsAfter) { p = p.next }
            return p.day(day)
        }
    }

    /// A decision word and where it sends the case: the name of a step (the case then waits for it) or one of
    /// the end states 已通报, 未入选, 退回修改.
    public struct Decision: Sendable, Codable, Equatable {
        public var word: String
        public var to: String
    }

    /// The step named `name`.
    public func step(_ name: String) -> ReviewStep? { steps.first { $0.name == name } }

    /// The stage a new public case starts at.
    public var firstStage: CaseStage { .waiting(for: steps.first?.name ?? "初选") }

    /// The approving step (审定).
    public var approvalStep: ReviewStep? { steps.first { $0.approves == true } }

    /// Where `word` at step `step` sends a case; nil for a word the step does not know.
    public func target(of word: String, at step: String) -> CaseStage? {
        guard let to = self.step(step)?.decisions.first(where: { $0.word == word })?.to else { return nil }
        if self.step(to) != nil { return .waiting(for: to) }
        return CaseStage(rawValue: to)
    }

    /// The stages a case can be at, in the order of the process (for `status`).
    public var stages: [CaseStage] {
        steps.map { .waiting(for: $0.name) } + [.bulletined, .notSelected, .returned, .merged, .classified]
    }

    /// Checks that every target names a step or an end state, and that exactly one step approves.
    func validate(file: String, profile: String) throws {
        func fail(_ path: String, _ message: String) -> ConfigError { ConfigError(file: file, path: "process.\(profile).\(path)", message: message) }
        guard !steps.isEmpty else { throw fail("steps", "is empty; name the review steps in order") }
        let names = Set(steps.map(\.name))
        guard names.count == steps.count else { throw fail("steps", "names a step twice") }
        let ends: Set<String> = [CaseStage.bulletined.rawValue, CaseStage.notSelected.rawValue, CaseStage.returned.rawValue]
        for (i, s) in steps.enumerated() {
            guard !s.decisions.isEmpty else { throw fail("steps[\(i)].decisions", "is empty; list the words reviewers may write") }
            for (j, d) in s.decisions.enumerated() where !names.contains(d.to) && !ends.contains(d.to) {
                throw fail("steps[\(i)].decisions[\(j)].to", "is \"\(d.to)\"; use a step's name or one of 已通报, 未入选, 退回修改")
            }
            guard (1...31).contains(s.deadline.day), (0...2).contains(s.deadline.monthsAfter) else {
                throw fail("steps[\(i)].deadline", "needs day 1–31 and monthsAfter 0–2")
            }
        }
        guard steps.filter({ $0.approves == true }).count == 1 else { throw fail("steps", "needs exactly one step with \"approves\": true (审定)") }
    }
}
