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
    /// The scan moves a state by its own edges, then by those of its failure chain, then as the root moves: literals
    /// over five units (two of them sharing their low six bits with a third, so a state's edge bit says "maybe"), texts
    /// that also hold units in no literal and units that start no literal but continue some.
    @Test func scanFindsWhatADirectSearchFindsWhenMovesComeFromTheFailureChain() {
        var g = Generator(state: 20_261_203)
        let alphabet: [UInt16] = [0x79D1, 0x6280, 0x5956, 0x4E40, 0x62C0]  // 科 技 奖, and two whose low bits are 技's
        for _ in 0..<400 {
            let length = 2 + g.next(5)
            var literal = (0..<length).map { _ in alphabet[g.next(5)] }
            if g.next(4) == 0 { literal[0] = 0x79D1 }
            _ = CueAutomaton.register(literal)
        }
        let automaton = CueAutomaton.current
        let textUnits = alphabet + [0x20, 0x4E00]
        for round in 0..<60 {
            let units = (0..<(round * 4)).map { _ in textUnits[g.next(textUnits.count)] }
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
