import BulletinCore
import Foundation
import Testing

/// The faults of the hostile-environment harness, each fixed where it belongs.
/// Control characters never reach the library or a sheet.
@Suite struct ControlCharacterTests {

    @Test func controlCharactersAreStrippedWithANoteAndNeverReachTheLibraryOrTheSheets() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        let csv = AuditBench.header + "四川大学,省教育厅,张伟,13800138000,高熵合金\u{0}低温\u{7}韧化\u{202E}机理研究,基础处,在Science发表论文，揭示了机理\u{1B}，达到国际领先水平。\r\n"
        try bench.drop(["控制字符.csv": Array(csv.utf8)])
        try await bench.run()
        let input = try #require(try bench.inputs().first)
        #expect(input.outcome == "accepted")
        #expect(input.reasons.contains { $0.contains("3 control character(s) (NUL, U+0007, U+202E) removed from title at line 2") }, "\(input.reasons)")
        #expect(input.reasons.contains { $0.contains("removed from summary at line 2") })
        let library = try CaseLibrary(path: bench.outbox.appendingPathComponent("library.sqlite").path)
        let stored = try library.allStates()
        #expect(stored.map { $0.record[.title] } == ["高熵合金低温韧化机理研究"])
        for o in try bench.outputs() where o.path.hasSuffix(".csv") {
            let bytes = [UInt8](try Data(contentsOf: bench.outbox.appendingPathComponent(o.path)))
            #expect(!bytes.contains(0), "\(o.path) holds a NUL")
        }
    }

    @Test func theStrippedSetLeavesTextAlone() {
        #expect(ControlCharacters.strip("第一段。\n第二段\t（首台（套））") == "第一段。\n第二段\t（首台（套））")
        #expect(ControlCharacters.strip("a\u{0}b\u{9F}c\u{2066}d") == "abcd")
        #expect(Normaliser().normalise("1380013\u{0}8000", as: .mobile) == "13800138000")
    }
}
