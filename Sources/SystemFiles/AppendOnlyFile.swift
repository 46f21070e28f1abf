import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file written only at its end, each append flushed to the disk before it returns (the audit log, the head
/// copy). One owner of the descriptor; closed when released.
public final class AppendOnlyFile {
    private let fd: Int32
    /// Where it is.
    public let url: URL

    /// Why an append-only file failed: what was being done, to which file, and the system's words.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var operation: String
        public var reason: String
        public var description: String { "cannot \(operation) \(path): \(reason)" }
    }

    /// Opens (creating with `mode`) the file at `url` for appending.
    public init(_ url: URL, mode: mode_t) throws {
        self.url = url
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(path: url.path, operation: "open", reason: String(cString: strerror(errno))) }
        _ = fchmod(fd, mode)
        self.fd = fd
    }

    deinit { close(fd) }

    /// Appends `bytes` and flushes them to the disk.
    public func append(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(path: url.path, operation: "append to", reason: String(cString: strerror(errno))) }
            offset += n
        }
        guard fsync(fd) == 0 else { throw Failure(path: url.path, operation: "flush", reason: String(cString: strerror(errno))) }
    }
}
