/// A table laid out on its grid, as Word draws it: each cell placed at a grid column with its column span
/// (`w:gridSpan`, `w:gridBefore`, legacy `w:hMerge`) and its row span (`w:vMerge` restart … continue).
struct DocxGrid: Sendable {
    /// A cell as drawn: merged cells are one cell covering several rows or columns.
    struct Cell: Sendable {
        /// First row it covers (0-based).
        let top: Int
        /// Last row it covers.
        var bottom: Int
        /// First grid column it covers (0-based).
        let column: Int
        /// Grid columns it covers.
        var span: Int
        /// Its text, paragraphs joined with `\n`.
        let text: String
    }

    /// Cells, in the order their top-left corners are met reading rows top to bottom, left to right.
    private(set) var cells: [Cell] = []
    /// For each row, the cells covering it (ids into `cells`), left to right.
    private(set) var rows: [[Int]] = []

    init(_ table: DocxTable) {
        var above: [Int: Int] = [:]  // grid column → id of the cell that started there in the row above
        for (r, row) in table.rows.enumerated() {
            var column = row.gridBefore
            var ids: [Int] = []
            var starts: [Int: Int] = [:]
            for cell in row.cells {
                defer { column += cell.gridSpan }
                if cell.continuesHorizontalMerge, let last = ids.last, cells[last].top == r {
                    cells[last].span += cell.gridSpan
                    continue
                }
                if cell.verticalMerge == .continue, let id = above[column], cells[id].bottom == r - 1 {
                    cells[id].bottom = r
                    ids.append(id)
                    starts[column] = id
                    continue
                }
                let id = cells.count
                cells.append(Cell(top: r, bottom: r, column: column, span: cell.gridSpan, text: cell.text))
                ids.append(id)
                starts[column] = id
            }
            rows.append(ids)
            above = starts
        }
    }
}
