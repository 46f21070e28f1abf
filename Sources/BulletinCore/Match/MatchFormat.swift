import Foundation

/// Figures in the matcher's notes, written as `String(format: "%.2f")` writes them, without going through
/// Foundation's formatter for every candidate pair (a few microseconds each, a few percent of a big run).
enum MatchFormat {
    /// `v` with two decimals, exactly as `String(format: "%.2f", v)`: the exact binary value rounded half to even.
    /// Positive normal values below a million are written here; anything else (negative, zero, tiny, huge, not a
    /// number) is handed to `String(format:)`.
    static func fixed2(_ v: Double) -> String {
        guard v.isNormal, v.sign == .plus, v < 1_000_000 else { return String(format: "%.2f", v) }
        // v = m × 2^-shift with m < 2^53; v < 2^20 makes shift at least 33.
        let m = v.significandBitPattern | (1 << 52)
        let shift = 52 - Int(v.exponent)
        var q: UInt64
        if shift >= 62 {
            q = 0  // 100·m < 2^60 is below half a unit of 2^-shift: rounds to 0.00
        } else {
            let scaled = 100 * m
            q = scaled >> UInt64(shift)
            let r = scaled & ((1 << UInt64(shift)) - 1), half: UInt64 = 1 << UInt64(shift - 1)
            if r > half || (r == half && q & 1 == 1) { q += 1 }
        }
        let cents = q % 100
        return "\(q / 100)." + (cents < 10 ? "0\(cents)" : "\(cents)")
    }
}
