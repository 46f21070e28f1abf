import Foundation

/// A file found in the inbox, with what intake decided about it.
public struct InboxFile: Sendable {
    /// Where it is.
    public var url: URL
    /// Its name.
    public var name: String { url.lastPathComponent }
    /// Its size in bytes.
    public var size: Int
    /// Seconds since it was last modified.
    public var age: Double
    /// When it was last modified.
    public var modified: Date
}

/// Scans the inbox: regular files, hidden files and Office lock files (`~$…`) left alone, files still being
/// written (modified within the settle time) deferred.
public struct InboxScan: Sendable {
    /// Files to process, by name.
    public var ready: [InboxFile]
    /// Files modified within the settle time, left for the next run.
    public var deferred: [InboxFile]
    /// Names left alone and why (hidden, lock file, folder).
    public var ignored: [(name: String, why: String)]

    /// Scans `folder`.
    public static func scan(_ folder: URL, settleSeconds: Double, now: Date = Date()) throws -> InboxScan {
        let fm = FileManager.default
        var scan = InboxScan(ready: [], deferred: [], ignored: [])
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the inbox \(folder.path) cannot be read: \(error.localizedDescription); create it or pass --inbox"])
        }
        for name in names {
            if name.hasPrefix(".") { continue }
            if name.hasPrefix("~$") || name.hasPrefix(".~lock.") {
                scan.ignored.append((name, "an Office lock file, left alone"))
                continue
            }
            let url = folder.appendingPathComponent(name)
            let attributes = try fm.attributesOfItem(atPath: url.path)
            guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
                scan.ignored.append((name, "not a regular file (a folder or link), left alone"))
                continue
            }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let modified = (attributes[.modificationDate] as? Date) ?? now
            let file = InboxFile(url: url, size: size, age: now.timeIntervalSince(modified), modified: modified)
            if file.age < settleSeconds { scan.deferred.append(file) } else { scan.ready.append(file) }
        }
        return scan
    }
}
