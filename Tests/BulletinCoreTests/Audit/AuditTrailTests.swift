import BulletinTestSupport
import SystemFiles
import BulletinCore
import Foundation
import Testing

/// The write-ahead log, its chain across runs, and reconciliation.
@Suite struct AuditTrailTests {
    @Test func everyRecordRoundTripsAndASchemaOneLineStillDecodes() throws {
        let records: [AuditRecord] = [
            .run(.init(run: "run-1", started: "2026-11-22T01:00:00Z", today: "2026-11-22", profile: "sichuan", configFile: "pipeline.json",
                       configSHA256: String(repeating: "a", count: 64), inbox: "/in", outbox: "/out", previousRun: "", previousLog: "")),
            .input(.init(name: "2026-11-四川大学.docx", sha256: String(repeating: "b", count: 64), size: 10, outcome: "accepted", movedTo: "archive/2026-11-22/2026-11-四川大学.docx",
                         cases: [.init(index: 1, location: "table 1", caseId: "C0123456789ab", status: "added", category: "基础研究成果", level: "国际领先", score: 71.5, classified: false)],
                         reasons: [])),
            .output(.init(path: "bulletins/2026-10-创新驱动要参-第10期-草稿.docx", sha256: String(repeating: "c", count: 64), kind: "bulletin", cases: ["C0123456789ab"], notes: ["少于5项"])),
            .summary(.init(finished: "2026-11-22T01:01:00Z", files: 1, accepted: 1, partial: 0, quarantined: 0, deferred: 0, duplicate: 0,
                           casesAdded: 1, libraryCases: 1, outputs: 1, recovered: 0)),
            .failure(.init(stage: "render", message: "磁盘已满")),
        ]
        var prev = ""
        for (i, r) in records.enumerated() {
            let line = try AuditLog.encode(ChainedRecord(seq: i + 1, prev: prev, record: r))
            let back = try JSONDecoder().decode(ChainedRecord.self, from: Data(line))
            #expect(back.record == r && back.seq == i + 1 && back.prev == prev)
            prev = Hashing.sha256(line)
        }
        // A line as the log wrote it before the chain (schema 1, written at the end of the run).
        let old = #"{"cases":[],"movedTo":"quarantine/2026-11-01/a.pdf","name":"a.pdf","outcome":"quarantined","reasons":["a.pdf is a PDF"],"schema":1,"sha256":"","size":9,"type":"input"}"#
        let decoded = try JSONDecoder().decode(ChainedRecord.self, from: Data(old.utf8))
        #expect(decoded.seq == nil && decoded.prev == nil)
        guard case .input(let i) = decoded.record else { Issue.record("not an input record"); return }
        #expect(i.outcome == "quarantined" && i.name == "a.pdf")
        let newer = #"{"schema":99,"type":"run"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ChainedRecord.self, from: Data(newer.utf8)) }
    }

