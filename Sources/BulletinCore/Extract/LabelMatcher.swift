/// What a label cell names: a form field, an optional row, or nothing known.
public enum LabelMatch: Sendable, Hashable {
    case field(Field)
    case optional(OptionalField)
    case unknown
}

/// Matches labels as people type them against the labels and aliases of pipeline.json.
public struct LabelMatcher: Sendable {
    private var exact: [String: LabelMatch] = [:]
    private var stems: [String: LabelMatch] = [:]
    /// Every label and alias as a stem (characters, bracketed notes dropped), with what it names and the
    /// form's own label for it, for matching labels typed differently (`closest`).
    private var known: [(stem: [Character], match: LabelMatch, label: String)] = []

    /// The same tables on Unicode scalars, for labels that are `SimpleScalars` (where comparing scalars is
    /// comparing Characters); nil when some configured label is not, and the Character tables decide alone.
    private var exactScalars: [[UInt32]: LabelMatch]?
    private var stemScalars: [[UInt32]: LabelMatch]?
    private var knownScalars: [(stem: [UInt32], match: LabelMatch, label: String)]?
    /// Every scalar of the known stems. A text takes a known label by one of `closest`'s rules only if at least two
    /// of its stem's scalars are among them (rule 1 matches a suffix of 2 or more, rule 2 all but one of 3 or more,
    /// rule 3 all of 3 or more), so values such as 西南交通大学 or 13800138000 are passed over at once.
    private var knownUnits: Set<UInt32> = []

    /// Words that stand for each other in labels (pipeline.json `labelSynonyms`): each word with the words it may be
    /// read as; and every known stem with what it names, for a label read with one word swapped.
    private var synonyms: [(word: [Character], readAs: [[Character]])] = []
    /// Where each first character of a synonym word starts words (indices into `synonyms`), so that a text is
    /// searched for the words in one pass.
    private var synonymStarts: [Character: [Int]] = [:]
    private var knownStems: [[Character]: (match: LabelMatch, label: String)?] = [:]
    /// The same on scalars (nil with the other scalar tables), and every scalar of the synonym words: a text with
    /// fewer than two scalars among `knownUnits` and these together is passed over at once, as before.
    private var synonymScalars: [(word: [UInt32], readAs: [[UInt32]])]?
    private var synonymStartScalars: [UInt32: [Int]]?
    private var knownStemScalars: [[UInt32]: (match: LabelMatch, label: String)?]?
    private var synonymUnits: Set<UInt32> = []

    /// Builds the matcher from the configuration's `fields` and `optionalFields`.
    public init(config: PipelineConfig) {
        for (key, labels) in config.fields {
            guard let field = Field(rawValue: key) else { continue }
            add([labels.label] + labels.aliases, as: .field(field))
            addKnown([labels.label] + labels.aliases, as: .field(field), label: labels.label)
        }
        for (key, labels) in config.optionalFields {
            guard let field = OptionalField(rawValue: key) else { continue }
            add([labels.label] + labels.aliases, as: .optional(field))
            addKnown([labels.label] + labels.aliases, as: .optional(field), label: labels.label)
        }
        known.sort { $0.stem.count > $1.stem.count }
        for entry in known {
            // A stem that two fields share names neither (nil), as a tie does.
            if let found = knownStems[entry.stem] {
                if let f = found, f.match != entry.match { knownStems[entry.stem] = .some(nil) }
            } else {
                knownStems[entry.stem] = (entry.match, entry.label)
            }
        }
        // In the configuration's order (groups, then words), which decides which swap a note names when several
        // reach the same field (项目题目: 题目 read as 名称 before 项目 read as 成果).
        for group in config.labelSynonyms ?? [] {
            let words = group.map { Array(TextForm.labelStem($0)) }
            for w in words where w.count >= 2 {
                if !synonyms.contains(where: { $0.word == w }) { synonyms.append((w, [])) }
                guard let at = synonyms.firstIndex(where: { $0.word == w }) else { continue }
                for o in words where o != w && !synonyms[at].readAs.contains(o) { synonyms[at].readAs.append(o) }
            }
        }
        for (i, entry) in synonyms.enumerated() { synonymStarts[entry.word[0], default: []].append(i) }
        buildScalarTables()
    }

