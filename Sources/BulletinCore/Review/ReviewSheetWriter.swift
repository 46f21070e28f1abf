import Foundation
import OOXML

/// Writes a `ReviewSheet` as an XLSX workbook with libzip + libxml2. Deterministic: the same sheet gives the
/// same bytes (fixed part order, fixed zip timestamps, no dates in the parts).
///
/// The first worksheet holds a title row (month, stage, group, deadline), the header row and one row per
/// case. Reviewers' columns are filled yellow, unlocked and offered as drop-downs; the sheet is not protected
/// (protection gets in reviewers' way and is no guard: the rows are checked when they come back). It prints on
/// landscape A4, fitted to the page width, with the title and header rows repeated on every page.
/// A hidden worksheet, `_bulletin`, holds the identity: the sheet id, stage, group, period, the words offered
/// and, per case, its id, version and row. Hidden worksheets survive re-saving by Excel, WPS, LibreOffice and
/// openpyxl. Every text is written as an inline string, never a formula, whatever it starts with.
public enum ReviewSheetWriter {
    /// The workbook's bytes.
    public static func bytes(_ sheet: ReviewSheet) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sheet.xlsx").path
        try write(sheet, to: path)
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes the workbook to `path`, replacing any file there; the caller moves it into place.
    public static func write(_ sheet: ReviewSheet, to path: String) throws {
        try ZipWriter.write(try parts(sheet), to: path, modified: RenderedDocument.fixedTimestamp)
    }

    /// The package parts in the order they are zipped.
    public static func parts(_ sheet: ReviewSheet) throws -> [ZipWriter.Entry] {
        try check(sheet)
        let layout = ReviewSheetLayout(sheet)
        let xml: [(String, XMLElement)] = [
            ("[Content_Types].xml", ReviewWorkbookParts.contentTypes()),
            ("_rels/.rels", ReviewWorkbookParts.packageRels()),
            ("xl/workbook.xml", ReviewWorkbookParts.workbook(layout)),
            ("xl/_rels/workbook.xml.rels", ReviewWorkbookParts.workbookRels()),
            ("xl/styles.xml", ReviewWorkbookStyles.styles()),
            ("xl/worksheets/sheet1.xml", layout.mainWorksheet(caseRows: false)),
            ("xl/worksheets/sheet2.xml", layout.identityWorksheet(rows: false)),
            ("docProps/app.xml", ReviewWorkbookParts.app()),
        ]
        // The review worksheet's case rows and the identity worksheet's rows are written where their sheetData
        // ends, as the trees would hold them.
        return try xml.map { name, root in
            switch name {
            case "xl/worksheets/sheet1.xml":
                return ZipWriter.Entry(name: name, bytes: try XMLWriter.document(root) { e, out in if e.name == "sheetData" { layout.writeCaseRows(out) } })
            case "xl/worksheets/sheet2.xml":
                return ZipWriter.Entry(name: name, bytes: try XMLWriter.document(root) { e, out in if e.name == "sheetData" { layout.writeIdentityRows(out) } })
            default:
                return ZipWriter.Entry(name: name, bytes: try XMLWriter.document(root))
            }
        }
    }

    /// Refuses a sheet whose identity could not be read back as written.
    static func check(_ sheet: ReviewSheet) throws {
        func require(_ ok: Bool, _ field: String, _ value: String, _ expected: String) throws {
            if !ok { throw ReviewSheetError.invalid(field: field, value: value, expected: expected) }
        }
        try require(sheet.period.wholeMatch(of: /\d{4}-(0[1-9]|1[0-2])/) != nil, "period", sheet.period, "YYYY-MM")
        try require(sheet.deadline.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, "deadline", sheet.deadline, "YYYY-MM-DD")
        try require(!ReviewText.trimmed(sheet.stage).isEmpty, "stage", sheet.stage, "a stage name such as 初选")
        try require(!ReviewText.trimmed(sheet.sheetId).isEmpty, "sheetId", sheet.sheetId, "a non-empty id")
        try require(!sheet.vocabulary.decisionWords.isEmpty, "decision words", "", "at least one word such as 通过")
        var seen = Set<String>()
        for row in sheet.rows where !row.caseId.isEmpty {
            if !seen.insert(row.caseId).inserted { throw ReviewSheetError.duplicateCase(caseId: row.caseId) }
        }
    }
}
