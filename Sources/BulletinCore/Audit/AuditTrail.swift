import SystemFiles
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A run's write-ahead audit log: each record is appended to `logs/<run>.jsonl` and flushed to the disk
/// before the step it describes (moving a file, publishing an output) happens, chained to the record before
/// it by sha256, and the library's copy of the run's head moves on with it. A run killed at any point leaves
/// a log that accounts for every file it touched; the next run continues the chain from it.
public final class AuditTrail: @unchecked Sendable {
    /// The run id.
    public let runId: String
    /// The log file.
    public let logURL: URL
    /// What the run found about the chain when it started (a previous run that was stopped, a missing log).
    public let startNotes: [String]
    /// The run before this one and its log (relative to the outbox), nil for the first run of the chain.
    public let previous: (run: String, log: String)?
    /// What the earlier logs recorded, for reconciliation and intake.
    public let logged: LoggedIndex
    /// The last record of the previous run when that run was stopped before its summary: the one record
    /// whose step (a move, a publication) may not have happened.
    public let interrupted: (run: String, record: AuditRecord)?
    /// The last input record of that stopped run (whose reason file its last record may be).
    let interruptedInput: AuditRecord.InputRecord?
    /// For tests of crash safety: the process kills itself (SIGKILL) right after appending this many records
    /// (environment `BULLETIN_FAULT_KILL_AFTER_RECORD`).
    private let killAfter = ProcessInfo.processInfo.environment["BULLETIN_FAULT_KILL_AFTER_RECORD"].flatMap { Int($0) }

    private let library: CaseLibrary
    let outboxURL: URL
    private let lock = NSLock()
    private var file: AppendOnlyFile?
    private var headHash: String
    private var written = 0

    /// The hash of the last record appended (the chain's head).
    public var head: String { lock.withLock { headHash } }
    /// How many records this run appended.
    public var count: Int { lock.withLock { written } }

    /// Finds where the chain stands (the last run the library knows, checked against its log), indexes what
    /// earlier logs recorded, and registers this run's log with the library. Nothing is written to the log yet.
    public init(library: CaseLibrary, outbox: URL, logsDir: String, runId: String, started: String) throws {
        self.library = library
        self.outboxURL = outbox
        self.runId = runId
        let logs = outbox.appendingPathComponent(logsDir)
        logURL = logs.appendingPathComponent("\(runId).jsonl")
        let runs = try library.auditRuns()
        var notes: [String] = []
        var head = ""
        var previous: (run: String, log: String)?
        var interrupted: (run: String, record: AuditRecord)?
        var interruptedInput: AuditRecord.InputRecord?
        for prior in runs.reversed() {
            let url = outbox.appendingPathComponent(prior.log)
            let log = try? AuditLog.read(url)
            if prior.records == 0 && (log?.lines.isEmpty ?? true) { continue }  // stopped before its first record
            previous = (prior.run, prior.log)
            head = prior.head
            if !prior.finished, let records = log?.records, let last = records.last {
                interrupted = (prior.run, last)
                interruptedInput = records.reversed().lazy.compactMap { if case .input(let i) = $0 { i } else { nil } }.first
            }
            guard let log else {
                notes.append("the log of the previous run \(prior.run) (\(prior.log)) is missing; the chain continues from the head the library kept for it, \(prior.head); bulletin verify reports the missing log")
                break
            }
            if log.lastHash == prior.head { break }
            // A run stopped between flushing a record and telling the library: its log goes on past the
            // library's head, each line naming the one before. Take those records as written.
            let start = prior.head.isEmpty ? 0 : (log.lines.firstIndex { $0.hash == prior.head }).map { $0 + 1 }
            if let start, Self.chains(log.lines[start...], from: prior.head) {
                head = log.lastHash
                notes.append("the previous run \(prior.run) stopped after \(log.lines.count) record(s) (\(log.lines.count - start) after the head the library kept); the chain continues from its last record")
                try library.updateAuditHead(run: prior.run, head: head, records: log.lines.count)
            } else {
                notes.append("the log of the previous run \(prior.run) (\(prior.log)) does not lead to the head the library kept for it, \(prior.head): records were removed or changed; the chain continues from the library's head; bulletin verify names the records")
            }
            break
        }
        if let last = runs.last, last.run == previous?.run, !last.finished {
            notes.append("the previous run \(last.run) did not write its summary: it was stopped; its log says what it did up to then")
        }
        self.previous = previous
        self.interrupted = interrupted
        self.interruptedInput = interruptedInput
        headHash = head
        startNotes = notes
        logged = LoggedIndex(logsFolder: logs, outbox: outbox, library: library)
        try library.beginAuditRun(run: runId, log: Self.relative(logURL, to: outbox), started: started)
    }

