import Foundation

/// The JSON the library stores for a case (`caseRecord.json`), a history record (`caseEvent.json`) and a match
/// verdict (`duplicateFlag.verdict`, `sighting.matchVerdict`), written directly: byte for byte what `JSONEncoder`
/// with `.sortedKeys` writes for these values, without its boxing of every value and key. Encoding the night's
/// cases through `JSONEncoder` was a seventh of a 20,000-row run (issue 14).
///
/// The rules are Foundation's, on this toolchain: object keys in the byte order of their UTF-8; an optional
/// that is nil leaves its key out; strings escape `"`, `\`, `/` (as `\/`), and U+0000…U+001F (`\b`, `\t`,
/// `\n`, `\f`, `\r`, else `\u00xx` in lower-case hex), everything else as its own UTF-8; a number is its Swift
/// `description`, less a trailing `.0`. `LibraryJSONTests` holds the writer to `JSONEncoder`'s bytes on real
/// cases and on strings and numbers chosen to break it, and checks that the writer names every stored property
/// of each type (a property added later must be added here too, or the test fails).
/// A value holding a number that is not finite has no JSON: these functions then return what `JSONEncoder` does
/// (it throws).
enum LibraryJSON {
    /// The stored JSON of a case.
    static func string(_ record: CaseRecord) throws -> String { String(decoding: try utf8(record), as: UTF8.self) }

    /// The stored JSON of a history record.
    static func string(_ event: CaseEvent) throws -> String { String(decoding: try utf8(event), as: UTF8.self) }

    /// The stored JSON of a match verdict.
    static func string(_ verdict: MatchVerdict) throws -> String { String(decoding: try utf8(verdict), as: UTF8.self) }

    /// The stored JSON of a case, as its UTF-8 bytes: what the library binds, as a blob that `textSQL` makes
    /// text again (the bytes are valid UTF-8 by construction; a `String` of them would be validated once more,
    /// a quarter of writing a case's JSON).
    static func utf8(_ record: CaseRecord) throws -> Data {
        var w = Writer()
        w.reserve(16_384)
        return try utf8(record, reusing: &w)
    }

    /// The stored JSON of a case, written by `w` (emptied first): a writer kept for a night's cases keeps its room
    /// and the text of the numbers it wrote. The same bytes as `utf8(_:)`.
    static func utf8(_ record: CaseRecord, reusing w: inout Writer) throws -> Data {
        w.reset()
        w.record(record)
        return try w.finish { try CaseLibrary.encoder.encode(record) }
    }

    /// The stored JSON of a history record, as its UTF-8 bytes.
    static func utf8(_ event: CaseEvent) throws -> Data {
        var w = Writer()
        w.event(event)
        return try w.finish { try CaseLibrary.encoder.encode(event) }
    }

    /// The stored JSON of a match verdict, as its UTF-8 bytes.
    static func utf8(_ verdict: MatchVerdict) throws -> Data {
        var w = Writer()
        return try utf8(verdict, reusing: &w)
    }

    /// The stored JSON of a match verdict, written by `w` (emptied first), as `utf8(_:)` writes it.
    static func utf8(_ verdict: MatchVerdict, reusing w: inout Writer) throws -> Data {
        w.reset()
        w.verdict(verdict)
        return try w.finish { try CaseLibrary.encoder.encode(verdict) }
    }

    /// The SQL of a bound value that `utf8(_:)` made: SQLite reads the blob's bytes as text in the database's
    /// encoding (UTF-8), so the column holds TEXT with exactly those bytes, as when the JSON was bound as a
    /// string (JSON escapes U+0000, so no byte is NUL).
    static let textSQL = "CAST(? AS TEXT)"

    /// A JSON array of strings, as `JSONEncoder` writes a `[String]` (the match postings' token values,
    /// `MatchPostings.tokenText`).
    static func strings(_ list: [String]) -> String {
        var w = Writer()
        w.strings(list)
        return String(decoding: UnsafeBufferPointer(start: w.out.base, count: w.out.count), as: UTF8.self)
    }

