/// What the case library says about a case now, as the validator needs it.
public struct ReviewCaseState: Sendable, Equatable {
    /// The case's stage now, in the library's words (待初选, 待复选 …).
    public var stage: String
    /// The case's version now; a row made from another version is stale.
    public var caseVersion: String
    /// The review decisions recorded on the case so far (any order): a sheet applied twice is recognised by
    /// them, even after the case has moved on to a later stage.
    public var decisions: [ReviewPastDecision]

    /// Creates a state.
    public init(stage: String, caseVersion: String, decisions: [ReviewPastDecision] = []) {
        self.stage = stage
        self.caseVersion = caseVersion
        self.decisions = decisions
    }
}

/// A decision already recorded on a case: which sheet, at which stage, which word.
public struct ReviewPastDecision: Sendable, Equatable {
    /// The sheet it came from.
    public var sheetId: String
    /// The review stage (初选 …).
    public var stage: String
    /// The decision word (通过 …).
    public var word: String

    /// Creates a record.
    public init(sheetId: String, stage: String, word: String) {
        self.sheetId = sheetId
        self.stage = stage
        self.word = word
    }
}

/// An accepted decision, ready to be recorded.
public struct ReviewDecision: Sendable, Equatable {
    /// The case.
    public var caseId: String
    /// The review stage it was taken at.
    public var stage: String
    /// The sheet it came from.
    public var sheetId: String
    /// Where it was written: "sheet 初选-基础处 row 7".
    public var location: String
    /// The decision word, one of the stage's words.
    public var word: String
    /// What the reviewer wrote, when it differs from `word` (同意 for 通过, "通过 " …).
    public var writtenAs: String?
    /// 调整类别, 调整技术水平, 调整产业, each one of the vocabulary's words, nil when not adjusted.
    public var category: String?
    /// 调整技术水平.
    public var level: String?
    /// 调整产业.
    public var industry: String?
    /// 排序, nil when not given.
    public var order: Int?
    /// 说明 ("" when none).
    public var note: String
    /// 审核人 ("" when not given).
    public var reviewer: String
    /// The case version the decision was taken on.
    public var caseVersion: String
}

/// Why a row is refused. The other rows of the sheet still apply.
public enum ReviewRefusal: Sendable, Equatable, CustomStringConvertible {
    /// The row has a decision but no 案例编号.
    case noCaseId
    /// An earlier row of the same sheet already decides this case.
    case duplicateRow(caseId: String, firstRow: Int)
    /// The case was not on the sheet when it was written (a reviewer added the row).
    case notOnSheet(caseId: String)
    /// No case has this id.
    case unknownCase(caseId: String)
    /// The decision is none of the stage's words.
    case unknownDecision(written: String, allowed: [String])
    /// The case has left the stage the sheet was for.
    case notAtStage(caseId: String, expected: String, current: String)
    /// The case changed after the sheet was written.
    case stale(caseId: String)
    /// Another sheet of this batch decided the case first.
    case decidedByAnotherSheet(caseId: String)
    /// An adjustment is none of the offered words.
    case unknownChoice(column: String, written: String, allowed: [String])
    /// 排序 is not a positive whole number.
    case badOrder(written: String)

    /// A sentence for logs and `inspect`.
    public var description: String {
        switch self {
        case .noCaseId: return "the row has a decision but no 案例编号, so it cannot be matched to a case"
        case .duplicateRow(let id, let first): return "case \(id) is already decided on row \(first) of this sheet"
        case .notOnSheet(let id): return "case \(id) was not on this sheet when it was made; decide it on the sheet of its stage"
        case .unknownCase(let id): return "no case has the id \(id)"
        case .unknownDecision(let written, let allowed):
            return "the decision \"\(written)\" is not one of \(allowed.joined(separator: ", "))"
        case .notAtStage(let id, let expected, let current):
            return "case \(id) is no longer \(expected) (it is \(current) now); nothing to decide here"
        case .stale(let id): return "case \(id) changed after this sheet was made; decide it on the next sheet"
        case .decidedByAnotherSheet(let id): return "case \(id) was decided first by another sheet of this batch; the first applied wins"
        case .unknownChoice(let column, let written, let allowed):
            return "\(column) \"\(written)\" is not one of \(allowed.joined(separator: ", "))"
        case .badOrder(let written): return "排序 \"\(written)\" is not a positive whole number"
        }
    }

