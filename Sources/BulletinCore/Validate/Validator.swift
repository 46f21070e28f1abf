/// Checks a normalised submission against the form's rules; every problem says which field, what is wrong
/// and what to do.
public struct Validator: Sendable {
    let config: PipelineConfig
    /// Each field with its form label and whether it is required, looked up once.
    private let checks: [(field: Field, label: String, required: Bool)]

    /// Creates a validator with the configuration's thresholds and labels.
    public init(config: PipelineConfig) {
        self.config = config
        checks = Field.allCases.map { ($0, config.fields[$0.rawValue]?.label ?? $0.rawValue, config.fields[$0.rawValue]?.required ?? true) }
    }

    /// The problems of a normalised submission (none: it can be accepted).
    public func problems(of s: Submission) -> [Problem] {
        // The values read in one walk of the dictionary, each put at its field's place in `checks`: no key hashed
        // (ten look-ups a row, ~220 instructions each).
        withUnsafeTemporaryAllocation(of: String?.self, capacity: Field.slots) { values in
            guard let base = values.baseAddress else { return [] }
            base.initialize(repeating: nil, count: Field.slots)
            defer { base.deinitialize(count: Field.slots) }
            for (field, value) in s.fields { base[field.slot] = value }
            return problems(of: s, values: UnsafeBufferPointer(values))
        }
    }

    /// `problems(of:)` with the submission's values by `Field.slot` (nil where the submission has none).
    private func problems(of s: Submission, values: UnsafeBufferPointer<String?>) -> [Problem] {
        var out = s.problems
        var where_: String { "\(s.location) of \(s.file)" }
        for (field, label, required) in checks {
            if required && (values[field.slot] ?? "").isEmpty {
                if values[field.slot] == nil && !s.unknownLabels.isEmpty {
                    // The label may be there, typed as no known label: name the labels read but not known.
                    let seen = s.unknownLabels.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ") + (s.unknownLabels.count > 6 ? ", …" : "")
                    out.append(Problem(field: field.rawValue, message: "\(where_) has no \(label) (the label was not found; labels not on the form: \(seen)); if one of them is \(label), rename it \(label) (or add it to fields.\(field.rawValue).aliases in pipeline.json), else fill it in, and send the file again"))
                    continue
                }
                let what = values[field.slot] == nil ? "has no \(label) (the label was not found)" : "leaves \(label) empty"
                out.append(Problem(field: field.rawValue, message: "\(where_) \(what); fill it in and send the file again"))
            }
        }
        let mobile = values[Field.mobile.slot] ?? ""
        if !mobile.isEmpty && !Self.isMainlandMobile(mobile) {
            out.append(Problem(field: Field.mobile.rawValue,
                               message: "联系手机 \"\(mobile)\" in \(where_) is not a mainland mobile number (11 digits starting with 1); correct it"))
        }
        let length = TextForm.characterCount(values[Field.summary.slot] ?? "")
        if length > config.validation.summaryMaxCharacters {
            out.append(Problem(field: Field.summary.rawValue,
                               message: "案例简介 in \(where_) has \(length) characters, more than the \(config.validation.summaryMaxCharacters) allowed; shorten it by \(length - config.validation.summaryMaxCharacters)"))
        }
        let title = values[Field.title.slot] ?? ""
        let titleLength = TextForm.characterCount(title)
        if !title.isEmpty && titleLength < config.validation.titleMinCharacters {
            out.append(Problem(field: Field.title.rawValue,
                               message: "成果名称 \"\(title)\" in \(where_) is shorter than \(config.validation.titleMinCharacters) characters; give the achievement's full name"))
        }
        if titleLength > config.titleMaxCharacters {
            out.append(Problem(field: Field.title.rawValue,
                               message: "成果名称 in \(where_) has \(titleLength) characters, more than the \(config.titleMaxCharacters) allowed (validation.titleMaxCharacters); put the achievement's name in 成果名称 and the details in 案例简介"))
        }
        return out
    }

    /// 11 digits, starting with 1 and a second digit 3–9.
    public static func isMainlandMobile(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 11, u[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(u[1]) else { return false }
        return u.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}

extension Field {
    /// How many fields there are (`slot` is below it).
    static let slots = 7

    /// The field's place in `Field.allCases` (`FieldSlotTests` checks it), for values kept in a small buffer rather
    /// than looked up by key.
    var slot: Int {
        switch self {
        case .submitter: return 0
        case .supervisor: return 1
        case .contact: return 2
        case .mobile: return 3
        case .title: return 4
        case .source: return 5
        case .summary: return 6
        }
    }
}
