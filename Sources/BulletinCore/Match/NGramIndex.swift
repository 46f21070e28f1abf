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
    public func containment(of grams: [UInt64], atLeast floor: Double, skipAbove: Int = .max) -> [(document: Int, containment: Double)] {
        let q = grams.count
        guard q > 0 else { return [] }
        var out: [(Int, Double)] = []
        for (d, n) in shared(with: grams, skipAbove: skipAbove) {
            let m = min(q, Int(sizes[d]))
            let c = m == 0 ? 0 : Double(n) / Double(m)
            if c >= floor { out.append((d, c)) }
        }
        return out
    }
}
