/// Keeps a category the form declares (成果类别 row) and flags a conflict with the inferred one.
struct DeclaredCategoryRule: ScoringRule {
    static let name = "declaredCategory"
    static let reads = "the optional 成果类别 row (extras.category), and the inferred category"
    static let concludes = "the declared category is kept (the subtype is taken again within it) and a flag describes a conflict with the inferred one"
    static let why = "A unit's declaration is its statement and is kept; reviewers need to see where the text points elsewhere."
    static let phase = RulePhase.review

    let decision: ScoringConfig.Decision

    init(config: ScoringConfig, file: String) throws {
        decision = config.decision
    }

    func apply(to sheet: inout ScoreSheet) {
        guard let raw = sheet.extras[.category], !DeclaredValue.isBlank(raw) else { return }
        guard let declared = DeclaredValue.category(raw) else {
            sheet.note(Reason(rule: Self.name, field: "category", matched: raw, weight: 0, conclusion: "申报成果类别无法识别，采用推断值「\(sheet.category)」"))
            sheet.flag("成果类别：申报值「\(raw)」无法识别，采用推断值「\(sheet.category)」")
            return
        }
        let inferred = sheet.category
        guard declared != inferred else {
            sheet.note(Reason(rule: Self.name, field: "category", matched: raw, weight: 0, conclusion: "申报成果类别「\(declared)」与推断一致"))
            return
        }
        let inferredSubtype = sheet.subtype
        sheet.category = declared
        sheet.subtype = Tally.subtype(for: declared, on: &sheet, decision: decision)
        let shown = inferredSubtype.isEmpty ? inferred : "\(inferred)·\(inferredSubtype)"
        sheet.note(Reason(rule: Self.name, field: "category", matched: raw, weight: 0,
                          conclusion: "保留申报成果类别「\(declared)」，推断为「\(shown)」"))
        sheet.flag("成果类别：申报「\(declared)」，简介推断为「\(shown)」；保留申报值，请复核")
    }
}
