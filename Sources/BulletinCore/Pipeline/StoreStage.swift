import SystemFiles
import Logging
import Foundation

/// [6] store: accepted cases into the library, the file to the archive; a refused file to the quarantine
/// with its reasons; a file with some refused submissions archived, its refused ones quarantined.
extension Pipeline {
    func store(_ w: FileWork<ScoredSubmission>, _ run: RunContext, matches: inout NightMatches) throws -> AuditRecord.InputRecord {
        let file = w.item.file
        let scored: [ScoredSubmission]
        switch w.outcome {
        case .failure(let refusal):
            return try quarantine(file, sha256: w.item.sha256, stage: "extract", reasons: w.notes + [refusal.description], run, remember: true)
        case .success(let s):
            scored = s
        }
        let accepted = scored.filter(\.checked.isValid)
        let refused = scored.filter { !$0.checked.isValid }
        let problems = refused.flatMap { $0.checked.problems.map(\.message) }
        try run.library.recordRefusals(fileSHA256: w.item.sha256, period: run.period, refused.map { s in
            let sub = s.checked.submission
            return CaseLibrary.RefusedSubmission(index: sub.index, submitter: sub[.submitter], supervisor: sub[.supervisor],
                                                 title: sub[.title], reasons: s.checked.problems.map(\.message))
        })
        if accepted.isEmpty {
            return try quarantine(file, sha256: w.item.sha256, stage: "validate", reasons: w.notes + problems, run, remember: true)
        }
        let found = accepted.map { matches.bySubmission[NightMatches.provisionalId(w.item.sha256, $0.checked.submission.index)] }
        let arrivals = zip(accepted, found).map { s, m in
            let sub = s.checked.submission
            let record = CaseRecord(id: "", titleKey: s.titleKey, fields: sub.fields, classified: sub.isClassified,
                                    assessment: s.assessment, period: run.period, sourceFile: file.name, sourceIndex: sub.index,
                                    sourceSHA256: w.item.sha256, received: run.today)
            // Near-certain: attach as a sighting. Anything less is a new case, flagged for a person.
            let postings = matches.postings[NightMatches.provisionalId(w.item.sha256, sub.index)].map { (key: matches.postingsKey, value: $0) }
            // The match step found each submission's channel (the same rules on the same unit and file name).
            let channel = m?.subject.channel ?? run.channels.channel(submitter: sub[.submitter], fileName: file.name)
            return Arrival(record: record, channel: channel,
                           classified: sub.isClassified, attachTo: m?.sameAs.flatMap { matches.caseId($0.otherID) }, postings: postings)
        }
        let outcome: InputOutcome = refused.isEmpty ? .accepted : .partial
        let result = try run.library.store(fileSHA256: w.item.sha256, fileName: file.name, size: w.item.size,
                                           outcome: outcome, received: run.today, runId: run.runId, firstStage: run.firstStage,
                                           arrivals: arrivals)
        var reasons = w.notes
        var flags: [(caseId: String, verdicts: [MatchVerdict])] = []
        for ((arrival, m), link) in zip(zip(arrivals, found), result.links) {
            matches.stored[NightMatches.provisionalId(w.item.sha256, arrival.record.sourceIndex)] = link.caseId
            reasons += try recordMatch(m, arrival: arrival, caseId: link.caseId, added: link.added, fileSHA256: w.item.sha256,
                                       matches: matches, flags: &flags, run)
        }
        // The file's 疑似重复 flags in one transaction (one per case cost a commit each), before the file moves.
        try run.library.flagDuplicates(flags, date: run.today)
        let target = FileOps.freeName(for: file.name, in: run.paths.archive(run.today))
        if !refused.isEmpty {
            // Nothing lost: the refused submissions go to the quarantine with their reasons, the rest are accepted.
            let held = try quarantineRefused(refused.map(\.checked), of: file.url, asTable: w.item.kind?.refusesRowsAsTable ?? false, run)
            try writeReason(for: held, sha256: w.item.sha256, stage: "validate",
                            reasons: ["\(refused.count) of \(scored.count) submissions refused; the others were accepted (the original is in the archive)"] + problems, run)
            reasons += problems + ["the refused submissions are at \(run.paths.relative(held))"]
        }
        // Arrivals and links are in the order of `accepted`: one pass, no search per row.
        let links = zip(accepted, zip(arrivals, result.links)).map { s, pair in
            let (a, link) = pair
            return AuditRecord.CaseLink(index: a.record.sourceIndex, location: s.checked.submission.location,
                                 caseId: link.caseId, status: link.added ? "added" : "alreadyKnown", category: a.record.assessment.category,
                                 level: a.record.assessment.level, score: a.record.assessment.score, classified: a.classified)
        }
        // The record is in the log before the file moves.
        let record = AuditRecord.InputRecord(name: file.name, sha256: w.item.sha256, size: w.item.size, outcome: outcome.rawValue,
                                             movedTo: run.paths.relative(target), cases: links, reasons: reasons)
        try run.audit.recordInput(record, moving: file.url, to: target)
        return record
    }

