@testable import BulletinCore
import Foundation
import Testing

/// What the earlier logs recorded (`LoggedIndex`, read at the start of every run) is kept in the library by each
/// log's sha256, so a run decodes only the logs it has not seen; the index is the one decoding every log gives.
@Suite struct LoggedIndexTests {
    static func same(_ a: LoggedIndex, _ b: LoggedIndex) -> Bool {
        a.movedTo == b.movedTo && a.outputs == b.outputs && a.inputs == b.inputs
    }

    @Test func keptRowsGiveTheSameIndexAndChangedBytesAreDecodedAgain() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try await bench.twoNights()
        try bench.drop(["高熵合金.csv": AuditBench.csv("高熵合金低温韧化机理研究")])  // the same bytes again: a duplicate
        try await bench.run()
        let inputs = try bench.inputs()
        #expect(inputs.last?.outcome == "duplicate", "the third run knew the bytes from the logs: \(inputs.map(\.outcome))")

        let logs = bench.outbox.appendingPathComponent("logs")
        let library = try CaseLibrary(path: bench.outbox.appendingPathComponent("library.sqlite").path)
        let plain = LoggedIndex(logsFolder: logs, outbox: bench.outbox)
        #expect(!plain.inputs.isEmpty && !plain.movedTo.isEmpty && !plain.outputs.isEmpty)
        // The runs kept a row for each log they found (the first two logs; the third run's log came after it).
        let kept = try library.loggedFiles()
        #expect(kept.count == 2, "\(kept.keys.sorted())")
        for (name, row) in kept {
            let bytes = [UInt8](try Data(contentsOf: logs.appendingPathComponent(name)))
            #expect(row.sha256 == Hashing.sha256(bytes))
            #expect(row.recorded == LoggedIndex.OfLog(AuditLog.parse(bytes, url: logs.appendingPathComponent(name))))
        }
        let cached = LoggedIndex(logsFolder: logs, outbox: bench.outbox, library: library)
        #expect(Self.same(cached, plain))
        #expect(try library.loggedFiles().count == 3, "the third log is kept now")

        // A kept row is used for the bytes it was read from: a row made up for a log's real sha256 shows (which is
        // how the test sees that the log was not decoded) ...
        let name = try #require(kept.keys.sorted().first)
        let bytes = [UInt8](try Data(contentsOf: logs.appendingPathComponent(name)))
        let made = LoggedIndex.OfLog(movedTo: ["made/up.csv"], outputs: [], inputs: [])
        try library.keepLoggedFiles([(name, Hashing.sha256(bytes), made)])
        #expect(LoggedIndex(logsFolder: logs, outbox: bench.outbox, library: library).movedTo.contains("made/up.csv"))
        // ... but once the log's bytes change, the row is not trusted: the log is decoded again, as it now reads.
        let changed = bytes + Array(#"{"schema":1,"type":"input","name":"x.csv","sha256":"abc","size":1,"outcome":"accepted","movedTo":"archive/x.csv","cases":[],"reasons":[]}"#.utf8) + [0x0A]
        try Data(changed).write(to: logs.appendingPathComponent(name))
        let after = LoggedIndex(logsFolder: logs, outbox: bench.outbox, library: library)
        #expect(!after.movedTo.contains("made/up.csv"))
        #expect(Self.same(after, LoggedIndex(logsFolder: logs, outbox: bench.outbox)))
        #expect(after.movedTo.contains("archive/x.csv"), "the line added to the log is read")
        #expect(try library.loggedFiles()[name]?.sha256 == Hashing.sha256(changed))
    }
}
