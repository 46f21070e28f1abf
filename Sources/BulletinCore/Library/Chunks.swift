import Foundation

extension Collection {
    /// The collection cut into consecutive slices of at most `size` elements, in order; none when it is empty.
    /// The library reads by id lists of at most `CaseLibrary.idsPerQuery` (an `IN (?, ?, …)` list stays under
    /// SQLite's limit on a statement's variables).
    func chunks(of size: Int) -> [SubSequence] {
        precondition(size > 0, "chunks(of:) needs a positive size")
        var out: [SubSequence] = []
        out.reserveCapacity((count + size - 1) / size)
        var start = startIndex
        while start != endIndex {
            let end = index(start, offsetBy: size, limitedBy: endIndex) ?? endIndex
            out.append(self[start..<end])
            start = end
        }
        return out
    }
}

extension CaseLibrary {
    /// How many ids one `IN (…)` list of the library's reads holds at most.
    static let idsPerQuery = 500
}
