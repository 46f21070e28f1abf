@testable import BulletinCore
import Testing

/// The seventh pass of the 20,000-row run (docs/matching.md): `NGramIndex` keeps its grams in a table of its own
/// (`GramTable`) instead of two standard dictionaries, writes a query's answer into a kept buffer without a branch,
/// profiles make their index token values once, and a query leaves out its own id by hash first. Each is checked
/// against a copy of the replaced code.
@Suite struct MatchSeventhPassTests {
    /// The index as it was: gram → documents in a standard dictionary, a dropped gram's count in another, and the
    /// walk with a branch (documents in the order first touched, shared grams over the smaller set).
    struct DictionaryIndex {
        var postings: [UInt64: [Int32]] = [:]
        var dropped: [UInt64: Int32] = [:]
        var sizes: [Int32] = []
        var dropAbove = Int.max

        mutating func add(_ grams: [UInt64]) {
            let doc = Int32(sizes.count)
            sizes.append(Int32(grams.count))
            for g in grams {
                if let i = postings.index(forKey: g) {
                    postings.values[i].append(doc)
                    let n = postings.values[i].count
                    if n > dropAbove {
                        dropped[g] = Int32(clamping: n)
                        postings.remove(at: i)
                    }
                } else if let n = dropped[g] {
                    dropped[g] = n &+ 1
                } else {
                    postings[g] = [doc]
                }
            }
        }

        func documentCount(of gram: UInt64) -> Int { postings[gram]?.count ?? dropped[gram].map(Int.init) ?? 0 }

        var listedPostings: Int { postings.values.reduce(0) { $0 + $1.count } }

        func containment(of q: [UInt64], atLeast floor: Double, skipAbove: Int) -> [(document: Int, containment: Double)] {
            guard !q.isEmpty else { return [] }
            var counts = [Int](repeating: 0, count: sizes.count)
            var touched: [Int] = []
            for g in q {
                guard let list = postings[g], list.count <= skipAbove else { continue }
                for d in list.map(Int.init) {
                    if counts[d] == 0 { touched.append(d) }
                    counts[d] += 1
                }
            }
            return touched.compactMap { d in
                let m = min(q.count, Int(sizes[d]))
                let x = m == 0 ? 0 : Double(counts[d]) / Double(m)
                return x >= floor ? (d, x) : nil
            }
        }
    }

    /// Grams drawn so that many share their low bits (multiples of 2^20 and 2^40, 0 and the largest value among
    /// them): a table that placed grams by their low bits alone would crowd them into a few slots.
    static func gram(_ g: inout SplitMix64, alphabet: UInt64) -> UInt64 {
        let v = UInt64.random(in: 0..<alphabet, using: &g)
        switch v % 4 {
        case 0: return v << 20
        case 1: return v << 40
        case 2: return v == 2 ? .max : v
        default: return v &* 0x9E37_79B9_7F4A_7C15
        }
    }

    @Test func theGramTableAnswersAsTheDictionariesDid() {
        var g = SplitMix64(seed: 70_007)
        var compared = 0, dropped = 0
        for (round, (alphabet, dropAbove)) in [(UInt64(6), Int.max), (60, Int.max), (3000, Int.max), (60, 25), (20_000, 8)].enumerated() {
            var index = NGramIndex(), reference = DictionaryIndex()
            index.dropAbove = dropAbove
            reference.dropAbove = dropAbove
            var scratch = NGramIndex.Scratch()
            var seen = Set<UInt64>()
            // 600 documents of up to 60 grams: the larger alphabets fill the table past its first 1,024 slots several
            // times over, so it grows while holding lists and dropped counts.
            for _ in 0..<600 {
                let q = Array(Set((0..<Int.random(in: 0...60, using: &g)).map { _ in Self.gram(&g, alphabet: alphabet) })).sorted()
                for (floor, skip) in [(0.0, Int.max), (0.34, Int.max), (0.3, 20), (1.0, 50), (1.0 / 3.0, Int.max), (0.7, 40), (-0.5, Int.max), (Double.nan, Int.max)] {
                    let skip = min(skip, dropAbove)
                    let want = reference.containment(of: q, atLeast: floor, skipAbove: skip)
                    let got = index.containment(of: q, atLeast: floor, skipAbove: skip)
                    index.containment(of: q, atLeast: floor, skipAbove: skip, scratch: &scratch)
                    #expect(MatchContainmentTests.same(got, want), "round \(round), query \(q), floor \(floor), skip \(skip)")
                    #expect(MatchContainmentTests.same(Array(scratch.answer), want), "kept buffers: round \(round), floor \(floor)")
                    compared += want.count
                }
                index.add(q)
                reference.add(q)
                seen.formUnion(q)
            }
            #expect(index.listedPostings == reference.listedPostings, "round \(round)")
            for gram in seen.union((0..<50).map { _ in Self.gram(&g, alphabet: alphabet * 2) }) {
                #expect(index.documentCount(of: gram) == reference.documentCount(of: gram), "round \(round), gram \(gram)")
            }
            dropped += reference.dropped.count
        }
        #expect(compared > 10_000 && dropped > 40)
    }

