import BulletinCore
import Foundation
import Testing

/// The nightly run's index keeps only postings of library cases and reads a case back when it is a candidate:
/// its verdicts must be those of the index that holds every profile.
@Suite struct MatchLeanIndexTests {
    struct Scenario: Decodable {
        var night1: [MatchSubject]
        var night2: [MatchSubject]
    }

    /// A library read back by id, counting what is read.
    final class Shelf: @unchecked Sendable {
        let byId: [String: MatchSubject]
        private let lock = NSLock()
        private var read: [String] = []
        init(_ subjects: [MatchSubject]) { byId = Dictionary(subjects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        func load(_ ids: [String]) -> [MatchSubject] {
            lock.withLock { read += ids }
            return ids.compactMap { byId[$0] }
        }
        var reads: [String] { lock.withLock { read } }
    }

    func scenario() throws -> Scenario {
        try JSONDecoder().decode(Scenario.self, from: Data(contentsOf: MatchPairSet.folder.appendingPathComponent("night.json")))
    }

    @Test func leanIndexGivesTheVerdictsOfTheFullOne() throws {
        let s = try scenario()
        let shelf = Shelf(s.night1)
        var full = MatchIndex(subjects: s.night1)
        var lean = MatchIndex(lean: s.night1, load: { shelf.load($0) })
        #expect(lean.count == full.count)
        let expected = CaseMatcher().matchNight(s.night2, into: &full)
        let got = CaseMatcher().matchNight(s.night2, into: &lean)
        #expect(got == expected)
        // Some night-two submissions are re-sent cases: there is something to compare, and it was read back.
        #expect(expected.contains { !$0.verdicts.isEmpty })
        // Only candidates are read back, and only library cases (tonight's profiles are held).
        let compared = Set(expected.flatMap(\.verdicts).map(\.otherID))
        #expect(!shelf.reads.isEmpty)
        #expect(Set(shelf.reads).isSubset(of: compared))
        #expect(Set(shelf.reads).isSubset(of: Set(shelf.byId.keys)))
        #expect(lean.subject(id: s.night1[0].id) == s.night1[0])
        #expect(lean.subject(id: s.night2[0].id) == s.night2[0])
        #expect(lean.subject(id: "2099-01-0001") == nil)
    }

    @Test func aCaseTheLoaderCannotGiveIsNotACandidate() throws {
        let s = try scenario()
        var full = MatchIndex(subjects: s.night1)
        let reSent = try #require(s.night2.first { !CaseMatcher().match($0, in: full).isEmpty })
        let lean = MatchIndex(lean: s.night1, load: { _ in [] })
        #expect(CaseMatcher().match(reSent, in: lean).isEmpty)
        full.add(reSent)
        #expect(full.count == s.night1.count + 1)
    }
}
