@testable import BulletinCore
import Foundation
import Testing

/// The run's match step keeps only `.same` and `.probable` verdicts and skips, with `CaseMatcher.mayDecide`,
/// the pairs that can only be `.different`. The filter must never skip a pair the full comparison would keep:
/// checked pair by pair on the labelled subjects and on near-duplicates made from them (one character changed,
/// full-width digits and punctuation, Latin and Chinese mixed, another unit, the same mobile), under the default
/// weights and under weights that make the bounded lines count for a match.
@Suite struct DecidedMatchesTests {
    /// The labelled subjects (Fixtures/match) and the two nights of the scenario.
    static func realLooking() throws -> [MatchSubject] {
        let pairs = try MatchPairSet.load()
        var out = pairs.subjects.values.sorted { $0.id < $1.id }
        let url = MatchPairSet.folder.appendingPathComponent("night.json")
        let scenario = try JSONDecoder().decode(MatchScenarioTests.Scenario.self, from: Data(contentsOf: url))
        out += scenario.night1 + scenario.night2.map(\.subject)
        return out
    }

    /// Near-duplicates of each subject, as senders make them.
    static func variants(of base: [MatchSubject], seed: UInt64) -> [MatchSubject] {
        var g = SplitMix64(seed: seed)
        let swaps: [(String, String)] = [("0", "０"), ("1", "１"), ("3", "３"), ("MW", "ＭＷ"), ("（", "("), ("）", ")"),
                                         ("、", ","), ("。", "．"), ("与", "和"), ("研制", "研发"), ("系统", "装置")]
        let units = ["四川大学", "西南交通大学", "东方电气集团东方电机有限公司", "成都市科技局", "四川省科技信息研究所", "电子科技大学"]
        var out: [MatchSubject] = []
        for (i, s) in base.enumerated() {
            var t = Array(s.title)
            // One character changed (a different word, or the same title sent with a typo).
            if t.count > 3 {
                let k = Int.random(in: 0..<t.count, using: &g)
                t[k] = ["型", "新", "A", "Ⅱ", "２", "号", "级"][Int.random(in: 0..<7, using: &g)]
            }
            var a = s
            a.id = "\(s.id)#one-\(i)"
            a.title = String(t)
            a.month = s.month == 12 ? 11 : s.month + Int.random(in: 0...1, using: &g)
            out.append(a)
            // Full-width digits and punctuation, Latin and Chinese mixed.
            var b = s
            b.id = "\(s.id)#wide-\(i)"
            for (x, y) in swaps where Bool.random(using: &g) {
                b.title = b.title.replacingOccurrences(of: x, with: y)
                b.summary = b.summary.replacingOccurrences(of: x, with: y)
            }
            if Bool.random(using: &g) { b.title = "SCU-" + b.title + "（V2.0）" }
            out.append(b)
            // Another unit, the same mobile, the summary cut short.
            var c = s
            c.id = "\(s.id)#unit-\(i)"
            c.submitter = units[Int.random(in: 0..<units.count, using: &g)]
            c.summary = String(s.summary.prefix(Int.random(in: 0...max(0, s.summary.count), using: &g)))
            if Bool.random(using: &g) { c.mobile = "" }
            out.append(c)
        }
        return out
    }

    /// Settings whose bounded lines speak for a match (a template, a contradicted token, another unit).
    static var generous: MatchSettings {
        var s = MatchSettings()
        s.weights.titleTemplate = 1.5
        s.weights.hardTokenContradicted = 0.5
        s.weights.submitterDifferent = 0
        s.weights.figureShared = 2
        s.probableScore = 4
        return s
    }

