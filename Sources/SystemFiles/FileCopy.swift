import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileOps {
    /// Copies the bytes of `source` into `target`, a new file (an existing one is never overwritten), created with
    /// `mode`, and flushes it to disk before returning. The kernel copies (`sendfile`: no byte passes through the
    /// process, where a read and a write copy each byte twice); where a file system does not take `sendfile`
    /// between files, it reads and writes a megabyte at a time. On any failure the partial target is removed and
    /// the error names the file and the system's reason.
    public static func copyContents(of source: URL, to target: URL, mode: mode_t) throws {
        func failure(_ what: String) -> CocoaError {
            CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path,
                                                     NSLocalizedDescriptionKey: "cannot copy \(source.path) to \(target.path): \(what): \(String(cString: strerror(errno)))"])
        }
        let input = open(source.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw failure("open the source") }
        defer { close(input) }
        let output = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard output >= 0 else { throw failure("create the copy") }
        var done = false
        defer {
            close(output)
            if !done { unlink(target.path) }
        }
        var kernelCopies = true
        while kernelCopies {
            let n = sendfile(output, input, nil, 1 << 30)
            if n > 0 { continue }
            if n == 0 { break }
            if errno == EINTR { continue }
            // Not between these files: copy what is left by hand (the offsets stand where sendfile left them).
            guard errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP else { throw failure("copy") }
            kernelCopies = false
        }
        if !kernelCopies {
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if n == 0 { break }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure("read the source")
                }
                var written = 0
                while written < n {
                    let w = buffer.withUnsafeBytes { write(output, $0.baseAddress.map { $0 + written }, n - written) }
                    if w < 0 {
                        if errno == EINTR { continue }
                        throw failure("write the copy")
                    }
                    written += w
                }
            }
        }
        guard fsync(output) == 0 else { throw failure("flush the copy") }
        done = true
    }
}