    /// The reason in Chinese, for the 拒收原因 column reviewers read.
    public var chinese: String {
        switch self {
        case .noCaseId: return "没有案例编号，无法对应案例；请在原表该案例所在行填写意见"
        case .duplicateRow(let id, let first): return "案例 \(id) 已在本表第 \(first) 行填写意见；同一案例只填一次"
        case .notOnSheet(let id): return "案例 \(id) 不在本表原有行中（是后加的行）；请在该案例所在阶段的审核表中填写"
        case .unknownCase(let id): return "案例编号 \(id) 不存在；请核对编号"
        case .unknownDecision(let written, let allowed):
            return "意见“\(written)”无法识别；请从下拉列表选择：\(allowed.joined(separator: "、"))"
        case .notAtStage(let id, let expected, let current):
            return "案例 \(id) 已不在\(expected)阶段（现为\(current)），本行意见未采用"
        case .stale(let id): return "案例 \(id) 在本表生成后已有变动；请在系统下次生成的新审核表中审核"
        case .decidedByAnotherSheet(let id): return "案例 \(id) 已由本批另一张审核表先行决定；以先收到的为准"
        case .unknownChoice(let column, let written, let allowed):
            return "\(column)“\(written)”无法识别；请从下拉列表选择：\(allowed.joined(separator: "、"))"
        case .badOrder(let written): return "排序“\(written)”不是正整数；1 排第一"
        }
    }
}

/// What became of one row.
public enum ReviewRowOutcome: Sendable, Equatable {
    /// A decision to record.
    case accepted(ReviewDecision)
    /// The same decision from the same sheet is already recorded: nothing changes.
    case alreadyApplied(word: String)
    /// No decision written: the case is not decided yet (never a rejection).
    case blank
    /// Refused, with the reason; the row goes back to the reviewers.
    case refused(ReviewRefusal)
}

/// One row's verdict.
public struct ReviewRowVerdict: Sendable, Equatable {
    /// The row as it came back.
    public var row: ReturnedReviewRow
    /// What became of it.
    public var outcome: ReviewRowOutcome
    /// Something worth telling about an accepted or blank row (entries ignored, a word read as another).
    public var note: String?
}

/// The verdicts on a whole returned sheet.
public struct ReviewValidation: Sendable, Equatable {
    /// The sheet.
    public var sheetId: String
    /// Its stage.
    public var stage: String
    /// One verdict per row, in sheet order.
    public var verdicts: [ReviewRowVerdict]

    /// The accepted decisions, in sheet order.
    public var accepted: [ReviewDecision] {
        verdicts.compactMap { if case .accepted(let d) = $0.outcome { return d } else { return nil } }
    }
    /// The refused rows and why.
    public var refused: [(row: ReturnedReviewRow, reason: ReviewRefusal)] {
        verdicts.compactMap { if case .refused(let r) = $0.outcome { return ($0.row, r) } else { return nil } }
    }
    /// How many rows are blank (undecided).
    public var blankCount: Int { verdicts.filter { $0.outcome == .blank }.count }
    /// How many rows were already applied.
    public var alreadyAppliedCount: Int {
        verdicts.filter { if case .alreadyApplied = $0.outcome { return true } else { return false } }.count
    }
    /// The cases this sheet decides: add them to the set handed to the next sheet of the batch.
    public var acceptedCaseIds: Set<String> { Set(accepted.map(\.caseId)) }
    /// Whether applying the sheet changes nothing (every row blank, refused or already applied).
    public var changesNothing: Bool { accepted.isEmpty }
    /// One line per row for `inspect` (the effective change set) and the run log:
    /// `sheet 初选-基础处 row 3: 2026-11-0001 通过 (调整技术水平 国际领先; 审核人 王审核)`,
    /// `sheet 初选-基础处 row 4: 2026-11-0002 refused: the decision "可以" is not one of 通过, 不通过, 退回修改`.
    public var lines: [String] {
        verdicts.map { v in
            let id = v.row.caseId.isEmpty ? "(no 案例编号)" : v.row.caseId
            var line = "\(v.row.location): \(id) "
            switch v.outcome {
            case .accepted(let d):
                var details: [String] = []
                if let c = d.category { details.append("\(ReviewColumns.adjustCategory) \(c)") }
                if let l = d.level { details.append("\(ReviewColumns.adjustLevel) \(l)") }
                if let i = d.industry { details.append("\(ReviewColumns.adjustIndustry) \(i)") }
                if let o = d.order { details.append("\(ReviewColumns.order) \(o)") }
                if !d.reviewer.isEmpty { details.append("\(ReviewColumns.reviewer) \(d.reviewer)") }
                line += d.word + (details.isEmpty ? "" : " (\(details.joined(separator: "; ")))")
            case .alreadyApplied(let word): line += "\(word): already applied, nothing changes"
            case .blank: line += "blank: not decided yet"
            case .refused(let reason): line += "refused: \(reason)"
            }
            if let note = v.note { line += " [\(note)]" }
            return line
        }
    }

