import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one look at a file saw: a change of any part between two looks means it is still being written.
public struct FileLook: Equatable, Sendable {
    public var size: Int
    public var mtime: timespec
    public var ctime: timespec
    public var inode: UInt64
    public var isRegular: Bool
    public var isFolder: Bool
    /// Whether it is a symbolic link (looked at, not followed).
    public var isLink: Bool
    /// What it is when it is not a regular file, in words for a message ("a folder", "a symbolic link", "a named
    /// pipe (FIFO)" …); nil for a regular file.
    public var kind: String?

    public static func == (a: FileLook, b: FileLook) -> Bool {
        a.size == b.size && a.mtime.tv_sec == b.mtime.tv_sec && a.mtime.tv_nsec == b.mtime.tv_nsec
            && a.ctime.tv_sec == b.ctime.tv_sec && a.ctime.tv_nsec == b.ctime.tv_nsec && a.inode == b.inode
    }

    /// lstat of `path` (a link is looked at, not followed); nil when it is gone.
    public static func of(_ path: String) -> FileLook? {
        of(rawPath: Array(path.utf8))
    }

    /// lstat of the path given by its raw bytes (a name that is not UTF-8 can be looked at); nil when it is gone.
    public static func of(rawPath: [UInt8]) -> FileLook? {
        var st = stat()
        let found = (rawPath + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars -> Bool in
                guard let base = chars.baseAddress else { return false }
                return lstat(base, &st) == 0
            }
        }
        guard found else { return nil }
        let type = st.st_mode & S_IFMT
        return FileLook(size: Int(st.st_size), mtime: st.st_mtim, ctime: st.st_ctim, inode: UInt64(st.st_ino),
                        isRegular: type == S_IFREG, isFolder: type == S_IFDIR, isLink: type == S_IFLNK, kind: FileOps.kind(mode: st.st_mode))
    }
}

/// A folder's entries by their raw name bytes, so a name that is not valid UTF-8 can be listed, read and
/// moved rather than lost.
public enum RawFolder {
    /// The folder's entries as bytes, sorted (readdir: a name that is not UTF-8 is listed, not lost).
    public static func names(_ folder: URL) throws -> [[UInt8]] {
        guard let dir = opendir(folder.path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the inbox \(folder.path) cannot be read: \(String(cString: strerror(errno))); create it or pass --inbox"])
        }
        defer { closedir(dir) }
        var out: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            out.append(name)
        }
        return out.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The bytes of an entry of `folder` given by its raw name; nil when it cannot be read, is not a regular file
    /// (opened without blocking, so a named pipe put there never stalls the run) or changes size while it is read.
    public static func read(_ bytes: [UInt8], in folder: URL) -> [UInt8]? {
        FileOps.readRegularFile(rawPath: Array(folder.path.utf8) + [UInt8(ascii: "/")] + bytes)
    }

    /// Renames an entry of `folder` given by its raw bytes to `target`, never overwriting.
    public static func move(_ bytes: [UInt8], in folder: URL, to target: URL) throws {
        try FileOps.makeFolder(target.deletingLastPathComponent())
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: target.path])
        }
        let source = Array(folder.path.utf8) + [UInt8(ascii: "/")] + bytes + [0]
        let ok = source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else { return false }
                return rename(base, target.path) == 0
            }
        }
        guard ok else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot move \(FileOps.escapedName(bytes)) to \(target.path): \(String(cString: strerror(errno)))"])
        }
        try FileOps.setMode(target, FileOps.modes.file)
    }
}
