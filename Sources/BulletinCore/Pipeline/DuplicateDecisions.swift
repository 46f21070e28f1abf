import Foundation

/// A reviewer's answer to a 疑似重复 flag, written in the decision column of any review sheet:
/// `合并到 2026-11-0005` (this case is the same achievement as that one: merge it there) or `不是重复`.
/// A merge is a decision like any other: appended history on both cases, the flags resolved, and the merged
/// case's submissions counted on the kept case.
public enum DuplicateDecision: Sendable, Equatable {
    case merge(into: String)
    case notDuplicate
    /// `拆分 2026-11-0020`, written on the kept case's row: undoes that merge.
    case split(off: String)

    /// The answer `text` holds, nil when it is not one.
    public init?(_ text: String) {
        let t = text.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
        if ["不是重复", "非重复", "不重复"].contains(t) { self = .notDuplicate; return }
        for prefix in ["拆分", "拆出"] where t.hasPrefix(prefix) {
            let id = String(t.dropFirst(prefix.count)).trimmingCharacters(in: CharacterSet(charactersIn: "：:「」“”\"'"))
            guard !id.isEmpty else { return nil }
            self = .split(off: id)
            return
        }
        for prefix in ["合并到", "合并至", "并入"] where t.hasPrefix(prefix) {
            let id = String(t.dropFirst(prefix.count)).trimmingCharacters(in: CharacterSet(charactersIn: "：:「」“”\"'"))
            guard !id.isEmpty else { return nil }
            self = .merge(into: id)
            return
        }
        return nil
    }
}

extension ReviewSession {
    /// Splits a returned sheet's rows into answers to 疑似重复 flags and the rest (judged as decisions).
    static func splitDuplicateAnswers(_ sheet: ReturnedReviewSheet) -> (answers: [(ReturnedReviewRow, DuplicateDecision)], rest: ReturnedReviewSheet) {
        var answers: [(ReturnedReviewRow, DuplicateDecision)] = []
        var rest = sheet
        rest.rows = sheet.rows.filter { row in
            guard let d = DuplicateDecision(row.entry.decision) else { return true }
            answers.append((row, d))
            return false
        }
        return (answers, rest)
    }

