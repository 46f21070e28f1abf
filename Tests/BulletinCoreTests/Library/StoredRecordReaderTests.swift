import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// `StoredRecordReader` reads a case's stored JSON as `JSONDecoder` does: on real scored cases, on records holding
/// every ASCII character and other scalars (so every escape the writer writes), on numbers chosen to break a
/// reader, with every optional present and absent; it leaves every other form to `JSONDecoder`; and the library's
/// reads of stored cases give what they gave through `JSONDecoder` alone.
@Suite struct StoredRecordReaderTests {
    static func read(_ json: String) -> CaseRecord? {
        Array(json.utf8).withUnsafeBytes { StoredRecordReader.record($0, numbers: LibraryJSON.Writer()) }
    }

    static func decoded(_ json: String) throws -> CaseRecord { try JSONDecoder().decode(CaseRecord.self, from: Data(json.utf8)) }

    @Test func hostileRecordsReadAsJSONDecoderReadsThem() throws {
        var escaped = 0
        for i in 0..<(2 * LibraryJSONTests.hostile.count) {
            for full in [false, true] {
                let json = try LibraryJSON.string(LibraryJSONTests.record(i, full: full))
                if json.contains("\\") { escaped += 1 }
                let read = try #require(Self.read(json), "record \(i) full \(full): \(json)")
                #expect(read == (try Self.decoded(json)), "record \(i) full \(full)")
            }
        }
        // Every escape the writer writes was met (each ASCII control character, `"`, `\` and `/`).
        #expect(escaped >= 2 * 36)
    }

    @Test func numbersReadAsJSONDecoderReadsThem() throws {
        let numbers = LibraryJSON.Writer()
        for d in LibraryJSONTests.someNumbers() {
            let reason = Reason(rule: "r", field: "f", matched: "m", weight: d, conclusion: "c")
            var a = Assessment(score: d, reasons: [reason, reason], amountWanYuan: -d)
            a.confidence = LabelConfidence(category: d, subtype: d / 3, level: d, industry: d)
            let r = CaseRecord(id: "x", titleKey: "k", fields: [:], classified: false, assessment: a, period: BulletinPeriod("2026-01"),
                               sourceFile: "f", sourceIndex: Int(truncatingIfNeeded: d.bitPattern), sourceSHA256: "s", received: "2026-01-01")
            let json = try LibraryJSON.string(r)
            // One writer kept for every number, as the library keeps one for a read.
            let read = try #require(Array(json.utf8).withUnsafeBytes { StoredRecordReader.record($0, numbers: numbers) }, "\(d)")
            let expected = try Self.decoded(json)
            #expect(read == expected, "\(d)")
            #expect(read.assessment.score.bitPattern == expected.assessment.score.bitPattern, "\(d)")
        }
    }

    @Test func realScoredCasesReadAsJSONDecoderReadsThem() throws {
        let processor = try SubmissionProcessor(config: try TestSupport.config())
        var scored: [ScoredSubmission] = []
        for bytes in [NightlyCostTests.csv(), NightlyCostTests.csv(second: true)] {
            scored += try processor.process(bytes: bytes, fileName: "十月汇总.csv").1.filter(\.checked.isValid)
        }
        #expect(scored.count >= 10)
        var escaped = 0
        for (i, s) in scored.enumerated() {
            let r = CaseRecord(id: "2026-10-\(i)", titleKey: s.titleKey, fields: s.checked.submission.fields, classified: i % 2 == 0,
                               assessment: s.assessment, period: BulletinPeriod("2026-10"), sourceFile: "十月汇总.csv",
                               sourceIndex: s.checked.submission.index, sourceSHA256: "aa", received: "2026-10-20")
            let json = try LibraryJSON.string(r)
            if json.contains("\\/") { escaped += 1 }  // a reason citing GB/T 4754
            #expect(Self.read(json) == r)
        }
        #expect(escaped >= 5)
    }

