/// What a reader found in one file: its submissions, and notes for the log (encoding used, columns ignored).
public struct Extraction: Sendable {
    /// Submissions in file order.
    public var submissions: [Submission]
    /// Notes about the file as a whole.
    public var notes: [String]
    /// Creates an extraction.
    public init(submissions: [Submission], notes: [String] = []) {
        self.submissions = submissions
        self.notes = notes
    }
}

/// Picks the reader for a file by its name and first bytes.
public struct SubmissionReaders: Sendable {
    let docx: DocxFormReader
    let delimited: DelimitedReader
    let json: JSONSubmissionReader
    let xlsx: XlsxReader

    /// Creates the readers for a configuration.
    public init(config: PipelineConfig) {
        let matcher = LabelMatcher(config: config)
        docx = DocxFormReader(config: config, matcher: matcher)
        delimited = DelimitedReader(matcher: matcher)
        json = JSONSubmissionReader(matcher: matcher)
        xlsx = XlsxReader(config: config, matcher: matcher)
    }

    /// Reads every submission in the file; throws a Refusal for a file that cannot be read at all.
    public func read(bytes: [UInt8], fileName: String) throws -> Extraction {
        if bytes.isEmpty {
            throw Refusal("\(fileName) is empty (0 bytes)", advice: "the copy was probably interrupted; send the file again")
        }
        let ext = fileName.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "csv", "tsv", "txt":
            return try delimited.read(bytes: bytes, fileName: fileName)
        case "json", "jsonl", "ndjson":
            return try json.read(bytes: bytes, fileName: fileName)
        case "xls":
            throw Refusal("\(fileName) is an Excel 97–2003 workbook (.xls), which is not read", advice: "open it in Excel or WPS and save it as .xlsx or CSV UTF-8")
        case "xlsx", "xlsm":
            return try xlsx.read(bytes: bytes, fileName: fileName)
        case "pdf":
            throw Refusal("\(fileName) is a PDF; the values cannot be read from it reliably", advice: "send the filled-in form as .docx")
        default:
            return try docx.extract(bytes: bytes, fileName: fileName)
        }
    }
}
