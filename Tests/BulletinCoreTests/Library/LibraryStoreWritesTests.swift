import BulletinTestSupport
@testable import BulletinCore
import Foundation
import GRDB
import Testing

/// What the store writes, written more cheaply (store5), is what it wrote before: the JSON of cases, history
/// records and verdicts bound as bytes and cast to text is a TEXT value with exactly `JSONEncoder`'s bytes; a
/// case's postings row holds `MatchPostings.blob`'s bytes and `tokenText`'s text; a month's case numbers, read
/// once a transaction, go on from the library's highest in every month of the file.
@Suite struct LibraryStoreWritesTests {
    @Test func jsonIsStoredAsTextWithFoundationsBytes() throws {
        try TestSupport.withTemporaryFolder { work in
            let library = try CaseLibrary(path: work.appendingPathComponent("library.sqlite").path)
            let records = (0..<40).map { LibraryJSONTests.record($0, full: $0 % 2 == 0) }
            let result = try library.store(fileSHA256: "aa", fileName: "报送.csv", size: 1, outcome: .accepted, received: "2026-11-20", runId: "t",
                                           firstStage: .waiting(for: "初选"),
                                           arrivals: records.map { Arrival(record: $0, channel: .organised, classified: $0.classified) })
            #expect(result.added.count == records.count)
            let rows = try library.db.read { try Row.fetchAll($0, sql: "SELECT id, typeof(json) AS type, json FROM caseRecord ORDER BY seq") }
            #expect(rows.count == records.count)
            for (row, r) in zip(rows, records) {
                var stored = r
                stored.id = row["id"]
                #expect(row["type"] as String == "text")
                #expect(row["json"] as String == (try LibraryJSONTests.foundation(stored)))
            }
            // What a fresh value decodes is what the storing value remembered.
            #expect(try CaseLibrary(path: library.path).states(ids: result.added) == (try library.states(ids: result.added)))

            let events = (0..<40).map { i in
                var e = LibraryJSONTests.event(i, full: i % 2 == 1)
                e.caseId = result.added[i]
                return e
            }
            try library.append(events)
            let eventRows = try library.db.read {
                try Row.fetchAll($0, sql: "SELECT typeof(json) AS type, json FROM caseEvent WHERE runId <> 't' ORDER BY seq")
            }
            #expect(eventRows.count == events.count)
            for (row, e) in zip(eventRows, events) {
                #expect(row["type"] as String == "text")
                #expect(row["json"] as String == (try LibraryJSONTests.foundation(e)))
            }

            let verdicts = (0..<40).map { i in
                var v = LibraryJSONTests.verdict(i)
                v.otherID = result.added[(i + 1) % result.added.count]
                return v
            }
            try library.flagDuplicates(verdicts.enumerated().map { (result.added[$0.offset], [$0.element]) }, date: "2026-11-20")
            let flagRows = try library.db.read { try Row.fetchAll($0, sql: "SELECT caseId, typeof(verdict) AS type, verdict FROM duplicateFlag") }
            #expect(flagRows.count == verdicts.count)
            for row in flagRows {
                let i = try #require(result.added.firstIndex(of: row["caseId"] as String))
                #expect(row["type"] as String == "text")
                #expect(row["verdict"] as String == (try LibraryJSONTests.foundation(verdicts[i])))
            }
            try library.recordAttachment(fileSHA256: "aa", index: records[3].sourceIndex, verdict: verdicts[3])
            let attached = try library.db.read {
                try Row.fetchOne($0, sql: "SELECT typeof(matchVerdict) AS type, matchVerdict FROM sighting WHERE idx = ?", arguments: [records[3].sourceIndex])
            }
            #expect(attached?["type"] as String? == "text")
            #expect(attached?["matchVerdict"] as String? == (try LibraryJSONTests.foundation(verdicts[3])))
            #expect(try library.attachmentVerdicts(caseId: result.added[3]) == [verdicts[3]])
        }
    }

    @Test func postingsRowsAreMatchPostingsBytes() {
        var generator = SystemRandomNumberGenerator()
        for n in [0, 1, 2, 7, 64, 1000] {
            var grams: [UInt64] = []
            for i in 0..<n {
                let shifted: UInt64 = UInt64(i) << UInt64(i % 64)
                grams.append(i % 3 == 0 ? UInt64.random(in: 0...UInt64.max, using: &generator) : shifted)
            }
            #expect(StoredPostings.blob(grams) == MatchPostings.blob(grams))
            #expect(MatchPostings.grams(StoredPostings.blob(grams)) == grams)
        }
        let lists: [[String]] = [[], [""], LibraryJSONTests.hostile, ["300MW", "川农优498", "GB/T 1234-2020", "ZL201910123456.7"],
                                 LibraryJSONTests.hostile.reversed().map { "型号\($0)A/1" }]
        for list in lists {
            #expect(LibraryJSON.strings(list) == MatchPostings.tokenText(list))
            #expect(MatchPostings.tokens(json: Data(LibraryJSON.strings(list).utf8)) == list)
        }
    }

