import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin evaluate`: agreement of the scoring rules with a labelled set.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Print accuracy, precision and recall per label of the scoring rules over a labelled set.")

    @OptionGroup var options: ConfigOption

    @Argument(help: "The labelled set (JSON).")
    var file: String = "Tests/BulletinCoreTests/Fixtures/labelled/cases.json"

    func run() throws {
        let (config, _) = try options.load()
        let scorer = try Scorer(config: config.scoring, profile: config.profile)
        let report = try LabelledSetReport.evaluate(casesAt: URL(fileURLWithPath: file), scorer: scorer)
        print(report.description)
    }
}