    /// `base`, or `base-2`, `base-3` … when a run of that id (two runs in one second of one process) is
    /// known to the library or has a log.
    public static func uniqueRunId(_ base: String, library: CaseLibrary, logs: URL) throws -> String {
        let known = Set(try library.auditRuns().map(\.run))
        var id = base, n = 2
        while known.contains(id) || FileManager.default.fileExists(atPath: logs.appendingPathComponent("\(id).jsonl").path) {
            id = "\(base)-\(n)"
            n += 1
        }
        return id
    }

    private static func chains(_ lines: ArraySlice<AuditLog.Line>, from head: String) -> Bool {
        var prev = head
        for l in lines {
            guard l.entry?.prev == prev else { return false }
            prev = l.hash
        }
        return true
    }

    /// Appends `record`, chained to the head, flushes it to the disk and moves the library's head on.
    /// Returns the record's hash.
    @discardableResult
    public func append(_ record: AuditRecord) throws -> String {
        try lock.withLock {
            if file == nil {
                try FileOps.makeFolder(logURL.deletingLastPathComponent())
                do {
                    file = try AppendOnlyFile(logURL, mode: FileOps.modes.file)
                } catch {
                    throw RunError("the audit log cannot be opened: \(error)", stage: "audit", file: logURL.path, advice: "check the outbox's permissions and free space")
                }
                FileOps.flushFolder(logURL.deletingLastPathComponent())
            }
            let line = try AuditLog.encode(ChainedRecord(seq: written + 1, prev: headHash, record: record))
            do {
                try file?.append(line + [0x0A])
            } catch {
                throw RunError("the audit log cannot be written: \(error)", stage: "audit", file: logURL.path, advice: "check the free space of the outbox's disk")
            }
            headHash = Hashing.sha256(line)
            written += 1
            let finished: Bool
            switch record { case .summary, .failure: finished = true; default: finished = false }
            try library.updateAuditHead(run: runId, head: headHash, records: written, finished: finished)
            if let killAfter, written == killAfter { kill(getpid(), SIGKILL) }
            return headHash
        }
    }

    /// `url` relative to the outbox.
    public func relative(_ url: URL) -> String { Self.relative(url, to: outboxURL) }

    static func relative(_ url: URL, to outbox: URL) -> String {
        let p = url.standardizedFileURL.path, b = outbox.standardizedFileURL.path
        return p.hasPrefix(b + "/") ? String(p.dropFirst(b.count + 1)) : p
    }

    // MARK: - Record, then act

    /// Appends the input record, then moves `file` to `target` (the record names `target` already).
    public func recordInput(_ record: AuditRecord.InputRecord, moving file: URL?, to target: URL,
                            move: (() throws -> Void)? = nil) throws {
        try append(.input(record))
        do {
            if let move { try move() } else if let file { try FileOps.move(file, to: target) }
        } catch {
            // The record said where the file goes; say that it did not, before the error goes on.
            var r = AuditRecord.InputRecord(name: record.name, sha256: record.sha256, size: record.size, outcome: "interrupted", movedTo: "", cases: [],
                                            reasons: ["it could not be moved to \(record.movedTo): \(error.localizedDescription); it stays where it was"])
            r.notMovedTo = record.movedTo
            _ = try? append(.input(r))
            throw error
        }
    }

    /// Publishes `bytes` at `url` atomically, recording the output (with its sha256) just before the rename.
    @discardableResult
    public func publish(_ bytes: [UInt8], to url: URL, kind: String, cases: [String] = [], notes: [String] = []) throws -> AuditRecord.OutputRecord {
        let record = AuditRecord.OutputRecord(path: relative(url), sha256: Hashing.sha256(bytes), kind: kind, cases: cases, notes: notes)
        try FileOps.writeAtomically(bytes, to: url) { _ in try self.append(.output(record)) }
        return record
    }

    /// Publishes what `write` writes at `url` atomically, recording the output with the sha256 of the bytes
    /// written just before the rename.
    @discardableResult
    public func publish(to url: URL, kind: String, cases: [String] = [], notes: [String] = [], _ write: (URL) throws -> Void) throws -> AuditRecord.OutputRecord {
        var record = AuditRecord.OutputRecord(path: relative(url), sha256: "", kind: kind, cases: cases, notes: notes)
        try FileOps.writeAtomically(to: url, write) { temp in
            record.sha256 = Hashing.sha256([UInt8](try Data(contentsOf: temp)))
            try self.append(.output(record))
        }
        return record
    }

