import OOXML

/// Reads submission forms (重大科技成果案例报送表) from DOCX files: label cells on the left, values on the
/// right (or below), one or more forms per file, with the text Word shows.
public struct DocxFormReader: Sendable {
    let config: PipelineConfig
    let matcher: LabelMatcher
    let filter: DocxLabelFilter
    /// Numbering already read in this run, by the exact bytes of its parts (forms of one template share them).
    let partCache = DocxPartCache()
    /// Relationships parts already parsed in this run, by their exact stored bytes.
    let relationshipsCache = DocxRelationshipsCache()
    /// What the label cells met in this run say, by their exact text (forms of one template repeat them).
    let cellReadings = DocxCellReadings()

    /// Creates a reader with the configuration's labels and limits (`matcher`: one already built from them).
    public init(config: PipelineConfig, matcher: LabelMatcher? = nil) {
        self.config = config
        self.matcher = matcher ?? LabelMatcher(config: config)
        self.filter = DocxLabelFilter(config: config)
    }

    /// Every form in the file, in document order; throws a Refusal for files that cannot be read at all
    /// (not a DOCX, damaged, unsafe, or holding no form).
    public func read(bytes: [UInt8], fileName: String) throws -> [Submission] {
        try extract(bytes: bytes, fileName: fileName).submissions
    }

    /// Every form in the file, with notes for the log (labels typed differently and what each was taken
    /// for); throws a Refusal as `read` does.
    public func extract(bytes: [UInt8], fileName: String) throws -> Extraction {
        // A note referenced in a cell is read into that cell: where a form puts text in a footnote, it is the value's.
        let blocks = DocxWalker.blocks(of: try DocxPackage.open(bytes: bytes, fileName: fileName, limits: config.limits, notes: false, cache: partCache,
                                                                relationshipsCache: relationshipsCache),
                                       notesInline: true).body
        let found = DocxFormFinder(reader: DocxTableReader(matcher: matcher, filter: filter, readings: cellReadings)).find(in: blocks, fileName: fileName)
        guard found.submissions.isEmpty else { return Extraction(submissions: found.submissions, notes: found.notes) }
        let what: String
        if found.tableCount == 0 {
            what = "it has no table"
        } else if found.bestLabels.isEmpty {
            what = "none of its \(found.tableCount) table(s) has a label of the form"
        } else {
            what = "its \(found.tableCount) table(s) name at most \(found.bestLabels.count) of the form's labels (\(found.bestLabels.joined(separator: ", ")))"
        }
        let labels = Field.allCases.compactMap { config.fields[$0.rawValue]?.label }.joined(separator: ", ")
        throw Refusal("no submission form (重大科技成果案例报送表) found in \(fileName): \(what)",
                      advice: "fill in the 报送表 template: a table with the labels \(labels) in its left cells and each value in the cell to the right")
    }

    /// The text the reader sees: paragraphs and table cells in document order, one per line, then the
    /// foot- and endnotes. List labels, check boxes and field results appear as Word shows them.
    public func text(bytes: [UInt8], fileName: String) throws -> [String] {
        let blocks = try self.blocks(bytes: bytes, fileName: fileName, notes: true)
        return DocxBlock.lines(of: blocks.body + blocks.notes)
    }

    private func blocks(bytes: [UInt8], fileName: String, notes: Bool) throws -> (body: [DocxBlock], notes: [DocxBlock]) {
        DocxWalker.blocks(of: try DocxPackage.open(bytes: bytes, fileName: fileName, limits: config.limits, notes: notes, cache: partCache,
                                                           relationshipsCache: relationshipsCache))
    }
}
