/// The sheet of refused rows sent back to reviewers: the same identity and columns as the sheet they
/// returned, only the refused rows, what they wrote still in place, and a 拒收原因 column saying what to fix.
/// Returned again, it is recognised as the same review sheet.
public enum ReviewRefusedSheet {
    /// The sheet to write to `quarantine/<date>/`, nil when no row was refused.
    public static func make(from returned: ReturnedReviewSheet, validation: ReviewValidation) -> ReviewSheet? {
        let refused = validation.refused
        guard !refused.isEmpty else { return nil }
        var seen = Set<String>()
        let unique = refused.filter { $0.row.caseId.isEmpty || seen.insert($0.row.caseId).inserted }
        let rows = unique.map { row, reason -> ReviewRow in
            let s = row.shown
            func v(_ key: String) -> String { s[key] ?? "" }
            return ReviewRow(caseId: row.caseId, title: v("成果名称"), submitter: v("报送单位"), supervisor: v("归口部门"),
                             source: v("成果来源"),
                             category: ReviewSuggestion(v("成果类别"), reason: v("类别理由")),
                             subtype: ReviewSuggestion(v("子类"), reason: v("子类理由")),
                             level: ReviewSuggestion(v("技术水平"), reason: v("水平理由")),
                             industry: ReviewSuggestion(v("所属产业"), reason: v("产业理由")),
                             score: Double(v("评分")), scoreReason: v("评分理由"), possibleDuplicates: v("疑似重复"),
                             caseVersion: row.caseVersion ?? "", entry: row.entry,
                             refusal: "原第 \(row.excelRow) 行：\(reason.chinese)")
        }
        return ReviewSheet(sheetId: returned.sheetId, stage: returned.stage, group: returned.group, period: returned.period,
                           deadline: returned.deadline, vocabulary: returned.vocabulary, hasOrderColumn: returned.hasOrderColumn,
                           rows: rows)
    }
}
