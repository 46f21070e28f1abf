import OOXML

/// Tables: rows and cells as written, with the properties that place cells on the grid.
extension DocxWalker {
    /// Widest span or offset believed (Word allows 63 columns); larger values in a hostile file are clamped.
    static let maxGridColumns = 64

    mutating func table(_ tbl: XMLElement) -> DocxTable {
        var table = DocxTable()
        appendRows(of: tbl, to: &table.rows)
        return table
    }

    private mutating func appendRows(of container: XMLElement, to rows: inout [DocxRow]) {
        for case .element(let e) in container.children {
            if e.isAlternateContent {
                if let branch = DocxAlternateContent.branch(of: e) { appendRows(of: branch, to: &rows) }
                continue
            }
            guard e.isWordElement else { continue }
            switch e.name {
            case "tr":
                if let row = row(e) { rows.append(row) }
            case "sdt":
                withContentControl(e) { walker, content in walker.appendRows(of: content, to: &rows) }
            case "customXml", "ins", "moveTo":
                appendRows(of: e, to: &rows)
            default:
                continue
            }
        }
    }

    private mutating func row(_ tr: XMLElement) -> DocxRow? {
        let properties = tr.wordChild("trPr")
        if properties?.wordChild("del") != nil { return nil }  // row deleted by a tracked change
        var row = DocxRow()
        row.gridBefore = min(properties?.wordChild("gridBefore")?.wordIntValue ?? 0, Self.maxGridColumns)
        row.gridAfter = min(properties?.wordChild("gridAfter")?.wordIntValue ?? 0, Self.maxGridColumns)
        appendCells(of: tr, to: &row.cells)
        return row
    }

    private mutating func appendCells(of container: XMLElement, to cells: inout [DocxCell]) {
        for case .element(let e) in container.children {
            if e.isAlternateContent {
                if let branch = DocxAlternateContent.branch(of: e) { appendCells(of: branch, to: &cells) }
                continue
            }
            guard e.isWordElement else { continue }
            switch e.name {
            case "tc":
                if let cell = cell(e) { cells.append(cell) }
            case "sdt":
                withContentControl(e) { walker, content in walker.appendCells(of: content, to: &cells) }
            case "customXml", "ins", "moveTo":
                appendCells(of: e, to: &cells)
            default:
                continue
            }
        }
    }

    private mutating func cell(_ tc: XMLElement) -> DocxCell? {
        let properties = tc.wordChild("tcPr")
        if properties?.wordChild("cellDel") != nil { return nil }  // cell deleted by a tracked change
        var cell = DocxCell()
        cell.gridSpan = max(1, min(properties?.wordChild("gridSpan")?.wordIntValue ?? 1, Self.maxGridColumns))
        if let merge = properties?.wordChild("vMerge") {
            cell.verticalMerge = merge.wordAttribute("val") == "restart" ? .restart : .continue
        }
        if let merge = properties?.wordChild("hMerge"), merge.wordAttribute("val") != "restart" {
            cell.continuesHorizontalMerge = true
        }
        cell.blocks = blocks(in: tc)
        return cell
    }
}
