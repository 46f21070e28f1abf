import OOXML

/// Reads submission forms (报送表) from DOCX files.
/// (Placeholder: the DOCX work replaces this.)
public struct DocxFormReader: Sendable {
    let config: PipelineConfig
    let matcher: LabelMatcher

    /// Creates a reader with the configuration's labels and limits.
    public init(config: PipelineConfig) {
        self.config = config
        self.matcher = LabelMatcher(config: config)
    }

    /// Every form in the file, in document order; throws a Refusal for files that cannot be read at all.
    public func read(bytes: [UInt8], fileName: String) throws -> [Submission] {
        throw Refusal("\(fileName) could not be read", advice: "not implemented yet")
    }

    /// The text the reader sees: paragraphs and table cells in document order, one per line.
    public func text(bytes: [UInt8], fileName: String) throws -> [String] {
        throw Refusal("\(fileName) could not be read", advice: "not implemented yet")
    }
}
