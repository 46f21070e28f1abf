/// How sure the scorer is of each label it suggests, from 0 (a guess) to 1 (strong, unopposed evidence).
public struct LabelConfidence: Sendable, Codable, Equatable {
    /// Confidence in the category.
    public var category: Double
    /// Confidence in the subtype (1 for categories without subtypes).
    public var subtype: Double
    /// Confidence in the level, including "no level".
    public var level: Double
    /// Confidence in the industry.
    public var industry: Double

    /// Creates the figures.
    public init(category: Double, subtype: Double, level: Double, industry: Double) {
        self.category = category
        self.subtype = subtype
        self.level = level
        self.industry = industry
    }
}

/// The vote totals the confidence assessor reads: per category (a subtype's positive votes counted for its category
/// at `subtypeShare`, as `Tally.categoryTotals`), per subtype and per industry (as `ScoreSheet.labelTotals`), counted
/// in one pass over the votes, each in the same order and with the same additions as those. The review rules add no
/// vote, so the totals counted once the votes are decided hold to the end.
struct VoteTotals {
    var category = LabelTotals()
    var subtype = LabelTotals()
    var industry = LabelTotals()

    init(_ sheet: ScoreSheet, decision: ScoringConfig.Decision) {
        self.init(sheet, decision: decision, categoriesOnly: false)
    }

    /// With `categoriesOnly`, only `category` is counted (`Tally.categoryTotals`); subtype and industry stay empty.
    init(_ sheet: ScoreSheet, decision: ScoringConfig.Decision, categoriesOnly: Bool) {
        // The votes read in place (a vote copied out retained its label and released it).
        var category = LabelTotals(), subtype = LabelTotals(), industry = LabelTotals()
        sheet.votes.withUnsafeBufferPointer { vb in
            sheet.voteLabelIDs.withUnsafeBufferPointer { ids in
                for k in 0..<vb.count {
                    let id = ids[k]
                    switch vb[k].dimension {
                    case .category:
                        category.add(vb[k].weight, id: id) { vb[k].label }
                    case .subtype:
                        if !categoriesOnly { subtype.add(vb[k].weight, id: id) { vb[k].label } }
                        if vb[k].weight > 0, vb[k].countsForCategory,
                           let c = id >= 0 ? LabelIndex.categoryOfSubtype[Int(id)] : LabelIndex.category(ofSubtype: vb[k].label, id: id) {
                            category.add(vb[k].weight * decision.subtypeShare, to: c.label, id: c.id)
                        }
                    case .industry:
                        if !categoriesOnly { industry.add(vb[k].weight, id: id) { vb[k].label } }
                    }
                }
            }
        }
        (self.category, self.subtype, self.industry) = (category, subtype, industry)
    }
}

/// `ConfidenceAssessor.read`: the figures and review reasons of the text's labels.
struct TextReading {
    /// The labels read (the sheet's `inferred`).
    var labels: InferredValues
    var category: Double
    var categoryReason: String?
    /// 1 and nil for a category without subtypes.
    var subtype: Double
    var subtypeReason: String?
    var industry: Double
    var industryReason: String?

    /// The labels with a review reason: the ones the model layer may replace.
    var weak: ModelLayer.Weak {
        ModelLayer.Weak(category: categoryReason != nil, subtype: subtypeReason != nil, industry: industryReason != nil,
                        industryConfidence: ConfidenceAssessor.rounded(industry))
    }
}

/// Reads a scored sheet and says how sure each label is, and which labels a person should check
/// (需人工确认): weak or contested votes, a level claimed only for part of the work, a default taken for
/// want of evidence, or a declared value that the text contradicts.
///
/// Deterministic and cheap: it reads the totals and reasons already on the sheet, no text.
enum ConfidenceAssessor {
    /// The rule name its reasons carry.
    static let ruleName = "confidence"

