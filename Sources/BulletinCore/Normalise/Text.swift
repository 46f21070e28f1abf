import Foundation

/// Small text normalisations shared by the readers and the checks.
public enum TextForm {
    /// Full-width ASCII (Ａ１，) to half-width, ideographic space to space; CJK punctuation is kept.
    public static func halfWidthASCII(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF01...0xFF5E:
                out.append(Unicode.Scalar(UInt8(u.value - 0xFEE0)))
            case 0x3000, 0x00A0, 0x2002...0x200A, 0x202F, 0x205F:
                out.append(" ")
            default:
                out.append(u)
            }
        }
        return String(out)
    }

    /// Full-width letters and digits (Ａ１) to half-width and odd spaces to plain ones; Chinese punctuation
    /// （，。：；（）“”） is kept, as a Chinese reader expects it.
    public static func halfWidthAlphanumerics(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                out.append(Unicode.Scalar(UInt8(u.value - 0xFEE0)))
            case 0x00A0, 0x2002...0x200A, 0x202F, 0x205F:
                out.append(" ")
            default:
                out.append(u)
            }
        }
        return String(out)
    }

    /// Trims, drops zero-width characters, joins runs of spaces and tabs; keeps line breaks between paragraphs
    /// (CRLF and CR become LF; more than one empty line becomes one). One pass over Unicode scalars (walking
    /// grapheme clusters cost a tenth of a submission's time), no Foundation.
    public static func tidy(_ s: String) -> String {
        var lines: [String.UnicodeScalarView] = []
        var line = String.UnicodeScalarView()
        var pendingSpace = false
        var afterCR = false
        for u in s.unicodeScalars {
            defer { afterCR = u == "\r" }
            switch u {
            case "\n" where afterCR:
                continue
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(line)
                line = String.UnicodeScalarView()
                pendingSpace = false
            case "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{00AD}":
                continue
            case " ", "\t", "\u{3000}", "\u{00A0}":
                pendingSpace = !line.isEmpty
            default:
                if pendingSpace { line.append(" ") }
                pendingSpace = false
                line.append(u)
            }
        }
        lines.append(line)
        var out = String.UnicodeScalarView()
        var lastEmpty = true
        var pendingBreaks = 0
        for l in lines {
            if l.isEmpty {
                if !lastEmpty { pendingBreaks = 2 }
                lastEmpty = true
                continue
            }
            if !out.isEmpty { out.append(contentsOf: pendingBreaks == 2 ? "\n\n".unicodeScalars : "\n".unicodeScalars) }
            out.append(contentsOf: l)
            pendingBreaks = 1
            lastEmpty = false
        }
        return String(out)
    }

    /// A key for comparing labels: no spaces, half-width brackets and colons unified, trailing colon and
    /// a trailing bracketed note such as （不超过1000字） removed.
    public static func labelKey(_ label: String) -> String {
        var out = String.UnicodeScalarView()
        for u in halfWidthASCII(label).unicodeScalars {
            switch u {
            case "【": out.append("[")
            case "】": out.append("]")
            case "*", "＊": continue
            default:
                if u.properties.isWhitespace { continue }
                out.append(u)
            }
        }
        var s = String(out)
        while s.hasSuffix(":") { s.removeLast() }
        return s
    }

    /// The label key without any bracketed parts: 报送单位(产学研等单位) → 报送单位.
    public static func labelStem(_ label: String) -> String {
        var out = ""
        var depth = 0
        for ch in labelKey(label) {
            if ch == "(" || ch == "[" { depth += 1; continue }
            if ch == ")" || ch == "]" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(ch) }
        }
        return out
    }

    /// Characters as a person counts them (grapheme clusters), ignoring line breaks.
    public static func characterCount(_ s: String) -> Int {
        s.reduce(0) { $0 + ($1.isNewline ? 0 : 1) }
    }
}
