import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileOps {
    /// How `copyContents` copied.
    public enum CopyWay: Sendable, Equatable {
        /// Read into the process and written past the page cache (`O_DIRECT`).
        case direct
        /// By the kernel (`sendfile`).
        case kernel
        /// Read and written a megabyte at a time.
        case readWrite
    }

    /// Linux's `O_DIRECT` (Glibc does not export it to Swift), nil where its value is not known here.
    static var directFlag: Int32? {
        #if os(Linux) && arch(x86_64)
        return 0o40000
        #elseif os(Linux) && arch(arm64)
        return 0o200000
        #else
        return nil
        #endif
    }

    /// The unit `O_DIRECT` transfers are aligned to (buffer, offset and length): 4 KiB, a multiple of any disk's
    /// logical block; a write the file system refuses anyway (`EINVAL`) is made through the page cache instead.
    static let directAlignment = 4096

    /// Copies the bytes of `source` into `target`, a new file (an existing one is never overwritten), created with
    /// `mode`, and flushes it to disk before returning. On any failure the partial target is removed and the error
    /// names the file and the system's reason.
    ///
    /// Where the file system takes it (`direct`), the copy is written past the page cache (`O_DIRECT`): the source
    /// is read 4 MiB at a time into one buffer and each piece written from it to the disk. A copy through the page
    /// cache (`sendfile`) filled as many fresh cache pages as the file has bytes, and on this project's virtual
    /// machines touching those pages for the first time cost up to seconds of CPU for the 271 MB library of a
    /// 20,000-row run; the bytes that reach the disk are the same. A last piece that is not a whole 4 KiB, or a
    /// write the file system refuses direct, is written through the page cache. Elsewhere the kernel copies
    /// (`sendfile`), or where a file system does not take `sendfile` between files, it reads and writes a megabyte
    /// at a time. `allowDirect: false` skips the first way (tests of the others).
    @discardableResult
    public static func copyContents(of source: URL, to target: URL, mode: mode_t, allowDirect: Bool = true) throws -> CopyWay {
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
        let way: CopyWay
        if allowDirect, let flag = directFlag, case let flags = fcntl(output, F_GETFL), flags >= 0, fcntl(output, F_SETFL, flags | flag) == 0 {
            try copyDirect(input, output, directFlags: flags | flag, failure)
            way = .direct
        } else {
            way = try copyThroughCache(input, output, failure)
        }
        guard fsync(output) == 0 else { throw failure("flush the copy") }
        done = true
        return way
    }

    /// The direct copy: `output` is open with `O_DIRECT` (`directFlags`, its file status flags), both at offset 0.
    private static func copyDirect(_ input: Int32, _ output: Int32, directFlags: Int32, _ failure: (String) -> CocoaError) throws {
        let size = 4 << 20
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, directAlignment, size) == 0, let buffer = raw else {
            errno = ENOMEM
            throw failure("allocate the copy's buffer")
        }
        defer { free(buffer) }
        var direct = true, refused = false
        var offset: off_t = 0
        while true {
            var filled = 0
            while filled < size {
                let n = pread(input, buffer + filled, size - filled, offset + off_t(filled))
                if n == 0 { break }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure("read the source")
                }
                filled += n
            }
            if filled == 0 { return }
            var written = 0
            while written < filled {
                // Direct only for whole blocks at aligned offsets; anything else through the page cache.
                let whole = (filled - written) & ~(directAlignment - 1)
                let wantDirect = !refused && whole > 0 && (offset + off_t(written)) % off_t(directAlignment) == 0
                if direct != wantDirect {
                    guard fcntl(output, F_SETFL, wantDirect ? directFlags : directFlags & ~(directFlag ?? 0)) == 0 else { throw failure("write the copy") }
                    direct = wantDirect
                }
                let count = direct ? whole : filled - written
                let w = pwrite(output, buffer + written, count, offset + off_t(written))
                if w < 0 {
                    if errno == EINTR { continue }
                    if errno == EINVAL && direct {
                        // The file system refuses this direct write: the rest goes through the page cache.
                        guard fcntl(output, F_SETFL, directFlags & ~(directFlag ?? 0)) == 0 else { throw failure("write the copy") }
                        direct = false
                        refused = true
                        continue
                    }
                    throw failure("write the copy")
                }
                written += w
            }
            offset += off_t(filled)
            if filled < size { return }
        }
    }

    /// The copy through the page cache, by `sendfile` or else by reads and writes; both descriptors at offset 0.
    private static func copyThroughCache(_ input: Int32, _ output: Int32, _ failure: (String) -> CocoaError) throws -> CopyWay {
        var kernelCopies = true
        while kernelCopies {
            let n = sendfile(output, input, nil, 1 << 30)
            if n > 0 { continue }
            if n == 0 { return .kernel }
            if errno == EINTR { continue }
            // Not between these files: copy what is left by hand (the offsets stand where sendfile left them).
            guard errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP else { throw failure("copy") }
            kernelCopies = false
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n == 0 { return .readWrite }
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
}