    @Test func theLeastReachingCountIsTheDivisionsOwn() {
        // Each m's least count is found by the walk's own division: floors whose product with m is not exact in
        // doubles (0.3 × 10, 1/3 × 3, 0.7 × 10), the ends, a floor above 1, one below 0 and NaN.
        var least: [Int32] = []
        var g = SplitMix64(seed: 71_003)
        let floors = [0.3, 1.0 / 3.0, 0.34, 0.7, 0.1, 0.0, 1.0, 1.5, -0.25, .nan, .leastNonzeroMagnitude, 0.999_999_999_999]
            + (0..<40).map { _ in Double.random(in: 0...1, using: &g) }
        for floor in floors {
            for q in [0, 1, 2, 3, 10, 17, 120, 700] {
                NGramIndex.leastReaching(floor, upTo: q, into: &least)
                #expect(least.count > q)
                #expect(least[0] == (0 >= floor ? 0 : 1), "floor \(floor)")
                guard q >= 1 else { continue }
                for m in 1...q {
                    let want = (0...m).first { Double($0) / Double(m) >= floor } ?? m + 1
                    #expect(Int(least[m]) == want, "floor \(floor), m \(m)")
                }
            }
        }
    }

    @Test func aLargeAnswerLeavesNothingInTheNextOne() {
        // A query touching every document, then one touching two: the kept buffer holds the second answer only.
        var index = NGramIndex()
        for k in 0..<500 { index.add(k % 250 == 0 ? [1, 2, UInt64(1000 + k)] : [1, UInt64(1000 + k)]) }
        var scratch = NGramIndex.Scratch()
        index.containment(of: [1], atLeast: 0, scratch: &scratch)
        #expect(scratch.answer.count == 500)
        index.containment(of: [2, 99], atLeast: 0.5, scratch: &scratch)
        #expect(scratch.answer.map(\.document) == [0, 250] && scratch.answer.allSatisfy { $0.containment == 0.5 })
        index.containment(of: [7], atLeast: 0, scratch: &scratch)
        #expect(scratch.answer.isEmpty)
    }

    @Test func tokenValuesAreTheSetTheIndexAndPostingsMade() {
        let settings = MatchSettings()
        let texts: [(String, String)] = [
            ("川康优6308水稻新品种选育", "选育出川康优6308、川麦104，亩产620公斤，较对照增产12.5%。"),
            ("300MW变速抽水蓄能机组研制", "研制300MW、600MW机组，符合GB/T 1094.1-2013，型号SKB264。"),
            ("定速与变速机组对比（第12号）", "定速机组与变速机组的对比，ISO 23678，TROP2靶点。"),
            ("无任何硬信息的成果", "简介也没有。"),
        ]
        for (title, summary) in texts {
            let p = MatchProfile(MatchSubject(id: title, title: title, summary: summary, submitter: "四川大学", supervisor: "",
                                              mobile: "", year: 2026, month: 6, channel: .organised), settings: settings)
            let before = Set(p.titleTokens.union(p.summaryTokens).filter { $0.kind != .contrast }.map(\.value)).sorted()
            #expect(p.tokenValues == before, "\(title)")
            #expect(MatchPostings(p).tokens == before)
        }
    }

    @Test func aQueryLeavesOutEveryCaseWithItsOwnId() {
        // Two documents under one id (a later subject with an id already held): a query with that id meets neither.
        let settings = MatchSettings()
        func subject(_ id: String, _ n: Int) -> MatchSubject {
            MatchSubject(id: id, title: "高比能固态锂电池关键技术研究与应用（第\(n)号）", summary: "研制高比能固态锂电池，能量密度\(n)Wh/kg。",
                         submitter: "四川大学", supervisor: "", mobile: "", year: 2026, month: 6, channel: .organised)
        }
        let index = MatchIndex(subjects: [subject("A", 1), subject("B", 2), subject("A", 3), subject("C", 4)], settings: settings)
        let mine = index.candidates(for: MatchProfile(subject("A", 5), settings: settings)).map(\.profile.subject.id)
        #expect(Set(mine) == ["B", "C"])
        let theirs = index.candidates(for: MatchProfile(subject("D", 6), settings: settings)).map(\.profile.subject.id)
        #expect(theirs.filter { $0 == "A" }.count == 2 && theirs.count == 4)
    }
}
