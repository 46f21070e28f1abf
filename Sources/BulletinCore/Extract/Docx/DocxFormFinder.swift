/// Finds the forms in a document's tables: a table (or stretch of a table) whose labels match at least
/// three fields starts a form; the next table continues it when it holds only fields the form still lacks
/// (a form split across two tables, as happens at a page break).
struct DocxFormFinder {
    let reader: DocxTableReader

    /// Fields a table must match to start a form.
    static let minimumFields = 3

    /// What was found: the forms, and for messages, the number of tables and the best near-miss.
    struct Result {
        var submissions: [Submission] = []
        var tableCount = 0
        var bestLabels: [String] = []
        /// Labels typed differently, and what each was taken for, in the forms found.
        var notes: [String] = []
    }

    func find(in blocks: [DocxBlock], fileName: String) -> Result {
        var result = Result()
        var forms: [(part: DocxFormPart, lastTable: Int)] = []
        var previousTable = 0
        for (offset, table) in DocxBlock.tables(in: blocks).enumerated() {
            let number = offset + 1
            result.tableCount = number
            for part in reader.parts(of: DocxGrid(table), table: number) {
                if part.labelsSeen.count > result.bestLabels.count { result.bestLabels = part.labelsSeen }
                if let last = forms.last, last.lastTable == previousTable, previousTable == number - 1,
                   part.firstRow == 1, !part.fields.isEmpty || !part.extras.isEmpty,
                   continues(last.part, with: part) {
                    forms[forms.count - 1] = (merge(last.part, part), number)
                } else if part.fields.count >= Self.minimumFields {
                    forms.append((part, number))
                }
            }
            previousTable = number
        }
        for (i, form) in forms.enumerated() {
            let part = form.part
            result.notes += part.notes
            var location = "table \(part.table)"
            if form.lastTable != part.table { location = "tables \(part.table)–\(form.lastTable)" }
            if part.firstRow > 1 { location += " from row \(part.firstRow)" }
            result.submissions.append(Submission(
                file: fileName, index: i + 1, location: location, fields: part.fields, extras: part.extras,
                unknownLabels: part.unknownLabels, problems: part.problems))
        }
        return result
    }

    /// Whether `next` completes `form`: it names no field the form already has, and the form lacks some.
    private func continues(_ form: DocxFormPart, with next: DocxFormPart) -> Bool {
        guard form.fields.count < Field.allCases.count else { return false }
        if next.fields.keys.contains(where: { form.fields[$0] != nil }) { return false }
        if next.extras.keys.contains(where: { form.extras[$0] != nil }) && next.fields.isEmpty { return false }
        return true
    }

    private func merge(_ form: DocxFormPart, _ next: DocxFormPart) -> DocxFormPart {
        var merged = form
        merged.absorb(next)
        return merged
    }
}
