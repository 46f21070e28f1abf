import Foundation

/// Points for a complete form: every required field filled and a summary of full length.
struct CompletenessRule: ScoringRule {
    static let name = "completeness"
    static let reads = "every field of the form, and the length of 案例简介"
    static let concludes = "the completeness part of the score: completenessPoints × (½ × share of fields filled + ½ × min(1, summary length / fullSummaryCharacters)) × rule weight"
    static let why = "The form asks for content, novelty, advancement, prospects and benefits in up to 1000 characters; a thin form gives reviewers less to go on."
    static let phase = RulePhase.review

    let points: Double
    let fullLength: Int
    /// " 字（满分长度 \(fullLength) 字）→ ", the middle of every conclusion.
    let fullLengthNote: String

    init(config: ScoringConfig, file: String) throws {
        points = config.score.completenessPoints * Self.weight(in: config)
        fullLength = max(1, config.score.fullSummaryCharacters)
        fullLengthNote = " 字（满分长度 \(fullLength) 字）→ "
    }

    /// Whether nothing but white space and line breaks is left after trimming them: decided by the first
    /// character when it is visible ASCII or a Chinese character (as in nearly every filled field), else by
    /// Foundation's trimming, as before.
    static func isBlank(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return true }
        switch first.value {
        case 0x21...0x7E, 0x3400...0x4DBF, 0x4E00...0x9FFF: return false
        default: return s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    /// `TextForm.simpleCharacterCount` read from the summary's UTF-16 units (its `ScoringText`'s, already made): every
    /// scalar it counts is one unit below the surrogates, so the units give the same count, or nil where it gives nil.
    static func simpleCount(_ units: [UInt16]) -> Int? {
        var count = 0
        for u in units {
            if u == 0x0A { continue }
            guard TextForm.isSimpleCharacter(UInt32(u)) else { return nil }
            count += 1
        }
        return count
    }

    /// `Field.allCases`, made once.
    static let allFields: [Field] = Array(Field.allCases)

    func apply(to sheet: inout ScoreSheet) {
        // The form's values read in one pass over them (a lookup per field hashed each field's name): a field is
        // missing when it is absent or blank, listed in `Field.allCases`' order.
        let all = Self.allFields
        var present = [Bool](repeating: false, count: all.count)
        for (field, value) in sheet.fields where !Self.isBlank(value) {
            if let k = all.firstIndex(of: field) { present[k] = true }
        }
        let missing = all.indices.filter { !present[$0] }.map { all[$0] }
        let filled = Double(Field.allCases.count - missing.count) / Double(Field.allCases.count)
        let summary = sheet.fields[.summary] ?? ""
        let length = sheet.texts.first { $0.field == .summary }.flatMap { Self.simpleCount($0.originalUnits) }
            ?? TextForm.characterCount(summary)
        let share = min(1, Double(length) / Double(fullLength))
        let w = ScoreFormula.rounded(points * (0.5 * filled + 0.5 * share))
        sheet.completenessPoints = w
        let gaps = missing.isEmpty ? "各栏齐全" : "缺 " + missing.map(\.rawValue).joined(separator: "、")
        // Written at once (`Tally.concat`): the interpolation appended its nine parts one by one, ~4,000 instructions a case.
        sheet.note(Reason(rule: Self.name, field: "summary", matched: "", weight: w,
                          conclusion: Tally.concat("完整度：", gaps, "；简介 ", String(length), fullLengthNote, Tally.format(w), " 分")))
    }
}
