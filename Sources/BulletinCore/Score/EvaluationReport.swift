import Foundation

/// Agreement between the scorer and a labelled set: accuracy per dimension, precision and recall per
/// label, and the cases where they differ. `description` is the table `bulletin evaluate FILE` prints.
public struct EvaluationReport: Sendable, CustomStringConvertible {
    /// Figures for one label of one dimension.
    public struct LabelFigures: Sendable, Equatable {
        /// The label ("" for no subtype or no level).
        public var label: String
        /// Cases labelled with it.
        public var expected: Int
        /// Cases the scorer gave it.
        public var predicted: Int
        /// Cases both gave it.
        public var agreed: Int
        /// agreed / predicted (1 when nothing was predicted).
        public var precision: Double { predicted == 0 ? 1 : Double(agreed) / Double(predicted) }
        /// agreed / expected (1 when nothing was expected).
        public var recall: Double { expected == 0 ? 1 : Double(agreed) / Double(expected) }
    }

    /// Figures for one dimension (category, subtype, level, industry).
    public struct DimensionFigures: Sendable, Equatable {
        /// category, subtype, level or industry.
        public var name: String
        /// Cases compared.
        public var total: Int
        /// Cases where the scorer agreed.
        public var correct: Int
        /// correct / total.
        public var accuracy: Double { total == 0 ? 1 : Double(correct) / Double(total) }
        /// Per label, in the order of DOMAIN.md.
        public var labels: [LabelFigures]
    }

    /// A disagreement.
    public struct Miss: Sendable, Equatable {
        /// The case id.
        public var id: String
        /// category, subtype, level or industry.
        public var dimension: String
        /// What the label says.
        public var expected: String
        /// What the scorer said.
        public var got: String
    }

    /// A case the scorer flagged 需人工确认.
    public struct Flagged: Sendable, Equatable {
        /// The case id.
        public var id: String
        /// Whether any of the four labels disagreed with the labelled set.
        public var wrong: Bool
        /// Why it was flagged.
        public var reasons: [String]
    }

    /// Number of cases.
    public var cases: Int
    /// The four dimensions.
    public var dimensions: [DimensionFigures]
    /// Every disagreement, by case then dimension.
    public var misses: [Miss]
    /// Confusion between categories: `categoryConfusion[i][j]` counts cases labelled
    /// `AchievementTaxonomy.categories[i]` that the scorer put in `categories[j]`.
    public var categoryConfusion: [[Int]] = []
    /// The cases flagged 需人工确认, in file order.
    public var flagged: [Flagged] = []

    /// The accuracy of a dimension by name (0 for an unknown name).
    public func accuracy(_ dimension: String) -> Double {
        dimensions.first { $0.name == dimension }?.accuracy ?? 0
    }

