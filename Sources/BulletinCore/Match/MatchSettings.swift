/// Tunable settings of the match step (pipeline.json → `match`). Every key may be left out: the defaults are the
/// figures tuned on the labelled pairs (Tests/BulletinCoreTests/Fixtures/match, docs/matching.md).
public struct MatchSettings: Sendable, Codable, Equatable {
    // MARK: - Candidates
    /// Characters per n-gram of a title (title containment and the title index). 2 = bigrams.
    public var titleGram: Int = 2
    /// Characters per n-gram of a summary (summary overlap and the summary index). 3 = trigrams.
    public var summaryGram: Int = 3
    /// A library case is a candidate when its title shares at least this share of the shorter title's n-grams.
    public var titleCandidate: Double = 0.34
    /// … or when its summary shares at least this share of the shorter summary's n-grams.
    public var summaryCandidate: Double = 0.3
    /// At most this many candidates per submission are compared in full (best containment first).
    public var candidateLimit: Int = 20
    /// Summary n-grams found in more than this share of the library (once it holds 200 cases) are not used to
    /// look for candidates ("国际领先", "研究团队"): they would touch most of the library for nothing.
    public var frequentGramShare: Double = 0.05

    // MARK: - Outcomes
    /// Total weight from which a pair is a probable duplicate (疑似重复), flagged for a person.
    public var probableScore: Double = 5
    /// Summary overlap that, with the same normalised title and the same hard tokens, makes a pair the same.
    public var sameSummary: Double = 0.8
    /// Periods further apart than this many months weigh against a match.
    public var monthWindow: Int = 12

    // MARK: - Weights (log-odds in the manner of Fellegi–Sunter; positive for a match)
    /// Weights of the evidence lines.
    public var weights: MatchWeights = MatchWeights()

