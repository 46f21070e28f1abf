import Foundation

/// The `scoring` section of pipeline.json: which rules run and how much they count, the vocabularies
/// they read, the level ladder, the score formula and the profiles.
///
/// Every section is required: the shipped rules are the repository's pipeline.json, and nowhere else.
/// A missing key is reported with its path when the file is loaded; `validate(file:)` checks what a
/// decoder cannot, and names the JSON path of the first problem.
public struct ScoringConfig: Sendable, Codable, Equatable {
    /// The score formula in words, for people reading the file (docs/scoring.md explains it).
    public var formula: String
    /// Rule switches and weights by rule name; a rule not listed runs with weight 1.
    public var rules: [String: RuleSwitch]
    /// How much a finding in each field counts (the title says more per word than the summary).
    public var fieldWeights: FieldWeights
    /// Phrases and patterns that point at a category (label: a category).
    public var categories: [CueGroup]
    /// Phrases and patterns that point at a subtype (label: a subtype); they count for its category too.
    public var subtypes: [CueGroup]
    /// Phrases and patterns that point at an industry (label: an industry, 其他 included).
    public var industries: [CueGroup]
    /// The level ladder, highest first: the phrases that claim each level and its points.
    public var levels: [LevelRung]
    /// How claims are read: overall and partial scope, hedges and negations.
    public var levelReading: LevelReading
    /// What the evidence rules look for.
    public var evidence: Evidence
    /// Constructions (a word and the word it governs, in one clause) that point at a category or subtype.
    public var constructions: [Construction] = []
    /// One-character heads of goods read at the end of a title (机, 船, 钢 …), derived from GB/T 4754-2017.
    public var industryTitleHeads = TitleHeads()
    /// Thresholds and defaults used when votes are counted.
    public var decision: Decision
    /// The parts of the ranking score.
    public var score: ScoreWeights
    /// Rule profiles by name: the profile-only rules each one runs.
    public var profiles: [String: Profile]
    /// What the eligibility rules (the zhejiang profile) read.
    public var eligibility: Eligibility
    /// The statistical layer (`scoring.model`), or nil for rules alone.
    public var model: Model?
    /// The folder of the pipeline.json this was read from (set by `PipelineConfig.load`), against which a relative
    /// `model.weights` is resolved; nil (a configuration not read from a file): the current folder.
    public var directory: URL?
    /// The path of the pipeline.json this was read from (set by `PipelineConfig.load`), which the model layer's
    /// errors name; nil: "pipeline.json".
    public var configFile: String?

    // MARK: - Parts

