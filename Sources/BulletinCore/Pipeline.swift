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

/// The nightly batch: intake → extract → normalise → validate → score → store → select → render → audit.
/// Values flow from one stage to the next; a bad file is quarantined with its reason and the batch goes on.
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

    // MARK: - Values between stages

    /// A file read into memory.
    struct Item: Sendable {
        var file: InboxFile
        var bytes: [UInt8]
        var sha256: String
    }

    /// A file's submissions at some stage, or why the file was refused as a whole.
    struct FileWork<Value: Sendable>: Sendable {
        var item: Item
        var notes: [String]
        var outcome: Result<[Value], Refusal>
    }

    // MARK: - Run

    /// Runs every stage; throws only for what stops the whole run (configuration, lock, unwritable outbox).
    public func run() async throws -> RunReport {
        let paths = try resolvedPaths()
        let fm = FileManager.default
        try fm.createDirectory(at: paths.outbox, withIntermediateDirectories: true)
        let lock = try RunLock(path: paths.outbox.appendingPathComponent(".bulletin.lock").path)
        defer { withExtendedLifetime(lock) {} }

        let timeZone = TimeZone(identifier: config.calendar.timeZone) ?? .current
        let today = try options.today ?? Self.dateString(Date(), timeZone: timeZone)
        guard BulletinCalendar.parse(today) != nil else {
            throw RunError("--today \(today) is not a date; use YYYY-MM-DD")
        }
        let calendar = BulletinCalendar(cutoffDay: config.calendar.cutoffDay)
        let runId = Self.runId(timeZone: timeZone)
        let processor = try SubmissionProcessor(config: config)
        let library = try CaseLibrary(path: paths.outbox.appendingPathComponent(config.paths.library).path)
        var records: [AuditRecord] = []
        let configBytes = (try? Data(contentsOf: options.configURL)).map { [UInt8]($0) } ?? []
        records.append(.run(.init(run: runId, started: ISO8601DateFormatter().string(from: Date()), today: today,
                                  profile: config.profile, configFile: options.configURL.path,
                                  configSHA256: Hashing.sha256(configBytes), inbox: paths.inbox.path, outbox: paths.outbox.path)))
        var step = 0
        func stage(_ name: String) {
            step += 1
            progress("[\(step)/\(Self.stages.count)] \(name)")
            logger.info("stage \(name)")
        }

        var inputs: [AuditRecord.InputRecord] = []
        var outputs: [AuditRecord.OutputRecord] = []
        let logURL = paths.outbox.appendingPathComponent(config.outputs.logsDir).appendingPathComponent("\(runId).jsonl")
        do {
            // [1] intake
            stage("intake")
            let scan = try InboxScan.scan(paths.inbox, settleSeconds: config.intake.settleSeconds)
            inputs = scan.deferred.map {
                .init(name: $0.name, sha256: "", size: $0.size, outcome: "deferred", movedTo: "", cases: [],
                      reasons: ["modified \(Int($0.age)) s ago, within the settle time of \(Int(config.intake.settleSeconds)) s: it may still be being copied; left for the next run"])
            }
            var items: [Item] = []
            for file in scan.ready {
                if file.size > config.intake.maxFileBytes {
                    let refusal = Refusal("\(file.name) is \(file.size) bytes, more than the \(config.intake.maxFileBytes) allowed (intake.maxFileBytes)",
                                          advice: "send a smaller file (one form per file) or raise the limit in pipeline.json")
                    inputs.append(try quarantine(file, sha256: "", stage: "intake", reasons: [refusal.description], paths: paths, today: today))
                    continue
                }
                let bytes: [UInt8]
                do {
                    bytes = try [UInt8](Data(contentsOf: file.url))
                } catch {
                    inputs.append(unreadable(file, error: error, paths: paths, today: today))
                    continue
                }
                let sha = Hashing.sha256(bytes)
                if let outcome = try library.knownFile(sha256: sha) {
                    let moved = try FileOps.move(file.url, into: paths.archive(today))
                    inputs.append(.init(name: file.name, sha256: sha, size: bytes.count, outcome: "duplicate",
                                        movedTo: relative(moved, to: paths.outbox), cases: [],
                                        reasons: ["the same bytes were processed in an earlier run (outcome then: \(outcome)); nothing added"]))
                    continue
                }
                items.append(Item(file: file, bytes: bytes, sha256: sha))
            }

            // [2] extract (files concurrently, at most two at a time on this machine's cores)
            stage("extract")
            let extracted: [FileWork<Submission>] = await Self.mapBounded(items, limit: 2) { item in
                do {
                    let e = try processor.extract(bytes: item.bytes, fileName: item.file.name)
                    if e.submissions.isEmpty {
                        return FileWork(item: item, notes: e.notes, outcome: .failure(Refusal("\(item.file.name) holds no submission", advice: "check that it is the filled-in 报送表")))
                    }
                    return FileWork(item: item, notes: e.notes, outcome: .success(e.submissions))
                } catch let r as Refusal {
                    return FileWork(item: item, notes: [], outcome: .failure(r))
                } catch {
                    return FileWork(item: item, notes: [], outcome: .failure(Refusal("\(item.file.name) could not be read: \(error)", advice: "send the file again as .docx, CSV or JSON")))
                }
            }

            // [3] normalise
            stage("normalise")
            let normalised = extracted.map { w in FileWork(item: w.item, notes: w.notes, outcome: w.outcome.map { $0.map(processor.normalise) }) }

            // [4] validate
            stage("validate")
            let checked = normalised.map { w in FileWork(item: w.item, notes: w.notes, outcome: w.outcome.map { $0.map(processor.validate) }) }

            // [5] score
            stage("score")
            let scored = checked.map { w in FileWork(item: w.item, notes: w.notes, outcome: w.outcome.map { $0.map(processor.score) }) }

            // [6] store: accepted cases into the library; files to the archive or quarantine
            stage("store")
            guard let period = calendar.period(receivedOn: today) else { throw RunError("--today \(today) is not a date") }
            for w in scored {
                inputs.append(try store(w, library: library, period: period, today: today, paths: paths))
            }

            // [7] select
            stage("select")
            let selector = Selector(config: config, library: library, calendar: calendar)
            let selection = try selector.select(today: today)

            // [8] render
            stage("render")
            for issue in selection.issues {
                let name = "\(issue.period)-\(config.outputs.publication)-第\(issue.number)期\(issue.draft ? "-草稿" : "").docx"
                let url = paths.outbox.appendingPathComponent(config.outputs.bulletinDir).appendingPathComponent(name)
                outputs.append(try write(try BulletinRenderer.render(issue), to: url, kind: "bulletin \(issue.period) 第\(issue.number)期（总第\(issue.totalNumber)期）",
                                         cases: issue.entries.map(\.id), outbox: paths.outbox))
            }
            let annual = selection.annual
            let annualURL = paths.outbox.appendingPathComponent(config.outputs.annualDir)
                .appendingPathComponent("\(annual.year)-年度榜单\(annual.draft ? "-草稿" : "").docx")
            outputs.append(try write(try AnnualListRenderer.render(annual), to: annualURL, kind: "annual list \(annual.year)",
                                     cases: annual.entries.map(\.record.id), outbox: paths.outbox))

            outputs.append(try writeCSV(annual.csvRows, to: annualURL.deletingPathExtension().appendingPathExtension("csv"),
                                        kind: "annual list \(annual.year) (CSV)", cases: annual.entries.map(\.record.id), outbox: paths.outbox))
            let release = selection.quarterly
            let releaseURL = paths.outbox.appendingPathComponent(config.outputs.annualDir)
                .appendingPathComponent("\(release.year)-Q\(release.quarter)-季度发布建议名单\(release.draft ? "-草稿" : "").docx")
            outputs.append(try write(try QuarterlyReleaseRenderer.render(release), to: releaseURL, kind: "quarterly release \(release.year)-Q\(release.quarter)",
                                     cases: release.entries.map(\.record.id), outbox: paths.outbox))
            let month = String(period)
            let year = Int(month.prefix(4)) ?? 0
            let quarter = ((Int(month.suffix(2)) ?? 1) - 1) / 3 + 1
            for scope in [StatisticsScope.month(month), .quarter(year: year, quarter: quarter), .year(year)] {
                let stats = try SubmissionStatistics.compute(library: library, scope: scope, issuer: config.outputs.issuer, date: today)
                let url = paths.outbox.appendingPathComponent(config.outputs.statsDir ?? "stats").appendingPathComponent("\(scope.fileStem)-报送及采用情况.csv")
                outputs.append(try writeCSV(stats.csvRows, to: url, kind: "statistics \(scope.title) (CSV)", cases: [], outbox: paths.outbox))
                outputs.append(try write(try StatisticsRenderer.render(stats), to: url.deletingPathExtension().appendingPathExtension("docx"),
                                         kind: "statistics \(scope.title)", cases: [], outbox: paths.outbox))
            }

        } catch {
            // Whatever happened to the files so far is written down before the run stops.
            let stageName = Self.stages[max(0, step - 1)]
            records += inputs.map { .input($0) } + outputs.map { .output($0) }
            records.append(.failure(.init(stage: stageName, message: "\(error)")))
            try? writeLog(records, to: logURL)
            throw RunError("the run stopped in stage \(stageName): \(error); what was done before that is in \(logURL.path)")
        }

        // [9] audit
        stage("audit")
        records += inputs.map { .input($0) }
        records += outputs.map { .output($0) }
        let count = { (o: String) in inputs.filter { $0.outcome == o }.count }
        let summary = AuditRecord.RunSummary(
            finished: ISO8601DateFormatter().string(from: Date()), files: inputs.count, accepted: count("accepted"),
            partial: count("partial"), quarantined: count("quarantined"), deferred: count("deferred"), duplicate: count("duplicate"),
            casesAdded: inputs.flatMap(\.cases).filter { $0.status == "added" }.count,
            libraryCases: try library.caseCount(), outputs: outputs.count)
        records.append(.summary(summary))
        try writeLog(records, to: logURL)
        let text = Self.summaryText(runId: runId, today: today, inputs: inputs, outputs: outputs, summary: summary, outbox: paths.outbox, log: logURL)
        try FileOps.writeAtomically(Array(text.utf8), to: logURL.deletingPathExtension().appendingPathExtension("txt"))
        let failed = summary.quarantined + summary.partial > 0
        return RunReport(summary: text, logPath: logURL.path, exitCode: failed ? 1 : 0)
    }

    private func writeLog(_ records: [AuditRecord], to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var log: [UInt8] = []
        for r in records {
            log += try encoder.encode(r)
            log.append(0x0A)
        }
        try FileOps.writeAtomically(log, to: url)
    }

    /// A file that cannot be read (permissions, I/O error): quarantined with the reason if it can be moved,
    /// otherwise left in the inbox and named in the log.
    private func unreadable(_ file: InboxFile, error: Error, paths: ResolvedPaths, today: String) -> AuditRecord.InputRecord {
        let reason = "\(file.name) cannot be read: \(error.localizedDescription); check its permissions, or copy it into the inbox again"
        if let record = try? quarantine(file, sha256: "", stage: "intake", reasons: [reason], paths: paths, today: today) {
            return record
        }
        logger.error("\(reason); it could not be moved either and stays in the inbox")
        return .init(name: file.name, sha256: "", size: file.size, outcome: "quarantined", movedTo: "", cases: [],
                     reasons: [reason, "it could not be moved to the quarantine either, so it stays in the inbox"])
    }

    // MARK: - Store

    private func store(_ w: FileWork<ScoredSubmission>, library: CaseLibrary, period: String, today: String,
                       paths: ResolvedPaths) throws -> AuditRecord.InputRecord {
        let file = w.item.file
        switch w.outcome {
        case .failure(let refusal):
            return try quarantine(file, sha256: w.item.sha256, stage: "extract", reasons: w.notes + [refusal.description], paths: paths, today: today,
                                  library: library)
        case .success(let scored):
            let accepted = scored.filter(\.checked.isValid)
            let refused = scored.filter { !$0.checked.isValid }
            let cases = accepted.map { s in
                CaseRecord(id: s.caseId, fields: s.checked.submission.fields, classified: s.checked.submission.isClassified,
                           assessment: s.assessment, period: period, sourceFile: file.name, sourceIndex: s.checked.submission.index,
                           sourceSHA256: w.item.sha256, received: today)
            }
            let problems = refused.flatMap { s in s.checked.problems.map(\.message) }
            try library.recordRefusals(fileSHA256: w.item.sha256, period: period, refused.map { s in
                CaseLibrary.RefusedSubmission(index: s.checked.submission.index, submitter: s.checked.submission[.submitter],
                                              supervisor: s.checked.submission[.supervisor], title: s.checked.submission[.title],
                                              reasons: s.checked.problems.map(\.message))
            })
            if accepted.isEmpty {
                return try quarantine(file, sha256: w.item.sha256, stage: "validate", reasons: w.notes + problems, paths: paths, today: today, library: library)
            }
            let outcome = refused.isEmpty ? "accepted" : "partial"
            let result = try library.store(fileSHA256: w.item.sha256, fileName: file.name, size: w.item.bytes.count,
                                           outcome: outcome, received: today, cases: cases)
            let moved = try FileOps.move(file.url, into: paths.archive(today))
            var reasons = w.notes
            if !refused.isEmpty {
                // Nothing lost: the refused submissions go to the quarantine with their reasons, the rest are accepted.
                let held = try quarantineRefused(refused.map(\.checked), of: moved, paths: paths, today: today)
                try writeReason(for: held, sha256: w.item.sha256, stage: "validate",
                                reasons: ["\(refused.count) of \(scored.count) submissions refused; the others were accepted (the original is in the archive)"] + problems)
                reasons += problems
                reasons.append("the refused submissions are at \(relative(held, to: paths.outbox))")
            }
            let links = cases.map { c in
                AuditRecord.CaseLink(index: c.sourceIndex, location: scored.first { $0.checked.submission.index == c.sourceIndex }?.checked.submission.location ?? "",
                                     caseId: c.id, status: result.added.contains(c.id) ? "added" : "alreadyKnown",
                                     category: c.assessment.category, level: c.assessment.level, score: c.assessment.score, classified: c.classified)
            }
            return .init(name: file.name, sha256: w.item.sha256, size: w.item.bytes.count, outcome: outcome,
                         movedTo: relative(moved, to: paths.outbox), cases: links, reasons: reasons)
        }
    }

    /// For a spreadsheet or JSON file: a CSV holding just the refused rows, under the form's labels, with a
    /// 拒收原因 column, so staff can fix and resend them. For a Word file: a copy of the file.
    private func quarantineRefused(_ refused: [CheckedSubmission], of archived: URL, paths: ResolvedPaths, today: String) throws -> URL {
        let ext = archived.pathExtension.lowercased()
        guard ["csv", "tsv", "txt", "json", "jsonl", "ndjson", "xlsx", "xlsm"].contains(ext) else {
            return try FileOps.copy(archived, into: paths.quarantine(today))
        }
        let extras = OptionalField.allCases.filter { f in refused.contains { $0.submission.extras[f] != nil } }
        var rows = [Field.allCases.map { config.fields[$0.rawValue]?.label ?? $0.rawValue }
                    + extras.map { config.optionalFields[$0.rawValue]?.label ?? $0.rawValue } + ["原位置", "拒收原因"]]
        for c in refused {
            rows.append(Field.allCases.map { c.submission[$0] } + extras.map { c.submission.extras[$0] ?? "" }
                        + [c.submission.location, c.problems.map(\.message).joined(separator: "；")])
        }
        let target = FileOps.freeName(for: archived.lastPathComponent + ".refused.csv", in: paths.quarantine(today))
        try FileOps.writeAtomically(CSVWriter.bytes(rows), to: target)
        return target
    }

    private func quarantine(_ file: InboxFile, sha256: String, stage: String, reasons: [String], paths: ResolvedPaths, today: String,
                            library: CaseLibrary? = nil) throws -> AuditRecord.InputRecord {
        let moved = try FileOps.move(file.url, into: paths.quarantine(today))
        try writeReason(for: moved, sha256: sha256, stage: stage, reasons: reasons)
        if let library, !sha256.isEmpty {
            _ = try library.store(fileSHA256: sha256, fileName: file.name, size: file.size, outcome: "quarantined", received: today, cases: [])
        }
        logger.warning("quarantined \(file.name): \(reasons.joined(separator: " | "))")
        return .init(name: file.name, sha256: sha256, size: file.size, outcome: "quarantined",
                     movedTo: relative(moved, to: paths.outbox), cases: [], reasons: reasons)
    }

    private func writeReason(for file: URL, sha256: String, stage: String, reasons: [String]) throws {
        var text = "文件 file: \(file.lastPathComponent)\nsha256: \(sha256)\n阶段 stage: \(stage)\n原因 reasons:\n"
        for r in reasons { text += "- \(r)\n" }
        text += "\n处理 what to do: correct the file as described above and drop it into the inbox again.\n"
        try FileOps.writeAtomically(Array(text.utf8), to: file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".reason.txt"))
    }

    private func write(_ doc: RenderedDocument, to url: URL, kind: String, cases: [String], outbox: URL) throws -> AuditRecord.OutputRecord {
        try FileOps.writeAtomically(to: url) { temp in try RenderedDocument.write(doc, to: temp.path) }
        let bytes = try [UInt8](Data(contentsOf: url))
        return .init(path: relative(url, to: outbox), sha256: Hashing.sha256(bytes), kind: kind, cases: cases)
    }

    private func writeCSV(_ rows: [[String]], to url: URL, kind: String, cases: [String], outbox: URL) throws -> AuditRecord.OutputRecord {
        let bytes = CSVWriter.bytes(rows)
        try FileOps.writeAtomically(bytes, to: url)
        return .init(path: relative(url, to: outbox), sha256: Hashing.sha256(bytes), kind: kind, cases: cases)
    }

    // MARK: - Paths and helpers

    struct ResolvedPaths {
        var inbox: URL
        var outbox: URL
        var archiveDir: String
        var quarantineDir: String
        func archive(_ today: String) -> URL { outbox.appendingPathComponent(archiveDir).appendingPathComponent(today) }
        func quarantine(_ today: String) -> URL { outbox.appendingPathComponent(quarantineDir).appendingPathComponent(today) }
    }

    func resolvedPaths() throws -> ResolvedPaths {
        let base = options.configURL.deletingLastPathComponent()
        func resolve(_ p: String) -> URL { p.hasPrefix("/") ? URL(fileURLWithPath: p) : base.appendingPathComponent(p) }
        let inbox = options.inbox ?? resolve(config.paths.inbox)
        let outbox = options.outbox ?? resolve(config.paths.outbox)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox.path, isDirectory: &isDir), isDir.boolValue else {
            throw RunError("the inbox \(inbox.path) does not exist or is not a folder; create it or pass --inbox")
        }
        return ResolvedPaths(inbox: inbox.standardizedFileURL, outbox: outbox.standardizedFileURL,
                             archiveDir: config.outputs.archiveDir, quarantineDir: config.outputs.quarantineDir)
    }

    func relative(_ url: URL, to base: URL) -> String {
        let p = url.standardizedFileURL.path, b = base.standardizedFileURL.path
        return p.hasPrefix(b + "/") ? String(p.dropFirst(b.count + 1)) : p
    }

    static func dateString(_ date: Date, timeZone: TimeZone) throws -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    static func runId(timeZone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "yyyyMMdd'T'HHmmss"
        return "run-\(f.string(from: Date()))-\(getpid())"
    }

    /// Maps `items` with at most `limit` running at once, keeping their order.
    static func mapBounded<T: Sendable, R: Sendable>(_ items: [T], limit: Int, _ transform: @escaping @Sendable (T) async -> R) async -> [R] {
        await withTaskGroup(of: (Int, R).self) { group in
            var results = [R?](repeating: nil, count: items.count)
            var next = 0
            while next < min(limit, items.count) {
                let i = next, item = items[i]
                group.addTask { (i, await transform(item)) }
                next += 1
            }
            while let (i, r) = await group.next() {
                results[i] = r
                if next < items.count {
                    let j = next, item = items[j]
                    group.addTask { (j, await transform(item)) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }

    static func summaryText(runId: String, today: String, inputs: [AuditRecord.InputRecord], outputs: [AuditRecord.OutputRecord],
                            summary: AuditRecord.RunSummary, outbox: URL, log: URL) -> String {
        var t = "bulletin run \(runId) for \(today)\n"
        t += "files: \(summary.files) (accepted \(summary.accepted), partial \(summary.partial), quarantined \(summary.quarantined), deferred \(summary.deferred), already processed \(summary.duplicate))\n"
        t += "cases added: \(summary.casesAdded); in the library: \(summary.libraryCases)\n"
        for i in inputs where i.outcome != "accepted" && i.outcome != "duplicate" {
            t += "  \(i.outcome): \(i.name)\n"
            for r in i.reasons.prefix(6) { t += "    - \(r)\n" }
        }
        t += "written under \(outbox.path):\n"
        for o in outputs { t += "  \(o.path)\n" }
        t += "audit log: \(log.path)\n"
        return t
    }
}

/// An error that stops the whole run, with what to do.
public struct RunError: Error, CustomStringConvertible, Sendable {
    /// The message.
    public var description: String
    /// Creates an error.
    public init(_ message: String) { description = message }
}
