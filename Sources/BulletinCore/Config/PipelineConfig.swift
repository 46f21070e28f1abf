import Foundation

/// The whole configuration, decoded from pipeline.json. Every section is documented in the README.
public struct PipelineConfig: Sendable, Codable, Equatable {
    /// Schema version of the file (1).
    public var version: Int
    /// Rule profile: "sichuan" (default) or "zhejiang".
    public var profile: String
    /// Folders and the library, relative to the configuration file's folder unless absolute.
    public var paths: Paths
    /// Intake: settle time and file size limit.
    public var intake: Intake
    /// Limits that keep hostile files bounded in time and memory.
    public var limits: Limits
    /// The form's labels and aliases, by field.
    public var fields: [String: FieldLabels]
    /// Labels of the optional rows (是否涉密, 成果类别, 技术水平, 所属产业), by optional field.
    public var optionalFields: [String: FieldLabels]
    /// Words that stand for each other in labels (出处 for 来源, 机构 for 单位), in groups: a label typed with one word
    /// swapped for another of its group is taken for the known label (`LabelMatcher.closest`). Optional.
    public var labelSynonyms: [[String]]?
    /// Validation thresholds.
    public var validation: Validation
    /// The cities and prefectures whose S&T bureaus supervise submissions, for canonical names.
    public var supervisors: Supervisors?
    /// Scoring rules, weights and vocabularies.
    public var scoring: ScoringConfig
    /// Calendar: cut-off day and time zone.
    public var calendar: Calendar
    /// How many achievements each document holds.
    public var quotas: Quotas
    /// What the rendered documents say and where they go.
    public var outputs: Outputs
    /// The match step's thresholds and weights (optional; every key has a default, see docs/matching.md).
    public var match: MatchSettings?
    /// The review process of each profile (`process.sichuan`, `process.zhejiang`); the active profile's is used.
    public var process: [String: ProcessConfig]

    /// The active profile's review process.
    public var activeProcess: ProcessConfig { process[profile] ?? ProcessConfig(steps: []) }
    /// The audit trail: where else the chain head is copied (optional; see `AuditSettings`).
    public var audit: AuditSettings?

    /// Folders.
    public struct Paths: Sendable, Codable, Equatable {
        public var inbox: String
        public var outbox: String
        /// The case library database, relative to the outbox.
        public var library: String
    }

    /// Intake settings.
    public struct Intake: Sendable, Codable, Equatable {
        /// A file modified less than this many seconds ago is deferred to the next run.
        public var settleSeconds: Double
        /// Files larger than this are refused.
        public var maxFileBytes: Int
        /// Sheets of an .xlsx to read, by name; absent or empty: the first visible sheet.
        public var xlsxSheets: [String]?
        /// How many files are read at once (default 2: this machine's cores).
        public var concurrency: Int?
        /// The affiliated institutes whose submissions are 主动收集 (default: the four DOMAIN.md names).
        public var activeCollectors: [String]?
        /// Seconds between the two looks at each file's size and times (default 1; 0 looks twice at once).
        public var settleCheckSeconds: Double?
    }

    /// Hostile-input limits.
    public struct Limits: Sendable, Codable, Equatable {
        public var zipMaxEntries: Int
        public var zipMaxEntryBytes: Int
        public var zipMaxTotalBytes: Int
        public var zipMaxRatio: Double
        public var xmlMaxDepth: Int
    }

    /// A field's label on the form and the other ways people write it.
    public struct FieldLabels: Sendable, Codable, Equatable {
        public var label: String
        public var aliases: [String]
        public var required: Bool?
    }

    /// Validation thresholds.
    public struct Validation: Sendable, Codable, Equatable {
        /// Longest summary, in characters.
        public var summaryMaxCharacters: Int
        /// Shortest title, in characters.
        public var titleMinCharacters: Int
        /// Longest title, in characters (default 200).
        public var titleMaxCharacters: Int?
    }

    /// Supervising bureaus: the province's cities and prefectures and the ways people write them.
    public struct Supervisors: Sendable, Codable, Equatable {
        /// One city or prefecture: its full name and short forms (成都, 凉山州 …).
        public struct City: Sendable, Codable, Equatable {
            public var name: String
            public var aliases: [String]
        }
        public var cities: [City]
        /// The canonical ending of a bureau's name (科技局).
        public var bureauName: String?
        /// Endings that mark a city's S&T bureau (科学技术局, 科技局).
        public var bureauWords: [String]?
    }

    /// Calendar.
    public struct Calendar: Sendable, Codable, Equatable {
        /// Submissions received after this day of month M belong to month M+1.
        public var cutoffDay: Int
        /// IANA time zone for dates.
        public var timeZone: String
    }

    /// Quotas.
    public struct Quotas: Sendable, Codable, Equatable {
        public var bulletinMin: Int
        public var bulletinMax: Int
        public var annual: Int
        /// Achievements in the quarterly release shortlist (default 6).
        public var quarterly: Int?
    }