    /// The table: accuracy per dimension, then precision and recall per label, then the misses.
    public var description: String {
        var lines: [String] = []
        lines.append("labelled cases: \(cases)")
        lines.append("")
        lines.append(Self.row(["dimension", "accuracy", "agreed"], widths: [12, 10, 10]))
        for d in dimensions {
            lines.append(Self.row([d.name, Self.percent(d.accuracy), "\(d.correct)/\(d.total)"], widths: [12, 10, 10]))
        }
        for d in dimensions {
            lines.append("")
            lines.append("\(d.name):")
            lines.append(Self.row(["label", "expected", "predicted", "agreed", "precision", "recall"], widths: [20, 10, 10, 8, 10, 8]))
            for l in d.labels where l.expected > 0 || l.predicted > 0 {
                lines.append(Self.row([l.label.isEmpty ? "(none)" : l.label, "\(l.expected)", "\(l.predicted)", "\(l.agreed)",
                                       Self.percent(l.precision), Self.percent(l.recall)], widths: [20, 10, 10, 8, 10, 8]))
            }
        }
        if !categoryConfusion.isEmpty {
            lines.append("")
            lines.append("category confusion (rows: labelled, columns: suggested):")
            let names = AchievementTaxonomy.categories
            lines.append(Self.row([""] + names, widths: [20] + names.map { _ in 20 }))
            for (i, row) in categoryConfusion.enumerated() {
                lines.append(Self.row([names[i]] + row.map(String.init), widths: [20] + names.map { _ in 20 }))
            }
        }
        let wrongCases = Set(misses.map(\.id))
        lines.append("")
        let flaggedWrong = flagged.filter(\.wrong).count
        let wrongFlagged = flagged.filter { wrongCases.contains($0.id) }.count
        lines.append("需人工确认: \(flagged.count) of \(cases) cases flagged; \(flaggedWrong) of them have a wrong label; "
                     + "\(wrongFlagged) of the \(wrongCases.count) cases with a wrong label are flagged")
        for f in flagged {
            lines.append("  \(f.id)\(f.wrong ? " (wrong)" : "")  \(f.reasons.joined(separator: "；"))")
        }
        if !misses.isEmpty {
            lines.append("")
            lines.append("disagreements:")
            for m in misses {
                lines.append("  \(m.id)  \(m.dimension): expected \(m.expected.isEmpty ? "(none)" : m.expected), got \(m.got.isEmpty ? "(none)" : m.got)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    /// Pads cells to display widths (CJK characters count two columns).
    static func row(_ cells: [String], widths: [Int]) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            let w = cell.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
            let pad = max(1, (i < widths.count ? widths[i] : w + 1) - w)
            out += cell + (i == cells.count - 1 ? "" : String(repeating: " ", count: pad))
        }
        return out
    }
}

/// Runs a scorer over a labelled set and compares.
public enum LabelledSetReport {
    /// Evaluates the scorer against the labelled cases in a file (see `LabelledSet.load`).
    public static func evaluate(casesAt url: URL, scorer: Scorer) throws -> EvaluationReport {
        evaluate(try LabelledSet.load(from: url).cases, scorer: scorer)
    }

    /// Evaluates the scorer against labelled cases. The scorer's inferred values are compared (the cases
    /// declare nothing, so they are also the values it keeps).
    public static func evaluate(_ cases: [LabelledCase], scorer: Scorer) -> EvaluationReport {
        let dimensions: [(name: String, labels: [String], expected: (LabelledCase) -> String, got: (InferredValues) -> String)] = [
            ("category", AchievementTaxonomy.categories, { $0.expected.category }, { $0.category }),
            ("subtype", [""] + AchievementTaxonomy.subtypes, { $0.expected.subtype }, { $0.subtype }),
            ("level", [""] + AchievementTaxonomy.levels, { $0.expected.level }, { $0.level }),
            ("industry", AchievementTaxonomy.industries, { $0.expected.industry }, { $0.industry }),
        ]
        let assessments = cases.map { c in scorer.assess([.title: c.title, .summary: c.summary], extras: [:]) }
        let results = assessments.map { a -> InferredValues in
            a.inferred ?? InferredValues(category: a.category, subtype: a.subtype, level: a.level, industry: a.industry)
        }
        var figures: [EvaluationReport.DimensionFigures] = []
        var misses: [EvaluationReport.Miss] = []
        for d in dimensions {
            var correct = 0
            var perLabel = Dictionary(uniqueKeysWithValues: d.labels.map { ($0, EvaluationReport.LabelFigures(label: $0, expected: 0, predicted: 0, agreed: 0)) })
            for (c, r) in zip(cases, results) {
                let e = d.expected(c)
                let g = d.got(r)
                perLabel[e, default: .init(label: e, expected: 0, predicted: 0, agreed: 0)].expected += 1
                perLabel[g, default: .init(label: g, expected: 0, predicted: 0, agreed: 0)].predicted += 1
                if e == g {
                    correct += 1
                    perLabel[e]?.agreed += 1
                }
            }
            let ordered = d.labels.compactMap { perLabel[$0] } + perLabel.filter { !d.labels.contains($0.key) }.map(\.value).sorted { $0.label < $1.label }
            figures.append(.init(name: d.name, total: cases.count, correct: correct, labels: ordered))
        }
        for (c, r) in zip(cases, results) {
            for d in dimensions where d.expected(c) != d.got(r) {
                misses.append(.init(id: c.id, dimension: d.name, expected: d.expected(c), got: d.got(r)))
            }
        }
        let names = AchievementTaxonomy.categories
        var confusion = names.map { _ in names.map { _ in 0 } }
        for (c, r) in zip(cases, results) {
            if let i = names.firstIndex(of: c.expected.category), let j = names.firstIndex(of: r.category) { confusion[i][j] += 1 }
        }
        let wrong = Set(misses.map(\.id))
        let flagged = zip(cases, assessments).filter { $0.1.needsReview }.map {
            EvaluationReport.Flagged(id: $0.0.id, wrong: wrong.contains($0.0.id), reasons: $0.1.reviewReasons)
        }
        var report = EvaluationReport(cases: cases.count, dimensions: figures, misses: misses)
        report.categoryConfusion = confusion
        report.flagged = flagged
        return report
    }
}
