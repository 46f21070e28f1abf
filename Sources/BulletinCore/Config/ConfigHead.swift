import Foundation

/// Reads, from pipeline.json's bytes alone, whether `PipelineConfig.decodableJSON` would hand the file's own
/// bytes to the decoder: the text is one valid JSON object, and the active profile (`profile`, "sichuan" when
/// absent) has no object under `profiles`. Parsing the 170 KB file with JSONSerialization only to read these two
/// keys cost ~33 M instructions at every command's start (2.4% of `inspect --json` of 2,000 CSV rows).
///
/// The scan checks the whole text against the JSON grammar (RFC 8259: strings with valid escapes and UTF-8, no
/// raw control characters; numbers; literals; nesting) and answers `true` only when it is sure; anything unusual
/// (a key written with escapes, a repeated `profile` key, a non-string profile, a surrogate escape, deep nesting,
/// invalid text) answers `false`, and the caller takes JSONSerialization's way as before.
enum ConfigHead {
    /// Whether `data` is a valid JSON object starting with `{` (after white space) whose active profile has no
    /// preset object under `profiles`; false when unsure.
    static func isPlain(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return false }
            var scan = Scanner(p: base.assumingMemoryBound(to: UInt8.self), n: raw.count)
            return scan.plain() ?? false
        }
    }

    private struct Scanner {
        let p: UnsafePointer<UInt8>
        let n: Int
        var i = 0

        init(p: UnsafePointer<UInt8>, n: Int) {
            self.p = p
            self.n = n
        }

        mutating func space() {
            while i < n, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
        }

        /// The answer for the whole text, nil when unsure.
        mutating func plain() -> Bool? {
            space()
            guard i < n, p[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            var profile: [UInt8]? = nil, seenProfile = false
            var profilesObject: (start: Int, end: Int)? = nil, seenProfiles = false
            space()
            if i < n, p[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    space()
                    guard let key = string(), !key.escaped else { return nil }
                    space()
                    guard i < n, p[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    space()
                    let valueStart = i
                    if equals(key, "profile") {
                        guard !seenProfile else { return nil }
                        seenProfile = true
                        guard i < n, p[i] == UInt8(ascii: "\""), let s = string(), !s.escaped else { return nil }
                        profile = Array(UnsafeBufferPointer(start: p + s.start, count: s.end - s.start))
                    } else {
                        guard value(depth: 1) else { return nil }
                        if equals(key, "profiles") {
                            guard !seenProfiles else { return nil }
                            seenProfiles = true
                            if p[valueStart] == UInt8(ascii: "{") { profilesObject = (valueStart, i) }
                        }
                    }
                    space()
                    guard i < n else { return nil }
                    if p[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard p[i] == UInt8(ascii: "}") else { return nil }
                    i += 1
                    break
                }
            }
            space()
            guard i == n else { return nil }
            guard let object = profilesObject else { return true }
            // The presets: plain unless the active profile's entry is an object.
            let active = profile ?? Array("sichuan".utf8)
            var sub = Scanner(p: p, n: object.end)
            sub.i = object.start + 1
            var found = false
            sub.space()
            if sub.i < sub.n, p[sub.i] == UInt8(ascii: "}") { return true }
            while true {
                sub.space()
                guard let key = sub.string(), !key.escaped else { return nil }
                sub.space()
                guard sub.i < sub.n, p[sub.i] == UInt8(ascii: ":") else { return nil }
                sub.i += 1
                sub.space()
                let valueStart = sub.i
                guard sub.value(depth: 2) else { return nil }
                if key.end - key.start == active.count, active.withUnsafeBufferPointer({ a in
                    (0..<a.count).allSatisfy { p[key.start + $0] == a[$0] }
                }) {
                    guard !found else { return nil }
                    found = true
                    if p[valueStart] == UInt8(ascii: "{") { return false }
                }
                sub.space()
                guard sub.i < sub.n else { return nil }
                if p[sub.i] == UInt8(ascii: ",") { sub.i += 1; continue }
                guard p[sub.i] == UInt8(ascii: "}") else { return nil }
                return true
            }
        }

        func equals(_ key: (start: Int, end: Int, escaped: Bool), _ word: StaticString) -> Bool {
            guard key.end - key.start == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for k in 0..<word.utf8CodeUnitCount where p[key.start + k] != w[k] { return false }
            return true
        }

        /// Skips one value; false when it is not valid JSON (or nests deeper than 64).
        mutating func value(depth: Int) -> Bool {
            guard i < n, depth <= 64 else { return false }
            switch p[i] {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"):
                i += 1
                space()
                if i < n, p[i] == UInt8(ascii: "}") { i += 1; return true }
                while true {
                    space()
                    guard i < n, p[i] == UInt8(ascii: "\""), string() != nil else { return false }
                    space()
                    guard i < n, p[i] == UInt8(ascii: ":") else { return false }
                    i += 1
                    space()
                    guard value(depth: depth + 1) else { return false }
                    space()
                    guard i < n else { return false }
                    if p[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard p[i] == UInt8(ascii: "}") else { return false }
                    i += 1
                    return true
                }
            case UInt8(ascii: "["):
                i += 1
                space()
                if i < n, p[i] == UInt8(ascii: "]") { i += 1; return true }
                while true {
                    space()
                    guard value(depth: depth + 1) else { return false }
                    space()
                    guard i < n else { return false }
                    if p[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard p[i] == UInt8(ascii: "]") else { return false }
                    i += 1
                    return true
                }
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let m = word.utf8CodeUnitCount, w = word.utf8Start
            guard i + m <= n else { return false }
            for k in 0..<m where p[i + k] != w[k] { return false }
            i += m
            return true
        }

        /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number() -> Bool {
            func digit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
            if i < n, p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < n, digit(p[i]) else { return false }
            if p[i] == 0x30 { i += 1 } else { while i < n, digit(p[i]) { i += 1 } }
            if i < n, p[i] == UInt8(ascii: ".") {
                i += 1
                guard i < n, digit(p[i]) else { return false }
                while i < n, digit(p[i]) { i += 1 }
            }
            if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
                i += 1
                if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
                guard i < n, digit(p[i]) else { return false }
                while i < n, digit(p[i]) { i += 1 }
            }
            return true
        }

        /// Skips a string at `i` (which must be `"`): its content's place and whether it holds an escape; nil when
        /// it is not a valid JSON string of valid UTF-8 (or holds a surrogate escape, left to JSONSerialization).
        mutating func string() -> (start: Int, end: Int, escaped: Bool)? {
            guard i < n, p[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            var escaped = false
            while i < n {
                let c = p[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return (start, i - 1, escaped)
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                    guard i + 1 < n else { return nil }
                    switch p[i + 1] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                    case UInt8(ascii: "u"):
                        guard i + 6 <= n else { return nil }
                        var v: UInt32 = 0
                        for k in 2..<6 {
                            let h = p[i + k]
                            let d: UInt8
                            switch h {
                            case 0x30...0x39: d = h - 0x30
                            case 0x41...0x46: d = h - 0x41 + 10
                            case 0x61...0x66: d = h - 0x61 + 10
                            default: return nil
                            }
                            v = v << 4 | UInt32(d)
                        }
                        guard !(0xD800...0xDFFF).contains(v) else { return nil }
                        i += 6
                    default:
                        return nil
                    }
                } else if c < 0x20 {
                    return nil
                } else if c < 0x80 {
                    i += 1
                } else {
                    guard let m = utf8Sequence(at: i) else { return nil }
                    i += m
                }
            }
            return nil
        }

        /// The length of the well-formed UTF-8 sequence at `k` (Unicode table 3-7), nil when ill-formed.
        func utf8Sequence(at k: Int) -> Int? {
            let c = p[k]
            func cont(_ j: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { j < n && p[j] >= lo && p[j] <= hi }
            switch c {
            case 0xC2...0xDF: return cont(k + 1) ? 2 : nil
            case 0xE0: return cont(k + 1, 0xA0) && cont(k + 2) ? 3 : nil
            case 0xE1...0xEC, 0xEE, 0xEF: return cont(k + 1) && cont(k + 2) ? 3 : nil
            case 0xED: return cont(k + 1, 0x80, 0x9F) && cont(k + 2) ? 3 : nil
            case 0xF0: return cont(k + 1, 0x90) && cont(k + 2) && cont(k + 3) ? 4 : nil
            case 0xF1...0xF3: return cont(k + 1) && cont(k + 2) && cont(k + 3) ? 4 : nil
            case 0xF4: return cont(k + 1, 0x80, 0x8F) && cont(k + 2) && cont(k + 3) ? 4 : nil
            default: return nil
            }
        }
    }
}
