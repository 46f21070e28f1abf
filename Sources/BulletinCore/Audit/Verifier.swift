import SystemFiles
import Foundation

/// One thing `bulletin verify` found wrong: what kind, which file, which record, and the detail.
public struct VerifyProblem: Sendable, Equatable, CustomStringConvertible {
    /// modified, missing, unreferenced, or broken (a record that does not decode or a chain that does not hold).
    public var kind: String
    /// The file, relative to the outbox.
    public var file: String
    /// The record concerned (`record 12 (line 12) of logs/run-….jsonl`), "" when none.
    public var record: String
    /// What is wrong.
    public var detail: String
    /// `kind: file — detail (record)`.
    public var description: String { "\(kind): \(file) — \(detail)\(record.isEmpty ? "" : " [\(record)]")" }
}

/// What `bulletin verify` checked and found.
public struct VerifyReport: Sendable {
    /// Every problem, in the order found.
    public var problems: [VerifyProblem] = []
    /// What is worth knowing but not wrong (a log written before the chain existed).
    public var notes: [String] = []
    /// Logs and records walked, outputs and archived inputs checked.
    public var logs = 0, records = 0, outputs = 0, inputs = 0
    /// The chain's last record.
    public var head = ""
    /// Whether everything checks out.
    public var ok: Bool { problems.isEmpty }
}

/// Checks an outbox against its audit trail: the hash chain from the first record to the library's head (and
/// to a head kept elsewhere, `--head`), that every log the library knows is present, that every output and
/// every archived or quarantined input still has the bytes its latest record names, and that no file in the
/// outbox is unaccounted for.
public struct Verifier {
    let outbox: URL
    let library: CaseLibrary
    let logsDir: String
    let libraryName: String
    let skip: Set<String>

    /// Creates a verifier; `skip` are top-level names of the outbox that are not checked for references
    /// (the backup folder, the index page).
    public init(outbox: URL, library: CaseLibrary, logsDir: String, libraryName: String, skip: Set<String>) {
        self.outbox = outbox
        self.library = library
        self.logsDir = logsDir
        self.libraryName = libraryName
        self.skip = skip
    }

    private struct Latest { var sha: String; var record: String }

