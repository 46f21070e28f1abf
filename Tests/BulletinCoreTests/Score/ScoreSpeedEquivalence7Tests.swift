@testable import BulletinCore
import Testing

/// The automaton's compact root table (`RootTable`) against the plain table it replaced, and the scan
/// against a direct search for every literal, on Chinese and Latin mixes, full-width punctuation, NFD
/// text and emoji (surrogate pairs).
struct ScoreSpeedEquivalence7Tests {
    @Test func rootTableAnswersAsThePlainTable() {
        var plain = [Int32](repeating: -1, count: 0x10000)
        // Units at word edges, in the CJK, full-width, surrogate and private ranges, and the last unit.
        let set: [Int] = [0, 1, 63, 64, 66, 127, 0x41, 0x61, 0x300, 0x4E00, 0x4E2D, 0x56FD, 0x9FA5, 0xD83D, 0xDE00,
                          0xFF0C, 0xFF08, 0xFF09, 0xE000, 0xFFFE, 0xFFFF]
        for (n, u) in set.enumerated() { plain[u] = Int32(n * 7 + 3) }
        let table = RootTable(plain)
        for u in 0...0xFFFF {
            #expect(table.next(UInt16(u)) == plain[u], "unit \(u)")
        }
        #expect(table.states.count == set.count)
    }

    @Test func scanFindsWhatADirectSearchFinds() {
        let words = ["人工智能", "智能", "能源", "新能源汽车", "汽车", "AI", "ai芯片", "芯片", "，国家", "（重大）",
                     "e\u{301}", "cafe\u{301}", "😀", "😀科技", "5G", "5G通信", "通信", "信"]
        for w in words { _ = CueAutomaton.register(Array(w.utf16)) }
        let automaton = CueAutomaton.current
        let texts = ["新能源汽车与人工智能芯片，国家（重大）科技成果",
                     "ai芯片和AI，5G通信基站；😀科技😀😀",
                     "cafe\u{301} 与 e\u{301}e\u{301} 的能源能源源",
                     "", "信信信", "ＡＩ全角，（重大），国家，国家"]
        for text in texts {
            let units = Array(text.utf16)
            var expected: [(Int32, Int32)] = []
            for (id, literal) in automaton.literals.enumerated() where !literal.isEmpty && literal.count <= units.count {
                for start in 0...(units.count - literal.count) where Array(units[start ..< start + literal.count]) == literal {
                    expected.append((Int32(id), Int32(start)))
                }
            }
            let found = automaton.scan(units)
            #expect(found.ids == expected.map(\.0), "\(text)")
            #expect(found.starts == expected.map(\.1), "\(text)")
        }
    }
}
