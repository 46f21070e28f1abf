/// Synthetic libraries and nights for measuring the match step (`bulletin bench-match`). Cases are stitched from
/// real-looking seed achievements: a title made of pieces of two seed titles and a serial, a summary of clauses
/// drawn from many seed summaries, units and mobiles from the seeds. Deterministic for a given seed number.
public struct MatchWorkload: Sendable {
    /// The seed achievements.
    public let seeds: [MatchSubject]
    private let clauses: [String]

    /// A workload over the given seeds (at least one, with titles).
    public init(seeds: [MatchSubject]) {
        self.seeds = seeds.isEmpty ? [MatchSubject(id: "seed", title: "示例成果", year: 2026, month: 11)] : seeds
        var c: [String] = []
        for s in self.seeds {
            var clause = ""
            for ch in s.summary {
                clause.append(ch)
                if "，。；".contains(ch) {
                    if clause.count >= 6 { c.append(clause) }
                    clause = ""
                }
            }
        }
        clauses = c.isEmpty ? ["研究团队取得重要进展。"] : c
    }

    /// A made-up term of `length` common ideographs.
    func term(_ rng: inout SplitMix64, _ length: Int) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<length {
            if let u = Unicode.Scalar(UInt32(0x4E00 + rng.next() % 3000)) { s.append(u) }
        }
        return String(s)
    }

    /// `count` cases with ids `prefix-000001` …, dated in the months before `year`/`month`.
    public func cases(_ count: Int, prefix: String, seed: UInt64, year: Int = 2026, month: Int = 11) -> [MatchSubject] {
        var rng = SplitMix64(seed: seed)
        var out: [MatchSubject] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let a = seeds[Int(rng.next() % UInt64(seeds.count))]
            let b = seeds[Int(rng.next() % UInt64(seeds.count))]
            let ta = Array(a.title), tb = Array(b.title)
            let cutA = ta.count / 2, cutB = tb.count / 2
            let title = String(ta[..<max(1, cutA)]) + term(&rng, 2) + String(tb[min(cutB, tb.count - 1)...]) + "\(rng.next() % 900 + 100)型"
            var summary = ""
            let clauseCount = Int(rng.next() % 8) + 8
            for k in 0..<clauseCount {
                summary += clauses[Int(rng.next() % UInt64(clauses.count))]
                // Names and terms of its own, as every real summary has, so the library's vocabulary grows with it.
                if k % 3 == 0 { summary += term(&rng, 3) + "，" }
            }
            let back = Int(rng.next() % 24)
            let m = (year * 12 + month - 1) - back
            out.append(MatchSubject(id: "\(prefix)-\(String(i + 1).leftPadded(6))", title: title, summary: summary,
                                    submitter: a.submitter, supervisor: a.supervisor, mobile: a.mobile,
                                    year: m / 12, month: m % 12 + 1, channel: a.channel))
        }
        return out
    }
}

/// A small, fast, deterministic random number generator (SplitMix64): the match workload's, and the tests' wherever
/// they draw random inputs, so that every run draws the same ones and a failure can be reproduced.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next number.
    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
