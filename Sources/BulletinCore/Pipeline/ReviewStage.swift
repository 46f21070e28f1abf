import SystemFiles
import Foundation

/// [7] review: decisions come back. Each returned review sheet (recognised by its hidden identity, whatever
/// its name) is judged row by row against the library: accepted rows apply in one transaction as appended
/// history records naming the sheet and row; refused rows go to the quarantine as a sheet with a 拒收原因
/// column, ready to correct and return; blank rows mean "not decided yet". A 审定 sheet whose every row is
/// decided approves its issue.
extension Pipeline {
    func applyReturnedSheets(_ files: [FileWork<Submission>], _ run: RunContext) throws -> [AuditRecord.InputRecord] {
        var records: [AuditRecord.InputRecord] = []
        // Cases decided by an earlier sheet of this run, per step: two sheets of one step conflict, a 季度发布
        // and a 年度榜单 choice of the same case do not.
        var decidedThisRun: [String: Set<String>] = [:]
        // The first applied wins: sheets are taken in the order of their names, then their bytes.
        for w in files.sorted(by: { ($0.item.file.name, $0.item.sha256) < ($1.item.file.name, $1.item.sha256) }) {
            guard let sheet = w.item.reviewSheet else { continue }
            records.append(try apply(sheet, w, run, decidedThisRun: &decidedThisRun))
        }
        return records
    }

    private func apply(_ sheet: ReturnedReviewSheet, _ w: FileWork<Submission>, _ run: RunContext,
                       decidedThisRun: inout [String: Set<String>]) throws -> AuditRecord.InputRecord {
        let file = w.item.file
        var process = config.activeProcess
        let list = ListSheet(rawValue: sheet.stage)
        if let list { process = ProcessConfig(steps: [list.step]) }
        guard let step = process.step(sheet.stage) else {
            return try quarantine(file, sha256: w.item.sha256, stage: "review", reasons: w.notes + [
                "\(file.name) is a review sheet for the step \(sheet.stage), which the \(config.profile) process does not have (its steps: \(process.steps.map(\.name).joined(separator: ", ")))",
                "what to do: use the sheets the current run writes under review/",
            ], run, remember: true)
        }
        // Answers to 疑似重复 (合并到 … / 不是重复) are taken apart from the step's decisions.
        let (answers, rest) = ReviewSession.splitDuplicateAnswers(sheet)
        // The sheet's cases are read once, for the validation and for applying it: nothing is written in between.
        let states = list == nil ? try ReviewSession.states(of: rest, library: run.library) : nil
        let lookup = try states.map { ReviewSession.lookup(rest, states: $0) } ?? ReviewSession.listLookup(rest, library: run.library)
        var validation = ReviewSession.validator(step: step).validate(rest, lookup: lookup, decidedEarlier: decidedThisRun[step.name] ?? [])
        var outcome = try ReviewSession.apply(validation, sheet: rest, step: step, process: process, file: file.name, sha256: w.item.sha256,
                                              date: run.today, runId: run.runId, library: run.library, states: states)
        if let list, let approval = ReviewSession.listApproval(validation, sheet: rest, list: list, date: run.today,
                                                                 revision: try run.library.approvals(kind: list.kind).filter { $0.key == sheet.group }.count) {
            try run.library.record(approval: approval)
            outcome.notes.append("\(list.rawValue) \(sheet.group) approved with \(approval.caseIds.count) achievement(s)")
        }
        // Planned after the decisions applied, so each answer starts from the stage its case is at now.
        let duplicates = try ReviewSession.planDuplicateAnswers(answers, sheet: sheet, step: step.name, file: file.name, sha256: w.item.sha256,
                                                                date: run.today, runId: run.runId, library: run.library)
        validation.verdicts += duplicates.refused
        try run.library.applyDuplicateAnswers(duplicates.events)
        outcome.changes += duplicates.changes
        if ReviewSession.isCorrection(sheet), let period = BulletinPeriod(sheet.period),
           outcome.approval != nil || outcome.notes.contains(where: { $0.contains("changes nothing") }) {
            try run.library.closeCorrections(period: period, date: run.today)
        }
        decidedThisRun[step.name, default: []].formUnion(validation.acceptedCaseIds)
        try run.library.recordAppliedSheet(sheetId: sheet.sheetId, fileSHA256: w.item.sha256, fileName: file.name, date: run.today,
                                           accepted: validation.accepted.count, refused: validation.refused.count)
        try run.library.recordFile(sha256: w.item.sha256, name: file.name, size: w.item.size,
                                   outcome: validation.refused.isEmpty ? .decisions : .partial, received: run.today)
        let target = FileOps.freeName(for: file.name, in: run.paths.archive(run.today))
        var reasons = w.notes + [validation.summary] + outcome.notes
        if let refusedSheet = ReviewRefusedSheet.make(from: sheet, validation: validation) {
            let folder = run.paths.quarantine(run.today)
            let held = FileOps.freeName(for: FileOps.derivedName(file.name, suffix: ".refused.xlsx"), in: folder)
            try run.audit.publish(try ReviewSheetWriter.bytes(refusedSheet), to: held, kind: "refused rows of review sheet \(file.name)",
                                  cases: validation.refused.map(\.row.caseId))
            let lines = validation.refused.map { "\($0.row.location): \($0.reason.description)" }
            let text = "文件 file: \(file.name)\nsha256: \(w.item.sha256)\n阶段 stage: review \(sheet.stage)\n原因 reasons:\n"
                + lines.map { "- \($0)\n" }.joined()
                + "\n处理 what to do: correct the rows in \(held.lastPathComponent) (its 拒收原因 column says what is wrong) and drop it into the inbox again; the other rows were applied.\n"
            try run.audit.publish(Array(text.utf8), to: folder.appendingPathComponent(FileOps.derivedName(held.lastPathComponent, suffix: ".reason.txt")),
                                  kind: "reason for the refused rows of \(file.name)")
            reasons += lines + ["the refused rows are at \(run.paths.relative(held))"]
        }
        let links = outcome.changes.map { c in
            AuditRecord.CaseLink(index: c.row, location: c.location, caseId: c.caseId, status: c.status, category: c.category,
                                 level: c.level, score: c.score, classified: false)
        }
        let record = AuditRecord.InputRecord(name: file.name, sha256: w.item.sha256, size: w.item.size,
                                             outcome: validation.refused.isEmpty ? InputOutcome.decisions.rawValue : InputOutcome.partial.rawValue,
                                             movedTo: run.paths.relative(target), cases: links, reasons: reasons)
        try run.audit.recordInput(record, moving: file.url, to: target)
        return record
    }
}

