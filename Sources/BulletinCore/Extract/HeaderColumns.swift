/// The columns of a spreadsheet's header row (CSV and other delimited text, XLSX): each cell matched to a label of
/// the form, exactly (`LabelMatcher.match`) or, failing that, as people type labels (`LabelMatcher.closest`: a
/// character added, dropped or changed, a word before the label, 报送单位名称, 联系手机号, 联系入).
///
/// A cell taken for a label it is close to names that field only when no other column names it exactly, and only
/// the first such cell does: a header with 联系手机 and 联系手机号 reads the first, and lists the second among the
/// columns ignored. Each cell taken is reported (`approximate`) so the note can say which label it was taken for.
struct HeaderColumns {
    /// What each matched column names, by column index.
    private(set) var columns: [Int: LabelMatch] = [:]
    /// Cells taken for a label they are close to, in column order: the column index, the text as written, and the
    /// form's label it was taken for.
    private(set) var approximate: [(column: Int, text: String, label: String)] = []
    /// Columns that name nothing the form knows (or a field another column already names), in column order, with
    /// their text as written (blank cells included: the reader decides which to list).
    private(set) var ignored: [(column: Int, text: String)] = []

    /// Matches the header cells, given in column order as (column index, text).
    init(cells: [(column: Int, text: String)], matcher: LabelMatcher) {
        var near: [(column: Int, text: String, match: LabelMatch, label: String)] = []
        var ignored: [(column: Int, text: String)] = []
        for (column, text) in cells {
            let m = matcher.match(text)
            if m != .unknown {
                columns[column] = m
            } else if !TextForm.isBlank(text), let close = matcher.closest(text) {
                near.append((column, text, close.match, close.label))
            } else {
                ignored.append((column, text))
            }
        }
        var named = Set(columns.values)
        for cell in near {
            if named.contains(cell.match) {
                ignored.append((cell.column, cell.text))
                continue
            }
            named.insert(cell.match)
            columns[cell.column] = cell.match
            approximate.append((cell.column, cell.text, cell.label))
        }
        self.ignored = ignored.sorted { $0.column < $1.column }
    }

    /// The form fields the header names (optional rows not counted).
    var fields: Set<Field> {
        Set(columns.values.compactMap { if case .field(let f) = $0 { return f } else { return nil } })
    }
}
