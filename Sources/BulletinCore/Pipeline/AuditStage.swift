import Foundation

/// [9] audit: the log of the run (`logs/<run>.jsonl`: the run, every input, every output, the summary) and
/// the human summary beside it (`<run>.txt`), both written atomically.
extension Pipeline {
    func audit(_ run: RunContext, inputs: [AuditRecord.InputRecord], outputs: [AuditRecord.OutputRecord]) throws -> RunReport {
        let count = { (o: String) in inputs.filter { $0.outcome == o }.count }
        let summary = AuditRecord.RunSummary(
            finished: ISO8601DateFormatter().string(from: Date()), files: inputs.count, accepted: count("accepted"),
            partial: count("partial"), quarantined: count("quarantined"), deferred: count("deferred"), duplicate: count("duplicate"),
            casesAdded: inputs.flatMap(\.cases).filter { $0.status == "added" }.count,
            libraryCases: try run.library.caseCount(), outputs: outputs.count)
        try writeLog(run, inputs: inputs, outputs: outputs, end: .summary(summary))
        let text = Self.summaryText(run, inputs: inputs, outputs: outputs, summary: summary)
        try FileOps.writeAtomically(Array(text.utf8), to: run.logURL.deletingPathExtension().appendingPathExtension("txt"))
        return RunReport(summary: text, logPath: run.logURL.path, exitCode: summary.quarantined + summary.partial > 0 ? 1 : 0)
    }

    /// Writes the log: the run record, every input and output record, then `end` (the summary, or why it stopped).
    func writeLog(_ run: RunContext, inputs: [AuditRecord.InputRecord], outputs: [AuditRecord.OutputRecord], end: AuditRecord) throws {
        let start = AuditRecord.run(.init(run: run.runId, started: run.started, today: run.today.description, profile: config.profile,
                                          configFile: run.configFile, configSHA256: run.configSHA256,
                                          inbox: run.paths.inbox.path, outbox: run.paths.outbox.path))
        let records = [start] + inputs.map { AuditRecord.input($0) } + outputs.map { AuditRecord.output($0) } + [end]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var log: [UInt8] = []
        for r in records {
            log += try encoder.encode(r)
            log.append(0x0A)
        }
        try FileOps.writeAtomically(log, to: run.logURL)
    }

    static func summaryText(_ run: RunContext, inputs: [AuditRecord.InputRecord], outputs: [AuditRecord.OutputRecord],
                            summary: AuditRecord.RunSummary) -> String {
        var t = "bulletin run \(run.runId) for \(run.today)\n"
        t += "files: \(summary.files) (accepted \(summary.accepted), partial \(summary.partial), quarantined \(summary.quarantined), deferred \(summary.deferred), already processed \(summary.duplicate))\n"
        t += "cases added: \(summary.casesAdded); in the library: \(summary.libraryCases)\n"
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
