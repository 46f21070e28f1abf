import SystemFiles
import Foundation

/// The `audit` section of pipeline.json.
public struct AuditSettings: Sendable, Codable, Equatable {
    /// A file (relative to the configuration file's folder unless absolute, ideally on another disk or share)
    /// to which every run appends `<run id> <chain head>`: a copy of the head kept outside the outbox.
    public var headCopy: String?
    /// Creates settings.
    public init(headCopy: String? = nil) { self.headCopy = headCopy }
}

extension PipelineConfig {
    /// The settle interval between the two looks at inbox files.
    public var settleCheckSeconds: Double { intake.settleCheckSeconds ?? 1 }
    /// The longest title accepted.
    public var titleMaxCharacters: Int { validation.titleMaxCharacters ?? 200 }
    /// How many library backups are kept.
    public var backupKeep: Int { outputs.backupKeep ?? 14 }
    /// The backup folder, relative to the outbox.
    public var backupDir: String { outputs.backupDir ?? LibraryBackup.folderName }

    /// The modes of files and folders written, from `outputs.fileMode` and `outputs.folderMode`.
    public var fileModes: FileModes {
        FileModes(file: outputs.fileMode.flatMap(Self.octal) ?? FileModes.standard.file,
                  folder: outputs.folderMode.flatMap(Self.octal) ?? FileModes.standard.folder)
    }

    static func octal(_ s: String) -> mode_t? {
        guard !s.isEmpty, s.count <= 4, let v = mode_t(s, radix: 8), v <= 0o777 else { return nil }
        return v
    }

    /// Checks the audit trail's keys.
    func validateAuditSettings(file: String) throws {
        func fail(_ path: String, _ message: String) -> ConfigError { ConfigError(file: file, path: path, message: message) }
        for (key, value, least) in [("outputs.fileMode", outputs.fileMode, mode_t(0o600)), ("outputs.folderMode", outputs.folderMode, mode_t(0o700))] {
            guard let value else { continue }
            guard let mode = Self.octal(value) else { throw fail(key, "is \"\(value)\"; write the mode in octal as a string, e.g. \"0644\" or \"0640\"") }
            guard mode & least == least else { throw fail(key, "is \"\(value)\"; the owner needs at least \(String(least, radix: 8)) to work with what the run writes") }
            guard mode & 0o002 == 0 else { throw fail(key, "is \"\(value)\", writable by everyone; use e.g. \"0644\"/\"0755\" or \"0640\"/\"0750\"") }
        }
        if let keep = outputs.backupKeep, keep < 1 { throw fail("outputs.backupKeep", "is \(keep); keep at least 1 backup") }
        if let max = validation.titleMaxCharacters, max < validation.titleMinCharacters {
            throw fail("validation.titleMaxCharacters", "is \(max), below titleMinCharacters (\(validation.titleMinCharacters))")
        }
        if let s = intake.settleCheckSeconds, s < 0 || s > 600 { throw fail("intake.settleCheckSeconds", "is \(s); use 0 to 600 seconds") }
    }
}
