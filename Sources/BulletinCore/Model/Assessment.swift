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
    /// False when the profile's conditions are not met (zhejiang: "不符合浙江省…条件: …" in `flags`).
    public var eligible: Bool
    /// The values inferred from the text before any declared value was kept, or nil when not recorded.
    public var inferred: InferredValues?
    /// The largest amount read next to an economic indicator (新增产值3.2亿元 → 32000), in 万元, or nil.
    public var amountWanYuan: Double?
    /// How sure the scorer is of each suggested label (0…1), or nil for records written before it.
    public var confidence: LabelConfidence?
    /// True when a suggested label should be checked by a person (需人工确认): low confidence, weak
    /// evidence, or a conflict with the form's declared value. `reviewReasons` says why.
    public var needsReview: Bool = false
    /// Why the case needs review, one sentence per label, in Chinese.
    public var reviewReasons: [String] = []

    /// Creates an assessment.
    public init(category: String = "", subtype: String = "", level: String = "", industry: String = "",
                score: Double = 0, reasons: [Reason] = [], flags: [String] = [], eligible: Bool = true,
                inferred: InferredValues? = nil, amountWanYuan: Double? = nil) {
        self.category = category
        self.subtype = subtype
        self.level = level
        self.industry = industry
        self.score = score
        self.reasons = reasons
        self.flags = flags
        self.eligible = eligible
        self.inferred = inferred
        self.amountWanYuan = amountWanYuan
    }

    enum CodingKeys: String, CodingKey {
        case category, subtype, level, industry, score, reasons, flags, eligible, inferred, amountWanYuan
        case confidence, needsReview, reviewReasons
    }

    /// Decodes an assessment; keys added later (`eligible`, `inferred`, `amountWanYuan`, `confidence`, `needsReview`, `reviewReasons`) are optional,
    /// so records written before them still read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        category = try c.decode(String.self, forKey: .category)
        subtype = try c.decodeIfPresent(String.self, forKey: .subtype) ?? ""
        level = try c.decodeIfPresent(String.self, forKey: .level) ?? ""
        industry = try c.decodeIfPresent(String.self, forKey: .industry) ?? ""
        score = try c.decodeIfPresent(Double.self, forKey: .score) ?? 0
        reasons = try c.decodeIfPresent([Reason].self, forKey: .reasons) ?? []
        flags = try c.decodeIfPresent([String].self, forKey: .flags) ?? []
        eligible = try c.decodeIfPresent(Bool.self, forKey: .eligible) ?? true
        inferred = try c.decodeIfPresent(InferredValues.self, forKey: .inferred)
        amountWanYuan = try c.decodeIfPresent(Double.self, forKey: .amountWanYuan)
        confidence = try c.decodeIfPresent(LabelConfidence.self, forKey: .confidence)
        needsReview = try c.decodeIfPresent(Bool.self, forKey: .needsReview) ?? false
        reviewReasons = try c.decodeIfPresent([String].self, forKey: .reviewReasons) ?? []
    }
}
