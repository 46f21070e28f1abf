// MARK: - How the pieces fit (for the run that wires them in)
//
//  1. For each stage with cases waiting, the run builds a `ReviewSheet` (rows from the library; never a
//     classified case — `requireNoClassified` is the last guard) and writes it with `ReviewSheetWriter.write`
//     to outbox/review/<sheet.fileName>.
//  2. For every .xlsx in the inbox, `ReviewSheetReader.read` first: nil means "not a review sheet, read it as
//     submissions"; a `Refusal` means a review sheet that cannot be read (quarantine it with the reason).
//  3. `ReviewDecisionValidator.validate` judges each row against the library's current state (stage,
//     version, decisions so far) and the cases earlier sheets of the batch decided. `lines` is the dry run
//     `inspect` prints; `accepted` is what to append in one transaction; `acceptedCaseIds` feeds the next sheet.
//  4. `ReviewRefusedSheet.make` gives the refused rows back as a sheet with a 拒收原因 column, same identity,
//     for quarantine/<date>/.

/// A review sheet: the cases waiting at one stage for one group of reviewers, written as an XLSX workbook
/// for people to decide in (初选 per 成果来源 division, one 复选 sheet, one 审定 sheet per issue …).
///
/// Pure values: the caller (the run) picks the cases and supplies every word; this module writes what it is
/// given and reads back what the reviewers wrote. It never sees the case library.
public struct ReviewSheet: Sendable, Equatable {
    /// The sheet's stable id, kept in the hidden identity and checked when the sheet comes back.
    public var sheetId: String
    /// The review stage, as configured: 初选, 复选, 审定, or Zhejiang's 遴选评价, 现场调研 ….
    public var stage: String
    /// Who the sheet is for: a division (基础处) at 初选, an issue (2026年第11期) at 审定, "" when one sheet serves all.
    public var group: String
    /// The bulletin month, "YYYY-MM".
    public var period: String
    /// The stage's deadline, "YYYY-MM-DD", shown in the title row.
    public var deadline: String
    /// The words reviewers may write, offered as drop-downs and checked when the sheet comes back.
    public var vocabulary: ReviewVocabulary
    /// Whether the 排序 column (the order in the bulletin, at 复选) is present.
    public var hasOrderColumn: Bool
    /// The cases, in the order they are listed.
    public var rows: [ReviewRow]

    /// Creates a sheet; `sheetId` nil derives one from the period, stage, group and rows (`deriveId`).
    public init(sheetId: String? = nil, stage: String, group: String, period: String, deadline: String,
                vocabulary: ReviewVocabulary, hasOrderColumn: Bool = false, rows: [ReviewRow]) {
        self.stage = stage
        self.group = group
        self.period = period
        self.deadline = deadline
        self.vocabulary = vocabulary
        self.hasOrderColumn = hasOrderColumn
        self.rows = rows
        self.sheetId = sheetId ?? Self.deriveId(stage: stage, group: group, period: period, rows: rows)
    }

    /// The header of the decision column: `<stage>意见`, e.g. 初选意见.
    public var decisionHeader: String { ReviewColumns.decisionHeader(stage: stage) }

    /// Whether the 拒收原因 column is shown: some row carries a refusal (a sheet of refused rows sent back).
    public var hasRefusalColumn: Bool { rows.contains { $0.refusal != nil } }

    /// A deterministic id: `<period>-<stage>[-<group>]-<12 hex>`, the hex a sha256 of every row's case id and
    /// version. The same cases in the same state give the same id; any change gives another.
    public static func deriveId(stage: String, group: String, period: String, rows: [ReviewRow]) -> String {
        var text = "\(period)\n\(stage)\n\(group)\n"
        for row in rows { text += "\(row.caseId)\t\(row.caseVersion)\n" }
        let hash = Hashing.sha256(Array(text.utf8)).prefix(12)
        return [period, stage, group, String(hash)].filter { !$0.isEmpty }.joined(separator: "-")
    }

    /// A case version for `ReviewRow.caseVersion` and `ReviewCaseState.caseVersion`: the first 16 hex digits of
    /// the sha256 of `parts` (whatever a reviewer's decision rests on: title, summary, labels, stage, the last
    /// history sequence …), each part kept apart from the next so ["ab", "c"] and ["a", "bc"] differ.
    public static func caseVersion(_ parts: [String]) -> String {
        String(Hashing.sha256(Array(parts.joined(separator: "\u{1F}").utf8)).prefix(16))
    }

    /// A file name for the sheet: `2026-11-初选-基础处.xlsx` (characters file systems refuse become `_`).
    public var fileName: String {
        let base = [period, stage, group].filter { !$0.isEmpty }.joined(separator: "-")
        return String(base.map { "/\\:*?\"<>|".contains($0) || $0.isNewline ? "_" : $0 }) + ".xlsx"
    }

    /// The rows that `isClassified` says are classified (涉密). The run must never hand such a row to the
    /// writer; call this (or `requireNoClassified`) just before writing as a last guard.
    public func classifiedRows(_ isClassified: (ReviewRow) -> Bool) -> [ReviewRow] {
        rows.filter(isClassified)
    }

    /// Throws `ReviewSheetError.classifiedCase` naming the first classified row, if any.
    public func requireNoClassified(_ isClassified: (ReviewRow) -> Bool) throws {
        if let row = rows.first(where: isClassified) {
            throw ReviewSheetError.classifiedCase(caseId: row.caseId, sheet: fileName)
        }
    }
}