    @Test func aMonthsNumbersGoOnFromTheLibrarysInEveryMonthOfAFile() throws {
        try TestSupport.withTemporaryFolder { work in
            let library = try CaseLibrary(path: work.appendingPathComponent("library.sqlite").path)
            func arrivals(_ months: [String], from: Int) throws -> [Arrival] {
                try months.enumerated().map { i, month in
                    var r = LibraryJSONTests.record(from + i, full: false)
                    r.period = try #require(BulletinPeriod(month))
                    r.titleKey = "题目\(from + i)"
                    r.sourceIndex = from + i
                    return Arrival(record: r, channel: .organised, classified: false)
                }
            }
            let first = try library.store(fileSHA256: "a1", fileName: "一.csv", size: 1, outcome: .accepted, received: "2026-10-20", runId: "t",
                                          firstStage: .waiting(for: "初选"), arrivals: try arrivals(["2026-10", "2026-10", "2026-10"], from: 1))
            #expect(first.added == ["2026-10-0001", "2026-10-0002", "2026-10-0003"])
            let second = try library.store(fileSHA256: "a2", fileName: "二.csv", size: 1, outcome: .accepted, received: "2026-11-20", runId: "t",
                                           firstStage: .waiting(for: "初选"),
                                           arrivals: try arrivals(["2026-10", "2026-11", "2026-10", "2026-11", "2026-12", "2026-10"], from: 10))
            #expect(second.added == ["2026-10-0004", "2026-11-0001", "2026-10-0005", "2026-11-0002", "2026-12-0001", "2026-10-0006"])
            // A submission whose title key is already a case's joins it, and takes no number.
            var again = try arrivals(["2026-11"], from: 10)[0]
            again.record.sourceIndex = 99
            let third = try library.store(fileSHA256: "a3", fileName: "三.csv", size: 1, outcome: .accepted, received: "2026-11-21", runId: "t",
                                          firstStage: .waiting(for: "初选"), arrivals: [again] + (try arrivals(["2026-11"], from: 20)))
            #expect(third.links.map(\.caseId) == ["2026-10-0004", "2026-11-0003"] && third.links.map(\.added) == [false, true])
        }
    }
}

/// The JSON writer's string scan, eight bytes at a time, escapes exactly what the byte loop and `JSONEncoder` do:
/// every byte that needs escaping at every place of strings of every length up to 40 bytes, among ASCII, CJK and
/// emoji; and the word test is the byte test on crafted and random words.
@Suite struct LibraryJSONScanTests {
    @Test func theWordTestIsTheByteTest() {
        func bytewise(_ w: UInt64) -> Bool {
            (0..<8).contains { k in
                let b = UInt8(truncatingIfNeeded: w >> (8 * UInt64(k)))
                return b < 0x20 || b == 0x22 || b == 0x5C || b == 0x2F
            }
        }
        var words: [UInt64] = [0, .max, 0x2020_2020_2020_2020, 0x1F1F_1F1F_1F1F_1F1F, 0x8080_8080_8080_8080, 0x2121_2121_2121_2121]
        for k in 0..<8 {
            for b: UInt64 in [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x2E, 0x2F, 0x30, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xFF] {
                words.append(0x4141_4141_4141_4141 & ~(0xFF << (8 * UInt64(k))) | b << (8 * UInt64(k)))
                words.append(0xE6E6_E6E6_E6E6_E6E6 & ~(0xFF << (8 * UInt64(k))) | b << (8 * UInt64(k)))
            }
        }
        for _ in 0..<200_000 { words.append(UInt64.random(in: 0...UInt64.max)) }
        for w in words { #expect((LibraryJSON.Writer.needsEscape(w) != 0) == bytewise(w), "\(String(w, radix: 16))") }
    }

    @Test func everyEscapeAtEveryPlaceIsFoundationsBytes() {
        let specials = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + ["\"", "\\", "/"]
        let others = ["a", "成", "😀", "\u{7F}", "\u{80}", "é", " ", "."]
        for filler in others {
            for length in 0...40 {
                let plain = String(repeating: filler, count: length)
                #expect(LibraryJSON.strings([plain]) == MatchPostings.tokenText([plain]))
                let characters = Array(plain)
                for at in stride(from: 0, through: characters.count, by: max(1, characters.count / 7)) {
                    for special in specials {
                        var c = characters.map(String.init)
                        c.insert(special, at: at)
                        let s = c.joined() + (length % 3 == 0 ? special : "")
                        #expect(LibraryJSON.strings([s]) == MatchPostings.tokenText([s]), "\(filler) \(length) \(at) \(special.unicodeScalars.first?.value ?? 0)")
                    }
                }
            }
        }
    }
}
