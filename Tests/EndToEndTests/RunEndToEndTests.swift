import SystemFiles
import BulletinCore
import Foundation
import OOXML
import Testing

/// The real binary over the shipped samples, in a temporary folder: exit code, stdout, stderr, outbox.
@Suite(.serialized) struct RunEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        let candidates = [Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent(),
                          root.appendingPathComponent(".build/debug")]
        for c in candidates.compactMap({ $0 }) {
            let b = c.appendingPathComponent("bulletin")
            if FileManager.default.isExecutableFile(atPath: b.path) { return b }
        }
        return root.appendingPathComponent(".build/debug/bulletin")
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func bulletin(_ args: [String]) throws -> Result { try execute(binary, args) }

    /// Runs a program from the package root and collects its exit status and output. `environment` sets (a value) or
    /// removes (nil) variables of this process's environment for the run; empty leaves it as it is.
    static func execute(_ program: URL, _ args: [String], cwd: URL = root, environment: [String: String?] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = program
        p.arguments = args
        p.currentDirectoryURL = cwd
        if !environment.isEmpty {
            var inherited = ProcessInfo.processInfo.environment
            for (name, value) in environment { inherited[name] = value }
            p.environment = inherited
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Copies the samples into `inbox`, dated an hour ago (past the settle time).
    static func dropSamples(into inbox: URL) throws -> [String] {
        let fm = FileManager.default
        try fm.createDirectory(at: inbox, withIntermediateDirectories: true)
        let samples = root.appendingPathComponent("samples")
        var names: [String] = []
        for name in try fm.contentsOfDirectory(atPath: samples.path).sorted() where !name.hasSuffix(".md") && !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: samples.appendingPathComponent(name).path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let target = inbox.appendingPathComponent(name)
            try fm.copyItem(at: samples.appendingPathComponent(name), to: target)
            try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: target.path)
            names.append(name)
        }
        return names
    }

    /// The text of a DOCX's body, or of every part of an XLSX (its strings and sheets).
    static func documentText(_ url: URL) throws -> String {
        let zip = try ZipArchive(bytes: [UInt8](Data(contentsOf: url)))
        if url.pathExtension == "xlsx" {
            return try zip.entryNames.filter { $0.hasPrefix("xl/") && $0.hasSuffix(".xml") }.sorted()
                .map { try XMLReader.parse(zip.read($0)).textContent }.joined(separator: "\n")
        }
        return try XMLReader.parse(zip.read("word/document.xml")).textContent
    }

    static func logNames(_ outbox: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: outbox.appendingPathComponent("logs").path).filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    static func logRecords(_ outbox: URL, only: Set<String>? = nil) throws -> [[String: Any]] {
        let logs = outbox.appendingPathComponent("logs")
        var out: [[String: Any]] = []
        for f in try logNames(outbox) where only?.contains(f) ?? true {
            for line in try String(contentsOf: logs.appendingPathComponent(f), encoding: .utf8).split(separator: "\n") {
                out.append(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:])
            }
        }
        return out
    }

    @Test func theNightlyBatchOverTheSamples() throws {
        let work = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                               appropriateFor: FileManager.default.temporaryDirectory, create: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), outbox = work.appendingPathComponent("outbox")
        let names = try Self.dropSamples(into: inbox)
        #expect(names.count >= 12)

        // What inspect makes of the samples: the titles, and which one is classified.
        let inspected = try Self.bulletin(["inspect", "--json"] + names.map { inbox.appendingPathComponent($0).path })
        #expect(inspected.status == 1, "two samples are bad on purpose")
        let lines = inspected.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(Set(lines.compactMap { $0["file"] as? String }) == Set(names), "inspect reports every sample")
        let valid = lines.filter { ($0["problems"] as? [Any])?.isEmpty == true }
        let classifiedTitles = valid.filter { $0["classified"] as? Bool == true }.compactMap { ($0["fields"] as? [String: String])?["title"] }
        #expect(classifiedTitles.count == 1)

        let run = try Self.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-22"])
        #expect(run.status == 1, "exit 1: some inputs were refused. stderr: \(run.stderr)")
        for (i, stage) in Pipeline.stages.enumerated() { #expect(run.stdout.contains("[\(i + 1)/\(Pipeline.stages.count)] \(stage)")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty, "every input moved out of the inbox")

        // Every input appears in the log with its outcome.
        let records = try Self.logRecords(outbox)
        let inputs = records.filter { $0["type"] as? String == "input" }
        #expect(Set(inputs.compactMap { $0["name"] as? String }) == Set(names))
        #expect(inputs.filter { $0["outcome"] as? String == "quarantined" }.count == 2)
        for i in inputs { #expect((i["sha256"] as? String)?.count == 64) }

        // Nothing is decided yet: the bulletin draft is empty and says so; every public case waits on a 初选 sheet.
        let bulletins = try FileManager.default.contentsOfDirectory(atPath: outbox.appendingPathComponent("bulletins").path)
        #expect(bulletins == ["2026-11-创新驱动要参-第11期-草稿.docx"])
        let bulletinText = try Self.documentText(outbox.appendingPathComponent("bulletins").appendingPathComponent(bulletins[0]))
        #expect(bulletinText.contains("没有入选通报的重大科技成果"))
        #expect(bulletinText.contains("总第35期"))
        let validTitles = valid.filter { $0["classified"] as? Bool == false }.compactMap { ($0["fields"] as? [String: String])?["title"] }
        let sheets = try FileManager.default.contentsOfDirectory(atPath: outbox.appendingPathComponent("review").path).filter { $0.hasSuffix(".xlsx") }
        #expect(!sheets.isEmpty && sheets.allSatisfy { $0.hasPrefix("2026-11-初选-") })
        let sheetText = try sheets.map { try Self.documentText(outbox.appendingPathComponent("review").appendingPathComponent($0)) }.joined()
        for t in validTitles { #expect(sheetText.contains(t), "\(t) is on no 初选 sheet") }
        // Documents and sheets (reason files of the quarantine are outputs too, read as text).
        let outputs = records.filter { $0["type"] as? String == "output" && !(($0["path"] as? String)?.hasPrefix("quarantine/") ?? false) }
        #expect(outputs.count >= 2)
        for o in outputs {
            let path = outbox.appendingPathComponent(o["path"] as? String ?? "")
            let text = path.pathExtension == "csv" ? try String(contentsOf: path, encoding: .utf8) : try Self.documentText(path)
            for t in classifiedTitles { #expect(!text.contains(t), "\(t) is classified but appears in \(path.lastPathComponent)") }
        }
        let quarantine = outbox.appendingPathComponent("quarantine/2026-11-22")
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: quarantine.path)
        #expect(quarantined.filter { $0.hasSuffix(".reason.txt") }.count == quarantined.filter { !$0.hasSuffix(".reason.txt") }.count)

        // explain reads a case back from the library by the id the log gives it.
        let caseId = try #require((inputs.compactMap { $0["cases"] as? [[String: Any]] }.flatMap { $0 }.first)?["caseId"] as? String)
        let explained = try Self.bulletin(["explain", caseId, "--outbox", outbox.path])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains(caseId) && explained.stdout.contains("成果类别") && explained.stdout.contains("得分"))
        let unknown = try Self.bulletin(["explain", "2026-11-9999", "--outbox", outbox.path])
        #expect(unknown.status == 64 && unknown.stderr.contains("no case 2026-11-9999"))

        // A second run over the same inbox adds nothing.
        let casesBefore = records.last { $0["type"] as? String == "summary" }?["libraryCases"] as? Int
        let firstLogs = Set(try Self.logNames(outbox))
        _ = try Self.dropSamples(into: inbox)
        let second = try Self.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-22"])
        #expect(second.status == 0, "\(second.stderr)")
        let newLogs = Set(try Self.logNames(outbox)).subtracting(firstLogs)
        #expect(newLogs.count == 1)
        let after = try Self.logRecords(outbox, only: newLogs)
        let last = after.first { $0["type"] as? String == "summary" }
        #expect(last?["casesAdded"] as? Int == 0)
        // The same library and date give byte-identical documents.
        let firstOutputs = Dictionary(uniqueKeysWithValues: outputs.map { ($0["path"] as? String ?? "", $0["sha256"] as? String ?? "") })
        let secondOutputs = after.filter { $0["type"] as? String == "output" && !(($0["path"] as? String)?.hasPrefix("quarantine/") ?? false) }
        #expect(secondOutputs.count == firstOutputs.count)
        for o in secondOutputs {
            let path = o["path"] as? String ?? ""
            #expect(firstOutputs[path] == o["sha256"] as? String, "\(path) changed between two runs over the same library and date")
        }
        #expect(last?["duplicate"] as? Int == names.count)
        #expect(last?["libraryCases"] as? Int == casesBefore)
    }

    @Test func aSecondRunWhileOneHoldsTheLockExitsAtOnce() throws {
        let work = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                               appropriateFor: FileManager.default.temporaryDirectory, create: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), outbox = work.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        let lock = try RunLock(path: outbox.appendingPathComponent(".bulletin.lock").path)
        let r = try Self.bulletin(["run", "--inbox", inbox.path, "--outbox", outbox.path, "--today", "2026-11-22"])
        withExtendedLifetime(lock) {}
        #expect(r.status == 75)
        #expect(r.stderr.contains("another bulletin run holds the lock"))
    }

    @Test func explainShowsReasonsForEverySample() throws {
        let samples = Self.root.appendingPathComponent("samples")
        for name in try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted() where !name.hasSuffix(".md") && name.contains(".") {
            let r = try Self.bulletin(["explain", samples.appendingPathComponent(name).path])
            if name.hasPrefix("损坏") {
                #expect(r.status == 1 && r.stderr.contains(name), "\(r.stderr)")
            } else {
                #expect(r.status == 0, "\(name): \(r.stderr)")
                #expect(r.stdout.contains("依据"), "\(name) shows no reasons")
            }
        }
    }

    @Test func inspectReportsEveryRowOfTheSpreadsheetFixtures() throws {
        let fixtures = Self.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures")
        let files = ["csv/libreoffice-utf8.csv", "csv/libreoffice-gbk.csv", "csv/libreoffice-utf16.csv", "xlsx/libreoffice-汇总.xlsx", "xlsx/openpyxl-汇总.xlsx"]
        let r = try Self.bulletin(["inspect", "--json"] + files.map { fixtures.appendingPathComponent($0).path })
        let lines = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2 * 4 + 3, "two rows in each LibreOffice file, three in the openpyxl one")
        for line in lines {
            let fields = line["fields"] as? [String: String] ?? [:]
            #expect(Set(fields.keys) == ["submitter", "supervisor", "contact", "mobile", "title", "source", "summary"])
            #expect((line["index"] as? Int ?? 0) > 0)
        }
        let titles = lines.compactMap { ($0["fields"] as? [String: String])?["title"] }
        #expect(titles.filter { $0 == "高熵合金低温韧化机理研究" }.count == 5)
        let mobiles = Set(lines.compactMap { ($0["fields"] as? [String: String])?["mobile"] })
        #expect(mobiles.isSuperset(of: ["13800138000", "13912345678"]))
        #expect(r.status == 0, "the short-mobile row of the openpyxl file has problems, but every file has a valid row: \(r.stderr)")
        // Every line says whether a person should check its labels (需人工确认), why, and how sure each label is.
        for line in lines {
            let needsReview = try #require(line["needsReview"] as? Bool)
            let reasons = try #require(line["reviewReasons"] as? [String])
            #expect(needsReview == !reasons.isEmpty)
            let confidence = try #require(line["confidence"] as? [String: Double])
            #expect(Set(confidence.keys) == ["category", "subtype", "level", "industry"])
            let flags = line["flags"] as? [String] ?? []
            for reason in reasons where !reason.contains("申报") { #expect(flags.contains("需人工确认：\(reason)")) }
        }
    }

    @Test func evaluateShowsTheCategoryConfusionAndTheCasesToCheck() throws {
        let real = Self.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled/real/dev.json").path
        let r = try Self.bulletin(["evaluate", real])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("category confusion") && r.stdout.contains("需人工确认:"))
        let one = try Self.bulletin(["evaluate", real, "--case", "r004"])
        #expect(one.status == 0 && one.stdout.contains("[tally]"), "\(one.stderr)")
        let missing = try Self.bulletin(["evaluate", real, "--case", "nope"])
        #expect(missing.status == 64 && missing.stderr.contains("nope"))
    }

    @Test func evaluatePrintsFiguresPerLabel() throws {
        let r = try Self.bulletin(["evaluate"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("category") && r.stdout.contains("level"))
    }

    @Test func badFlagsAreUsageErrors() throws {
        let r = try Self.bulletin(["run", "--today", "2026-13-01"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("YYYY-MM-DD"))
        let c = try Self.bulletin(["run", "--config", "/nonexistent/pipeline.json"])
        #expect(c.status == 78)
        #expect(c.stderr.contains("/nonexistent/pipeline.json"))
    }
}
