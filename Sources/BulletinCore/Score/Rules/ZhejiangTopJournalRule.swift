/// Zhejiang: basic research must be published in a top journal.
struct ZhejiangTopJournalRule: ScoringRule {
    static let name = "zhejiangTopJournal"
    static let reads = "the category, and whether topJournal found a top journal"
    static let concludes = "ineligible (flag 不符合…基础研究成果条件) for basic research (论文 or 专著) without a top-journal finding"
    static let why = "Zhejiang's plan (seed 001): 基础研究成果要求在顶级学术期刊发表论文."
    static let phase = RulePhase.review
    static let profileOnly = true

    let regions: [String: String]

    init(config: ScoringConfig, file: String) throws {
        regions = config.profiles.mapValues(\.region)
    }

    func apply(to sheet: inout ScoreSheet) {
        guard sheet.category == "基础研究成果" else { return }
        if sheet.found(by: TopJournalRule.name) {
            sheet.note(Reason(rule: Self.name, field: "", matched: "", weight: 0, conclusion: "基础研究成果发表于顶级学术期刊：符合"))
            return
        }
        let region = regions[sheet.profile] ?? ""
        sheet.note(Reason(rule: Self.name, field: "", matched: "", weight: 0, conclusion: "基础研究成果未见顶级学术期刊"))
        sheet.markIneligible("不符合\(region)基础研究成果条件: 未见在顶级学术期刊发表论文（\(sheet.subtype.isEmpty ? "基础研究" : sheet.subtype)）")
    }
}
