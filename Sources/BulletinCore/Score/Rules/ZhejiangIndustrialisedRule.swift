/// Zhejiang: breakthroughs (关键技术, 创新产品) must be industrialised or used in national major projects.
struct ZhejiangIndustrialisedRule: ScoringRule {
    static let name = "zhejiangIndustrialised"
    static let reads = "the category and subtype; 成果名称 and 案例简介 for scoring.eligibility.industrialisedPhrases; whether economicBenefit found an amount"
    static let concludes = "ineligible (flag 不符合…技术攻关成果条件) for a breakthrough with no sign of industrialisation or use in a national major project"
    static let why = "Zhejiang's plan (seed 001): 技术攻关成果要求…有突破性进展并实现产业化; 重大应用成果指在国之重器、国家重大工程和设施等得到成功应用的技术或产品."
    static let phase = RulePhase.review
    static let profileOnly = true

    let subtypes: [String]
    let phrases: [CompiledCue]
    let regions: [String: String]

    init(config: ScoringConfig, file: String) throws {
        subtypes = config.eligibility.breakthroughSubtypes
        phrases = try compilePhrases(config.eligibility.industrialisedPhrases, path: "scoring.eligibility.industrialisedPhrases", file: file)
        regions = config.profiles.mapValues(\.region)
    }

    func apply(to sheet: inout ScoreSheet) {
        guard sheet.category == "应用研究成果", subtypes.contains(sheet.subtype) else { return }
        for text in sheet.texts {
            for cue in phrases {
                guard let r = cue.firstRange(in: text) else { continue }
                sheet.note(Reason(rule: Self.name, field: text.field.rawValue, matched: text.words(r), weight: 0,
                                  conclusion: "已产业化或在重大工程中应用：符合"))
                return
            }
        }
        if sheet.found(by: EconomicBenefitRule.name) {
            sheet.note(Reason(rule: Self.name, field: "", matched: "", weight: 0, conclusion: "有经济效益金额：视为已产业化，符合"))
            return
        }
        let region = regions[sheet.profile] ?? ""
        sheet.note(Reason(rule: Self.name, field: "", matched: "", weight: 0, conclusion: "\(sheet.subtype)未见产业化或重大工程应用"))
        sheet.markIneligible("不符合\(region)技术攻关成果条件: \(sheet.subtype)未见实现产业化或在国家重大工程中应用的表述")
    }
}
