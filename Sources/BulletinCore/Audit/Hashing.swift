import Crypto
import Foundation

/// sha256 as lower-case hex.
public enum Hashing {
    /// The sha256 of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of a byte sequence (String(format:) per byte was a tenth of a submission's cost).
    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
