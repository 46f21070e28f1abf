import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// The input lines of the audit log read without `JSONDecoder` (`AuditLineReader`, store9) are what `JSONDecoder`
/// reads from them: on the hostile records `AuditLineTests` writes (every ASCII character, CJK, emoji, `/`, the
/// numbers the library's writer is tested on), with and without `seq`, `prev` and `notMovedTo`; a line it does not
/// read in full (an escape, spacing, another key, a schema it does not know, a number written otherwise, a cut)
/// gives nil, so `JSONDecoder` decides; and `AuditLog.parse` gives the entries and errors it gave before.
@Suite struct AuditLineReaderTests {
    static func decoded(_ line: [UInt8]) -> ChainedRecord? { try? JSONDecoder().decode(ChainedRecord.self, from: Data(line)) }
    static func read(_ line: [UInt8]) -> ChainedRecord? { line.withUnsafeBytes { AuditLineReader.input($0) } }

    static func lines() -> [[UInt8]] {
        var out: [[UInt8]] = []
        for i in 0..<(2 * LibraryJSONTests.hostile.count) {
            let r = AuditLineTests.record(i, links: i % 9 == 0 ? 0 : 1 + i % 23)
            for (seq, prev) in [(Int?(i + 1), String?(String(repeating: "0f", count: 32))), (nil, nil), (1, ""), (i, nil)] {
                if let line = AuditLine.input(r, seq: seq, prev: prev) { out.append(line) }
            }
        }
        return out
    }

    @Test func plainLinesReadAsJSONDecoderReadsThem() throws {
        var read = 0
        for line in Self.lines() {
            let expected = try #require(Self.decoded(line))
            if let mine = Self.read(line) {
                #expect(mine == expected)
                read += 1
            } else {
                // Only a line with an escape is left to JSONDecoder.
                #expect(line.contains(0x5C), "\(String(decoding: line, as: UTF8.self))")
            }
        }
        #expect(read > 100)
    }

    @Test func anyOtherFormIsLeftToJSONDecoder() throws {
        func replacing(_ line: [UInt8], _ a: String, _ b: String) -> [UInt8] {
            Array(String(decoding: line, as: UTF8.self).replacingOccurrences(of: a, with: b).utf8)
        }
        var changed = 0
        for line in Self.lines().filter({ Self.read($0) != nil }).prefix(80) {
            let text = String(decoding: line, as: UTF8.self)
            var variants: [[UInt8]] = [
                Array(" ".utf8) + line, line + Array(" ".utf8), Array(line.dropLast()), Array(line.dropFirst()),
                replacing(line, "\"schema\":2", "\"schema\":3"), replacing(line, "\"schema\":2", "\"schema\":2.0"),
                replacing(line, "\"type\":\"input\"", "\"type\":\"output\""), replacing(line, "\"type\":\"input\"", "\"type\":\"input\",\"zz\":1"),
                replacing(line, "\"size\":", "\"size\": "), replacing(line, "\"score\":", "\"score\":0"), replacing(line, "\"index\":", "\"index\":0"),
                replacing(line, ",\"status\":\"added\"", ""), replacing(line, "\"classified\":true", "\"classified\":1"),
                replacing(line, "\"cases\":[", "\"cases\":[ "), replacing(line, "\"movedTo\":", "\"a\":1,\"movedTo\":"),
                replacing(line, "\"reasons\":[]", "\"reasons\":null"), replacing(line, "\"outcome\":", "\"outcome\":\"x\",\"outcome\":"),
            ]
            if let r = text.range(of: "\"score\":") {
                // A score written with more digits than the writer writes (the same number, or another).
                let rest = text[r.upperBound...]
                let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
                variants.append(Array((text[..<r.upperBound] + rest[..<end] + "0" + rest[end...]).utf8))
                variants.append(Array((text[..<r.upperBound] + "1.50" + rest[end...]).utf8))
                variants.append(Array((text[..<r.upperBound] + "1E2" + rest[end...]).utf8))
            }
            for v in variants where v != line {
                changed += 1
                if let mine = Self.read(v) {
                    #expect(mine == Self.decoded(v), "\(String(decoding: v, as: UTF8.self))")
                }
            }
            // These are never read (JSONDecoder refuses some, reads others with a value the reader does not vouch for).
            #expect(Self.read(replacing(line, "\"schema\":2", "\"schema\":3")) == nil)
            #expect(Self.read(Array(line.dropLast())) == nil)
            #expect(Self.read(line + Array(" ".utf8)) == nil)
        }
        #expect(changed > 1_000)
    }

