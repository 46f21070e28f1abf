import Foundation
/// Evidence of a paper in a top journal: Nature, Science, Cell, 科学通报 and the configured list.
struct TopJournalRule: ScoringRule {
    static let name = "topJournal"
    static let reads = "成果名称 and 案例简介: the journal names of scoring.evidence.topJournal.journals (Latin names as whole words)"
    static let concludes = "evidence for 论文 (once per field), counted in the score's evidence part"
    static let why = "The plan lists papers in 《Nature》《Science》《Cell》《科学通报》 and field-top journals first among basic research; Zhejiang requires top journals."
    static let phase = RulePhase.evidence

    let journals: CueList
    let label: String
    let weight: Double

    init(config: ScoringConfig, file: String) throws {
        let section = config.evidence.topJournal
        journals = CueList(try section.journals.enumerated().map {
            try CompiledCue.name($0.element, path: "scoring.evidence.topJournal.journals[\($0.offset)]", file: file)
        })
        label = section.label
        weight = section.weight * Self.weight(in: config)
    }

    func apply(to sheet: inout ScoreSheet) {
        for text in sheet.texts {
            // The earliest journal found (the first in list order among equals), asking only those the scan found.
            var found: (journal: CompiledCue, range: NSRange)?
            for i in journals.indices where journals.mayFind(i, in: text) {
                guard let range = journals.cues[i].firstRange(in: text) else { continue }
                if found.map({ range.location < $0.range.location }) ?? true { found = (journals.cues[i], range) }
            }
            guard let (journal, range) = found else { continue }
            sheet.evidence(.subtype, for: label, because: Reason(
                rule: Self.name, field: text.field.rawValue, matched: text.words(range), weight: weight * text.weight,
                conclusion: "顶级期刊「\(journal.source)」：发表论文的证据，指向「\(label)」"))
        }
    }
}
