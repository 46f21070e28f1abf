import SystemFiles
import Foundation

extension AuditTrail {
    /// Names that are derived outputs, not inputs: never reconciled as inputs.
    static func isDerived(_ name: String) -> Bool {
        name.hasSuffix(".reason.txt") || name.hasSuffix(".refused.csv") || name.hasPrefix(".")
    }

    /// Every file under `folders` (the archive and the quarantine, by date) that no log records — moved by a
    /// run that stopped before it could log it, or whose log is lost — recorded now as `recovered`, with the
    /// cases the library holds for its bytes. Returns the records appended.
    public func reconcile(_ folders: [URL], library: CaseLibrary) throws -> [AuditRecord.InputRecord] {
        var records: [AuditRecord.InputRecord] = []
        let fm = FileManager.default
        try settleInterrupted()
        removeStaleTemporaries()
        for folder in folders {
            for day in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                let dayURL = folder.appendingPathComponent(day)
                for name in ((try? fm.contentsOfDirectory(atPath: dayURL.path)) ?? []).sorted() where !Self.isDerived(name) {
                    let url = dayURL.appendingPathComponent(name)
                    let path = relative(url)
                    guard !logged.movedTo.contains(path), !logged.outputs.contains(path),
                          let look = FileLook.of(url.path), look.isRegular else { continue }
                    let bytes = (try? FileOps.readOwnFile(url)) ?? []
                    let sha = Hashing.sha256(bytes)
                    var reasons = ["found at \(path) with no record in any log: a run stopped between moving it and logging it, or its log was lost; recorded now"]
                    var cases: [AuditRecord.CaseLink] = []
                    if let outcome = try library.knownFile(sha256: sha) {
                        let sightings = try library.sightings(fileSHA256: sha)
                        reasons.append("the library recorded these bytes with outcome \(outcome) and \(sightings.count) case(s)")
                        cases = sightings.map { .init(index: $0.index, location: "", caseId: $0.caseId, status: "alreadyKnown", category: "", level: "", score: 0, classified: false) }
                    } else {
                        reasons.append("the library does not know these bytes: drop the file into the inbox again to process it")
                    }
                    let record = AuditRecord.InputRecord(name: name, sha256: sha, size: bytes.count, outcome: "recovered", movedTo: path, cases: cases, reasons: reasons)
                    try append(.input(record))
                    records.append(record)
                }
            }
        }
        return records
    }
}

extension AuditTrail {
    /// Removes the temporary files (`.bulletin-….tmp`) a stopped run left in the outbox's folders: the run
    /// holds the lock, so none is being written. They were never visible under a real name, and never inputs.
    func removeStaleTemporaries() {
        let fm = FileManager.default
        func walk(_ folder: URL, depth: Int) {
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
                let url = folder.appendingPathComponent(name)
                if name.hasPrefix(".bulletin-") && name.hasSuffix(".tmp") {
                    try? fm.removeItem(at: url)
                } else if depth < 3, FileLook.of(url.path)?.isFolder == true, !name.hasPrefix(".") {
                    walk(url, depth: depth + 1)
                }
            }
        }
        walk(outboxURL, depth: 0)
    }

    /// The previous run was stopped: its last record may describe a step that did not happen (a file recorded
    /// as moved but still in the inbox, an output recorded but never renamed into place). Says so in the log,
    /// so that every record's latest word matches the disk.
    func settleInterrupted() throws {
        guard let (run, record) = interrupted else { return }
        switch record {
        case .input(let i) where i.outcome == "quarantined" && !i.movedTo.isEmpty:
            // Moved, but stopped before its reason file was written: write it now.
            let moved = outboxURL.appendingPathComponent(i.movedTo)
            let reason = Self.reasonURL(for: moved)
            if FileManager.default.fileExists(atPath: moved.path) && !FileManager.default.fileExists(atPath: reason.path) {
                try publishReason(for: moved, sha256: i.sha256, stage: "(run \(run), which was stopped before writing this file)", reasons: i.reasons)
                return
            }
            fallthrough
        case .input(let i) where !i.movedTo.isEmpty:
            let target = outboxURL.appendingPathComponent(i.movedTo)
            guard !FileManager.default.fileExists(atPath: target.path) else { return }
            var r = AuditRecord.InputRecord(name: i.name, sha256: i.sha256, size: i.size, outcome: "interrupted", movedTo: "", cases: [],
                                            reasons: ["run \(run) recorded this file as \(i.outcome), to go to \(i.movedTo), but was stopped before moving it; it stayed where it was (the inbox) and is taken up again below"])
            r.notMovedTo = i.movedTo
            try append(.input(r))
        case .output(let o) where o.kind.hasPrefix("reason for "):
            // Recorded but stopped before the rename: the input record before it holds the reasons.
            let url = outboxURL.appendingPathComponent(o.path)
            let now = Self.currentSHA256(url)
            guard now != o.sha256 else { return }
            if now.isEmpty, let input = interruptedInput, FileManager.default.fileExists(atPath: outboxURL.appendingPathComponent(input.movedTo).path),
               Self.reasonURL(for: outboxURL.appendingPathComponent(input.movedTo)).path == url.path {
                try publishReason(for: outboxURL.appendingPathComponent(input.movedTo), sha256: input.sha256,
                                  stage: "(run \(run), which was stopped before writing this file)", reasons: input.reasons)
                return
            }
            try append(.output(.init(path: o.path, sha256: now, kind: o.kind, cases: [],
                                     notes: ["run \(run) recorded this output but was stopped before publishing it; \(Self.contentNote(url, sha256: now))"])))
        case .output(let o):
            let url = outboxURL.appendingPathComponent(o.path)
            let now = Self.currentSHA256(url)
            guard now != o.sha256 else { return }
            try append(.output(.init(path: o.path, sha256: now, kind: o.kind, cases: [],
                                     notes: ["run \(run) recorded this output but was stopped before publishing it; \(Self.contentNote(url, sha256: now))"])))
        default:
            return
        }
    }
}

extension AuditTrail {
    /// The sha256 of the regular file at `url`, "" when there is none: absent, or something else in its place (a
    /// named pipe planted there is never opened, so it cannot hold up the recovery of a stopped run).
    static func currentSHA256(_ url: URL) -> String {
        (try? FileOps.readOwnFile(url)).map { Hashing.sha256($0) } ?? ""
    }

    /// What the path of an unpublished output holds, in words for the log's note.
    static func contentNote(_ url: URL, sha256: String) -> String {
        if !sha256.isEmpty { return "the file holds what was there before" }
        if let kind = FileOps.nonRegularKind(url.path) { return "the path holds \(kind), not a file" }
        return "the file holds nothing (it does not exist)"
    }
}

extension AuditTrail {
    /// Where the reason file of a quarantined `file` goes (its name, shortened to fit, plus `.reason.txt`).
    public static func reasonURL(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(FileOps.derivedName(file.lastPathComponent, suffix: ".reason.txt"))
    }

    /// Publishes the reason file of a quarantined `file`: what it is, why it was refused, what to do.
    public func publishReason(for file: URL, sha256: String, stage: String, reasons: [String]) throws {
        var text = "文件 file: \(file.lastPathComponent)\nsha256: \(sha256)\n阶段 stage: \(stage)\n原因 reasons:\n"
        for r in reasons { text += "- \(r)\n" }
        text += "\n处理 what to do: correct the file as described above and drop it into the inbox again.\n"
        try publish(Array(text.utf8), to: Self.reasonURL(for: file), kind: "reason for \(file.lastPathComponent)")
    }
}
