import SystemFiles
import Foundation

/// A log file read back line by line: each line's bytes, its hash and its typed record. Used by the run
/// (to continue the chain and reconcile), by `bulletin verify`, and by tests.
public struct AuditLog: Sendable {
    /// One line of a log.
    public struct Line: Sendable {
        /// 1-based line number in the file.
        public var number: Int
        /// sha256 of the line's bytes (without the line feed): the record's hash.
        public var hash: String
        /// The record, or nil when the line does not decode.
        public var entry: ChainedRecord?
        /// Why the line does not decode.
        public var error: String?
    }

    /// Where it was read from.
    public var url: URL
    /// Its lines, in order.
    public var lines: [Line]
    /// Whether the file ended without a line feed (a record cut short).
    public var endsMidLine: Bool

    /// The hash of the last line, "" for an empty log.
    public var lastHash: String { lines.last?.hash ?? "" }
    /// The decoded records, in order (lines that do not decode left out).
    public var records: [AuditRecord] { lines.compactMap { $0.entry?.record } }
    /// Whether this is a chained (schema 2) log: its first record carries `prev`.
    public var isChained: Bool { lines.first?.entry?.prev != nil }

    /// Reads `url`.
    public static func read(_ url: URL) throws -> AuditLog {
        let bytes = try FileOps.readOwnFile(url)
        return parse(bytes, url: url)
    }

    /// Parses log bytes.
    public static func parse(_ bytes: [UInt8], url: URL) -> AuditLog {
        let decoder = JSONDecoder()
        var lines: [Line] = []
        var start = 0
        var number = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            number += 1
            if i > start { lines.append(line(Array(bytes[start..<i]), number, decoder)) }
            start = i + 1
        }
        let endsMidLine = start < bytes.count
        if endsMidLine { lines.append(line(Array(bytes[start...]), number + 1, decoder)) }
        return AuditLog(url: url, lines: lines, endsMidLine: endsMidLine)
    }

    private static func line(_ bytes: [UInt8], _ number: Int, _ decoder: JSONDecoder) -> Line {
        do {
            return Line(number: number, hash: Hashing.sha256(bytes), entry: try decoder.decode(ChainedRecord.self, from: Data(bytes)), error: nil)
        } catch {
            return Line(number: number, hash: Hashing.sha256(bytes), entry: nil, error: "\(error)")
        }
    }

    /// The bytes of one chained record as the writer puts them on a line (sorted keys, no escaped slashes).
    public static func encode(_ entry: ChainedRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(entry))
    }
}