    /// The figures, the review reasons (empty when nothing needs checking), and how many of the
    /// reasons come first and are new to the sheet's flags (the declared-value conflicts, last, are
    /// already flagged by the declared* rules). `totals`: the sheet's vote totals when already counted
    /// (the model layer counts them before the review rules, which add no vote); counted here otherwise.
    /// `reading`: `read` of the sheet's text labels, when already made; made here when missing or made for other labels.
    static func assess(_ sheet: ScoreSheet, decision: ScoringConfig.Decision, totals: VoteTotals? = nil,
                       reading: TextReading? = nil) -> (LabelConfidence, [String], newFlags: Int) {
        var reasons: [String] = []
        let below = decision.reviewBelow
        let counted: VoteTotals
        if let totals { counted = totals } else { counted = VoteTotals(sheet, decision: decision) }
        let text: TextReading
        if let reading, reading.labels == sheet.inferred { text = reading } else { text = read(sheet, totals: counted, decision: decision) }

        if let why = text.categoryReason { reasons.append(why) }

        var subtype = 1.0
        if sheet.category == text.labels.category && sheet.subtype == text.labels.subtype {
            subtype = text.subtype
            if let why = text.subtypeReason { reasons.append(why) }
        } else if let kinds = Tally.subtypes(of: sheet.category) {
            // A category declared against the text: its subtype, taken again within it.
            let taken = subtypeConfidence(category: sheet.category, subtype: sheet.subtype, kinds: kinds, totals: counted, below: below)
            subtype = taken.0
            if let why = taken.why { reasons.append(why) }
        }
        let level = levelConfidence(sheet)
        if level.value < below, let why = level.why { reasons.append(why) }

        if let why = text.industryReason { reasons.append(why) }

        let newFlags = reasons.count
        // A declared value kept against the text is a conflict a person settles.
        for (name, declared, inferred) in [("成果类别", sheet.category, sheet.inferred.category),
                                           ("技术水平", sheet.level, sheet.inferred.level),
                                           ("产业", sheet.industry, sheet.inferred.industry)] where declared != inferred {
            reasons.append("\(name)：申报「\(declared.ifEmpty("无"))」与简介推断「\(inferred.ifEmpty("无"))」不一致")
        }
        return (LabelConfidence(category: rounded(text.category), subtype: rounded(subtype), level: rounded(level.value),
                                industry: rounded(text.industry)), reasons, newFlags)
    }

    /// How sure the votes make a subtype within its category (`kinds`), and the review reason when below `below`.
    private static func subtypeConfidence(category: String, subtype: String, kinds: (labels: [String], ids: [Int16]),
                                          totals counted: VoteTotals, below: Double) -> (Double, why: String?) {
        let allowed = kinds.labels, allowedIDs = kinds.ids
        let totals = counted.subtype.filter(ids: allowedIDs, labels: allowed, positive: true)
        // A basic-research case without a word about a book is a paper far more often than not; an applied case
        // without a word about its kind could be any of five.
        let confidence = totals.isEmpty ? (category == "基础研究成果" ? 0.7 : 0.3) : voteConfidence(totals, chosen: subtype, threshold: 2)
        guard confidence < below else { return (confidence, nil) }
        return (confidence, Tally.framed(totals, order: allowed, ids: allowedIDs, "子类「", subtype, "」依据不足（", none: "各子类都没有依据，取默认", "）"))
    }

    /// The assessor's reading of the text's labels (`sheet.inferred`): the figures and review reasons of the category,
    /// its subtype and the industry. It reads the text's labels, the vote totals and the evidence rules' reasons, which
    /// the review rules leave as they are, so it says the same before the review rules as after them: the model layer
    /// reads the weak labels from it before them, and `assess` takes it over where the labels are still the same.
    static func read(_ sheet: ScoreSheet, totals: VoteTotals, decision: ScoringConfig.Decision) -> TextReading {
        let below = decision.reviewBelow
        let labels = sheet.inferred
        let categoryTotals = totals.category
        var category = voteConfidence(categoryTotals, chosen: labels.category, threshold: decision.minimumCategoryVotes)
        var categoryReason: String?
        if category < below {
            // Written at once (`Tally.concat`): an interpolation appended its parts one by one, ~450 instructions a part.
            categoryReason = Tally.framed(categoryTotals, order: AchievementTaxonomy.categories, ids: LabelIndex.categoryIDs,
                                          "成果类别「", labels.category, "」依据不足或有争议（", none: "没有任何类别的依据", "）")
        } else if let weak = weakCategory(categoryTotals, chosen: labels.category, threshold: decision.minimumCategoryVotes) {
            category = min(category, 0.5)
            categoryReason = weak
        } else if let conflict = transferWithClaimedLevel(sheet) {
            category = min(category, 0.5)
            categoryReason = conflict
        }
        var subtype = 1.0
        var subtypeReason: String?
        if let kinds = Tally.subtypes(of: labels.category) {
            (subtype, subtypeReason) = subtypeConfidence(category: labels.category, subtype: labels.subtype, kinds: kinds, totals: totals, below: below)
        }
        let industryTotals = totals.industry
        var industry = voteConfidence(industryTotals, chosen: labels.industry, threshold: decision.minimumIndustryVotes)
        if labels.industry == AchievementTaxonomy.otherIndustry && (industryTotals[AchievementTaxonomy.otherIndustry] ?? 0) <= 0 {
            industry = min(industry, 0.4)
        }
        var industryReason: String?
        if industry < below {
            industryReason = Tally.framed(industryTotals, order: AchievementTaxonomy.industries, ids: LabelIndex.industryIDs,
                                          "产业「", labels.industry, "」依据不足或有争议（", none: "没有任何产业的依据", "）")
        } else if let use = useDisagreement(sheet) {
            // What the achievement is used for points elsewhere than what it is: the guide's call (the
            // thing wins), but one a reviewer should confirm.
            industry = min(industry, 0.5)
            industryReason = use
        }
        return TextReading(labels: labels, category: category, categoryReason: categoryReason, subtype: subtype, subtypeReason: subtypeReason,
                           industry: industry, industryReason: industryReason)
    }