    /// The field names in the byte order of their raw values, as `.sortedKeys` writes a `[Field: String]`.
    static let sortedFields: [Field] = Field.allCases.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }

    /// The bytes a `Writer` appends to: one growing allocation written through its pointer, so that a byte, a key
    /// or a run of a string's bytes costs a bounds check and a store or a copy, not an `Array` append each (the
    /// uniqueness check and growth of `[UInt8]` on every byte were most of writing a case: store9). Shared by
    /// the copies of a writer (a writer is used by one owner, never copied to write twice).
    final class Bytes {
        private(set) var base: UnsafeMutablePointer<UInt8>
        private(set) var count = 0
        private var capacity: Int
        /// Recent numbers' text (not whole, so written through `description`), direct-mapped by their bits: a
        /// case's reasons repeat the same few weights, and a writer kept for a night's cases writes each once.
        var numberBits = [UInt64](repeating: 0, count: 64)
        var numberText = [[UInt8]?](repeating: nil, count: 64)

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        /// Room for `n` more bytes.
        @inline(__always) func ensure(_ n: Int) {
            if count + n > capacity { grow(count + n) }
        }

        @inline(never) private func grow(_ needed: Int) {
            let newCapacity = max(needed, capacity * 2)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            bigger.update(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity = newCapacity
        }

        func reserve(_ n: Int) { if n > capacity { grow(n) } }

        /// Appends a byte for which room was made.
        @inline(__always) func putUnchecked(_ b: UInt8) {
            base[count] = b
            count += 1
        }

        @inline(__always) func put(_ b: UInt8) {
            ensure(1)
            putUnchecked(b)
        }

        /// Appends `n` bytes from `p`, for which room was made.
        @inline(__always) func putUnchecked(_ p: UnsafePointer<UInt8>, _ n: Int) {
            (base + count).update(from: p, count: n)
            count += n
        }

        @inline(__always) func put(_ p: UnsafePointer<UInt8>, _ n: Int) {
            ensure(n)
            putUnchecked(p, n)
        }

        func put(_ list: [UInt8]) {
            list.withUnsafeBufferPointer { b in
                if let p = b.baseAddress { put(p, b.count) }
            }
        }

        func removeAll() { count = 0 }

        var array: [UInt8] { [UInt8](UnsafeBufferPointer(start: base, count: count)) }
        var data: Data { Data(bytes: base, count: count) }
    }

    /// The UTF-8 of one JSON value, appended to.
    struct Writer {
        let out: Bytes
        /// The bytes written.
        var bytes: [UInt8] { out.array }
        /// False once a number that is not finite was met.
        var finite = true
        /// Whether `/` is written `\/` (Foundation's default, the library's JSON); the audit log's lines leave it
        /// as it is (`.withoutEscapingSlashes`, `AuditLine`).
        var escapesSlash = true
        private var first = true

        init() { out = Bytes(capacity: 4096) }

        /// Room for `count` bytes (a case's JSON is about 10 KB: growing from 4 KB copied it twice).
        mutating func reserve(_ count: Int) { out.reserve(count) }

        /// Empties the writer for the next value (its room and its numbers kept).
        mutating func reset() {
            out.removeAll()
            finite = true
            first = true
        }

        /// The bytes written, or, when a number was not finite, what `fallback` gives (Foundation's error).
        func finish(_ fallback: () throws -> Data) throws -> Data {
            guard finite else { return try fallback() }
            return out.data
        }

        // MARK: - Values

        mutating func string(_ s: String) {
            let escapesSlash = escapesSlash
            let out = out
            var s = s
            s.withUTF8 { utf8 in
                let count = utf8.count
                out.ensure(count + 2)
                out.putUnchecked(0x22)
                guard let p = utf8.baseAddress else {
                    out.putUnchecked(0x22)
                    return
                }
                let raw = UnsafeRawPointer(p)
                var start = 0
                var i = 0
                while i < count {
                    // Eight bytes at a time while none of them needs escaping (most of a case's text): a word has a
                    // byte below 0x20, or equal to `"`, `\` or `/`, exactly when `needsEscape` is not zero.
                    if i + 8 <= count, Self.needsEscape(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) == 0 {
                        i += 8
                        continue
                    }
                    let b = p[i]
                    i += 1
                    guard b < 0x20 || b == 0x22 || b == 0x5C || (b == 0x2F && escapesSlash) else { continue }
                    let at = i - 1
                    // The run before it, then its escape (at most six bytes), then room for the rest and the quote.
                    out.ensure(at - start + 6 + (count - i) + 1)
                    if start < at { out.putUnchecked(p + start, at - start) }
                    start = at + 1
                    out.putUnchecked(0x5C)
                    switch b {
                    case 0x22, 0x5C, 0x2F: out.putUnchecked(b)
                    case 0x08: out.putUnchecked(0x62)  // b
                    case 0x09: out.putUnchecked(0x74)  // t
                    case 0x0A: out.putUnchecked(0x6E)  // n
                    case 0x0C: out.putUnchecked(0x66)  // f
                    case 0x0D: out.putUnchecked(0x72)  // r
                    default:
                        out.putUnchecked(0x75)
                        out.putUnchecked(0x30)
                        out.putUnchecked(0x30)
                        out.putUnchecked(Self.hexDigit(b >> 4))
                        out.putUnchecked(Self.hexDigit(b & 0xF))
                    }
                }
                if start < count { out.putUnchecked(p + start, count - start) }
                out.putUnchecked(0x22)
            }
        }

        /// Lower-case hex digit of 0…15.
        @inline(__always) static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }

        /// Not zero exactly when one of the word's eight bytes is below 0x20 or is `"`, `\\` or `/` (the bytes a JSON
        /// string escapes): the high bit of each byte of `(x - 0x01…) & ~x & 0x80…` is set for a zero byte and
        /// no borrow reaches a byte's high bit unless a lower byte was zero, so the word is zero only when no
        /// byte matched; below 0x20 likewise with 0x20 in place of 0x01.
        static func needsEscape(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
            let below = (word &- ones &* 0x20) & ~word & highs
            return below | zeroByte(word ^ (ones &* 0x22)) | zeroByte(word ^ (ones &* 0x5C)) | zeroByte(word ^ (ones &* 0x2F))
        }

        /// The largest magnitude below which a whole number is written as its integer: `Double.description`
        /// writes a whole number below 2^53 as its digits and `.0` (and larger ones with an exponent).
        static let wholeLimit = 1e15

        mutating func number(_ d: Double) {
            guard d.isFinite else {
                finite = false
                return
            }
            // A whole number (not -0, whose description is "-0.0"): its digits, as its description less ".0".
            if d == d.rounded(.towardZero), d.magnitude < Self.wholeLimit, !(d == 0 && d.sign == .minus) {
                number(Int(d))
                return
            }
            let bits = d.bitPattern
            let slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 58)
            if out.numberBits[slot] == bits, let text = out.numberText[slot] {
                out.put(text)
                return
            }
            // Its description less a trailing ".0" (ASCII, so the last two bytes are the last two characters).
            var text = Array(d.description.utf8)
            let n = text.count
            if n >= 2 && text[n - 2] == 0x2E && text[n - 1] == 0x30 { text.removeLast(2) }
            out.numberBits[slot] = bits
            out.numberText[slot] = text
            out.put(text)
        }

        mutating func number(_ i: Int) {
            guard i != Int.min else {
                let text = Array(String(i).utf8)
                out.put(text)
                return
            }
            // Its decimal digits, as `String(i)` writes them.
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            var n = 0
            var v = UInt(i.magnitude)
            withUnsafeMutableBytes(of: &digits) { buf in
                repeat {
                    n += 1
                    buf[24 - n] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                    v /= 10
                } while v > 0
                out.ensure(n + 1)
                if i < 0 { out.putUnchecked(0x2D) }
                if let base = buf.baseAddress { out.putUnchecked(base.assumingMemoryBound(to: UInt8.self) + (24 - n), n) }
            }
        }

        mutating func bool(_ b: Bool) {
            out.ensure(5)
            if b {
                for c: UInt8 in [0x74, 0x72, 0x75, 0x65] { out.putUnchecked(c) }
            } else {
                for c: UInt8 in [0x66, 0x61, 0x6C, 0x73, 0x65] { out.putUnchecked(c) }
            }
        }

        mutating func strings(_ list: [String]) {
            out.put(0x5B)
            for (i, s) in list.enumerated() {
                if i > 0 { out.put(0x2C) }
                string(s)
            }
            out.put(0x5D)
        }

        mutating func array<T>(_ list: [T], _ element: (inout Writer, T) -> Void) {
            out.put(0x5B)
            for (i, x) in list.enumerated() {
                if i > 0 { out.put(0x2C) }
                element(&self, x)
            }
            out.put(0x5D)
        }

        /// An object whose `body` writes its members with `key`, in byte order of the keys.
        mutating func object(_ body: (inout Writer) -> Void) {
            out.put(0x7B)
            let outer = first
            first = true
            body(&self)
            first = outer
            out.put(0x7D)
        }

        /// A member's key (and the comma before it, but for the first).
        mutating func key(_ name: StaticString) {
            let comma = !first
            first = false
            let out = out
            name.withUTF8Buffer { u in
                out.ensure(u.count + 4)
                if comma { out.putUnchecked(0x2C) }
                out.putUnchecked(0x22)
                if let p = u.baseAddress { out.putUnchecked(p, u.count) }
                out.putUnchecked(0x22)
                out.putUnchecked(0x3A)
            }
        }

        /// A member's key that is not a literal (a field's name).
        mutating func dynamicKey(_ name: String) {
            if !first { out.put(0x2C) }
            first = false
            string(name)
            out.put(0x3A)
        }

        // MARK: - The library's values (keys in byte order)

        mutating func record(_ r: CaseRecord) {
            object { w in
                w.key("assessment"); w.assessment(r.assessment)
                w.key("classified"); w.bool(r.classified)
                w.key("fields"); w.object { w in
                    for f in LibraryJSON.sortedFields {
                        guard let v = r.fields[f] else { continue }
                        w.dynamicKey(f.rawValue)
                        w.string(v)
                    }
                }
                w.key("id"); w.string(r.id)
                w.key("period"); w.string(r.period.description)
                w.key("received"); w.string(r.received.description)
                w.key("sourceFile"); w.string(r.sourceFile)
                w.key("sourceIndex"); w.number(r.sourceIndex)
                w.key("sourceSHA256"); w.string(r.sourceSHA256)
                w.key("titleKey"); w.string(r.titleKey)
            }
        }

        mutating func assessment(_ a: Assessment) {
            object { w in
                if let amount = a.amountWanYuan { w.key("amountWanYuan"); w.number(amount) }
                w.key("category"); w.string(a.category)
                if let c = a.confidence {
                    w.key("confidence"); w.object { w in
                        w.key("category"); w.number(c.category)
                        w.key("industry"); w.number(c.industry)
                        w.key("level"); w.number(c.level)
                        w.key("subtype"); w.number(c.subtype)
                    }
                }
                w.key("eligible"); w.bool(a.eligible)
                w.key("flags"); w.strings(a.flags)
                w.key("industry"); w.string(a.industry)
                if let i = a.inferred {
                    w.key("inferred"); w.object { w in
                        w.key("category"); w.string(i.category)
                        w.key("industry"); w.string(i.industry)
                        w.key("level"); w.string(i.level)
                        w.key("subtype"); w.string(i.subtype)
                    }
                }
                w.key("level"); w.string(a.level)
                w.key("needsReview"); w.bool(a.needsReview)
                w.key("reasons"); w.array(a.reasons) { w, r in
                    w.object { w in
                        w.key("conclusion"); w.string(r.conclusion)
                        w.key("field"); w.string(r.field)
                        w.key("matched"); w.string(r.matched)
                        w.key("rule"); w.string(r.rule)
                        w.key("weight"); w.number(r.weight)
                    }
                }
                w.key("reviewReasons"); w.strings(a.reviewReasons)
                w.key("score"); w.number(a.score)
                w.key("subtype"); w.string(a.subtype)
            }
        }

        mutating func event(_ e: CaseEvent) {
            object { w in
                w.key("caseId"); w.string(e.caseId)
                w.key("date"); w.string(e.date.description)
                w.key("decision"); w.string(e.decision)
                if let from = e.from { w.key("from"); w.string(from.rawValue) }
                if let l = e.labels {
                    w.key("labels"); w.object { w in
                        if let c = l.category { w.key("category"); w.string(c.rawValue) }
                        if let i = l.industry { w.key("industry"); w.string(i.rawValue) }
                        if let v = l.level { w.key("level"); w.string(v.rawValue) }
                    }
                }
                if let order = e.order { w.key("order"); w.number(order) }
                w.key("runId"); w.string(e.runId)
                w.key("sequence"); w.number(e.sequence)
                if let s = e.source {
                    w.key("source"); w.object { w in
                        w.key("file"); w.string(s.file)
                        w.key("location"); w.string(s.location)
                        w.key("sha256"); w.string(s.sha256)
                        if let id = s.sheetId { w.key("sheetId"); w.string(id) }
                    }
                }
                w.key("step"); w.string(e.step)
                w.key("to"); w.string(e.to.rawValue)
                w.key("who"); w.string(e.who)
                w.key("why"); w.string(e.why)
            }
        }

        mutating func verdict(_ v: MatchVerdict) {
            object { w in
                w.key("evidence"); w.array(v.evidence) { w, e in
                    w.object { w in
                        w.key("field"); w.string(e.field.rawValue)
                        w.key("note"); w.string(e.note)
                        w.key("weight"); w.number(e.weight)
                    }
                }
                w.key("otherApproved"); w.bool(v.otherApproved)
                w.key("otherID"); w.string(v.otherID)
                w.key("otherTitle"); w.string(v.otherTitle)
                w.key("outcome"); w.string(v.outcome.rawValue)
                w.key("reason"); w.string(v.reason)
                w.key("score"); w.number(v.score)
                w.key("subjectID"); w.string(v.subjectID)
                w.key("vetoes"); w.array(v.vetoes) { w, x in
                    w.object { w in
                        w.key("kind"); w.string(x.kind.rawValue)
                        w.key("mine"); w.strings(x.mine)
                        w.key("theirs"); w.strings(x.theirs)
                    }
                }
            }
        }
    }
}
