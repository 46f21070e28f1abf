import Foundation

/// What the readers of our own plain JSON (`StoredEventReader` for the library's history records, `StoredRecordReader`
/// for its case records, `PlainJSONList` for its postings' token lists, `AuditLineReader` for the log's input and
/// output lines) share: a position in the bytes, a byte or a
/// literal taken when it comes next, a member's key, an object of sorted keys, a string, a whole number as the
/// writers write one, a boolean, a list of strings. Each reader gives nil for anything else, and its caller decodes
/// with `JSONDecoder`.
protocol PlainJSONScanning {
    var bytes: UnsafeRawBufferPointer { get }
    var at: Int { get set }
}

extension PlainJSONScanning {
    mutating func take(_ b: UInt8) -> Bool {
        guard at < bytes.count, bytes[at] == b else { return false }
        at += 1
        return true
    }

    /// Takes `literal`'s bytes when they come next.
    mutating func take(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard at + n <= bytes.count else { return false }
        guard let base = bytes.baseAddress else { return n == 0 }
        let same = literal.withUTF8Buffer { u in u.baseAddress.map { memcmp(base + at, $0, n) == 0 } ?? (n == 0) }
        if same { at += n }
        return same
    }

    /// The member `"name":`, with the comma before it unless it is the object's first; nothing is taken when it
    /// does not come next.
    mutating func key(_ name: StaticString, first: Bool = false) -> Bool {
        let start = at
        guard first || take(0x2C), take(0x22), take(name), take(0x22), take(0x3A) else {
            at = start
            return false
        }
        return true
    }

    /// A string without a backslash or control character, valid UTF-8.
    mutating func string() -> String? { text(escapes: false) }

    /// A string that may hold the escapes a JSON writer writes: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, and
    /// `\u` with four hex digits naming a scalar that is not a surrogate (a pair of surrogates gives nil). No raw
    /// control character; the unescaped bytes valid UTF-8. What `JSONDecoder` reads from the same text.
    mutating func escapedString() -> String? { text(escapes: true) }

    private mutating func text(escapes: Bool) -> String? {
        guard take(0x22) else { return nil }
        let start = at
        // Most strings have no escape: their bytes are the string's.
        while at < bytes.count {
            let b = bytes[at]
            if b == 0x22 {
                let s = String.validUTF8(UnsafeRawBufferPointer(rebasing: bytes[start..<at]))
                at += 1
                return s
            }
            if b < 0x20 || (b == 0x5C && !escapes) { return nil }
            if b == 0x5C { break }
            at += 1
        }
        var out = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<at]))
        while at < bytes.count {
            let b = bytes[at]
            at += 1
            if b == 0x22 { return out.withUnsafeBytes { String.validUTF8($0) } }
            if b < 0x20 { return nil }
            guard b == 0x5C else {
                out.append(b)
                continue
            }
            guard at < bytes.count else { return nil }
            let e = bytes[at]
            at += 1
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)  // b
            case 0x66: out.append(0x0C)  // f
            case 0x6E: out.append(0x0A)  // n
            case 0x72: out.append(0x0D)  // r
            case 0x74: out.append(0x09)  // t
            case 0x75:  // u
                guard at + 4 <= bytes.count else { return nil }
                var v: UInt32 = 0
                for _ in 0..<4 {
                    let h = bytes[at]
                    at += 1
                    switch h {
                    case 0x30...0x39: v = v << 4 | UInt32(h - 0x30)
                    case 0x41...0x46: v = v << 4 | UInt32(h - 0x41 + 10)
                    case 0x61...0x66: v = v << 4 | UInt32(h - 0x61 + 10)
                    default: return nil
                    }
                }
                guard let scalar = Unicode.Scalar(v) else { return nil }  // a surrogate
                out.append(contentsOf: String(Character(scalar)).utf8)
            default: return nil
            }
        }
        return nil
    }

    /// A whole number as the writer writes an `Int`: `0`, or digits not starting with 0, optionally after `-`
    /// (`Int.min` included: a negative number is added up negative).
    mutating func integer() -> Int? {
        let negative = take(0x2D)
        let start = at
        var value = 0
        while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 {
            let digit = Int(bytes[at] - 0x30)
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            value = next
            at += 1
        }
        let digits = at - start
        guard digits > 0, digits == 1 || bytes[start] != 0x30 else { return nil }
        if negative && value == 0 { return nil }
        return value
    }

    mutating func bool() -> Bool? {
        if take("true") { return true }
        if take("false") { return false }
        return nil
    }

    /// A list of strings without escapes (`string()`), or with them when `escapes`.
    mutating func strings(escapes: Bool = false) -> [String]? {
        guard take(0x5B) else { return nil }
        var out: [String] = []
        if take(0x5D) { return out }
        repeat {
            guard let s = escapes ? escapedString() : string() else { return nil }
            out.append(s)
        } while take(0x2C)
        return take(0x5D) ? out : nil
    }

    /// The keys of an object in order, each read by `value` (which returns false for a key it does not know or a
    /// value it cannot read); false unless the object is read whole and its keys are in strictly increasing
    /// byte order (so none is there twice).
    mutating func object(_ value: (inout Self, String) -> Bool) -> Bool {
        guard take(0x7B) else { return false }
        if take(0x7D) { return true }
        var previous: [UInt8]?
        while true {
            guard let key = string() else { return false }
            let keyBytes = Array(key.utf8)
            if let p = previous, !p.lexicographicallyPrecedes(keyBytes) { return false }
            previous = keyBytes
            guard take(0x3A), value(&self, key) else { return false }
            if take(0x2C) { continue }
            return take(0x7D)
        }
    }
}

