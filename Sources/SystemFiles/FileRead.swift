import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileOps {
    /// How the readers open a file: `O_NONBLOCK` so that opening a named pipe (FIFO) returns at once instead of
    /// waiting for a writer that may never come (a regular file ignores the flag); `O_NOCTTY` so a terminal device
    /// never becomes the controlling terminal. Each reader then refuses anything `fstat` does not call a regular file.
    public static let readFlags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY

    /// What a file of mode `mode` is, in words for a message, when it is not a regular file; nil when it is.
    public static func kind(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        default: return "not a regular file"
        }
    }

    /// What the file at `path` is (links followed) when it exists and is not a regular file; nil for a regular file
    /// or one that cannot be looked at (the caller's own read then reports why).
    public static func nonRegularKind(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return kind(mode: info.st_mode)
    }

    /// Where the symbolic link at `path` points, as written (bytes that are not UTF-8 shown as U+FFFD); nil when it
    /// is not a link or cannot be read.
    public static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// What is in the place of a file the program expected to read: something that is not a regular file.
    public struct NotARegularFile: LocalizedError, CustomStringConvertible, Sendable {
        public let path: String
        /// In words: "a named pipe (FIFO)", "a folder", …
        public let kind: String
        public var description: String {
            "\(path) is \(kind), not a regular file: it was not opened (reading it could wait for ever or read something other than the file); move it away, put the file back, and run again"
        }
        public var errorDescription: String? { description }
    }

    /// The bytes of a file the program itself wrote earlier (a log, an archived input, an approved document): read
    /// like `readRegularFile`, so a named pipe or device planted in its place is never opened and never blocks the
    /// run; that case throws `NotARegularFile`. A file that cannot be read otherwise throws `Data(contentsOf:)`'s error.
    public static func readOwnFile(_ url: URL) throws -> [UInt8] {
        if let bytes = readRegularFile(url.path) { return bytes }
        if let kind = nonRegularKind(url.path) { throw NotARegularFile(path: url.path, kind: kind) }
        return [UInt8](try Data(contentsOf: url))
    }

    /// The bytes of the regular file at `path`, read straight into an array of its `fstat` size: no `Data` in between
    /// and no second copy. Nil when it cannot be opened, is not a regular file or changes size while it is read: the
    /// caller then reads it its own way (and reports that way's error). Never blocks on a named pipe (`readFlags`).
    public static func readRegularFile(_ path: String) -> [UInt8]? {
        readRegularFile(rawPath: Array(path.utf8))
    }

    /// `readRegularFile` of a path given by its bytes (a name that is not UTF-8 can be read).
    public static func readRegularFile(rawPath: [UInt8]) -> [UInt8]? {
        let fd = (rawPath + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars -> Int32 in
                guard let base = chars.baseAddress else { return -1 }
                return open(base, readFlags)
            }
        }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size >= 0 else { return nil }
        let size = Int(info.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let n = Glibc.read(fd, base + count, size - count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { complete = false; return }
                count += n
            }
        }
        guard complete else { return nil }
        // Nothing past the size `fstat` gave (a file that grew meanwhile is left to the caller).
        var extra: UInt8 = 0
        while true {
            let n = Glibc.read(fd, &extra, 1)
            if n < 0 && errno == EINTR { continue }
            return n == 0 ? bytes : nil
        }
    }
}
