@testable import BulletinCore
import Foundation
import Testing

/// The prefix-filtered containment (`NGramIndex.containment(of:atLeast:skipAbove:)`) gives exactly what walking
/// every posting gives (`containmentByWalk`) and what counting shared grams pair by pair gives: the same documents
/// with the same doubles, on Chinese titles and summaries of one template, ties at the floor included, with and
/// without `skipAbove` and dropped lists.
@Suite struct NGramPrefixFilterTests {
    /// Titles as a big night sends them: a score of subjects, each under a template with a number (the grams of
    /// the template held by most of the night), some short, some sharing a subject's words, a few alone.
    static func titles(_ n: Int) -> [String] {
        let subjects = ["300MW级变速抽水蓄能机组", "茶叶加工国家标准", "油气田智能钻井系统", "高比能固态锂电池", "集成电路先进封装",
                        "钒钛磁铁矿高效清洁利用", "晶硅光伏电池片智能产线", "稀土永磁材料", "川农优498杂交水稻", "车规级碳化硅功率器件",
                        "川芎", "附子", "中药材川芎种植", "中药材附子种植", "全钒液流电池储能系统", "铁铬液流电池储能系统"]
        var g = PrefixFixtureGenerator(seed: 20)
        return (0..<n).map { i in
            let s = subjects[Int(g.next() % UInt64(subjects.count))]
            switch g.next() % 6 {
            case 0: return "\(s)关键技术研究与应用（第\(i)号）"
            case 1: return "\(s)研制及产业化示范\(i)"
            case 2: return s
            case 3: return "\(s)\(i % 7)"
            case 4: return "基于\(s)的\(subjects[i % subjects.count])"
            default: return "\(i)"
            }
        }
    }

    static func grams(_ text: String, _ size: Int) -> [UInt64] {
        MatchText.grams(MatchText.key(MatchText.normalise(text)), size: size)
    }

    /// The containments by counting shared followed grams against each document's own grams.
    static func byPairs(_ query: [UInt64], _ docs: [[UInt64]], _ index: NGramIndex, floor: Double, skipAbove: Int) -> [(Int, Double)] {
        let followed = query.filter { index.documentCount(of: $0) <= skipAbove && index.documentCount(of: $0) > 0 }
        return docs.enumerated().compactMap { d, grams in
            let n = MatchText.shared(followed, grams)
            let m = min(query.count, grams.count)
            guard n > 0, m > 0 else { return nil }
            let x = Double(n) / Double(m)
            return x >= floor ? (d, x) : nil
        }
    }

    static func sorted(_ r: [(document: Int, containment: Double)]) -> [(Int, Double)] {
        r.map { ($0.document, $0.containment) }.sorted { $0.0 < $1.0 }
    }

    static func same(_ a: [(Int, Double)], _ b: [(Int, Double)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    @Test(arguments: [2, 3])
    func theFilterGivesTheWalkOnTitlesOfOneTemplate(size: Int) {
        let docs = Self.titles(1_500).map { Self.grams($0, size) }
        var index = NGramIndex()
        for d in docs { index.add(d) }
        let queries = Self.titles(1_560).suffix(60).map { Self.grams($0, size) } + docs.prefix(40)
        var met = 0, tied = 0
        for q in queries {
            // The floors of the matcher, and floors equal to a count's share (ties at the floor).
            let m = max(1, q.count)
            let floors = [0, 0.3, 0.34, 0.5, 1, 1.01] + [1, 2, 3].map { Double($0) / Double(m) } + [Double(m - 1) / Double(m), 1.0 / 3, 2.0 / 3]
            for floor in floors {
                for skip in [Int.max, 400, 75, 20] {
                    let fast = Self.sorted(index.containment(of: q, atLeast: floor, skipAbove: skip))
                    let walk = Self.sorted(index.containmentByWalk(of: q, atLeast: floor, skipAbove: skip))
                    #expect(Self.same(fast, walk), "floor \(floor) skip \(skip): \(fast.count) against \(walk.count)")
                    #expect(Self.same(fast, Self.byPairs(q, docs, index, floor: floor, skipAbove: skip)))
                    met += fast.count
                    tied += fast.filter { $0.1 == floor }.count
                }
            }
        }
        // The fixture is not empty-handed: documents are found, and some sit exactly on the floor.
        #expect(met > 10_000)
        #expect(tied > 100)
    }

    @Test func theFilterGivesTheWalkWithListsDropped() {
        let docs = Self.titles(800).map { Self.grams($0, 2) }
        var every = NGramIndex(), bounded = NGramIndex()
        bounded.dropAbove = 60
        for d in docs {
            every.add(d)
            bounded.add(d)
        }
        for q in Self.titles(840).suffix(40).map({ Self.grams($0, 2) }) {
            for floor in [0, 0.34, 0.5, 2.0 / 3] {
                for skip in [60, 20] {
                    let a = Self.sorted(every.containmentByWalk(of: q, atLeast: floor, skipAbove: skip))
                    #expect(Self.same(Self.sorted(bounded.containment(of: q, atLeast: floor, skipAbove: skip)), a))
                    #expect(Self.same(Self.sorted(every.containment(of: q, atLeast: floor, skipAbove: skip)), a))
                }
            }
        }
    }

    @Test func smallDocumentsInCommonListsAreStillFound() {
        // The common gram's list holds one document of two grams: it must be walked for that one, whose share
        // reaches the floor with one gram, while the long documents need most of the query.
        var index = NGramIndex()
        for i in 0..<300 { index.add([1, 2, 3, 4, 5, 6, 7, 8, 100 + UInt64(i)].sorted()) }
        index.add([1, 999])
        let q: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8, 50, 51]
        let fast = Self.sorted(index.containment(of: q, atLeast: 0.5))
        #expect(fast.contains { $0.0 == 300 && $0.1 == 0.5 })
        #expect(Self.same(fast, Self.sorted(index.containmentByWalk(of: q, atLeast: 0.5))))
        #expect(index.containment(of: [], atLeast: 0).isEmpty && NGramIndex().containment(of: q, atLeast: 0).isEmpty)
        #expect(index.containment(of: q, atLeast: .nan).isEmpty)
    }
}

/// A small seeded generator (splitmix64): the fixture is the same every run.
private struct PrefixFixtureGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
