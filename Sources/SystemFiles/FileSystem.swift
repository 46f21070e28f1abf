import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The permissions everything a run writes gets, whatever the umask (`outputs.fileMode`, `outputs.folderMode`).
public struct FileModes: Sendable, Equatable {
    /// Files: documents, sheets, logs, reason files, moved and copied inputs, the library and its backups.
    public var file: mode_t
    /// Folders the run creates.
    public var folder: mode_t
    /// 0644 and 0755.
    public static let standard = FileModes(file: 0o644, folder: 0o755)
    /// Creates modes.
    public init(file: mode_t, folder: mode_t) {
        self.file = file
        self.folder = folder
    }
}

/// File operations with the guarantees the batch promises: outputs appear atomically with explicit modes,
/// inputs are moved, never deleted, never overwrite another file, and no name derived from an input's name
/// grows past 255 bytes.
public enum FileOps {
    /// The longest file name (in bytes) Linux file systems take.
    public static let maxNameBytes = 255

    private final class ModeBox: @unchecked Sendable {
        let lock = NSLock()
        var modes = FileModes.standard
    }
    private static let box = ModeBox()

    /// The modes given to what is written from now on (process-wide, like the umask it replaces; set once by a
    /// run from pipeline.json).
    public static var modes: FileModes {
        get { box.lock.withLock { box.modes } }
        set { box.lock.withLock { box.modes = newValue } }
    }

    /// Writes `bytes` to `url` atomically: a temporary file in the same folder, then a rename.
    public static func writeAtomically(_ bytes: [UInt8], to url: URL, beforeRename: (URL) throws -> Void = { _ in }) throws {
        try writeAtomically(to: url, { temp in try Data(bytes).write(to: temp) }, beforeRename: beforeRename)
    }

    /// Calls `write` with a temporary path in the destination's folder, gives the file its mode, flushes it,
    /// calls `beforeRename` (the audit log records the output there), then renames it over `url`.
    public static func writeAtomically(to url: URL, _ write: (URL) throws -> Void, beforeRename: (URL) throws -> Void = { _ in }) throws {
        let folder = url.deletingLastPathComponent()
        try makeFolder(folder)
        // A short temporary name: one derived from a long file name could pass 255 bytes.
        let temp = folder.appendingPathComponent(".bulletin-\(UUID().uuidString).tmp")
        do {
            try write(temp)
            try setMode(temp, modes.file)
            try flush(temp)
            try beforeRename(temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                 NSLocalizedDescriptionKey: "cannot rename into \(url.path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// Creates `folder` and any missing parents, each with the folder mode.
    public static func makeFolder(_ folder: URL) throws {
        var missing: [URL] = []
        var f = folder.standardizedFileURL
        var isDir: ObjCBool = false
        while !FileManager.default.fileExists(atPath: f.path, isDirectory: &isDir), f.path != "/" {
            missing.append(f)
            f = f.deletingLastPathComponent()
        }
        for m in missing.reversed() {
            if mkdir(m.path, 0o700) != 0 && errno != EEXIST {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: m.path,
                                 NSLocalizedDescriptionKey: "cannot create the folder \(m.path): \(String(cString: strerror(errno)))"])
            }
            try setMode(m, modes.folder)
        }
    }

    /// Sets `url`'s permission bits.
    public static func setMode(_ url: URL, _ mode: mode_t) throws {
        if chmod(url.path, mode) != 0 {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path,
                             NSLocalizedDescriptionKey: "cannot set the mode of \(url.path): \(String(cString: strerror(errno)))"])
        }
    }

    /// Flushes a file's bytes to the disk.
    static func flush(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = fsync(fd)
    }

    /// Flushes a folder's entries (after a file was created, moved or renamed in it).
    public static func flushFolder(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Moves `file` into `folder`, adding " (2)", " (3)" … before the extension if the name is taken.
    /// Returns where it went.
    @discardableResult
    public static func move(_ file: URL, into folder: URL) throws -> URL {
        try makeFolder(folder)
        let target = freeName(for: file.lastPathComponent, in: folder)
        try move(file, to: target)
        return target
    }

    /// Moves `file` to `target` (which must not exist: a taken name is never overwritten), with the file mode.
    public static func move(_ file: URL, to target: URL) throws {
        try makeFolder(target.deletingLastPathComponent())
        try FileManager.default.moveItem(at: file, to: target)
        try setMode(target, modes.file)
        flushFolder(target.deletingLastPathComponent())
    }

    /// Copies `file` into `folder` under a free name, with the file mode. Returns where it went.
    @discardableResult
    public static func copy(_ file: URL, into folder: URL, name: String? = nil) throws -> URL {
        try makeFolder(folder)
        let target = freeName(for: name ?? file.lastPathComponent, in: folder)
        try FileManager.default.copyItem(at: file, to: target)
        try setMode(target, modes.file)
        return target
    }

    /// A name in `folder` not yet taken: `name`, or `stem (2).ext`, `stem (3).ext` …, each shortened to fit
    /// 255 bytes.
    public static func freeName(for name: String, in folder: URL) -> URL {
        let ext = (name as NSString).pathExtension
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        let dotExt = ext.isEmpty ? "" : ".\(ext)"
        var candidate = folder.appendingPathComponent(fit(stem, reserving: dotExt.utf8.count) + dotExt)
        var n = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            let tail = " (\(n))" + dotExt
            candidate = folder.appendingPathComponent(fit(stem, reserving: tail.utf8.count) + tail)
            n += 1
        }
        return candidate
    }

    /// `name` plus `suffix` (e.g. ".reason.txt"), the name shortened (whole characters, keeping its
    /// extension when it can) so that the whole fits 255 bytes.
    public static func derivedName(_ name: String, suffix: String) -> String {
        if name.utf8.count + suffix.utf8.count <= maxNameBytes { return name + suffix }
        let ext = (name as NSString).pathExtension
        let keep = ext.isEmpty || ext.utf8.count > 16 ? "" : ".\(ext)"
        let stem = keep.isEmpty ? name : String(name.dropLast(ext.count + 1))
        return fit(stem, reserving: keep.utf8.count + suffix.utf8.count + 3) + "…" + keep + suffix
    }

    /// The longest prefix of `s`, in whole characters, that leaves `reserving` bytes of a 255-byte name.
    static func fit(_ s: String, reserving: Int) -> String {
        let budget = max(1, maxNameBytes - reserving)
        if s.utf8.count <= budget { return s }
        var out = ""
        var used = 0
        for c in s {
            let n = c.utf8.count
            if used + n > budget { break }
            out.append(c)
            used += n
        }
        return out
    }

    /// A file name's bytes as text: valid UTF-8 kept, every other byte shown as `\xNN`.
    public static func escapedName(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0
            if length > 0, i + length <= bytes.count, let s = String(validating: bytes[i..<(i + length)], as: UTF8.self) {
                out += s == "\\" ? "\\\\" : s
                i += length
            } else {
                out += "\\x" + String(format: "%02X", lead)
                i += 1
            }
        }
        return out
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
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, FileOps.modes.file)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "cannot open the lock file \(path): \(String(cString: strerror(errno)))"])
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw Busy(path: path, holder: holder)
        }
        self.fd = fd
        _ = fchmod(fd, FileOps.modes.file)
        let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
