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
        self.exactScalars = exactScalars
        self.stemScalars = stemScalars
        self.knownScalars = knownScalars
        self.knownUnits = Set(knownScalars.flatMap(\.stem))
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
    /// form's label it was taken for (for the note that says so), or nil when no label is close enough.
    ///
    /// In order: the text ends with a known label (联系人手机 → 手机, at most 3 characters before it); it is
    /// one character added, dropped or changed from a known label of 3 or more characters (联系手机号,
    /// 报送单, 联糸人); it holds a known label of 3 or more characters, contiguous or with at most 2 characters
    /// inserted (联系人姓名, 案例简要介绍). The longest known label wins; two different fields at the same
    /// length are a tie, and a tie is no match.
    public func closest(_ text: String) -> (match: LabelMatch, label: String)? {
        if let knownScalars, let scalars = SimpleScalars.of(text) {
            let k = SimpleScalars.labelStem(key: SimpleScalars.labelKey(scalars))
            var shared = 0
            for v in k where knownUnits.contains(v) { shared += 1 }
            if shared < 2 { return nil }
            return Self.closest(k, in: knownScalars)
        }
        return closestCharacters(text)
    }

    /// `closest` worked on Characters (for text `SimpleScalars` does not cover, and for tests).
    func closestCharacters(_ text: String) -> (match: LabelMatch, label: String)? {
        Self.closest(Array(TextForm.labelStem(text)), in: known)
    }

    /// The rules of `closest` for the stem `k` of a text, against the known stems (longest first), on Characters
    /// or on scalars.
    private static func closest<Unit: Equatable>(_ k: [Unit], in known: [(stem: [Unit], match: LabelMatch, label: String)])
        -> (match: LabelMatch, label: String)? {
        guard k.count >= 2, k.count <= Self.approximateMaxLength else { return nil }
        let rules: [([Unit]) -> Bool] = [
            { stem in k.count > stem.count && k.count - stem.count <= 3 && k.suffix(stem.count).elementsEqual(stem) },
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