    /// Moves a published file aside into `folder` (a superseded draft or review sheet), never deleting it:
    /// records its old path as gone and its new path with its bytes, then moves it. Returns the new place.
    @discardableResult
    public func moveAside(_ url: URL, into folder: URL, why: String) throws -> URL {
        let target = FileOps.freeName(for: url.lastPathComponent, in: folder)
        let sha = Hashing.sha256([UInt8](try Data(contentsOf: url)))
        try append(.output(.init(path: relative(url), sha256: "", kind: "moved aside", cases: [], notes: ["moved to \(relative(target)): \(why)"])))
        try append(.output(.init(path: relative(target), sha256: sha, kind: "moved aside", cases: [], notes: ["moved from \(relative(url)): \(why)"])))
        try FileOps.makeFolder(folder)
        try FileOps.move(url, to: target)
        return target
    }

    /// Appends `<run> <head>` to the head copy kept outside the outbox, flushed.
    public func copyHead(to url: URL) throws {
        try FileOps.makeFolder(url.deletingLastPathComponent())
        do {
            try AppendOnlyFile(url, mode: FileOps.modes.file).append(Array("\(runId) \(head)\n".utf8))
        } catch {
            throw RunError("the head copy (audit.headCopy) cannot be written: \(error)", stage: "audit", file: url.path,
                           advice: "check that its folder exists and is writable, or change audit.headCopy")
        }
    }
}

/// What every log in the logs folder recorded (chained or not): where files were moved, which outputs were
/// written, which input bytes were accounted for.
public struct LoggedIndex: Sendable {
    /// `movedTo` of every input record.
    public var movedTo: Set<String> = []
    /// `path` of every output record.
    public var outputs: Set<String> = []
    /// sha256 of every input record.
    public var inputs: Set<String> = []

    /// What one log recorded, sorted.
    struct OfLog: Codable, Equatable, Sendable {
        var movedTo: [String]
        var outputs: [String]
        var inputs: [String]
    }

    /// Reads every `.jsonl` in `logsFolder`.
    public init(logsFolder: URL, outbox: URL) {
        self.init(logsFolder: logsFolder, outbox: outbox, library: nil)
    }

    /// Reads every `.jsonl` in `logsFolder` and hashes its bytes; with a library, a log whose sha256 is the one
    /// the library kept for its name is not decoded again (what it recorded is the library's row, read from those
    /// very bytes), and what the others recorded is kept for the next run. The index is the same as decoding every
    /// log; only the bytes decide whether a row is used.
    init(logsFolder: URL, outbox: URL, library: CaseLibrary?) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: logsFolder.path)) ?? []
        let kept = library.flatMap { try? $0.loggedFiles() } ?? [:]
        var fresh: [(log: String, sha256: String, recorded: OfLog)] = []
        for name in names where name.hasSuffix(".jsonl") {
            let url = logsFolder.appendingPathComponent(name)
            guard let bytes = try? FileOps.readOwnFile(url) else { continue }
            let recorded: OfLog
            if library != nil {
                let sha = Hashing.sha256(bytes)
                if let k = kept[name], k.sha256 == sha {
                    recorded = k.recorded
                } else {
                    recorded = OfLog(AuditLog.parse(bytes, url: url))
                    fresh.append((name, sha, recorded))
                }
            } else {
                recorded = OfLog(AuditLog.parse(bytes, url: url))
            }
            movedTo.formUnion(recorded.movedTo)
            outputs.formUnion(recorded.outputs)
            inputs.formUnion(recorded.inputs)
        }
        // A row that cannot be kept costs the next run a decode, nothing else.
        try? library?.keepLoggedFiles(fresh)
    }
}

extension LoggedIndex.OfLog {
    /// What `log` recorded.
    init(_ log: AuditLog) {
        var movedTo: Set<String> = [], outputs: Set<String> = [], inputs: Set<String> = []
        for r in log.records {
            switch r {
            case .input(let i):
                if !i.movedTo.isEmpty { movedTo.insert(i.movedTo) }
                if !i.sha256.isEmpty { inputs.insert(i.sha256) }
            case .output(let o): outputs.insert(o.path)
            default: break
            }
        }
        self.init(movedTo: movedTo.sorted(), outputs: outputs.sorted(), inputs: inputs.sorted())
    }
}
