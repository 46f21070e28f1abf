/// Reads the technical level claimed in the text, as a reviewer reads it.
///
/// Ladder 国际领先 > 国际先进 > 国内领先 > 国内先进. The highest claim for the whole work is taken
/// (an overall claim — 总体, 整体 — before an unmarked one); a claim for part of the work (部分指标…,
/// 其中…) gives way to it; hedges and negations (接近…, 尚未达到…, 有望…), comparisons (与…相比,
/// 仍有差距) and descriptions of others (国际领先企业) are not claims; firsts (国际首创, 填补国内
/// 空白) imply a level only when nothing is claimed outright. No claim: "".
struct LevelClaimRule: ScoringRule {
    static let name = "levelClaim"
    static let reads = "成果名称 and 案例简介: the phrases of scoring.levels and the markers of scoring.levelReading around them"
    static let concludes = "the level (or \"\") and the level part of the score (the level's points × rule weight; a claim only for part of the work adds partialClaimFactor of its points and a flag)"
    static let why = "The plan grades applied achievements 国际领先, 国际先进, 国内领先, 国内先进; a summary may claim none, claim a level for part of the work, or hedge."
    static let phase = RulePhase.evidence

    let reader: LevelClaimReader
    let weight: Double

    init(config: ScoringConfig, file: String) throws {
        reader = try LevelClaimReader(config: config, file: file)
        weight = Self.weight(in: config)
    }

    func apply(to sheet: inout ScoreSheet) {
        let claims = sheet.texts.flatMap { reader.claims(in: $0) }
        let chosen = reader.choose(claims)
        let partialOnly = chosen == nil ? reader.highest(claims.filter { $0.scope == .partial }) : nil
        for claim in claims {
            var w = 0.0
            let conclusion: String
            if let chosen, claim == chosen {
                w = reader.points(of: claim.level) * weight
                // Written at once (`Tally.concat`): an interpolation appended its parts one by one, ~450 instructions a part.
                conclusion = Tally.concat("技术水平取「", claim.level, "」：", Self.describe(claim))
            } else if let partialOnly, claim == partialOnly {
                w = reader.points(of: claim.level) * reader.reading.partialClaimFactor * weight
                conclusion = Tally.concat("只对部分工作声称「", claim.level, "」（「", claim.marker, "」），没有整体声称：技术水平留空，按部分声称计 ",
                                          Tally.format(w), " 分")
            } else {
                conclusion = Tally.concat("「", claim.level, "」不取：", Self.whyNot(claim, chosen: chosen))
            }
            sheet.note(Reason(rule: Self.name, field: claim.field.rawValue, matched: claim.words, weight: w, conclusion: conclusion))
        }
        if let chosen {
            sheet.level = chosen.level
            sheet.levelPoints = reader.points(of: chosen.level) * weight
        } else if let partialOnly {
            sheet.level = ""
            sheet.levelPoints = reader.points(of: partialOnly.level) * reader.reading.partialClaimFactor * weight
            sheet.flag("技术水平只见部分声称「\(partialOnly.words)」，没有整体声称，技术水平留空")
        } else {
            sheet.level = ""
            sheet.note(Reason(rule: Self.name, field: "", matched: "", weight: 0,
                              conclusion: claims.isEmpty ? "未见技术水平声称，技术水平留空" : "没有可作为声称的表述，技术水平留空"))
        }
    }

    static func describe(_ claim: LevelClaim) -> String {
        switch claim.scope {
        case .overall: return Tally.concat("对整体的声称（「", claim.marker, "」）")
        case .plain: return "明示声称"
        case .implied: return "隐含声称（首创、填补空白等，未见明示声称）"
        default: return claim.scope.rawValue
        }
    }

    static func whyNot(_ claim: LevelClaim, chosen: LevelClaim?) -> String {
        switch claim.scope {
        case .hedged: return Tally.concat("含「", claim.marker, "」，是对冲或否定，不是声称")
        case .comparison: return Tally.concat("含「", claim.marker, "」，是比较，不是声称")
        case .others: return Tally.concat("后接「", claim.marker, "」，描述的是他人")
        case .partial: return Tally.concat("只对部分工作（「", claim.marker, "」），整体声称优先")
        case .implied: return "隐含声称，已有明示声称"
        case .overall, .plain:
            if let chosen, chosen.scope == .overall, claim.scope == .plain { return "未标明整体，整体声称优先" }
            return "低于所取的声称"
        }
    }
}
