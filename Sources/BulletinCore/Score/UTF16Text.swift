/// Strings made from UTF-16 code units, as `String(decoding:as: UTF16.self)` makes them, without its generic
/// slow path: for text that is not ASCII, the standard library parses each scalar through an unspecialised
/// iterator (about 4,000 instructions for a five-character reason, an eighth of a submission's scoring in the
/// profile). Here the units are encoded to UTF-8 straight into the new string's storage.
enum UTF16Text {
    /// The string of `units`: every ill-formed unit (a lone surrogate) becomes U+FFFD, as the standard
    /// library's repairing decoder does, so the result is the same string, byte for byte.
    static func string(_ units: ArraySlice<UInt16>) -> String {
        if units.isEmpty { return "" }
        return units.withUnsafeBufferPointer { string($0) }
    }

    /// The string of the units in a buffer (see `string(_:)` for slices).
    static func string(_ units: UnsafeBufferPointer<UInt16>) -> String {
        let count = units.count
        if count == 0 { return "" }
        // At most three UTF-8 bytes per unit (a surrogate pair: four bytes for two units).
        return String(unsafeUninitializedCapacity: count * 3) { out in
            var o = 0
            var i = 0
            while i < count {
                let u = units[i]
                i += 1
                if u < 0x80 {
                    out[o] = UInt8(truncatingIfNeeded: u)
                    o += 1
                } else if u < 0x800 {
                    out[o] = UInt8(truncatingIfNeeded: 0xC0 | (u >> 6))
                    out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (u & 0x3F))
                    o += 2
                } else if u & 0xF800 != 0xD800 {
                    out[o] = UInt8(truncatingIfNeeded: 0xE0 | (u >> 12))
                    out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | ((u >> 6) & 0x3F))
                    out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | (u & 0x3F))
                    o += 3
                } else if u < 0xDC00, i < count, units[i] & 0xFC00 == 0xDC00 {
                    // A high surrogate followed by a low one: one scalar above U+FFFF.
                    let scalar = 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                    i += 1
                    out[o] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
                    out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
                    out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                    out[o + 3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                    o += 4
                } else {
                    // A lone surrogate: U+FFFD (EF BF BD), and the next unit is read on its own.
                    out[o] = 0xEF
                    out[o + 1] = 0xBF
                    out[o + 2] = 0xBD
                    o += 3
                }
            }
            return o
        }
    }
}

extension Array where Element: FixedWidthInteger {
    /// `count` zeros, the array made through the specialised path (room reserved, then zeros appended):
    /// `Array(repeating:count:)` and `init(unsafeUninitializedCapacity:)` allocate through the standard library's
    /// unspecialised code, which looks the storage's type metadata up at every call (~360 instructions an array, a
    /// dozen arrays a scored text).
    @inline(__always)
    static func zeros(_ count: Int) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        out.append(contentsOf: repeatElement(0, count: count))
        return out
    }
}
