import BulletinCore
import Foundation

/// Paths and helpers shared by the test targets (BulletinCoreTests, EndToEndTests).
public enum TestSupport {
    /// The package root, found from this file's path.
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's pipeline.json, decoded and validated; the second look at inbox files is immediate
    /// (`intake.settleCheckSeconds` 0), so that no test waits.
    public static func config() throws -> PipelineConfig {
        var config = try PipelineConfig.load(from: root.appendingPathComponent("pipeline.json"))
        config.intake.settleCheckSeconds = 0
        return config
    }

    /// The repository's pipeline.json as text, for a copy written to another folder: `scoring.model.weights` made
    /// absolute, since a relative one is read from the folder of the copy, which holds no weights.
    public static func pipelineJSONForCopy() throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent("pipeline.json"), encoding: .utf8)
        let old = "\"weights\": \"data/scoring-model.json\""
        precondition(text.contains(old), "pipeline.json no longer holds \(old)")
        return text.replacingOccurrences(of: old, with: "\"weights\": \"\(root.appendingPathComponent("data/scoring-model.json").path)\"")
    }

    /// Loads the repository's pipeline.json with one piece of text replaced, expecting a ConfigError.
    public static func configError(replacing old: String, with new: String) throws -> ConfigError? {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try pipelineJSONForCopy()
        precondition(text.contains(old), "pipeline.json no longer holds \(old)")
        let url = folder.appendingPathComponent("pipeline.json")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try PipelineConfig.load(from: url)
            return nil
        } catch let e as ConfigError {
            return e
        }
    }

    /// A fresh temporary folder; the caller removes it.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` with a fresh temporary folder and removes the folder afterwards, whatever happens.
    public static func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// `Tests/BulletinCoreTests/Fixtures/<path>`.
    public static func fixture(_ path: String) -> URL {
        root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures").appendingPathComponent(path)
    }

    /// Every record of every log under `outbox/logs`, decoded (the typed log reader auditors' tools would use), the
    /// logs in the order of their runs: each run's record names the log before it (`previousLog`), and a log follows
    /// the one it names. (Names do not sort as runs do: a second run in the same second of one process is
    /// `run-…-<pid>-2`, which sorts before `run-…-<pid>`.) Logs no run names as its previous one start a chain, in
    /// name order.
    public static func logRecords(_ outbox: URL) throws -> [AuditRecord] {
        let logs = outbox.appendingPathComponent("logs")
        let names = try FileManager.default.contentsOfDirectory(atPath: logs.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        var records: [String: [AuditRecord]] = [:]
        var previous: [String: String] = [:]
        for name in names {
            let r = try AuditLog.read(logs.appendingPathComponent(name)).records
            records[name] = r
            for case .run(let start) in r.prefix(1) {
                if let p = start.previousLog, !p.isEmpty { previous[name] = (p as NSString).lastPathComponent }
            }
        }
        var next: [String: [String]] = [:]
        for name in names { if let p = previous[name], records[p] != nil { next[p, default: []].append(name) } }
        var ordered: [String] = []
        var queue = names.filter { previous[$0].map { records[$0] == nil } ?? true }
        while !queue.isEmpty {
            let name = queue.removeFirst()
            ordered.append(name)
            queue.insert(contentsOf: next[name] ?? [], at: 0)
        }
        // A log left out (a cycle, which no run writes) is read after the others, in name order.
        ordered += names.filter { !ordered.contains($0) }
        return ordered.flatMap { records[$0] ?? [] }
    }

    /// GB18030 bytes of `text` (through iconv, as Excel on Chinese Windows would save it).
    public static func gb18030(_ text: String) throws -> [UInt8] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.txt")
        try Data(text.utf8).write(to: input)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        p.arguments = ["-f", "UTF-8", "-t", "GB18030", input.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }
}

// Dates and months written as literals in tests ("2026-11", "2026-11-22"); a malformed literal fails loudly.
extension BulletinPeriod: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral {
    public init(stringLiteral value: String) {
        guard let p = BulletinPeriod(value) else { preconditionFailure("not a month YYYY-MM: \(value)") }
        self = p
    }
}

extension CalendarDate: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral {
    public init(stringLiteral value: String) {
        guard let d = CalendarDate(value) else { preconditionFailure("not a date YYYY-MM-DD: \(value)") }
        self = d
    }
}
