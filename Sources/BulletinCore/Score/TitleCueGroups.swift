import Foundation

/// The `titleOnly` groups of a phrase section, read in the title alone: one vote a group, its first cue found in the
/// title deciding. Shared by `categoryPhrases` (phrases and patterns) and `subtypePhrases` (patterns; its phrases are
/// head nouns, read by the rule itself).
struct TitleCueGroups: Sendable {
    let groups: [(cues: [CompiledCue], label: String, weight: Double)]

    /// Compiles the title-only groups of `section` (its path in pipeline.json, e.g. `scoring.categories`), with their
    /// phrases when `phrases` is true.
    init(_ all: [ScoringConfig.CueGroup], section: String, phrases: Bool, file: String) throws {
        groups = try all.enumerated().filter { $0.element.titleOnly == true }.compactMap { i, g in
            let literal = phrases ? try compilePhrases(g.phrases, path: "\(section)[\(i)].phrases", file: file) : []
            let patterns = try g.patterns.enumerated().map { j, p in
                try CompiledCue.pattern(p, path: "\(section)[\(i)].patterns[\(j)]", file: file)
            }
            let cues = literal + patterns
            return cues.isEmpty ? nil : (cues, g.label, g.weight)
        }
    }

    var isEmpty: Bool { groups.isEmpty }

    /// Votes `dimension` for each group whose cue is found in the title; `conclusion` says why, from the group's
    /// label, the cue and the words it matched.
    func apply(to sheet: inout ScoreSheet, dimension: VoteDimension, rule: String, ruleWeight: Double,
               conclusion: (_ label: String, _ cue: CompiledCue, _ words: String) -> String) {
        for text in sheet.texts where text.field == .title {
            for group in groups {
                for cue in group.cues {
                    guard let range = cue.firstRange(in: text) else { continue }
                    let words = text.words(range)
                    let reason = Reason(rule: rule, field: text.field.rawValue, matched: words,
                                        weight: group.weight * text.weight * ruleWeight,
                                        conclusion: conclusion(group.label, cue, words))
                    sheet.vote(dimension, for: group.label, because: reason)
                    break
                }
            }
        }
    }
}
