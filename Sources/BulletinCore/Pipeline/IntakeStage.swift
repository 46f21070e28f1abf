import Foundation

/// [1] intake: every regular file in the inbox; fresh files deferred, oversized ones quarantined, files
/// processed before archived as duplicates, the rest read into memory with their sha256.
extension Pipeline {
    struct Intake {
        /// Files to extract.
        var items: [Item]
        /// What happened to the others.
        var records: [AuditRecord.InputRecord]
    }

    func intake(_ run: RunContext) throws -> Intake {
        let scan = try InboxScan.scan(run.paths.inbox, settleSeconds: config.intake.settleSeconds)
        var records: [AuditRecord.InputRecord] = scan.deferred.map {
            .init(name: $0.name, sha256: "", size: $0.size, outcome: "deferred", movedTo: "", cases: [],
                  reasons: ["modified \(Int($0.age)) s ago, within the settle time of \(Int(config.intake.settleSeconds)) s: it may still be being copied; left for the next run"])
        }
        var items: [Item] = []
        for file in scan.ready {
            if file.size > config.intake.maxFileBytes {
                let refusal = Refusal("\(file.name) is \(file.size) bytes, more than the \(config.intake.maxFileBytes) allowed (intake.maxFileBytes)",
                                      advice: "send a smaller file (one form per file) or raise the limit in pipeline.json")
                records.append(try quarantine(file, sha256: "", stage: "intake", reasons: [refusal.description], run))
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try [UInt8](Data(contentsOf: file.url))
            } catch {
                records.append(unreadable(file, error: error, run))
                continue
            }
            let sha = Hashing.sha256(bytes)
            if let outcome = try run.library.knownFile(sha256: sha) {
                let moved = try FileOps.move(file.url, into: run.paths.archive(run.today))
                records.append(.init(name: file.name, sha256: sha, size: bytes.count, outcome: "duplicate",
                                     movedTo: run.paths.relative(moved), cases: [],
                                     reasons: ["the same bytes were processed in an earlier run (outcome then: \(outcome)); nothing added"]))
                continue
            }
            items.append(Item(file: file, sha256: sha, size: bytes.count))
        }
        return Intake(items: items, records: records)
    }

    /// A file that cannot be read (permissions, I/O error): quarantined with the reason if it can be moved,
    /// otherwise left in the inbox and named in the log.
    private func unreadable(_ file: InboxFile, error: Error, _ run: RunContext) -> AuditRecord.InputRecord {
        let reason = "\(file.name) cannot be read: \(error.localizedDescription); check its permissions, or copy it into the inbox again"
        if let record = try? quarantine(file, sha256: "", stage: "intake", reasons: [reason], run) {
            return record
        }
        logger.error("\(reason); it could not be moved either and stays in the inbox")
        return .init(name: file.name, sha256: "", size: file.size, outcome: "quarantined", movedTo: "", cases: [],
                     reasons: [reason, "it could not be moved to the quarantine either, so it stays in the inbox"])
    }
}
