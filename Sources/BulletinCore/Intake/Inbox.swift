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
    /// The file as the listing saw it (size, modification and change times to the nanosecond, inode): later
    /// stages ask `isUnchanged(_:byteCount:)` of it rather than compare modification `Date`s, which the listing
    /// and Foundation's `attributesOfItem` round differently for about a third of all times.
    public var look: FileLook
    /// Set when the two looks of `InboxScan.settle` saw it change: it is still being written.
    public var changing: String? = nil
}

extension InboxFile {
    /// Whether the file, looked at again (`now`, nil when gone) after `byteCount` bytes of it were read, is the
    /// one the listing saw: the same size, modification and change times to the nanosecond, and inode (a file
    /// replaced by a rename is another inode). Exact integers, compared as the kernel gave them.
    public func isUnchanged(_ now: FileLook?, byteCount: Int) -> Bool {
        guard let now else { return false }
        return byteCount == size && now == look
    }
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
    /// Names left alone and why (Office lock files).
    public var ignored: [(name: String, why: String)]
    /// Entries that are not regular files (a folder, a symbolic link, a named pipe …), left in the inbox: each is
    /// recorded with what it is and what to do, never read (a named pipe would block the read) and never followed.
    public var notFiles: [NotAFile] = []
    /// Files whose names are not UTF-8.
    public var undecodable: [UndecodableName] = []

    /// An inbox entry that is not a regular file.
    public struct NotAFile: Sendable, Equatable {
        /// Its name in the inbox.
        public var name: String
        /// What it is, in words ("a folder", "a symbolic link", "a named pipe (FIFO)" …).
        public var kind: String
        /// Where a symbolic link points, as it is written.
        public var linkTarget: String?

        /// Creates the record of an entry.
        public init(name: String, kind: String, linkTarget: String?) {
            self.name = name
            self.kind = kind
            self.linkTarget = linkTarget
        }

        /// Why it was left in the inbox and what to do, for the log and the run's summary.
        public var reason: String {
            switch kind {
            case "a folder":
                return "it is a folder: the batch reads only the files placed directly in the inbox, never a folder inside it; it was left in the inbox. Move the files in it up into the inbox"
            case "a symbolic link":
                let target = linkTarget.map { " (to \($0))" } ?? ""
                return "it is a symbolic link\(target): links are not followed, so that every file the log records is one that was put in the inbox; it was left in the inbox. Copy the file itself into the inbox in its place"
            default:
                return "it is \(kind), not a file: it was not read (reading it could wait for ever) and was left in the inbox. Remove it and put the file itself in the inbox"
            }
        }
    }

    /// Scans `folder` (one look).
    public static func scan(_ folder: URL, settleSeconds: Double, now: Date = Date()) throws -> InboxScan {
        var scan = InboxScan(ready: [], deferred: [], ignored: [])
        for raw in try names(folder) {
            guard let name = String(validating: raw, as: UTF8.self) else {
                guard raw.first != UInt8(ascii: ".") else { continue }
                let escaped = FileOps.escapedName(raw)
                if let look = FileLook.of(rawPath: Array(folder.path.utf8) + [UInt8(ascii: "/")] + raw), !look.isRegular {
                    // Not a file either: left in place like any other entry that is not a file, under its escaped name.
                    scan.notFiles.append(NotAFile(name: escaped, kind: look.kind ?? "not a regular file", linkTarget: nil))
                } else {
                    scan.undecodable.append(UndecodableName(bytes: raw, escaped: escaped))
                }
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
                scan.notFiles.append(NotAFile(name: name, kind: look.kind ?? "not a regular file",
                                              linkTarget: look.isLink ? FileOps.linkTarget(url.path) : nil))
                continue
            }
            let modified = Date(timeIntervalSince1970: Double(look.mtime.tv_sec) + Double(look.mtime.tv_nsec) / 1e9)
            let file = InboxFile(url: url, size: look.size, age: now.timeIntervalSince(modified), look: look)
            if file.age < settleSeconds { scan.deferred.append(file) } else { scan.ready.append(file) }
        }
        scan.ignored.sort { $0.name < $1.name }
        scan.notFiles.sort { $0.name < $1.name }
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
