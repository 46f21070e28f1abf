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
        let parts = [category, sheet.levelPoints, evidence, sheet.amountPoints, sheet.completenessPoints]
        let total = rounded(parts.reduce(0, +))
        // "得分 … = 类别 … + 水平 … + 证据 …（…，上限 …）+ 金额 … + 完整度 …", written as UTF-8 bytes into one buffer
        // (the interpolation grew the string sixteen times).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160)
        let written: [(String, Double)] = [("得分 ", total), (" = 类别 ", category), (" + 水平 ", sheet.levelPoints), (" + 证据 ", evidence),
                                           ("（", sheet.evidencePoints), ("，上限 ", weights.evidenceCap), ("）+ 金额 ", sheet.amountPoints),
                                           (" + 完整度 ", sheet.completenessPoints)]
        for (words, value) in written {
            Tally.appendUTF8(words, to: &bytes)
            if !Tally.appendTwoDecimals(value, to: &bytes) { bytes += Tally.format(value).utf8 }
        }
        sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: total, conclusion: String(decoding: bytes, as: UTF8.self)))
        return total
    }
}