    @Test func theChainRunsAcrossRunsAndAnEmptyInboxStillWritesItsRecords() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try bench.drop(["高熵合金.csv": AuditBench.csv("高熵合金低温韧化机理研究"), "扫描件.pdf": Array("%PDF-1.7\n".utf8)])
        let first = try await bench.run()
        let second = try await bench.run()  // the inbox is empty now
        let logs = try bench.logs()
        #expect(logs.count == 2)
        var prev = ""
        for log in logs {
            for (i, line) in log.lines.enumerated() {
                #expect(line.entry?.seq == i + 1)
                #expect(line.entry?.prev == prev, "line \(line.number) of \(log.url.lastPathComponent) names the record before it")
                prev = line.hash
            }
        }
        // The first run: its run record, both inputs, the reason file and the documents, then its summary.
        let firstTypes = logs[0].records.map(\.type)
        #expect(firstTypes.first == "run" && firstTypes.last == "summary")
        #expect(firstTypes.filter { $0 == "input" }.count == 2)
        // The empty run: a run record naming the previous run, and a summary of nothing.
        guard case .run(let start) = logs[1].records.first else { Issue.record("the second log does not start with its run"); return }
        #expect(start.previousRun == logs[0].records.first.flatMap { if case .run(let r) = $0 { r.run } else { nil } })
        #expect(logs[1].lines.first?.entry?.prev == logs[0].lastHash)
        guard case .summary(let s) = logs[1].records.last else { Issue.record("the second log does not end with its summary"); return }
        #expect(s.files == 0)
        // The library keeps each run's head; the summary prints it.
        let heads = try CaseLibrary(path: bench.outbox.appendingPathComponent("library.sqlite").path).auditRuns()
        #expect(heads.map(\.head) == logs.map(\.lastHash))
        #expect(heads.allSatisfy { $0.finished })
        #expect(first.summary.contains("chain head: \(logs[0].lastHash)"))
        #expect(second.summary.contains("chain head: \(logs[1].lastHash)"))
        // Every output record's sha256 is the file's.
        for o in try bench.outputs() {
            let bytes = try [UInt8](Data(contentsOf: bench.outbox.appendingPathComponent(o.path)))
            #expect(Hashing.sha256(bytes) == o.sha256, "\(o.path)")
        }
        let report = try bench.verify(head: logs[1].lastHash)
        #expect(report.ok, "\(report.problems)")
        #expect(report.head == logs[1].lastHash)
    }

    @Test func aFileMovedWithoutARecordIsRecordedAsRecovered() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try bench.drop(["a.csv": AuditBench.csv("钒钛磁铁矿综合利用关键技术")])
        try await bench.run()
        // As if a run had moved a file and been killed before logging it.
        let stray = bench.outbox.appendingPathComponent("archive/2026-11-22/未记录的报送表.csv")
        try Data(AuditBench.csv("页岩气水平井压裂技术")).write(to: stray)
        #expect(try bench.verify().problems.map(\.kind) == ["unreferenced"], "verify sees the stray file before reconciliation")
        // And a temporary file a killed run left behind.
        let temp = bench.outbox.appendingPathComponent("bulletins/.bulletin-0000.tmp")
        try Data("半截".utf8).write(to: temp)
        try await bench.run()
        let recovered = try bench.inputs().filter { $0.outcome == "recovered" }
        #expect(recovered.count == 1)
        #expect(recovered.first?.movedTo == "archive/2026-11-22/未记录的报送表.csv")
        #expect(recovered.first?.sha256 == Hashing.sha256(AuditBench.csv("页岩气水平井压裂技术")))
        #expect(recovered.first?.reasons.contains { $0.contains("drop the file into the inbox again") } == true)
        #expect(!FileManager.default.fileExists(atPath: temp.path), "stale temporaries are removed")
        #expect(try bench.verify().ok)
    }

    @Test func theSameBytesTwiceInOneRunAreADuplicate() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        let bytes = AuditBench.csv("碳化硅功率器件关键技术")
        try bench.drop(["一.csv": bytes, "二.csv": bytes])
        try await bench.run()
        let inputs = try bench.inputs().sorted { $0.name < $1.name }
        #expect(inputs.map(\.outcome) == ["accepted", "duplicate"])
        #expect(inputs[1].reasons.first?.contains("the same bytes as 一.csv") == true)
        #expect(inputs[1].movedTo.hasPrefix("archive/"))
    }

    @Test func backupsAreMadeEachRunAndTheLastNKept() async throws {
        var bench = try AuditBench()
        defer { bench.remove() }
        bench.config.outputs.backupKeep = 2
        for _ in 0..<3 { try await bench.run() }
        let backups = LibraryBackup.backups(in: bench.outbox.appendingPathComponent("backup"))
        #expect(backups.count == 2)
        // A backup is a library that opens, with the runs recorded up to it.
        let copy = try CaseLibrary(path: try #require(backups.last).path)
        #expect(try copy.auditRuns().count == 3)
    }

    @Test func aDamagedLibraryNamesItsPathAndTheBackupAndTouchesNoInput() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try await bench.run()  // makes a backup
        try bench.drop(["a.csv": AuditBench.csv("高速列车转向架智能运维技术")])
        let library = bench.outbox.appendingPathComponent("library.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: library)
        do {
            try await bench.run()
            Issue.record("the run went on with a damaged library")
        } catch let e as LibraryOpenError {
            #expect(e.description.contains(library.path))
            #expect(e.description.contains("not a readable SQLite database"))
            #expect(e.description.contains("restore library.sqlite from backup/library-"))
            #expect(!e.description.contains("SQLite error"), "no raw SQLite message: \(e)")
        }
        #expect(FileManager.default.fileExists(atPath: bench.inbox.appendingPathComponent("a.csv").path), "the input stays in the inbox")
    }

    /// A bench whose configuration keeps backups in 库备份/, after one run (a log, and a backup there), with a file
    /// waiting in the inbox.
    static func backedUpIn库备份() async throws -> AuditBench {
        var bench = try AuditBench()
        bench.config.outputs.backupDir = "库备份"
        try await bench.run()
        try bench.drop(["a.csv": AuditBench.csv("高速列车转向架智能运维技术")])
        return bench
    }

    /// The message of the `LibraryOpenError` the bench's next run stops with; nil when it runs.
    static func refusal(_ bench: AuditBench) async throws -> String? {
        do {
            try await bench.run()
            return nil
        } catch let e as LibraryOpenError {
            return e.description
        }
    }

    @Test func aMissingLibraryBesideItsLogsStopsTheRunAndNamesTheConfiguredBackup() async throws {
        let bench = try await Self.backedUpIn库备份()
        defer { bench.remove() }
        let library = bench.outbox.appendingPathComponent("library.sqlite")
        try FileManager.default.moveItem(at: library, to: bench.work.appendingPathComponent("moved.sqlite"))
        let named = try #require(try await Self.refusal(bench), "the run made a new library beside the logs")
        #expect(named.contains("it is missing, but the outbox holds 1 audit log(s)") && named.contains("restore library.sqlite from 库备份/library-"), "\(named)")
        #expect(named.contains("nothing was read from or moved out of the inbox"), "\(named)")
        #expect(!FileManager.default.fileExists(atPath: library.path), "no empty library is made")
        // With the backups gone too, it says where it looked.
        for b in LibraryBackup.backups(in: bench.outbox.appendingPathComponent("库备份")) { try FileManager.default.removeItem(at: b) }
        let none = try #require(try await Self.refusal(bench))
        #expect(none.contains("no backup is left in \(bench.outbox.appendingPathComponent("库备份").path)"), "\(none)")
        #expect(FileManager.default.fileExists(atPath: bench.inbox.appendingPathComponent("a.csv").path), "the input stays in the inbox")
    }

    @Test func aDamagedLibraryNamesTheConfiguredBackup() async throws {
        let bench = try await Self.backedUpIn库备份()
        defer { bench.remove() }
        let library = bench.outbox.appendingPathComponent("library.sqlite")
        // Overwritten past its header, as a half-copied file leaves it.
        try Data(repeating: 0x5A, count: 8192).write(to: library)
        let named = try #require(try await Self.refusal(bench), "the run opened a damaged library")
        #expect(named.contains("not a readable SQLite database"), "\(named)")
        #expect(named.contains("restore library.sqlite from 库备份/library-"), "the configured folder's newest backup: \(named)")
        #expect(!named.contains("none found"), "\(named)")
        #expect(named.contains("nothing was read from or moved out of the inbox"), "a run says it stopped before its intake: \(named)")
        // verify and the read-only commands name it too, when given the folder.
        let verifying = #expect(throws: LibraryOpenError.self) {
            _ = try AuditVerification.run(outbox: bench.outbox, config: bench.config, head: nil)
        }
        #expect(verifying?.description.contains("restore library.sqlite from 库备份/library-") == true, "\(String(describing: verifying))")
        // verify never reads the inbox: the run's sentence about it would mislead there.
        #expect(verifying?.description.contains("moved out of the inbox") == false, "\(String(describing: verifying))")
        #expect(verifying?.userError.reason.contains("inbox") == false, "\(String(describing: verifying?.userError))")
        let reading = #expect(throws: LibraryOpenError.self) {
            _ = try CaseLibrary(readOnlyPath: library.path, backups: bench.outbox.appendingPathComponent("库备份"))
        }
        #expect(reading?.description.contains("restore library.sqlite from 库备份/library-") == true, "\(String(describing: reading))")
        #expect(FileManager.default.fileExists(atPath: bench.inbox.appendingPathComponent("a.csv").path), "the input stays in the inbox")
    }

    @Test func modeKeysAreReadAndChecked() throws {
        #expect(try TestSupport.config().fileModes == FileModes(file: 0o644, folder: 0o755))
        let world = try TestSupport.configError(replacing: "\"fileMode\": \"0644\"", with: "\"fileMode\": \"0666\"")
        #expect(world?.path == "outputs.fileMode" && world?.message.contains("writable by everyone") == true)
        let typo = try TestSupport.configError(replacing: "\"folderMode\": \"0755\"", with: "\"folderMode\": \"755x\"")
        #expect(typo?.path == "outputs.folderMode")
        let keep = try TestSupport.configError(replacing: "\"backupKeep\": 14", with: "\"backupKeep\": 0")
        #expect(keep?.path == "outputs.backupKeep")
    }

    @Test func theHeadIsCopiedToTheSecondPlaceEachRun() async throws {
        var bench = try AuditBench()
        defer { bench.remove() }
        let copy = bench.work.appendingPathComponent("elsewhere/heads.txt")
        bench.config.audit = AuditSettings(headCopy: copy.path)
        try await bench.run()
        try await bench.run()
        let lines = try String(contentsOf: copy, encoding: .utf8).split(separator: "\n")
        let logs = try bench.logs()
        #expect(lines.count == 2)
        for (line, log) in zip(lines, logs) {
            #expect(line == "\(log.url.deletingPathExtension().lastPathComponent) \(log.lastHash)")
        }
    }

    @Test func bytesTheLibraryStoredWithoutALogRecordAreRecordedAsRecovered() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try await bench.run()  // creates the library
        // As if a run had stored the file's cases and been killed before its input record.
        let bytes = AuditBench.csv("川优6203水稻新品种选育")
        let library = try CaseLibrary(path: bench.outbox.appendingPathComponent("library.sqlite").path)
        try library.recordFile(sha256: Hashing.sha256(bytes), name: "稻.csv", size: bytes.count, outcome: .accepted, received: "2026-11-22")
        try bench.drop(["稻.csv": bytes])
        try await bench.run()
        let input = try #require(try bench.inputs().first { $0.name == "稻.csv" })
        #expect(input.outcome == "recovered")
        #expect(input.reasons.first?.contains("in a run that stopped before logging it") == true)
        #expect(input.movedTo == "archive/2026-11-22/稻.csv")
        // Dropped once more, it is a plain duplicate: the log now knows it.
        try bench.drop(["稻.csv": bytes])
        try await bench.run()
        #expect(try bench.inputs().filter { $0.name == "稻.csv" }.map(\.outcome) == ["recovered", "duplicate"])
    }

    @Test func aRunStoppedBetweenQuarantineAndReasonGetsItsReasonWrittenByTheNext() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try bench.drop(["扫描件.pdf": Array("%PDF-1.7\n".utf8)])
        // A run that recorded and moved the file, then was killed before its reason file.
        try FileManager.default.createDirectory(at: bench.outbox, withIntermediateDirectories: true)
        let library = try CaseLibrary(path: bench.outbox.appendingPathComponent("library.sqlite").path)
        let stopped = try AuditTrail(library: library, outbox: bench.outbox, logsDir: "logs", runId: "run-stopped", started: "2026-11-22T01:00:00Z")
        try stopped.append(.run(.init(run: "run-stopped", started: "", today: "2026-11-22", profile: "sichuan", configFile: "", configSHA256: "", inbox: "", outbox: "")))
        let target = bench.outbox.appendingPathComponent("quarantine/2026-11-22/扫描件.pdf")
        try stopped.recordInput(.init(name: "扫描件.pdf", sha256: Hashing.sha256(Array("%PDF-1.7\n".utf8)), size: 9, outcome: "quarantined",
                                      movedTo: "quarantine/2026-11-22/扫描件.pdf", cases: [], reasons: ["扫描件.pdf is a PDF; send the .docx"]),
                                moving: bench.inbox.appendingPathComponent("扫描件.pdf"), to: target)
        let report = try await bench.run()
        #expect(report.summary.contains("did not write its summary: it was stopped"))
        let reason = try String(contentsOf: AuditTrail.reasonURL(for: target), encoding: .utf8)
        #expect(reason.contains("扫描件.pdf is a PDF; send the .docx") && reason.contains("run-stopped"))
        #expect(try bench.verify().ok)
    }
    @Test func aPipePlantedWhereAStoppedRunsOutputWasToGoNeitherBlocksNorPassesForTheFile() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try bench.drop(["好.csv": AuditBench.csv("页岩气水平井压裂技术")])
        // A run that recorded an output, then was killed before renaming it into place; a named pipe now sits at
        // that path. Reading it to compare would wait for a writer that never comes.
        try FileManager.default.createDirectory(at: bench.outbox.appendingPathComponent("bulletins"), withIntermediateDirectories: true)
        let library = try CaseLibrary(path: bench.outbox.appendingPathComponent("library.sqlite").path)
        let stopped = try AuditTrail(library: library, outbox: bench.outbox, logsDir: "logs", runId: "run-stopped", started: "2026-11-22T01:00:00Z")
        try stopped.append(.run(.init(run: "run-stopped", started: "", today: "2026-11-22", profile: "sichuan", configFile: "", configSHA256: "", inbox: "", outbox: "")))
        try stopped.append(.output(.init(path: "bulletins/2026-10-创新驱动要参-第10期-草稿.docx", sha256: Hashing.sha256(Array("PK".utf8)),
                                         kind: "bulletin 2026-10 第10期", cases: [], notes: [])))
        let pipe = bench.outbox.appendingPathComponent("bulletins/2026-10-创新驱动要参-第10期-草稿.docx")
        #expect(IntakeFaultTests.makeFIFO(Array(pipe.path.utf8)))
        let watch = IntakeFaultTests.PipeRescuer(pipe.path)
        let report = try await bench.run()
        #expect(watch.stop(), "the next run waited on the named pipe at a stopped run's output path")
        #expect(report.summary.contains("did not write its summary: it was stopped"))
        let settled = try bench.outputs().first { $0.path == "bulletins/2026-10-创新驱动要参-第10期-草稿.docx" && $0.sha256.isEmpty }
        #expect(FileLook.of(pipe.path)?.kind == "a named pipe (FIFO)", "left where it was, for a person to look at")
        #expect(settled?.notes == ["run run-stopped recorded this output but was stopped before publishing it; the path holds a named pipe (FIFO), not a file"], "\(String(describing: settled))")
    }
}
