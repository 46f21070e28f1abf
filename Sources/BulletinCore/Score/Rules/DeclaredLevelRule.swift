/// Keeps a level the form declares (技术水平 row) and flags a conflict with the level the text claims.
struct DeclaredLevelRule: ScoringRule {
    static let name = "declaredLevel"
    static let reads = "the optional 技术水平 row (extras.level), and the level claimed in the text"
    static let concludes = "the declared level is kept and a flag describes a conflict; the score's level part stays with the text's claim"
    static let why = "A declared level the summary does not support should be visible to reviewers, and should not lift the ranking by itself."
    static let phase = RulePhase.review

    init(config: ScoringConfig, file: String) throws {}

    func apply(to sheet: inout ScoreSheet) {
        guard let raw = sheet.extras[.level], !DeclaredValue.isBlank(raw) else { return }
        guard let declared = DeclaredValue.level(raw) else {
            sheet.note(Reason(rule: Self.name, field: "level", matched: raw, weight: 0, conclusion: "申报技术水平无法识别，采用简介中的声称"))
            sheet.flag("技术水平：申报值「\(raw)」无法识别，采用简介中的声称「\(sheet.level)」")
            return
        }
        let claimed = sheet.level
        guard declared != claimed else {
            sheet.note(Reason(rule: Self.name, field: "level", matched: raw, weight: 0, conclusion: "申报技术水平「\(declared)」与简介声称一致"))
            return
        }
        sheet.level = declared
        let text: String
        if claimed.isEmpty {
            text = "简介中没有整体水平声称"
        } else if let d = AchievementTaxonomy.rung(of: declared), let c = AchievementTaxonomy.rung(of: claimed) {
            text = d < c ? "高于简介声称的「\(claimed)」" : "低于简介声称的「\(claimed)」"
        } else {
            text = "简介声称「\(claimed)」"
        }
        sheet.note(Reason(rule: Self.name, field: "level", matched: raw, weight: 0,
                          conclusion: "保留申报技术水平「\(declared)」，\(text)；得分仍按简介声称计"))
        sheet.flag("技术水平：申报「\(declared)」，\(text)；保留申报值，请复核")
    }
}