    /// "4 accepted, 1 refused, 2 blank (not decided yet), 0 already applied".
    public var summary: String {
        "\(accepted.count) accepted, \(refused.count) refused, \(blankCount) blank (not decided yet), \(alreadyAppliedCount) already applied"
    }
}

/// Judges each row of a returned review sheet against the case library's current state, without touching
/// it: a pure function of the sheet, a lookup and the cases already decided in this batch.
public struct ReviewDecisionValidator: Sendable {
    /// The words the stage allows now (from the configuration, not from the returned file).
    public var vocabulary: ReviewVocabulary
    /// Other words reviewers write for an allowed word; used only when the target is allowed at the stage.
    public var synonyms: [String: String]
    /// The library's stage name of a case waiting at a review stage: 初选 → 待初选.
    public var awaitingStage: @Sendable (String) -> String

    /// Words reviewers commonly write that mean one allowed word and nothing else. 同意 is how leaders sign
    /// off; 退回 alone only ever means 退回修改 here. A tick (√) or 是 is not mapped: it says nothing of which word.
    public static let defaultSynonyms: [String: String] = [
        "同意": "通过", "通过审核": "通过", "予以通过": "通过",
        "不同意": "不通过", "不予通过": "不通过", "未通过": "不通过",
        "退回": "退回修改", "退修": "退回修改", "修改后再报": "退回修改",
        "咨询": "送咨询", "专家咨询": "送咨询", "送专家咨询": "送咨询",
    ]

    /// Creates a validator.
    public init(vocabulary: ReviewVocabulary, synonyms: [String: String] = ReviewDecisionValidator.defaultSynonyms,
                awaitingStage: @escaping @Sendable (String) -> String = { "待" + $0 }) {
        self.vocabulary = vocabulary
        self.synonyms = synonyms
        self.awaitingStage = awaitingStage
    }

    /// The allowed word `written` stands for, nil when blank or none. Trims, makes full-width text
    /// half-width, drops inner spaces and trailing punctuation, then tries the synonyms.
    public func decisionWord(_ written: String) -> String? {
        WordTable(vocabulary.decisionWords, synonyms: synonyms).word(written)
    }

    /// Allowed words and synonyms by their comparable form, built once per sheet.
    struct WordTable {
        let allowed: [String]
        private var byKey: [String: String] = [:]

        init(_ allowed: [String], synonyms: [String: String] = [:]) {
            self.allowed = allowed
            for (other, target) in synonyms where allowed.contains(target) { byKey[ReviewText.key(other)] = target }
            for word in allowed { byKey[ReviewText.key(word)] = word }  // an allowed word wins over a synonym
        }

        func word(_ written: String) -> String? {
            let key = ReviewText.key(written)
            return key.isEmpty ? nil : byKey[key]
        }
    }

