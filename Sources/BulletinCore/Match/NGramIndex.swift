/// An inverted index from n-grams to the documents holding them. Adding a document costs its gram count; a
/// query costs the postings of its grams, so a night's queries grow with the night, not the library squared.
public struct NGramIndex: Sendable {
    /// Gram → its entry, in an open-addressed table of its own (`GramTable`): the grams are 64-bit integers, and
    /// the standard dictionary hashed each with SipHash and kept its keys, values and the lists' lengths in three
    /// places, so a lookup (two a gram added, one a gram queried, 320 grams a subject) was several cache misses and
    /// a twentieth of the match step's instructions.
    private var table = GramTable()
    /// The documents of each gram whose list is kept, ascending, by `GramTable.Entry.list`.
    private var lists: [[Int32]] = []
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
            let i = table.slot(of: g)
            let e = table.entries[i]
            if e.list == GramTable.empty {
                table.insert(GramTable.Entry(gram: g, count: 1, list: Int32(lists.count)), at: i)
                lists.append([doc])
            } else if e.list == GramTable.dropped {
                table.set(i, count: e.count &+ 1, list: GramTable.dropped)
            } else {
                let n = e.count &+ 1
                lists[Int(e.list)].append(doc)
                if Int(n) > dropAbove {
                    // The list goes; its count stays (the entry is kept, so the table never deletes).
                    table.set(i, count: n, list: GramTable.dropped)
                    lists[Int(e.list)] = []
                } else {
                    table.set(i, count: n, list: e.list)
                }
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
            let e = table.entry(of: g)
            guard e.list >= 0, Int(e.count) <= skipAbove else { continue }
            for d in lists[Int(e.list)] {
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
        return Array(scratch.answer)
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
        /// Room for the answer of the last query, its first `foundCount` places: each touched document at or above
        /// the floor, in the order first touched (the places past `foundCount` are left over, not cleared).
        var found: [(document: Int, containment: Double)] = []
        var foundCount = 0
        /// For each floor queried, by its bit pattern, and each m from 0 up to the longest query yet, the least
        /// shared count whose containment `c / m` reaches the floor (m + 1 when none up to m does;
        /// `NGramIndex.leastReaching`). `least[m]` does not depend on the query's length, so a table is made once a
        /// floor and lengthened only when a longer query comes: made anew for every query it was a twelfth of the
        /// walk's instructions (a night's queries alternate between two floors, the titles' and the summaries').
        var least: [(floor: UInt64, table: [Int32])] = []
        /// The numbers of the lists the last query followed (room kept between queries).
        var followed: [Int32] = []

        /// The answer of the last query.
        var answer: ArraySlice<(document: Int, containment: Double)> { found[..<foundCount] }

        /// Empty buffers; they grow as the queries need.
        public init() {}
    }

    /// `containment(of:atLeast:skipAbove:)` into `scratch.answer`, with the buffers kept in `scratch`.
    /// The counting of `shared(with:skipAbove:)` in one pass over raw buffers (the postings of one template's
    /// grams run to thousands of documents on a big night, and this loop was a third of the match step). The
    /// walk has no branch: each posting writes its document to the next free place of `touched` and moves that
    /// place on only when the document's count was 0 (the lists followed are found first, so `touched` is made
    /// at least as long as their postings together). Reading the counts back sets each to 0 again.
    func containment(of grams: [UInt64], atLeast floor: Double, skipAbove: Int = .max, scratch: inout Scratch) {
        scratch.foundCount = 0
        let q = grams.count
        guard q > 0, !sizes.isEmpty else { return }
        // The numbers of the lists followed, not the lists: an array of lists retained each one and released it
        // again, and those retains were 13% of this function's perf samples at 20,000 rows.
        var followed = scratch.followed
        scratch.followed = []
        followed.removeAll(keepingCapacity: true)
        var walked = 0
        for g in grams {
            let e = table.entry(of: g)
            guard e.list >= 0, Int(e.count) <= skipAbove else { continue }
            followed.append(e.list)
            walked += Int(e.count)
        }
        defer { scratch.followed = followed }
        guard walked > 0 else { return }
        if scratch.counts.count < sizes.count {
            scratch.counts.append(contentsOf: repeatElement(0, count: max(sizes.count, 2 * scratch.counts.count) - scratch.counts.count))
        }
        if scratch.touched.count < walked {
            scratch.touched = [Int32](repeating: 0, count: max(walked, 2 * scratch.touched.count))
        }
        let room = min(walked, sizes.count)  // the touched documents, at most
        if scratch.found.count < room {
            scratch.found = Array(repeating: (0, 0), count: max(room, 2 * scratch.found.count))
        }
        var found = scratch.found
        scratch.found = []
        let li: Int
        if let i = scratch.least.firstIndex(where: { $0.floor == floor.bitPattern }) {
            li = i
        } else {
            scratch.least.append((floor: floor.bitPattern, table: []))
            li = scratch.least.count - 1
        }
        var least = scratch.least[li].table
        scratch.least[li].table = []
        if least.count < q + 1 {
            // Made from empty, the table is exactly `upTo + 1` long and every place of it is filled.
            let upTo = max(q, 2 * least.count)
            least = []
            Self.leastReaching(floor, upTo: upTo, into: &least)
        }
        var nf = 0
        sizes.withUnsafeBufferPointer { sz in
            scratch.counts.withUnsafeMutableBufferPointer { c in
                scratch.touched.withUnsafeMutableBufferPointer { t in
                  found.withUnsafeMutableBufferPointer { f in
                    guard let cp = c.baseAddress, let tp = t.baseAddress, let fp = f.baseAddress else { return }
                    var n = 0
                    lists.withUnsafeBufferPointer { lists in
                        for li in followed {
                            lists[Int(li)].withUnsafeBufferPointer { l in
                                for d in l {
                                    let k = Int(truncatingIfNeeded: d)
                                    tp[n] = d
                                    n &+= cp[k] == 0 ? 1 : 0
                                    cp[k] &+= 1
                                }
                            }
                        }
                    }
                    least.withUnsafeBufferPointer { lp in
                        guard let lp = lp.baseAddress else { return }
                        for i in 0..<n {
                            let k = Int(truncatingIfNeeded: tp[i])
                            let m = min(q, Int(sz[k]))
                            let c = Int(cp[k])
                            cp[k] = 0
                            // Most touched documents share a gram or two and fall short of the floor: a count below
                            // the least that reaches it at this m is passed over without a division (11% fewer of
                            // this function's perf samples at 20,000 rows); the others are divided and compared as before.
                            guard c >= Int(lp[m]) else { continue }
                            let x = m == 0 ? 0 : Double(c) / Double(m)
                            fp[nf] = (k, x)
                            nf &+= x >= floor ? 1 : 0
                        }
                    }
                  }
                }
            }
        }
        scratch.found = found
        scratch.least[li].table = least
        scratch.foundCount = nf
    }

    /// `least[m]` for m in 0...q: the least count c in 0...m with `Double(c) / Double(m) >= floor` (for m = 0, the
    /// containment is 0: 0 when 0 reaches the floor), or m + 1 when no count up to m does. A correctly rounded
    /// division is monotonic in its numerator, so every count from `least[m]` up reaches the floor and every count
    /// below it does not; the search starts at `floor * m` and moves by the same division the walk makes, so the
    /// table agrees with it to the last bit (0.3 × 10 is 3.0000000000000004 in doubles; 3 / 10 reaches 0.3).
    static func leastReaching(_ floor: Double, upTo q: Int, into least: inout [Int32]) {
        if least.count < q + 1 { least = [Int32](repeating: 0, count: max(q + 1, 2 * least.count)) }
        least[0] = 0 >= floor ? 0 : 1
        guard q >= 1 else { return }
        for m in 1...q {
            let dm = Double(m)
            let guess = floor * dm
            var c = guess.isNaN ? m + 1 : guess <= 0 ? 0 : guess >= dm ? m : Int(guess)
            while c > 0 && Double(c - 1) / dm >= floor { c -= 1 }
            while c <= m && !(Double(c) / dm >= floor) { c += 1 }
            least[m] = Int32(c)
        }
    }
}

extension NGramIndex {
    /// How many documents hold `gram` (whether or not its list is kept).
    public func documentCount(of gram: UInt64) -> Int {
        let e = table.entry(of: gram)
        return e.list == GramTable.empty ? 0 : Int(e.count)
    }

