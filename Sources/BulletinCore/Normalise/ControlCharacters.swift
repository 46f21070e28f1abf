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
        guard s.unicodeScalars.contains(where: isStripped) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.filter { !isStripped($0) }))
    }

    /// One note per submission and field holding stripped characters, naming them by code point.
    public static func notes(_ submissions: [Submission]) -> [String] {
        var out: [String] = []
        for s in submissions {
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
