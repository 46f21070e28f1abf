import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileOps {
    /// The bytes of the regular file at `path`, read straight into an array of its `fstat` size: no `Data` in between
    /// and no second copy. Nil when it cannot be opened, is not a regular file or changes size while it is read: the
    /// caller then reads it its own way (and reports that way's error).
    public static func readRegularFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
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
