import SystemFiles
import Foundation

/// [8] render: the bulletin issues in play, the annual list (DOCX and CSV), the quarterly release shortlist,
/// and the statistics for the month, quarter and year (DOCX and CSV); each written atomically.
extension Pipeline {
    func render(_ selection: Selection, _ statistics: [SubmissionStatistics], _ run: RunContext) throws -> [AuditRecord.OutputRecord] {
        let outbox = run.paths.outbox
        var outputs: [AuditRecord.OutputRecord] = []
        for issue in selection.issues {
            let suffix = issue.draft ? "-草稿" : (issue.revision > 0 ? "-更正\(issue.revision)" : "")
            let name = "\(issue.period)-\(config.outputs.publication)-第\(issue.number)期\(suffix).docx"
            let url = outbox.appendingPathComponent(config.outputs.bulletinDir).appendingPathComponent(name)
            let kind = "bulletin \(issue.period) 第\(issue.number)期（总第\(issue.totalNumber)期）" + (issue.draft ? "" : issue.revision > 0 ? " 更正\(issue.revision)" : " approved")
            var notes: [String] = []
            if issue.draft, issue.entries.count < config.quotas.bulletinMin {
                notes.append("only \(issue.entries.count) achievement(s) of \(issue.period) have passed the shortlist, fewer than quotas.bulletinMin (\(config.quotas.bulletinMin)); the draft holds what there is")
            }
            if !issue.draft, FileManager.default.fileExists(atPath: url.path) {
                // An approved issue is written once and never rewritten; a change is a 更正, a new revision.
                let bytes = try FileOps.readOwnFile(url)
                let output = AuditRecord.OutputRecord(path: run.paths.relative(url), sha256: Hashing.sha256(bytes), kind: kind,
                                                      cases: issue.entries.map(\.id), notes: ["approved issue: kept as first written, not rewritten"])
                try run.audit.append(.output(output))
                outputs.append(output)
            } else {
                outputs.append(try write(try BulletinRenderer.render(issue), to: url, kind: kind, cases: issue.entries.map(\.id), notes: notes, run))
            }
            if !issue.draft {
                // 常态发布: the approved public achievements as a feed, JSON and CSV.
                let feed = ReleaseFeed.entries(issue)
                let stem = outbox.appendingPathComponent(config.outputs.releaseDir ?? "release").appendingPathComponent("\(issue.period)-发布")
                outputs.append(try run.audit.publish(try ReleaseFeed.json(feed), to: stem.appendingPathExtension("json"),
                                                     kind: "release feed \(issue.period)", cases: feed.map(\.id)))
                outputs.append(try write(csv: ReleaseFeed.csvRows(feed), to: stem.appendingPathExtension("csv"),
                                         kind: "release feed \(issue.period) (CSV)", cases: feed.map(\.id), run))
                // The draft of an approved issue is moved aside, never deleted, so only the final stands in the folder.
                let draft = url.deletingLastPathComponent().appendingPathComponent("\(issue.period)-\(config.outputs.publication)-第\(issue.number)期-草稿.docx")
                if FileManager.default.fileExists(atPath: draft.path) {
                    try run.audit.moveAside(draft, into: url.deletingLastPathComponent().appendingPathComponent("superseded").appendingPathComponent(run.today.description),
                                            why: "the issue is approved; the final is \(name)")
                }
            }
        }
        let annualDir = outbox.appendingPathComponent(config.outputs.annualDir)
        let annual = selection.annual
        let annualURL = annualDir.appendingPathComponent("\(annual.year)-年度榜单\(annual.draft ? "-草稿" : "").docx")
        let annualCases = annual.entries.map(\.record.id)
        let annualFiles = [(annualURL, "annual list \(annual.year)", annualCases),
                           (annualURL.deletingPathExtension().appendingPathExtension("csv"), "annual list \(annual.year) (CSV)", annualCases)]
        outputs += try writeOnce(final: !annual.draft, existing: annualFiles, run) {
            [try write(try AnnualListRenderer.render(annual), to: annualURL, kind: "annual list \(annual.year)", cases: annualCases, run),
             try write(csv: annual.csvRows, to: annualURL.deletingPathExtension().appendingPathExtension("csv"),
                       kind: "annual list \(annual.year) (CSV)", cases: annualCases, run)]
        }
        let release = selection.quarterly
        let releaseURL = annualDir.appendingPathComponent("\(release.year)-Q\(release.quarter)-季度发布建议名单\(release.draft ? "-草稿" : "").docx")
        let releaseCases = release.entries.map(\.record.id)
        outputs += try writeOnce(final: !release.draft, existing: [(releaseURL, "quarterly release \(release.year)-Q\(release.quarter)", releaseCases)], run) {
            [try write(try QuarterlyReleaseRenderer.render(release), to: releaseURL,
                       kind: "quarterly release \(release.year)-Q\(release.quarter)", cases: releaseCases, run)]
        }
        // The drafts of an approved list are moved aside, never deleted.
        var drafts: [URL] = []
        if !annual.draft { drafts += ["docx", "csv"].map { annualDir.appendingPathComponent("\(annual.year)-年度榜单-草稿.\($0)") } }
        if !release.draft { drafts.append(annualDir.appendingPathComponent("\(release.year)-Q\(release.quarter)-季度发布建议名单-草稿.docx")) }
        for draft in drafts where FileManager.default.fileExists(atPath: draft.path) {
            try run.audit.moveAside(draft, into: annualDir.appendingPathComponent("superseded").appendingPathComponent(run.today.description),
                                    why: "the list is approved")
        }
        let statsDir = outbox.appendingPathComponent(config.outputs.statsDir ?? "stats")
        for stats in statistics {
            let scope = stats.scope
            let url = statsDir.appendingPathComponent("\(scope.fileStem)-报送及采用情况.docx")
            outputs.append(try write(try StatisticsRenderer.render(stats), to: url, kind: "statistics \(scope.title)", cases: [], run))
            outputs.append(try write(csv: stats.csvRows, to: url.deletingPathExtension().appendingPathExtension("csv"),
                                     kind: "statistics \(scope.title) (CSV)", cases: [], run))
        }
        return outputs
    }

