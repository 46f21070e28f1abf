/// Zhejiang: IP ownership, the completing unit and the completers must be clear and undisputed.
struct ZhejiangOwnershipRule: ScoringRule {
    static let name = "zhejiangOwnership"
    static let reads = "成果名称, 案例简介 and 报送单位: the dispute phrases and patterns of scoring.eligibility"
    static let concludes = "ineligible (flag 不符合…成果权属条件) when a dispute is mentioned or the submitter is missing"
    static let why = "Zhejiang's plan (seed 001): 报送成果的知识产权权属、成果完成单位、完成人署名等方面应清晰明确且无争议. The form has no ownership row, so only what the text says can be read."
    static let phase = RulePhase.review
    static let profileOnly = true

    let disputes: [CompiledCue]
    let regions: [String: String]

    init(config: ScoringConfig, file: String) throws {
        disputes = try compilePhrases(config.eligibility.disputePhrases, path: "scoring.eligibility.disputePhrases", file: file)
            + config.eligibility.disputePatterns.enumerated().map {
                try CompiledCue.pattern($0.element, path: "scoring.eligibility.disputePatterns[\($0.offset)]", file: file)
            }
        regions = config.profiles.mapValues(\.region)
    }

    func apply(to sheet: inout ScoreSheet) {
        let region = regions[sheet.profile] ?? ""
        for text in sheet.texts {
            for cue in disputes {
                guard let r = cue.firstRange(in: text) else { continue }
                let words = text.words(r)
                sheet.note(Reason(rule: Self.name, field: text.field.rawValue, matched: words, weight: 0,
                                  conclusion: "提及「\(words)」：权属或署名存在争议"))
                sheet.markIneligible("不符合\(region)成果权属条件: 简介提及「\(words)」，知识产权权属、完成单位和完成人署名须清晰且无争议")
                return
            }
        }
        if (sheet.fields[.submitter] ?? "").isEmpty {
            sheet.note(Reason(rule: Self.name, field: "submitter", matched: "", weight: 0, conclusion: "报送单位为空：完成单位不明确"))
            sheet.markIneligible("不符合\(region)成果权属条件: 报送单位为空，成果完成单位不明确")
            return
        }
        sheet.note(Reason(rule: Self.name, field: "", matched: "", weight: 0,
                          conclusion: "未见权属或署名争议（报送表没有权属栏，只据简介判断）"))
    }
}
