import Foundation

/// A case in the case library: a normalised, validated, scored submission.
public struct CaseRecord: Sendable, Codable, Equatable {
    /// Stable id, derived from the normalised title and submitter: the same achievement is one case.
    public var id: String
    /// The normalised form values.
    public var fields: [Field: String]
    /// Whether it is classified (涉密): never in a public document.
    public var classified: Bool
    /// Category, subtype, level, industry, score and reasons.
    public var assessment: Assessment
    /// The bulletin month it belongs to, "YYYY-MM" (after the submission cut-off day).
    public var period: String
    /// The file it came from and its 1-based index there.
    public var sourceFile: String
    /// 1-based index in the source file.
    public var sourceIndex: Int
    /// sha256 of the source file.
    public var sourceSHA256: String
    /// When it was received (the run's date), "YYYY-MM-DD".
    public var received: String

    /// Creates a case record.
    public init(id: String, fields: [Field: String], classified: Bool, assessment: Assessment, period: String,
                sourceFile: String, sourceIndex: Int, sourceSHA256: String, received: String) {
        self.id = id
        self.fields = fields
        self.classified = classified
        self.assessment = assessment
        self.period = period
        self.sourceFile = sourceFile
        self.sourceIndex = sourceIndex
        self.sourceSHA256 = sourceSHA256
        self.received = received
    }

    /// The value of a field, "" when absent.
    public subscript(_ field: Field) -> String { fields[field] ?? "" }
}
