import SystemFiles
import Foundation

/// Nightly backups of the case library: a consistent copy (`CaseLibrary.backup(to:)`) in `outbox/backup/` after each run,
/// the last `outputs.backupKeep` kept, so that a damaged library has a remedy the error can name.
public enum LibraryBackup {
    /// The default folder, under the outbox.
    public static let folderName = "backup"

    /// The backups in `folder`, oldest first (by modification time, then name).
    public static func backups(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let found = names.filter { $0.hasPrefix("library-") && $0.hasSuffix(".sqlite") }.map { name -> (URL, Double) in
            let url = folder.appendingPathComponent(name)
            let t = FileLook.of(url.path).map { Double($0.mtime.tv_sec) + Double($0.mtime.tv_nsec) / 1e9 } ?? 0
            return (url, t)
        }
        return found.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.lastPathComponent < $1.0.lastPathComponent }.map(\.0)
    }

    /// Backs `library` up into `folder` as `library-<run time>.sqlite` (written to a temporary name, then
    /// renamed), and removes the oldest beyond `keep`. Returns the backup and the removed ones.
    public static func make(_ library: CaseLibrary, into folder: URL, runId: String, keep: Int) throws -> (made: URL, removed: [URL]) {
        try FileOps.makeFolder(folder)
        let stamp = runId.hasPrefix("run-") ? String(runId.dropFirst(4)) : runId
        let target = FileOps.freeName(for: "library-\(stamp).sqlite", in: folder)
        let temp = folder.appendingPathComponent(".bulletin-\(UUID().uuidString).tmp")
        do {
            try library.backup(to: temp)
            try FileOps.setMode(temp, FileOps.modes.file)
            try FileOps.move(temp, to: target)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
        var removed: [URL] = []
        let all = backups(in: folder)
        for old in all.prefix(max(0, all.count - keep)) {
            try FileManager.default.removeItem(at: old)
            removed.append(old)
        }
        return (target, removed)
    }
}