/// A reader of plain JSON that reads numbers that are not whole: it keeps a writer to check that a number's text
/// is the one the library's writer writes for the value read.
protocol PlainJSONNumbers: PlainJSONScanning {
    /// Writes a number read back (its room reused from one number to the next).
    var numbers: LibraryJSON.Writer { get }
}

extension PlainJSONNumbers {
    /// A number whose text is what the library's writer writes for the value it reads as (then every JSON reader
    /// reads the same number from it: the shortest text that reads back as the number).
    mutating func double() -> Double? {
        let start = at
        while at < bytes.count {
            let b = bytes[at]
            guard (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2B || b == 0x2E || b == 0x65 || b == 0x45 else { break }
            at += 1
        }
        let token = UnsafeRawBufferPointer(rebasing: bytes[start..<at])
        guard !token.isEmpty, let d = Double(String(decoding: token, as: UTF8.self)), d.isFinite else { return nil }
        // A copy of the writer writes into the same room (its bytes are a shared buffer).
        var w = numbers
        w.reset()
        w.number(d)
        guard w.out.count == token.count, let text = token.baseAddress, memcmp(w.out.base, text, token.count) == 0 else { return nil }
        return d
    }
}

/// A JSON list of strings in the form `LibraryJSON.strings` writes (no white space; strings with the escapes a
/// writer writes), read without `JSONDecoder`; nil for any other form, which the caller leaves to it.
enum PlainJSONList {
    static func strings(_ bytes: UnsafeRawBufferPointer) -> [String]? {
        var r = Reader(bytes: bytes)
        guard let list = r.strings(escapes: true), r.at == bytes.count else { return nil }
        return list
    }

    private struct Reader: PlainJSONScanning {
        let bytes: UnsafeRawBufferPointer
        var at = 0
    }
}

extension String {
    /// `String(validating: bytes, as: UTF8.self)`: the string of these bytes, nil when they are not valid UTF-8.
    /// That initialiser is generic over the sequence and, unspecialised in the standard library, looks up the type
    /// metadata of its buffers on every call: for the million short strings a night reads back from the library's
    /// JSON that was about 1,250 instructions a string, a tenth of the night (callgrind, 13th night of
    /// bench_nightly). `String(decoding:as:)` of a typed buffer is the standard library's fast path; it repairs
    /// what is not valid UTF-8 (each bad sequence becomes U+FFFD, whose bytes differ from it), so the bytes are
    /// valid exactly when the string's are the same bytes (`ValidUTF8Tests`).
    static func validUTF8(_ bytes: UnsafeRawBufferPointer) -> String? {
        bytes.withMemoryRebound(to: UInt8.self) { typed in
            var s = String(decoding: typed, as: UTF8.self)
            let same = s.withUTF8 { made in
                guard made.count == typed.count else { return false }
                guard let m = made.baseAddress, let t = typed.baseAddress else { return true }  // both empty
                return memcmp(m, t, made.count) == 0
            }
            return same ? s : nil
        }
    }
}
