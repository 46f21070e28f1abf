/// One reason behind a conclusion: which rule, on which words of which field, with what weight.
public struct Reason: Sendable, Codable, Equatable, Hashable {
    /// The rule's name, as in pipeline.json.
    public var rule: String
    /// The field read (English name), or "" when the rule reads no field.
    public var field: String
    /// The words matched, as they stand in the field.
    public var matched: String
    /// The weight this finding adds.
    public var weight: Double
    /// What the rule concludes, in a sentence a reviewer can read.
    public var conclusion: String
    /// Creates a reason.
    public init(rule: String, field: String, matched: String, weight: Double, conclusion: String) {
        self.rule = rule
        self.field = field
        self.matched = matched
        self.weight = weight
        self.conclusion = conclusion
    }
}

/// What scoring concludes about a case: the Chinese terms of DOMAIN.md, "" when none, and why.
public struct Assessment: Sendable, Codable, Equatable {
    /// 基础研究成果 / 应用研究成果 / 成果转移转化案例 / 其它
    public var category: String
    /// 论文, 专著, 关键技术, 创新产品, 生物品种, 发明专利, 标准, or "".
    public var subtype: String
    /// 国际领先 / 国际先进 / 国内领先 / 国内先进, or "".
    public var level: String
    /// One of the seven industries, or 其他.
    public var industry: String
    /// Ranking score (higher first).
    public var score: Double
    /// Every finding, in the order rules ran.
    public var reasons: [Reason]
    /// Notes for reviewers (conflicts between declared and inferred values, ineligibility).
    public var flags: [String]

    /// Creates an assessment.
    public init(category: String = "", subtype: String = "", level: String = "", industry: String = "",
                score: Double = 0, reasons: [Reason] = [], flags: [String] = []) {
        self.category = category
        self.subtype = subtype
        self.level = level
        self.industry = industry
        self.score = score
        self.reasons = reasons
        self.flags = flags
    }
}