    /// Runs every check; `head` is a chain head kept outside the outbox.
    public func verify(head expectedHead: String? = nil) throws -> VerifyReport {
        var report = VerifyReport()
        func problem(_ kind: String, _ file: String, _ record: String, _ detail: String) {
            report.problems.append(VerifyProblem(kind: kind, file: file, record: record, detail: detail))
        }
        let runs = try library.auditRuns()
        let logsFolder = outbox.appendingPathComponent(logsDir)
        var outputs: [String: Latest] = [:]
        var inputs: [String: Latest] = [:]
        var hashes: Set<String> = []
        var legacyNames: Set<String> = []
        func collect(_ log: AuditLog, _ file: String) {
            for line in log.lines {
                guard let entry = line.entry else { continue }
                let name = "record \(entry.seq.map(String.init) ?? "?") (line \(line.number)) of \(file)"
                switch entry.record {
                case .output(let o): outputs[o.path] = Latest(sha: o.sha256, record: name)
                case .input(let i) where !i.movedTo.isEmpty && !i.sha256.isEmpty: inputs[i.movedTo] = Latest(sha: i.sha256, record: name)
                case .input(let i) where i.notMovedTo != nil: inputs[i.notMovedTo ?? ""] = Latest(sha: "", record: name)
                default: break
                }
            }
        }

        // Logs that the library does not know: written before the chain (schema 1), or not this outbox's.
        let known = Set(runs.map(\.log))
        let onDisk = AuditLog.names(in: logsFolder)
        for name in onDisk {
            let rel = "\(logsDir)/\(name)"
            guard !known.contains(rel), let log = try? AuditLog.read(logsFolder.appendingPathComponent(name)) else { continue }
            if log.lines.isEmpty { continue }
            if log.isChained {
                problem("unreferenced", rel, "", "a chained log the library does not know of: not written by a run on this library, or the library was replaced")
            } else {
                report.notes.append("\(rel) was written before the chain existed (schema 1): its records are read, but nothing proves them")
                collect(log, rel)
                for case .input(let i) in log.records where !i.movedTo.isEmpty { legacyNames.insert((i.movedTo as NSString).lastPathComponent) }
            }
        }

        // The chain, run by run, in the library's order.
        var prev = ""
        for run in runs {
            let url = outbox.appendingPathComponent(run.log)
            guard FileManager.default.fileExists(atPath: url.path) else {
                if run.records > 0 {
                    problem("missing", run.log, "", "the log of run \(run.run) is missing; the library holds its head \(run.head) after \(run.records) record(s)")
                }
                prev = run.head.isEmpty ? prev : run.head
                continue
            }
            let log: AuditLog
            do { log = try AuditLog.read(url) } catch {
                problem("missing", run.log, "", "cannot be read: \(error.localizedDescription)")
                prev = run.head
                continue
            }
            report.logs += 1
            var expectedSeq = 1
            for line in log.lines {
                report.records += 1
                hashes.insert(line.hash)
                defer { prev = line.hash }
                guard let entry = line.entry else {
                    problem("modified", run.log, "line \(line.number) of \(run.log)", "is not a valid record (\(line.error ?? "")): it was changed")
                    expectedSeq += 1
                    continue
                }
                let name = "record \(entry.seq.map(String.init) ?? "?") (line \(line.number)) of \(run.log)"
                let seq = entry.seq ?? expectedSeq
                var gap = false
                if seq > expectedSeq {
                    gap = true
                    problem("missing", run.log, name, "record\(seq - expectedSeq > 1 ? "s \(expectedSeq)–\(seq - 1)" : " \(expectedSeq)") before it \(seq - expectedSeq > 1 ? "were" : "was") deleted")
                } else if seq < expectedSeq {
                    problem("modified", run.log, name, "its number \(seq) repeats or goes back (expected \(expectedSeq)): records were reordered or inserted")
                }
                expectedSeq = seq + 1
                if entry.prev != prev && !gap {
                    if line.number == 1 || line == log.lines.first {
                        problem("modified", run.log, name, "the run's first record names \(entry.prev ?? "nothing") as the record before it, but the chain stood at \(prev.isEmpty ? "its start" : prev): the previous run's log was changed, or records were removed from its end")
                    } else {
                        problem("modified", run.log, "record \(seq - 1) of \(run.log)", "its bytes changed since it was written: the next record names its hash as \(entry.prev ?? "?"), its bytes hash to \(prev)")
                    }
                }
            }
            if log.endsMidLine { problem("modified", run.log, "line \(log.lines.count) of \(run.log)", "the last record is cut short (no line end)") }
            if log.lastHash != run.head {
                if let i = log.lines.firstIndex(where: { $0.hash == run.head }) {
                    report.notes.append("\(run.log) goes \(log.lines.count - 1 - i) record(s) past the head the library kept for it (the run was stopped before telling the library)")
                } else if run.records > 0 {
                    problem("missing", run.log, "record \(run.records) of \(run.log)", "the log ends after \(log.lines.count) record(s) at \(log.lastHash.isEmpty ? "nothing" : log.lastHash), but the library's head for run \(run.run) is \(run.head) after \(run.records) record(s): records were deleted from its end, or changed")
                    prev = run.head
                }
            }
            collect(log, run.log)
        }
        report.head = prev

        if let expectedHead, !expectedHead.isEmpty {
            if !hashes.contains(expectedHead) {
                problem("missing", logsDir, "head \(expectedHead)", "the head you kept is not in the chain (which ends at \(prev)): the log holding it was deleted, or its records were removed or changed")
            } else if expectedHead != prev {
                report.notes.append("the chain goes on past the head you gave (later runs); it ends at \(prev)")
            }
        }

        // Every output and every moved input: the bytes its latest record names.
        for (path, latest) in outputs.sorted(by: { $0.key < $1.key }) {
            report.outputs += 1
            check(path, latest, &report)
        }
        for (path, latest) in inputs.sorted(by: { $0.key < $1.key }) where outputs[path] == nil {
            report.inputs += 1
            check(path, latest, &report)
        }

        // Every file in the outbox is accounted for.
        let referenced = Set(outputs.keys).union(inputs.keys)
        for path in files() where !referenced.contains(path) {
            // Reason files, refused rows and copies written before the chain: their logs did not record them.
            var base = (path as NSString).lastPathComponent
            for suffix in [".reason.txt", ".refused.csv"] where base.hasSuffix(suffix) { base = String(base.dropLast(suffix.count)) }
            for suffix in [".reason.txt", ".refused.csv"] where base.hasSuffix(suffix) { base = String(base.dropLast(suffix.count)) }
            if legacyNames.contains(base) {
                report.notes.append("\(path) belongs to a file logged before the chain existed; not proven")
                continue
            }
            problem("unreferenced", path, "", "no log records this file: it was added to the outbox by hand, or the record of it was deleted")
        }
        return report
    }

