/// An inverted index from n-grams to the documents holding them. Adding a document costs its gram count; a
/// query costs the postings of its grams, so a night's queries grow with the night, not the library squared.
public struct NGramIndex: Sendable {
    /// One gram's documents, ascending, and the fewest grams any of them holds (which bounds what a document first
    /// met in this list can still reach, `containment(of:atLeast:skipAbove:)`).
    struct Postings {
        var documents: [Int32]
        var smallest: Int32
    }
    /// Postings: gram → its documents.
    private var postings: [UInt64: Postings] = [:]
    /// Grams whose documents are no longer listed, having been held by more than `dropAbove` documents: gram →
    /// how many documents hold it. A query follows no such gram (see `dropAbove`).
    private var dropped: [UInt64: Int32] = [:]
    /// Distinct gram count of each document.
    private(set) var sizes: [Int32] = []

    /// A gram held by more documents than this has its list dropped and only its count kept (`Int.max`, the
    /// default: every list is kept). A query's `skipAbove` must then be at most `dropAbove`, so that a dropped gram
    /// is one the query would not have followed anyway; the index of the nightly run's summaries sets it to the
    /// highest `skipAbove` its queries can use, so its answers are those of an index that keeps every list, and
    /// the lists of the window's commonest grams (most of its postings) are never held.
    public var dropAbove: Int = .max

    /// An empty index.
    public init() {}

    /// Documents held.
    public var count: Int { sizes.count }

    /// Adds a document's distinct sorted grams; returns its number.
    @discardableResult
    public mutating func add(_ grams: [UInt64]) -> Int {
        let doc = Int32(sizes.count)
        let size = Int32(grams.count)
        sizes.append(size)
        for g in grams {
            if let i = postings.index(forKey: g) {
                postings.values[i].documents.append(doc)
                postings.values[i].smallest = min(postings.values[i].smallest, size)
                let n = postings.values[i].documents.count
                if n > dropAbove {
                    dropped[g] = Int32(clamping: n)
                    postings.remove(at: i)
                }
            } else if let n = dropped[g] {
                dropped[g] = n &+ 1
            } else {
                postings[g] = Postings(documents: [doc], smallest: size)
            }
        }
        return Int(doc)
    }

    /// Documents sharing grams with the query, and how many: `(document, shared)` for every document touched.
    /// Grams held by more than `skipAbove` documents are not followed (they are counted as not shared), nor are
    /// grams whose list was dropped (`dropAbove`).
    public func shared(with grams: [UInt64], skipAbove: Int = .max) -> [(document: Int, shared: Int)] {
        var counts = [UInt16](repeating: 0, count: sizes.count)
        var touched: [Int32] = []
        for g in grams {
            guard let list = postings[g]?.documents, list.count <= skipAbove else { continue }
            for d in list {
                if counts[Int(d)] == 0 { touched.append(d) }
                counts[Int(d)] &+= 1
            }
        }
        return touched.map { (Int($0), Int(counts[Int($0)])) }
    }

    /// Containment of the query in each touched document (shared grams over the smaller of the two sets) that is at
    /// least `floor`, in no particular order: what `containmentByWalk` gives, without walking every posting.
    ///
    /// A prefix filter (all-pairs, PPJoin). The followed lists are taken rarest first. A document qualifies with
    /// m = min(query grams, its grams) when it shares at least `need(m)` of the followed grams, the least count
    /// whose share reaches `floor` (worked out with the very division of the answer, so ties at the floor stay in).
    /// A document first met in the list at position i, with R lists from there to the end, shares at most R grams;
    /// every document of that list holds at least the list's `smallest` grams, and `need` grows with m, so when
    /// `need(min(q, smallest)) > R` no document can first be met there and qualify. Such a list is not walked:
    /// the documents met in the walked lists are counted in it by a search of the list (galloping, or a walk when
    /// they are many), after dropping those that cannot reach `need` even with every list left. So every
    /// qualifying document is met in a walked list and counted in all its lists: the answer is the full walk's.
    /// A night of one title template (a growing share of the rows holding the same grams) walks the rare lists
    /// and searches the common ones, instead of walking postings quadratic in the night.
    public func containment(of grams: [UInt64], atLeast floor: Double, skipAbove: Int = .max) -> [(document: Int, containment: Double)] {
        let q = grams.count
        guard q > 0, !sizes.isEmpty else { return [] }
        var followed: [Postings] = []
        followed.reserveCapacity(q)
        for g in grams {
            guard let p = postings[g], p.documents.count <= skipAbove else { continue }
            followed.append(p)
        }
        guard !followed.isEmpty else { return [] }
        followed.sort { $0.documents.count < $1.documents.count }
        // need[m]: the least shared count c ≥ 1 with c / m ≥ floor, for m = 1 … q (Int.max when none up to m).
        var need = [Int](repeating: Int.max, count: q + 1)
        for m in 1...q {
            let dm = Double(m)
            var c = min(m, max(1, Int(exactly: (floor * dm).rounded(.down)) ?? 1))
            while c > 1 && Double(c - 1) / dm >= floor { c -= 1 }
            while c <= m && !(Double(c) / dm >= floor) { c += 1 }
            if c <= m { need[m] = c }
        }
        var counts = [UInt16](repeating: 0, count: sizes.count)
        var touched: [Int32] = []
        var deferred: [[Int32]] = []
        counts.withUnsafeMutableBufferPointer { c in
            let cp = c.baseAddress.unsafelyUnwrapped
            for (i, p) in followed.enumerated() {
                guard need[min(q, Int(p.smallest))] <= followed.count - i else {
                    deferred.append(p.documents)
                    continue
                }
                p.documents.withUnsafeBufferPointer { l in
                    for d in l {
                        let k = Int(truncatingIfNeeded: d)
                        if cp[k] == 0 { touched.append(d) }
                        cp[k] &+= 1
                    }
                }
            }
        }
        if !deferred.isEmpty {
            touched.sort()
            counts.withUnsafeMutableBufferPointer { c in
                let cp = c.baseAddress.unsafelyUnwrapped
                sizes.withUnsafeBufferPointer { sz in
                    for (k, list) in deferred.enumerated() {
                        let left = deferred.count - k
                        touched.removeAll { d in
                            let i = Int(truncatingIfNeeded: d)
                            let n = need[min(q, Int(sz[i]))]
                            return n == Int.max || Int(cp[i]) + left < n
                        }
                        if touched.isEmpty { break }
                        NGramIndex.count(touched, in: list, into: cp)
                    }
                }
            }
        }
        var out: [(document: Int, containment: Double)] = []
        out.reserveCapacity(touched.count)
        sizes.withUnsafeBufferPointer { sz in
            counts.withUnsafeBufferPointer { c in
                for d in touched {
                    let k = Int(truncatingIfNeeded: d)
                    let m = min(q, Int(sz[k]))
                    let x = m == 0 ? 0 : Double(Int(c[k])) / Double(m)
                    if x >= floor { out.append((k, x)) }
                }
            }
        }
        return out
    }

