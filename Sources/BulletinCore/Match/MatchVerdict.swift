import Foundation

/// What the matcher concludes about a pair.
public enum MatchOutcome: String, Sendable, Codable, Equatable, Hashable, Comparable {
    /// 同一成果: near-certain; the submission is attached to the case as a sighting, automatically.
    case same
    /// 疑似重复: likely the same; a new case flagged with `possibleDuplicates`, for a person to confirm.
    case probable
    /// 不同成果.
    case different

    /// The Chinese name used in explanations and review sheets.
    public var chinese: String {
        switch self {
        case .same: return "同一成果"
        case .probable: return "疑似重复"
        case .different: return "不同成果"
        }
    }

    /// `.same` sorts first.
    public static func < (a: MatchOutcome, b: MatchOutcome) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .same ? 0 : self == .probable ? 1 : 2 }
}

/// The field an evidence line is about.
public enum MatchField: String, Sendable, Codable, Equatable, Hashable {
    case title, summary, submitter, mobile, supervisor, period, hardToken, approved

    /// The form's Chinese label.
    public var chinese: String {
        switch self {
        case .title: return "成果名称"
        case .summary: return "案例简介"
        case .submitter: return "报送单位"
        case .mobile: return "联系手机"
        case .supervisor: return "归口部门"
        case .period: return "报送月份"
        case .hardToken: return "硬信息"
        case .approved: return "已审定"
        }
    }
}

/// One line of the waterfall: a field, the weight it adds (positive for a match), and what was seen.
public struct MatchEvidence: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The field compared.
    public var field: MatchField
    /// The weight added to the score.
    public var weight: Double
    /// What was seen, in the Chinese/English mix of `explain`.
    public var note: String

    /// Creates an evidence line.
    public init(field: MatchField, weight: Double, note: String) {
        self.field = field
        self.weight = weight
        self.note = note
    }

    /// `[+7.00] 成果名称 title: …`
    public var description: String {
        "[\(MatchVerdict.signed(weight))] \(field.chinese) \(field.rawValue): \(note)"
    }
}

/// Hard tokens of one kind that disagree between the two titles: the pair is two achievements.
public struct MatchVeto: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The kind of token.
    public var kind: HardTokenKind
    /// This side's values.
    public var mine: [String]
    /// The other side's values.
    public var theirs: [String]

    /// Creates a veto.
    public init(kind: HardTokenKind, mine: [String], theirs: [String]) {
        self.kind = kind
        self.mine = mine
        self.theirs = theirs
    }

    /// `✗ 否决 veto [数量单位 quantity] 300MW ≠ 600MW`
    public var description: String {
        "✗ 否决 veto [\(kind.chinese) \(kind.rawValue)] \(mine.joined(separator: "、")) ≠ \(theirs.joined(separator: "、"))"
    }
}

/// The matcher's conclusion about a subject and one other case, with the evidence that led to it.
public struct MatchVerdict: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The subject's id.
    public var subjectID: String
    /// The other case's id.
    public var otherID: String
    /// The other case's title, for review sheets (疑似重复 column).
    public var otherTitle: String
    /// Same, probable or different.
    public var outcome: MatchOutcome
    /// The sum of the evidence weights.
    public var score: Double
    /// Why this outcome, in one line.
    public var reason: String
    /// The waterfall, field by field.
    public var evidence: [MatchEvidence]
    /// Hard tokens that disagree (any veto makes the outcome `.different`).
    public var vetoes: [MatchVeto]
    /// The other case is in an approved bulletin: a `.same` verdict records the sighting and flags it for
    /// 重大处; it never merges silently.
    public var otherApproved: Bool

    /// Creates a verdict.
    public init(subjectID: String, otherID: String, otherTitle: String, outcome: MatchOutcome, score: Double,
                reason: String, evidence: [MatchEvidence], vetoes: [MatchVeto], otherApproved: Bool) {
        self.subjectID = subjectID
        self.otherID = otherID
        self.otherTitle = otherTitle
        self.outcome = outcome
        self.score = score
        self.reason = reason
        self.evidence = evidence
        self.vetoes = vetoes
        self.otherApproved = otherApproved
    }

    /// The verdict as `explain` prints it: the conclusion, then the waterfall, then any veto.
    public var description: String {
        var t = "与 \(otherID)「\(otherTitle)」: \(outcome.chinese) \(outcome.rawValue)（总分 score \(MatchVerdict.signed(score))）— \(reason)\n"
        for e in evidence { t += "    \(e)\n" }
        for v in vetoes { t += "    \(v)\n" }
        return t
    }

    static func signed(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return (r >= 0 ? "+" : "") + String(format: "%.2f", r)
    }
}
