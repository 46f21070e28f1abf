/// A problem found in a submission: which field (or "file"), what is wrong and what to do, in one message.
public struct Problem: Sendable, Codable, Equatable, Hashable {
    /// The field's English name, or "file" / "row" for problems not tied to a field.
    public var field: String
    /// What is wrong and what to do about it.
    public var message: String
    /// Creates a problem.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// One submission as found in a file, before normalisation: the form's values by field.
public struct Submission: Sendable, Codable, Equatable {
    /// The file's name (not its path).
    public var file: String
    /// 1-based position within the file.
    public var index: Int
    /// Where in the file it was found, for messages: "table 2", "line 5", "/3".
    public var location: String
    /// Values of the form's fields, as read (missing key: the label was not found).
    public var fields: [Field: String]
    /// Values of optional rows, as read (e.g. classified: "是").
    public var extras: [OptionalField: String]
    /// Labels found that match no field (reported, never guessed).
    public var unknownLabels: [String]
    /// Problems found while reading.
    public var problems: [Problem]

    /// Creates a submission.
    public init(file: String, index: Int, location: String, fields: [Field: String] = [:],
                extras: [OptionalField: String] = [:], unknownLabels: [String] = [], problems: [Problem] = []) {
        self.file = file
        self.index = index
        self.location = location
        self.fields = fields
        self.extras = extras
        self.unknownLabels = unknownLabels
        self.problems = problems
    }

    /// The value of a field, "" when absent.
    public subscript(_ field: Field) -> String {
        get { fields[field] ?? "" }
        set { fields[field] = newValue }
    }

    /// Whether the submission is declared classified (涉密).
    public var isClassified: Bool {
        guard let v = extras[.classified] else { return false }
        return ClassifiedMark.isYes(v)
    }
}

/// Reads a 是否涉密 value as people write it: 是 / 否, ticked boxes, true / false.
public enum ClassifiedMark {
    /// Whether the value says "yes, classified".
    public static func isYes(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if v.isEmpty { return false }
        for tick in ["☑", "☒", "■", "✓", "✔", "√", "▣"] {
            if let r = v.range(of: tick) {
                let after = v[r.upperBound...].trimmingCharacters(in: .whitespaces)
                return after.hasPrefix("是") || after.hasPrefix("涉密")
            }
        }
        if v.contains("☐") || v.contains("□") { return false }
        return ["是", "涉密", "yes", "true", "1", "y"].contains(v)
    }
}

import Foundation
