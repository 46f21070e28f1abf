/// One line of the audit log (`outbox/logs/<run>.jsonl`): a typed, versioned record for auditors.
/// Every record carries `schema` (the version of this format) and `type`.
public enum AuditRecord: Sendable, Encodable {
    case run(RunStart)
    case input(InputRecord)
    case output(OutputRecord)
    case summary(RunSummary)
    case failure(RunFailure)

    /// Version of the log format.
    public static let schema = 1

    /// The start of a run.
    public struct RunStart: Sendable, Encodable {
        public var run: String
        public var started: String
        public var today: String
        public var profile: String
        public var configFile: String
        public var configSHA256: String
        public var inbox: String
        public var outbox: String
    }

    /// What happened to one input file.
    public struct InputRecord: Sendable, Encodable {
        /// File name as dropped in the inbox.
        public var name: String
        public var sha256: String
        public var size: Int
        /// accepted, partial (some submissions refused), quarantined, deferred, duplicate (seen in an earlier run).
        public var outcome: String
        /// Where the file went (archive or quarantine path, relative to the outbox), "" when it stayed.
        public var movedTo: String
        /// Case ids made from it, in file order.
        public var cases: [CaseLink]
        /// Why it was refused, deferred, or what was noted (encoding, ignored columns).
        public var reasons: [String]
    }

    /// Which submission of a file became which case, and why the case got its labels.
    public struct CaseLink: Sendable, Encodable {
        public var index: Int
        public var location: String
        public var caseId: String
        /// added, or alreadyKnown (the same achievement had arrived before).
        public var status: String
        public var category: String
        public var level: String
        public var score: Double
        public var classified: Bool
    }

    /// One file the run wrote.
    public struct OutputRecord: Sendable, Encodable {
        /// Path relative to the outbox.
        public var path: String
        public var sha256: String
        /// What it is (bulletin, annual list …) and which cases went into it.
        public var kind: String
        public var cases: [String]
        /// What reviewers should know about it (e.g. fewer achievements than the quota).
        public var notes: [String] = []
    }

    /// Counts at the end.
    public struct RunSummary: Sendable, Encodable {
        public var finished: String
        public var files: Int
        public var accepted: Int
        public var partial: Int
        public var quarantined: Int
        public var deferred: Int
        public var duplicate: Int
        public var casesAdded: Int
        public var libraryCases: Int
        public var outputs: Int
    }

    /// Why a run stopped before its end (the records before it say what was done).
    public struct RunFailure: Sendable, Encodable {
        public var stage: String
        public var message: String
    }

    private enum Keys: String, CodingKey { case schema, type }

    /// Encodes as one flat object with `schema` and `type` first.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.schema, forKey: .schema)
        switch self {
        case .run(let r): try c.encode("run", forKey: .type); try r.encode(to: encoder)
        case .input(let r): try c.encode("input", forKey: .type); try r.encode(to: encoder)
        case .output(let r): try c.encode("output", forKey: .type); try r.encode(to: encoder)
        case .summary(let r): try c.encode("summary", forKey: .type); try r.encode(to: encoder)
        case .failure(let r): try c.encode("failure", forKey: .type); try r.encode(to: encoder)
        }
    }
}
