import Synchronization

/// Every literal cue of the configuration (phrases and names, folded as `ScoringText.foldedUnits` holds
/// text) in one Aho–Corasick automaton, so that a field is scanned once for all of them instead of once per
/// cue. Cues register their literal when they are compiled (`CompiledCue.phrase`, `.name`); the automaton
/// is built at the first text read after a registration, so once per run: a run compiles its cues (building
/// the scorer) before it reads any text.
///
/// Which cue a finding names, and its reason, do not depend on the automaton: it only says where each
/// literal occurs, and `CompiledCue` decides from those places exactly as a direct search would.
final class CueAutomaton: Sendable {
    /// Literals known, by id.
    let literals: [[UInt16]]
    /// Transitions: (state << 16 | unit) → state.
    private let next: [UInt64: Int32]
    /// Failure link of each state.
    private let failure: [Int32]
    /// Literal ids ending at each state (its own and those of its failure chain).
    private let output: [[Int32]]

    // MARK: - The registry

    private struct Registry {
        var ids: [[UInt16]: Int32] = [:]
        var literals: [[UInt16]] = []
        var built: CueAutomaton?
    }

    private static let registry = Mutex(Registry())

    /// The id of a literal, registering it when new (the next `current` then builds a new automaton).
    static func register(_ literal: [UInt16]) -> Int32 {
        registry.withLock { r in
            if let id = r.ids[literal] { return id }
            let id = Int32(r.literals.count)
            r.ids[literal] = id
            r.literals.append(literal)
            r.built = nil
            return id
        }
    }

    /// The automaton over every literal registered so far.
    static var current: CueAutomaton {
        registry.withLock { r in
            if let built = r.built { return built }
            let made = CueAutomaton(r.literals)
            r.built = made
            return made
        }
    }

    // MARK: - Building and scanning

    private init(_ literals: [[UInt16]]) {
        self.literals = literals
        var next: [UInt64: Int32] = [:]
        var output: [[Int32]] = [[]]
        var depthOrder: [[Int32]] = []
        for (id, literal) in literals.enumerated() {
            var state: Int32 = 0
            for (depth, u) in literal.enumerated() {
                let key = UInt64(state) << 16 | UInt64(u)
                if let to = next[key] {
                    state = to
                } else {
                    let made = Int32(output.count)
                    output.append([])
                    next[key] = made
                    while depthOrder.count <= depth { depthOrder.append([]) }
                    depthOrder[depth].append(made)
                    state = made
                }
            }
            output[Int(state)].append(Int32(id))
        }
        // Failure links, breadth first: the longest proper suffix of a state's string that is also a prefix.
        var failure = [Int32](repeating: 0, count: output.count)
        var children: [Int32: [(UInt16, Int32)]] = [:]
        for (key, to) in next { children[Int32(key >> 16), default: []].append((UInt16(key & 0xFFFF), to)) }
        for level in depthOrder {
            for state in level {
                for (u, child) in children[state] ?? [] {
                    var f = failure[Int(state)]
                    var link: Int32 = 0
                    while true {
                        if let to = next[UInt64(f) << 16 | UInt64(u)], to != child { link = to; break }
                        if f == 0 { break }
                        f = failure[Int(f)]
                    }
                    failure[Int(child)] = link
                }
                output[Int(state)] += output[Int(failure[Int(state)])]
            }
        }
        self.next = next
        self.failure = failure
        self.output = output
    }

    /// Every occurrence of every literal in `units` (overlapping ones included), sorted by literal id and
    /// then by position: `ids[i]` occurs at `starts[i]`.
    func scan(_ units: [UInt16]) -> (ids: [Int32], starts: [Int32]) {
        var found: [(id: Int32, start: Int32)] = []
        var state: Int32 = 0
        for (i, u) in units.enumerated() {
            while true {
                if let to = next[UInt64(state) << 16 | UInt64(u)] { state = to; break }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            for id in output[Int(state)] {
                found.append((id, Int32(i + 1 - literals[Int(id)].count)))
            }
        }
        found.sort { $0.id != $1.id ? $0.id < $1.id : $0.start < $1.start }
        return (found.map(\.id), found.map(\.start))
    }
}
