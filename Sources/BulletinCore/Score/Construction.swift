import Foundation

extension ScoringConfig {
    /// A construction (`scoring.constructions[i]`): a word and a word it governs, in that order, in one
    /// clause — a verb and its object (研制出…装置, 提出…方法, 获批…重点实验室) or a subject and its verb
    /// (实验室…揭牌, 中心…建成投用). It says what a case is *about*, which neither word says alone: 建成 of
    /// a laboratory is a facility built (其它), 建成 of a warning system is a technology applied.
    public struct Construction: Sendable, Codable, Equatable {
        /// The category or subtype it points at.
        public var label: String
        /// Weight of a finding (× field weight × rule weight; × `decision.leadSentenceWeight` in the
        /// summary's first sentence).
        public var weight: Double
        /// What the construction means, in a few words, for the reason (设施建成或获批, 研制出产品).
        public var means: String
        /// Words that come first.
        public var first: [String]
        /// Words that follow in the same clause.
        public var then: [String]
        /// Largest number of characters between the two words.
        public var window: Int
        /// Words that, starting at most two characters after the second word, show it is not the head
        /// (装置 in 装置及关键技术, 机 in 机制): the finding is dropped.
        public var unless: [String]

        /// Creates a construction.
        public init(label: String, weight: Double, means: String, first: [String], then: [String], window: Int, unless: [String] = []) {
            self.label = label
            self.weight = weight
            self.means = means
            self.first = first
            self.then = then
            self.window = window
            self.unless = unless
        }

        /// Decodes a construction; `unless` is optional.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            label = try c.decode(String.self, forKey: .label)
            weight = try c.decode(Double.self, forKey: .weight)
            means = try c.decode(String.self, forKey: .means)
            first = try c.decode([String].self, forKey: .first)
            then = try c.decode([String].self, forKey: .then)
            window = try c.decode(Int.self, forKey: .window)
            unless = try c.decodeIfPresent([String].self, forKey: .unless) ?? []
        }
    }
}

/// A compiled construction: its words are literals, found by the run's `CueAutomaton` in the one scan of
/// each field, so a construction costs a lookup, not a regular expression. A final class: the rule reads its
/// constructions for every field, and copying three arrays out of a struct cost a retain and release each.
final class ConstructionMatcher: Sendable {
    let first: [CompiledCue]
    let then: [CompiledCue]
    let unless: [CompiledCue]
    let window: Int

    /// Compiles the construction at `path` (like `scoring.constructions[2]`).
    init(_ construction: ScoringConfig.Construction, path: String, file: String) throws {
        first = try compilePhrases(construction.first, path: "\(path).first", file: file)
        then = try compilePhrases(construction.then, path: "\(path).then", file: file)
        unless = try compilePhrases(construction.unless, path: "\(path).unless", file: file)
        window = construction.window
    }

    /// The first place where a `first` word is followed, in its clause and within the window, by a `then`
    /// word not cancelled by an `unless` word: the joined range.
    func find(in text: ScoringText) -> NSRange? {
        // Sorted in place (`sorted` made a second array of each list); a stable sort by place, as before.
        var heads = CompiledCue.ranges(of: first, in: text)
        guard !heads.isEmpty else { return nil }
        var tails = CompiledCue.ranges(of: then, in: text)
        guard !tails.isEmpty else { return nil }
        heads.sort { $0.location < $1.location }
        tails.sort { $0.location < $1.location }
        let cancels = unless.isEmpty ? [] : CompiledCue.ranges(of: unless, in: text)
        for head in heads {
            let headEnd = head.location + head.length
            let clause = text.clauseStart(before: head.location)
            for tail in tails where tail.location >= headEnd && tail.location - headEnd <= window {
                let tailEnd = tail.location + tail.length
                guard text.clauseStart(before: tail.location) == clause else { break }
                if cancels.contains(where: { $0.location >= tailEnd && $0.location <= tailEnd + 2 }) { continue }
                return head.joined(with: tail)
            }
        }
        return nil
    }
}