    // MARK: - Vocabulary
    /// Words removed from titles before n-grams are taken: they say nothing about which achievement it is.
    public var genericTitleWords: [String] = [
        "国内首台套", "国内首台", "国内首套", "国内首个", "国内首款", "国内首条", "全球首台", "全球首个", "世界首台", "首台套",
        "主导制定", "主导修订", "牵头制定", "主持制定", "研制与应用", "研究与应用", "研发与应用", "开发与应用", "及其应用", "及产业化", "与产业化", "及应用", "与应用",
        "研制成功", "取得突破", "实现突破", "重大突破", "关键技术", "核心技术", "研究进展", "研究成果", "技术成果",
        "成功研制", "成功", "研制", "研发", "研究", "开发", "项目", "成果", "技术", "进展", "顺利", "通过", "获批",
    ]
    /// Names of the department's collecting institutes (主动收集): they send other units' work.
    public var collectingUnits: [String] = ["科技信息研究所", "原子能研究院", "农村科技发展中心", "科学技术研究成果档案馆"]
    /// Endings of a bureau's name: a bureau forwards its units' work in its summary sheet.
    public var forwardingSuffixes: [String] = ["市科技局", "州科技局", "科学技术局", "县科技局", "区科技局"]
    /// Words dropped from the end of a unit's name before comparing (有限公司, 集团 …).
    public var unitSuffixes: [String] = ["股份有限公司", "有限责任公司", "有限公司", "集团", "公司"]
    /// Groups of words that name different things of one kind: two titles holding different words of one
    /// group are different achievements (a 变速 and a 定速 unit are two machines).
    public var contrastTerms: [[String]] = [
        ["变速", "定速"], ["单晶", "多晶"], ["交流", "直流"], ["籼稻", "粳稻"], ["正极", "负极"], ["陆上", "海上"],
        ["一期", "二期", "三期", "四期"], ["一代", "二代", "三代", "四代"],
        ["I期", "II期", "III期"], ["春小麦", "冬小麦"], ["早稻", "中稻", "晚稻"], ["高压", "中压", "低压"],
        ["纯电", "混动", "氢燃料"], ["有机", "无机"], ["上行", "下行"], ["低温", "常温", "高温"],
    ]

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case titleGram, summaryGram, titleCandidate, summaryCandidate, candidateLimit, frequentGramShare
        case probableScore, sameSummary, monthWindow, weights
        case genericTitleWords, collectingUnits, forwardingSuffixes, unitSuffixes, contrastTerms
    }

    /// Decodes settings; a missing key keeps its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MatchSettings()
        titleGram = try c.decodeIfPresent(Int.self, forKey: .titleGram) ?? d.titleGram
        summaryGram = try c.decodeIfPresent(Int.self, forKey: .summaryGram) ?? d.summaryGram
        titleCandidate = try c.decodeIfPresent(Double.self, forKey: .titleCandidate) ?? d.titleCandidate
        summaryCandidate = try c.decodeIfPresent(Double.self, forKey: .summaryCandidate) ?? d.summaryCandidate
        candidateLimit = try c.decodeIfPresent(Int.self, forKey: .candidateLimit) ?? d.candidateLimit
        frequentGramShare = try c.decodeIfPresent(Double.self, forKey: .frequentGramShare) ?? d.frequentGramShare
        probableScore = try c.decodeIfPresent(Double.self, forKey: .probableScore) ?? d.probableScore
        sameSummary = try c.decodeIfPresent(Double.self, forKey: .sameSummary) ?? d.sameSummary
        monthWindow = try c.decodeIfPresent(Int.self, forKey: .monthWindow) ?? d.monthWindow
        weights = try c.decodeIfPresent(MatchWeights.self, forKey: .weights) ?? d.weights
        genericTitleWords = try c.decodeIfPresent([String].self, forKey: .genericTitleWords) ?? d.genericTitleWords
        collectingUnits = try c.decodeIfPresent([String].self, forKey: .collectingUnits) ?? d.collectingUnits
        forwardingSuffixes = try c.decodeIfPresent([String].self, forKey: .forwardingSuffixes) ?? d.forwardingSuffixes
        unitSuffixes = try c.decodeIfPresent([String].self, forKey: .unitSuffixes) ?? d.unitSuffixes
        contrastTerms = try c.decodeIfPresent([[String]].self, forKey: .contrastTerms) ?? d.contrastTerms
    }

    /// What is wrong with these settings, as `key: problem` lines (empty when they are usable).
    public func problems() -> [String] {
        var p: [String] = []
        if !(1...4).contains(titleGram) { p.append("titleGram: \(titleGram) is not 1 to 4; use 2") }
        if !(1...4).contains(summaryGram) { p.append("summaryGram: \(summaryGram) is not 1 to 4; use 3") }
        for (key, v) in [("titleCandidate", titleCandidate), ("summaryCandidate", summaryCandidate),
                         ("frequentGramShare", frequentGramShare), ("sameSummary", sameSummary)]
            where !(v > 0 && v <= 1) {
            p.append("\(key): \(v) is not a share between 0 (excluded) and 1")
        }
        if candidateLimit < 1 { p.append("candidateLimit: \(candidateLimit) must be at least 1") }
        if monthWindow < 0 { p.append("monthWindow: \(monthWindow) must not be negative") }
        for (i, g) in contrastTerms.enumerated() where g.count < 2 || g.contains(where: \.isEmpty) {
            p.append("contrastTerms[\(i)]: a group needs at least two non-empty words")
        }
        return p
    }
}