    @Test func theFilterLetsThroughEveryPairTheComparisonKeeps() throws {
        let base = try Self.realLooking()
        let pool = base + Self.variants(of: base, seed: 14)
        #expect(pool.count > 400)
        for settings in [MatchSettings(), Self.generous] {
            let matcher = CaseMatcher(settings: settings)
            let profiles = pool.map { MatchProfile($0, settings: settings) }
            var skipped = 0, kept = 0, missed: [String] = []
            for (i, a) in profiles.enumerated() {
                // Every pair of the first 30 subjects with everything; beyond that, the pairs of a neighbourhood
                // (a subject and its variants sit close together), so the test stays quick.
                let others = i < 30 ? profiles.indices : max(0, i - 16)..<min(profiles.count, i + 16)
                for j in others where j != i {
                    let b = profiles[j]
                    let v = matcher.compare(a, b)
                    let sameTitle = !a.titleKey.isEmpty && a.titleKey == b.titleKey
                    if !sameTitle, let bound = matcher.scoreBound(a, b) {
                        if bound.sum + 1e-9 < v.score - 0.005 { missed.append("bound \(bound.sum) < score \(v.score): \(a.subject.id) / \(b.subject.id)") }
                    }
                    if matcher.mayDecide(a, b) {
                        kept += 1
                    } else {
                        skipped += 1
                        if v.outcome != .different { missed.append("skipped a \(v.outcome) pair: \(a.subject.id) / \(b.subject.id)") }
                    }
                }
            }
            print("decided matches: \(skipped) pairs skipped, \(kept) compared")
            #expect(missed.isEmpty, "\(missed.prefix(5))")
            // The filter does filter: most pairs of unrelated achievements are skipped, and some are compared.
            #expect(skipped > kept, "skipped \(skipped), kept \(kept)")
            #expect(kept > 100)
        }
    }

    @Test func theNightKeepsTheVerdictsOfTheFullPathWithoutTheDifferentOnes() throws {
        let base = try Self.realLooking()
        let night = base + Self.variants(of: base, seed: 7) + Self.templateSeries()
        for settings in [MatchSettings(), Self.generous] {
            let matcher = CaseMatcher(settings: settings)
            var full = MatchIndex(settings: settings), decided = MatchIndex(settings: settings)
            let want = matcher.matchNight(night, into: &full)
            let got = matcher.matchNightDecided(night, into: &decided)
            #expect(got.count == want.count)
            var flagged = 0
            for (w, g) in zip(want, got) {
                let kept = w.verdicts.filter { $0.outcome != .different }
                #expect(g.verdicts.map(Self.ordered) == kept.map(Self.ordered), "\(w.subject.id): \(g.verdicts.map { "\($0.otherID) \($0.outcome) \($0.score)" }) / \(kept.map { "\($0.otherID) \($0.outcome) \($0.score)" })")
                #expect(g.sameAs == w.sameAs && g.possibleDuplicates == w.possibleDuplicates)
                flagged += kept.count
            }
            // Both outcomes the run acts on occur, so the comparison is not of empty lists.
            #expect(got.contains { $0.sameAs != nil })
            #expect(flagged > 50)
        }
    }

    /// The night's candidates are found on one thread, in order, and weighed on others a batch at a time: the
    /// answer is the one thread's, subject by subject, whatever the number of workers, and so is the index after.
    @Test func theNightIsTheSameOnOneCoreOrMany() throws {
        let base = try Self.realLooking()
        let night = base + Self.variants(of: base, seed: 21) + Self.templateSeries()
        #expect(night.count > 4 * 32, "several batches")
        for settings in [MatchSettings(), Self.generous] {
            let matcher = CaseMatcher(settings: settings)
            var alone = MatchIndex(settings: settings)
            let want = matcher.matchNightDecided(night, into: &alone, workers: 1)
            #expect(want.contains { !$0.verdicts.isEmpty })
            for workers in [2, 5] {
                var spread = MatchIndex(settings: settings)
                let got = matcher.matchNightDecided(night, into: &spread, workers: workers)
                #expect(got.map(\.subject.id) == want.map(\.subject.id))
                #expect(got.map { $0.verdicts.map(Self.ordered) } == want.map { $0.verdicts.map(Self.ordered) }, "workers \(workers)")
                #expect(spread.count == alone.count)
            }
        }
    }

    /// One template's titles a character or a number apart, as a year's backlog of one bureau sends them.
    static func templateSeries() -> [MatchSubject] {
        var series: [MatchSubject] = []
        let stems = ["油气田智能钻井系统研制及产业化示范", "高比能固态锂电池关键技术研究与应用（第", "川农优"]
        for k in 0..<60 {
            let stem = stems[k % stems.count]
            let title = stem.hasSuffix("第") ? "\(stem)\(k)号）" : stem == "川农优" ? "杂交水稻新品种川农优\(400 + k)选育" : "\(stem)\(k % 7)"
            series.append(MatchSubject(id: "series-\(k)", title: title,
                                       summary: "面向国家重大需求，建成\(title)示范生产线\(k % 4 + 1)条，在\(k % 5 + 2)个省推广应用，经评价达到国内先进水平。",
                                       submitter: ["西南石油大学", "四川农业大学", "宜宾市科技局"][k % 3], mobile: "1398101\(String(format: "%04d", k % 9))",
                                       year: 2026, month: 11))
        }
        return series
    }

