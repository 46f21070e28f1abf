#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Writes `bytes` to the C library's standard output, the buffered stream `print` also writes to, so lines
/// written here and lines printed stay in order. `inspect --json` writes its lines this way: no String is made
/// of a line's bytes only to be turned back into bytes by `print`.
func writeStandardOutput(_ bytes: [UInt8]) {
    nonisolated(unsafe) let out = stdout
    bytes.withUnsafeBufferPointer { b in
        guard let base = b.baseAddress, !b.isEmpty else { return }
        _ = fwrite(base, 1, b.count, out)
    }
}
