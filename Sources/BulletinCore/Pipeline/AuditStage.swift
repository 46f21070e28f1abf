import SystemFiles
import Logging
import Foundation

/// The audit log is written as the run goes (`AuditTrail`): the run record first, each input record before
/// its file moves, each output record just before its file appears. [9] audit adds the library backup, the
/// summary record (the chain's head), the copy of the head kept elsewhere, the human summary beside the log
/// (`<run>.txt`) and the outbox's index page.
extension Pipeline {
    /// The run record: the first of the run, chained to the last record of the run before.
    func startLog(_ run: RunContext) throws {
        try run.audit.append(.run(.init(run: run.runId, started: run.started, today: run.today.description, profile: config.profile,
                                        configFile: run.configFile, configSHA256: run.configSHA256,
                                        inbox: run.paths.inbox.path, outbox: run.paths.outbox.path,
                                        previousRun: run.audit.previous?.run ?? "", previousLog: run.audit.previous?.log ?? "",
                                        notes: run.audit.startNotes.isEmpty ? nil : run.audit.startNotes)))
    }

    func audit(_ run: RunContext, inputs: [AuditRecord.InputRecord], outputs: [AuditRecord.OutputRecord]) throws -> RunReport {
        let count = { (o: String) in inputs.filter { $0.outcome == o }.count }
        var backupNote: String
        do {
            let backup = try LibraryBackup.make(run.library, into: run.paths.outbox.appendingPathComponent(config.backupDir), runId: run.runId, keep: config.backupKeep)
            backupNote = "library backup: \(run.paths.relative(backup.made))" + (backup.removed.isEmpty ? "" : " (\(backup.removed.count) older removed; \(config.backupKeep) kept)")
        } catch {
            backupNote = "library backup FAILED: \(error); the library itself is unharmed, but there is no fresh copy to restore from"
            logger.error("\(backupNote)")
        }
        let summary = AuditRecord.RunSummary(
            finished: ISO8601DateFormatter().string(from: Date()), files: inputs.count, accepted: count("accepted"),
            partial: count("partial"), quarantined: count("quarantined"), deferred: count("deferred"), duplicate: count("duplicate"),
            casesAdded: inputs.flatMap(\.cases).filter { $0.status == "added" }.count,
            libraryCases: try run.library.caseCount(), outputs: outputs.count, recovered: count("recovered"))
        try writeLog(run, inputs: inputs, outputs: outputs, end: .summary(summary))
        var headNote = ""
        if let copy = config.audit?.headCopy {
            let base = options.configURL.deletingLastPathComponent()
            let url = copy.hasPrefix("/") ? URL(fileURLWithPath: copy) : base.appendingPathComponent(copy)
            do {
                try run.audit.copyHead(to: url)
                headNote = "head copied to \(url.path)\n"
            } catch {
                headNote = "head NOT copied: \(error)\n"
            }
        }
        let verified = try? AuditVerification.verify(outbox: run.paths.outbox, config: config, library: run.library, head: nil)
        var text = Self.summaryText(run, inputs: inputs, outputs: outputs, summary: summary)
        if let v = verified {
            text += v.ok ? "verify: the outbox checks out (\(v.records) records, \(v.outputs) outputs)\n" : "verify: \(v.problems.count) PROBLEM(S); run bulletin verify for the list\n"
        }
        text += "\(backupNote)\nchain head: \(run.audit.head) (keep it outside the outbox; check with: bulletin verify --outbox \(run.paths.outbox.path) --head \(run.audit.head))\n" + headNote
        try FileOps.writeAtomically(Array(text.utf8), to: run.logURL.deletingPathExtension().appendingPathExtension("txt"))
        writeIndex(run, verified)
        return RunReport(summary: text, logPath: run.logURL.path, exitCode: summary.quarantined + summary.partial > 0 ? 1 : 0)
    }

    /// Ends the log with `end` (the summary, or why the run stopped); every other record is already in it.
    func writeLog(_ run: RunContext, inputs: [AuditRecord.InputRecord], outputs: [AuditRecord.OutputRecord], end: AuditRecord) throws {
        try run.audit.append(end)
    }

    /// Regenerates `outbox/index.html`; a failure is logged, never fatal.
    func writeIndex(_ run: RunContext, _ verified: VerifyReport?) {
        do {
            try OutboxIndex.write(outbox: run.paths.outbox, config: config, library: run.library, verify: verified,
                                  generated: ISO8601DateFormatter().string(from: Date()), today: run.today)
        } catch {
            logger.error("outbox/index.html could not be written: \(error)")
        }
    }

    static func summaryText(_ run: RunContext, inputs: [AuditRecord.InputRecord], outputs: [AuditRecord.OutputRecord],
                            summary: AuditRecord.RunSummary) -> String {
        var t = "bulletin run \(run.runId) for \(run.today)\n"
        t += "files: \(summary.files) (accepted \(summary.accepted), partial \(summary.partial), quarantined \(summary.quarantined), deferred \(summary.deferred), already processed \(summary.duplicate)\((summary.recovered ?? 0) > 0 ? ", recovered \(summary.recovered ?? 0)" : ""))\n"
        t += "cases added: \(summary.casesAdded); in the library: \(summary.libraryCases)\n"
        for n in run.audit.startNotes { t += "  note: \(n)\n" }
        for i in inputs where i.outcome != "accepted" && i.outcome != "duplicate" {
            t += "  \(i.outcome): \(i.name)\n"
            for r in i.reasons.prefix(6) { t += "    - \(r)\n" }
        }
        t += "written under \(run.paths.outbox.path):\n"
        for o in outputs {
            t += "  \(o.path)\n"
            for n in o.notes { t += "    ! \(n)\n" }
        }
        t += "audit log: \(run.logURL.path)\n"
        return t
    }
}
