import Crypto
import Foundation

/// sha256 as lower-case hex.
public enum Hashing {
    /// The sha256 of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
