/// Why a document could not be drawn: a sentence a person can act on.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value other than a date is out of its range (a quarter of 5).
    case badValue(what: String, value: String, expected: String)
    /// A classified (涉密) case reached a document; it is never named in one.
    case classified(caseID: String, document: String)

    /// A sentence a person can read.
    public var description: String {
        switch self {
        case .badValue(let what, let value, let expected):
            return "\(what) \"\(value)\" is not \(expected); fix the selection that produced it"
        case .classified(let id, let document):
            return "case \(id) is classified (涉密) and may never appear in \(document); "
                + "remove it from the selection (the document was not drawn)"
        }
    }

    /// Throws `classified` for the first classified case among `records`, naming it by id only.
    static func refuseClassified(_ records: some Sequence<CaseRecord>, in document: String) throws {
        if let record = records.first(where: \.classified) {
            throw RenderError.classified(caseID: record.id, document: document)
        }
    }
}
