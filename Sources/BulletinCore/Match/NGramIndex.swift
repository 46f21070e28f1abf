/// An inverted index from n-grams to the documents holding them. Adding a document costs its gram count; a
/// query costs the postings of its grams, so a night's queries grow with the night, not the library squared.
public struct NGramIndex: Sendable {
    /// Postings: gram → its list's length and the list (document numbers, ascending). The length is kept beside
    /// the list so that a query reads it from the dictionary's own storage: a summary query skips most of its
    /// 300-odd lists by length alone (`skipAbove`), and reading each length from its list's heap header was a
    /// cache miss a gram, a fifth of the walk's time.
    private var postings: [UInt64: Posting] = [:]

    /// One gram's list and its length (`docs.count`).
    struct Posting {
        var count: Int32
        var docs: [Int32]
    }
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
        sizes.append(Int32(grams.count))
        for g in grams {
            if let i = postings.index(forKey: g) {
                postings.values[i].docs.append(doc)
                postings.values[i].count &+= 1
                let n = Int(postings.values[i].count)
                if n > dropAbove {
                    dropped[g] = Int32(clamping: n)
                    postings.remove(at: i)
                }
            } else if let n = dropped[g] {
                dropped[g] = n &+ 1
            } else {
                postings[g] = Posting(count: 1, docs: [doc])
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
            guard let p = postings[g], Int(p.count) <= skipAbove else { continue }
            for d in p.docs {
                if counts[Int(d)] == 0 { touched.append(d) }
                counts[Int(d)] &+= 1
            }
        }
        return touched.map { (Int($0), Int(counts[Int($0)])) }
    }

    /// Containment of the query in each touched document: shared grams over the smaller of the two sets, for
    /// every touched document at or above `floor`, in the order the walk first touched them.
    public func containment(of grams: [UInt64], atLeast floor: Double, skipAbove: Int = .max) -> [(document: Int, containment: Double)] {
        var scratch = Scratch()
        containment(of: grams, atLeast: floor, skipAbove: skipAbove, scratch: &scratch)
        return scratch.found
    }

    /// What a query of the index writes as it walks, kept from one query to the next (`MatchIndex.candidates`
    /// of a night's submissions): a count per document, all 0 between queries, and room for the touched
    /// documents. Made anew for each query, the counts of a 20,000-document index were 40 KB allocated and
    /// zeroed twice a query, and the fresh pages' faults were a twentieth of the match step.
    public struct Scratch: Sendable {
        /// A shared-gram count per document; every one is 0 between queries (the walk sets back those it touched).
        var counts: [UInt16] = []
        /// The touched documents, in the order first touched (room for the postings walked, not all used).
        var touched: [Int32] = []
        /// The answer of the last query: each touched document at or above the floor, in the order first touched.
        var found: [(document: Int, containment: Double)] = []

        /// Empty buffers; they grow as the queries need.
        public init() {}
    }

    /// `containment(of:atLeast:skipAbove:)` into `scratch.found`, with the buffers kept in `scratch`.
    /// The counting of `shared(with:skipAbove:)` in one pass over raw buffers (the postings of one template's
    /// grams run to thousands of documents on a big night, and this loop was a third of the match step). The
    /// walk has no branch: each posting writes its document to the next free place of `touched` and moves that
    /// place on only when the document's count was 0 (the lists followed are found first, so `touched` is made
    /// at least as long as their postings together). Reading the counts back sets each to 0 again.
    func containment(of grams: [UInt64], atLeast floor: Double, skipAbove: Int = .max, scratch: inout Scratch) {
        scratch.found.removeAll(keepingCapacity: true)
        let q = grams.count
        guard q > 0, !sizes.isEmpty else { return }
        var lists: [[Int32]] = []
        lists.reserveCapacity(q)
        var walked = 0
        for g in grams {
            guard let p = postings[g], Int(p.count) <= skipAbove else { continue }
            lists.append(p.docs)
            walked += Int(p.count)
        }
        guard walked > 0 else { return }
        if scratch.counts.count < sizes.count {
            scratch.counts.append(contentsOf: repeatElement(0, count: max(sizes.count, 2 * scratch.counts.count) - scratch.counts.count))
        }
        if scratch.touched.count < walked {
            scratch.touched = [Int32](repeating: 0, count: max(walked, 2 * scratch.touched.count))
        }
        var found = scratch.found
        scratch.found = []
        sizes.withUnsafeBufferPointer { sz in
            scratch.counts.withUnsafeMutableBufferPointer { c in
                scratch.touched.withUnsafeMutableBufferPointer { t in
                    guard let cp = c.baseAddress, let tp = t.baseAddress else { return }
                    var n = 0
                    for list in lists {
                        list.withUnsafeBufferPointer { l in
                            for d in l {
                                let k = Int(truncatingIfNeeded: d)
                                tp[n] = d
                                n &+= cp[k] == 0 ? 1 : 0
                                cp[k] &+= 1
                            }
                        }
                    }
                    for i in 0..<n {
                        let k = Int(truncatingIfNeeded: tp[i])
                        let m = min(q, Int(sz[k]))
                        let x = m == 0 ? 0 : Double(Int(cp[k])) / Double(m)
                        cp[k] = 0
                        if x >= floor { found.append((k, x)) }
                    }
                }
            }
        }
        scratch.found = found
    }
}

extension NGramIndex {
    /// How many documents hold `gram` (whether or not its list is kept).
    public func documentCount(of gram: UInt64) -> Int {
        postings[gram].map { Int($0.count) } ?? dropped[gram].map(Int.init) ?? 0
    }

    /// Document numbers listed for all grams, the dropped ones' counts aside: what the index holds in memory.
    public var listedPostings: Int { postings.values.reduce(0) { $0 + $1.docs.count } }
}
