import ArgumentParser
import BulletinCore
import Foundation
import Logging
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

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
        } catch let code as ExitCode {
            // What `exit(withError:)` does with an `ExitCode` (it prints nothing and exits with the code through C's
            // `exit`, which flushes standard output), without first building the root command's help and usage
            // (~4.6 M instructions at the end of every run that throws one, as `inspect` always does).
            #if canImport(Glibc)
            Glibc.exit(code.rawValue)
            #else
            Darwin.exit(code.rawValue)
            #endif
        } catch {
            exit(withError: error)
        }
    }
}
