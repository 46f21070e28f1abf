import Foundation
import Synchronization

/// One submission as `bulletin inspect` reports it (the `--json` line format, documented in the README).
public struct InspectionLine: Sendable, Encodable {
    public var file: String
    /// 1-based within the file; 0 for a problem with the file as a whole.
    public var index: Int
    public var location: String
    public var fields: [String: String]
    public var classified: Bool
    public var category: String
    public var subtype: String
    public var level: String
    public var industry: String
    public var score: Double
    public var reasons: [Reason]
    public var problems: [Problem]
    /// Notes on the file (encoding, ignored columns).
    public var notes: [String]
    /// Flags for reviewers (declared against inferred, ineligibility).
    public var flags: [String]
    /// The title's matching key (the case id is issued only when a run stores the submission).
    public var titleKey: String
    /// Whether a profile's eligibility rules let it be selected.
    public var eligible: Bool
    /// The whole assessment (for `explain`; its parts are the keys above).
    public var assessment: Assessment
    /// True when a suggested label should be checked by a person (需人工确认); `reviewReasons` says why.
    public var needsReview: Bool { assessment.needsReview }
    /// Why the case needs review.
    public var reviewReasons: [String] { assessment.reviewReasons }
    /// How sure each suggested label is (0…1).
    public var confidence: LabelConfidence? { assessment.confidence }

    private enum CodingKeys: String, CodingKey {
        case file, index, location, fields, classified, category, subtype, level, industry, score, reasons, problems, notes, flags, titleKey, eligible
        case needsReview, reviewReasons, confidence
    }

    /// Encodes the line; `needsReview`, `reviewReasons` and `confidence` come from the assessment.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(index, forKey: .index)
        try c.encode(location, forKey: .location)
        try c.encode(fields, forKey: .fields)
        try c.encode(classified, forKey: .classified)
        try c.encode(category, forKey: .category)
        try c.encode(subtype, forKey: .subtype)
        try c.encode(level, forKey: .level)
        try c.encode(industry, forKey: .industry)
        try c.encode(score, forKey: .score)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(problems, forKey: .problems)
        try c.encode(notes, forKey: .notes)
        try c.encode(flags, forKey: .flags)
        try c.encode(titleKey, forKey: .titleKey)
        try c.encode(eligible, forKey: .eligible)
        try c.encode(needsReview, forKey: .needsReview)
        try c.encode(reviewReasons, forKey: .reviewReasons)
        try c.encodeIfPresent(confidence, forKey: .confidence)
    }
}

/// What the pipeline makes of files, touching no inbox, outbox or library.
public struct Inspector: Sendable {
    let processor: SubmissionProcessor
    /// The file `returnedSheet` read last and the kind it decided, for the `inspect` of the same file that
    /// follows it: an .xlsx is then opened to decide its kind once, not twice.
    private let decided = DecidedFile()

    /// A line's `fields` before its values are set: every field's raw value with "", and where each one is. A
    /// line's dictionary is a copy of it whose values are set by index (an index of a dictionary is one of its copies
    /// too), so no key is hashed; setting them by key hashed seven keys a line and looked up seven (~3.8 k
    /// instructions).
    private let fieldTemplate: [String: String]
    private let fieldIndices: [Dictionary<String, String>.Index]

    /// Creates an inspector for a configuration.
    public init(config: PipelineConfig) throws {
        processor = try SubmissionProcessor(config: config)
        var template = [String: String](minimumCapacity: Field.allCases.count)
        for f in Field.allCases { template[f.rawValue] = "" }
        fieldIndices = Field.allCases.compactMap { template.index(forKey: $0.rawValue) }
        fieldTemplate = template
    }

    /// The returned review sheet the file at `url` is, nil when it is not one (or cannot be read).
    public func returnedSheet(_ url: URL) -> ReturnedReviewSheet? {
        guard let bytes = try? FileBytes.read(url) else { return nil }
        let kind = processor.kind(of: bytes, fileName: url.lastPathComponent)
        if case .reviewSheet(let sheet) = kind { return sheet }
        decided.keep(url.path, bytes, kind)
        return nil
    }

    /// Every submission of the file at `url`, or one line with the file's problem.
    public func inspect(_ url: URL) -> [InspectionLine] {
        var lines: [InspectionLine] = []
        inspect(url) { lines.append($0) }
        return lines
    }

