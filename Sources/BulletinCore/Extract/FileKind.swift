/// What kind of incoming file this is, decided once, from its name and first bytes, before any reader runs.
/// A new kind of incoming file is one case here and one in `SubmissionReaders.read`.
public enum FileKind: Sendable {
    /// A Word form (.docx, or an unnamed file the DOCX reader sniffs and refuses with what it really is).
    case wordForm
    /// CSV, TSV or Excel "Unicode text".
    case delimited
    /// An .xlsx of submissions, with what the review-sheet check parsed of it (`WorkbookReads`: taken by the
    /// reader given the same bytes, so no part is read twice); nil when the check read nothing it could hand on.
    case workbook(WorkbookReads?)
    /// JSON, JSON Lines.
    case json
    /// A review sheet sent back with decisions, recognised by its hidden identity, whatever its name.
    case reviewSheet(ReturnedReviewSheet)
    /// A kind that is not read (.xls, PDF, empty), with why and what to do.
    case refused(Refusal)

    /// Decides the kind of `bytes` named `fileName`. An .xlsx is first asked whether it is a review sheet.
    public static func decide(fileName: String, bytes: [UInt8], reviewSheets: ReviewSheetReader) -> FileKind {
        if bytes.isEmpty {
            return .refused(Refusal("\(fileName) is empty (0 bytes)", advice: "the copy was probably interrupted; send the file again"))
        }
        let ext = fileName.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "csv", "tsv", "txt":
            return .delimited
        case "json", "jsonl", "ndjson":
            return .json
        case "xls":
            return .refused(Refusal("\(fileName) is an Excel 97–2003 workbook (.xls), which is not read",
                                    advice: "open it in Excel or WPS and save it as .xlsx or CSV UTF-8"))
        case "xlsx", "xlsm":
            do {
                switch try reviewSheets.classify(bytes: bytes, fileName: fileName) {
                case .reviewSheet(let sheet): return .reviewSheet(sheet)
                case .other(let reads): return .workbook(reads)
                }
            } catch let r as Refusal {
                return .refused(r)
            } catch {
                return .refused(Refusal("\(fileName) looks like a returned review sheet but cannot be read: \(error)",
                                        advice: "send the sheet again as saved by the spreadsheet program, without renaming its hidden sheet"))
            }
        case "pdf":
            return .refused(Refusal("\(fileName) is a PDF; the values cannot be read from it reliably", advice: "send the filled-in form as .docx"))
        default:
            return .wordForm
        }
    }

    /// Whether refused rows of this kind go back as a CSV of rows (spreadsheets, JSON) rather than a copy.
    public var refusesRowsAsTable: Bool {
        switch self {
        case .delimited, .workbook, .json: true
        case .wordForm, .reviewSheet, .refused: false
        }
    }
}
