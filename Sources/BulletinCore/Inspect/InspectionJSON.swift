/// The `inspect --json` line of a submission, written by hand into one byte buffer.
///
/// The bytes are exactly those of `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` (the format the
/// README documents and scripts read): keys in byte order, `"`, `\` and control characters escaped as
/// JSONEncoder escapes them, every other character as UTF-8, numbers as Swift prints them with a trailing ".0"
/// dropped. Encoding 20,000 lines through `JSONEncoder` (a dictionary of boxed values per object, then sorted)
/// was a fifth of `inspect --json`'s time; this is one pass with no intermediate values.
/// `InspectionJSONTests` compares the two byte for byte.
extension InspectionLine {
    /// The line as JSON (no line break), or nil when a number is not finite (JSONEncoder refuses those; the
    /// caller then falls back to it, to report the same error).
    public func jsonBytes() -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512 + reasons.reduce(0) { $0 + $1.conclusion.utf8.count + $1.matched.utf8.count + 64 }
                              + fields.values.reduce(0) { $0 + $1.utf8.count + 16 })
        return writeJSON(appendingTo: &bytes) ? bytes : nil
    }

    /// Appends the line as JSON (no line break) to `bytes`, a buffer the caller reuses from line to line (so
    /// printing 20,000 lines allocates no buffer per line); false when a number is not finite (see `jsonBytes`),
    /// and then what was appended is not valid JSON.
    @discardableResult
    public func writeJSON(appendingTo bytes: inout [UInt8]) -> Bool {
        var w = JSONBytes(capacity: 8192)
        defer { w.append(to: &bytes) }
        return write(into: &w)
    }

    /// Writes the line as JSON (no line break) at the end of `w`; false when a number is not finite.
    func write(into w: inout JSONBytes) -> Bool {
        w.raw("{\"category\":"); w.string(category)
        w.raw(",\"classified\":"); w.bool(classified)
        if let c = confidence {
            w.raw(",\"confidence\":{\"category\":"); w.number(c.category)
            w.raw(",\"industry\":"); w.number(c.industry)
            w.raw(",\"level\":"); w.number(c.level)
            w.raw(",\"subtype\":"); w.number(c.subtype)
            w.raw("}")
        }
        w.raw(",\"eligible\":"); w.bool(eligible)
        w.raw(",\"fields\":{")
        // The form's fields (every line of a read file has all of them) in their sorted order, made once; other keys
        // (none, or some missing) sorted here.
        var known = fields.count == Self.fieldKeys.count
        if known { known = writeKnownFields(&w) }
        if !known {
            for (i, key) in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { w.raw(",") }
                w.string(key)
                w.raw(":")
                w.string(fields[key] ?? "")
            }
        }
        w.raw("},\"file\":"); w.string(file)
        w.raw(",\"flags\":"); w.strings(flags)
        w.raw(",\"index\":"); w.integer(index)
        w.raw(",\"industry\":"); w.string(industry)
        w.raw(",\"level\":"); w.string(level)
        w.raw(",\"location\":"); w.string(location)
        w.raw(",\"needsReview\":"); w.bool(needsReview)
        w.raw(",\"notes\":"); w.strings(notes)
        w.raw(",\"problems\":[")
        for (i, p) in problems.enumerated() {
            w.raw(i == 0 ? "{\"field\":" : ",{\"field\":"); w.string(p.field)
            w.raw(",\"message\":"); w.string(p.message)
            w.raw("}")
        }
        w.raw("],\"reasons\":[")
        // Read in place through the array's buffer: the strings are lent to `string`, not copied out of the array
        // (a retain and a release each, ~35 instructions, 120 times a line).
        reasons.withUnsafeBufferPointer { rs in
            for i in rs.indices {
                w.raw(i == 0 ? "{\"conclusion\":" : ",{\"conclusion\":"); w.string(rs[i].conclusion)
                w.raw(",\"field\":"); w.string(rs[i].field)
                w.raw(",\"matched\":"); w.string(rs[i].matched)
                w.raw(",\"rule\":"); w.string(rs[i].rule)
                w.raw(",\"weight\":"); w.number(rs[i].weight)
                w.raw("}")
            }
        }
        w.raw("],\"reviewReasons\":"); w.strings(reviewReasons)
        w.raw(",\"score\":"); w.number(score)
        w.raw(",\"subtype\":"); w.string(subtype)
        w.raw(",\"titleKey\":"); w.string(titleKey)
        w.raw("}")
        return w.finite
    }
}

/// Writes `inspect --json` lines one after another into one buffer it keeps (`InspectCommand` hands each line's bytes
/// to standard output, then clears it): no buffer allocated per line, and no copy of the line into an array before
/// it is written (each cost ~0.7 k and ~2.1 k instructions a line, a 7 KB line).
public final class InspectionJSONWriter {
    private var w = JSONBytes(capacity: 1 << 16)

