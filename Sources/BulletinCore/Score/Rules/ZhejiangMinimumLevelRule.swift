/// Zhejiang: at least 国际先进 or 国内领先.
struct ZhejiangMinimumLevelRule: ScoringRule {
    static let name = "zhejiangMinimumLevel"
    static let reads = "the level (as kept: declared or claimed), and whether basic research found a top journal"
    static let concludes = "ineligible (flag 不符合…技术水平条件) below the levels of scoring.eligibility.minimumLevels; basic research in a top journal meets it when topJournalMeetsLevel is true"
    static let why = "Zhejiang's plan (seed 001) targets achievements 达到国际先进或国内领先水平."
    static let phase = RulePhase.review
    static let profileOnly = true

    let levels: [String]
    let topJournalMeetsLevel: Bool
    let regions: [String: String]

    init(config: ScoringConfig, file: String) throws {
        levels = config.eligibility.minimumLevels
        topJournalMeetsLevel = config.eligibility.topJournalMeetsLevel
        regions = config.profiles.mapValues(\.region)
    }

    func apply(to sheet: inout ScoreSheet) {
        if levels.contains(sheet.level) {
            sheet.note(Reason(rule: Self.name, field: "", matched: sheet.level, weight: 0, conclusion: "技术水平「\(sheet.level)」达到要求"))
            return
        }
        if topJournalMeetsLevel, sheet.category == "基础研究成果", sheet.found(by: TopJournalRule.name) {
            sheet.note(Reason(rule: Self.name, field: "", matched: "", weight: 0, conclusion: "基础研究成果发表于顶级学术期刊，视为达到水平要求"))
            return
        }
        let region = regions[sheet.profile] ?? ""
        let have = sheet.level.isEmpty ? "未声称技术水平" : "技术水平为「\(sheet.level)」"
        sheet.note(Reason(rule: Self.name, field: "", matched: sheet.level, weight: 0, conclusion: "\(have)，低于要求"))
        sheet.markIneligible("不符合\(region)技术水平条件: \(have)，要求为\(levels.joined(separator: "、"))之一")
    }
}
