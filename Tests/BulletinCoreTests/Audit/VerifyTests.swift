import BulletinCore
import Foundation
import Testing

/// bulletin verify passes an untouched outbox and names each kind of tampering.
@Suite struct VerifyTests {
    /// Two runs: the first with a good CSV and a refused PDF, the second with another CSV.
    static func twoRuns() async throws -> AuditBench {
        let bench = try AuditBench()
        try bench.drop(["高熵合金.csv": AuditBench.csv("高熵合金低温韧化机理研究"), "扫描件.pdf": Array("%PDF-1.7\n".utf8)])
        try await bench.run()
        try bench.drop(["页岩气.csv": AuditBench.csv("页岩气水平井压裂技术", unit: "西南石油大学")])
        try await bench.run()
        return bench
    }

    /// Verifies a copy of the outbox after `change`.
    static func verify(_ bench: AuditBench, head: String? = nil, _ change: (URL) throws -> Void) throws -> VerifyReport {
        let copy = bench.work.appendingPathComponent("copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: bench.outbox, to: copy)
        try change(copy)
        return try AuditVerification.run(outbox: copy, config: bench.config, head: head)
    }

    static func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func write(_ lines: [String], _ url: URL) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    @Test func anUntouchedOutboxPassesAndEachTamperingIsNamed() async throws {
        let bench = try await Self.twoRuns()
        defer { bench.remove() }
        let runs = try CaseLibrary(path: bench.outbox.appendingPathComponent("library.sqlite").path).auditRuns()
        #expect(runs.count == 2)
        let (oldLog, newLog) = (runs[0].log, runs[1].log)

        let clean = try bench.verify(head: runs[1].head)
        #expect(clean.ok, "\(clean.problems)")
        #expect(clean.records == runs[0].records + runs[1].records)

        // One byte of an old log edited (the sha256 an output record gives): the record after it no longer
        // names its hash.
        let oldLines = try Self.lines(bench.outbox.appendingPathComponent(oldLog))
        let target = try #require(oldLines.firstIndex { $0.contains("\"type\":\"output\"") })
        let edited = try Self.verify(bench) { outbox in
            let url = outbox.appendingPathComponent(oldLog)
            var lines = try Self.lines(url)
            let r = try #require(lines[target].range(of: "\"sha256\":\""))
            let digit = lines[target][r.upperBound]
            lines[target].replaceSubrange(r.upperBound...r.upperBound, with: digit == "0" ? "1" : "0")
            try Self.write(lines, url)
        }
        #expect(edited.problems.count == 2, "\(edited.problems)")
        #expect(edited.problems.first?.kind == "modified" && edited.problems.first?.file == oldLog)
        #expect(edited.problems.first?.record == "record \(target + 1) of \(oldLog)")
        #expect(edited.problems.last?.kind == "modified", "and the output it names no longer matches: \(edited.problems)")

        // A record deleted from the middle of the old log.
        let deleted = try Self.verify(bench) { outbox in
            let url = outbox.appendingPathComponent(oldLog)
            var lines = try Self.lines(url)
            lines.remove(at: 3)
            try Self.write(lines, url)
        }
        #expect(deleted.problems.contains { $0.kind == "missing" && $0.file == oldLog && $0.detail.contains("record 4 before it was deleted") }, "\(deleted.problems)")

        // The newest log deleted: the library knows it.
        let gone = try Self.verify(bench) { outbox in try FileManager.default.removeItem(at: outbox.appendingPathComponent(newLog)) }
        #expect(gone.problems.contains { $0.kind == "missing" && $0.file == newLog }, "\(gone.problems)")

        // The newest log deleted and the library put back as it was before that run: only the head kept
        // outside the outbox catches it.
        let backups = LibraryBackup.backups(in: bench.outbox.appendingPathComponent("backup"))
        let rolledBack = try Self.verify(bench, head: runs[1].head) { outbox in
            try FileManager.default.removeItem(at: outbox.appendingPathComponent(newLog))
            let library = outbox.appendingPathComponent("library.sqlite")
            try FileManager.default.removeItem(at: library)
            try FileManager.default.copyItem(at: try #require(backups.first), to: library)
            try FileManager.default.removeItem(at: outbox.appendingPathComponent("backup"))
            // The outputs the deleted run wrote are put back as they were, too.
        }
        #expect(rolledBack.problems.contains { $0.kind == "missing" && $0.record == "head \(runs[1].head)" }, "\(rolledBack.problems)")
        let withoutHead = try Self.verify(bench) { outbox in
            try FileManager.default.removeItem(at: outbox.appendingPathComponent(newLog))
            let library = outbox.appendingPathComponent("library.sqlite")
            try FileManager.default.removeItem(at: library)
            try FileManager.default.copyItem(at: try #require(backups.first), to: library)
        }
        #expect(!withoutHead.problems.contains { $0.file == newLog }, "without a head kept elsewhere the deleted log itself goes unnoticed: the README says so")

        // A document edited.
        let bulletin = try #require(try bench.outputs().last { $0.path.hasPrefix("bulletins/") }).path
        let document = try Self.verify(bench) { outbox in
            let url = outbox.appendingPathComponent(bulletin)
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes[bytes.count / 2] ^= 0x01
            try Data(bytes).write(to: url)
        }
        #expect(document.problems.count == 1)
        #expect(document.problems.first?.kind == "modified" && document.problems.first?.file == bulletin)
        #expect(document.problems.first?.record.contains(newLog) == true, "the latest record of it is in the newest log")

        // A file put into the outbox by hand, and an archived input removed.
        let archived = try #require(try bench.inputs().first { $0.outcome == "accepted" }).movedTo
        let other = try Self.verify(bench) { outbox in
            try Data("手工添加".utf8).write(to: outbox.appendingPathComponent("bulletins/2026-11-补充.docx"))
            try FileManager.default.removeItem(at: outbox.appendingPathComponent(archived))
        }
        #expect(Set(other.problems.map { "\($0.kind) \($0.file)" }) == ["unreferenced bulletins/2026-11-补充.docx", "missing \(archived)"], "\(other.problems)")

        // A document replaced by a named pipe (reading it would wait for ever) and an archived input by a link to a
        // copy of its own bytes: neither is the file the run wrote, and neither is opened.
        var watch: IntakeFaultTests.PipeRescuer?
        let swapped = try Self.verify(bench) { outbox in
            let url = outbox.appendingPathComponent(bulletin)
            try FileManager.default.removeItem(at: url)
            #expect(IntakeFaultTests.makeFIFO(Array(url.path.utf8)))
            watch = IntakeFaultTests.PipeRescuer(url.path)
            let input = outbox.appendingPathComponent(archived)
            let copy = outbox.deletingLastPathComponent().appendingPathComponent("same-bytes-\(UUID().uuidString)")
            try FileManager.default.moveItem(at: input, to: copy)
            try FileManager.default.createSymbolicLink(at: input, withDestinationURL: copy)
        }
        #expect(watch?.stop() == true, "verify waited on a named pipe")
        let named = Dictionary(swapped.problems.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(swapped.problems.count == 2, "\(swapped.problems)")
        #expect(named[bulletin]?.kind == "modified" && named[bulletin]?.detail.hasPrefix("it is now a named pipe (FIFO)") == true, "\(swapped.problems)")
        #expect(named[archived]?.kind == "modified" && named[archived]?.detail.hasPrefix("it is now a symbolic link") == true, "\(swapped.problems)")
    }

    @Test func anOutboxFromBeforeTheChainVerifiesWithNotes() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        // What today's main leaves: a schema-1 log, a quarantined file with its reason file, an archived file.
        let quarantine = bench.outbox.appendingPathComponent("quarantine/2026-11-01")
        let archive = bench.outbox.appendingPathComponent("archive/2026-11-01")
        try FileManager.default.createDirectory(at: quarantine, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: bench.outbox.appendingPathComponent("logs"), withIntermediateDirectories: true)
        try Data("%PDF-1.7\n".utf8).write(to: quarantine.appendingPathComponent("扫描件.pdf"))
        try Data("原因".utf8).write(to: quarantine.appendingPathComponent("扫描件.pdf.reason.txt"))
        let csv = AuditBench.csv("旧的成果名称")
        try Data(csv).write(to: archive.appendingPathComponent("旧.csv"))
        let old = [
            #"{"configFile":"pipeline.json","configSHA256":"","inbox":"/in","outbox":"/out","profile":"sichuan","run":"run-20261101T010000-1","schema":1,"started":"2026-11-01T01:00:00Z","today":"2026-11-01","type":"run"}"#,
            #"{"cases":[],"movedTo":"quarantine/2026-11-01/扫描件.pdf","name":"扫描件.pdf","outcome":"quarantined","reasons":["a PDF"],"schema":1,"sha256":"\#(Hashing.sha256(Array("%PDF-1.7\n".utf8)))","size":9,"type":"input"}"#,
            #"{"cases":[],"movedTo":"archive/2026-11-01/旧.csv","name":"旧.csv","outcome":"accepted","reasons":[],"schema":1,"sha256":"\#(Hashing.sha256(csv))","size":\#(csv.count),"type":"input"}"#,
        ]
        try Data((old.joined(separator: "\n") + "\n").utf8).write(to: bench.outbox.appendingPathComponent("logs/run-20261101T010000-1.jsonl"))
        // Those runs kept a library too (a run refuses an outbox whose logs outlive its library): one with no run of
        // the chain recorded, as the next run would have found it.
        _ = try CaseLibrary(path: bench.outbox.appendingPathComponent("library.sqlite").path)
        try await bench.run()
        let report = try bench.verify()
        #expect(report.ok, "\(report.problems)")
        #expect(report.notes.contains { $0.contains("before the chain existed (schema 1)") })
        #expect(try bench.inputs().allSatisfy { $0.outcome != "recovered" }, "files a schema-1 log names are not recovered again")
        // Its records are still checked: an archived file changed is found.
        try Data("改过".utf8).write(to: archive.appendingPathComponent("旧.csv"))
        #expect(try bench.verify().problems.map { "\($0.kind) \($0.file)" } == ["modified archive/2026-11-01/旧.csv"])
    }
}
