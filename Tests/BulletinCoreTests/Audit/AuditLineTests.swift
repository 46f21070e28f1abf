import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// The input record's log line written directly (`AuditLine`, store6) is byte for byte `JSONEncoder`'s (sorted
/// keys, slashes not escaped), with and without `seq`, `prev` and `notMovedTo`, on every ASCII character, CJK,
/// emoji, `/`, U+2028 and the numbers the library's writer is tested on; a score that is not finite throws as
/// before; and the writer names every stored property of the record and its links.
@Suite struct AuditLineTests {
    static func foundation(_ entry: ChainedRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(entry))
    }

    static func record(_ i: Int, links: Int) -> AuditRecord.InputRecord {
        let hostile = LibraryJSONTests.hostile, numbers = LibraryJSONTests.numbers
        let s = hostile[i % hostile.count]
        let cases = (0..<links).map { j in
            AuditRecord.CaseLink(index: j * 7 - 3, location: "第\(j + 2)行" + hostile[(i + j) % hostile.count], caseId: "2026-06-\(j)" + s,
                                 status: j % 2 == 0 ? "added" : "alreadyKnown", category: "应用研究成果" + hostile[(i + 2 * j) % hostile.count],
                                 level: j % 3 == 0 ? "" : "国际领先/" + s, score: numbers[(i + j) % numbers.count], classified: j % 4 == 1)
        }
        var r = AuditRecord.InputRecord(name: "2026-06-汇总\(s).csv", sha256: String(repeating: "ab", count: 32), size: i * 1_000_003 - 5,
                                        outcome: i % 3 == 0 ? "partial" : "accepted", movedTo: "archive/2026-06/2026-06-汇总\(s).csv", cases: cases,
                                        reasons: i % 2 == 0 ? [] : ["#3 refused: 联系手机 \(s)", "the refused submissions are at quarantine/2026-06/x.refused.csv", s])
        if i % 5 == 4 { r.notMovedTo = "archive/2026-06/" + s }
        return r
    }

    @Test func theLineIsJSONEncodersBytes() throws {
        for i in 0..<(2 * LibraryJSONTests.hostile.count) {
            let r = Self.record(i, links: i % 9 == 0 ? 0 : 1 + i % 23)
            for (seq, prev) in [(Int?(i + 1), String?(String(repeating: "0f", count: 32))), (nil, nil), (1, ""), (i, nil)] {
                let entry = ChainedRecord(seq: seq, prev: prev, record: .input(r))
                let line = try #require(AuditLine.input(r, seq: seq, prev: prev))
                #expect(line == (try Self.foundation(entry)), "record \(i)")
                #expect(try AuditLog.encode(entry) == (try Self.foundation(entry)))
            }
        }
        // Records of the other kinds go through JSONEncoder as before.
        let output = ChainedRecord(seq: 3, prev: "p", record: .output(.init(path: "review/a/b.xlsx", sha256: "x", kind: "k", cases: ["1"], notes: ["n/"])))
        #expect(try AuditLog.encode(output) == (try Self.foundation(output)))
    }

    @Test func aScoreThatIsNotFiniteThrowsAsFoundationDoes() {
        var r = Self.record(1, links: 3)
        r.cases[1].score = .nan
        #expect(AuditLine.input(r, seq: 1, prev: "") == nil)
        #expect(throws: EncodingError.self) { try AuditLog.encode(ChainedRecord(seq: 1, prev: "", record: .input(r))) }
    }

    @Test func theWriterNamesEveryStoredProperty() throws {
        func labels(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }
        var r = Self.record(4, links: 2)
        r.notMovedTo = "x"
        let line = try #require(AuditLine.input(r, seq: 1, prev: "p"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(Set(object.keys) == labels(r).union(["seq", "prev", "schema", "type"]))
        #expect(Set(try #require((object["cases"] as? [[String: Any]])?.first).keys) == labels(r.cases[0]))
        // And it reads back as the record it was made from.
        #expect(try JSONDecoder().decode(ChainedRecord.self, from: Data(line)) == ChainedRecord(seq: 1, prev: "p", record: .input(r)))
    }
}