    /// Writes and publishes a document: its output record (with the sha256 of the bytes) is in the log just
    /// before the rename makes it visible.
    /// Writes with `write`, unless the document is final and already written: an approved document is written
    /// once and never rewritten; a later run records the file as it stands.
    private func writeOnce(final: Bool, existing: [(URL, String, [String])], _ run: RunContext,
                           _ write: () throws -> [AuditRecord.OutputRecord]) throws -> [AuditRecord.OutputRecord] {
        guard final, existing.allSatisfy({ FileManager.default.fileExists(atPath: $0.0.path) }) else { return try write() }
        return try existing.map { url, kind, cases in
            let output = AuditRecord.OutputRecord(path: run.paths.relative(url), sha256: Hashing.sha256(try FileOps.readOwnFile(url)),
                                                  kind: kind, cases: cases, notes: ["approved: kept as first written, not rewritten"])
            try run.audit.append(.output(output))
            return output
        }
    }

    private func write(_ doc: RenderedDocument, to url: URL, kind: String, cases: [String], notes: [String] = [], _ run: RunContext) throws -> AuditRecord.OutputRecord {
        try run.audit.publish(to: url, kind: kind, cases: cases, notes: notes) { temp in try RenderedDocument.write(doc, to: temp.path) }
    }

    private func write(csv rows: [[String]], to url: URL, kind: String, cases: [String], _ run: RunContext) throws -> AuditRecord.OutputRecord {
        try run.audit.publish(CSVWriter.bytes(rows), to: url, kind: kind, cases: cases)
    }
}
