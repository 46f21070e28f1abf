import Foundation

/// A case in the case library: a normalised, validated, scored submission.
public struct CaseRecord: Sendable, Codable, Equatable {
    /// The case id, issued once when the case is created (`2026-11-0007`: its first month and a number),
    /// never derived from its content, so a corrected title keeps its case.
    public var id: String
    /// The matching key of the title as first received (a hash of the title without spaces, punctuation or
    /// width differences): one key among others for finding the same achievement again, not the identity.
    public var titleKey: String
    /// The normalised form values.
    public var fields: [Field: String]
    /// Whether it is classified (涉密): never in a public document.
    public var classified: Bool
    /// Category, subtype, level, industry, score and reasons.
    public var assessment: Assessment
    /// The bulletin month it belongs to (after the submission cut-off day).
    public var period: BulletinPeriod
    /// The file of its first sighting.
    public var sourceFile: String
    /// 1-based index in the source file.
    public var sourceIndex: Int
    /// sha256 of the source file.
    public var sourceSHA256: String
    /// When it was first received (the run's date).
    public var received: CalendarDate

    /// Creates a case record.
    public init(id: String, titleKey: String, fields: [Field: String], classified: Bool, assessment: Assessment, period: BulletinPeriod,
                sourceFile: String, sourceIndex: Int, sourceSHA256: String, received: CalendarDate) {
        self.id = id
        self.titleKey = titleKey
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
