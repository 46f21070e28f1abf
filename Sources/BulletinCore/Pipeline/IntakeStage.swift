import SystemFiles
import Logging
import Foundation

/// [1] intake: first the reconciliation (files an earlier run moved without logging them are recorded as
/// `recovered`), then every entry of the inbox: fresh or still-changing files deferred, entries that are not regular
/// files (folders, links, named pipes) recorded as deferred with what they are and left in place, oversized ones
/// quarantined, files processed before (or earlier in this run) archived as duplicates, names that are not
/// UTF-8 quarantined under their escaped name, the rest hashed. Every record is in the log before its file moves.
extension Pipeline {
    struct Intake {
        /// Files to extract.
        var items: [Item]
        /// What happened to the others.
        var records: [AuditRecord.InputRecord]
    }

    func intake(_ run: RunContext) throws -> Intake {
        var records = try run.audit.reconcile([run.paths.outbox.appendingPathComponent(run.paths.archiveDir),
                                               run.paths.outbox.appendingPathComponent(run.paths.quarantineDir)], library: run.library)
        let scan = try InboxScan.scan(run.paths.inbox, settleSeconds: config.intake.settleSeconds)
            .settled(wait: InboxScan.sleep(config.settleCheckSeconds))
        for file in scan.deferred {
            let why = file.changing ?? "modified \(Int(file.age)) s ago, within the settle time of \(Int(config.intake.settleSeconds)) s: it may still be being copied"
            let record = AuditRecord.InputRecord(name: file.name, sha256: "", size: file.size, outcome: "deferred", movedTo: "", cases: [],
                                                 reasons: [why + "; left for the next run"])
            try run.audit.append(.input(record))
            records.append(record)
        }
        for entry in scan.notFiles {
            // Not a file: recorded with what it is and what to do, and left where it is (never read, never followed).
            let record = AuditRecord.InputRecord(name: entry.name, sha256: "", size: 0, outcome: "deferred", movedTo: "", cases: [],
                                                 reasons: [entry.reason])
            try run.audit.append(.input(record))
            records.append(record)
        }
        for odd in scan.undecodable { records.append(try quarantineUndecodable(odd, run)) }
        var items: [Item] = []
        var seen: [String: String] = [:]
        for file in scan.ready {
            if file.size > config.intake.maxFileBytes {
                let refusal = Refusal("\(file.name) is \(file.size) bytes, more than the \(config.intake.maxFileBytes) allowed (intake.maxFileBytes)",
                                      advice: "send a smaller file (one form per file) or raise the limit in pipeline.json")
                records.append(try quarantine(file, sha256: "", stage: "intake", reasons: [refusal.description], run))
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(file.url)
            } catch {
                records.append(try unreadable(file, error: error, run))
                continue
            }
            let sha = Hashing.sha256(bytes)
            var outcome = "duplicate", reasons: [String] = [], cases: [AuditRecord.CaseLink] = []
            if let first = seen[sha] {
                reasons = ["the same bytes as \(first), received in this run; nothing added"]
            } else if let then = try run.library.knownFile(sha256: sha) {
                if run.audit.logged.inputs.contains(sha) {
                    reasons = ["the same bytes were processed in an earlier run (outcome then: \(then)); nothing added"]
                } else {
                    // Stored by a run that stopped before logging it: the log now says what became of it.
                    outcome = "recovered"
                    cases = try run.library.sightings(fileSHA256: sha).map {
                        .init(index: $0.index, location: "", caseId: $0.caseId, status: "alreadyKnown", category: "", level: "", score: 0, classified: false)
                    }
                    reasons = ["the library recorded these bytes (outcome \(then), \(cases.count) case(s)) in a run that stopped before logging it; recorded now, nothing added"]
                }
            } else {
                seen[sha] = file.name
                items.append(Item(file: file, sha256: sha, size: bytes.count))
                continue
            }
            let target = FileOps.freeName(for: file.name, in: run.paths.archive(run.today))
            let record = AuditRecord.InputRecord(name: file.name, sha256: sha, size: bytes.count, outcome: outcome,
                                                 movedTo: run.paths.relative(target), cases: cases, reasons: reasons)
            try run.audit.recordInput(record, moving: file.url, to: target)
            records.append(record)
        }
        return Intake(items: items, records: records)
    }

    /// A file whose name is not UTF-8: quarantined under its escaped name, with a reason; left in the inbox
    /// with a record if it cannot be moved. Never stops the batch.
    private func quarantineUndecodable(_ odd: UndecodableName, _ run: RunContext) throws -> AuditRecord.InputRecord {
        let folder = run.paths.quarantine(run.today)
        let target = FileOps.freeName(for: odd.escaped, in: folder)
        let reason = "the file name \(odd.escaped) is not valid UTF-8 (bytes shown as \\xNN), so it cannot be named in the log, the library or a document; it was quarantined as \(target.lastPathComponent); rename it (e.g. save it again from Windows with a Chinese name) and drop it into the inbox again"
        let bytes = InboxScan.readRaw(odd.bytes, in: run.paths.inbox)
        var record = AuditRecord.InputRecord(name: odd.escaped, sha256: bytes.map(Hashing.sha256) ?? "", size: bytes?.count ?? 0, outcome: "quarantined",
                                             movedTo: run.paths.relative(target), cases: [], reasons: [reason])
        do {
            try run.audit.recordInput(record, moving: nil, to: target) { try InboxScan.moveRaw(odd.bytes, in: run.paths.inbox, to: target) }
        } catch let e as RunError {
            throw e
        } catch {
            // recordInput has recorded that it stayed in the inbox.
            record.movedTo = ""
            record.reasons.append("it could not be moved to the quarantine (\(error.localizedDescription)), so it stays in the inbox")
            return record
        }
        try writeReason(for: target, sha256: record.sha256, stage: "intake", reasons: [reason], run)
        return record
    }

    /// A file that cannot be read (permissions, I/O error): quarantined with the reason if it can be moved,
    /// otherwise left in the inbox and named in the log.
    private func unreadable(_ file: InboxFile, error: any Error, _ run: RunContext) throws -> AuditRecord.InputRecord {
        let reason = "\(file.name) cannot be read: \(error.localizedDescription); check its permissions, or copy it into the inbox again"
        do {
            return try quarantine(file, sha256: "", stage: "intake", reasons: [reason], run)
        } catch let e as RunError {
            throw e  // the log itself cannot be written: stop
        } catch {
            // recordInput has recorded that it stayed in the inbox.
            logger.error("\(reason); it could not be moved either and stays in the inbox")
            return AuditRecord.InputRecord(name: file.name, sha256: "", size: file.size, outcome: "quarantined", movedTo: "", cases: [],
                                           reasons: [reason, "it could not be moved to the quarantine either, so it stays in the inbox"])
        }
    }
}
