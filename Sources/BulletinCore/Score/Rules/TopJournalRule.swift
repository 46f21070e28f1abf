import Foundation
/// Evidence of a paper in a top journal: Nature, Science, Cell, 科学通报 and the configured list.
struct TopJournalRule: ScoringRule {
    static let name = "topJournal"
    static let reads = "成果名称 and 案例简介: the journal names of scoring.evidence.topJournal.journals (Latin names as whole words)"
    static let concludes = "evidence for 论文 (once per field), counted in the score's evidence part"
    static let why = "The plan lists papers in 《Nature》《Science》《Cell》《科学通报》 and field-top journals first among basic research; Zhejiang requires top journals."
    static let phase = RulePhase.evidence

    let journals: [CompiledCue]
    let label: String
    let weight: Double

    init(config: ScoringConfig, file: String) throws {
        let section = config.evidence.topJournal
        journals = try section.journals.enumerated().map {
            try CompiledCue.name($0.element, path: "scoring.evidence.topJournal.journals[\($0.offset)]", file: file)
        }
        label = section.label
        weight = section.weight * Self.weight(in: config)
    }

    func apply(to sheet: inout ScoreSheet) {
        for text in sheet.texts {
            let found = journals.compactMap { j in j.firstRange(in: text).map { (j, $0) } }
                .min { $0.1.location < $1.1.location }
            guard let (journal, range) = found else { continue }
            sheet.evidence(.subtype, for: label, because: Reason(
                rule: Self.name, field: text.field.rawValue, matched: text.words(range), weight: weight * text.weight,
                conclusion: "顶级期刊「\(journal.source)」：发表论文的证据，指向「\(label)」"))
        }
    }
}