    /// Adds one to the count of each document of `documents` (ascending) that `list` (ascending) holds: a gallop
    /// through the list when the documents are few against it, a walk of the list otherwise (counting documents
    /// outside `documents` too, which the caller no longer reads).
    static func count(_ documents: [Int32], in list: [Int32], into counts: UnsafeMutablePointer<UInt16>) {
        let n = list.count
        guard n > 0 else { return }
        list.withUnsafeBufferPointer { l in
            if documents.count &* 8 >= n {
                for d in l { counts[Int(truncatingIfNeeded: d)] &+= 1 }
                return
            }
            var lo = 0
            for d in documents {
                if lo >= n { break }
                if l[lo] < d {
                    // l[lo] < d: double the step until l[hi] ≥ d or the end, then halve between.
                    var step = 1, hi = lo &+ 1
                    while hi < n && l[hi] < d {
                        lo = hi
                        step &<<= 1
                        hi = lo &+ step
                    }
                    var a = lo &+ 1, b = min(hi, n)
                    while a < b {
                        let mid = (a &+ b) >> 1
                        if l[mid] < d { a = mid &+ 1 } else { b = mid }
                    }
                    lo = a
                }
                if lo < n && l[lo] == d {
                    counts[Int(truncatingIfNeeded: d)] &+= 1
                    lo &+= 1
                }
            }
        }
    }

    /// `containment(of:atLeast:skipAbove:)` by walking every posting of every followed gram: the plain count the
    /// prefix filter must agree with (kept for the tests and for measuring).
    public func containmentByWalk(of grams: [UInt64], atLeast floor: Double, skipAbove: Int = .max) -> [(document: Int, containment: Double)] {
        let q = grams.count
        guard q > 0, !sizes.isEmpty else { return [] }
        var counts = [UInt16](repeating: 0, count: sizes.count)
        var touched: [Int32] = []
        counts.withUnsafeMutableBufferPointer { c in
            let cp = c.baseAddress.unsafelyUnwrapped
            for g in grams {
                guard let list = postings[g]?.documents, list.count <= skipAbove else { continue }
                list.withUnsafeBufferPointer { l in
                    for d in l {
                        let k = Int(truncatingIfNeeded: d)
                        if cp[k] == 0 { touched.append(d) }
                        cp[k] &+= 1
                    }
                }
            }
        }
        var out: [(document: Int, containment: Double)] = []
        out.reserveCapacity(touched.count)
        sizes.withUnsafeBufferPointer { sz in
            counts.withUnsafeBufferPointer { c in
                for d in touched {
                    let k = Int(truncatingIfNeeded: d)
                    let m = min(q, Int(sz[k]))
                    let x = m == 0 ? 0 : Double(Int(c[k])) / Double(m)
                    if x >= floor { out.append((k, x)) }
                }
            }
        }
        return out
    }
}

extension NGramIndex {
    /// How many documents hold `gram` (whether or not its list is kept).
    public func documentCount(of gram: UInt64) -> Int {
        postings[gram]?.documents.count ?? dropped[gram].map(Int.init) ?? 0
    }

    /// Document numbers listed for all grams, the dropped ones' counts aside: what the index holds in memory.
    public var listedPostings: Int { postings.values.reduce(0) { $0 + $1.documents.count } }
}
