import Foundation

/// A submission that passed or failed validation, with its problems.
public struct CheckedSubmission: Sendable {
    /// The normalised submission.
    public var submission: Submission
    /// What is wrong with it (empty: valid).
    public var problems: [Problem]
    /// Whether it can be accepted.
    public var isValid: Bool { problems.isEmpty }
}

/// A scored submission: the case it becomes, or the problems that refuse it.
public struct ScoredSubmission: Sendable {
    /// The checked submission.
    public var checked: CheckedSubmission
    /// The assessment (also made for refused ones, so `inspect` can show it).
    public var assessment: Assessment
    /// The title's matching key (`titleKey(title:)`); the case id is issued when the run stores it.
    public var titleKey: String
}

/// The per-file work shared by `run` and `inspect`: extract, normalise, validate, score.
/// Each step is a pure function of its input, so files can be processed concurrently.
public struct SubmissionProcessor: Sendable {
    let config: PipelineConfig
    let readers: SubmissionReaders
    let normaliser: Normaliser
    let validator: Validator
    let scorer: Scorer
    let reviewSheets: ReviewSheetReader

    /// Builds the steps from the configuration (throws a ConfigError for bad scoring rules).
    public init(config: PipelineConfig) throws {
        self.config = config
        readers = SubmissionReaders(config: config)
        validator = Validator(config: config)
        normaliser = Normaliser(supervisors: SupervisorNames(config: config.supervisors))
        scorer = try Scorer(config: config.scoring, profile: config.profile)
        reviewSheets = ReviewSheetReader(config: config)
    }

    /// What kind of file this is (decided once; see `FileKind`).
    public func kind(of bytes: [UInt8], fileName: String) -> FileKind {
        FileKind.decide(fileName: fileName, bytes: bytes, reviewSheets: reviewSheets)
    }

    /// Reads every submission of a file; a Refusal for files that cannot be read.
    public func extract(bytes: [UInt8], fileName: String, kind: FileKind? = nil) throws -> Extraction {
        try readers.read(bytes: bytes, fileName: fileName, kind: kind ?? self.kind(of: bytes, fileName: fileName))
    }

    /// Normalises every value.
    public func normalise(_ s: Submission) -> Submission { normaliser.normalise(s) }

    /// Checks the form's rules.
    public func validate(_ s: Submission) -> CheckedSubmission {
        CheckedSubmission(submission: s, problems: validator.problems(of: s))
    }

    /// Scores a checked submission.
    public func score(_ c: CheckedSubmission) -> ScoredSubmission {
        ScoredSubmission(checked: c, assessment: scorer.assess(c.submission.fields, extras: c.submission.extras),
                         titleKey: Self.titleKey(title: c.submission[.title]))
    }

    /// Every step at once, for one file.
    public func process(bytes: [UInt8], fileName: String) throws -> (Extraction, [ScoredSubmission]) {
        let extraction = try extract(bytes: bytes, fileName: fileName)
        let scored = extraction.submissions.map { score(validate(normalise($0))) }
        return (extraction, scored)
    }

    /// The title's matching key: the same title, ignoring spaces, punctuation and width, gives the same key.
    /// One key for finding an achievement again, not its identity.
    public static func titleKey(title: String) -> String {
        let key = TextForm.halfWidthASCII(title).lowercased().unicodeScalars.filter {
            CharacterSet.letters.contains($0) || CharacterSet.decimalDigits.contains($0)
        }
        return "C" + Hashing.sha256(Array(String(String.UnicodeScalarView(key)).utf8)).prefix(12)
    }
}
