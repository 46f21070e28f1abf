import Foundation

/// Votes for one of Sichuan's industries from the vocabulary of the field (芯片, 机组, 钒钛, 页岩气 …), and once
/// more for the industry of the title's head word: the industry cue that comes last in 成果名称.
///
/// A Chinese name puts what the thing *is* at its end (页岩气压裂泵送装备 is equipment, 煤矿用传感器 a sensor,
/// 核电站用发电机 a generator), and the words before it say what it serves. The guide decides industry by what
/// the achievement is and is used as (docs/labelling.md §4: machines are 装备制造 even when they serve energy),
/// so the title's last cue breaks the tie between the thing and the sector it serves.
struct IndustryPhrasesRule: ScoringRule {
    static let name = "industryPhrases"
    static let reads = "成果名称 and 案例简介: the phrases and patterns of scoring.industries (classes of GB/T 4754-2017 and 战略性新兴产业分类（2018）)"
    static let concludes = "votes for an industry; the industry of the title's last cue gets one vote more; the best-voted one above decision.minimumIndustryVotes is taken, else 其他"
    static let why = "Achievements are collected around the seven 特色优势产业 (seed 000) and the special projects of seed 003 that map onto them; industry follows what the achievement is (DOMAIN.md)."
    static let phase = RulePhase.evidence

    /// The extra vote for the industry of the title's head word (before the rule's weight): as much as one
    /// strong cue in the summary, less than the same cue in the title, so it settles ties, not clear cases.
    static let headWeight = 2.0

    let voter: CueVoter
    let ruleWeight: Double

    init(config: ScoringConfig, file: String) throws {
        ruleWeight = Self.weight(in: config)
        voter = try CueVoter(rule: Self.name, groups: config.industries, section: "scoring.industries",
                             dimension: .industry, weight: ruleWeight, countsAsEvidence: false, file: file)
    }

    func apply(to sheet: inout ScoreSheet) {
        let reasonsBefore = sheet.reasons.count
        let votesBefore = sheet.votes.count
        voter.apply(to: &sheet)
        guard let head = Self.titleHead(sheet, reasonsFrom: reasonsBefore, votesFrom: votesBefore, ruleWeight: ruleWeight) else { return }
        let reason = Reason(rule: Self.name, field: Field.title.rawValue, matched: head.word,
                            weight: Self.headWeight * ruleWeight,
                            conclusion: "成果名称的中心词「\(head.word)」说明成果是什么，再指向产业「\(head.label)」")
        sheet.vote(.industry, for: head.label, because: reason)
    }

    /// The strong industry cue found in the title that ends last (the longer one when two end at the same
    /// place), with its label; nil when the title has none.
    static func titleHead(_ sheet: ScoreSheet, reasonsFrom: Int, votesFrom: Int, ruleWeight: Double) -> (word: String, label: String)? {
        guard let title = sheet.fields[.title], sheet.votes.count - votesFrom == sheet.reasons.count - reasonsFrom,
              let titleText = sheet.texts.first(where: { $0.field == .title }) else { return nil }
        // Only a strong cue (group weight 2 or more: a product or a use) can be the head; a weak one is often
        // a verb at the end of a title (并网发电, 人工合成) or a word too general to say what the thing is.
        let strong = 2 * titleText.weight * ruleWeight - 1e-9
        let units = title.utf16
        var best: (end: Int, length: Int, word: String, label: String)?
        for i in 0..<(sheet.votes.count - votesFrom) {
            let reason = sheet.reasons[reasonsFrom + i]
            let vote = sheet.votes[votesFrom + i]
            guard reason.field == Field.title.rawValue, vote.weight >= strong, !reason.matched.isEmpty,
                  let range = title.range(of: reason.matched, options: .backwards) else { continue }
            let end = units.distance(from: units.startIndex, to: range.upperBound)
            let length = reason.matched.utf16.count
            if best.map({ end > $0.end || (end == $0.end && length > $0.length) }) ?? true {
                best = (end, length, reason.matched, vote.label)
            }
        }
        return best.map { ($0.word, $0.label) }
    }
}
