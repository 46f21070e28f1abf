import ArgumentParser
import BulletinCore
import Foundation

/// The --config option shared by every command.
struct ConfigOption: ParsableArguments {
    /// The configuration file read when `--config` is not given.
    static let defaultPath = "pipeline.json"

    @Option(name: .long, help: "The configuration file.")
    var config: String = ConfigOption.defaultPath

    /// Loads pipeline.json or exits 78 (EX_CONFIG) with the path of what is wrong; `scoring` false for a command that
    /// scores nothing (the scoring section is then decoded but not validated).
    func load(scoring: Bool = true) throws -> (PipelineConfig, URL) {
        let url = URL(fileURLWithPath: config)
        do {
            return (try PipelineConfig.load(from: url, scoring: scoring), url)
        } catch {
            throw reportAndExit(error, stage: "configuration")
        }
    }
}

/// Exit codes, as documented in the README.
enum ExitCodes {
    static let ok: Int32 = 0
    static let refused: Int32 = 1
    static let usage: Int32 = 64
    static let software: Int32 = 70
    static let busy: Int32 = 75
    static let config: Int32 = 78
}

/// Prints a user error to standard error and returns the exit code to throw.
func reportAndExit(_ error: any Error, stage: String = "run") -> ExitCode {
    let e = UserError.from(error, stage: stage)
    printError(e.description)
    return ExitCode(e.exitCode.rawValue)
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("bulletin: \(message)\n".utf8))
}
