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
            #expect(MatchPostings.tokens(json: Data(MatchPostings.tokenText(p.tokens).utf8)) == p.tokens)
        }
        let odd: [UInt64] = [.max, 0, 1 << 63 | 0x4E2D, 0x0102030405060708]
        #expect(MatchPostings.grams(MatchPostings.blob(odd)) == odd)
        #expect(MatchPostings.blob([0x0102030405060708]) == Data([8, 7, 6, 5, 4, 3, 2, 1]))
        #expect(MatchPostings.grams(Data([1, 2, 3])) == nil)
        let tokens = ["《中国泥石流》", "GB/T1234", "“天府肉猪”", "a\"b\\c\u{1F}d", ""]
        #expect(MatchPostings.tokens(json: Data(MatchPostings.tokenText(tokens).utf8)) == tokens)
        #expect(MatchPostings.tokens(json: Data("not json".utf8)) == nil)
        // The library writes them with `LibraryJSON.strings`, read without JSONDecoder; other forms through it.
        for list in [tokens, [], ["川麦104"], LibraryJSONTests.hostile] {
            let text = LibraryJSON.strings(list)
            #expect(Array(text.utf8).withUnsafeBytes { PlainJSONList.strings($0) } == list)
            #expect(MatchPostings.tokens(json: Data(text.utf8)) == list)
        }
        for other in [#"[ "GB/T1234"]"#, #"["a",]"#, #"["\u00e9\ud83d\ude00"]"#, #"["a"] "#, "[1]", "{}"] {
            #expect(Array(other.utf8).withUnsafeBytes { PlainJSONList.strings($0) } == nil, "\(other)")
            #expect(MatchPostings.tokens(json: Data(other.utf8)) == (try? JSONDecoder().decode([String].self, from: Data(other.utf8))), "\(other)")
        }
        #expect(MatchPostings.tokens(json: Data(#"[ "GB/T1234", "é😀"]"#.utf8)) == ["GB/T1234", "é😀"])
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

    /// A library past 200 cases (the scenario's first night four times over, each copy's text a little changed, so
    /// that common grams are common and rare ones stay rare), and a night of queries: the scenario's second night,
    /// its first again, and more copies.
    func bigNight() throws -> (library: [MatchSubject], night: [MatchSubject]) {
        let s = try scenario()
        func copy(_ x: MatchSubject, _ k: Int, _ tag: String) -> MatchSubject {
            var y = x
            y.id = "\(tag)\(k)-\(x.id)"
            y.title = x.title + (k % 2 == 0 ? "" : "第\(k)期")
            y.summary = (k % 3 == 0 ? "" : "第\(k)批成果：") + x.summary
            return y
        }
        let library = (0..<4).flatMap { k in s.night1.map { copy($0, k, "L") } }
        let night = s.night2 + s.night1.prefix(20).map { copy($0, 1, "N") } + s.night2.map { copy($0, 5, "M") }
        return (library, night)
    }

    /// An index told how many documents it will hold keeps no list of a summary gram too common for any query to
    /// follow, and gives every query of the night the candidates (in order, with their containments) and verdicts
    /// of the index that keeps every list.
    @Test func anIndexToldItsSizeDropsOnlyListsNoQueryFollows() throws {
        let (library, night) = try bigNight()
        let settings = MatchSettings()
        let shelf = MatchLeanIndexTests.Shelf(library)
        let entries = library.map { (id: $0.id, postings: MatchPostings(MatchProfile($0, settings: settings))) }
        let load: MatchIndex.ProfileLoader = { shelf.load($0).map { MatchProfile($0, settings: settings) } }
        var every = MatchIndex(postings: entries, settings: settings, load: load)
        var told = MatchIndex(postings: entries, settings: settings, atMost: library.count + night.count, load: load)
        #expect(told.count == every.count && told.count >= 200)
        // The lists of the commonest grams go (here those of the copies' shared opening and of the words most
        // summaries use: 1,472 of 27,008 postings in this varied set).
        #expect(told.summaryPostings < every.summaryPostings)
        var compared = 0
        for q in night {
            let p = MatchProfile(q, settings: settings)
            let a = every.candidates(for: p), b = told.candidates(for: p)
            #expect(a.map(\.profile.subject.id) == b.map(\.profile.subject.id))
            #expect(a.map(\.title) == b.map(\.title) && a.map(\.summary) == b.map(\.summary))
            compared += a.count
            every.add(p)
            told.add(p)
        }
        #expect(compared > night.count)
        var again = MatchIndex(postings: entries, settings: settings, load: load)
        var toldAgain = MatchIndex(postings: entries, settings: settings, atMost: library.count + night.count, load: load)
        let expected = CaseMatcher(settings: settings).matchNight(night, into: &again)
        #expect(CaseMatcher(settings: settings).matchNight(night, into: &toldAgain) == expected)
        #expect(expected.contains { !$0.verdicts.isEmpty })
    }

    /// Below 200 documents a query follows every gram, so nothing is dropped however small `atMost` is said to be;
    /// past `atMost` a query still answers (dropped grams are taken as too common), it never traps.
    @Test func aSmallIndexDropsNothingAndAnIndexPastItsSizeStillAnswers() throws {
        let s = try scenario()
        let settings = MatchSettings()
        let shelf = MatchLeanIndexTests.Shelf(s.night1)
        let entries = s.night1.map { (id: $0.id, postings: MatchPostings(MatchProfile($0, settings: settings))) }
        let load: MatchIndex.ProfileLoader = { shelf.load($0).map { MatchProfile($0, settings: settings) } }
        let every = MatchIndex(postings: entries, settings: settings, load: load)
        let told = MatchIndex(postings: entries, settings: settings, atMost: 1, load: load)
        #expect(told.summaryPostings == every.summaryPostings)
        for q in s.night2 {
            let p = MatchProfile(q, settings: settings)
            #expect(every.candidates(for: p).map(\.profile.subject.id) == told.candidates(for: p).map(\.profile.subject.id))
        }
        let (library, night) = try bigNight()
        let bigShelf = MatchLeanIndexTests.Shelf(library)
        var past = MatchIndex(postings: library.map { (id: $0.id, postings: MatchPostings(MatchProfile($0, settings: settings))) },
                              settings: settings, atMost: 200, load: { bigShelf.load($0).map { MatchProfile($0, settings: settings) } })
        let results = CaseMatcher(settings: settings).matchNight(night, into: &past)
        #expect(results.count == night.count)
        #expect(past.count == library.count + night.count)
    }

    /// The n-gram index's own rule: a list longer than `dropAbove` is dropped and its count kept, and a query whose
    /// `skipAbove` is at most `dropAbove` touches the same documents as one of the index that keeps every list.
    @Test func nGramListsPastTheBoundAreCountedNotListed() {
        var every = NGramIndex(), bounded = NGramIndex()
        bounded.dropAbove = 3
        let docs: [[UInt64]] = [[1, 2, 3], [1, 2], [1, 4], [1, 5], [1, 2, 6], [7]]
        for d in docs {
            every.add(d)
            bounded.add(d)
        }
        #expect(bounded.documentCount(of: 1) == 5 && every.documentCount(of: 1) == 5)
        #expect(bounded.documentCount(of: 2) == 3 && bounded.documentCount(of: 9) == 0)
        #expect(bounded.listedPostings == every.listedPostings - 5)
        for q: [UInt64] in [[1, 2], [1, 4, 5], [2, 6, 7], [1]] {
            for skip in [1, 2, 3] {
                let a = every.containment(of: q, atLeast: 0, skipAbove: skip).sorted { $0.document < $1.document }
                let b = bounded.containment(of: q, atLeast: 0, skipAbove: skip).sorted { $0.document < $1.document }
                #expect(a.map(\.document) == b.map(\.document) && a.map(\.containment) == b.map(\.containment))
                #expect(every.shared(with: q, skipAbove: skip).map(\.document).sorted() == bounded.shared(with: q, skipAbove: skip).map(\.document).sorted())
            }
        }
        // Gram 1 went on being counted after its list was dropped.
        bounded.add([1])
        #expect(bounded.documentCount(of: 1) == 6)
    }
}
