import Foundation

/// Evidence of economic benefit: an indicator (新增产值, 销售收入, 合同金额 …) followed by an amount.
struct EconomicBenefitRule: ScoringRule {
    static let name = "economicBenefit"
    static let reads = "成果名称 and 案例简介: an indicator of scoring.evidence.economicBenefit.indicators with an amount in 元/万元/亿元 within the window, in one clause"
    static let concludes = "evidence for 成果转移转化案例 (once per field) and the amount part of the score, from the largest amount (万元)"
    static let why = "Transfer cases must show outstanding economic benefits; amounts let reviewers rank them (新增产值3.2亿元 outranks 500万元)."
    static let phase = RulePhase.evidence

    let indicators: CueList
    let window: Int
    let label: String
    let weight: Double
    let ruleWeight: Double
    let scoreWeights: ScoringConfig.ScoreWeights

    init(config: ScoringConfig, file: String) throws {
        let section = config.evidence.economicBenefit
        indicators = CueList(try compilePhrases(section.indicators, path: "scoring.evidence.economicBenefit.indicators", file: file))
        window = section.window
        label = section.label
        ruleWeight = Self.weight(in: config)
        weight = section.weight * ruleWeight
        scoreWeights = config.score
    }

    func apply(to sheet: inout ScoreSheet) {
        var largest: (wanYuan: Double, words: String, field: Field)?
        var found: [NSRange] = []
        for text in sheet.texts {
            var best: (wanYuan: Double, range: NSRange)?
            for i in indicators.indices where indicators.mayFind(i, in: text) {
                // Into one buffer, emptied with its room kept (`appendRanges`: the ranges `ranges(in:)` gives): some
                // thirty indicators are asked of every field, and few are found.
                found.removeAll(keepingCapacity: true)
                indicators.cues[i].appendRanges(in: text, to: &found)
                for r in found {
                    let start = r.location + r.length
                    let end = min(text.clauseEnd(after: start), start + window)
                    for amount in MoneyAmount.amounts(in: text, range: NSRange(location: start, length: max(0, end - start)))
                    where amount.wanYuan > (best?.wanYuan ?? 0) {
                        best = (amount.wanYuan, r.joined(with: amount.range))
                    }
                }
            }
            guard let best else { continue }
            let words = text.words(best.range)
            sheet.evidence(.category, for: label, because: Reason(
                rule: Self.name, field: text.field.rawValue, matched: words, weight: weight * text.weight,
                conclusion: Tally.concat("经济效益「", words, "」（", Tally.format(best.wanYuan), "万元）：成果转移转化的证据")))
            if best.wanYuan > (largest?.wanYuan ?? 0) { largest = (best.wanYuan, words, text.field) }
        }
        guard let largest else { return }
        sheet.amountWanYuan = largest.wanYuan
        sheet.amountPoints = ScoreFormula.rounded(ScoreFormula.amountPoints(wanYuan: largest.wanYuan, weights: scoreWeights) * ruleWeight)
        sheet.note(Reason(rule: Self.name, field: largest.field.rawValue, matched: largest.words, weight: sheet.amountPoints,
                          conclusion: Tally.concat("金额分：最大金额 ", Tally.format(largest.wanYuan), " 万元 → ", Tally.format(sheet.amountPoints), " 分")))
    }
}