    /// Whether a rule runs and how much it counts.
    public struct RuleSwitch: Sendable, Codable, Equatable {
        /// Off: the rule does not run and adds no reason.
        public var enabled: Bool
        /// Multiplies every weight the rule adds (0 keeps its reasons but makes them count for nothing).
        public var weight: Double
        /// Creates a switch.
        public init(enabled: Bool = true, weight: Double = 1) {
            self.enabled = enabled
            self.weight = weight
        }
        /// Decodes a switch; both keys are optional.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
            weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        }
    }

    /// Weights of the fields read.
    public struct FieldWeights: Sendable, Codable, Equatable {
        /// 成果名称
        public var title: Double
        /// 案例简介
        public var summary: Double
    }

    /// A label and the words that point at it, with the weight each word adds.
    public struct CueGroup: Sendable, Codable, Equatable {
        /// The label voted for (a category, subtype or industry, as the section says).
        public var label: String
        /// Weight of one phrase or pattern found (once per field, however often it occurs).
        public var weight: Double
        /// Literal phrases (case-insensitive; full-width letters and digits are read as half-width).
        public var phrases: [String]
        /// Regular expressions (NSRegularExpression syntax).
        public var patterns: [String]
        /// Where the words come from (an industry class: `GB/T 4754-2017 C2740 中成药生产`), named in the reasons.
        public var source: String?
        /// `true` for a group read in the title only (what the title's head noun says), where the rule that reads the
        /// section supports it (`scoring.subtypes`, `scoring.categories`); nil or false: read in every field.
        public var titleOnly: Bool?
        /// Creates a group.
        public init(label: String, weight: Double, phrases: [String] = [], patterns: [String] = [], source: String? = nil,
                    titleOnly: Bool? = nil) {
            self.label = label
            self.weight = weight
            self.phrases = phrases
            self.patterns = patterns
            self.source = source
            self.titleOnly = titleOnly
        }
        /// Decodes a group; `phrases` and `patterns` are optional.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            label = try c.decode(String.self, forKey: .label)
            weight = try c.decode(Double.self, forKey: .weight)
            phrases = try c.decodeIfPresent([String].self, forKey: .phrases) ?? []
            patterns = try c.decodeIfPresent([String].self, forKey: .patterns) ?? []
            source = try c.decodeIfPresent(String.self, forKey: .source)
            titleOnly = try c.decodeIfPresent(Bool.self, forKey: .titleOnly)
        }
    }

    /// One rung of the level ladder.
    public struct LevelRung: Sendable, Codable, Equatable {
        /// 国际领先, 国际先进, 国内领先 or 国内先进.
        public var level: String
        /// Points this level adds to the score.
        public var points: Double
        /// Phrases that claim the level (达到国际领先水平 needs only 国际领先).
        public var phrases: [String]
        /// Patterns that claim the level.
        public var patterns: [String]
        /// Phrases that imply the level (国际首创, 填补国内空白): read only when no explicit claim exists.
        public var implied: [String]
        /// Patterns that imply the level.
        public var impliedPatterns: [String]
        /// Decodes a rung; the lists are optional.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            level = try c.decode(String.self, forKey: .level)
            points = try c.decode(Double.self, forKey: .points)
            phrases = try c.decodeIfPresent([String].self, forKey: .phrases) ?? []
            patterns = try c.decodeIfPresent([String].self, forKey: .patterns) ?? []
            implied = try c.decodeIfPresent([String].self, forKey: .implied) ?? []
            impliedPatterns = try c.decodeIfPresent([String].self, forKey: .impliedPatterns) ?? []
        }
    }

    /// How a claim's surroundings change what it says.
    public struct LevelReading: Sendable, Codable, Equatable {
        /// Words before a claim, in its clause, that make it a claim for the whole work (总体, 整体).
        public var overallMarkers: [String]
        /// Words before a claim, in its clause, that make it a claim for part of the work (部分, 个别).
        public var partialMarkers: [String]
        /// Words that open a part of the sentence about part of the work (其中): every claim after them,
        /// up to the end of the sentence, is partial.
        public var partialScopeMarkers: [String]
        /// Words shortly before a claim that make it a hedge or a negation (接近, 尚未达到, 有望).
        public var hedgeMarkers: [String]
        /// How many characters before a claim a hedge word may stand, within the clause.
        public var hedgeWindow: Int
        /// Words after a claim, in its clause, that make it a comparison, not a claim (差距, 相比).
        public var comparisonMarkers: [String]
        /// Words right before a level phrase that make it the yardstick of a comparison, not a claim
        /// (寿命较国际领先水平低约40%); absent: 较 and 比. Only the words ending just where the phrase begins count,
        /// so 较为成熟，达到… stays a claim.
        public var yardstickMarkers: [String]?
        /// Words right after a level phrase that make it a description of others (国际领先企业).
        public var notClaimFollowers: [String]
        /// Share of a level's points that a claim for part of the work adds to the score (the level stays "").
        public var partialClaimFactor: Double
    }

    /// What the evidence rules look for, one section per rule.
    public struct Evidence: Sendable, Codable, Equatable {
        /// topJournal: journals that count as top (Nature, Science, Cell, 科学通报 and a configurable list).
        public var topJournal: JournalEvidence
        /// academicPublisher: a renowned publisher near 出版 or 专著.
        public var academicPublisher: ProximityEvidence
        /// firstOfKind: 首台（套）, 国产化替代, 一类新药.
        public var firstOfKind: CueGroup
        /// varietyApproval: 审定/登记/鉴定 near 品种.
        public var varietyApproval: ProximityEvidence
        /// grantedPatent: 授权 near 发明专利.
        public var grantedPatent: ProximityEvidence
        /// standardIssued: 国际标准/国家标准/行业标准 near 制定/发布/主持.
        public var standardIssued: ProximityEvidence
        /// transferEvidence: 转化, 产业化, 推广 … (label: 成果转移转化案例).
        public var transfer: [CueGroup]
        /// economicBenefit: 新增产值, 销售收入 … with an amount in 元/万元/亿元.
        public var economicBenefit: BenefitEvidence
    }

    /// Journals that count as top journals.
    public struct JournalEvidence: Sendable, Codable, Equatable {
        /// The subtype voted for (论文).
        public var label: String
        /// Weight of a top-journal finding.
        public var weight: Double
        /// Journal names; Latin names match as whole words (Nature matches Nature Genetics, not Naturenet).
        public var journals: [String]
    }

    /// Two lists of words that must stand in the same sentence, within a window.
    public struct ProximityEvidence: Sendable, Codable, Equatable {
        /// The subtype voted for.
        public var label: String
        /// Weight of the finding.
        public var weight: Double
        /// What was done (审定, 授权, 制定).
        public var actions: [String]
        /// What it was done to (品种, 发明专利, 国家标准).
        public var objects: [String]
        /// Largest distance in characters between the two, in one sentence.
        public var window: Int
    }

    /// Economic figures: an indicator followed by an amount.
    public struct BenefitEvidence: Sendable, Codable, Equatable {
        /// The category voted for (成果转移转化案例).
        public var label: String
        /// Weight of the finding (once per field).
        public var weight: Double
        /// Indicators (新增产值, 销售收入, 合同金额 …).
        public var indicators: [String]
        /// Largest distance in characters from the end of an indicator to its amount, in one clause.
        public var window: Int
    }

    /// Thresholds used when votes are counted.
    public struct Decision: Sendable, Codable, Equatable {
        /// Below this many votes for the best category, the case is 其它.
        public var minimumCategoryVotes: Double
        /// Below this many votes for the best industry, the industry is 其他.
        public var minimumIndustryVotes: Double
        /// The subtype taken when a category is chosen but none of its subtypes has a vote.
        public var defaultSubtypes: [String: String]
        /// The category taken when no category has any vote (应用研究成果 unless configured; never 其它,
        /// which needs evidence of its own).
        public var defaultCategory: String
        /// A label whose confidence is below this is flagged 需人工确认 (0.6 unless configured).
        public var reviewBelow: Double
        /// How much a subtype vote counts for its category (1 unless configured): below 1, a product
        /// described at length no longer outvotes the transfer or facility the case is about.
        public var subtypeShare: Double
        /// How much a category or subtype cue counts when it stands in the summary's first sentence, the
        /// sentence that says what was achieved (1 unless configured): above 1, the head of the summary
        /// outweighs an incidental mention further on.
        public var leadSentenceWeight: Double = 1

        /// Creates the thresholds.
        public init(minimumCategoryVotes: Double, minimumIndustryVotes: Double, defaultSubtypes: [String: String],
                    defaultCategory: String = "应用研究成果", reviewBelow: Double = 0.6, subtypeShare: Double = 1) {
            self.minimumCategoryVotes = minimumCategoryVotes
            self.minimumIndustryVotes = minimumIndustryVotes
            self.defaultSubtypes = defaultSubtypes
            self.defaultCategory = defaultCategory
            self.reviewBelow = reviewBelow
            self.subtypeShare = subtypeShare
        }

        /// Decodes the thresholds; `defaultCategory`, `reviewBelow`, `subtypeShare` and `leadSentenceWeight` (added
        /// later) are optional.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minimumCategoryVotes = try c.decode(Double.self, forKey: .minimumCategoryVotes)
            minimumIndustryVotes = try c.decode(Double.self, forKey: .minimumIndustryVotes)
            defaultSubtypes = try c.decode([String: String].self, forKey: .defaultSubtypes)
            defaultCategory = try c.decodeIfPresent(String.self, forKey: .defaultCategory) ?? "应用研究成果"
            reviewBelow = try c.decodeIfPresent(Double.self, forKey: .reviewBelow) ?? 0.6
            subtypeShare = try c.decodeIfPresent(Double.self, forKey: .subtypeShare) ?? 1
            leadSentenceWeight = try c.decodeIfPresent(Double.self, forKey: .leadSentenceWeight) ?? 1
        }
    }

    /// The parts of the ranking score (see `formula`).
    public struct ScoreWeights: Sendable, Codable, Equatable {
        /// Points for the category.
        public var categoryPoints: [String: Double]
        /// Evidence findings count up to this many points.
        public var evidenceCap: Double
        /// points = min(amountCap, amountScale × log10(1 + 万元 / 100)).
        public var amountScale: Double
        /// Largest number of points an amount adds.
        public var amountCap: Double
        /// Points for a complete form (every required field, a summary of full length).
        public var completenessPoints: Double
        /// A summary this long or longer counts as full.
        public var fullSummaryCharacters: Int
    }

    /// A rule profile.
    public struct Profile: Sendable, Codable, Equatable {
        /// The region the profile's conditions belong to, as flags name it (浙江省).
        public var region: String
        /// Profile-only rules this profile runs (the eligibility rules).
        public var rules: [String]
    }

    /// What the eligibility rules read.
    public struct Eligibility: Sendable, Codable, Equatable {
        /// Words that say ownership, the completing unit or the completers are not clear (权属不清).
        public var disputePhrases: [String]
        /// Patterns for the same, written so that denials (无争议, 不存在纠纷) do not match.
        public var disputePatterns: [String]
        /// Subtypes that are breakthroughs and must be industrialised (关键技术, 创新产品).
        public var breakthroughSubtypes: [String]
        /// Words that say a breakthrough is industrialised or used in national major projects.
        public var industrialisedPhrases: [String]
        /// Levels that meet the minimum (国际领先, 国际先进, 国内领先).
        public var minimumLevels: [String]
        /// Whether basic research in a top journal meets the minimum level without a claim.
        public var topJournalMeetsLevel: Bool
    }

    /// Creates a configuration from its sections.
    public init(formula: String, rules: [String: RuleSwitch], fieldWeights: FieldWeights, categories: [CueGroup],
                subtypes: [CueGroup], industries: [CueGroup], levels: [LevelRung], levelReading: LevelReading,
                evidence: Evidence, decision: Decision, score: ScoreWeights, profiles: [String: Profile],
                eligibility: Eligibility, constructions: [Construction] = []) {
        self.formula = formula
        self.rules = rules
        self.fieldWeights = fieldWeights
        self.categories = categories
        self.subtypes = subtypes
        self.industries = industries
        self.levels = levels
        self.levelReading = levelReading
        self.evidence = evidence
        self.decision = decision
        self.score = score
        self.profiles = profiles
        self.eligibility = eligibility
        self.constructions = constructions
    }

    // MARK: - Decoding with defaults

    enum CodingKeys: String, CodingKey {
        case formula, rules, fieldWeights, categories, subtypes, industries, levels, levelReading, evidence,
             decision, score, profiles, eligibility, constructions, industryTitleHeads, model
    }

    /// Decodes the section. Every key is required: the rules live in pipeline.json alone, and a missing
    /// key is a configuration error naming its path (not a silent default).
    /// The section `ScoringSectionReader` read ahead, when `PipelineConfig.decode` hands it over, is taken as it is.
    public init(from decoder: any Decoder) throws {
        if let prepared = decoder.userInfo[ScoringSectionReader.userInfoKey] as? ScoringSectionReader.Prepared,
           decoder.codingPath.count == 1, decoder.codingPath[0].stringValue == "scoring" {
            self = prepared.config
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formula = try c.decode(String.self, forKey: .formula)
        rules = try c.decode([String: RuleSwitch].self, forKey: .rules)
        fieldWeights = try c.decode(FieldWeights.self, forKey: .fieldWeights)
        categories = try c.decode([CueGroup].self, forKey: .categories)
        subtypes = try c.decode([CueGroup].self, forKey: .subtypes)
        industries = try c.decode([CueGroup].self, forKey: .industries)
        levels = try c.decode([LevelRung].self, forKey: .levels)
        levelReading = try c.decode(LevelReading.self, forKey: .levelReading)
        evidence = try c.decode(Evidence.self, forKey: .evidence)
        decision = try c.decode(Decision.self, forKey: .decision)
        score = try c.decode(ScoreWeights.self, forKey: .score)
        profiles = try c.decode([String: Profile].self, forKey: .profiles)
        eligibility = try c.decode(Eligibility.self, forKey: .eligibility)
        constructions = try c.decodeIfPresent([Construction].self, forKey: .constructions) ?? []
        industryTitleHeads = try c.decodeIfPresent(TitleHeads.self, forKey: .industryTitleHeads) ?? TitleHeads()
        model = try c.decodeIfPresent(Model.self, forKey: .model)
    }

    /// The switch of a rule: as configured, or on with weight 1.
    public func ruleSwitch(_ name: String) -> RuleSwitch {
        rules[name] ?? RuleSwitch()
    }
}