    public init() {}

    /// Appends `line` as JSON and a line break; false (nothing appended) when a number is not finite, as
    /// `InspectionLine.jsonBytes()` then gives nil.
    public func append(_ line: InspectionLine) -> Bool {
        let mark = w.mark
        w.finite = true
        guard line.write(into: &w) else {
            w.rewind(to: mark)
            w.finite = true
            return false
        }
        w.raw("\n")
        return true
    }

    /// The bytes appended since the last `clear()`.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try w.withBytes(body)
    }

    /// Forgets the bytes appended (keeps the buffer).
    public func clear() { w.rewind(to: 0) }
}

extension InspectionLine {
    /// The raw values of `Field`, sorted by their UTF-8 bytes (as JSONEncoder sorts keys).
    static let fieldKeys: [String] = Field.allCases.map(\.rawValue).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

    /// Writes `fields` (as many as `fieldKeys`) in `fieldKeys` order, each key followed by its value, when its keys are
    /// exactly `fieldKeys`; false (nothing written) otherwise. The values are put in place by one walk of the
    /// dictionary, each key compared with the few known ones (short strings: a compare of their two words), not looked
    /// up: seven lookups hashed seven keys a line (~350 instructions each).
    private func writeKnownFields(_ w: inout JSONBytes) -> Bool {
        let keys = Self.fieldKeys
        let n = keys.count
        return withUnsafeTemporaryAllocation(of: String.self, capacity: n) { values -> Bool in
            guard let base = values.baseAddress else { return false }
            var placed: UInt64 = 0
            var complete = n <= 64
            if complete {
                for (key, value) in fields {
                    guard let k = keys.firstIndex(of: key), placed & (1 << UInt64(k)) == 0 else { complete = false; break }
                    (base + k).initialize(to: value)
                    placed |= 1 << UInt64(k)
                }
            }
            complete = complete && placed.nonzeroBitCount == n
            if complete {
                for k in 0..<n {
                    if k > 0 { w.raw(",") }
                    w.string(keys[k])
                    w.raw(":")
                    w.string(base[k])
                }
            }
            for k in 0..<n where placed & (1 << UInt64(k)) != 0 { (base + k).deinitialize(count: 1) }
            return complete
        }
    }
}

