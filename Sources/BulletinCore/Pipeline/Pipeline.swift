import Foundation
import Logging

/// Where a run reads and writes, and which day it believes it is.
public struct RunOptions: Sendable {
    /// The configuration file (pipeline.json).
    public var configURL: URL
    /// Overrides `paths.inbox`.
    public var inbox: URL?
    /// Overrides `paths.outbox`.
    public var outbox: URL?
    /// The run's date, "YYYY-MM-DD" (default: today in the configured time zone).
    public var today: String?
    /// Creates options.
    public init(configURL: URL, inbox: URL? = nil, outbox: URL? = nil, today: String? = nil) {
        self.configURL = configURL
        self.inbox = inbox
        self.outbox = outbox
        self.today = today
    }
}

/// What a run did, for the command line.
public struct RunReport: Sendable {
    /// The human summary (also saved beside the log).
    public var summary: String
    /// The audit log's path.
    public var logPath: String
    /// 0 when every file was accepted (or deferred), 1 when any was refused in whole or part.
    public var exitCode: Int32
}

/// An error that stops the whole run, with what to do.
public struct RunError: Error, CustomStringConvertible, Sendable {
    /// The message.
    public var description: String
    /// Creates an error.
    public init(_ message: String) { description = message }
}

/// The nightly batch: intake → extract → normalise → validate → score → store → select → render → audit.
/// Values flow from one stage to the next; a bad file is quarantined with its reason and the batch goes on.
/// Each stage lives in a file of its own beside this one.
public struct Pipeline: Sendable {
    /// The stage names, in order, as printed `[i/n] name`.
    public static let stages = ["intake", "extract", "normalise", "validate", "score", "store", "select", "render", "audit"]

    let config: PipelineConfig
    let options: RunOptions
    let logger: Logger
    let progress: @Sendable (String) -> Void

    /// Creates a pipeline; `progress` receives the `[i/n] name` lines.
    public init(config: PipelineConfig, options: RunOptions, logger: Logger, progress: @escaping @Sendable (String) -> Void) {
        self.config = config
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Runs every stage; throws only for what stops the whole run (configuration, lock, unwritable outbox).
    /// If a stage fails after files were moved, the log is still written, ending with a failure record.
    public func run() async throws -> RunReport {
        let run = try RunContext(config: config, options: options)
        try startLog(run)
        var step = 0
        func stage(_ name: String) {
            step += 1
            progress("[\(step)/\(Self.stages.count)] \(name)")
            logger.info("stage \(name)")
        }
        var inputs: [AuditRecord.InputRecord] = []
        var outputs: [AuditRecord.OutputRecord] = []
        do {
            stage("intake")
            let intake = try self.intake(run)
            inputs = intake.records
            stage("extract")
            let extracted = await extract(intake.items, run)
            stage("normalise")
            let normalised = extracted.map { $0.map(run.processor.normalise) }
            stage("validate")
            let checked = normalised.map { $0.map(run.processor.validate) }
            stage("score")
            let scored = checked.map { $0.map(run.processor.score) }
            stage("store")
            for file in scored { inputs.append(try store(file, run)) }
            stage("select")
            let selection = try Selector(config: config, library: run.library, calendar: run.calendar).select(today: run.today)
            stage("render")
            outputs = try render(selection, run)
        } catch {
            let failed = Self.stages[max(0, step - 1)]
            try? writeLog(run, inputs: inputs, outputs: outputs, end: .failure(.init(stage: failed, message: "\(error)")))
            throw RunError("the run stopped in stage \(failed): \(error); what was done before that is in \(run.logURL.path)")
        }
        stage("audit")
        return try audit(run, inputs: inputs, outputs: outputs)
    }
}

// MARK: - Values between stages

extension Pipeline {
    /// A file to extract, known by its sha256 and size. Its bytes are not kept between stages: the run holds
    /// at most the files being extracted at once, however many the inbox has.
    struct Item: Sendable {
        var file: InboxFile
        var sha256: String
        var size: Int
    }

    /// A file's submissions at some stage, or why the file was refused as a whole.
    struct FileWork<Value: Sendable>: Sendable {
        var item: Item
        var notes: [String]
        var outcome: Result<[Value], Refusal>

        /// The next stage's values, the file and its notes kept.
        func map<T: Sendable>(_ transform: (Value) -> T) -> FileWork<T> {
            FileWork<T>(item: item, notes: notes, outcome: outcome.map { $0.map(transform) })
        }
    }
}