    /// The events the answers make, and the verdicts of the rows refused (unknown case, stale, moved on, a
    /// merge into itself or into an unknown case).
    static func planDuplicateAnswers(_ answers: [(ReturnedReviewRow, DuplicateDecision)], sheet: ReturnedReviewSheet, step: String,
                                     file: String, sha256: String, date: CalendarDate, runId: String,
                                     states: [String: CaseState], targets: [String: CaseState]) -> (events: [CaseEvent], refused: [ReviewRowVerdict], changes: [Change]) {
        var events: [CaseEvent] = []
        var refused: [ReviewRowVerdict] = []
        var changes: [Change] = []
        for (row, answer) in answers {
            func refuse(_ r: ReviewRefusal) { refused.append(ReviewRowVerdict(row: row, outcome: .refused(r), note: nil)) }
            guard let state = states[row.caseId] else { refuse(.unknownCase(caseId: row.caseId)); continue }
            guard let version = row.caseVersion else { refuse(.notOnSheet(caseId: row.caseId)); continue }
            guard state.stage == .waiting(for: step) else {
                refuse(.notAtStage(caseId: row.caseId, expected: CaseStage.waiting(for: step).rawValue, current: state.stage.rawValue)); continue
            }
            guard version == state.version else { refuse(.stale(caseId: row.caseId)); continue }
            let who = row.entry.reviewer.isEmpty ? "（未署名）" : row.entry.reviewer
            let source = EventSource(file: file, sha256: sha256, location: row.location, sheetId: sheet.sheetId)
            switch answer {
            case .notDuplicate:
                events.append(CaseEvent(caseId: state.id, date: date, runId: runId, step: step, from: state.stage, to: state.stage,
                                        decision: "不是重复", who: who, why: row.entry.note.isEmpty ? "不是重复：\(state.possibleDuplicates.joined(separator: "、"))" : row.entry.note,
                                        source: source))
                changes.append(Change(caseId: state.id, row: row.excelRow, location: row.location, status: "\(step) 不是重复: flags closed",
                                      category: state.effectiveCategory, level: state.effectiveLevel, score: state.record.assessment.score))
            case .split(let off):
                // Undo a merge: the merged case goes back to the stage it had, and both histories say so.
                guard let merged = targets[off], merged.stage == .merged,
                      let mergeEvent = merged.history.last(where: { $0.to == .merged && $0.decision == "合并到 \(state.id)" }),
                      let back = mergeEvent.from else {
                    refuse(.unknownChoice(column: ReviewColumns.decisionHeader(stage: step), written: row.entry.decision,
                                          allowed: ["拆分 <并入本案例的案例编号>"]))
                    continue
                }
                let why = row.entry.note.isEmpty ? "拆分：与 \(state.id) 不是同一成果" : row.entry.note
                events.append(CaseEvent(caseId: off, date: date, runId: runId, step: step, from: .merged, to: back,
                                        decision: "拆分自 \(state.id)", who: who, why: why, source: source))
                events.append(CaseEvent(caseId: state.id, date: date, runId: runId, step: step, from: state.stage, to: state.stage,
                                        decision: "拆分出 \(off)", who: who, why: why, source: source))
                changes.append(Change(caseId: off, row: row.excelRow, location: row.location, status: "\(step) 拆分: \(CaseStage.merged) → \(back)",
                                      category: merged.effectiveCategory, level: merged.effectiveLevel, score: merged.record.assessment.score))
            case .merge(let into):
                guard into != state.id, let target = targets[into], target.stage != .merged else {
                    refuse(.unknownChoice(column: ReviewColumns.decisionHeader(stage: step), written: row.entry.decision,
                                          allowed: ["合并到 <另一案例编号>", "不是重复"] + state.possibleDuplicates.map { "合并到 \($0)" }))
                    continue
                }
                let why = row.entry.note.isEmpty ? "与 \(into) 为同一成果" : row.entry.note
                events.append(CaseEvent(caseId: state.id, date: date, runId: runId, step: step, from: state.stage, to: .merged,
                                        decision: "合并到 \(into)", who: who, why: why, source: source))
                events.append(CaseEvent(caseId: into, date: date, runId: runId, step: step, from: target.stage, to: target.stage,
                                        decision: "合并入 \(state.id)", who: who,
                                        why: why + (target.stage == .bulletined ? "；重大处请核：this case is in an approved bulletin, which is not changed" : ""),
                                        source: source))
                changes.append(Change(caseId: state.id, row: row.excelRow, location: row.location, status: "\(step) 合并到 \(into): \(state.stage) → \(CaseStage.merged)",
                                      category: state.effectiveCategory, level: state.effectiveLevel, score: state.record.assessment.score))
            }
        }
        return (events, refused, changes)
    }
}

extension ReviewSession {
    /// `planDuplicateAnswers` with the cases read from the library.
    static func planDuplicateAnswers(_ answers: [(ReturnedReviewRow, DuplicateDecision)], sheet: ReturnedReviewSheet, step: String,
                                     file: String, sha256: String, date: CalendarDate, runId: String,
                                     library: CaseLibrary) throws -> (events: [CaseEvent], refused: [ReviewRowVerdict], changes: [Change]) {
        guard !answers.isEmpty else { return ([], [], []) }
        let ids = Set(answers.map(\.0.caseId))
        let targetIds = Set(answers.compactMap { a -> String? in
            switch a.1 {
            case .merge(let into): return into
            case .split(let off): return off
            case .notDuplicate: return nil
            }
        })
        let all = Dictionary(try library.states(ids: Array(ids.union(targetIds)).sorted()).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return planDuplicateAnswers(answers, sheet: sheet, step: step, file: file, sha256: sha256, date: date, runId: runId,
                                    states: all, targets: all)
    }
}
