import SystemFiles
import Foundation

/// What one run knows from start to end: its folders, its date and month, its id, the lock it holds, the
/// per-file steps and the case library. Made once, before the first stage.
struct RunContext {
    let paths: Paths
    let today: CalendarDate
    /// The bulletin month of what this run receives.
    let period: BulletinPeriod
    let calendar: BulletinCalendar
    /// How a submission's channel is told.
    let channels: ChannelRules
    /// The stage a new public case starts at (待 + the profile's first review step).
    let firstStage: CaseStage
    let runId: String
    let processor: SubmissionProcessor
    let library: CaseLibrary
    let logURL: URL
    let configSHA256: String
    let configFile: String
    /// When the run started (ISO 8601).
    let started: String
    /// Held for the whole run: a second run on the same outbox exits at once.
    let lock: RunLock
    /// The write-ahead audit log: records appended and flushed before the steps they describe.
    let audit: AuditTrail

    /// The run's folders.
    struct Paths {
        var inbox: URL
        var outbox: URL
        var archiveDir: String
        var quarantineDir: String
        func archive(_ today: CalendarDate) -> URL { outbox.appendingPathComponent(archiveDir).appendingPathComponent(today.description) }
        func quarantine(_ today: CalendarDate) -> URL { outbox.appendingPathComponent(quarantineDir).appendingPathComponent(today.description) }

        /// `url` relative to the outbox, for the log.
        func relative(_ url: URL) -> String {
            let p = url.standardizedFileURL.path, b = outbox.standardizedFileURL.path
            return p.hasPrefix(b + "/") ? String(p.dropFirst(b.count + 1)) : p
        }
    }

    init(config: PipelineConfig, options: RunOptions) throws {
        FileOps.modes = config.fileModes
        let base = options.configURL.deletingLastPathComponent()
        func resolve(_ p: String) -> URL { p.hasPrefix("/") ? URL(fileURLWithPath: p) : base.appendingPathComponent(p) }
        let inbox = options.inbox ?? resolve(config.paths.inbox)
        let outbox = options.outbox ?? resolve(config.paths.outbox)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox.path, isDirectory: &isDir), isDir.boolValue else {
            throw RunError("the inbox does not exist or is not a folder", stage: "intake", file: inbox.path, advice: "create it or pass --inbox")
        }
        paths = Paths(inbox: inbox.standardizedFileURL, outbox: outbox.standardizedFileURL,
                      archiveDir: config.outputs.archiveDir, quarantineDir: config.outputs.quarantineDir)
        try FileOps.makeFolder(paths.outbox)
        lock = try RunLock(path: paths.outbox.appendingPathComponent(".bulletin.lock").path)

        started = ISO8601DateFormatter().string(from: Date())
        let timeZone = TimeZone(identifier: config.calendar.timeZone) ?? .current
        if let given = options.today {
            guard let date = CalendarDate(given) else {
                throw RunError("--today \(given) is not a date", stage: "run", advice: "use YYYY-MM-DD, e.g. 2026-11-22")
            }
            today = date
        } else {
            today = CalendarDate.today(in: timeZone)
        }
        calendar = BulletinCalendar(cutoffDay: config.calendar.cutoffDay)
        channels = ChannelRules(activeCollectors: config.intake.activeCollectors ?? ChannelRules.defaultCollectors)
        firstStage = config.activeProcess.firstStage
        period = calendar.period(receivedOn: today)
        processor = try SubmissionProcessor(config: config)
        let libraryPath = paths.outbox.appendingPathComponent(config.paths.library).path
        let logs = paths.outbox.appendingPathComponent(config.outputs.logsDir)
        // Opening makes a library where there is none: not in an outbox whose trail shows there was one.
        if !FileManager.default.fileExists(atPath: libraryPath) {
            let trail = AuditLog.names(in: logs).count
            if trail > 0 {
                throw LibraryOpenError(missing: libraryPath, logs: trail, backups: paths.outbox.appendingPathComponent(config.backupDir)).beforeIntake()
            }
        }
        do {
            library = try CaseLibrary(path: libraryPath, backups: paths.outbox.appendingPathComponent(config.backupDir))
        } catch let e as LibraryOpenError {
            throw e.beforeIntake()
        }
        runId = try AuditTrail.uniqueRunId("run-\(Self.format(Date(), "yyyyMMdd'T'HHmmss", timeZone))-\(getpid())", library: library,
                                           logs: logs)
        try? FileOps.setMode(paths.outbox.appendingPathComponent(config.paths.library), FileOps.modes.file)
        audit = try AuditTrail(library: library, outbox: paths.outbox, logsDir: config.outputs.logsDir, runId: runId, started: started)
        logURL = audit.logURL
        configFile = options.configURL.path
        configSHA256 = Hashing.sha256((try? Data(contentsOf: options.configURL)).map { [UInt8]($0) } ?? [])
    }

    private static func format(_ date: Date, _ pattern: String, _ timeZone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = pattern
        return f.string(from: date)
    }
}