    /// Classifies every row. `lookup` gives a case's state now (nil: no such case); `decidedEarlier` holds the
    /// cases an earlier sheet of this batch decided.
    public func validate(_ sheet: ReturnedReviewSheet, lookup: (String) -> ReviewCaseState?,
                         decidedEarlier: Set<String> = []) -> ReviewValidation {
        var decidedHere: [String: Int] = [:]
        var verdicts: [ReviewRowVerdict] = []
        let tables = Tables(decisions: WordTable(vocabulary.decisionWords, synonyms: synonyms), categories: WordTable(vocabulary.categories),
                            levels: WordTable(vocabulary.levels), industries: WordTable(vocabulary.industries))
        for row in sheet.rows {
            let (outcome, note) = judge(row, sheet: sheet, tables: tables, lookup: lookup, decidedEarlier: decidedEarlier, decidedHere: decidedHere)
            if case .accepted = outcome { decidedHere[row.caseId] = row.excelRow }
            if case .alreadyApplied = outcome { decidedHere[row.caseId] = row.excelRow }
            verdicts.append(ReviewRowVerdict(row: row, outcome: outcome, note: note))
        }
        return ReviewValidation(sheetId: sheet.sheetId, stage: sheet.stage, verdicts: verdicts)
    }

    private struct Tables {
        let decisions, categories, levels, industries: WordTable
    }

    private func judge(_ row: ReturnedReviewRow, sheet: ReturnedReviewSheet, tables: Tables, lookup: (String) -> ReviewCaseState?,
                       decidedEarlier: Set<String>, decidedHere: [String: Int]) -> (ReviewRowOutcome, String?) {
        let e = row.entry
        if ReviewText.key(e.decision).isEmpty {
            let filled = [(ReviewColumns.adjustCategory, e.category), (ReviewColumns.adjustLevel, e.level),
                          (ReviewColumns.adjustIndustry, e.industry), (ReviewColumns.order, e.order), (ReviewColumns.note, e.note)]
                .filter { !ReviewText.key($0.1).isEmpty }.map(\.0)
            let note = filled.isEmpty ? nil : "\(filled.joined(separator: ", ")) ignored until \(sheet.decisionHeader) is filled in"
            return (.blank, note)
        }
        guard !row.caseId.isEmpty else { return (.refused(.noCaseId), nil) }
        if let first = decidedHere[row.caseId] { return (.refused(.duplicateRow(caseId: row.caseId, firstRow: first)), nil) }
        guard let version = row.caseVersion else { return (.refused(.notOnSheet(caseId: row.caseId)), nil) }
        guard let state = lookup(row.caseId) else { return (.refused(.unknownCase(caseId: row.caseId)), nil) }
        let word = tables.decisions.word(e.decision)
        if let word, state.decisions.contains(ReviewPastDecision(sheetId: sheet.sheetId, stage: sheet.stage, word: word)) {
            return (.alreadyApplied(word: word), nil)
        }
        let expected = awaitingStage(sheet.stage)
        if state.stage != expected {
            return (.refused(.notAtStage(caseId: row.caseId, expected: expected, current: state.stage)), nil)
        }
        if state.caseVersion != version { return (.refused(.stale(caseId: row.caseId)), nil) }
        if decidedEarlier.contains(row.caseId) { return (.refused(.decidedByAnotherSheet(caseId: row.caseId)), nil) }
        guard let word else { return (.refused(.unknownDecision(written: e.decision, allowed: vocabulary.decisionWords)), nil) }
        var adjusted: [String?] = []
        for (column, written, table) in [(ReviewColumns.adjustCategory, e.category, tables.categories),
                                         (ReviewColumns.adjustLevel, e.level, tables.levels),
                                         (ReviewColumns.adjustIndustry, e.industry, tables.industries)] {
            if ReviewText.key(written).isEmpty { adjusted.append(nil); continue }
            guard let match = table.word(written) else {
                return (.refused(.unknownChoice(column: column, written: written, allowed: table.allowed)), nil)
            }
            adjusted.append(match)
        }
        var order: Int?
        if !ReviewText.key(e.order).isEmpty {
            guard let n = ReviewText.wholeNumber(e.order), n >= 1 else { return (.refused(.badOrder(written: e.order)), nil) }
            order = n
        }
        let writtenAs = e.decision == word ? nil : e.decision
        let note = writtenAs.map { "\(sheet.decisionHeader) \"\($0)\" read as \(word)" }
        return (.accepted(ReviewDecision(caseId: row.caseId, stage: sheet.stage, sheetId: sheet.sheetId, location: row.location,
                                         word: word, writtenAs: writtenAs, category: adjusted[0], level: adjusted[1],
                                         industry: adjusted[2], order: order, note: e.note, reviewer: e.reviewer,
                                         caseVersion: version)), note)
    }
}
