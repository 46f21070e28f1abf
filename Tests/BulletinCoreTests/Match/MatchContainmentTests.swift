@testable import BulletinCore
import Testing

/// `NGramIndex.containment` walks its postings without a branch (fourth pass of the 20,000-row run): its answer
/// must be the counting of `shared(with:skipAbove:)` divided as before, the same documents in the same order
/// (first touched first) with the same doubles, on random grams and on one template's titles, where most
/// documents share most grams.
@Suite struct MatchContainmentTests {
    /// The answer as the walk with a branch gave it: `shared(with:)`'s counts over the smaller set, kept at the floor.
    static func reference(_ index: NGramIndex, _ q: [UInt64], floor: Double, skip: Int) -> [(document: Int, containment: Double)] {
        guard !q.isEmpty else { return [] }
        return index.shared(with: q, skipAbove: skip).compactMap { d, n in
            let m = min(q.count, Int(index.sizes[d]))
            let x = m == 0 ? 0 : Double(n) / Double(m)
            return x >= floor ? (d, x) : nil
        }
    }

    static func same(_ a: [(document: Int, containment: Double)], _ b: [(document: Int, containment: Double)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.document == $1.document && $0.containment == $1.containment }
    }

    @Test func randomGramsGiveTheCountingOfShared() {
        var g = SplitMix64(seed: 20_004)
        for round in 0..<4 {
            var index = NGramIndex()
            if round == 3 { index.dropAbove = 30 }
            let alphabet = [5, 40, 400, 4000][round]
            var compared = 0
            for _ in 0..<400 {
                let q = Array(Set((0..<Int.random(in: 0...25, using: &g)).map { _ in UInt64.random(in: 0..<UInt64(alphabet), using: &g) })).sorted()
                for (floor, skip) in [(0.0, Int.max), (0.34, Int.max), (0.3, 20), (1.0, 50)] {
                    let want = Self.reference(index, q, floor: floor, skip: round == 3 ? min(skip, 30) : skip)
                    let got = index.containment(of: q, atLeast: floor, skipAbove: round == 3 ? min(skip, 30) : skip)
                    #expect(Self.same(got, want), "round \(round), query \(q), floor \(floor), skip \(skip)")
                    compared += got.count
                }
                index.add(q)
            }
            #expect(compared > 0)
        }
    }

    @Test func oneTemplatesTitlesGiveTheCountingOfShared() {
        // One template's titles, a subject and a number apart: every earlier title of the subject is touched by most
        // of the query's grams, and the others by the template's.
        let subjects = ["车规级碳化硅功率器件", "高比能固态锂电池", "钒钛磁铁矿高效清洁利用", "稀土永磁材料"]
        let settings = MatchSettings()
        var index = NGramIndex()
        var touched = 0
        for k in 0..<600 {
            let title = k % 3 == 0 ? "\(subjects[k % 4])研制及产业化示范\(k)" : "\(subjects[k % 4])关键技术研究与应用（第\(k)号）"
            let q = MatchText.grams(MatchText.key(MatchText.normalise(title)), size: settings.titleGram)
            let want = Self.reference(index, q, floor: settings.titleCandidate, skip: .max)
            let got = index.containment(of: q, atLeast: settings.titleCandidate)
            #expect(Self.same(got, want), "\(title)")
            touched += got.count
            index.add(q)
        }
        // The answers are large, as on the bench's night: the comparison is not of empty lists.
        #expect(touched > 600 * 50)
    }

    /// `MatchText.shared` searches the longer array for each value of a far shorter one (a title's grams in a
    /// summary's): the count must be the merge's, on arrays of every length ratio.
    @Test func sharedCountsWhatTheMergeCounts() {
        var g = SplitMix64(seed: 14_004)
        func merge(_ a: [UInt64], _ b: [UInt64]) -> Int {
            var i = 0, j = 0, n = 0
            while i < a.count && j < b.count {
                if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
            }
            return n
        }
        var searched = 0, found = 0
        for _ in 0..<3000 {
            let range = UInt64.random(in: 1...600, using: &g)
            let a = Array(Set((0..<Int.random(in: 0...12, using: &g)).map { _ in UInt64.random(in: 0..<range, using: &g) })).sorted()
            let b = Array(Set((0..<Int.random(in: 0...400, using: &g)).map { _ in UInt64.random(in: 0..<range, using: &g) })).sorted()
            #expect(MatchText.shared(a, b) == merge(a, b), "\(a) / \(b.count) values")
            #expect(MatchText.shared(b, a) == merge(a, b))
            if a.count * 8 < b.count { searched += 1 }
            found += merge(a, b)
        }
        #expect(searched > 1000 && found > 1000)
        // Arrays of like lengths, which take the merge on raw buffers, not the search, with the ends of the range
        // among the values (0 and UInt64.max, where a step's comparison decides which side moves past the last).
        var merged = 0
        for _ in 0..<3000 {
            let range = UInt64.random(in: 1...900, using: &g)
            func draw() -> UInt64 {
                switch UInt64.random(in: 0..<20, using: &g) {
                case 0: return 0
                case 1: return .max
                case 2: return .max - UInt64.random(in: 0..<range, using: &g)
                default: return UInt64.random(in: 0..<range, using: &g)
                }
            }
            let a = Array(Set((0..<Int.random(in: 0...300, using: &g)).map { _ in draw() })).sorted()
            let b = Array(Set((0..<Int.random(in: 0...300, using: &g)).map { _ in draw() })).sorted()
            #expect(MatchText.shared(a, b) == merge(a, b), "\(a.count) / \(b.count) values")
            #expect(MatchText.shared(b, a) == merge(a, b))
            if a.count * 8 >= b.count && b.count * 8 >= a.count { merged += 1 }
        }
        #expect(merged > 2000)
    }
}

/// `HardTokens.quoted` looks an opening mark up only for `"` and U+2018…U+300E: every mark of `quotePairs` still
/// opens a quoted name, and a text without marks holds none.
@Suite struct QuotedTokenTests {
    @Test func everyOpeningMarkStillOpensAName() {
        for (open, close) in HardTokens.quotePairs {
            let text = MatchText.normalise("选育的\(open)天府肉猪\(close)新品种")
            let tokens = HardTokens.extract(text)
            #expect(tokens.contains { $0.kind == .quoted && $0.value == "天府肉猪" }, "\(open)\(close): \(tokens)")
        }
        #expect(!HardTokens.extract(MatchText.normalise("选育的天府肉猪新品种，亩产620公斤。")).contains { $0.kind == .quoted })
    }
}
