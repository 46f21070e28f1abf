/// The labels of DOMAIN.md that scoring concludes: categories, subtypes, levels and industries.
///
/// They are domain constants, not configuration: pipeline.json may weight them, never rename them.
public enum AchievementTaxonomy {
    /// 成果类别, in the order of the Sichuan plan (also the order that breaks ties).
    public static let categories = ["基础研究成果", "应用研究成果", "成果转移转化案例", "其它"]

    /// The category that holds no other: chosen when no category has enough evidence.
    public static let otherCategory = "其它"

    /// Subtypes by the category they belong to; 成果转移转化案例 and 其它 have none.
    public static let subtypesByCategory: [String: [String]] = [
        "基础研究成果": ["论文", "专著"],
        "应用研究成果": ["关键技术", "创新产品", "生物品种", "发明专利", "标准"],
    ]

    /// Every subtype, in the order of the plan.
    public static let subtypes = ["论文", "专著", "关键技术", "创新产品", "生物品种", "发明专利", "标准"]

    /// 技术水平, highest first (the ladder).
    public static let levels = ["国际领先", "国际先进", "国内领先", "国内先进"]

    /// Sichuan's seven industries, then 其他.
    public static let industries = ["电子信息", "装备制造", "先进材料", "能源化工", "食品轻纺", "医药健康", "现代农业", "其他"]

    /// The industry that holds no other.
    public static let otherIndustry = "其他"

    /// The category a subtype belongs to, or nil for an unknown subtype.
    public static func category(ofSubtype subtype: String) -> String? {
        for (s, category) in categoryBySubtype where LabelText.same(s, subtype) { return category }
        return nil
    }

    /// `subtypesByCategory` turned round (every subtype belongs to one category), in the order of `subtypes`: seven
    /// pairs read in order, one lookup per vote counted (hashing a Chinese label normalised it, ~1,000 instructions).
    private static let categoryBySubtype: [(String, String)] = subtypes.compactMap { s in
        subtypesByCategory.first { $0.value.contains(s) }.map { (s, $0.key) }
    }

    /// The rung of a level on the ladder (0 = 国际领先), or nil for "" and unknown words.
    public static func rung(of level: String) -> Int? {
        levels.firstIndex(of: level)
    }
}
