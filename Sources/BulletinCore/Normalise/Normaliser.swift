/// Normalises a submission's values: trimmed, zero-width characters dropped, full-width letters and digits
/// made half-width (Chinese punctuation kept),
/// single-line fields on one line, the mobile number reduced to its digits, control characters (NUL …) removed.
public struct Normaliser: Sendable {
    let supervisors: SupervisorNames

    /// Creates a normaliser; with `supervisors`, city bureaus get their canonical names.
    public init(supervisors: SupervisorNames = SupervisorNames(config: nil)) {
        self.supervisors = supervisors
    }

    /// The submission with every value normalised (problems and location kept).
    public func normalise(_ submission: Submission) -> Submission {
        var s = submission
        // Each value replaced where it is, by its index (an index of the dictionary is one of its copy too): no key
        // hashed, where assigning by key looked each one up (~220 instructions a field, seven a row).
        let fields = submission.fields
        for i in fields.indices {
            let (field, value) = fields[i]
            s.fields.values[i] = normalise(value, as: field)
        }
        let extras = submission.extras
        for i in extras.indices {
            let tidy = TextForm.tidy(TextForm.halfWidthAlphanumerics(ControlCharacters.strip(extras[i].value)))
            s.extras.values[i] = tidy.utf8.contains(0x0A) ? tidy.split(separator: "\n").joined(separator: " ") : tidy
        }
        return s
    }

    /// One value normalised for its field.
    public func normalise(_ value: String, as field: Field) -> String {
        if field != .mobile && TextForm.isClean(value) {
            return field == .supervisor ? supervisors.canonical(value) : value
        }
        let value = ControlCharacters.strip(value)
        switch field {
        case .summary:
            // Keep paragraphs; full-width letters and digits become half-width; CJK punctuation stays.
            return TextForm.tidy(TextForm.halfWidthAlphanumerics(value))
        case .mobile:
            // Only ASCII digits and "+" (most numbers): nothing to make half-width or to filter out.
            let plain = value.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B }
            var digits = plain ? value : TextForm.halfWidthASCII(value).filter { !" -–—()（）".contains($0) && !$0.isWhitespace }
            if digits.hasPrefix("+86") { digits.removeFirst(3) } else if digits.hasPrefix("0086") { digits.removeFirst(4) }
            return digits
        case .supervisor:
            return supervisors.canonical(Self.oneLine(TextForm.tidy(TextForm.halfWidthAlphanumerics(value))))
        default:
            // tidy leaves "\n" as the only line break; a one-line field's lines are joined without one.
            return Self.oneLine(TextForm.tidy(TextForm.halfWidthAlphanumerics(value)))
        }
    }

    /// The text without its line breaks (unchanged, and not copied, when it has none).
    static func oneLine(_ s: String) -> String {
        s.utf8.contains(0x0A) ? String(s.filter { $0 != "\n" }) : s
    }
}
