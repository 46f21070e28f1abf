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

/// An error that stops the whole run, with what to do (converted to a `UserError` for people).
public struct RunError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public var description: String
    /// The stage it happened in.
    public var stage: String
    /// The file or folder concerned, or "".
    public var file: String
    /// What to do.
    public var advice: String
    /// Creates an error.
    public init(_ message: String, stage: String = "run", file: String = "", advice: String = "") {
        description = message
        self.stage = stage
        self.file = file
        self.advice = advice
    }
}

/// The nightly batch: intake → extract → normalise → validate → score → match → store → review (decisions from
/// returned sheets) → select → render (documents and review sheets) → audit.
/// Values flow from one stage to the next; a bad file is quarantined with its reason and the batch goes on.
/// Each stage lives in a file of its own beside this one.
public struct Pipeline: Sendable {
    /// The stages, in order, as printed `[i/n] name`.
    public enum Stage: String, CaseIterable, Sendable {
        case intake, extract, normalise, validate, score, match, store, review, select, render, audit
    }

    /// The stage names, in order.
    public static var stages: [String] { Stage.allCases.map(\.rawValue) }

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
        var current = Stage.intake
        func stage(_ next: Stage) {
            current = next
            let step = (Stage.allCases.firstIndex(of: next) ?? 0) + 1
            progress("[\(step)/\(Stage.allCases.count)] \(next.rawValue)")
            logger.info("stage \(next.rawValue)")
        }
        var inputs: [AuditRecord.InputRecord] = []
        var outputs: [AuditRecord.OutputRecord] = []
        do {
            stage(.intake)
            let intake = try self.intake(run)
            inputs = intake.records
            stage(.extract)
            let files = await extract(intake.items, run)
            let returnedSheets = files.filter { $0.item.reviewSheet != nil }
            let extracted = files.filter { $0.item.reviewSheet == nil }
            stage(.normalise)
            let processor = run.processor
            let normalised = FileWork.mapRows(extracted) { processor.normalise($0) }
            stage(.validate)
            let checked = FileWork.mapRows(normalised) { processor.validate($0) }
            stage(.score)
            let scored = FileWork.mapRows(checked) { processor.score($0) }
            stage(.match)
            var matches = try match(scored, run)
            stage(.store)
            for file in scored { inputs.append(try store(file, run, matches: &matches)) }
            stage(.review)
            inputs += try applyReturnedSheets(returnedSheets, run)
            stage(.select)
            // Selection is a pure function of what the library holds; recording its numbers is a step of its
            // own, and the statistics are counted from the same snapshot with the selection applied.
            // The cases waiting at each step are read month by month as their sheets are written, not kept here.
            let snapshot = try run.library.snapshot(today: run.today, period: run.period)
            let selection = Selector(settings: SelectionSettings(config)).select(snapshot)
            try run.library.record(selection)
            let statistics = SubmissionStatistics.compute(snapshot.applying(selection), scopes: StatisticsScope.scopes(of: run.period),
                                                          issuer: config.outputs.issuer, date: run.today,
                                                          steps: config.activeProcess.steps.filter { $0.approves != true && $0.optional != true }.map(\.name))
            stage(.render)
            outputs = try render(selection, statistics, run)
            outputs += try writeReviewSheets(snapshot.applying(selection), selection, run)
            try recordFinalDocuments(selection, outputs, run)
        } catch {
            let failed = current.rawValue
            let user = UserError.from(error, stage: failed)
            try? writeLog(run, inputs: inputs, outputs: outputs, end: .failure(.init(stage: failed, message: user.description)))
            throw RunError("the run stopped in stage \(failed): \(user.reason)", stage: failed, file: user.file,
                           advice: "\(user.advice.isEmpty ? "" : user.advice + "; ")what was done before that is in \(run.logURL.path)")
        }
        stage(.audit)
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
        /// Decided when the bytes are first read (`FileKind`); nil before.
        var kind: FileKind?

        /// The returned review sheet this file is, if it is one.
        var reviewSheet: ReturnedReviewSheet? {
            if case .reviewSheet(let s) = kind { return s }
            return nil
        }
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

        /// Every file's next-stage values, as `files.map { $0.map(transform) }` gives them, the rows of all
        /// files spread over the cores (`ParallelMap`): one CSV of 20,000 rows is as parallel as 20,000 forms.
        static func mapRows<T: Sendable>(_ files: [FileWork<Value>], _ transform: @Sendable (Value) -> T) -> [FileWork<T>] {
            let rows = files.flatMap { (try? $0.outcome.get()) ?? [] }
            let done = ParallelMap.map(rows, transform)
            var at = 0
            return files.map { file in
                FileWork<T>(item: file.item, notes: file.notes, outcome: file.outcome.map { values in
                    let mine = Array(done[at..<at + values.count])
                    at += values.count
                    return mine
                })
            }
        }
    }
}
