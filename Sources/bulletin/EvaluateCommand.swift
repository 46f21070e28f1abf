import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin evaluate`: agreement of the scoring rules with a labelled set.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Print accuracy, precision and recall per label of the scoring rules over a labelled set.",
        discussion: """
        The report gives accuracy per label, precision and recall per value, the confusion between categories, \
        the disagreements, and the cases flagged 需人工确认 with how many of them were wrong. \
        --case ID prints the reasons behind one case's labels. With scoring.model in pipeline.json (on or off), \
        the report ends with rules alone, the model alone and the two combined. --cases-json PATH also writes, per \
        case, the labels, the rules' evidence (vote totals, votes, confidence, weak-or-contested verdict per \
        dimension) and the labels as configured, for tools/train_scoring_model.py --combine.
        """)

    @OptionGroup var options: ConfigOption

    @Argument(help: "The labelled set (JSON).")
    var file: String = "Tests/BulletinCoreTests/Fixtures/labelled/cases.json"

    @Option(name: .customLong("case"), help: "Print the reasons behind the labels of the case with this id.")
    var caseId: String?

    @Option(help: "Score every case of the set this many times and print the time per submission (fastest and median round) instead of the figures.")
    var bench: Int = 0

    @Option(name: .customLong("cases-json"), help: "Also write per case the expected labels, the rules' labels and evidence, and the labels as configured, as JSON to this file.")
    var casesJSON: String?

    func run() throws {
        let (config, _) = try options.load()
        let scorer: Scorer
        do {
            scorer = try Scorer(config: config.scoring, profile: config.profile)
        } catch {
            // A layer switched on whose weights cannot be read: exit 78 naming the file, as for pipeline.json itself.
            throw reportAndExit(error, stage: "configuration")
        }
        let url = URL(fileURLWithPath: file)
        if let caseId {
            let set = try LabelledSet.load(from: url)
            guard let c = set.cases.first(where: { $0.id == caseId }) else {
                throw ValidationError("\(file) has no case \(caseId)")
            }
            let a = scorer.assess([.title: c.title, .summary: c.summary], extras: [:])
            print("\(c.id) \(c.title)")
            print("expected: \(c.expected.category) / \(c.expected.subtype) / \(c.expected.level) / \(c.expected.industry)")
            print("got:      \(a.category) / \(a.subtype) / \(a.level) / \(a.industry)")
            for r in a.reasons {
                print("  [\(r.rule)] \(r.field) 「\(r.matched)」 \(String(format: "%.2f", r.weight)) \(r.conclusion)")
            }
            for f in a.flags { print("  flag: \(f)") }
            if scorer.modelLayer == nil, let layer = Self.offLayer(config.scoring) {
                // The layer is off: what it would say and do, below the rules' reasons.
                let b = scorer.with(modelLayer: layer).assess([.title: c.title, .summary: c.summary], extras: [:])
                print("model layer (off in pipeline.json); combined: \(b.category) / \(b.subtype) / \(b.level) / \(b.industry)")
                for r in b.reasons where r.rule == ModelLayer.ruleName { print("  [\(r.rule)] \(r.conclusion)") }
                for f in b.flags where !a.flags.contains(f) { print("  flag: \(f)") }
            }
            return
        }
        if bench > 0 {
            let set = try LabelledSet.load(from: url)
            let fields = set.cases.map { [Field.title: $0.title, .summary: $0.summary] }
            var rounds: [Double] = []
            var reasons = 0
            for _ in 0..<bench {
                let start = ContinuousClock.now
                for f in fields { reasons += scorer.assess(f, extras: [:]).reasons.count }
                let d = (ContinuousClock.now - start).components
                rounds.append((Double(d.seconds) * 1e6 + Double(d.attoseconds) / 1e12) / Double(max(1, fields.count)))
            }
            rounds.sort()
            print(String(format: "scoring: %d submissions × %d rounds: fastest %.1f µs, median %.1f µs per submission (%d reasons)",
                         fields.count, bench, rounds[0], rounds[rounds.count / 2], reasons / bench))
            return
        }
        let report = try LabelledSetReport.evaluate(casesAt: url, scorer: scorer)
        if let casesJSON {
            let data = try CaseEvidence.document(try LabelledSet.load(from: url).cases, scorer: scorer, set: file)
            do {
                try data.write(to: URL(fileURLWithPath: casesJSON))
            } catch {
                throw ValidationError("--cases-json: cannot write \(casesJSON): \(error.localizedDescription)")
            }
        }
        print(report.description)
        if let layer = scorer.modelLayer ?? Self.offLayer(config.scoring) {
            print(ModelComparison.compare(try LabelledSet.load(from: url).cases, scorer: scorer, layer: layer).description)
        }
    }

    /// The model layer that `scoring.model` names while it is off (the scorer loads it when on), for the report's
    /// comparison; nil when there is none. An off layer's weights that cannot be read do not stop the rules' report:
    /// the error (the configuration file, the key, the resolved path, what to do) is printed to stderr instead.
    static func offLayer(_ scoring: ScoringConfig) -> ModelLayer? {
        guard let model = scoring.model else { return nil }
        do {
            return try ModelLayer(settings: model, directory: scoring.directory, file: scoring.configFile ?? "pipeline.json")
        } catch {
            FileHandle.standardError.write(Data("model layer (off): not reported: \(error)\n".utf8))
            return nil
        }
    }
}
