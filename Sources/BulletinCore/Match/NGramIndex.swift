/// An inverted index from n-grams to the documents holding them. Adding a document costs its gram count; a
/// query costs the postings of its grams, so a night's queries grow with the night, not the library squared.
public struct NGramIndex: Sendable {
    /// Postings: gram → document numbers, ascending.
    private var postings: [UInt64: [Int32]] = [:]
    /// Distinct gram count of each document.
    private(set) var sizes: [Int32] = []

    /// An empty index.
    public init() {}

    /// Documents held.
    public var count: Int { sizes.count }

    /// Adds a document's distinct sorted grams; returns its number.
    @discardableResult
    public mutating func add(_ grams: [UInt64]) -> Int {
        let doc = Int32(sizes.count)
        sizes.append(Int32(grams.count))
        for g in grams { postings[g, default: []].append(doc) }
        return Int(doc)
    }

    /// Documents sharing grams with the query, and how many: `(document, shared)` for every document touched.
    /// Grams held by more than `skipAbove` documents are not followed (they are counted as not shared).
    public func shared(with grams: [UInt64], skipAbove: Int = .max) -> [(document: Int, shared: Int)] {
        var counts = [UInt16](repeating: 0, count: sizes.count)
        var touched: [Int32] = []
        for g in grams {
            guard let list = postings[g], list.count <= skipAbove else { continue }
            for d in list {
                if counts[Int(d)] == 0 { touched.append(d) }
                counts[Int(d)] &+= 1
            }
        }
        return touched.map { (Int($0), Int(counts[Int($0)])) }
    }

    /// Containment of the query in each touched document: shared grams over the smaller of the two sets.
    /// The counting of `shared(with:skipAbove:)` in one pass over raw buffers (the postings of one template's
    /// grams run to thousands of documents on a big night, and this loop was a third of the match step).
    public func containment(of grams: [UInt64], atLeast floor: Double, skipAbove: Int = .max) -> [(document: Int, containment: Double)] {
        let q = grams.count
        guard q > 0, !sizes.isEmpty else { return [] }
        var counts = [UInt16](repeating: 0, count: sizes.count)
        var touched: [Int32] = []
        counts.withUnsafeMutableBufferPointer { c in
            let cp = c.baseAddress.unsafelyUnwrapped
            for g in grams {
                guard let list = postings[g], list.count <= skipAbove else { continue }
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
