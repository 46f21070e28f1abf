/// Decoding a String's own UTF-8, which Swift keeps valid: no checks for truncated or overlong sequences are needed,
/// so the hot loops that walk a text's bytes (match keys, review-sheet line counts) decode a scalar in a few
/// instructions instead of going through the scalar view.
enum ValidUTF8 {
    /// The scalar value whose encoding starts at `p[i]`, moving `i` past it. `p` must point into valid UTF-8 with
    /// `i` at the start of a scalar (a String's `withUTF8` buffer).
    @inline(__always)
    static func scalar(_ p: UnsafePointer<UInt8>, _ i: inout Int) -> UInt32 {
        let c = p[i]
        if c < 0x80 {
            i &+= 1
            return UInt32(c)
        } else if c < 0xE0 {
            defer { i &+= 2 }
            return UInt32(c & 0x1F) << 6 | UInt32(p[i &+ 1] & 0x3F)
        } else if c < 0xF0 {
            defer { i &+= 3 }
            return UInt32(c & 0x0F) << 12 | UInt32(p[i &+ 1] & 0x3F) << 6 | UInt32(p[i &+ 2] & 0x3F)
        } else {
            defer { i &+= 4 }
            return UInt32(c & 0x07) << 18 | UInt32(p[i &+ 1] & 0x3F) << 12 | UInt32(p[i &+ 2] & 0x3F) << 6
                | UInt32(p[i &+ 3] & 0x3F)
        }
    }
}