/// The weight of each kind of evidence. Positive weights speak for a match, negative against.
public struct MatchWeights: Sendable, Codable, Equatable {
    /// The same normalised title.
    public var titleSame: Double = 7
    /// Title containment c gives `titleSlope × (c − titlePivot)`, kept within ±titleCap.
    public var titleSlope: Double = 10
    /// The containment at which a title weighs nothing.
    public var titlePivot: Double = 0.3
    /// Largest weight of a title that is not the same.
    public var titleCap: Double = 5
    /// Largest weight against, for titles with little in common (a second sender rewords the title).
    public var titleFloor: Double = 1
    /// Summary overlap s gives `summarySlope × (s − summaryPivot)`, within −summaryFloor … +summaryCap.
    public var summarySlope: Double = 12
    /// The overlap at which a summary weighs nothing.
    public var summaryPivot: Double = 0.25
    /// Largest weight of a summary overlap.
    public var summaryCap: Double = 7
    /// Largest weight against, for summaries with nothing in common.
    public var summaryFloor: Double = 3
    /// The larger share c of one title's n-grams found in the other's summary gives
    /// `crossSlope × (c − crossPivot)`, within −crossFloor … +crossCap.
    public var crossSlope: Double = 8
    /// The share at which a title found in the other's summary weighs nothing.
    public var crossPivot: Double = 0.5
    /// Largest weight of a title found in the other's summary.
    public var crossCap: Double = 4
    /// Largest weight against, for a title not found in the other's summary.
    public var crossFloor: Double = 2
    /// Two titles from one template with another subject in it (川芎 / 附子 in the same standard's title).
    public var titleTemplate: Double = -8
    /// Each figure (a number of two or more digits, not a year) both summaries hold; at most two count.
    public var figureShared: Double = 1.5
    /// The same submitting unit.
    public var submitterSame: Double = 1
    /// Two named units that are not the same (neither is an institute or a bureau forwarding the work).
    public var submitterDifferent: Double = -4
    /// The forwarder's text names the other side's unit.
    public var submitterNamed: Double = 2
    /// The same contact mobile.
    public var mobileSame: Double = 1
    /// Different mobiles of two named units.
    public var mobileDifferent: Double = -0.5
    /// The same supervising bureau or department.
    public var supervisorSame: Double = 0.5
    /// Different supervisors of two named units.
    public var supervisorDifferent: Double = -0.5
    /// The same month or neighbouring months.
    public var monthsNear: Double = 0.5
    /// Further apart than the month window.
    public var monthsFar: Double = -3
    /// Each hard token of one title found in the other side's text (at most two count).
    public var hardTokenShared: Double = 2
    /// A title's hard token that the other side's summary contradicts (its title holds none of that family).
    public var hardTokenContradicted: Double = -1.5

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case titleSame, titleSlope, titlePivot, titleCap, titleFloor, titleTemplate, crossSlope, crossPivot, crossCap, crossFloor, summarySlope, summaryPivot, summaryCap, summaryFloor, figureShared
        case submitterSame, submitterDifferent, submitterNamed, mobileSame, mobileDifferent
        case supervisorSame, supervisorDifferent, monthsNear, monthsFar, hardTokenShared, hardTokenContradicted
    }

    /// Decodes weights; a missing key keeps its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MatchWeights()
        func v(_ k: CodingKeys, _ def: Double) throws -> Double { try c.decodeIfPresent(Double.self, forKey: k) ?? def }
        titleSame = try v(.titleSame, d.titleSame)
        titleSlope = try v(.titleSlope, d.titleSlope)
        titlePivot = try v(.titlePivot, d.titlePivot)
        titleCap = try v(.titleCap, d.titleCap)
        titleFloor = try v(.titleFloor, d.titleFloor)
        titleTemplate = try v(.titleTemplate, d.titleTemplate)
        crossSlope = try v(.crossSlope, d.crossSlope)
        crossPivot = try v(.crossPivot, d.crossPivot)
        crossCap = try v(.crossCap, d.crossCap)
        crossFloor = try v(.crossFloor, d.crossFloor)
        summarySlope = try v(.summarySlope, d.summarySlope)
        summaryPivot = try v(.summaryPivot, d.summaryPivot)
        summaryCap = try v(.summaryCap, d.summaryCap)
        summaryFloor = try v(.summaryFloor, d.summaryFloor)
        figureShared = try v(.figureShared, d.figureShared)
        submitterSame = try v(.submitterSame, d.submitterSame)
        submitterDifferent = try v(.submitterDifferent, d.submitterDifferent)
        submitterNamed = try v(.submitterNamed, d.submitterNamed)
        mobileSame = try v(.mobileSame, d.mobileSame)
        mobileDifferent = try v(.mobileDifferent, d.mobileDifferent)
        supervisorSame = try v(.supervisorSame, d.supervisorSame)
        supervisorDifferent = try v(.supervisorDifferent, d.supervisorDifferent)
        monthsNear = try v(.monthsNear, d.monthsNear)
        monthsFar = try v(.monthsFar, d.monthsFar)
        hardTokenShared = try v(.hardTokenShared, d.hardTokenShared)
        hardTokenContradicted = try v(.hardTokenContradicted, d.hardTokenContradicted)
    }
}