/// The words reviewers choose from, supplied by the caller from the configuration and the domain terms.
public struct ReviewVocabulary: Sendable, Equatable, Codable {
    /// The decision words of the stage: 通过, 不通过, 退回修改, plus 送咨询 at 复选.
    public var decisionWords: [String]
    /// The categories for 调整类别 (基础研究成果 …).
    public var categories: [String]
    /// The levels for 调整技术水平 (国际领先 …).
    public var levels: [String]
    /// The industries for 调整产业 (电子信息 …).
    public var industries: [String]

    /// Creates a vocabulary.
    public init(decisionWords: [String], categories: [String], levels: [String], industries: [String]) {
        self.decisionWords = decisionWords
        self.categories = categories
        self.levels = levels
        self.industries = industries
    }
}

/// The machine's suggestion for one column and the one-line reason for it.
public struct ReviewSuggestion: Sendable, Equatable {
    /// The suggested value ("" when the machine has none).
    public var value: String
    /// Why, in one line.
    public var reason: String
    /// Creates a suggestion.
    public init(_ value: String, reason: String = "") {
        self.value = value
        self.reason = reason
    }
}

/// What a reviewer writes in a row, as raw text: blank means not filled in.
public struct ReviewerEntry: Sendable, Equatable {
    /// The `<stage>意见` cell.
    public var decision: String
    /// 调整类别.
    public var category: String
    /// 调整技术水平.
    public var level: String
    /// 调整产业.
    public var industry: String
    /// 排序, as written ("1", "2.0" …).
    public var order: String
    /// 说明.
    public var note: String
    /// 审核人.
    public var reviewer: String

    /// Creates an entry; every field defaults to blank.
    public init(decision: String = "", category: String = "", level: String = "", industry: String = "",
                order: String = "", note: String = "", reviewer: String = "") {
        self.decision = decision
        self.category = category
        self.level = level
        self.industry = industry
        self.order = order
        self.note = note
        self.reviewer = reviewer
    }

    /// Whether nothing at all is written.
    public var isBlank: Bool {
        [decision, category, level, industry, order, note, reviewer].allSatisfy { ReviewText.trimmed($0).isEmpty }
    }
}

/// One case on a review sheet: what the reviewers see, the machine's suggestions, and the case version the
/// row was made from.
public struct ReviewRow: Sendable, Equatable {
    /// The case id, e.g. 2026-11-0007.
    public var caseId: String
    /// 成果名称.
    public var title: String
    /// 报送单位.
    public var submitter: String
    /// 归口部门.
    public var supervisor: String
    /// 成果来源.
    public var source: String
    /// Suggested 成果类别.
    public var category: ReviewSuggestion
    /// Suggested 子类.
    public var subtype: ReviewSuggestion
    /// Suggested 技术水平.
    public var level: ReviewSuggestion
    /// Suggested 所属产业.
    public var industry: ReviewSuggestion
    /// 评分, nil when not scored.
    public var score: Double?
    /// Why that score, in one line.
    public var scoreReason: String
    /// 疑似重复: possible duplicates, as text ("" when none).
    public var possibleDuplicates: String
    /// A hash of the case state the row was made from; a returned row whose case has another version is stale.
    /// "" for a row that belongs to no case (a row a reviewer added, sent back in a sheet of refused rows).
    public var caseVersion: String
    /// Reviewer values written in advance (or returned, in a sheet of refused rows).
    public var entry: ReviewerEntry
    /// Why the row was refused, shown in a 拒收原因 column; nil on a fresh sheet.
    public var refusal: String?

    /// Creates a row.
    public init(caseId: String, title: String, submitter: String, supervisor: String, source: String,
                category: ReviewSuggestion = ReviewSuggestion(""), subtype: ReviewSuggestion = ReviewSuggestion(""),
                level: ReviewSuggestion = ReviewSuggestion(""), industry: ReviewSuggestion = ReviewSuggestion(""),
                score: Double? = nil, scoreReason: String = "", possibleDuplicates: String = "",
                caseVersion: String, entry: ReviewerEntry = ReviewerEntry(), refusal: String? = nil) {
        self.caseId = caseId
        self.title = title
        self.submitter = submitter
        self.supervisor = supervisor
        self.source = source
        self.category = category
        self.subtype = subtype
        self.level = level
        self.industry = industry
        self.score = score
        self.scoreReason = scoreReason
        self.possibleDuplicates = possibleDuplicates
        self.caseVersion = caseVersion
        self.entry = entry
        self.refusal = refusal
    }
}

/// Why a sheet cannot be written.
public enum ReviewSheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field has a value the sheet cannot carry.
    case invalid(field: String, value: String, expected: String)
    /// Two rows carry the same case id.
    case duplicateCase(caseId: String)
    /// A classified (涉密) case reached the writer.
    case classifiedCase(caseId: String, sheet: String)

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case .invalid(let field, let value, let expected):
            return "review sheet \(field) \"\(value)\" is not valid: expected \(expected)"
        case .duplicateCase(let id):
            return "case \(id) is listed twice on one review sheet; list each case once"
        case .classifiedCase(let id, let sheet):
            return "case \(id) is classified (涉密) and must not appear on review sheet \(sheet); leave it out of every sheet"
        }
    }
}