    @Test func otherFormsAreLeftToJSONDecoder() throws {
        let json = try LibraryJSON.string(LibraryJSONTests.record(40, full: true))
        #expect(Self.read(json) != nil)
        let lean = try LibraryJSON.string(LibraryJSONTests.record(40, full: false))
        #expect(Self.read(lean) != nil)
        // An older record: keys JSONDecoder fills in with defaults are left out (it reads it; this reader does not).
        let older = #"{"assessment":{"category":"应用研究成果","industry":"","level":"","reasons":[],"score":0,"subtype":""},"classified":false,"fields":{},"id":"2025-01-0001","period":"2025-01","received":"2025-01-20","sourceFile":"a.csv","sourceIndex":1,"sourceSHA256":"s","titleKey":"k"}"#
        #expect(Self.read(older) == nil)
        #expect(try Self.decoded(older).assessment.eligible)
        for other in [
            json.replacingOccurrences(of: ",\"classified\"", with: ", \"classified\""),  // white space
            json.replacingOccurrences(of: "\"classified\":", with: "\"classified\" :"),
            json + "\n",
            json.replacingOccurrences(of: "\"sourceIndex\":-20", with: "\"sourceIndex\":-20.0"),  // not the writer's number
            json.replacingOccurrences(of: "\"score\":", with: "\"score\":+"),
            json.replacingOccurrences(of: "\"needsReview\":true", with: "\"needsReview\":1"),
            json.replacingOccurrences(of: "\"period\":\"2026-11\"", with: "\"period\":\"2026-13\""),  // JSONDecoder's error
            json.replacingOccurrences(of: "\"received\":\"2026-11-20\"", with: "\"received\":\"2026-02-30\""),
            json.replacingOccurrences(of: "\"title\":", with: "\"titel\":"),  // an unknown field
            json.replacingOccurrences(of: "\"titleKey\":", with: "\"extra\":1,\"titleKey\":"),  // an unknown key
            json.replacingOccurrences(of: "\"id\":", with: "\"id\":null,\"idx\":"),
            String(json.dropLast()),  // cut short
            json.replacingOccurrences(of: "指向", with: "\\ud83d指向"),  // half a surrogate pair
            json.replacingOccurrences(of: "指向", with: "\\q指向"),  // not an escape
        ] {
            #expect(other != json, "the case must hold what is replaced: \(other)")
            #expect(Self.read(other) == nil, "\(other)")
        }
        // Escapes another writer might use read as JSONDecoder reads them.
        let unicode = json.replacingOccurrences(of: "指向", with: "\\u6307\\u5411\\u0041\\/")
        #expect(unicode != json)
        #expect(Self.read(unicode) == (try Self.decoded(unicode)))
    }

    /// The library reads its stored cases back through the reader: a library holding cases of hostile text, opened
    /// afresh (so nothing is remembered from storing them), gives the cases it was given.
    @Test func theLibraryReadsStoredCasesBack() throws {
        try TestSupport.withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("library.sqlite").path
            let records = (0..<60).map { i -> CaseRecord in
                var r = LibraryJSONTests.record(i, full: i % 2 == 0)
                r.id = "2026-11-\(String(format: "%04d", i + 1))"
                return r
            }
            try CaseLibrary(path: path).db.write { db in
                for (k, r) in records.enumerated() {
                    try db.execute(sql: "INSERT INTO caseRecord (id, period, seq, titleKey, title, classified, score, received, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [r.id, r.period.description, k + 1, r.titleKey, r[.title], r.classified,
                                               r.assessment.score, r.received.description, try LibraryJSON.string(r)])
                }
            }
            // Opened afresh: nothing is remembered from storing them, so every case is read from its JSON.
            let states = try CaseLibrary(path: path).states(where: "1", [])
            #expect(states.count == records.count)
            let byId = Dictionary(uniqueKeysWithValues: states.map { ($0.record.id, $0.record) })
            for r in records { #expect(byId[r.id] == r, "\(r.id)") }
        }
    }
}
