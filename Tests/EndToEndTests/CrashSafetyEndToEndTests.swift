import BulletinCore
import BulletinTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built binary killed with SIGKILL at seeded random points, then run again: every input ends in a
/// recorded outcome, and verify passes. Also modes under umask 000, and `bulletin verify` from the command line.
@Suite(.serialized) struct CrashSafetyEndToEndTests {

    struct Result { var status: Int32; var killed: Bool; var stdout: String; var stderr: String }

    /// Runs the binary with `environment` added; `killAfter` seconds, if given, sends SIGKILL.
    static func bulletin(_ args: [String], environment: [String: String] = [:], killAfter: Double? = nil, shell: String? = nil) throws -> Result {
        let p = Process()
        if let shell {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", shell + " exec \"$0\" \"$@\"", RunEndToEndTests.binary.path] + args
        } else {
            p.executableURL = RunEndToEndTests.binary
            p.arguments = args
        }
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        if let killAfter {
            let pid = p.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + killAfter) { kill(pid, SIGKILL) }
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, killed: p.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A work folder with the samples (and a spreadsheet with one bad row) in its inbox, and a pipeline.json
    /// whose second look at inbox files is immediate (and `extra` keys changed).
    static func setUp(_ extra: [(String, String)] = []) throws -> (work: URL, config: URL, names: [String]) {
        let work = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                               appropriateFor: FileManager.default.temporaryDirectory, create: true)
        let inbox = work.appendingPathComponent("inbox")
        var names = try RunEndToEndTests.dropSamples(into: inbox)
        let header = "报送单位（产学研等单位）,归口市（州）科技局或省直部门,联系人,联系手机,成果名称,成果来源,案例简介\r\n"
        let partial = header + "四川大学,省教育厅,张伟,13800138000,高熵合金低温韧化机理研究,基础处,在Science发表论文。\r\n"
            + "西南交通大学,省教育厅,王强,1370000111,高速列车转向架智能运维技术,高新处,突破关键技术。\r\n"
        let partialURL = inbox.appendingPathComponent("汇总-一行有误.csv")
        try Data(partial.utf8).write(to: partialURL)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: partialURL.path)
        names.append("汇总-一行有误.csv")
        var text = try TestSupport.pipelineJSONForCopy()
        for (old, new) in [("\"settleCheckSeconds\": 1,", "\"settleCheckSeconds\": 0,")] + extra {
            precondition(text.contains(old), "pipeline.json no longer holds \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let config = work.appendingPathComponent("pipeline.json")
        try text.write(to: config, atomically: true, encoding: .utf8)
        return (work, config, names)
    }

    static func args(_ work: URL, _ config: URL, _ command: String = "run") -> [String] {
        [command, "--config", config.path, "--outbox", work.appendingPathComponent("outbox").path]
            + (command == "run" ? ["--inbox", work.appendingPathComponent("inbox").path, "--today", "2026-11-22"] : [])
    }

    /// After a killed run and a clean one: the inbox is empty, every file has a final recorded outcome, every
    /// log decodes, and verify passes.
    static func checkRecovered(_ work: URL, _ config: URL, _ names: [String], _ what: String) throws {
        let outbox = work.appendingPathComponent("outbox")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("inbox").path).isEmpty, "\(what): the inbox is empty")
        var outcomes: [String: Set<String>] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: outbox.appendingPathComponent("logs").path) where name.hasSuffix(".jsonl") {
            let log = try AuditLog.read(outbox.appendingPathComponent("logs").appendingPathComponent(name))
            #expect(log.lines.allSatisfy { $0.entry != nil } && !log.endsMidLine, "\(what): \(name) decodes")
            for case .input(let i) in log.records { outcomes[i.name, default: []].insert(i.outcome) }
        }
        for name in names {
            let final = (outcomes[name] ?? []).intersection(["accepted", "partial", "quarantined", "duplicate", "recovered"])
            #expect(!final.isEmpty, "\(what): \(name) has no final outcome (\(outcomes[name] ?? []))")
        }
        let verify = try bulletin(args(work, config, "verify"))
        #expect(verify.status == 0, "\(what): verify says\n\(verify.stdout)\(verify.stderr)")
    }

    @Test func aRunKilledAtSeededRandomRecordsIsReconciledByTheNext() throws {
        var rng = SplitMix64(seed: 20261122)
        for trial in 0..<6 {
            let (work, config, names) = try Self.setUp()
            defer { try? FileManager.default.removeItem(at: work) }
            let n = Int.random(in: 1...30, using: &rng)  // a full run over this inbox writes 32 records
            let killed = try Self.bulletin(Self.args(work, config), environment: ["BULLETIN_FAULT_KILL_AFTER_RECORD": "\(n)"])
            #expect(killed.killed && killed.status == SIGKILL, "trial \(trial): killed after record \(n): \(killed.stderr)")
            let next = try Self.bulletin(Self.args(work, config))
            #expect([0, 1].contains(next.status) && !next.killed, "trial \(trial): \(next.stderr)")
            #expect(next.stdout.contains("did not write its summary: it was stopped"), "trial \(trial): the next run says the previous one was stopped")
            try Self.checkRecovered(work, config, names, "trial \(trial) (killed after record \(n))")
        }
    }

    @Test func aRunKilledAtSeededRandomTimesIsReconciledByTheNext() throws {
        var rng = SplitMix64(seed: 7)
        for trial in 0..<3 {
            let (work, config, names) = try Self.setUp()
            defer { try? FileManager.default.removeItem(at: work) }
            let delay = Double.random(in: 0.05...1.2, using: &rng)
            _ = try Self.bulletin(Self.args(work, config), killAfter: delay)
            // Killed, or finished before the signal: either way the next run must leave everything accounted for.
            let next = try Self.bulletin(Self.args(work, config))
            #expect([0, 1].contains(next.status), "trial \(trial): \(next.stderr)")
            try Self.checkRecovered(work, config, names, "timed trial \(trial) (SIGKILL after \(delay) s)")
        }
    }

    @Test func modesComeFromPipelineJSONWhateverTheUmask() throws {
        let (work, config, _) = try Self.setUp([("\"fileMode\": \"0644\"", "\"fileMode\": \"0640\""), ("\"folderMode\": \"0755\"", "\"folderMode\": \"0750\"")])
        defer { try? FileManager.default.removeItem(at: work) }
        for name in try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("inbox").path) {
            _ = chmod(work.appendingPathComponent("inbox/\(name)").path, 0o666)
        }
        let r = try Self.bulletin(Self.args(work, config), shell: "umask 000;")
        #expect(r.status == 1, "\(r.stderr)")
        var checked = 0
        func walk(_ url: URL) throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                let child = url.appendingPathComponent(name)
                let attributes = try FileManager.default.attributesOfItem(atPath: child.path)
                let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value ?? 0
                if attributes[.type] as? FileAttributeType == .typeDirectory {
                    #expect(mode == 0o750, "\(child.path) is \(String(mode, radix: 8))")
                    try walk(child)
                } else {
                    #expect(mode == 0o640, "\(child.path) is \(String(mode, radix: 8))")
                }
                checked += 1
            }
        }
        let outbox = work.appendingPathComponent("outbox")
        let mode = ((try FileManager.default.attributesOfItem(atPath: outbox.path))[.posixPermissions] as? NSNumber)?.uint16Value
        #expect(mode == 0o750)
        try walk(outbox)
        #expect(checked > 30, "documents, logs, reasons, archived and quarantined inputs, copies, the library and its backup")
    }

    @Test func verifyFromTheCommandLine() throws {
        let (work, config, _) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try Self.bulletin(Self.args(work, config))
        let head = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("chain head: ") }?.split(separator: " ")[2])
        let ok = try Self.bulletin(Self.args(work, config, "verify") + ["--head", String(head)])
        #expect(ok.status == 0 && ok.stdout.contains("verified: everything checks out"), "\(ok.stdout)\(ok.stderr)")
        let bulletins = work.appendingPathComponent("outbox/bulletins")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: bulletins.path).first)
        let handle = try FileHandle(forWritingTo: bulletins.appendingPathComponent(name))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        let bad = try Self.bulletin(Self.args(work, config, "verify"))
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("modified: bulletins/\(name)") && bad.stdout.contains("NOT verified: 1 problem(s)"), "\(bad.stdout)")
        let usage = try Self.bulletin(Self.args(work, config, "verify") + ["--head", "abc"])
        #expect(usage.status == 64 && usage.stderr.contains("not a sha256"))
        // The library taken away while the logs stay: a problem found, with the backup to restore, not a wrong flag.
        let outbox = work.appendingPathComponent("outbox")
        let backup = try #require(try FileManager.default.contentsOfDirectory(atPath: outbox.appendingPathComponent("backup").path)
            .first { $0.hasPrefix("library-") && $0.hasSuffix(".sqlite") })
        try FileManager.default.moveItem(at: outbox.appendingPathComponent("library.sqlite"), to: work.appendingPathComponent("elsewhere.sqlite"))
        let gone = try Self.bulletin(Self.args(work, config, "verify"))
        #expect(gone.status == 1, "\(gone.stdout)\(gone.stderr)")
        #expect(gone.stdout.contains("missing: library.sqlite — the case library is gone, but logs/ holds 1 audit log(s)")
                && gone.stdout.contains("backup/\(backup)") && gone.stdout.contains("NOT verified: 1 problem(s)"), "\(gone.stdout)")
        // Nor does a run start an empty library there: it stops before the inbox, naming the backup to restore.
        let inbox = work.appendingPathComponent("inbox/第二夜-汇总.csv")
        try Data(("报送单位（产学研等单位）,归口市（州）科技局或省直部门,联系人,联系手机,成果名称,成果来源,案例简介\r\n"
                  + "西南石油大学,省教育厅,李明,13912345678,页岩气水平井智能压裂技术实现规模应用,高新处,"
                  + "研发的智能压裂技术在川南页岩气田应用120口井，单井产量提高18%，达到国际先进水平。\r\n").utf8).write(to: inbox)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: inbox.path)
        let refused = try Self.bulletin(Self.args(work, config))
        #expect(refused.status == 70, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("it is missing, but the outbox holds 1 audit log(s)") && refused.stderr.contains("backup/\(backup)"),
                "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outbox.appendingPathComponent("library.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: inbox.path), "the inbox is left as it was")
        // status, explain and correct say the same (they used to advise `bulletin run`, which now refuses), and
        // make no library either.
        for extra in [["status"], ["explain", "2026-11-0001"], ["correct", "2026-11"]] {
            let said = try Self.bulletin([extra[0], "--config", config.path, "--outbox", outbox.path] + extra.dropFirst())
            #expect(said.status == 70, "\(extra): \(said.stdout)\(said.stderr)")
            #expect(said.stderr.contains("it is missing, but the outbox holds 1 audit log(s)") && said.stderr.contains("backup/\(backup)")
                    && !said.stderr.contains("Usage:"), "\(extra): \(said.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: outbox.appendingPathComponent("library.sqlite").path))
        // Put back, the library carries on: the next night's file is read into it.
        try FileManager.default.moveItem(at: work.appendingPathComponent("elsewhere.sqlite"), to: outbox.appendingPathComponent("library.sqlite"))
        let back = try Self.bulletin(Self.args(work, config))
        #expect(back.status == 0 || back.status == 1, "\(back.stderr)")
        #expect(!FileManager.default.fileExists(atPath: inbox.path) && back.stdout.contains("accepted 1"), "\(back.stdout)")
        // A folder with no logs and no library is taken for a wrong --outbox.
        let empty = work.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let wrong = try Self.bulletin(["verify", "--config", config.path, "--outbox", empty.path])
        #expect(wrong.status == 64 && wrong.stderr.contains("no case library at") && wrong.stderr.contains("pass --outbox"), "\(wrong.stderr)")
        for extra in [["status"], ["explain", "2026-11-0001"], ["correct", "2026-11"]] {
            let said = try Self.bulletin([extra[0], "--config", config.path, "--outbox", empty.path] + extra.dropFirst())
            #expect(said.status == 64 && said.stderr.contains("library at") && said.stderr.contains("--outbox"), "\(extra): \(said.stderr)")
        }
    }
}
