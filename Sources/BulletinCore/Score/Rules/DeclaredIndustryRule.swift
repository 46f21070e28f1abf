/// Keeps an industry the form declares (所属产业 row) and flags a conflict with the inferred one.
struct DeclaredIndustryRule: ScoringRule {
    static let name = "declaredIndustry"
    static let reads = "the optional 所属产业 row (extras.industry), and the inferred industry"
    static let concludes = "the declared industry is kept and a flag describes a conflict with the inferred one"
    static let why = "A unit knows its own industry best; reviewers still see where the text points elsewhere."
    static let phase = RulePhase.review

    init(config: ScoringConfig, file: String) throws {}

    func apply(to sheet: inout ScoreSheet) {
        guard let raw = sheet.extras[.industry], !DeclaredValue.isBlank(raw) else { return }
        guard let declared = DeclaredValue.industry(raw) else {
            sheet.note(Reason(rule: Self.name, field: "industry", matched: raw, weight: 0, conclusion: "申报产业无法识别，采用推断值「\(sheet.industry)」"))
            sheet.flag("所属产业：申报值「\(raw)」无法识别，采用推断值「\(sheet.industry)」")
            return
        }
        let inferred = sheet.industry
        guard declared != inferred else {
            sheet.note(Reason(rule: Self.name, field: "industry", matched: raw, weight: 0, conclusion: "申报产业「\(declared)」与推断一致"))
            return
        }
        sheet.industry = declared
        sheet.note(Reason(rule: Self.name, field: "industry", matched: raw, weight: 0, conclusion: "保留申报产业「\(declared)」，推断为「\(inferred)」"))
        sheet.flag("所属产业：申报「\(declared)」，简介推断为「\(inferred)」；保留申报值，请复核")
    }
}
