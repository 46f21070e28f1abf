import Foundation

/// The 季度发布 and 年度榜单 sheets: every case in the quarter's (or year's) approved bulletins, in the machine's
/// ranking as a suggestion (排序 prefilled); reviewers mark 入选 or 不入选 and may reorder. When a sheet comes
/// back with every row decided, the list is approved: its document loses 草稿 and is never rewritten.
public enum ListSheet: String, Sendable, CaseIterable {
    case quarterly = "季度发布"
    case annual = "年度榜单"

    /// The approval kind it makes.
    public var kind: Approval.Kind { self == .quarterly ? .quarterly : .annual }

    /// The words of its decision column.
    public static let words = ["入选", "不入选"]

    /// A review step for it (decisions keep the case 已通报; the choice is recorded as the list's approval).
    var step: ProcessConfig.ReviewStep {
        ProcessConfig.ReviewStep(name: rawValue, sheetsBy: .month, deadline: .init(monthsAfter: 0, day: 31),
                                 decisions: Self.words.map { .init(word: $0, to: CaseStage.bulletined.rawValue) }, order: true)
    }

    /// The list's key: `2026-Q4` or `2026`.
    static func key(_ list: ListSheet, _ period: BulletinPeriod) -> String {
        list == .quarterly ? "\(period.year)-Q\(period.quarter)" : String(period.year)
    }
}

extension ReviewSheetPlanner {
    /// The list sheets of the snapshot's quarter and year, while their lists are not approved.
    func listSheets(_ snapshot: LibrarySnapshot) -> [ReviewSheet] {
        let period = snapshot.period
        let first = snapshot.firstBulletined(year: period.year)
        let bulletined = first.keys.compactMap { snapshot.cases[$0] }.filter { Selector.isPublic($0) }
            .sorted { ($0.record.assessment.score, $1.id) > ($1.record.assessment.score, $0.id) }
        let quarter = Set(period.quarterMonths)
        return ListSheet.allCases.compactMap { list -> ReviewSheet? in
            let key = ListSheet.key(list, period)
            guard snapshot.listApproval(list.kind, key) == nil else { return nil }
            let cases = list == .quarterly ? bulletined.filter { first[$0.id].map(quarter.contains) ?? false } : bulletined
            guard !cases.isEmpty else { return nil }
            let rows = cases.enumerated().map { i, c -> ReviewRow in
                var row = Self.row(c, duplicates: "")
                row.entry = ReviewerEntry(order: String(i + 1))
                return row
            }
            let deadline = list == .quarterly ? (period.quarterMonths.last ?? period).lastDay : (BulletinPeriod(year: period.year, month: 12) ?? period).lastDay
            // The sheet's month is the list's last month; its group names the list (2026-Q4, 2026).
            return ReviewSheet(stage: list.rawValue, group: key, period: deadline.calendarMonth.description, deadline: deadline.description,
                               vocabulary: ReviewVocabulary(decisionWords: ListSheet.words, categories: Category.allCases.map(\.rawValue),
                                                            levels: Level.allCases.map(\.rawValue), industries: Industry.allCases.map(\.rawValue)),
                               hasOrderColumn: true, rows: rows)
        }
    }
}

extension ReviewSession {
    /// The cases of a returned list sheet as the validator sees them: a bulletined case waits for the list.
    static func listLookup(_ sheet: ReturnedReviewSheet, library: CaseLibrary) throws -> @Sendable (String) -> ReviewCaseState? {
        let states = try library.states(ids: Array(Set(sheet.rows.map(\.caseId).filter { !$0.isEmpty })).sorted())
        let byId = Dictionary(states.map { s -> (String, ReviewCaseState) in
            var r = reviewState(s)
            if s.stage == .bulletined { r.stage = CaseStage.waiting(for: sheet.stage).rawValue }
            return (s.id, r)
        }, uniquingKeysWith: { a, _ in a })
        return { byId[$0] }
    }

    /// The list's approval when every row of the sheet is decided: the 入选 cases in 排序, then sheet order.
    static func listApproval(_ validation: ReviewValidation, sheet: ReturnedReviewSheet, list: ListSheet, date: CalendarDate,
                             revision: Int) -> Approval? {
        let onSheet = sheet.rows.filter(\.isFromSheet)
        let undecided = validation.verdicts.filter { v in
            if case .accepted = v.outcome { return false }
            return v.row.isFromSheet
        }
        guard undecided.isEmpty, !onSheet.isEmpty else { return nil }
        let chosen = validation.accepted.filter { $0.word == "入选" }
        let position = Dictionary(onSheet.map { ($0.caseId, $0.originalRow ?? $0.excelRow) }, uniquingKeysWith: { a, _ in a })
        let ordered = chosen.sorted { ($0.order ?? Int.max, position[$0.caseId] ?? 0) < ($1.order ?? Int.max, position[$1.caseId] ?? 0) }
        return Approval(kind: list.kind, key: sheet.group, revision: revision, date: date, caseIds: ordered.map(\.caseId), sheetId: sheet.sheetId)
    }
}
