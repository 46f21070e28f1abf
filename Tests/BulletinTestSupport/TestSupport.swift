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

    /// Every record of every log under `outbox/logs`, decoded (the typed log reader auditors' tools would use).
    public static func logRecords(_ outbox: URL) throws -> [AuditRecord] {
        let logs = outbox.appendingPathComponent("logs")
        return try FileManager.default.contentsOfDirectory(atPath: logs.path).filter { $0.hasSuffix(".jsonl") }.sorted()
            .flatMap { try AuditLog.read(logs.appendingPathComponent($0)).records }
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
