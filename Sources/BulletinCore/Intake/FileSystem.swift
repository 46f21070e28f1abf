import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File operations with the guarantees the batch promises: outputs appear atomically, inputs are moved,
/// never deleted, and never overwrite another file.
public enum FileOps {
    /// Writes `bytes` to `url` atomically: a temporary file in the same folder, then a rename.
    public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        try writeAtomically(to: url) { temp in
            try Data(bytes).write(to: temp)
        }
    }

    /// Calls `write` with a temporary path in the destination's folder, then renames it over `url`.
    public static func writeAtomically(to url: URL, _ write: (URL) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try write(temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                 NSLocalizedDescriptionKey: "cannot rename into \(url.path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// Moves `file` into `folder`, adding " (2)", " (3)" … before the extension if the name is taken.
    /// Returns where it went.
    @discardableResult
    public static func move(_ file: URL, into folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = freeName(for: file.lastPathComponent, in: folder)
        try FileManager.default.moveItem(at: file, to: target)
        return target
    }

    /// Copies `file` into `folder` under a free name. Returns where it went.
    @discardableResult
    public static func copy(_ file: URL, into folder: URL, name: String? = nil) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = freeName(for: name ?? file.lastPathComponent, in: folder)
        try FileManager.default.copyItem(at: file, to: target)
        return target
    }

    /// A name in `folder` not yet taken: `name`, or `stem (2).ext`, `stem (3).ext` …
    public static func freeName(for name: String, in folder: URL) -> URL {
        var candidate = folder.appendingPathComponent(name)
        let ext = (name as NSString).pathExtension
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        var n = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = folder.appendingPathComponent(ext.isEmpty ? "\(stem) (\(n))" : "\(stem) (\(n)).\(ext)")
            n += 1
        }
        return candidate
    }
}

/// An exclusive lock on the outbox, held for a whole run so that a second run exits at once.
public final class RunLock {
    private let fd: Int32
    /// Where the lock file is.
    public let path: String

    /// Why the lock could not be taken.
    public struct Busy: Error, CustomStringConvertible {
        public var path: String
        public var holder: String
        public var description: String {
            "another bulletin run holds the lock \(path)\(holder.isEmpty ? "" : " (\(holder))"); wait for it to finish, then run again"
        }
    }

    /// Takes the lock or throws `Busy` at once.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "cannot open the lock file \(path): \(String(cString: strerror(errno)))"])
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw Busy(path: path, holder: holder)
        }
        self.fd = fd
        let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