    /// Fills the scalar tables from the Character ones, entry for entry, when every key qualifies.
    private mutating func buildScalarTables() {
        var exactScalars: [[UInt32]: LabelMatch] = [:]
        for (key, m) in exact {
            guard let scalars = SimpleScalars.of(key) else { return }
            exactScalars[scalars] = m
        }
        var stemScalars: [[UInt32]: LabelMatch] = [:]
        for (stem, m) in stems {
            guard let scalars = SimpleScalars.of(stem) else { return }
            stemScalars[scalars] = m
        }
        var knownScalars: [(stem: [UInt32], match: LabelMatch, label: String)] = []
        for entry in known {
            guard let scalars = SimpleScalars.of(String(entry.stem)), scalars.count == entry.stem.count else { return }
            knownScalars.append((scalars, entry.match, entry.label))
        }
        var synonymScalars: [(word: [UInt32], readAs: [[UInt32]])] = []
        for entry in synonyms {
            guard let word = SimpleScalars.of(String(entry.word)), word.count == entry.word.count else { return }
            var readAs: [[UInt32]] = []
            for o in entry.readAs {
                guard let other = SimpleScalars.of(String(o)), other.count == o.count else { return }
                readAs.append(other)
            }
            synonymScalars.append((word, readAs))
        }
        var knownStemScalars: [[UInt32]: (match: LabelMatch, label: String)?] = [:]
        for (stem, m) in knownStems {
            guard let scalars = SimpleScalars.of(String(stem)), scalars.count == stem.count else { return }
            knownStemScalars[scalars] = m
        }
        self.exactScalars = exactScalars
        self.stemScalars = stemScalars
        self.knownScalars = knownScalars
        self.knownUnits = Set(knownScalars.flatMap(\.stem))
        self.synonymScalars = synonymScalars
        var starts: [UInt32: [Int]] = [:]
        for (i, entry) in synonymScalars.enumerated() { starts[entry.word[0], default: []].append(i) }
        self.synonymStartScalars = starts
        self.knownStemScalars = knownStemScalars
        self.synonymUnits = Set(synonymScalars.flatMap { [$0.word] + $0.readAs }.joined()).subtracting(knownUnits)
    }

    private mutating func add(_ labels: [String], as match: LabelMatch) {
        for l in labels {
            exact[TextForm.labelKey(l)] = match
            let stem = TextForm.labelStem(l)
            if !stem.isEmpty, stems[stem] == nil { stems[stem] = match }
        }
        // English field names work as labels too (CSV headers and JSON keys).
        switch match {
        case .field(let f): exact[f.rawValue.lowercased()] = match
        case .optional(let f): exact[f.rawValue.lowercased()] = match
        case .unknown: break
        }
    }

    /// What `label` names. Exact (after normalising) first, then without bracketed notes.
    public func match(_ label: String) -> LabelMatch {
        if let exactScalars, let stemScalars, let scalars = SimpleScalars.of(label) {
            let key = SimpleScalars.labelKey(scalars)
            if SimpleScalars.lowersAsASCII(key) {
                if key.isEmpty { return .unknown }
                if let m = exactScalars[key] ?? exactScalars[SimpleScalars.asciiLowercased(key)] { return m }
                if let m = stemScalars[SimpleScalars.labelStem(key: key)] { return m }
                return .unknown
            }
        }
        return matchCharacters(label)
    }

    /// `match` worked on Characters (for labels `SimpleScalars` does not cover, and for tests).
    func matchCharacters(_ label: String) -> LabelMatch {
        let key = TextForm.labelKey(label)
        if key.isEmpty { return .unknown }
        if let m = exact[key] ?? exact[key.lowercased()] { return m }
        if let m = stems[TextForm.labelStem(label)] { return m }
        return .unknown
    }

