/// What one table, or one stretch of a table holding several forms, says about a form: the values of the
/// labels found there, labels that match nothing, and problems met while reading.
struct DocxFormPart: Sendable {
    /// 1-based number of the table in the document (nested tables counted after the table holding them).
    var table: Int
    /// 1-based row of the table where this form starts (1 unless forms are stacked in one table).
    var firstRow: Int
    /// Values of form fields found.
    var fields: [Field: String] = [:]
    /// Values of optional rows found.
    var extras: [OptionalField: String] = [:]
    /// Label-like cells in label columns that match no field.
    var unknownLabels: [String] = []
    /// Problems found.
    var problems: [Problem] = []
    /// Label texts as written, for messages when no form is found.
    var labelsSeen: [String] = []
    /// Labels typed differently from every known label, and the label each was taken for (for the log).
    var notes: [String] = []
    /// Where each field's label is: its text as written and its 1-based row.
    var fieldLabels: [Field: (text: String, row: Int)] = [:]

    /// Adds a field read at `row`; a field already read is a problem (the first value is kept).
    mutating func add(_ field: Field, value: String, label: String, row: Int) {
        if fieldLabels[field] != nil {
            problems.append(Problem(field: field.rawValue, message:
                "\(label) appears again in table \(table), row \(row); the first value is kept"))
            return
        }
        fields[field] = value
        fieldLabels[field] = (label, row)
        labelsSeen.append(label)
    }

    /// Takes in a stretch that turned out too small to be a form of its own (a repeated row, not a new form).
    mutating func absorb(_ other: DocxFormPart) {
        for (field, label) in other.fieldLabels.sorted(by: { $0.value.row < $1.value.row }) {
            add(field, value: other.fields[field] ?? "", label: label.text, row: label.row)
        }
        extras.merge(other.extras) { first, _ in first }
        unknownLabels += other.unknownLabels
        problems += other.problems
        notes += other.notes
    }
}
