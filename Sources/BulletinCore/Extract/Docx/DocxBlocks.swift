/// The body of a Word document as the form reader sees it: paragraphs and tables in document order,
/// with the text Word shows (fields give their results, tracked changes are accepted, and so on).
enum DocxBlock: Sendable, Equatable {
    /// A paragraph's text: runs joined, `\t` for tabs, `\n` for line breaks.
    case paragraph(String)
    /// A table.
    case table(DocxTable)
}

/// A table as written: rows of cells, with the merge marks that place cells on the table's grid.
struct DocxTable: Sendable, Equatable {
    /// Rows in order (rows deleted by a tracked change are left out).
    var rows: [DocxRow] = []
}

/// A table row.
struct DocxRow: Sendable, Equatable {
    /// Grid columns left empty before the first cell (`w:gridBefore`).
    var gridBefore = 0
    /// Grid columns left empty after the last cell (`w:gridAfter`).
    var gridAfter = 0
    /// Cells in order.
    var cells: [DocxCell] = []
}

/// How a cell takes part in a vertical merge (`w:vMerge`).
enum DocxVerticalMerge: Sendable, Equatable {
    case none, restart, `continue`
}

/// A table cell: its content and how it spans the grid.
struct DocxCell: Sendable, Equatable {
    /// Grid columns the cell covers (`w:gridSpan`), at least 1.
    var gridSpan = 1
    /// Its part in a vertical merge.
    var verticalMerge = DocxVerticalMerge.none
    /// Whether it continues the cell to its left (legacy `w:hMerge` without `restart`).
    var continuesHorizontalMerge = false
    /// Paragraphs and nested tables.
    var blocks: [DocxBlock] = []

    /// The cell's text: paragraphs joined with `\n`, a nested table's cells each on its own line.
    var text: String { DocxBlock.lines(of: blocks).joined(separator: "\n") }
}

extension DocxBlock {
    /// Paragraphs, and the cells of tables, one string each, in document order. A cell covered by a merge
    /// is given once, at its first row.
    static func lines(of blocks: [DocxBlock]) -> [String] {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let text):
                out.append(text)
            case .table(let table):
                for row in table.rows {
                    for cell in row.cells where cell.verticalMerge != .continue && !cell.continuesHorizontalMerge {
                        out.append(cell.text)
                    }
                }
            }
        }
        return out
    }

    /// Every table in document order, nested tables right after the table that holds them.
    static func tables(in blocks: [DocxBlock]) -> [DocxTable] {
        var out: [DocxTable] = []
        func visit(_ blocks: [DocxBlock]) {
            for case .table(let table) in blocks {
                out.append(table)
                for row in table.rows { for cell in row.cells { visit(cell.blocks) } }
            }
        }
        visit(blocks)
        return out
    }
}