    private mutating func addKnown(_ labels: [String], as match: LabelMatch, label: String) {
        for l in labels {
            let stem = Array(TextForm.labelStem(l))
            if stem.count >= 2 { known.append((stem, match, label)) }
        }
    }

    // MARK: - Labels typed differently

    /// Longest label text, in characters of its stem, that `closest` considers (a longer cell is a value).
    public static let approximateMaxLength = 16

    /// The known label that a label typed differently stands for, for a text `match` does not know: the
    /// form's label it was taken for, as the note names it (for a synonym, with the word read as which:
    /// `成果来源 (出处 read as 来源)`), or nil when no label is close enough.
    ///
    /// In order: the text ends with a known label (联系人手机 → 手机, at most 3 characters before it); it is
    /// one character added, dropped or changed from a known label of 3 or more characters (联系手机号,
    /// 报送单, 联糸人); it holds a known label of 3 or more characters, contiguous or with at most 2 characters
    /// inserted (联系人姓名, 案例简要介绍). The longest known label wins; two different fields at the same
    /// length are a tie, and a tie is no match.
    ///
    /// Failing those, one word of the text is read as a synonym (pipeline.json `labelSynonyms`): the text with one
    /// word swapped is a known label or alias (项目出处 → 项目来源, 报送机构 → 报送单位, 经办人 → 联系人), or failing
    /// that, one character from one of 3 or more characters or holding one with at most 2 inserted (联络人员 →
    /// 联系人员 → 联系人); never by the suffix rule, so 论文摘要 (→ 论文简介, which ends with 简介) stays unknown.
    /// Every swap is tried; the label is taken only when all that reach a field reach the same one.
    public func closest(_ text: String) -> (match: LabelMatch, label: String)? {
        if let knownScalars, let synonymScalars, let synonymStartScalars, let knownStemScalars, let scalars = SimpleScalars.of(text) {
            let k = SimpleScalars.labelStem(key: SimpleScalars.labelKey(scalars))
            var shared = 0, near = 0
            for v in k {
                if knownUnits.contains(v) { shared += 1 } else if synonymUnits.contains(v) { near += 1 }
            }
            if shared + near < 2 { return nil }
            if shared >= 2, let found = Self.closest(k, in: knownScalars) { return found }
            return Self.synonymRead(k, synonyms: synonymScalars, starts: synonymStartScalars, stems: knownStemScalars, known: knownScalars)
        }
        return closestCharacters(text)
    }

    /// `closest` worked on Characters (for text `SimpleScalars` does not cover, and for tests).
    func closestCharacters(_ text: String) -> (match: LabelMatch, label: String)? {
        let k = Array(TextForm.labelStem(text))
        if let found = Self.closest(k, in: known) { return found }
        return Self.synonymRead(k, synonyms: synonyms, starts: synonymStarts, stems: knownStems, known: known)
    }

    /// The rules of `closest` for the stem `k` of a text, against the known stems (longest first), on Characters
    /// or on scalars; without the first rule (a known label at the end) when `suffix` is false.
    private static func closest<Unit: Equatable>(_ k: [Unit], in known: [(stem: [Unit], match: LabelMatch, label: String)], suffix: Bool = true)
        -> (match: LabelMatch, label: String)? {
        guard k.count >= 2, k.count <= Self.approximateMaxLength else { return nil }
        let rules: [([Unit]) -> Bool] = [
            { stem in suffix && k.count > stem.count && k.count - stem.count <= 3 && k.suffix(stem.count).elementsEqual(stem) },
            { stem in stem.count >= 3 && Self.withinOneEdit(k, stem) },
            { stem in stem.count >= 3 && k.count > stem.count && k.count - stem.count <= 2 && Self.isSubsequence(stem, of: k) },
        ]
        for rule in rules {
            var best: (match: LabelMatch, label: String, length: Int)?
            var tied = false
            for entry in known where rule(entry.stem) {
                if let b = best {
                    if entry.stem.count < b.length { break }  // `known` is sorted longest first
                    if entry.match != b.match { tied = true }
                } else {
                    best = (entry.match, entry.label, entry.stem.count)
                }
            }
            if let best, !tied { return (best.match, best.label) }
            if tied { return nil }
        }
        return nil
    }