    /// Output documents.
    public struct Outputs: Sendable, Codable, Equatable {
        /// 创新驱动要参
        public var publication: String
        /// 四川省科学技术厅
        public var issuer: String
        /// A brand line above the masthead (浙里好成果·成果月报), if any.
        public var brand: String?
        /// The distribution (报送/抄送) printed in the 版记 at the end of a bulletin, if any.
        public var distribution: String?
        /// The running number (总第N期) of the first issue the library ever makes.
        public var firstTotalIssue: Int
        public var bulletinDir: String
        public var annualDir: String
        public var logsDir: String
        public var archiveDir: String
        public var quarantineDir: String
        /// Folder of the statistics tables (default "stats").
        public var statsDir: String?
        /// Folder of the review sheets (default "review").
        public var reviewDir: String?
        /// Folder of the release feed of approved achievements (default "release").
        public var releaseDir: String?
        /// Mode of every file written, octal as a string (default "0644"), whatever the umask.
        public var fileMode: String?
        /// Mode of every folder created (default "0755").
        public var folderMode: String?
        /// Folder of the nightly library backups (default "backup").
        public var backupDir: String?
        /// How many library backups to keep (default 14).
        public var backupKeep: Int?
    }
}

/// A configuration error, with the path in the file where it is.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    /// The configuration file.
    public var file: String
    /// JSON path inside it, like `scoring.levels[2].phrases`.
    public var path: String
    /// What is wrong and what to do.
    public var message: String
    /// A sentence a person can read.
    public var description: String { "\(file): \(path.isEmpty ? "" : "at \(path): ")\(message)" }
}