/// A growing UTF-8 buffer with JSONEncoder's spelling of strings, numbers and booleans.
///
/// Written through a raw pointer into memory it owns (freed when it goes): an `[UInt8]` grown by ~150 appends a
/// line (quotes, keys, strings) checked its uniqueness and capacity at each, about half of `inspect --json`'s
/// printing. `append(to:)` hands the bytes over in one copy.
struct JSONBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// False once a NaN or an infinity was written.
    var finite = true

    init(capacity: Int = 4096) {
        self.capacity = Swift.max(capacity, 64)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// How many bytes are written, for `rewind(to:)`.
    var mark: Int { count }

    /// Forgets what was written after `mark`.
    mutating func rewind(to mark: Int) { count = Swift.min(count, Swift.max(0, mark)) }

    /// The bytes written so far, lent.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Appends the bytes written to `out`.
    func append(to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    /// Room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count &+ n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.update(from: base, count: count)
        base.deallocate()
        base = b
        capacity = c
    }

    @inline(__always)
    private mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count &+= 1
    }

    /// Copies `n` bytes from `p` (room already reserved).
    @inline(__always)
    private mutating func copy(_ p: UnsafePointer<UInt8>, _ n: Int) {
        if n >= 8 && n <= 16 {
            // Two words that overlap in the middle (a key such as `,"matched":`): no byte loop.
            let src = UnsafeRawPointer(p), dst = UnsafeMutableRawPointer(base + count)
            let head = src.loadUnaligned(as: UInt64.self), tail = (src + (n &- 8)).loadUnaligned(as: UInt64.self)
            dst.storeBytes(of: head, as: UInt64.self)
            (dst + (n &- 8)).storeBytes(of: tail, as: UInt64.self)
        } else if n < 8 {
            var i = 0
            while i < n { base[count &+ i] = p[i]; i &+= 1 }
        } else {
            (base + count).update(from: p, count: n)
        }
        count &+= n
    }

    /// A literal's bytes (inlined: its length is then a constant and its copy two words or fewer).
    @inline(__always)
    mutating func raw(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n)
        copy(s.utf8Start, n)
    }

    /// A String's bytes as they are. Not an overload of `raw`: a literal would then be taken as a String (the
    /// default literal type) and every key copied through String's UTF-8 view.
    mutating func rawText(_ s: String) {
        for b in s.utf8 { byte(b) }
    }

    mutating func bool(_ b: Bool) {
        b ? raw("true") : raw("false")
    }

    /// As JSONEncoder writes a Double: its description, without a trailing ".0". Whole numbers of up to 15
    /// digits (most weights and scores) are written as integers, which is what that gives, without a String; so
    /// are numbers of at most two decimals below 10^9 (see `hundredths`).
    mutating func number(_ d: Double) {
        guard d.isFinite else { finite = false; raw("0"); return }
        if d.rounded(.towardZero) == d, abs(d) < 1e15, !(d == 0 && d.sign == .minus) {
            integer(Int(d))
            return
        }
        if let h = Self.hundredths(d) {
            let m = h.magnitude
            if h < 0 { byte(UInt8(ascii: "-")) }
            integer(Int(m / 100))
            let cents = Int(m % 100)
            reserve(3)
            base[count] = UInt8(ascii: ".")
            base[count &+ 1] = UInt8(truncatingIfNeeded: 0x30 + cents / 10)
            count &+= 2
            if cents % 10 != 0 {
                base[count] = UInt8(truncatingIfNeeded: 0x30 + cents % 10)
                count &+= 1
            }
            return
        }
        let s = d.description
        if s.hasSuffix(".0") { for b in s.utf8.dropLast(2) { byte(b) } } else { rawText(s) }
    }

    /// `d` × 100 as a whole number k, when `d` is not whole, |d| < 10^9 and k / 100 == d exactly: then
    /// `d.description` is the decimal k / 100 with its trailing zero dropped ("0.35", "-2.5", "61.25"): k / 100 reads
    /// back as `d`, and below 10^9 no other decimal of at most two places lies so near `d`, so none is shorter.
    /// Nil otherwise (the caller asks `description`). `JSONBytesTests` compares the two.
    @inline(__always)
    static func hundredths(_ d: Double) -> Int64? {
        guard abs(d) < 1e9, d.rounded(.towardZero) != d else { return nil }
        let k = (d * 100).rounded()
        guard k / 100 == d else { return nil }
        return Int64(k)
    }

    /// An integer in decimal, as `String(n)` spells it.
    mutating func integer(_ n: Int) {
        reserve(21)
        if n < 0 {
            guard n != .min else { rawText(String(n)); return }
            base[count] = UInt8(ascii: "-")
            count &+= 1
        }
        var v = n.magnitude
        var digits = 1
        var rest = v / 10
        while rest > 0 { digits &+= 1; rest /= 10 }
        var at = count &+ digits &- 1
        repeat {
            base[at] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
            v /= 10
            at &-= 1
        } while v > 0
        count &+= digits
    }

    mutating func strings(_ list: [String]) {
        raw("[")
        for (i, s) in list.enumerated() {
            if i > 0 { raw(",") }
            string(s)
        }
        raw("]")
    }

    /// A quoted string: `"` and `\` escaped, \b \t \n \f \r by name, other controls below 0x20 as \u00xx
    /// (lower-case hex), everything else (DEL, U+2028, non-ASCII) as its UTF-8 bytes; `/` is not escaped.
    mutating func string(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ quoted($0) }) != nil { return }
        var contiguous = s
        contiguous.makeContiguousUTF8()
        contiguous.withUTF8 { quoted($0) }
    }

    /// `string(_:)` of a string's UTF-8 bytes.
    ///
    /// Sixteen bytes at a time are tested and copied in one go (two words, each tested by `plain`, then stored):
    /// most strings (Chinese conclusions, rule and field names) need no escape at all. A block that holds a byte to
    /// escape goes byte by byte. The last, partial block is read as the string's last sixteen (or, for 8 to 15
    /// bytes, its first and last eight) bytes, overlapping bytes already copied: when none of them needs escaping,
    /// the bytes before it in the overlap were copied as they are, so writing them again at the same places
    /// changes nothing. Strings of four to seven bytes are two overlapping words of four; shorter ones go byte by
    /// byte. (Testing eight bytes at a time and copying
    /// afterwards cost ~200 instructions a string, a twentieth of `inspect --json`.)
    private mutating func quoted(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        // At most six bytes for each byte (\u00xx), the quotes, and room for a whole block stored past the end.
        reserve(n &* 6 &+ 2 &+ 16)
        var out = base + count
        out.pointee = UInt8(ascii: "\"")
        out += 1
        if n > 0, let p = b.baseAddress {
            var i = 0
            while i &+ 16 <= n {
                let src = UnsafeRawPointer(p + i)
                let w0 = src.loadUnaligned(as: UInt64.self), w1 = (src + 8).loadUnaligned(as: UInt64.self)
                if Self.plain(w0) && Self.plain(w1) {
                    UnsafeMutableRawPointer(out).storeBytes(of: w0, as: UInt64.self)
                    UnsafeMutableRawPointer(out + 8).storeBytes(of: w1, as: UInt64.self)
                    out += 16
                    i &+= 16
                    continue
                }
                let end = i &+ 16
                while i < end { out = Self.put(p[i], at: out); i &+= 1 }
            }
            if i < n {
                if n >= 16 {
                    let from = n &- 16
                    let src = UnsafeRawPointer(p + from)
                    let w0 = src.loadUnaligned(as: UInt64.self), w1 = (src + 8).loadUnaligned(as: UInt64.self)
                    if Self.plain(w0) && Self.plain(w1) {
                        let at = UnsafeMutableRawPointer(out - (i &- from))
                        at.storeBytes(of: w0, as: UInt64.self)
                        (at + 8).storeBytes(of: w1, as: UInt64.self)
                        out += n &- i
                        i = n
                    }
                } else if n >= 8 {
                    // i == 0 here: the two words cover the string.
                    let w0 = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
                    let w1 = UnsafeRawPointer(p + (n &- 8)).loadUnaligned(as: UInt64.self)
                    if Self.plain(w0) && Self.plain(w1) {
                        UnsafeMutableRawPointer(out).storeBytes(of: w0, as: UInt64.self)
                        UnsafeMutableRawPointer(out + (n &- 8)).storeBytes(of: w1, as: UInt64.self)
                        out += n
                        i = n
                    }
                } else if n >= 4 {
                    // i == 0 here: two words of four bytes cover the string (a field's name, a short value), which went
                    // byte by byte (~6 instructions a byte).
                    let w0 = UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
                    let w1 = UnsafeRawPointer(p + (n &- 4)).loadUnaligned(as: UInt32.self)
                    if Self.plain(w0) && Self.plain(w1) {
                        UnsafeMutableRawPointer(out).storeBytes(of: w0, as: UInt32.self)
                        UnsafeMutableRawPointer(out + (n &- 4)).storeBytes(of: w1, as: UInt32.self)
                        out += n
                        i = n
                    }
                }
                while i < n { out = Self.put(p[i], at: out); i &+= 1 }
            }
        }
        out.pointee = UInt8(ascii: "\"")
        out += 1
        count = out - base
    }

    /// Writes one byte of a string at `out`, escaped when it must be; returns the place after it.
    @inline(__always)
    private static func put(_ c: UInt8, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard c < 0x20 || c == 0x22 || c == 0x5C else {
            out.pointee = c
            return out + 1
        }
        out[0] = UInt8(ascii: "\\")
        switch c {
        case 0x22: out[1] = UInt8(ascii: "\""); return out + 2
        case 0x5C: out[1] = UInt8(ascii: "\\"); return out + 2
        case 0x08: out[1] = UInt8(ascii: "b"); return out + 2
        case 0x09: out[1] = UInt8(ascii: "t"); return out + 2
        case 0x0A: out[1] = UInt8(ascii: "n"); return out + 2
        case 0x0C: out[1] = UInt8(ascii: "f"); return out + 2
        case 0x0D: out[1] = UInt8(ascii: "r"); return out + 2
        default:
            out[1] = UInt8(ascii: "u")
            out[2] = UInt8(ascii: "0")
            out[3] = UInt8(ascii: "0")
            out[4] = hex(c >> 4)
            out[5] = hex(c & 0xF)
            return out + 6
        }
    }

    /// Whether none of the eight bytes of `w` needs escaping: all eight have their high bit (the inside of Chinese
    /// text, three instructions), or `needsEscape` finds none. Exact. (Swift's `SIMD16<UInt8>` comparisons were
    /// tried first: on this toolchain they compiled to a loop over the lanes, six times slower than this.)
    @inline(__always)
    static func plain(_ w: UInt64) -> Bool {
        w & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080 || !needsEscape(w)
    }

    /// `plain` of four bytes.
    @inline(__always)
    static func plain(_ w: UInt32) -> Bool {
        let ones: UInt32 = 0x0101_0101, high: UInt32 = 0x8080_8080
        if w & high == high { return true }
        let below20 = (w &- ones &* 0x20) & ~w & high
        let q = w ^ (ones &* 0x22), bs = w ^ (ones &* 0x5C)
        return (below20 | ((q &- ones) & ~q & high) | ((bs &- ones) & ~bs & high)) == 0
    }

    /// Whether one of the eight bytes of `w` is below 0x20, `"` or `\` (exact: the classic zero-byte tests
    /// have no false negatives, and a false positive only sends the eight bytes through the byte loop).
    @inline(__always)
    static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let below20 = (w &- ones &* 0x20) & ~w & high
        let q = w ^ (ones &* 0x22), bs = w ^ (ones &* 0x5C)
        let quote = (q &- ones) & ~q & high
        let backslash = (bs &- ones) & ~bs & high
        return (below20 | quote | backslash) != 0
    }

    private static func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }
}