    /// Output lines as `AuditLog.encode` writes them (`JSONEncoder`): hostile paths, kinds, case ids and notes
    /// (every escape it writes), with and without `seq`, `prev` and notes, and the schema-1 form.
    static func outputLines() throws -> [[UInt8]] {
        let hostile = LibraryJSONTests.hostile
        var out: [[UInt8]] = []
        for i in 0..<(2 * hostile.count) {
            let s = hostile[i % hostile.count]
            let r = AuditRecord.OutputRecord(path: "review/2026-06-初选-\(s).xlsx", sha256: i % 7 == 0 ? "" : String(repeating: "cd", count: 32),
                                             kind: "review sheet 初选 \(s)", cases: (0..<(i % 5)).map { "2026-06-\($0)\(hostile[($0 + i) % hostile.count])" },
                                             notes: i % 3 == 0 ? [] : ["only \(i) achievement(s)", s])
            for (seq, prev) in [(Int?(i + 1), String?(String(repeating: "0f", count: 32))), (nil, nil), (1, ""), (i, nil)] {
                out.append(try AuditLog.encode(ChainedRecord(seq: seq, prev: prev, record: .output(r))))
            }
        }
        return out
    }

    @Test func outputLinesReadAsJSONDecoderReadsThem() throws {
        var escaped = 0
        for line in try Self.outputLines() {
            let expected = try #require(Self.decoded(line))
            let mine = try #require(line.withUnsafeBytes { AuditLineReader.output($0) }, "\(String(decoding: line, as: UTF8.self))")
            #expect(mine == expected)
            if line.contains(0x5C) { escaped += 1 }
            // An output line is not an input line, nor the reverse.
            #expect(Self.read(line) == nil)
        }
        #expect(escaped > 100)
        for line in Self.lines() { #expect(line.withUnsafeBytes { AuditLineReader.output($0) } == nil) }
        // Other forms: left to JSONDecoder (a line without `notes`, an older log's, is read by it and not by the reader
        // only when the reader cannot vouch for it; here it can, and both agree).
        let line = try #require(try Self.outputLines().first { !$0.contains(0x5C) })
        let text = String(decoding: line, as: UTF8.self)
        for other in [" " + text, text + " ", String(text.dropLast()), text.replacingOccurrences(of: "\"schema\":2", with: "\"schema\":3"),
                      text.replacingOccurrences(of: "\"type\":\"output\"", with: "\"type\":\"run\""),
                      text.replacingOccurrences(of: "\"path\":", with: "\"path\" :"),
                      text.replacingOccurrences(of: "\"kind\":", with: "\"extra\":1,\"kind\":")] {
            #expect(other != text)
            #expect(Array(other.utf8).withUnsafeBytes { AuditLineReader.output($0) } == nil, "\(other)")
        }
        let withoutNotes = text.replacingOccurrences(of: #""notes":[],"#, with: "")
        if withoutNotes != text {
            #expect(Array(withoutNotes.utf8).withUnsafeBytes { AuditLineReader.output($0) } == Self.decoded(Array(withoutNotes.utf8)))
        }
    }

    @Test func parsingALogGivesWhatJSONDecoderGave() throws {
        var log: [UInt8] = []
        let lines = Array(Self.lines().prefix(40)) + Array(try Self.outputLines().prefix(40))
        for line in lines { log += line + [0x0A] }
        // A line changed by hand and a line of another type.
        log += Array("{\"cases\":[],\"movedTo\":\"x\"}\n".utf8)
        let output = try AuditLog.encode(ChainedRecord(seq: 9, prev: "p", record: .output(.init(path: "a/b", sha256: "s", kind: "k", cases: []))))
        log += output + [0x0A]
        let parsed = AuditLog.parse(log, url: URL(fileURLWithPath: "/tmp/x.jsonl"))
        #expect(parsed.lines.count == lines.count + 2)
        for (i, line) in (lines + [Array("{\"cases\":[],\"movedTo\":\"x\"}".utf8), output]).enumerated() {
            #expect(parsed.lines[i].entry == Self.decoded(line))
            #expect(parsed.lines[i].hash == Hashing.sha256(line))
            #expect((parsed.lines[i].error == nil) == (Self.decoded(line) != nil))
        }
    }
}
