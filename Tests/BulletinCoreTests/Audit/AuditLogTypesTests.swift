@testable import BulletinCore
import Foundation
import Testing

/// `AuditLog.records(ofTypes:in:)`, which the outbox page reads each recent run's log with: the same records as
/// reading the whole log and keeping those types, though it decodes only the lines that may hold them.
@Suite struct AuditLogTypesTests {
    static let sets: [Set<String>] = [["run", "summary", "failure"], ["input"], ["output"], ["summary"], ["run", "input", "output", "summary", "failure"]]

    static func same(_ url: URL, _ types: Set<String>) throws -> Bool {
        try AuditLog.records(ofTypes: types, in: url) == AuditLog.read(url).records.filter { types.contains($0.type) }
    }

    @Test func runLogsGiveTheSameRecords() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try await bench.twoNights()
        let logs = try bench.logs()
        #expect(logs.count == 2)
        for log in logs {
            let kinds = Set(log.records.map(\.type))
            #expect(kinds.isSuperset(of: ["run", "input", "output", "summary"]), "\(kinds)")
            for types in Self.sets { #expect(try Self.same(log.url, types), "\(log.url.lastPathComponent) \(types)") }
            #expect(try AuditLog.records(ofTypes: ["run", "summary", "failure"], in: log.url).map(\.type) == ["run", "summary"])
        }
    }

    /// Lines written otherwise than the writer does (spaces around the colon, the key or value spelled with `\u`
    /// escapes), a cut line, a line that is not JSON: still the same records as the full read.
    @Test func linesWrittenOtherwiseAreNotMissed() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try bench.drop(["高熵合金.csv": AuditBench.csv("高熵合金低温韧化机理研究")])
        try await bench.run()
        let url = try #require(try bench.logs().first?.url)
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let summary = try #require(lines.first { $0.contains("\"type\":\"summary\"") })
        let run = try #require(lines.first { $0.contains("\"type\":\"run\"") })
        let input = try #require(lines.first { $0.contains("\"type\":\"input\"") })
        let odd = [
            summary.replacingOccurrences(of: "\"type\":\"summary\"", with: "\"type\" :\t \"summary\""),
            run.replacingOccurrences(of: "\"type\":\"run\"", with: "\"typ\\u0065\":\"run\""),
            summary.replacingOccurrences(of: "\"type\":\"summary\"", with: "\"type\":\"\\u0073ummary\""),
            input.replacingOccurrences(of: "\"type\":\"input\"", with: "\"type\" : \"input\""),
            String(summary.prefix(summary.count / 2)),
            "not json \"type\":\"summary\"",
        ]
        let other = bench.work.appendingPathComponent("odd.jsonl")
        try (odd.joined(separator: "\n") + "\n" + odd[0]).write(to: other, atomically: true, encoding: .utf8)
        let full = try AuditLog.read(other).records
        #expect(full.map(\.type) == ["summary", "run", "summary", "input", "summary"], "the odd lines decode as written")
        for types in Self.sets { #expect(try Self.same(other, types), "\(types)") }
    }

    @Test func onlyLinesNamingTheTypeAreDecoded() {
        let wanted = [Array("\"summary\"".utf8)]
        func may(_ s: String) -> Bool { AuditLog.mayHold(Array(s.utf8)[...], wanted) }
        #expect(may(#"{"schema":2,"type":"summary"}"#))
        #expect(may(#"{"type" : "summary"}"#))
        #expect(may(#"{"t\u0079pe":"summary"}"#))
        #expect(!may(#"{"schema":2,"type":"input","name":"summary.csv"}"#))
        #expect(!may(#"{"type":"input","reasons":["\"type\":\"summary\""]}"#), "escaped quotes inside a string do not make a key")
        #expect(!may(#"{"type":"summaryX"}"#))
    }
}
