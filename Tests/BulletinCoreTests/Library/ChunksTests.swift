@testable import BulletinCore
import Testing

/// `chunks(of:)`, the one way the library cuts an id list into `IN (…)` lists: the slices are the stride idiom's it
/// replaced, in order, each full but the last, none for an empty list.
@Suite struct ChunksTests {
    /// What `stride(from: 0, to: n, by: size).map { Array(a[$0..<min($0 + size, n)]) }` gave.
    private func strided<T>(_ a: [T], _ size: Int) -> [[T]] {
        stride(from: 0, to: a.count, by: size).map { Array(a[$0..<min($0 + size, a.count)]) }
    }

    @Test func slicesAreTheStrideIdioms() {
        for n in [0, 1, 2, 499, 500, 501, 999, 1000, 1001, 1499, 2500, 2501] {
            let ids = (0..<n).map { "2026-11-\(BulletinPeriod.zeroPadded($0, 4))" }
            for size in [1, 2, 3, 7, 499, 500, 501, 5000] {
                let chunks = ids.chunks(of: size)
                #expect(chunks.map(Array.init) == strided(ids, size), "n \(n) size \(size)")
                #expect(chunks.count == (n + size - 1) / size)
                #expect(chunks.dropLast().allSatisfy { $0.count == size })
                #expect(chunks.last.map { $0.count > 0 && $0.count <= size } ?? (n == 0))
                #expect(Array(chunks.joined()) == ids)
            }
        }
    }

    @Test func anyCollectionIsCutInItsOrder() {
        let text = "重大科技成果通报abc"
        #expect(text.chunks(of: 3).map(String.init) == ["重大科", "技成果", "通报a", "bc"])
        #expect(Array(1...10).dropFirst(3).chunks(of: 4).map(Array.init) == [[4, 5, 6, 7], [8, 9, 10]])
        #expect([Int]().chunks(of: 500).isEmpty)
        #expect(CaseLibrary.idsPerQuery == 500)
    }
}