/// The pure parts of taking decisions back, shared by the run and by `inspect` (a dry run).
public enum ReviewSession {
    /// The validator for a step: its decision words, and the DOMAIN terms for adjusted labels.
    public static func validator(step: ProcessConfig.ReviewStep) -> ReviewDecisionValidator {
        ReviewDecisionValidator(vocabulary: vocabulary(step))
    }

    /// The words a step's sheet offers.
    public static func vocabulary(_ step: ProcessConfig.ReviewStep) -> ReviewVocabulary {
        ReviewVocabulary(decisionWords: step.decisions.map(\.word), categories: Category.allCases.map(\.rawValue),
                         levels: Level.allCases.map(\.rawValue), industries: Industry.allCases.map(\.rawValue))
    }

    /// The library's view of each case on a returned sheet, read once.
    public static func lookup(_ sheet: ReturnedReviewSheet, library: CaseLibrary) throws -> @Sendable (String) -> ReviewCaseState? {
        lookup(sheet, states: try states(of: sheet, library: library))
    }

    /// The cases of the sheet's rows, by id, as the library holds them now.
    public static func states(of sheet: ReturnedReviewSheet, library: CaseLibrary) throws -> [String: CaseState] {
        let ids = Array(Set(sheet.rows.map(\.caseId).filter { !$0.isEmpty })).sorted()
        return Dictionary(try library.states(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// `lookup(_:library:)` of the sheet's cases already read (`states(of:library:)`).
    public static func lookup(_ sheet: ReturnedReviewSheet, states: [String: CaseState]) -> @Sendable (String) -> ReviewCaseState? {
        let correction = isCorrection(sheet)
        let byId = Dictionary(states.values.map { s -> (String, ReviewCaseState) in
            var r = reviewState(s)
            // A 更正 sheet decides again the cases of an approved issue: in it, or left out of it at 审定.
            if correction, s.stage == .bulletined || s.stage == .notSelected, s.record.period.description == sheet.period {
                r.stage = CaseStage.waiting(for: sheet.stage).rawValue
            }
            return (s.id, r)
        }, uniquingKeysWith: { a, _ in a })
        return { byId[$0] }
    }

    /// Whether a returned sheet asks to correct an approved issue (its group ends with 更正).
    public static func isCorrection(_ sheet: ReturnedReviewSheet) -> Bool { sheet.group.hasSuffix("更正") }

    /// A case as the validator sees it: its stage, version and the decisions sheets recorded on it.
    public static func reviewState(_ s: CaseState) -> ReviewCaseState {
        ReviewCaseState(stage: s.stage.rawValue, caseVersion: s.version,
                        decisions: s.history.compactMap { e in
                            guard let id = e.source?.sheetId, !e.step.isEmpty else { return nil }
                            return ReviewPastDecision(sheetId: id, stage: e.step, word: e.decision)
                        })
    }

    /// One change a sheet made, for the log and the dry run.
    public struct Change: Sendable, Equatable {
        public var caseId: String
        public var row: Int
        public var location: String
        /// `初选 通过: 待初选 → 待复选`.
        public var status: String
        public var category: String
        public var level: String
        public var score: Double
    }

    /// What applying a sheet did (or would do).
    public struct Outcome: Sendable, Equatable {
        public var changes: [Change]
        public var events: [CaseEvent]
        public var approval: Approval?
        public var notes: [String]
    }

    /// The events the accepted rows make, and the approval a complete 审定 sheet makes. Pure: `states` is the
    /// library's view of the sheet's cases.
    public static func plan(_ validation: ReviewValidation, sheet: ReturnedReviewSheet, step: ProcessConfig.ReviewStep,
                            process: ProcessConfig, file: String, sha256: String, date: CalendarDate, runId: String,
                            states: [String: CaseState], approvedRevisions: Int, periodCases: [CaseState]) -> Outcome {
        var changes: [Change] = []
        var events: [CaseEvent] = []
        var notes: [String] = []
        let correction = isCorrection(sheet)
        for d in validation.accepted {
            guard let state = states[d.caseId], let to = process.target(of: d.word, at: step.name) else { continue }
            // On a 更正 sheet a row that keeps a case where it is changes nothing.
            if correction, to == state.stage, d.category == nil, d.level == nil, d.industry == nil { continue }
            let labels = AdjustedLabels(category: d.category.flatMap(Category.init(rawValue:)), level: d.level.flatMap(Level.init(rawValue:)),
                                        industry: d.industry.flatMap(Industry.init(rawValue:)))
            let who = d.reviewer.isEmpty ? "（未署名）" : d.reviewer
            let why = d.note.isEmpty ? "\(step.name)意见：\(d.word)" : d.note
            events.append(CaseEvent(caseId: d.caseId, date: date, runId: runId, step: step.name, from: state.stage, to: to,
                                    decision: d.word, labels: labels.isEmpty ? nil : labels, order: d.order, who: who, why: why,
                                    source: EventSource(file: file, sha256: sha256, location: d.location, sheetId: sheet.sheetId)))
            let row = validation.verdicts.first { $0.row.caseId == d.caseId }?.row.excelRow ?? 0
            var after = state
            after.history.append(events[events.count - 1])
            changes.append(Change(caseId: d.caseId, row: row, location: d.location, status: "\(step.name) \(d.word): \(state.stage) → \(to)",
                                  category: after.effectiveCategory, level: after.effectiveLevel, score: state.record.assessment.score))
        }
        var approval: Approval?
        if step.approves == true, let period = BulletinPeriod(sheet.period) {
            let onSheet = sheet.rows.filter(\.isFromSheet)
            let undecided = validation.verdicts.filter { v in
                if case .accepted = v.outcome { return false }
                if case .alreadyApplied = v.outcome { return false }
                return v.row.isFromSheet
            }
            if correction, events.isEmpty, undecided.isEmpty {
                notes.append("更正 of the \(period.chinese) issue changes nothing: every row keeps its case where it was; the approved issue stands")
            } else if undecided.isEmpty, !onSheet.isEmpty {
                // Every case of the sheet is decided: the issue is approved with the ones passed, in the sheet's order.
                let finalStage = { (id: String) in events.last { $0.caseId == id }?.to ?? states[id]?.stage }
                let passed = Set(onSheet.map(\.caseId).filter { finalStage($0) == .bulletined })
                let ordered = onSheet.sorted { ($0.originalRow ?? $0.excelRow) < ($1.originalRow ?? $1.excelRow) }.map(\.caseId).filter(passed.contains)
                approval = Approval(kind: .bulletin, key: period.description, revision: approvedRevisions, date: date, caseIds: ordered,
                                    sheetId: sheet.sheetId)
                notes.append(approvedRevisions == 0 ? "\(step.name): the \(period.chinese) issue is approved with \(ordered.count) achievement(s)"
                                                    : "\(step.name): 更正\(approvedRevisions) of the \(period.chinese) issue, \(ordered.count) achievement(s)")
                // Cases waiting for approval in that month but not on the sheet (beyond the quota) are not in it.
                let waiting = CaseStage.waiting(for: step.name)
                for c in periodCases where c.stage == waiting && !onSheet.contains(where: { $0.caseId == c.id }) {
                    events.append(CaseEvent(caseId: c.id, date: date, runId: runId, step: step.name, from: waiting, to: .notSelected,
                                            who: "bulletin", why: "not in the approved \(period.chinese) issue (beyond its quota when the 审定 sheet was made)",
                                            source: EventSource(file: file, sha256: sha256, location: "", sheetId: sheet.sheetId)))
                }
            } else if !onSheet.isEmpty {
                notes.append("\(step.name): \(undecided.count) row(s) not decided yet; the \(period.chinese) issue stays a draft until every row is decided")
            }
        }
        if validation.changesNothing {
            notes.append(validation.alreadyAppliedCount > 0 ? "this sheet changes nothing: its decisions were already applied"
                                                             : "this sheet changes nothing: no row holds an applicable decision")
        }
        return Outcome(changes: changes, events: events, approval: approval, notes: notes)
    }

    /// Plans and applies a sheet's accepted rows in one transaction. `states`: the sheet's cases as
    /// `states(of:library:)` read them, when nothing was written to the library since (read now when nil).
    public static func apply(_ validation: ReviewValidation, sheet: ReturnedReviewSheet, step: ProcessConfig.ReviewStep, process: ProcessConfig,
                             file: String, sha256: String, date: CalendarDate, runId: String, library: CaseLibrary,
                             states read: [String: CaseState]? = nil) throws -> Outcome {
        let states = try read ?? states(of: sheet, library: library)
        let period = BulletinPeriod(sheet.period)
        let revisions = try library.approvals(kind: .bulletin).filter { $0.key == sheet.period }.count
        let periodCases = try approvalPeriodCases(step: step, period: period, library: library)
        let outcome = plan(validation, sheet: sheet, step: step, process: process, file: file, sha256: sha256, date: date, runId: runId,
                           states: states, approvedRevisions: revisions, periodCases: periodCases)
        try library.apply(events: outcome.events, approval: outcome.approval)
        return outcome
    }
}

extension ReviewSession {
    /// The cases of the sheet's month, which `plan` reads only for a step that approves the issue (to take the
    /// month's waiting cases left off the sheet out of it); for every other step, none are read: decoding a
    /// month's cases for each division's 初选 sheet cost more than applying its decisions.
    static func approvalPeriodCases(step: ProcessConfig.ReviewStep, period: BulletinPeriod?, library: CaseLibrary) throws -> [CaseState] {
        guard step.approves == true, let period else { return [] }
        return try library.states(periods: [period])
    }

    /// A dry run: what applying `sheet` now would change, as lines a person reads, touching nothing.
    public static func dryRun(_ sheet: ReturnedReviewSheet, fileName: String, sha256: String, config: PipelineConfig,
                              library: CaseLibrary, today: CalendarDate) throws -> [String] {
        let process = config.activeProcess
        guard let step = process.step(sheet.stage) else {
            return ["\(fileName): a review sheet for \(sheet.stage), which the \(config.profile) process does not have; it would be quarantined"]
        }
        let (answers, rest) = splitDuplicateAnswers(sheet)
        var validation = validator(step: step).validate(rest, lookup: try lookup(rest, library: library))
        let duplicates = try planDuplicateAnswers(answers, sheet: sheet, step: step.name, file: fileName, sha256: sha256, date: today,
                                                  runId: "dry-run", library: library)
        validation.verdicts += duplicates.refused
        let states = try states(of: sheet, library: library)
        let period = BulletinPeriod(sheet.period)
        var outcome = plan(validation, sheet: rest, step: step, process: process, file: fileName, sha256: sha256, date: today,
                           runId: "dry-run", states: states,
                           approvedRevisions: try library.approvals(kind: .bulletin).filter { $0.key == sheet.period }.count,
                           periodCases: try approvalPeriodCases(step: step, period: period, library: library))
        outcome.changes += duplicates.changes
        var lines = ["\(fileName): review sheet \(sheet.sheetId) (\(sheet.stage)\(sheet.group.isEmpty ? "" : " " + sheet.group), \(sheet.period)) — dry run, nothing applied",
                     "  \(validation.summary)"]
        for c in outcome.changes { lines.append("  \(c.location): \(c.caseId) \(c.status)") }
        for e in outcome.events where e.who == "bulletin" { lines.append("  \(e.caseId): \(e.from?.rawValue ?? "") → \(e.to.rawValue) (\(e.why))") }
        for r in validation.refused { lines.append("  refused \(r.row.location): \(r.reason.description)") }
        for v in validation.verdicts where v.note != nil { lines.append("  note \(v.row.location): \(v.note ?? "")") }
        lines += outcome.notes.map { "  \($0)" }
        return lines
    }
}