extension PipelineConfig {
    /// Loads and validates pipeline.json. `scoring` false leaves the scoring section decoded but not validated (its
    /// rules not compiled): for a command that scores nothing (`inspect --text`), which needs ~50 M instructions less.
    public static func load(from url: URL, scoring: Bool = true) throws -> PipelineConfig {
        let file = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError(file: file, path: "", message: "cannot be read (\(error.localizedDescription)); pass --config with the path of pipeline.json")
        }
        var config: PipelineConfig
        do {
            config = try decode(try decodableJSON(data, file: file))
        } catch let DecodingError.keyNotFound(key, context) {
            throw ConfigError(file: file, path: Self.path(context.codingPath + [key]), message: "is missing")
        } catch let DecodingError.typeMismatch(type, context) {
            throw ConfigError(file: file, path: Self.path(context.codingPath), message: "should be \(type): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(type, context) {
            throw ConfigError(file: file, path: Self.path(context.codingPath), message: "should be \(type), found null")
        } catch let DecodingError.dataCorrupted(context) {
            throw ConfigError(file: file, path: Self.path(context.codingPath), message: "is not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
        }
        config.scoring.directory = url.deletingLastPathComponent()
        config.scoring.configFile = file
        try config.validate(file: file, scoring: scoring)
        return config
    }

    /// Decodes the configuration as `JSONDecoder` does, its `scoring` section read by `ScoringSectionReader` when the
    /// reader is sure of it (the decoder then reads the rest of the file, the section's bytes replaced by `{}`); else
    /// by the decoder alone, whose errors `load` reports.
    static func decode(_ json: Data) throws -> PipelineConfig {
        let decoder = JSONDecoder()
        guard let (scoring, rest) = ScoringSectionReader.read(json) else {
            return try decoder.decode(PipelineConfig.self, from: json)
        }
        decoder.userInfo[ScoringSectionReader.userInfoKey] = ScoringSectionReader.Prepared(config: scoring)
        return try decoder.decode(PipelineConfig.self, from: rest)
    }

    /// The configuration with the active profile's preset laid over it (`ProfilePresets`), as JSON, and the
    /// source of each setting.
    public static func effectiveJSON(_ data: Data, file: String) throws -> (data: Data, sources: [String: String]) {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ConfigError(file: file, path: "", message: "is not a JSON object; check the file's syntax (a missing comma or quote)")
        }
        let (merged, sources) = ProfilePresets.effective(root)
        return (try JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys]), sources)
    }

    /// The JSON `load` decodes: the file's own bytes when no profile preset applies (the active profile has no
    /// section under `profiles`, as for the default sichuan profile), which the decoder reads as it would the
    /// re-written effective JSON (`profiles` is no setting); else the effective JSON. Writing 164 KB of JSON back
    /// through JSONSerialization cost two thirds of every command's start-up.
    static func decodableJSON(_ data: Data, file: String) throws -> Data {
        // The same answer read from the bytes without building the whole tree, when the scan is sure.
        if ConfigHead.isPlain(data) { return data }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ConfigError(file: file, path: "", message: "is not a JSON object; check the file's syntax (a missing comma or quote)")
        }
        let profile = root["profile"] as? String ?? "sichuan"
        // UTF-8 text starting with `{` (no byte-order mark, no UTF-16): what the decoder reads as JSONSerialization did.
        let plain = data.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
        if plain, (root["profiles"] as? [String: Any])?[profile] as? [String: Any] == nil { return data }
        return try effectiveJSON(data, file: file).data
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += out.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return out
    }

    /// Checks values a decoder cannot: known fields and profiles, positive limits, sane quotas, rule names (the
    /// scoring section unless `scoring` is false).
    public func validate(file: String, scoring validatingScoring: Bool = true) throws {
        func fail(_ path: String, _ message: String) -> ConfigError { ConfigError(file: file, path: path, message: message) }
        guard version == 1 else { throw fail("version", "is \(version); this bulletin understands version 1") }
        guard ["sichuan", "zhejiang"].contains(profile) else { throw fail("profile", "is \"\(profile)\"; use \"sichuan\" or \"zhejiang\"") }
        for key in fields.keys where Field(rawValue: key) == nil {
            throw fail("fields.\(key)", "is not a form field; known: \(Field.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for f in Field.allCases where fields[f.rawValue] == nil {
            throw fail("fields.\(f.rawValue)", "is missing; every form field needs its label")
        }
        for key in optionalFields.keys where OptionalField(rawValue: key) == nil {
            throw fail("optionalFields.\(key)", "is not an optional field; known: \(OptionalField.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try validateLabelSynonyms(file: file)
        guard intake.settleSeconds >= 0 else { throw fail("intake.settleSeconds", "must be 0 or more") }
        guard intake.maxFileBytes > 0 else { throw fail("intake.maxFileBytes", "must be positive") }
        guard limits.zipMaxEntries > 0, limits.zipMaxEntryBytes > 0, limits.zipMaxTotalBytes > 0, limits.zipMaxRatio > 1,
              limits.xmlMaxDepth > 8 else { throw fail("limits", "every limit must be positive (zipMaxRatio above 1, xmlMaxDepth above 8)") }
        guard validation.summaryMaxCharacters > 0 else { throw fail("validation.summaryMaxCharacters", "must be positive") }
        guard (1...28).contains(calendar.cutoffDay) else { throw fail("calendar.cutoffDay", "is \(calendar.cutoffDay); use a day from 1 to 28") }
        if let n = intake.concurrency, !(1...64).contains(n) { throw fail("intake.concurrency", "is \(n); use 1 to 64 files at once") }
        guard TimeZone(identifier: calendar.timeZone) != nil else { throw fail("calendar.timeZone", "\"\(calendar.timeZone)\" is not a time zone; use e.g. Asia/Shanghai") }
        guard quotas.bulletinMin >= 0, quotas.bulletinMax >= max(quotas.bulletinMin, 1), quotas.annual > 0 else {
            throw fail("quotas", "need 0 ≤ bulletinMin ≤ bulletinMax, bulletinMax ≥ 1 and annual ≥ 1")
        }
        guard let active = process[profile] else {
            throw fail("process.\(profile)", "is missing; the active profile needs its review steps")
        }
        try active.validate(file: file, profile: profile)
        if let problem = match?.problems().first {
            throw fail("match", problem)
        }
        if validatingScoring { try scoring.validate(file: file) }
        try validateAuditSettings(file: file)
    }
}

extension PipelineConfig {
    /// Longest word of a `labelSynonyms` group, in characters.
    static let labelSynonymMaxCharacters = 8

    /// Checks `labelSynonyms`: each group two or more different words, each word 2 to 8 characters with no spaces,
    /// colons, asterisks or brackets (a word is matched inside a label's stem, which has none); a one-character word
    /// would be found inside too many labels and values.
    func validateLabelSynonyms(file: String) throws {
        guard let groups = labelSynonyms else { return }
        for (i, group) in groups.enumerated() {
            guard group.count >= 2 else {
                throw ConfigError(file: file, path: "labelSynonyms[\(i)]", message: "has \(group.count) word(s); a group lists two or more words that stand for each other in labels, e.g. [\"来源\", \"出处\"]")
            }
            var seen = Set<String>()
            for (j, word) in group.enumerated() {
                let path = "labelSynonyms[\(i)][\(j)]"
                guard TextForm.labelStem(word) == word, !word.contains(where: \.isWhitespace), !word.contains(where: { "()[]（）【】:：*＊".contains($0) }) else {
                    throw ConfigError(file: file, path: path, message: "is \"\(word)\"; a word has no spaces, colons, asterisks, brackets or full-width letters and digits (it is matched inside a label as the matcher normalises it)")
                }
                guard (2...Self.labelSynonymMaxCharacters).contains(word.count) else {
                    throw ConfigError(file: file, path: path, message: "is \"\(word)\" (\(word.count) character(s)); a word has 2 to \(Self.labelSynonymMaxCharacters) characters (a single character is found inside too many labels and values)")
                }
                guard seen.insert(word).inserted else {
                    throw ConfigError(file: file, path: path, message: "repeats \"\(word)\" in its group; list each word once")
                }
            }
        }
    }
}
