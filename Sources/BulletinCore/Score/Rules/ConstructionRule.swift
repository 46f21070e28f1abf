import Foundation

/// Votes for a category or subtype from what a clause is about: a word and the word it governs
/// (获批…重点实验室 → 其它, 研制出…装置 → 创新产品, 提出…方法 → 关键技术).
struct ConstructionRule: ScoringRule {
    static let name = "constructions"
    static let reads = "成果名称 and 案例简介: scoring.constructions, two word lists in order within one clause"
    static let concludes = "a vote for a category, or for a subtype within its category (not for the category), per construction found, per field"
    static let why = "A reviewer labels a case by what it achieved — the verb and its object — not by any word it contains: 建成 of a laboratory is a facility (其它), 建成 of a warning system an applied technology; 研制出 a device is a product, 提出 a method a technique."
    static let phase = RulePhase.evidence

    let constructions: [(construction: ScoringConfig.Construction, matcher: ConstructionMatcher)]
    let weight: Double
    let leadWeight: Double
    /// For each literal's automaton id, the constructions whose `first` (bit 1) or `then` (bit 2) list
    /// holds it: a text's scan then says which constructions can match at all, without a lookup per word.
    let roles: [Int32: [(construction: Int, bit: UInt8)]]
    /// The highest id among them (a text scanned with it knows them all).
    let highestLiteral: Int32?
    /// `roles` as flat arrays, read for every literal a text holds (a dictionary lookup cost ~120 instructions):
    /// the roles of id `i` are `roleList[roleStarts[i] ..< roleStarts[i + 1]]`, in `roles[i]`'s order.
    private let roleStarts: [Int32]
    private let roleList: [UInt32]
    /// Whether some id is negative (never, for the automaton's ids): then `roles` is read as it is.
    private let negativeIDs: Bool
    /// For each construction: whether its label is a subtype, the label's `LabelIndex` number, and what a finding
    /// concludes, outside and inside the summary's first sentence. The same for every case, so written once (an
    /// interpolation and two taxonomy lookups per finding cost ~5,000 instructions).
    private let isSubtype: [Bool]
    private let labelIDs: [Int16]
    private let conclusions: [String]
    private let leadConclusions: [String]
    /// Each construction's matcher, label and weight, apart (`apply` reads them per candidate).
    private let matchers: [ConstructionMatcher]
    private let labels: [String]
    private let weights: [Double]

    init(config: ScoringConfig, file: String) throws {
        constructions = try config.constructions.enumerated().map { i, c in
            (c, try ConstructionMatcher(c, path: "scoring.constructions[\(i)]", file: file))
        }
        weight = Self.weight(in: config)
        leadWeight = config.decision.leadSentenceWeight
        var roles: [Int32: [(construction: Int, bit: UInt8)]] = [:]
        for (i, (_, matcher)) in constructions.enumerated() {
            for (cues, bit) in [(matcher.first, UInt8(1)), (matcher.then, UInt8(2))] {
                for id in cues.compactMap(\.literalID) { roles[id, default: []].append((i, bit)) }
            }
        }
        self.roles = roles
        highestLiteral = roles.keys.max()
        var starts: [Int32] = [0], list: [UInt32] = []
        if let highest = roles.keys.max(), highest >= 0 {
            for id in 0...highest {
                for role in roles[id] ?? [] { list.append(UInt32(role.construction) << 8 | UInt32(role.bit)) }
                starts.append(Int32(list.count))
            }
        }
        roleStarts = starts
        roleList = list
        negativeIDs = roles.keys.contains { $0 < 0 }
        let subtype = constructions.map { AchievementTaxonomy.category(ofSubtype: $0.construction.label) != nil }
        isSubtype = subtype
        labelIDs = constructions.map { LabelIndex.of($0.construction.label) }
        let given = constructions.map(\.construction)
        let plain = given.indices.map { i in
            let c = given[i]
            let target = subtype[i] ? "子类「\(c.label)」（\(AchievementTaxonomy.category(ofSubtype: c.label) ?? "")）" : "成果类别「\(c.label)」"
            return "\(c.means)，指向\(target)"
        }
        conclusions = plain
        let leadNote = "（首句，×\(Tally.format(leadWeight))）"
        leadConclusions = plain.map { $0 + leadNote }
        matchers = constructions.map(\.matcher)
        labels = given.map(\.label)
        weights = given.map(\.weight)
    }

    /// Which constructions have a word of both lists in the text (every one, for a text scanned before
    /// they were compiled).
    func candidates(in text: ScoringText) -> [Bool] {
        guard let highestLiteral, text.scanned(highestLiteral) else { return Array(repeating: true, count: constructions.count) }
        var found = [UInt8](repeating: 0, count: constructions.count)
        let known = roleStarts.count - 1  // ids 0 ..< known have their roles in the table
        if negativeIDs {
            for id in text.literalsFound {
                for role in roles[id] ?? [] { found[role.construction] |= role.bit }
            }
        } else {
            roleStarts.withUnsafeBufferPointer { starts in
                roleList.withUnsafeBufferPointer { list in
                    found.withUnsafeMutableBufferPointer { found in
                        for id in text.literalsFound where id >= 0 && Int(id) < known {
                            var k = Int(starts[Int(id)])
                            let end = Int(starts[Int(id) + 1])
                            while k < end {
                                let role = list[k]
                                found[Int(role >> 8)] |= UInt8(truncatingIfNeeded: role)
                                k += 1
                            }
                        }
                    }
                }
            }
        }
        return found.map { $0 == 3 }
    }

    func apply(to sheet: inout ScoreSheet) {
        guard !constructions.isEmpty else { return }
        for text in sheet.texts {
            let leadEnd = leadWeight != 1 && text.field == .summary ? text.sentenceEnd(after: 0) : -1
            let candidates = candidates(in: text)
            for i in constructions.indices where candidates[i] {
                // The matcher alone is read out (a reference): the construction's struct, copied, retained its strings
                // and its three lists and released them, at every candidate.
                guard let range = matchers[i].find(in: text) else { continue }
                let lead = range.location < leadEnd
                let w = weights[i] * text.weight * weight * (lead ? leadWeight : 1)
                let reason = Reason(rule: Self.name, field: text.field.rawValue, matched: text.words(range), weight: w,
                                    conclusion: lead && w != 0 ? leadConclusions[i] : conclusions[i])
                // A subtype construction chooses within the category; it does not vote for the category.
                sheet.vote(isSubtype[i] ? .subtype : .category, for: labels[i], id: labelIDs[i], because: reason, countsForCategory: false)
            }
        }
    }
}
