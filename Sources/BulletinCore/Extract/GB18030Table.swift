import SystemFiles

/// GB18030 text of one- and two-byte codes decoded through a table of iconv's own answers, for large files.
///
/// Why: iconv's GB18030 converter costs ~42 instructions a byte (32.4 M of the 2,000-row GB18030 CSV of
/// `bench_tabular.py`, 771 KB); a table lookup a code costs a few. The table is iconv's decoding of every two-byte
/// code (0x81–0xFE, then 0x40–0x7E or 0x80–0xFE: 23,940 codes in one call, ~2.5 M instructions), made once a run
/// and only for a file of at least `threshold` bytes, where it pays for itself (a file of a few rows goes to iconv as
/// before).
///
/// Exact: GB18030 is stateless and maps each two-byte code to one scalar, so a text of ASCII bytes and two-byte
/// codes decodes to the concatenation of their decodings, which is what the table holds (ASCII is itself). Anything
/// else — a four-byte code (a second byte 0x30–0x39), 0x80, 0xFF, a lead byte at the end, a second byte out of range,
/// a code iconv did not decode to one scalar — makes `decode` answer nil, and the whole file goes to
/// iconv, which decodes it or refuses it as before. `GB18030TableTests` compares the two on every code and on texts.
enum GB18030Table {
    /// Files below this size are decoded by iconv alone (the table is not worth making for them).
    static let threshold = 128 * 1024

    /// Per code, its scalar's UTF-8 bytes (first byte lowest, as `pack` writes them); 0 where iconv's answer was
    /// not one scalar. Index (lead − 0x81) × 191 + (trail − 0x40); trail 0x7F never read. Made on
    /// first use (once a run); nil when iconv could not decode the codes in one call (then nothing is read through it).
    static let codes: [UInt32]? = build()

    /// Every two-byte code in order, as iconv decodes them in one call, packed.
    static func build() -> [UInt32]? {
        var input: [UInt8] = []
        input.reserveCapacity(126 * 190 * 2)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                input.append(UInt8(lead))
                input.append(UInt8(trail))
            }
        }
        guard let text = Iconv.decode(input, from: "GB18030") else { return nil }
        var out = [UInt32](repeating: 0, count: 126 * 191)
        var scalars = text.unicodeScalars.makeIterator()
        for lead in 0..<126 {
            for trail in 0..<191 where trail != 0x3F {
                guard let s = scalars.next() else { return nil }
                out[lead * 191 + trail] = pack(s.value)
            }
        }
        return scalars.next() == nil ? out : nil
    }

    /// A scalar's UTF-8 bytes, first byte lowest (its count is read from the first byte: `count(_:)`); 0 for a
    /// surrogate or a value beyond Unicode (never a GB18030 answer; refused to be safe).
    static func pack(_ v: UInt32) -> UInt32 {
        switch v {
        case 0..<0x80: return v
        case 0x80..<0x800: return (0x80 | (v & 0x3F)) << 8 | (0xC0 | v >> 6)
        case 0xD800...0xDFFF: return 0
        case 0x800..<0x10000: return (0x80 | (v & 0x3F)) << 16 | (0x80 | ((v >> 6) & 0x3F)) << 8 | (0xE0 | v >> 12)
        case 0x10000...0x10FFFF:
            return (0x80 | (v & 0x3F)) << 24 | (0x80 | ((v >> 6) & 0x3F)) << 16 | (0x80 | ((v >> 12) & 0x3F)) << 8 | (0xF0 | v >> 18)
        default: return 0
        }
    }

    /// How many UTF-8 bytes a packed entry holds, from its first byte.
    @inline(__always)
    static func count(_ packed: UInt32) -> Int {
        let lead = packed & 0xFF
        return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The text of `bytes` when it is at least `threshold` bytes of ASCII and two-byte codes the table holds; nil
    /// otherwise (iconv decides).
    static func decode(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= threshold, let table = codes else { return nil }
        let n = bytes.count
        var ok = true
        // At most four bytes for a two-byte code, one for an ASCII byte, and room for a last code's four bytes.
        let utf8 = [UInt8](unsafeUninitializedCapacity: 2 * n + 4) { out, made in
            made = 0
            guard let o = out.baseAddress else { ok = n == 0; return }
            var j = 0
            ok = bytes.withUnsafeBufferPointer { b -> Bool in
                table.withUnsafeBufferPointer { t -> Bool in
                    var i = 0
                    while i < n {
                        let c = b[i]
                        if c < 0x80 {
                            o[j] = c
                            j &+= 1
                            i &+= 1
                            continue
                        }
                        guard c >= 0x81, c <= 0xFE, i &+ 1 < n else { return false }
                        let trail = b[i &+ 1]
                        guard trail >= 0x40, trail <= 0xFE, trail != 0x7F else { return false }
                        let v = t[Int(c &- 0x81) &* 191 &+ Int(trail &- 0x40)]
                        guard v != 0 else { return false }
                        // All four bytes stored (room is kept for them), the next code written over the unused ones.
                        UnsafeMutableRawPointer(o + j).storeBytes(of: v.littleEndian, as: UInt32.self)
                        j &+= Self.count(v)
                        i &+= 2
                    }
                    return true
                }
            }
            made = j
        }
        guard ok else { return nil }
        return String(validating: utf8, as: UTF8.self)
    }
}
