import OOXML

/// Building `XMLElement` trees for writing, and making text safe for XML 1.0.
enum XMLBuild {
    /// An element named `name` (prefixed, e.g. "w:p") with attributes in the order given and child elements.
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                        _ children: [XMLElement] = []) -> XMLElement {
        XMLElement(name: name,
                   attributes: attributes.map { XMLAttribute(name: $0.key, value: $0.value) },
                   children: children.map { .element($0) })
    }

    /// An element holding only character data.
    static func text(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ text: String) -> XMLElement {
        XMLElement(name: name,
                   attributes: attributes.map { XMLAttribute(name: $0.key, value: $0.value) },
                   children: [.text(text)])
    }

    /// `text` without the characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage
    /// return; U+FFFE, U+FFFF). libxml2 escapes `<`, `&` and quotes; these it cannot write at all.
    static func legal(_ text: String) -> String {
        // Most text is legal throughout: then it is returned as it is, not rebuilt scalar by scalar.
        if text.unicodeScalars.allSatisfy(isLegal) { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            switch u.value {
            case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
                out.append(u)
            default:
                continue
            }
        }
        return String(out)
    }

    /// Whether XML 1.0 allows the scalar (the cases `legal` keeps).
    static func isLegal(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// One line of text for a run: legal XML, line breaks and tabs as spaces, runs of spaces joined, trimmed.
    static func line(_ text: String) -> String {
        var out = ""
        var space = false
        for ch in legal(text) {
            if ch.isWhitespace && ch != "\u{3000}" {
                space = true
                continue
            }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(ch)
        }
        return out
    }

    /// The paragraphs of a multi-line text: split at line breaks, each cleaned as a `line` and with any
    /// leading ideographic spaces (a hand-made indent) removed; empty ones dropped.
    static func paragraphs(_ text: String) -> [String] {
        legal(text).split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\u{2028}" || $0 == "\u{2029}" })
            .map { line(String($0)).trimmingPrefix { $0 == "\u{3000}" || $0 == " " } }
            .map(String.init)
            .filter { !$0.isEmpty }
    }
}
