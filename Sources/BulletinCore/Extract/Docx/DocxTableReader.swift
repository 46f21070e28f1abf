import Foundation

/// Reads label/value pairs from a table grid. A label cell's value is the cell(s) to its right up to the
/// next label; a label with nothing to its right (a row of labels, or a label spanning the row) takes the
/// cells below it. Forms stacked in one table are split where a field's label comes round again.
struct DocxTableReader {
    let matcher: LabelMatcher
    let filter: DocxLabelFilter
    /// Cell readings kept for the run (nil: every cell is read afresh).
    var readings: DocxCellReadings? = nil

    /// Longest label-like text, in characters of its label key (报送单位（产学研等单位） is 12).
    static let labelLikeMaxLength = 16

    func parts(of grid: DocxGrid, table: Int) -> [DocxFormPart] {
        var scan = DocxTableScan(grid: grid, reader: self)
        var parts: [DocxFormPart] = []
        var part = DocxFormPart(table: table, firstRow: 1)
        for r in grid.rows.indices {
            for id in grid.rows[r] where grid.cells[id].top == r && !scan.consumed[id] {
                if let takenFor = scan.approximate[id] {
                    // With its value in the same cell (联系手机号：…), the label is the text before the colon.
                    let text = grid.cells[id].text
                    let label = scan.inline[id] == nil ? text : DocxTableScan.inlineParts(text)?.label ?? text
                    part.notes.append("table \(table), row \(r + 1): the label \"\(Self.labelText(label))\" was taken for \(takenFor)")
                }
                switch scan.match[id] {
                case .field(let field):
                    let value = scan.value(of: id)
                    if part.fields[field] != nil && part.fields.count >= DocxFormFinder.minimumFields {
                        // A label comes round again after a whole form: the next form starts here (forms stacked
                        // in one table). If too little follows to make a form, it is folded back below.
                        parts.append(part)
                        part = DocxFormPart(table: table, firstRow: r + 1)
                    }
                    let shown = (field == .title || field == .summary) ? value : Self.choice(in: value)
                    part.add(field, value: shown, label: Self.labelText(grid.cells[id].text), row: r + 1)
                case .optional(let extra):
                    let value = scan.value(of: id)
                    part.labelsSeen.append(Self.labelText(grid.cells[id].text))
                    if part.extras[extra] == nil { part.extras[extra] = Self.choice(in: value) }
                case .unknown:
                    if scan.isUnknownLabel(id) {
                        part.unknownLabels.append(Self.labelText(grid.cells[id].text))
                        _ = scan.value(of: id)
                    }
                }
            }
        }
        if let last = parts.last, part.fields.count < DocxFormFinder.minimumFields {
            var merged = last
            merged.absorb(part)
            parts[parts.count - 1] = merged
        } else {
            parts.append(part)
        }
        return parts
    }

    /// A label as written, on one line, without the spaces around it.
    static func labelText(_ text: String) -> String {
        DocxTableScan.trimmedLines(text, separator: UInt8(ascii: " "))
    }

    /// The ticked choice of a check-box value (`☑是 ☐否` → 是), else the value.
    static func choice(in value: String) -> String {
        DocxCheckbox.tickedChoices(in: value) ?? value
    }
}