    /// The label the stem `k` names with one word read as a synonym: every occurrence of every synonym word swapped
    /// for each word it may be read as; a swap giving a known stem decides, else one `closest` reaches by its second
    /// or third rule. Nil when no swap reaches a field, or two reach different ones (a tie, as in `closest`).
    private static func synonymRead<Unit: Hashable>(_ k: [Unit], synonyms: [(word: [Unit], readAs: [[Unit]])],
                                                    starts: [Unit: [Int]],
                                                    stems: [[Unit]: (match: LabelMatch, label: String)?],
                                                    known: [(stem: [Unit], match: LabelMatch, label: String)])
        -> (match: LabelMatch, label: String)? {
        guard k.count >= 2, k.count <= Self.approximateMaxLength else { return nil }
        // The synonym words in the text (word index, position), found in one pass; most texts hold none.
        var found: [(word: Int, at: Int)] = []
        for i in k.indices {
            guard let candidates = starts[k[i]] else { continue }
            for w in candidates {
                let word = synonyms[w].word
                if i + word.count <= k.count && k[i..<(i + word.count)].elementsEqual(word) { found.append((w, i)) }
            }
        }
        if found.isEmpty { return nil }
        // Swaps in the configuration's order of the words, which decides the word a note names.
        found.sort { $0.word != $1.word ? $0.word < $1.word : $0.at < $1.at }
        var swapped: [(text: [Unit], typed: [Unit], read: [Unit])] = []
        for (w, i) in found {
            let (word, readAs) = synonyms[w]
            for other in readAs { swapped.append((Array(k[..<i]) + other + Array(k[(i + word.count)...]), word, other)) }
        }
        func decide(_ reach: ([Unit]) -> (match: LabelMatch, label: String)??) -> (match: LabelMatch, label: String)?? {
            var found: (match: LabelMatch, label: String, typed: [Unit], read: [Unit])?
            for s in swapped {
                guard let r = reach(s.text) else { continue }
                guard let r else { return .some(nil) }  // a stem two fields share
                if let f = found {
                    if f.match != r.match { return .some(nil) }
                } else {
                    found = (r.match, r.label, s.typed, s.read)
                }
            }
            guard let found else { return nil }
            return (found.match, "\(found.label) (\(Self.text(found.typed)) read as \(Self.text(found.read)))")
        }
        if let exact = decide({ stems[$0] }) { return exact }
        return decide({ text in Self.closest(text, in: known, suffix: false).map { .some($0) } }) ?? nil
    }

    /// Characters or scalars as text (for the note).
    private static func text<Unit>(_ units: [Unit]) -> String {
        if let c = units as? [Character] { return String(c) }
        if let v = units as? [UInt32] { return String(String.UnicodeScalarView(v.compactMap(Unicode.Scalar.init))) }
        return ""
    }

    /// Whether `a` becomes `b` by adding, dropping or changing at most one character.
    static func withinOneEdit<Unit: Equatable>(_ a: [Unit], _ b: [Unit]) -> Bool {
        if abs(a.count - b.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if a.count > b.count { i += 1 } else if a.count < b.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (a.count - i) + (b.count - j) <= 1
    }

    /// Whether the characters of `needle` stand in `hay` in order.
    static func isSubsequence<Unit: Equatable>(_ needle: [Unit], of hay: [Unit]) -> Bool {
        var i = 0
        for c in hay where i < needle.count && c == needle[i] { i += 1 }
        return i == needle.count
    }
}
