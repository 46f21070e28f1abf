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

    /// The names of the logs (`*.jsonl`) in `folder`, sorted; none when it is missing or cannot be read.
    public static func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
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
        let endsMidLine = eachLine(bytes) { range, number in lines.append(line(Array(bytes[range]), number, decoder)) }
        return AuditLog(url: url, lines: lines, endsMidLine: endsMidLine)
    }

    /// Calls `body` with the byte range (without the line feed) and 1-based number of every non-empty line, the
    /// last one too when the bytes end without a line feed; returns whether they do.
    private static func eachLine(_ bytes: [UInt8], _ body: (Range<Int>, Int) -> Void) -> Bool {
        var start = 0
        var number = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            number += 1
            if i > start { body(start..<i, number) }
            start = i + 1
        }
        if start < bytes.count { body(start..<bytes.count, number + 1) }
        return start < bytes.count
    }

    /// The records of the log at `url` whose `type` is one of `types`, in order: the same records as
    /// `read(url).records.filter { types.contains($0.type) }`, but a line is decoded only when its bytes may hold
    /// such a record (a `"type"` key whose value is one of `types`, spaces allowed around the colon, or any `\u`
    /// escape, which could spell either), and no line is hashed. A night's log is mostly input records naming
    /// every case of its files; the outbox page wants only each run's first and last records.
    public static func records(ofTypes types: Set<String>, in url: URL) throws -> [AuditRecord] {
        let bytes = try FileOps.readOwnFile(url)
        let decoder = JSONDecoder()
        let wanted = types.map { Array("\"\($0)\"".utf8) }
        var out: [AuditRecord] = []
        _ = eachLine(bytes) { range, _ in
            let line = bytes[range]
            guard mayHold(line, wanted), let entry = try? decoder.decode(ChainedRecord.self, from: Data(line)),
                  types.contains(entry.record.type) else { return }
            out.append(entry.record)
        }
        return out
    }

    /// Whether `line` has a `"type"` key followed (after spaces and a colon) by one of `values` (each with its
    /// quotes), or a `\u` escape anywhere (then it is decoded to be sure).
    static func mayHold(_ line: ArraySlice<UInt8>, _ values: [[UInt8]]) -> Bool {
        let key = Array("\"type\"".utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        func matches(_ pattern: [UInt8], at i: Int) -> Bool {
            guard i + pattern.count <= line.endIndex else { return false }
            for (k, b) in pattern.enumerated() where line[i + k] != b { return false }
            return true
        }
        var i = line.startIndex
        while i < line.endIndex {
            let b = line[i]
            if b == 0x5C, i + 1 < line.endIndex, line[i + 1] == 0x75 { return true }  // \u
            if b == 0x22, matches(key, at: i) {
                var j = i + key.count
                while j < line.endIndex, isSpace(line[j]) { j += 1 }
                if j < line.endIndex, line[j] == 0x3A {
                    j += 1
                    while j < line.endIndex, isSpace(line[j]) { j += 1 }
                    if values.contains(where: { matches($0, at: j) }) { return true }
                }
            }
            i += 1
        }
        return false
    }

    private static func line(_ bytes: [UInt8], _ number: Int, _ decoder: JSONDecoder) -> Line {
        let hash = Hashing.sha256(bytes)
        // An input or output line in the form its writer writes is read directly (`AuditLineReader`: what
        // JSONDecoder gives); anything else by JSONDecoder, whose error it is.
        if let plain = bytes.withUnsafeBytes({ AuditLineReader.input($0) ?? AuditLineReader.output($0) }) {
            return Line(number: number, hash: hash, entry: plain, error: nil)
        }
        do {
            return Line(number: number, hash: hash, entry: try decoder.decode(ChainedRecord.self, from: Data(bytes)), error: nil)
        } catch {
            return Line(number: number, hash: hash, entry: nil, error: "\(error)")
        }
    }

    /// The bytes of one chained record as the writer puts them on a line (sorted keys, no escaped slashes).
    public static func encode(_ entry: ChainedRecord) throws -> [UInt8] {
        // An input record (a big file's is one link per case) is written directly, with the same bytes.
        if case .input(let r) = entry.record, let line = AuditLine.input(r, seq: entry.seq, prev: entry.prev) { return line }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(entry))
    }
}