    /// Document numbers listed for all grams, the dropped ones' counts aside: what the index holds in memory.
    public var listedPostings: Int { lists.reduce(0) { $0 + $1.count } }
}

/// The gram table of `NGramIndex`: open addressing with linear probing over a power-of-two array of entries, at
/// most half full, a gram's slot found from a 64-bit mix of its bits (MurmurHash3's finaliser). Entries are never
/// removed (a dropped list keeps its entry and count), so a probe stops at the first empty slot. Which slot a gram
/// lands in changes nothing the index answers: the lists and their order are the index's own.
struct GramTable: Sendable {
    /// One gram: how many documents hold it, and its list's number in `NGramIndex.lists` (or `empty`, `dropped`).
    struct Entry: Sendable {
        var gram: UInt64
        var count: Int32
        var list: Int32
    }

    /// `Entry.list` of a free slot.
    static let empty: Int32 = -1
    /// `Entry.list` of a gram whose list was dropped (`NGramIndex.dropAbove`): only its count is kept.
    static let dropped: Int32 = -2

    private(set) var entries = [Entry](repeating: Entry(gram: 0, count: 0, list: GramTable.empty), count: 1024)
    private var used = 0

    /// The slot holding `gram`, or the free slot where it would go.
    func slot(of gram: UInt64) -> Int {
        let mask = entries.count - 1
        return entries.withUnsafeBufferPointer { e in
            var i = Self.mix(gram) & mask
            while e[i].list != Self.empty && e[i].gram != gram { i = (i + 1) & mask }
            return i
        }
    }

    /// The entry of `gram`: a free entry (`list == empty`, count 0) when the table does not hold it.
    func entry(of gram: UInt64) -> Entry { entries[slot(of: gram)] }

    /// Writes the entry of a gram the table does not hold into its free slot (`slot(of:)`'s answer); the table
    /// grows when half full.
    mutating func insert(_ entry: Entry, at slot: Int) {
        entries[slot] = entry
        used += 1
        if 2 * used > entries.count { grow() }
    }

    /// Updates a held entry's count and list in place.
    mutating func set(_ slot: Int, count: Int32, list: Int32) {
        entries[slot].count = count
        entries[slot].list = list
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(gram: 0, count: 0, list: Self.empty), count: 2 * old.count)
        for e in old where e.list != Self.empty { entries[slot(of: e.gram)] = e }
    }

    /// MurmurHash3's 64-bit finaliser: every bit of the gram moves the slot (grams are packed scalars, whose low
    /// bits alone would crowd).
    @inline(__always)
    static func mix(_ gram: UInt64) -> Int {
        var h = gram
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }
}