    /// The lines of `inspect(_:)` handed to `each` one by one as each submission is scored, so that a caller that
    /// prints them holds one line at a time rather than every line of a 20,000-row file.
    public func inspect(_ url: URL, each: (InspectionLine) -> Void) {
        let name = url.lastPathComponent
        func fileProblem(_ message: String) {
            each(InspectionLine(file: name, index: 0, location: "", fields: [:], classified: false, category: "", subtype: "", level: "",
                                industry: "", score: 0, reasons: [], problems: [Problem(field: "file", message: message)], notes: [],
                                flags: [], titleKey: "", eligible: false, assessment: Assessment()))
        }
        let bytes: [UInt8]
        let known = decided.take(url.path)
        if let known {
            bytes = known.bytes
        } else {
            do { bytes = try FileBytes.read(url) } catch { return fileProblem("\(url.path) cannot be read: \(error.localizedDescription)") }
        }
        do {
            let extraction = try processor.extract(bytes: bytes, fileName: name, kind: known?.kind)
            if extraction.submissions.isEmpty { return fileProblem("\(name) holds no submission; check that it is the filled-in 报送表") }
            for submission in extraction.submissions {
                let s = processor.score(processor.validate(processor.normalise(submission)))
                let sub = s.checked.submission
                var fields = fieldTemplate
                for (f, value) in sub.fields { fields.values[fieldIndices[f.slot]] = value }
                each(InspectionLine(file: name, index: sub.index, location: sub.location, fields: fields, classified: sub.isClassified,
                                    category: s.assessment.category, subtype: s.assessment.subtype, level: s.assessment.level,
                                    industry: s.assessment.industry, score: s.assessment.score, reasons: s.assessment.reasons,
                                    problems: s.checked.problems, notes: extraction.notes, flags: s.assessment.flags,
                                    titleKey: s.titleKey, eligible: s.assessment.eligible, assessment: s.assessment))
            }
        } catch let r as Refusal {
            return fileProblem(r.description)
        } catch {
            return fileProblem("\(name) could not be read: \(error)")
        }
    }
}

/// One file's bytes and decided kind, handed from `Inspector.returnedSheet` to `Inspector.inspect`.
final class DecidedFile: Sendable {
    private let file = Mutex<(path: String, bytes: [UInt8], kind: FileKind)?>(nil)

    func keep(_ path: String, _ bytes: [UInt8], _ kind: FileKind) {
        file.withLock { $0 = (path, bytes, kind) }
    }

    /// The kept bytes and kind when they are of `path` (and forgets them).
    func take(_ path: String) -> (bytes: [UInt8], kind: FileKind)? {
        file.withLock { kept in
            defer { kept = nil }
            guard let k = kept, k.path == path else { return nil }
            return (k.bytes, k.kind)
        }
    }
}

/// The text the DOCX reader sees, for `inspect --text`: the readers alone, without the scorer, whose rules and
/// cue automaton are compiled for every run that scores (about a tenth of a second) and are not needed to read.
public struct TextInspector: Sendable {
    let readers: SubmissionReaders
    let reviewSheets: ReviewSheetReader

    /// Creates the readers of a configuration (labels, aliases and limits).
    public init(config: PipelineConfig) {
        readers = SubmissionReaders(config: config)
        reviewSheets = ReviewSheetReader(config: config)
    }

    /// The text of the DOCX file at `url`, one paragraph or cell a line. A file the batch reads another way (a
    /// spreadsheet, JSON, a returned review sheet) or refuses (.xls, PDF, empty) is refused with what it is and
    /// the command that shows how it is read, not with the Word reader's "not a Word document" advice.
    public func text(_ url: URL) throws -> [String] {
        let bytes = try FileBytes.read(url)
        let name = url.lastPathComponent
        let notAForm = "--text prints the text the DOCX reader sees in a Word form"
        let useJSON = "run `bulletin inspect --json \(name)` (or without --json) to see each row as the batch reads it"
        switch FileKind.decide(fileName: name, bytes: bytes, reviewSheets: reviewSheets) {
        case .wordForm:
            return try readers.docx.text(bytes: bytes, fileName: name)
        case .delimited:
            throw Refusal("\(name) is a delimited text file (CSV/TSV), not a Word form; \(notAForm)", advice: useJSON)
        case .workbook:
            throw Refusal("\(name) is an Excel workbook, not a Word form; \(notAForm)", advice: useJSON)
        case .json:
            throw Refusal("\(name) is a JSON file, not a Word form; \(notAForm)", advice: useJSON)
        case .reviewSheet:
            throw Refusal("\(name) is a returned review sheet, not a Word form; \(notAForm)",
                          advice: "run `bulletin inspect \(name)` to see the decisions it would apply")
        case .refused(let refusal):
            throw refusal
        }
    }
}