    private func check(_ path: String, _ latest: Latest, _ report: inout VerifyReport) {
        let url = outbox.appendingPathComponent(path)
        if latest.sha.isEmpty {  // recorded as not there (a stopped run never published or moved it)
            if FileManager.default.fileExists(atPath: url.path) {
                report.problems.append(VerifyProblem(kind: "unreferenced", file: path, record: latest.record, detail: "its latest record says it was never written, yet it exists"))
            }
            return
        }
        if let look = FileLook.of(url.path), !look.isRegular {
            // Never opened: a named pipe put in a file's place would make the read wait for ever, and a link is not
            // the file the run wrote, whatever it points to.
            report.problems.append(VerifyProblem(kind: "modified", file: path, record: latest.record, detail: "it is now \(look.kind ?? "not a regular file"), not the file its record names (sha256 \(latest.sha))"))
            return
        }
        guard let bytes = FileOps.readRegularFile(url.path) ?? (try? Data(contentsOf: url)).map({ [UInt8]($0) }) else {
            report.problems.append(VerifyProblem(kind: "missing", file: path, record: latest.record, detail: "the file is gone; its record names sha256 \(latest.sha)"))
            return
        }
        let sha = Hashing.sha256(bytes)
        if sha != latest.sha {
            report.problems.append(VerifyProblem(kind: "modified", file: path, record: latest.record, detail: "its bytes hash to \(sha), its latest record says \(latest.sha)"))
        }
    }

    /// Files of the outbox to account for: everything but the library, the lock, hidden files, the logs folder
    /// (checked above) and `skip`.
    private func files() -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        func walk(_ folder: URL, _ prefix: String) {
            for name in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where !name.hasPrefix(".") {
                let rel = prefix.isEmpty ? name : "\(prefix)/\(name)"
                if prefix.isEmpty && (skip.contains(name) || name == logsDir || name.hasPrefix(libraryName)) { continue }
                let url = folder.appendingPathComponent(name)
                guard let look = FileLook.of(url.path) else { continue }
                if look.isFolder { walk(url, rel) } else { out.append(rel) }
            }
        }
        walk(outbox, "")
        return out
    }
}

extension AuditLog.Line: Equatable {
    /// Lines are equal when their place and bytes' hash are.
    public static func == (a: AuditLog.Line, b: AuditLog.Line) -> Bool { a.number == b.number && a.hash == b.hash }
}

/// `bulletin verify` over an outbox with its configuration.
public enum AuditVerification {
    /// Opens the outbox's library read-only and as it is (`CaseLibrary.forVerifying`: no migration, so checking an
    /// outbox never changes its library) and verifies.
    public static func run(outbox: URL, config: PipelineConfig, head: String?) throws -> VerifyReport {
        let (library, note) = try CaseLibrary.forVerifying(path: outbox.appendingPathComponent(config.paths.library).path,
                                                           backups: outbox.appendingPathComponent(config.backupDir))
        var report = try verify(outbox: outbox, config: config, library: library, head: head)
        if let note { report.notes.insert(note, at: 0) }
        return report
    }

    /// Verifies with an open library.
    public static func verify(outbox: URL, config: PipelineConfig, library: CaseLibrary, head: String?) throws -> VerifyReport {
        try Verifier(outbox: outbox, library: library, logsDir: config.outputs.logsDir, libraryName: config.paths.library,
                     skip: [config.backupDir, OutboxIndex.fileName]).verify(head: head)
    }
}
