/// Control characters (NUL, the other C0 and C1 controls, DEL, and the bidirectional overrides that can
/// make a title read differently from its bytes) never reach the library, a document or a sheet: the
/// normaliser strips them, and the file's notes say where they were.
public enum ControlCharacters {
    /// Whether `u` is stripped. Tab, line feed, carriage return, vertical tab, form feed and NEL are left to
    /// `TextForm.tidy`, which turns them into spaces or line breaks.
    public static func isStripped(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x08, 0x0E...0x1F, 0x7F...0x84, 0x86...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `s` without the stripped characters (unchanged, and not copied, when it has none).
    public static func strip(_ s: String) -> String {
        guard hasStripped(s) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.filter { !isStripped($0) }))
    }

    /// Whether `s` holds a stripped character, read from the UTF-8 bytes: C0 and DEL are single bytes, C1 is
    /// C2 80…9F, the bidirectional controls are E2 80 AA…AE and E2 81 A6…A9.
    static func hasStripped(_ s: String) -> Bool {
        let found = s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                // U+4000…U+9FFF (lead bytes E4…E9): none of its bytes can start what is looked for; passed at once.
                if c >= 0xE4 && c <= 0xE9 { i += 3; continue }
                if c < 0x20 || c == 0x7F {
                    if c <= 0x08 || c >= 0x0E { return true }
                } else if c == 0xC2, i + 1 < n, (0x80...0x9F).contains(b[i + 1]), b[i + 1] != 0x85 {
                    return true
                } else if c == 0xE2, i + 2 < n,
                          (b[i + 1] == 0x80 && (0xAA...0xAE).contains(b[i + 2])) || (b[i + 1] == 0x81 && (0xA6...0xA9).contains(b[i + 2])) {
                    return true
                }
                i += 1
            }
            return false
        }
        return found ?? s.unicodeScalars.contains(where: isStripped)
    }

    /// One note per submission and field holding stripped characters, naming them by code point.
    public static func notes(_ submissions: [Submission]) -> [String] {
        var out: [String] = []
        for s in submissions {
            guard s.fields.values.contains(where: hasStripped) || s.extras.values.contains(where: hasStripped) else { continue }
            let values = s.fields.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, $0.value) }
                + s.extras.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, $0.value) }
            for (field, value) in values {
                let found = value.unicodeScalars.filter(isStripped)
                guard !found.isEmpty else { continue }
                var kinds: [String] = []
                for u in found {
                    let name = u.value == 0 ? "NUL" : "U+" + String(u.value, radix: 16, uppercase: true).leftPadded(4)
                    if !kinds.contains(name) { kinds.append(name) }
                }
                out.append("\(found.count) control character(s) (\(kinds.joined(separator: ", "))) removed from \(field) at \(s.location)")
            }
        }
        return out
    }
}
