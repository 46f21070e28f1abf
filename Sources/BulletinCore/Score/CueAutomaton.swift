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
    /// Transitions out of the root (the scan falls back to the root at most units), kept compact so that
    /// they stay in cache (a table of 65,536 states, 256 KB, missed it): `RootTable`.
    let root: RootTable
    /// Transitions out of the other states: (state << 16 | unit) → state, in an open-addressing table
    /// (a `Dictionary` hashed every key with SipHash, which showed in the profile).
    private let table: TransitionTable
    /// Bit `u & 63` of a state's word is set when the state has an edge on some unit `u` of those low bits: a unit whose
    /// bit is clear leads nowhere from that state, and the scan falls back without probing `table` (states that end a
    /// literal and go no further have no bit set).
    private let edgeMask: [UInt64]
    /// Failure link of each state.
    private let failure: [Int32]
    /// Literal ids ending at each state (its own and those of its failure chain): those of state `s` are
    /// `outputIDs[outputStart[s] ..< outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputIDs: [Int32]
    /// The length of each literal, by id.
    private let lengths: [Int32]
    /// Bit `u & 63` of word `u >> 6` is set when unit `u` occurs in some literal: from any state, a unit that occurs
    /// in none leads back to the root (which ends no literal), without walking the failure chain's transitions.
    private let inSomeLiteral: [UInt64]

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

    /// Builds the trie from the literals in sorted order, so that each literal's new states hang off the path it
    /// shares with the one before (no lookup per unit), then the failure links breadth first through the final
    /// transition tables. (Built with dictionaries before: 16.8 M instructions for the ~2,000 literals of
    /// pipeline.json, every run's first scored text.) State numbers differ from an insertion-order build; what a
    /// scan finds does not (`scan` sorts its findings by literal and position).
    private init(_ literals: [[UInt16]]) {
        self.literals = literals
        // MARK: the trie
        let order = literals.indices.sorted { a, b in literals[a].lexicographicallyPrecedes(literals[b]) }
        var parent: [Int32] = [0]
        var unit: [UInt16] = [0]
        var depth: [Int32] = [0]
        var own: [Int32] = [-1]  // the literal ending at each state (literals are distinct: at most one)
        var rootNext = [Int32](repeating: -1, count: 0x10000)
        var edges: [(key: UInt64, state: Int32)] = []
        var path: [Int32] = [0]  // the states along the previous literal, path[d] at depth d
        var previous: [UInt16] = []
        for id in order {
            let literal = literals[id]
            var shared = 0
            while shared < literal.count, shared < previous.count, literal[shared] == previous[shared] { shared += 1 }
            path.removeSubrange((shared + 1)...)
            var state = path[shared]
            for d in shared ..< literal.count {
                let made = Int32(parent.count)
                parent.append(state)
                unit.append(literal[d])
                depth.append(Int32(d + 1))
                own.append(-1)
                if state == 0 { rootNext[Int(literal[d])] = made } else { edges.append((UInt64(state) << 16 | UInt64(literal[d]), made)) }
                path.append(made)
                state = made
            }
            own[Int(state)] = Int32(id)
            previous = literal
        }
        root = RootTable(rootNext)
        table = TransitionTable(edges)
        let count = parent.count
        var edgeMask = [UInt64](repeating: 0, count: count)
        for (key, _) in edges { edgeMask[Int(key >> 16)] |= 1 << (key & 63) }
        self.edgeMask = edgeMask

        // MARK: failure links, breadth first: the longest proper suffix of a state's string that is also a prefix
        var byDepth = [Int32](repeating: 0, count: count)
        var levelStart = [Int](repeating: 0, count: Int(depth.max() ?? 0) + 2)
        for d in depth { levelStart[Int(d) + 1] += 1 }
        for k in 1 ..< levelStart.count { levelStart[k] += levelStart[k - 1] }
        var fill = levelStart
        for s in 0 ..< count {
            byDepth[fill[Int(depth[s])]] = Int32(s)
            fill[Int(depth[s])] += 1
        }
        var failure = [Int32](repeating: 0, count: count)
        for s in byDepth.dropFirst() {
            let p = parent[Int(s)]
            guard p != 0 else { continue }  // a state one unit deep falls back to the root
            let u = unit[Int(s)]
            var f = failure[Int(p)]
            while true {
                let to = f == 0 ? root.next(u) : table.find(UInt64(f) << 16 | UInt64(u))
                if to >= 0 { failure[Int(s)] = to; break }
                if f == 0 { break }
                f = failure[Int(f)]
            }
        }
        self.failure = failure

        // MARK: outputs: a state's own literal, then those of its failure state (filled before it, breadth first)
        var outputCount = [Int32](repeating: 0, count: count)
        outputCount[0] = own[0] >= 0 ? 1 : 0  // the root (byDepth[0]) is its own failure state
        for s in byDepth.dropFirst() {
            outputCount[Int(s)] = (own[Int(s)] >= 0 ? 1 : 0) + outputCount[Int(failure[Int(s)])]
        }
        var outputStart = [Int32](repeating: 0, count: count + 1)
        for s in 0 ..< count { outputStart[s + 1] = outputStart[s] + outputCount[s] }
        var outputIDs = [Int32](repeating: 0, count: Int(outputStart[count]))
        if own[0] >= 0 { outputIDs[0] = own[0] }
        for s in byDepth.dropFirst() {
            var at = Int(outputStart[Int(s)])
            if own[Int(s)] >= 0 {
                outputIDs[at] = own[Int(s)]
                at += 1
            }
            let f = Int(failure[Int(s)])
            for k in Int(outputStart[f]) ..< Int(outputStart[f]) + Int(outputCount[f]) {
                outputIDs[at] = outputIDs[k]
                at += 1
            }
        }
        self.outputStart = outputStart
        self.outputIDs = outputIDs
        lengths = literals.map { Int32($0.count) }
        var inSome = [UInt64](repeating: 0, count: 1024)
        for literal in literals {
            for u in literal { inSome[Int(u >> 6)] |= 1 << UInt64(u & 63) }
        }
        // The root ends no literal (none is empty); were it to end one, every unit takes the full walk.
        if outputStart[1] != outputStart[0] { inSome = [UInt64](repeating: ~0, count: 1024) }
        inSomeLiteral = inSome
    }

    /// The state reached from `state` by `u`, or -1.
    @inline(__always)
    private func step(_ state: Int32, _ u: UInt16) -> Int32 {
        state == 0 ? root.next(u) : table.find(UInt64(state) << 16 | UInt64(u))
    }

    /// Every occurrence of every literal in `units` (overlapping ones included), sorted by literal id and
    /// then by position: `ids[i]` occurs at `starts[i]` (`findings(in:)` flattened).
    func scan(_ units: [UInt16]) -> (ids: [Int32], starts: [Int32]) {
        let f = findings(in: units)
        var ids: [Int32] = [], starts: [Int32] = []
        for (j, id) in f.found.enumerated() {
            for k in Int(f.places[j]) ..< Int(f.places[j + 1]) {
                ids.append(id)
                starts.append(f.places[k])
            }
        }
        return (ids, starts)
    }

    /// Every occurrence of every literal in `units` (overlapping ones included), grouped by literal: see
    /// `LiteralFindings`. The scan gives them in the order of their ends; they are put in literal order by counting
    /// (the found literals' bits say each one's rank among them), not sorted: sorting the packed findings and splitting
    /// them into two lists was a third of the scan's cost.
    func findings(in units: [UInt16]) -> LiteralFindings {
        let words = (literals.count + 63) >> 6
        // Bits of the literals found at even places, the count of bits before each word at odd ones.
        var index = [UInt64].zeros(2 * words)
        // Each finding as one number, id << 32 | start, in the scan's order.
        var raw: [UInt64] = []
        raw.reserveCapacity(units.count + 8)
        var state: Int32 = 0
        // By pointers (no bounds check, no retain of the tables at each unit).
        index.withUnsafeMutableBufferPointer { index in
        inSomeLiteral.withUnsafeBufferPointer { inSome in
        root.bits.withUnsafeBufferPointer { rootBits in
          root.rank.withUnsafeBufferPointer { rootRank in
            root.states.withUnsafeBufferPointer { rootStates in
            table.entries.withUnsafeBufferPointer { entries in
            edgeMask.withUnsafeBufferPointer { edgeMask in
            failure.withUnsafeBufferPointer { fail in
                outputStart.withUnsafeBufferPointer { outStart in
                    outputIDs.withUnsafeBufferPointer { outIDs in
                        lengths.withUnsafeBufferPointer { lengths in
                            units.withUnsafeBufferPointer { us in
                                let shift = table.shift, mask = table.mask
                                for i in 0..<us.count {
                                    let u = us[i]
                                    if inSome[Int(u >> 6)] & (1 << UInt64(u & 63)) == 0 {
                                        state = 0
                                        continue
                                    }
                                    let low = UInt64(1) << UInt64(u & 63)
                                    while true {
                                        if state == 0 {
                                            state = Swift.max(0, RootTable.next(u, rootBits, rootRank, rootStates))
                                            break
                                        }
                                        // A state with no edge on a unit of these low bits has none on `u`: no probe.
                                        if edgeMask[Int(state)] & low != 0 {
                                            let to = TransitionTable.find(UInt64(state) << 16 | UInt64(u), entries, shift, mask)
                                            if to >= 0 { state = to; break }
                                        }
                                        state = fail[Int(state)]
                                    }
                                    let s = Int(state)
                                    var k = Int(outStart[s])
                                    let end = Int(outStart[s + 1])
                                    while k < end {
                                        let id = outIDs[k]
                                        index[Int(id >> 6) << 1] |= 1 << UInt64(id & 63)
                                        raw.append(UInt64(UInt32(id)) << 32 | UInt64(UInt32(i + 1 - Int(lengths[Int(id)]))))
                                        k += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            }
            }
          }
        }
        }
        }
        }
        // The ranks, the literals found (in increasing order), then a counting sort of the places by rank: the bounds
        // first (counts, then their sums; each finding's rank kept in place of its id), then each place at its
        // literal's cursor, the cursors then shifted back to the bounds.
        var count = 0
        index.withUnsafeMutableBufferPointer { x in
            for w in 0..<words {
                x[2 * w + 1] = UInt64(count)
                count += x[2 * w].nonzeroBitCount
            }
        }
        let d = count
        var found = [Int32].zeros(d)
        found.withUnsafeMutableBufferPointer { out in
            index.withUnsafeBufferPointer { x in
                var k = 0
                for w in 0..<words {
                    var word = x[2 * w]
                    while word != 0 {
                        out[k] = Int32(w << 6 | word.trailingZeroBitCount)
                        k += 1
                        word &= word &- 1
                    }
                }
            }
        }
        var places = [Int32].zeros(d + 1 + raw.count)
        places.withUnsafeMutableBufferPointer { p in
            index.withUnsafeBufferPointer { x in
                raw.withUnsafeMutableBufferPointer { r in
                    for k in 0..<r.count {
                        let f = r[k]
                        let j = LiteralFindings.rank(Int32(truncatingIfNeeded: f >> 32), x)
                        p[j + 1] &+= 1
                        r[k] = UInt64(j) << 32 | (f & 0xFFFF_FFFF)
                    }
                    p[0] = Int32(d + 1)
                    if d > 0 { for j in 1...d { p[j] &+= p[j - 1] } }
                    for f in r {
                        let j = Int(f >> 32)
                        let at = Int(p[j])
                        p[at] = Int32(truncatingIfNeeded: f)
                        p[j] = Int32(at + 1)
                    }
                    var j = d
                    while j > 0 {
                        p[j] = p[j - 1]
                        j -= 1
                    }
                    p[0] = Int32(d + 1)
                }
            }
        }
        return LiteralFindings(index: index, found: found, places: places)
    }
}

/// The transitions out of the root by unit, in 12 KB plus one entry per unit that starts a literal: a bit
/// per unit (set: a transition), the count of set bits before each 64-unit word, and the states of the set
/// units in unit order; the state of unit `u` is at the rank of its bit.
struct RootTable: Sendable {
    /// Bit `u & 63` of word `u >> 6` is set when unit `u` leads out of the root.
    let bits: [UInt64]
    /// Set bits in the words before each word.
    let rank: [Int32]
    /// The states of the set units, in unit order.
    let states: [Int32]

    /// The table of `next`, indexed by unit (65,536 entries, -1: no transition).
    init(_ next: [Int32]) {
        var bits = [UInt64](repeating: 0, count: 1024)
        var rank = [Int32](repeating: 0, count: 1024)
        var states: [Int32] = []
        for w in 0..<1024 {
            rank[w] = Int32(states.count)
            for b in 0..<64 {
                let u = w << 6 | b
                if u < next.count, next[u] >= 0 {
                    bits[w] |= 1 << UInt64(b)
                    states.append(next[u])
                }
            }
        }
        self.bits = bits
        self.rank = rank
        self.states = states
    }

    /// The state reached from the root by `u`, or -1.
    func next(_ u: UInt16) -> Int32 {
        bits.withUnsafeBufferPointer { b in
            rank.withUnsafeBufferPointer { r in
                states.withUnsafeBufferPointer { s in Self.next(u, b, r, s) }
            }
        }
    }

    @inline(__always)
    static func next(_ u: UInt16, _ bits: UnsafeBufferPointer<UInt64>, _ rank: UnsafeBufferPointer<Int32>,
                     _ states: UnsafeBufferPointer<Int32>) -> Int32 {
        let w = Int(u >> 6)
        let word = bits[w]
        let bit = UInt64(1) << UInt64(u & 63)
        if word & bit == 0 { return -1 }
        return states[Int(rank[w]) + (word & (bit &- 1)).nonzeroBitCount]
    }
}

/// A fixed map from transition keys to states: open addressing with linear probing over a power-of-two table at most a
/// quarter full (a probe for a unit that leads nowhere, the commonest one, ends at the first or second slot). Each slot
/// holds its key and state in one word, `key << 24 | state` (keys and states apart cost two loads a probe).
struct TransitionTable: Sendable {
    let entries: [UInt64]
    let shift: UInt64
    let mask: Int
    static let empty = UInt64.max
    /// States are numbered below 2^24 (a key is a state and a unit: 40 bits).
    static let stateBits: UInt64 = 24

    init(_ edges: [(key: UInt64, state: Int32)]) {
        var bits: UInt64 = 4
        while (1 << bits) < 4 * max(edges.count, 1) { bits += 1 }
        let size = 1 << Int(bits)
        var entries = [UInt64](repeating: Self.empty, count: size)
        shift = 64 - bits
        mask = size - 1
        for (key, state) in edges {
            precondition(key >> (40) == 0 && state >= 0 && UInt64(state) >> Self.stateBits == 0,
                         "the cue automaton has more than 2^24 states")
            var slot = Self.slot(key, shift)
            while entries[slot] != Self.empty { slot = (slot + 1) & (size - 1) }
            entries[slot] = key << Self.stateBits | UInt64(state)
        }
        self.entries = entries
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The state stored for `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        entries.withUnsafeBufferPointer { Self.find(key, $0, shift, mask) }
    }

    /// `find` on the entries' buffer.
    @inline(__always)
    static func find(_ key: UInt64, _ entries: UnsafeBufferPointer<UInt64>, _ shift: UInt64, _ mask: Int) -> Int32 {
        var slot = slot(key, shift)
        while true {
            let e = entries[slot]
            if e >> stateBits == key { return Int32(truncatingIfNeeded: e & (1 << stateBits - 1)) }
            if e == empty { return -1 }
            slot = (slot + 1) & mask
        }
    }
}

/// Where the literals of a `CueAutomaton` occur in one text, grouped by literal.
struct LiteralFindings: Sendable {
    /// Word `w` of the found literals' bits (literal `id` is bit `id & 63` of word `id >> 6`) at `2w`, and how many bits
    /// are set in the words before it at `2w + 1`: a literal's rank among those found, without a search.
    let index: [UInt64]
    /// The ids of the literals found, each once, in increasing order.
    let found: [Int32]
    /// The places: those of `found[j]` are `places[places[j] ..< places[j + 1]]`, increasing (the first `found.count + 1`
    /// numbers are those bounds).
    let places: [Int32]

    /// The rank of a literal known to be found, among those found.
    @inline(__always)
    static func rank(_ id: Int32, _ x: UnsafeBufferPointer<UInt64>) -> Int {
        let w = Int(id >> 6) << 1
        let bit = UInt64(1) << UInt64(id & 63)
        return Int(x[w + 1]) + (x[w] & (bit &- 1)).nonzeroBitCount
    }
}
