import SystemFiles
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
    /// Set when the two looks of `InboxScan.settle` saw it change: it is still being written.
    public var changing: String? = nil
}

/// A file whose name is not valid UTF-8: it cannot be named in text, so intake quarantines it under its
/// escaped name.
public struct UndecodableName: Sendable {
    /// The name's bytes.
    public var bytes: [UInt8]
    /// The name with every byte that is not UTF-8 shown as `\xNN`.
    public var escaped: String
}

/// Scans the inbox: regular files, hidden files and Office lock files (`~$…`) left alone, files still being
/// written (modified within the settle time, or changing between two looks) deferred.
public struct InboxScan: Sendable {
    /// Files to process, by name.
    public var ready: [InboxFile]
    /// Files modified within the settle time, or seen changing, left for the next run.
    public var deferred: [InboxFile]
    /// Names left alone and why (hidden, lock file, folder).
    public var ignored: [(name: String, why: String)]
    /// Files whose names are not UTF-8.
    public var undecodable: [UndecodableName] = []

    /// Scans `folder` (one look).
    public static func scan(_ folder: URL, settleSeconds: Double, now: Date = Date()) throws -> InboxScan {
        var scan = InboxScan(ready: [], deferred: [], ignored: [])
        for raw in try names(folder) {
            guard let name = String(validating: raw, as: UTF8.self) else {
                if raw.first != UInt8(ascii: ".") { scan.undecodable.append(UndecodableName(bytes: raw, escaped: FileOps.escapedName(raw))) }
                continue
            }
            if name.hasPrefix(".") { continue }
            if name.hasPrefix("~$") || name.hasPrefix(".~lock.") {
                scan.ignored.append((name, "an Office lock file, left alone"))
                continue
            }
            let url = folder.appendingPathComponent(name)
            guard let look = FileLook.of(url.path) else { continue }  // gone since the listing
            guard look.isRegular else {
                scan.ignored.append((name, "not a regular file (a folder or link), left alone"))
                continue
            }
            let modified = Date(timeIntervalSince1970: Double(look.mtime.tv_sec) + Double(look.mtime.tv_nsec) / 1e9)
            let file = InboxFile(url: url, size: look.size, age: now.timeIntervalSince(modified), modified: modified)
            if file.age < settleSeconds { scan.deferred.append(file) } else { scan.ready.append(file) }
        }
        scan.ignored.sort { $0.name < $1.name }
        return scan
    }

    /// The second look (Camel's `readLock=changed`): looks at every ready file, calls `wait` (the settle
    /// interval; tests pass a closure that writes), looks again, and defers each file whose size, modification
    /// time, change time or inode moved in between. A copy tool that keeps an old modification time still
    /// changes the size and the change time.
    public func settled(wait: () -> Void) -> InboxScan {
        guard !ready.isEmpty else { return self }
        let first = ready.map { FileLook.of($0.url.path) }
        wait()
        var out = self
        out.ready = []
        for (file, look) in zip(ready, first) {
            let again = FileLook.of(file.url.path)
            if let look, let again, look == again {
                out.ready.append(file)
            } else if again != nil {
                var f = file
                f.changing = "it changed while intake looked at it twice (size \(look?.size ?? 0) → \(again?.size ?? 0) bytes): it is still being written"
                out.deferred.append(f)
            }
        }
        return out
    }

    /// Sleeps `seconds` (the production `wait` of `settled`).
    public static func sleep(_ seconds: Double) -> () -> Void {
        { if seconds > 0 { Thread.sleep(forTimeInterval: seconds) } }
    }

    /// The folder's entries as bytes, sorted (a name that is not UTF-8 is listed, not lost).
    static func names(_ folder: URL) throws -> [[UInt8]] { try RawFolder.names(folder) }

    /// The bytes of an entry of `folder` given by its raw name; nil when it cannot be read.
    public static func readRaw(_ bytes: [UInt8], in folder: URL) -> [UInt8]? { RawFolder.read(bytes, in: folder) }

    /// Renames an entry of `folder` given by its raw bytes to `target`, never overwriting.
    public static func moveRaw(_ bytes: [UInt8], in folder: URL, to target: URL) throws { try RawFolder.move(bytes, in: folder, to: target) }
}
