/// What a label cell names: a form field, an optional row, or nothing known.
public enum LabelMatch: Sendable, Equatable {
    case field(Field)
    case optional(OptionalField)
    case unknown
}

/// Matches labels as people type them against the labels and aliases of pipeline.json.
public struct LabelMatcher: Sendable {
    private var exact: [String: LabelMatch] = [:]
    private var stems: [String: LabelMatch] = [:]

    /// Builds the matcher from the configuration's `fields` and `optionalFields`.
    public init(config: PipelineConfig) {
        for (key, labels) in config.fields {
            guard let field = Field(rawValue: key) else { continue }
            add([labels.label] + labels.aliases, as: .field(field))
        }
        for (key, labels) in config.optionalFields {
            guard let field = OptionalField(rawValue: key) else { continue }
            add([labels.label] + labels.aliases, as: .optional(field))
        }
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
        let key = TextForm.labelKey(label)
        if key.isEmpty { return .unknown }
        if let m = exact[key] ?? exact[key.lowercased()] { return m }
        if let m = stems[TextForm.labelStem(label)] { return m }
        return .unknown
    }

}
