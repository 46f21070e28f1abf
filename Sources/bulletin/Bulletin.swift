import ArgumentParser
import BulletinCore
import Foundation
import Logging

/// `bulletin`: the command line over BulletinCore.
@main
struct Bulletin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Turns submitted achievement reports (重大科技成果案例报送表) into case records, bulletins and lists.",
        subcommands: [RunCommand.self, InspectCommand.self, ExplainCommand.self, StatusCommand.self, CorrectCommand.self, ConfigCommand.self, VerifyCommand.self, EvaluateCommand.self, BenchMatchCommand.self])

    /// Bootstraps logging once, then parses and runs the command.
    static func main() async {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["BULLETIN_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .error
            return handler
        }
        do {
            var command = try parseCommandLine()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
