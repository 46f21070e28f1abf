import Crypto
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
        let half = TextForm.halfWidthASCII(title)
        return key(ofDigest: SHA256.hash(data: TitleKeyText.fastBytes(half) ?? TitleKeyText.bytes(half)))
    }

    /// "C" and the first twelve lower-case hex digits of a digest, written at once (the whole digest's hex, a
    /// prefix of it and a concatenation made three Strings a row): `"C" + Hashing.sha256(bytes).prefix(12)`.
    static func key(ofDigest digest: SHA256.Digest) -> String {
        digest.withUnsafeBytes { d in
            String(unsafeUninitializedCapacity: 13) { out in
                out[0] = UInt8(ascii: "C")
                for k in 0..<6 {
                    let b = d[k]
                    out[1 + 2 * k] = hexDigit(b >> 4)
                    out[2 + 2 * k] = hexDigit(b & 0x0F)
                }
                return 13
            }
        }
    }

    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }
}

/// The text a title's key hashes: the title lower-cased, keeping only letters and decimal digits.
enum TitleKeyText {
    /// The letters and digits of `s` lower-cased, as UTF-8: the definition, read with Foundation's character sets.
    static func bytes(_ s: String) -> [UInt8] {
        let letters = CharacterSet.letters, digits = CharacterSet.decimalDigits
        let key = s.lowercased().unicodeScalars.filter { letters.contains($0) || digits.contains($0) }
        return Array(String(String.UnicodeScalarView(key)).utf8)
    }

    /// The same bytes read straight from the UTF-8 of a title made of ASCII, CJK ideographs and common
    /// punctuation (most titles), with no character set looked up and no String made; nil when `s` holds any
    /// other character, for `bytes` to decide. ASCII letters are lower-cased and kept with digits, other ASCII
    /// dropped; ideographs (`keptIdeograph`) are letters without case and kept; the punctuation of `droppedPunctuation`
    /// is dropped. `TitleKeyTests` checks every scalar of these ranges against the character sets.
    static func fastBytes(_ s: String) -> [UInt8]? {
        var s = s
        return s.withUTF8 { b -> [UInt8]? in
            let n = b.count
            var out: [UInt8] = []
            out.reserveCapacity(n)
            var i = 0
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    if c >= 0x41 && c <= 0x5A { out.append(c | 0x20) } else if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) { out.append(c) }
                    i += 1
                    continue
                }
                guard c >= 0xE0 && c <= 0xEF, i + 2 < n else { return nil }
                let v = UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                if keptIdeograph(v) {
                    out.append(c); out.append(b[i + 1]); out.append(b[i + 2])
                } else if !droppedPunctuation(v) {
                    return nil
                }
                i += 3
            }
            return out
        }
    }

    /// CJK ideographs of Unicode 3.0 (the URO and extension A as first encoded): letters (Lo) with no case.
    static func keptIdeograph(_ v: UInt32) -> Bool {
        (0x4E00...0x9FA5).contains(v) || (0x3400...0x4DB5).contains(v)
    }

    /// CJK and general punctuation, half-width CJK brackets and full-width currency signs: neither letters nor digits.
    static func droppedPunctuation(_ v: UInt32) -> Bool {
        switch v {
        case 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F, 0x2010...0x2027, 0x2030...0x205E, 0xFF5F...0xFF65, 0xFFE0...0xFFE6: true
        default: false
        }
    }
}
