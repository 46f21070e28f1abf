@testable import BulletinCore
import Foundation
import Testing

/// The text and cue layer's pass at 20,000 rows (text7) against what it replaced: the automaton's findings grouped by
/// counting (not sorted), the units decoded once and shared where half-width and fold change nothing, the gates and
/// seeds read as numbers, the sentence test between two places, and the proximity lists' shortcut.
struct ScoreSpeedEquivalence13Tests {
    /// Each literal's places, grouped by counting, are a direct search's, in literal order; the bits and ranks say which
    /// literals were found and where each one's places are (literals over a three-letter alphabet with a surrogate pair
    /// and ASCII: long failure chains, states ending several literals, literals found many times).
    @Test func findingsAreEachLiteralsPlacesInLiteralOrder() {
        var g = CueAutomatonBuildTests.Generator(state: 20_261_203)
        let alphabet: [UInt16] = [0x7532, 0x4E59, 0xD83D, 0xDE00, 0x61]
        for _ in 0..<200 {
            let length = 1 + g.next(5)
            _ = CueAutomaton.register((0..<length).map { _ in alphabet[g.next(alphabet.count)] })
        }
        let automaton = CueAutomaton.current
        var placesSeen = 0
        for round in 0..<60 {
            let units = (0..<(round * 4)).map { _ in alphabet[g.next(alphabet.count)] }
            let f = automaton.findings(in: units)
            var expectedFound: [Int32] = []
            var expectedPlaces: [[Int32]] = []
            for (id, literal) in automaton.literals.enumerated() where !literal.isEmpty && literal.count <= units.count {
                let places = (0...(units.count - literal.count)).filter { Array(units[$0 ..< $0 + literal.count]) == literal }
                if !places.isEmpty {
                    expectedFound.append(Int32(id))
                    expectedPlaces.append(places.map(Int32.init))
                }
            }
            #expect(f.found == expectedFound, "round \(round)")
            #expect(f.places.count == f.found.count + 1 + expectedPlaces.reduce(0) { $0 + $1.count })
            guard f.found == expectedFound else { continue }
            #expect(Int(f.places[0]) == f.found.count + 1)
            for (j, id) in f.found.enumerated() {
                let mine = Array(f.places[Int(f.places[j]) ..< Int(f.places[j + 1])])
                #expect(mine == expectedPlaces[j], "round \(round), literal \(id)")
                placesSeen += mine.count
                f.index.withUnsafeBufferPointer { x in #expect(LiteralFindings.rank(id, x) == j) }
            }
            for id in 0..<automaton.literals.count {
                let bit = f.index[(id >> 6) << 1] & (1 << UInt64(id & 63)) != 0
                #expect(bit == expectedFound.contains(Int32(id)), "round \(round), literal \(id)")
            }
        }
        #expect(placesSeen > 2_000)
    }

    /// The three arrays of units are what they were whether they are shared or not: a title with nothing to change (one
    /// array), capitals alone, full-width forms alone, both, odd spaces, surrogates, an empty text, a bridged string.
    @Test func unitsSharedOrNotAreTheStringsUnits() throws {
        let texts = ["钒钛磁铁矿高效清洁利用研制及产业化示范1", "在Nature Communications发表论文7篇", "年产值１２亿元，达到国际领先水平。",
                     "ＡＢＣ与abc，ＸＹＺ", "甲\u{3000}乙\u{A0}丙\u{2009}丁", "😀科技👍🏽，𠀀", "", "a", "Ａ", "\u{FF5E}\u{FF01}\u{3000}",
                     NSString(string: "桥接的字符串 Foundation，ＡＢＣ😀") as String] + (try ScoreSpeedEquivalence8Tests.texts())
        for s in texts {
            let text = ScoringText(field: .summary, text: s, weight: 1)
            let half = Array(TextForm.halfWidthASCII(s).utf16)
            #expect(text.originalUnits == Array(s.utf16), "\(s.debugDescription)")
            #expect(text.units == half, "\(s.debugDescription)")
            #expect(text.foldedUnits == half.map(ScoringText.fold), "\(s.debugDescription)")
            #expect(text.normalised == TextForm.halfWidthASCII(s), "\(s.debugDescription)")
            #expect(text.length == half.count)
        }
    }

    /// `sameSentence` reads only the units between the two places; it says what comparing the two sentence starts said,
    /// for every pair of places from before the text to past its end.
    @Test func sameSentenceIsTheComparisonOfStarts() {
        let texts = ["甲乙。丙丁！戊己？庚;辛\n壬癸", "1,200万元，产值。利润!", "。。", "没有句号的一句话", "", "a.b!c?d;e\nf,g：h，i"]
        var compared = 0
        for s in texts {
            let t = ScoringText(field: .summary, text: s, weight: 1)
            for p in -2...(t.length + 2) {
                for q in -2...(t.length + 2) {
                    let a = NSRange(location: p, length: 1), b = NSRange(location: q, length: 2)
                    #expect(t.sameSentence(a, b) == (t.sentenceStart(before: p) == t.sentenceStart(before: q)), "\(s) \(p) \(q)")
                    compared += 1
                }
            }
        }
        #expect(compared > 500)
    }

    /// The proximity matcher finds what the filter-then-min over the whole lists found, on labelled texts and on texts
    /// built from each section's own words (actions and objects near and far, within a sentence and across one); a list
    /// whose bits say it finds nothing finds nothing.
    @Test func proximityFindsWhatTheFilteredListsFound() throws {
        let config = ScoringConfig.rulesAlone
        let evidence = config.evidence
        var g = CueAutomatonBuildTests.Generator(state: 20_261_204)
        var found = 0, compared = 0, passedOver = 0
        for (name, section) in [("academicPublisher", evidence.academicPublisher), ("varietyApproval", evidence.varietyApproval),
                                ("grantedPatent", evidence.grantedPatent), ("standardIssued", evidence.standardIssued)] {
            let matcher = try ProximityMatcher(section, path: "scoring.evidence.\(name)", file: "pipeline.json")
            var texts = Array(ScoreSpeedEquivalence4Tests.texts.prefix(300))
            let fillers = ["", "的", "新品种", "，", "。", "相关工作并", "研究团队经过多年攻关", "；"]
            for _ in 0..<200 {
                var s = ""
                for _ in 0..<(1 + g.next(5)) {
                    switch g.next(3) {
                    case 0: s += section.actions[g.next(section.actions.count)]
                    case 1: s += section.objects[g.next(section.objects.count)]
                    default: s += fillers[g.next(fillers.count)]
                    }
                }
                texts.append(s)
            }
            for s in texts {
                for field in [Field.title, .summary] {
                    let t = ScoringText(field: field, text: s, weight: 1)
                    let expected = Self.oldFind(matcher, in: t)
                    #expect(matcher.find(in: t) == expected, "\(name): \(s)")
                    compared += 1
                    if expected != nil { found += 1 }
                    for list in [matcher.actions, matcher.objects] where !list.mayFindAny(in: t) {
                        #expect(CompiledCue.ranges(of: list.cues, in: t).isEmpty, "\(name): \(s)")
                        passedOver += 1
                    }
                }
            }
        }
        #expect(compared > 3_000)
        #expect(found > 300)
        #expect(passedOver > 1_000)
    }

    /// What `ProximityMatcher.find` did before this pass.
    static func oldFind(_ m: ProximityMatcher, in text: ScoringText) -> NSRange? {
        let actionRanges = CompiledCue.ranges(of: m.actions.cues, in: text)
        guard !actionRanges.isEmpty else { return nil }
        let objectRanges = CompiledCue.ranges(of: m.objects.cues, in: text).sorted { $0.location < $1.location }
        for o in objectRanges {
            let near = actionRanges
                .filter { text.sentenceStart(before: $0.location) == text.sentenceStart(before: o.location) && $0.gap(to: o) <= m.window }
                .min { $0.gap(to: o) < $1.gap(to: o) }
            if let a = near { return o.joined(with: a) }
        }
        return nil
    }

    /// Every pattern of the voters and the title groups: its gate read as numbers is the gate read from its words'
    /// tuples, and its windows are those the tuples gave, on labelled texts.
    @Test func gatesAndWindowsReadAsNumbersAreWhatTheTuplesGave() throws {
        let scorer = try ScoreTestSupport.rulesScorer()
        var patterns: [CompiledCue] = []
        for rule in scorer.evidenceRules {
            switch rule {
            case let r as CategoryPhrasesRule: patterns += r.voter.flatCues.filter { $0.literal == nil }
            case let r as SubtypePhrasesRule: patterns += r.voter.flatCues.filter { $0.literal == nil }
            case let r as IndustryPhrasesRule: patterns += r.voter.flatCues.filter { $0.literal == nil }
            case let r as TransferEvidenceRule: patterns += r.voter.flatCues.filter { $0.literal == nil }
            case let r as FirstOfKindRule: patterns += r.voter.flatCues.filter { $0.literal == nil }
            default: break
            }
        }
        #expect(patterns.count > 20)
        var missing = 0, windowed = 0
        for s in ScoreSpeedEquivalence4Tests.texts.prefix(500) + ["项目通过验收", "处于国际领先", "规模化生产投产"] {
            let t = ScoringText(field: .summary, text: s, weight: 1)
            for cue in patterns {
                var old = false
                if let gate = cue.gate, t.scanned(gate.id), !t.contains(literal: gate.id) { old = true }
                for words in cue.alternatives where words.allSatisfy({ t.scanned($0.id) && !t.contains(literal: $0.id) }) { old = true }
                #expect(cue.gateMissing(in: t) == old, "\(cue.source) in \(s)")
                if old { missing += 1 }
                let windows = cue.windows(in: t)
                #expect(windows == Self.oldWindows(cue, in: t), "\(cue.source) in \(s)")
                if let windows, !windows.isEmpty { windowed += 1 }
            }
        }
        #expect(missing > 1_000)
        #expect(windowed > 100)
    }

    /// What `CompiledCue.windows(in:)` did before this pass, from the seed's words.
    static func oldWindows(_ cue: CompiledCue, in text: ScoringText) -> [Int]? {
        guard let seed = cue.seed, seed.words.allSatisfy({ text.scanned($0.id) }) else { return nil }
        var pairs: [(lo: Int, hi: Int)] = []
        for word in seed.words where text.contains(literal: word.id) {
            for p in text.starts(ofLiteral: word.id, word.literal) {
                let hi = p - seed.minOffset
                guard hi >= 0 else { continue }
                pairs.append((seed.maxOffset.map { Swift.max(0, p - $0) } ?? 0, hi))
            }
        }
        pairs.sort { $0.lo < $1.lo }
        var out: [Int] = []
        for pair in pairs {
            if let last = out.last, pair.lo <= last + 1 {
                out[out.count - 1] = Swift.max(last, pair.hi)
            } else {
                out.append(pair.lo)
                out.append(pair.hi)
            }
        }
        return out
    }
}
