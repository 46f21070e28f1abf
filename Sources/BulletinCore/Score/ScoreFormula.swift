import Foundation

/// The ranking score: the sum of five parts, each from one place on the sheet, rounded to 0.01.
///
///     score = categoryPoints[category] + levelPoints + min(evidencePoints, evidenceCap)
///           + amountPoints + completenessPoints
///
/// levelPoints come from the level the text claims (a declared level that the text does not support
/// adds nothing); amountPoints = min(amountCap, amountScale × log10(1 + 万元 / 100)).
enum ScoreFormula {
    /// The rule name the score's reason carries.
    static let ruleName = "formula"

    /// A number rounded to 0.01, as every part of the score is.
    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// Points for an amount in 万元.
    static func amountPoints(wanYuan: Double, weights: ScoringConfig.ScoreWeights) -> Double {
        guard wanYuan > 0 else { return 0 }
        return min(weights.amountCap, weights.amountScale * log10(1 + wanYuan / 100))
    }

    /// Computes the score and adds the reason that shows its parts.
    static func score(_ sheet: inout ScoreSheet, weights: ScoringConfig.ScoreWeights) -> Double {
        let category = weights.categoryPoints[sheet.category] ?? 0
        let evidence = min(sheet.evidencePoints, weights.evidenceCap)
        // The parts added in order from 0, as `[…].reduce(0, +)` added them.
        let total = rounded(0 + category + sheet.levelPoints + evidence + sheet.amountPoints + sheet.completenessPoints)
        // "得分 … = 类别 … + 水平 … + 证据 …（…，上限 …）+ 金额 … + 完整度 …": the eight figures in a vector (no list of
        // pairs made per case), written with their words straight into the string's storage.
        let values = SIMD8<Double>(total, category, sheet.levelPoints, evidence, sheet.evidencePoints, weights.evidenceCap,
                                   sheet.amountPoints, sheet.completenessPoints)
        var plain = true
        for k in 0..<8 where !(values[k].isFinite && abs(values[k]) < 1e13) { plain = false }
        let conclusion = plain ? written(values) : writtenApart(values)
        sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: total, conclusion: conclusion))
        return total
    }

    /// The words before each figure of the score's reason.
    private static let words = ["得分 ", " = 类别 ", " + 水平 ", " + 证据 ", "（", "，上限 ", "）+ 金额 ", " + 完整度 "]
    private static let wordsSize = words.reduce(0) { $0 + $1.utf8.count }

    /// The reason's words and figures (each finite and below 10^13: at most 24 bytes), in one string.
    private static func written(_ values: SIMD8<Double>) -> String {
        String(unsafeUninitializedCapacity: wordsSize + 8 * 24) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var o = 0
            for k in 0..<8 {
                var w = words[k]
                w.withUTF8 { u in
                    if let from = u.baseAddress { (base + o).update(from: from, count: u.count) }
                    o += u.count
                }
                o += Tally.writeTwoDecimals(values[k], to: base + o)
            }
            return o
        }
    }

    /// `written` for figures `Tally.format` writes at length (printf's "%.2f").
    private static func writtenApart(_ values: SIMD8<Double>) -> String {
        var bytes: [UInt8] = []
        for k in 0..<8 {
            Tally.appendUTF8(words[k], to: &bytes)
            if !Tally.appendTwoDecimals(values[k], to: &bytes) { bytes += Tally.format(values[k]).utf8 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
