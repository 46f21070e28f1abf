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

    /// Reads every submission in a file of a known kind; throws a Refusal for a file that cannot be read at all.
    /// Notes say where control characters were found (the normaliser strips them).
    public func read(bytes: [UInt8], fileName: String, kind: FileKind) throws -> Extraction {
        var e = try readByKind(bytes: bytes, fileName: fileName, kind: kind)
        e.notes += ControlCharacters.notes(e.submissions)
        return e
    }

    private func readByKind(bytes: [UInt8], fileName: String, kind: FileKind) throws -> Extraction {
        switch kind {
        case .delimited: return try delimited.read(bytes: bytes, fileName: fileName)
        case .json: return try json.read(bytes: bytes, fileName: fileName)
        case .workbook(let reads): return try xlsx.read(bytes: bytes, fileName: fileName, reads: reads)
        case .wordForm: return try docx.extract(bytes: bytes, fileName: fileName)
        case .refused(let refusal): throw refusal
        case .reviewSheet:
            throw Refusal("\(fileName) is a returned review sheet, not submissions", advice: "drop it into the inbox: the run applies its decisions")
        }
    }
}