    /// Which of the text's labels (`sheet.inferred`) `assess` finds weak or contested (`read`'s weak labels).
    static func weakLabels(_ sheet: ScoreSheet, totals: VoteTotals, decision: ScoringConfig.Decision) -> ModelLayer.Weak {
        read(sheet, totals: totals, decision: decision).weak
    }

    /// The review reason when the summary's use construction (用于…, 为…提供 …, recorded by industryPhrases)
    /// points to another industry than the one inferred; nil when it agrees or there is none.
    static func useDisagreement(_ sheet: ScoreSheet) -> String? {
        guard let use = sheet.reasons.first(where: { $0.rule == IndustryPhrasesRule.name && LabelText.hasPrefix($0.conclusion, IndustryPhrasesRule.useConclusionPrefix) }),
              !LabelText.hasSuffix(use.conclusion, Tally.concat("指向产业「", sheet.inferred.industry, "」")) else { return nil }
        return "产业「\(sheet.inferred.industry)」与用途不一致：「\(use.matched)」\(use.conclusion.dropFirst(IndustryPhrasesRule.useConclusionPrefix.count))，请确认按成果本身还是按用途归类"
    }

    /// The review reason when the category was taken below `minimumCategoryVotes` (依据弱: the best-voted of the
    /// other three for want of enough evidence, however unopposed); nil when it clears the threshold. Unopposed weak
    /// votes (2.5 of 3) used to score 0.7 and go out unflagged: on the real sets 6 of the 22 such cases are wrong.
    static func weakCategory(_ totals: LabelTotals, chosen: String, threshold: Double) -> String? {
        let top = totals[chosen] ?? 0
        guard top > 0, top < threshold else { return nil }
        return "成果类别「\(chosen)」依据弱（最高 \(Tally.format(top))，低于门槛 \(Tally.format(threshold))），请确认"
    }

    /// The review reason when a case read as 成果转移转化案例 also claims a level for the achievement: the guide keeps a
    /// technology that reaches a level (达到国际先进水平) 应用研究成果 even when it is sold or applied, so where the
    /// summary puts its weight is a reviewer's call; nil otherwise. (As a vote it gained one case in 350 and lost one
    /// sample: it stays a question, not an answer.)
    static func transferWithClaimedLevel(_ sheet: ScoreSheet) -> String? {
        guard sheet.inferred.category == "成果转移转化案例", !sheet.inferred.level.isEmpty else { return nil }
        return "成果类别「成果转移转化案例」与技术水平声称「\(sheet.inferred.level)」并存：达到某一水平的技术或产品按指南归应用研究成果，请确认简介的重心是转化还是技术本身"
    }

    /// share × strength: the chosen label's share of the positive votes, times how far its total
    /// clears the threshold (half weight below it). 0.2 when the chosen label has no vote at all.
    static func voteConfidence(_ totals: LabelTotals, chosen: String, threshold: Double) -> Double {
        // The positive sums: the chosen label's, and the largest of the others (no filtered copy of the list).
        let (chosenSum, others) = totals.positiveSum(of: chosen)
        guard let top = chosenSum else { return 0.2 }
        let runnerUp = others ?? 0
        let share = top / (top + runnerUp)
        let strength = min(1, top / max(2 * threshold, 1e-9))
        return share * (0.5 + 0.5 * strength)
    }

    /// Level: sure when a claim was taken or nothing was claimed; unsure when only part of the work is
    /// claimed or several claims disagree.
    static func levelConfidence(_ sheet: ScoreSheet) -> (value: Double, why: String?) {
        // One pass over the level claims (no filtered copies of the reasons): whether one was taken, one not taken as
        // below the one taken, the first claimed for part of the work.
        var anyClaim = false, anyTaken = false, anyNotTaken = false
        var partial: String?
        for r in sheet.reasons where r.rule == LevelClaimRule.name && !r.matched.isEmpty {
            anyClaim = true
            if !anyTaken, LabelText.hasPrefix(r.conclusion, "技术水平取") { anyTaken = true }
            if partial == nil, LabelText.hasPrefix(r.conclusion, "只对部分工作") { partial = r.matched }
            if !anyNotTaken, LevelClaimReader.has(r.conclusion, "不取"), LevelClaimReader.has(r.conclusion, "低于所取") { anyNotTaken = true }
        }
        if anyTaken {
            return anyNotTaken ? (0.6, nil) : (0.9, nil)
        }
        if let partial {
            return (0.5, "技术水平：只见对部分工作的声称「\(partial)」，留空，请确认是否有整体声称")
        }
        return anyClaim ? (0.8, nil) : (0.95, nil)
    }

    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}

extension String {
    /// The string, or `fallback` when it is empty.
    func ifEmpty(_ fallback: String) -> String { isEmpty ? fallback : self }
}