    /// Keeps what the match step concluded for one stored submission: the verdict that attached it, or the
    /// 疑似重复 flags of a new case (added to `flags`, written for the whole file at once); a sighting attached to a case already in an approved bulletin is flagged
    /// for 重大处, never merged silently. Returns lines for the log.
    private func recordMatch(_ m: SubmissionMatch?, arrival: Arrival, caseId: String, added: Bool, fileSHA256: String,
                             matches: NightMatches, flags: inout [(caseId: String, verdicts: [MatchVerdict])], _ run: RunContext) throws -> [String] {
        let index = arrival.record.sourceIndex
        guard let m else { return [] }
        if let same = m.sameAs, !added {
            var verdict = same
            verdict.otherID = caseId
            try run.library.recordAttachment(fileSHA256: fileSHA256, index: index, verdict: verdict)
            var lines = ["#\(index) attached to case \(caseId) as another submission of the same achievement: \(same.reason) (score \(Self.twoDecimals(same.score)))"]
            if same.otherApproved, let state = try run.library.state(id: caseId) {
                try run.library.append([CaseEvent(caseId: caseId, date: run.today, runId: run.runId, from: state.stage, to: state.stage,
                                                  who: "bulletin", why: "重大处请核：a new submission (#\(index)) was attached to this case, which is in an approved bulletin; the bulletin is not changed")])
                lines.append("#\(index): case \(caseId) is in an approved bulletin; the new submission is recorded and flagged for 重大处")
            }
            return lines
        }
        let probable = m.verdicts.filter { $0.outcome == .probable }.compactMap { v -> MatchVerdict? in
            guard let other = matches.caseId(v.otherID), other != caseId else { return nil }
            var v = v
            v.otherID = other
            return v
        }
        guard added, !probable.isEmpty else { return [] }
        flags.append((caseId, probable))
        return ["#\(index) new case \(caseId), possibly the same achievement as " + probable.map { "\($0.otherID) (score \(Self.twoDecimals($0.score)))" }.joined(separator: ", ") + "; a reviewer decides (合并到 / 不是重复)"]
    }

    /// Moves a refused file to the quarantine with a `.reason.txt` beside it; `remember` records its sha256 in
    /// the library, so the same bytes dropped again are recognised.
    func quarantine(_ file: InboxFile, sha256: String, stage: String, reasons: [String], _ run: RunContext,
                    remember: Bool = false) throws -> AuditRecord.InputRecord {
        let target = FileOps.freeName(for: file.name, in: run.paths.quarantine(run.today))
        let record = AuditRecord.InputRecord(name: file.name, sha256: sha256, size: file.size, outcome: "quarantined",
                                             movedTo: run.paths.relative(target), cases: [], reasons: reasons)
        try run.audit.recordInput(record, moving: file.url, to: target)
        try writeReason(for: target, sha256: sha256, stage: stage, reasons: reasons, run)
        if remember, !sha256.isEmpty {
            try run.library.recordFile(sha256: sha256, name: file.name, size: file.size, outcome: .quarantined, received: run.today)
        }
        logger.warning("quarantined \(file.name): \(reasons.joined(separator: " | "))")
        return record
    }

    /// For a spreadsheet or JSON file: a CSV holding just the refused rows, under the form's labels, with a
    /// 拒收原因 column, so staff can fix and resend them. For a Word file: a copy of the file.
    private func quarantineRefused(_ refused: [CheckedSubmission], of archived: URL, asTable: Bool, _ run: RunContext) throws -> URL {
        let folder = run.paths.quarantine(run.today)
        guard asTable else {
            let copy = FileOps.freeName(for: archived.lastPathComponent, in: folder)
            try run.audit.publish(try FileOps.readOwnFile(archived), to: copy, kind: "refused submissions of \(archived.lastPathComponent) (a copy)")
            return copy
        }
        let extras = OptionalField.allCases.filter { f in refused.contains { $0.submission.extras[f] != nil } }
        var rows = [Field.allCases.map { config.fields[$0.rawValue]?.label ?? $0.rawValue }
                    + extras.map { config.optionalFields[$0.rawValue]?.label ?? $0.rawValue } + ["原位置", "拒收原因"]]
        for c in refused {
            rows.append(Field.allCases.map { c.submission[$0] } + extras.map { c.submission.extras[$0] ?? "" }
                        + [c.submission.location, c.problems.map(\.message).joined(separator: "；")])
        }
        let target = FileOps.freeName(for: FileOps.derivedName(archived.lastPathComponent, suffix: ".refused.csv"), in: folder)
        try run.audit.publish(CSVWriter.bytes(rows), to: target, kind: "refused rows of \(archived.lastPathComponent)")
        return target
    }

    func writeReason(for file: URL, sha256: String, stage: String, reasons: [String], _ run: RunContext) throws {
        try run.audit.publishReason(for: file, sha256: sha256, stage: stage, reasons: reasons)
    }

    /// `String(format: "%.2f", x)`, the score in the log's lines, without `String(format:)` (a tenth of a millisecond
    /// a verdict: a fifth of keeping the match step's conclusions, store9) for a score from 0 up to a million that
    /// is not within a millionth of a cent's halfway point: there `x * 100`, within a hundred-millionth of the
    /// exact value, rounds to the same whole number of cents as the exact value does, which is what `%.2f` prints.
    /// Anything else (a tie, a negative or huge number, -0, not finite) goes to `String(format:)` itself.
    static func twoDecimals(_ x: Double) -> String {
        guard x.isFinite, x.sign == .plus, x < 1_000_000 else { return String(format: "%.2f", x) }
        let scaled = x * 100
        let whole = scaled.rounded(.down)
        let fraction = scaled - whole
        guard abs(fraction - 0.5) > 1e-6 else { return String(format: "%.2f", x) }
        let cents = Int(whole) + (fraction > 0.5 ? 1 : 0)
        let c = cents % 100
        return "\(cents / 100).\(c < 10 ? "0" : "")\(c)"
    }
}
