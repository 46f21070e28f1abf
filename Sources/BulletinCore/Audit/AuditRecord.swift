/// One line of the audit log (`outbox/logs/<run>.jsonl`): a typed, versioned record for auditors.
/// Every record carries `schema` (the version of this format) and `type`; written in a chain (see
/// `ChainedRecord`), it also carries `seq` and `prev`. Codable both ways: what is written can be read back.
public enum AuditRecord: Sendable, Codable, Equatable {
    case run(RunStart)
    case input(InputRecord)
    case output(OutputRecord)
    case summary(RunSummary)
    case failure(RunFailure)

    /// Version of the log format: 1 (a log written at the end of the run, no chain); 2 (appended as the run
    /// goes, each record chained to the one before by `seq` and `prev`, outcome `recovered`, output records
    /// for reason files and refused rows, the previous run named in the run record).
    public static let schema = 2

    /// The start of a run.
    public struct RunStart: Sendable, Codable, Equatable {
        public var run: String
        public var started: String
        public var today: String
        public var profile: String
        public var configFile: String
        public var configSHA256: String
        public var inbox: String
        public var outbox: String
        /// The run before this one (schema 2; "" for the first run of a chain).
        public var previousRun: String?
        /// That run's log, relative to the outbox (schema 2).
        public var previousLog: String?
        /// What the run found about the chain when it started (e.g. a previous run that was killed).
        public var notes: [String]?
        /// Creates a run record.
        public init(run: String, started: String, today: String, profile: String, configFile: String, configSHA256: String,
                    inbox: String, outbox: String, previousRun: String? = nil, previousLog: String? = nil, notes: [String]? = nil) {
            self.run = run
            self.started = started
            self.today = today
            self.profile = profile
            self.configFile = configFile
            self.configSHA256 = configSHA256
            self.inbox = inbox
            self.outbox = outbox
            self.previousRun = previousRun
            self.previousLog = previousLog
            self.notes = notes
        }
    }

    /// What happened to one input file.
    public struct InputRecord: Sendable, Codable, Equatable {
        /// File name as dropped in the inbox (a name that is not UTF-8 is shown escaped, `\xE9`).
        public var name: String
        public var sha256: String
        public var size: Int
        /// accepted, partial (some submissions refused), quarantined, deferred, duplicate (seen in an earlier
        /// run or earlier in this one), recovered (found moved with no record: a run stopped in between),
        /// interrupted (a stopped run recorded it but did not move it; it is taken up again).
        public var outcome: String
        /// Where the file went (archive or quarantine path, relative to the outbox), "" when it stayed.
        public var movedTo: String
        /// Case ids made from it, in file order.
        public var cases: [CaseLink]
        /// Why it was refused, deferred, or what was noted (encoding, ignored columns).
        public var reasons: [String]
        /// For outcome `interrupted`: where a stopped run had recorded the file as going, though it never moved.
        public var notMovedTo: String?
        /// Creates an input record.
        public init(name: String, sha256: String, size: Int, outcome: String, movedTo: String, cases: [CaseLink], reasons: [String]) {
            self.name = name
            self.sha256 = sha256
            self.size = size
            self.outcome = outcome
            self.movedTo = movedTo
            self.cases = cases
            self.reasons = reasons
        }
    }

    /// Which submission of a file became which case, and why the case got its labels.
    public struct CaseLink: Sendable, Codable, Equatable {
        public var index: Int
        public var location: String
        public var caseId: String
        /// added, or alreadyKnown (the same achievement had arrived before).
        public var status: String
        public var category: String
        public var level: String
        public var score: Double
        public var classified: Bool
        /// Creates a link.
        public init(index: Int, location: String, caseId: String, status: String, category: String, level: String, score: Double, classified: Bool) {
            self.index = index
            self.location = location
            self.caseId = caseId
            self.status = status
            self.category = category
            self.level = level
            self.score = score
            self.classified = classified
        }
    }

