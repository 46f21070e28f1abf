import OOXML

/// Tables: rows and cells as written, with the properties that place cells on the grid.
extension DocxWalker {
    /// Widest span or offset believed (Word allows 63 columns); larger values in a hostile file are clamped.
    static let maxGridColumns = 64

    mutating func table(_ tbl: XMLArenaElement) -> DocxTable {
        var table = DocxTable()
        appendParts(named: .tr, of: tbl, to: &table.rows) { walker, tr in walker.row(tr) }
        return table
    }

    /// Rows (`tr`) or cells (`tc`) of a container in order, looking through what may wrap them: content
    /// controls, custom XML, inserted runs of a tracked change, and one branch of `mc:AlternateContent`.
    private mutating func appendParts<Part>(named name: WordName, of container: XMLArenaElement, to parts: inout [Part],
                                            _ make: (inout DocxWalker, XMLArenaElement) -> Part?) {
        for e in container.elements {
            guard let word = e.word else {
                if e.isAlternateContent, let branch = DocxAlternateContent.branch(of: e) {
                    appendParts(named: name, of: branch, to: &parts, make)
                }
                continue
            }
            switch word {
            case name:
                if let part = make(&self, e) { parts.append(part) }
            case .sdt:
                withContentControl(e) { walker, content in walker.appendParts(named: name, of: content, to: &parts, make) }
            case .customXml, .ins, .moveTo:
                appendParts(named: name, of: e, to: &parts, make)
            default:
                continue
            }
        }
    }

    private mutating func row(_ tr: XMLArenaElement) -> DocxRow? {
        let properties = tr.wordChild(.trPr)
        if properties?.wordChild(.del) != nil { return nil }  // row deleted by a tracked change
        var row = DocxRow()
        row.gridBefore = min(properties?.wordChild(.gridBefore)?.wordIntValue ?? 0, Self.maxGridColumns)
        row.gridAfter = min(properties?.wordChild(.gridAfter)?.wordIntValue ?? 0, Self.maxGridColumns)
        appendParts(named: .tc, of: tr, to: &row.cells) { walker, tc in walker.cell(tc) }
        return row
    }

    private mutating func cell(_ tc: XMLArenaElement) -> DocxCell? {
        let properties = tc.wordChild(.tcPr)
        if properties?.wordChild(.cellDel) != nil { return nil }  // cell deleted by a tracked change
        var cell = DocxCell()
        cell.gridSpan = max(1, min(properties?.wordChild(.gridSpan)?.wordIntValue ?? 1, Self.maxGridColumns))
        if let merge = properties?.wordChild(.vMerge) {
            cell.verticalMerge = merge.wordAttribute("val") == "restart" ? .restart : .continue
        }
        if let merge = properties?.wordChild(.hMerge), merge.wordAttribute("val") != "restart" {
            cell.continuesHorizontalMerge = true
        }
        cell.blocks = blocks(in: tc)
        return cell
    }
}
