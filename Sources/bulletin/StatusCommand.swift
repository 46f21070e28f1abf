import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin status`: every case, its stage, how long it has waited, the stage's deadline and its decisions.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List every case: its id, title, stage, how long it has waited, the stage's deadline and its decisions.",
        discussion: "With --overdue, only what is past its deadline and who it waits on: the reminder 重大处 sends before the month ends.")

    @OptionGroup var options: ConfigOption

    @Option(help: "The outbox holding the case library (default: paths.outbox of the configuration).")
    var outbox: String?

    @Flag(help: "One JSON object per case per line.")
    var json = false

    @Option(help: "Only cases at this stage (待初选, 初选, 已通报 …).")
    var stage: String?

    @Flag(help: "Only cases past their stage's deadline.")
    var overdue = false

    @Option(help: "The date to measure waiting and deadlines against, YYYY-MM-DD (default: today in calendar.timeZone).")
    var today: String?

    func validate() throws {
        if let today, CalendarDate(today) == nil { throw ValidationError("--today \(today) is not a date; use YYYY-MM-DD") }
    }

    func run() throws {
        let (config, url) = try options.load()
        let path = libraryPath(config: config, configURL: url, outbox: outbox)
        guard FileManager.default.fileExists(atPath: path) else {
            throw noLibrary(at: path, config: config, configURL: url, outbox: outbox, stage: "status",
                            usage: "no case library at \(path); run `bulletin run` first, or pass --outbox where the runs write")
        }
        let process = config.activeProcess
        var wanted: CaseStage?
        if let stage {
            let s = stage.hasPrefix("待") || process.step(stage) == nil ? CaseStage(rawValue: stage) : .waiting(for: stage)
            guard process.stages.contains(s) else {
                throw ValidationError("--stage \(stage) is not a stage of the \(config.profile) process; use one of \(process.stages.map(\.rawValue).joined(separator: ", "))")
            }
            wanted = s
        }
        let date = today.flatMap(CalendarDate.init) ?? CalendarDate.today(in: TimeZone(identifier: config.calendar.timeZone) ?? .current)
        let states: [CaseState]
        do {
            states = try CaseLibrary(readOnlyPath: path, backups: backupsURL(config: config, configURL: url, outbox: outbox)).allStates().sorted { $0.id < $1.id }
        } catch {
            throw reportAndExit(error, stage: "status")
        }
        let report = StatusReport(process: process, today: date)
        let lines = states.filter { wanted == nil || $0.stage == wanted }.map(report.status).filter { !overdue || $0.overdue }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for l in lines { print(String(decoding: try encoder.encode(l), as: UTF8.self)) }
            return
        }
        if lines.isEmpty {
            print(overdue ? "nothing is past its deadline on \(date)" : "no case\(wanted.map { " at \($0)" } ?? "")")
            return
        }
        for l in lines {
            var head = "\(l.id)  \(l.stage)  \(l.title)  (\(l.submitter))"
            if let d = l.deadline { head += "  waited \(l.waitingDays) d, due \(d)\(l.overdue ? " OVERDUE" : ""), waits on \(l.waitsOn ?? "")" }
            if l.sightings > 1 { head += "  [\(l.sightings) submissions]" }
            print(head)
            for d in l.decisions { print("    \(d.date) \(d.step) \(d.decision) by \(d.who)\(d.source.isEmpty ? "" : " (\(d.source))")") }
        }
        if overdue {
            let byWho = Dictionary(grouping: lines) { $0.waitsOn ?? "" }
            print("\nwaiting past the deadline, by who decides:")
            for who in byWho.keys.sorted() { print("  \(who): \(byWho[who]?.count ?? 0)") }
        }
    }
}

/// The library file under the outbox given, or the configuration's.
func libraryPath(config: PipelineConfig, configURL: URL, outbox: String?) -> String {
    outboxURL(config: config, configURL: configURL, outbox: outbox).appendingPathComponent(config.paths.library).path
}

/// The outbox a command reads: `--outbox`, else `paths.outbox` of the configuration (relative to its folder).
func outboxURL(config: PipelineConfig, configURL: URL, outbox: String?) -> URL {
    let base = configURL.deletingLastPathComponent()
    return outbox.map { URL(fileURLWithPath: $0) }
        ?? (config.paths.outbox.hasPrefix("/") ? URL(fileURLWithPath: config.paths.outbox) : base.appendingPathComponent(config.paths.outbox))
}

/// The backup folder the configuration names (`outputs.backupDir`, under the outbox): where a library that cannot be
/// opened is told to find its newest backup.
func backupsURL(config: PipelineConfig, configURL: URL, outbox: String?) -> URL {
    outboxURL(config: config, configURL: configURL, outbox: outbox).appendingPathComponent(config.backupDir)
}

/// What to throw when there is no library at `path`. An outbox whose logs folder holds audit logs has lost its
/// library: the message a run gives there (`LibraryOpenError(missing:logs:backups:)`, the newest backup to restore,
/// exit 70), printed now. Any other folder is taken for a wrong `--outbox`: `usage` as a usage error (exit 64).
func noLibrary(at path: String, config: PipelineConfig, configURL: URL, outbox: String?, stage: String, usage: String) -> any Error {
    let folder = outboxURL(config: config, configURL: configURL, outbox: outbox)
    let trail = AuditLog.names(in: folder.appendingPathComponent(config.outputs.logsDir)).count
    guard trail > 0 else { return ValidationError(usage) }
    return reportAndExit(LibraryOpenError(missing: path, logs: trail, backups: backupsURL(config: config, configURL: configURL, outbox: outbox)), stage: stage)
}