    /// One file the run wrote: a document, a sheet, a reason file, the refused rows of a file.
    public struct OutputRecord: Sendable, Codable, Equatable {
        /// Path relative to the outbox.
        public var path: String
        /// The sha256 of the bytes published under `path`; "" when nothing is there (a stopped run never
        /// published it).
        public var sha256: String
        /// What it is (bulletin, annual list, reason …) and which cases went into it.
        public var kind: String
        public var cases: [String]
        /// What reviewers should know about it (e.g. fewer achievements than the quota).
        public var notes: [String] = []
        /// Creates an output record.
        public init(path: String, sha256: String, kind: String, cases: [String], notes: [String] = []) {
            self.path = path
            self.sha256 = sha256
            self.kind = kind
            self.cases = cases
            self.notes = notes
        }
        private enum CodingKeys: String, CodingKey { case path, sha256, kind, cases, notes }
        /// Decodes; `notes` may be absent.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            path = try c.decode(String.self, forKey: .path)
            sha256 = try c.decode(String.self, forKey: .sha256)
            kind = try c.decode(String.self, forKey: .kind)
            cases = try c.decode([String].self, forKey: .cases)
            notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        }
    }

    /// Counts at the end.
    public struct RunSummary: Sendable, Codable, Equatable {
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
        /// Files found moved with no record, recorded at the start of this run (schema 2).
        public var recovered: Int?
        /// Creates a summary.
        public init(finished: String, files: Int, accepted: Int, partial: Int, quarantined: Int, deferred: Int, duplicate: Int,
                    casesAdded: Int, libraryCases: Int, outputs: Int, recovered: Int? = nil) {
            self.finished = finished
            self.files = files
            self.accepted = accepted
            self.partial = partial
            self.quarantined = quarantined
            self.deferred = deferred
            self.duplicate = duplicate
            self.casesAdded = casesAdded
            self.libraryCases = libraryCases
            self.outputs = outputs
            self.recovered = recovered
        }
    }

    /// Why a run stopped before its end (the records before it say what was done).
    public struct RunFailure: Sendable, Codable, Equatable {
        public var stage: String
        public var message: String
        /// Creates a failure record.
        public init(stage: String, message: String) {
            self.stage = stage
            self.message = message
        }
    }

    /// The record's `type`.
    public var type: String {
        switch self {
        case .run: "run"
        case .input: "input"
        case .output: "output"
        case .summary: "summary"
        case .failure: "failure"
        }
    }

    private enum Keys: String, CodingKey { case schema, type }

    /// Encodes as one flat object with `schema` and `type` beside the record's own keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.schema, forKey: .schema)
        try c.encode(type, forKey: .type)
        switch self {
        case .run(let r): try r.encode(to: encoder)
        case .input(let r): try r.encode(to: encoder)
        case .output(let r): try r.encode(to: encoder)
        case .summary(let r): try r.encode(to: encoder)
        case .failure(let r): try r.encode(to: encoder)
        }
    }

    /// Decodes a record of schema 1 or 2 by its `type`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let schema = try c.decode(Int.self, forKey: .schema)
        guard (1...Self.schema).contains(schema) else {
            throw DecodingError.dataCorruptedError(forKey: .schema, in: c, debugDescription: "schema \(schema) is newer than this bulletin reads (\(Self.schema))")
        }
        switch try c.decode(String.self, forKey: .type) {
        case "run": self = .run(try RunStart(from: decoder))
        case "input": self = .input(try InputRecord(from: decoder))
        case "output": self = .output(try OutputRecord(from: decoder))
        case "summary": self = .summary(try RunSummary(from: decoder))
        case "failure": self = .failure(try RunFailure(from: decoder))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown record type \"\(other)\"")
        }
    }
}

/// A record as it stands in a chained log: its number in the run (`seq`, from 1) and the sha256 of the record
/// before it (`prev`: the previous line of this log, or for a run's first record the last record of the run
/// before; "" at the start of the chain). A record's own hash is the sha256 of its line's bytes.
public struct ChainedRecord: Sendable, Codable, Equatable {
    /// 1-based position in its run's log (nil in schema-1 logs).
    public var seq: Int?
    /// The sha256 of the record before (nil in schema-1 logs).
    public var prev: String?
    /// The record.
    public var record: AuditRecord

    /// Creates a chained record.
    public init(seq: Int?, prev: String?, record: AuditRecord) {
        self.seq = seq
        self.prev = prev
        self.record = record
    }

    private enum Keys: String, CodingKey { case seq, prev }

    /// Encodes flat: `seq` and `prev` beside the record's keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeIfPresent(seq, forKey: .seq)
        try c.encodeIfPresent(prev, forKey: .prev)
        try record.encode(to: encoder)
    }

    /// Decodes a line of schema 1 (no chain) or 2.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        seq = try c.decodeIfPresent(Int.self, forKey: .seq)
        prev = try c.decodeIfPresent(String.self, forKey: .prev)
        record = try AuditRecord(from: decoder)
    }
}
