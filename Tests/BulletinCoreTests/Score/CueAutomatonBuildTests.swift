@testable import BulletinCore
import Testing

/// The automaton built from sorted literals (trie by shared prefixes, failure links through the final tables) against
/// a direct search, on literals over a three-letter alphabet: every literal is a prefix, suffix or infix of many
/// others, so failure chains are long and a state ends several literals.
struct CueAutomatonBuildTests {
    /// A small deterministic generator (the same literals and texts on every run).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func scanFindsWhatADirectSearchFindsOnOverlappingLiterals() {
        var g = Generator(state: 20_261_201)
        let alphabet: [UInt16] = [0x7532, 0x4E59, 0x4E19]  // 甲乙丙
        for _ in 0..<300 {
            let length = 1 + g.next(6)
            _ = CueAutomaton.register((0..<length).map { _ in alphabet[g.next(3)] })
        }
        let automaton = CueAutomaton.current
        for round in 0..<40 {
            let units = (0..<(round * 3)).map { _ in alphabet[g.next(3)] } + (round % 5 == 0 ? [0x41, 0x7532] : [])
            var expected: [(Int32, Int32)] = []
            for (id, literal) in automaton.literals.enumerated() where !literal.isEmpty && literal.count <= units.count {
                for start in 0...(units.count - literal.count) where Array(units[start ..< start + literal.count]) == literal {
                    expected.append((Int32(id), Int32(start)))
                }
            }
            let found = automaton.scan(units)
            #expect(found.ids == expected.map(\.0), "round \(round)")
            #expect(found.starts == expected.map(\.1), "round \(round)")
        }
    }
}
