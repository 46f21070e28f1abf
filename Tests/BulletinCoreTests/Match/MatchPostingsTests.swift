@testable import BulletinCore
import Foundation
import Testing

/// The nightly index built from stored postings (`MatchIndex(postings:settings:load:)`) is the index built from the
/// cases' text: same candidates, same verdicts. The stored form reads back what was written, and the key under
/// which postings are kept changes with every setting they depend on, and only with those.
@Suite struct MatchPostingsTests {
    func scenario() throws -> MatchLeanIndexTests.Scenario {
        try JSONDecoder().decode(MatchLeanIndexTests.Scenario.self, from: Data(contentsOf: MatchPairSet.folder.appendingPathComponent("night.json")))
    }

    @Test func anIndexOfPostingsGivesTheVerdictsOfTheLeanOne() throws {
        let s = try scenario()
        let settings = MatchSettings()
        let shelf = MatchLeanIndexTests.Shelf(s.night1)
        var lean = MatchIndex(lean: s.night1, settings: settings, load: { shelf.load($0) })
        let entries = s.night1.map { (id: $0.id, postings: MatchPostings(MatchProfile($0, settings: settings))) }
        var stored = MatchIndex(postings: entries, settings: settings, load: { shelf.load($0).map { MatchProfile($0, settings: settings) } })
        #expect(stored.count == lean.count)
        // Candidates, in order and with their containments, for every submission of both nights.
        for q in s.night1 + s.night2 {
            let p = MatchProfile(q, settings: settings)
            let a = lean.candidates(for: p), b = stored.candidates(for: p)
            #expect(a.map(\.profile.subject.id) == b.map(\.profile.subject.id))
            #expect(a.map(\.title) == b.map(\.title) && a.map(\.summary) == b.map(\.summary))
        }
        let expected = CaseMatcher(settings: settings).matchNight(s.night2, into: &lean)
        let got = CaseMatcher(settings: settings).matchNight(s.night2, into: &stored)
        #expect(got == expected)
        #expect(expected.contains { !$0.verdicts.isEmpty })
        // Tonight's submissions are held in full: their postings are those of their text.
        for q in s.night2 { #expect(stored.postings(id: q.id) == MatchPostings(MatchProfile(q, settings: settings))) }
        #expect(stored.postings(id: s.night1[0].id) == nil)
    }

    @Test func theStoredFormReadsBackWhatWasWritten() throws {
        let s = try scenario()
        for subject in s.night1.prefix(40) {
            let p = MatchPostings(MatchProfile(subject, settings: MatchSettings()))
            #expect(MatchPostings.grams(MatchPostings.blob(p.titleGrams)) == p.titleGrams)
            #expect(MatchPostings.grams(MatchPostings.blob(p.summaryGrams)) == p.summaryGrams)
            #expect(MatchPostings.tokens(MatchPostings.tokenText(p.tokens)) == p.tokens)
        }
        let odd: [UInt64] = [.max, 0, 1 << 63 | 0x4E2D, 0x0102030405060708]
        #expect(MatchPostings.grams(MatchPostings.blob(odd)) == odd)
        #expect(MatchPostings.blob([0x0102030405060708]) == Data([8, 7, 6, 5, 4, 3, 2, 1]))
        #expect(MatchPostings.grams(Data([1, 2, 3])) == nil)
        let tokens = ["《中国泥石流》", "GB/T1234", "“天府肉猪”", "a\"b\\c\u{1F}d", ""]
        #expect(MatchPostings.tokens(MatchPostings.tokenText(tokens)) == tokens)
        #expect(MatchPostings.tokens("not json") == nil)
    }

    @Test func theKeyFollowsWhatPostingsDependOn() {
        let base = MatchSettings()
        var changed: [MatchSettings] = []
        var s = base
        s.titleGram = 3
        changed.append(s)
        s = base
        s.summaryGram = 2
        changed.append(s)
        s = base
        s.genericTitleWords.append("示范工程")
        changed.append(s)
        s = base
        s.contrastTerms.append(["有线", "无线"])
        changed.append(s)
        let keys = Set(changed.map(\.postingsKey))
        #expect(keys.count == changed.count && !keys.contains(base.postingsKey))
        // Settings that decide verdicts from the candidates, not the postings, keep the key.
        s = base
        s.probableScore += 1
        s.candidateLimit = 5
        s.titleCandidate = 0.5
        s.monthWindow = 3
        #expect(s.postingsKey == base.postingsKey)
        #expect(base.postingsKey.hasPrefix("v\(MatchSettings.postingsFormat):"))
    }
}
