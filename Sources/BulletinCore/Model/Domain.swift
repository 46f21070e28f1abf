/// The domain's closed vocabularies (DOMAIN.md) as types. Raw values are the Chinese terms, so the library, the
/// log, `inspect --json` and the documents read exactly as before, while the compiler checks every switch.

// MARK: - Labels

/// 成果类别: what kind of achievement a case is (征集内容 of seed 000).
public enum Category: String, Sendable, Codable, CaseIterable, Hashable {
    case basicResearch = "基础研究成果"
    case appliedResearch = "应用研究成果"
    case transfer = "成果转移转化案例"
    case other = "其它"
}

/// 子类: the subtype within a category (论文 and 专著 belong to basic research, the rest to applied research).
public enum Subtype: String, Sendable, Codable, CaseIterable, Hashable {
    case paper = "论文"
    case monograph = "专著"
    case keyTechnology = "关键技术"
    case innovativeProduct = "创新产品"
    case variety = "生物品种"
    case inventionPatent = "发明专利"
    case standard = "标准"

    /// The category this subtype belongs to.
    public var category: Category {
        switch self {
        case .paper, .monograph: .basicResearch
        case .keyTechnology, .innovativeProduct, .variety, .inventionPatent, .standard: .appliedResearch
        }
    }
}

/// 技术水平: the level a text claims, ordered so that `国际领先 > 国际先进 > 国内领先 > 国内先进`.
public enum Level: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case internationalLeading = "国际领先"
    case internationalAdvanced = "国际先进"
    case domesticLeading = "国内领先"
    case domesticAdvanced = "国内先进"

    /// 0 for the lowest (国内先进) to 3 for the highest (国际领先).
    public var rank: Int {
        switch self {
        case .domesticAdvanced: 0
        case .domesticLeading: 1
        case .internationalAdvanced: 2
        case .internationalLeading: 3
        }
    }

    /// Compares by rank: a higher level is greater.
    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
}

/// 所属产业: Sichuan's seven 特色优势产业, else 其他.
public enum Industry: String, Sendable, Codable, CaseIterable, Hashable {
    case electronics = "电子信息"
    case equipment = "装备制造"
    case materials = "先进材料"
    case energyChemicals = "能源化工"
    case foodTextiles = "食品轻纺"
    case health = "医药健康"
    case agriculture = "现代农业"
    case other = "其他"
}

// MARK: - Process

/// Which rule set and process a deployment follows (pipeline.json `profile`).
public enum Profile: String, Sendable, Codable, CaseIterable, Hashable {
    case sichuan
    case zhejiang
}

/// How a submission reached the department (DOMAIN.md, Channels).
public enum Channel: String, Sendable, Codable, CaseIterable, Hashable {
    /// 组织报送: sent by a unit or a city bureau.
    case organised = "组织报送"
    /// 主动收集: collected by one of the department's affiliated institutes.
    case activeCollection = "主动收集"
}

/// What became of one input file in a run (the log's `outcome`).
public enum InputOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    /// Every submission accepted.
    case accepted
    /// Some submissions accepted, the others quarantined with reasons.
    case partial
    /// Refused as a whole: moved to the quarantine with its reasons.
    case quarantined
    /// The same bytes were processed before: archived, nothing added.
    case duplicate
    /// Left in the inbox for the next run: still being written (modified within the settle time), or not a regular
    /// file (a folder, a symbolic link, a named pipe), recorded with what it is and what to do.
    case deferred
    /// A returned review sheet whose decisions were applied (some rows may have been refused).
    case decisions
    /// A file a killed run had moved without a record, found and recorded by the next run.
    case recovered
}

/// Where a case stands in the department's process. The Chinese words are the raw values (`status --json`'s
/// `stage`). Waiting stages are named after the review step they wait for (`待初选`, `待遴选评价` …), so a
/// profile's steps come from configuration; the end states are fixed.
public struct CaseStage: RawRepresentable, Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    /// The Chinese words, e.g. 待初选.
    public var rawValue: String
    /// Wraps a stage's words.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Waiting for a review step (e.g. `waiting(for: "初选")` is 待初选).
    public static func waiting(for step: String) -> CaseStage { CaseStage(rawValue: "待" + step) }
    /// The review step a waiting stage waits for (待初选 → 初选), nil for an end state.
    public var step: String? { rawValue.hasPrefix("待") ? String(rawValue.dropFirst()) : nil }

    /// 已通报: in an approved bulletin.
    public static let bulletined = CaseStage(rawValue: "已通报")
    /// 未入选: rejected at some step; never in a public document.
    public static let notSelected = CaseStage(rawValue: "未入选")
    /// 退回修改: sent back to the submitter for rework.
    public static let returned = CaseStage(rawValue: "退回修改")
    /// 涉密: classified; never in any sheet or public document.
    public static let classified = CaseStage(rawValue: "涉密")
    /// 已合并: merged into another case (the same achievement); its submissions count there.
    public static let merged = CaseStage(rawValue: "已合并")

    /// Whether a case at this stage may appear in a public document at all.
    public var mayBePublic: Bool { self != .classified && self != .notSelected && self != .returned && self != .merged }

    public var description: String { rawValue }
    public static func < (a: CaseStage, b: CaseStage) -> Bool { a.rawValue < b.rawValue }
}