    /// The fourth pass made the filter's bound exact where `compare` throws a pair out (a veto of the title
    /// tokens, one template with another subject, the figures): on one template's titles, where nine in ten
    /// candidates were let through and compared for nothing, such pairs are now skipped, and every pair
    /// `compare` keeps is still let through.
    @Test func theFilterSkipsThePairsAVetoOrATemplateThrowsOut() {
        let matcher = CaseMatcher()
        let w = matcher.settings.weights
        // And titles cut as the bench's rows are (tools/bench_common.py): a subject in one of two templates, the
        // summary naming the subject, a row number in the title.
        let subjects = ["车规级碳化硅功率器件", "高比能固态锂电池", "钒钛磁铁矿高效清洁利用"]
        let findings = ["依托国家重点研发计划，攻克了设计、制造与可靠性等卡脖子关键技术。", "在省重大科技专项支持下，研制出国内首台（套）装备，打破国外垄断。",
                        "主持制定国际标准1项、国家标准3项。", "授权发明专利12件（其中美国专利2件），软件著作权30项。",
                        "建成示范生产线2条，在5个省推广应用。", "新增销售收入8亿元，带动就业300人。", "经第三方评价，成果达到国际领先水平。"]
        let rows = (0..<60).map { k in
            let s = subjects[k % 3]
            return MatchSubject(id: "row-\(k)", title: k % 4 == 0 ? "\(s)研制及产业化示范\(k)" : "\(s)关键技术研究与应用（第\(k)号）",
                                summary: findings[k % findings.count] + "\(s)" + findings[(k / 3) % findings.count],
                                submitter: ["四川大学", "电子科技大学"][k % 2], mobile: "1398101\(String(format: "%04d", k % 5))", year: 2026, month: 6)
        }
        let profiles = (Self.templateSeries() + rows).map { MatchProfile($0, settings: matcher.settings) }
        var vetoed = 0, templated = 0, kept = 0
        for a in profiles {
            for b in profiles where b.subject.id != a.subject.id && b.titleKey != a.titleKey {
                let v = matcher.compare(a, b)
                let through = matcher.mayDecide(a, b)
                #expect(matcher.hasFamilyVeto(a, b) == !matcher.familyVetoes(a, b).isEmpty)
                if v.outcome != .different {
                    kept += 1
                    #expect(through, "\(a.subject.title) / \(b.subject.title): \(v.outcome) skipped")
                } else if !v.vetoes.isEmpty {
                    vetoed += 1
                    #expect(!through, "\(a.subject.title) / \(b.subject.title): vetoed, let through")
                } else if v.evidence.contains(where: { $0.note.hasPrefix("同一句式") }), v.score <= matcher.settings.probableScore - 0.5,
                          v.score - w.titleTemplate >= matcher.settings.probableScore {
                    templated += 1
                    #expect(!through, "\(a.subject.title) / \(b.subject.title): one template, score \(v.score), let through")
                }
            }
        }
        #expect(vetoed > 400 && templated > 10 && kept > 50, "vetoed \(vetoed), templated \(templated), kept \(kept)")
    }

    /// A verdict with its evidence lines in one order: `compareTokens` writes a line per title token in the
    /// order of a Set, which two builds of the same profile need not share (the lines and the score do not change).
    static func ordered(_ v: MatchVerdict) -> MatchVerdict {
        var v = v
        v.evidence.sort { ($0.field.rawValue, $0.note, $0.weight) < ($1.field.rawValue, $1.note, $1.weight) }
        return v
    }

    @Test func aHayStackSearchFindsWhatTheScalarSearchFinds() {
        let hay = "东方电气集团东方电机有限公司联合西南交通大学研制300MW级变速机组，ＳＫＢ264"
        for needle in ["东方电机", "西南交通大学", "300MW", "机组，", "ＳＫＢ264", "东", "4", "西南交大", "电机有限公司联合西", "", hay, hay + "。"] {
            let h = Array(hay.utf8), n = Array(needle.utf8)
            let want = n.isEmpty || (n.count <= h.count && (0...(h.count - n.count)).contains { Array(h[$0..<($0 + n.count)]) == n })
            #expect(hay.holds(needle) == want, "\(needle)")
        }
        #expect("ab".holds("b") && "ab".holds("a") && !"ab".holds("ba") && "aab".holds("ab") && !"a".holds("aa"))
    }
}
