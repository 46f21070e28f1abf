import ArgumentParser
import BulletinCore
import Foundation
import Logging

/// `bulletin run`: the nightly batch.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the nightly batch: inbox → case library → bulletin draft, annual list and audit log.")

    @OptionGroup var options: ConfigOption

    @Option(help: "The inbox folder (default: paths.inbox of the configuration).")
    var inbox: String?

    @Option(help: "The outbox folder (default: paths.outbox of the configuration).")
    var outbox: String?

    @Option(help: "The run's date, YYYY-MM-DD (default: today in calendar.timeZone).")
    var today: String?

    func validate() throws {
        if let today, CalendarDate(today) == nil {
            throw ValidationError("--today \(today) is not a date; use YYYY-MM-DD, e.g. 2026-11-22")
        }
    }

    func run() async throws {
        let (config, url) = try options.load()
        let runOptions = RunOptions(configURL: url, inbox: inbox.map { URL(fileURLWithPath: $0) },
                                    outbox: outbox.map { URL(fileURLWithPath: $0) }, today: today)
        let pipeline = Pipeline(config: config, options: runOptions, logger: Logger(label: "bulletin.run")) { line in
            print(line)
        }
        do {
            let report = try await pipeline.run()
            print(report.summary, terminator: "")
            throw ExitCode(report.exitCode)
        } catch let e as ExitCode {
            throw e
        } catch {
            throw reportAndExit(error)
        }
    }
}
