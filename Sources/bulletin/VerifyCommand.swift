import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin verify`: checks the outbox against its audit trail.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit trail: the hash chain of every log up to the library's head (or --head), every log present, every output's bytes as last recorded.")

    @OptionGroup var options: ConfigOption

    @Option(help: "The outbox to check (default: paths.outbox of the configuration).")
    var outbox: String?

    @Option(help: "A chain head kept outside the outbox (printed at the end of each run): it must be in the chain.")
    var head: String?

    func validate() throws {
        if let head, head.count != 64 || !head.allSatisfy(\.isHexDigit) {
            throw ValidationError("--head \(head) is not a sha256 (64 hex digits); copy it from the run summary (chain head: …)")
        }
    }

    func run() throws {
        let (config, url) = try options.load()
        let folder = outboxURL(config: config, configURL: url, outbox: outbox)
        let path = libraryPath(config: config, configURL: url, outbox: outbox)
        guard FileManager.default.fileExists(atPath: path) else {
            // A folder with audit logs is an outbox whose library is gone: a problem found, not a wrong flag.
            let logs = folder.appendingPathComponent(config.outputs.logsDir)
            let trail = AuditLog.names(in: logs).count
            guard trail > 0 else { throw ValidationError("no case library at \(path); pass --outbox where the runs write") }
            let newest = LibraryBackup.backups(in: backupsURL(config: config, configURL: url, outbox: outbox)).last
            let remedy = newest.map { "restore the newest backup, \(config.backupDir)/\($0.lastPathComponent), as \(config.paths.library) and verify again" }
                ?? "no backup is left in \(config.backupDir)/; restore the library from a copy kept elsewhere and verify again"
            print("missing: \(config.paths.library) — the case library is gone, but \(config.outputs.logsDir)/ holds \(trail) audit log(s); "
                  + "the trail cannot be checked without it: \(remedy)")
            print("NOT verified: 1 problem(s)")
            throw ExitCode(ExitCodes.refused)
        }
        let report: VerifyReport
        do {
            report = try AuditVerification.run(outbox: folder, config: config, head: head?.lowercased())
        } catch {
            printError("\(error)")
            throw ExitCode(ExitCodes.software)
        }
        for n in report.notes { print("note: \(n)") }
        for p in report.problems { print(p.description) }
        print("\(report.logs) log(s), \(report.records) record(s), \(report.outputs) output(s) and \(report.inputs) archived or quarantined input(s) checked; chain head \(report.head.isEmpty ? "(none)" : report.head)")
        if report.ok {
            print("verified: everything checks out")
        } else {
            print("NOT verified: \(report.problems.count) problem(s)")
            throw ExitCode(ExitCodes.refused)
        }
    }
}
