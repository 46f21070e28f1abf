import Foundation
/// Writes CSV that opens cleanly in Excel on Chinese Windows: UTF-8 with a byte-order mark, CRLF line ends,
/// RFC 4180 quoting, and no cell left to be read as a formula (OWASP CSV injection: a cell starting with
/// `=`, `+`, `-`, `@`, tab or carriage return is prefixed with an apostrophe).
public enum CSVWriter {
    /// The bytes of a CSV file with `rows` (the first is usually the header).
    public static func bytes(_ rows: [[String]]) -> [UInt8] {
        var out = "\u{FEFF}"
        for row in rows {
            out += row.map(cell).joined(separator: ",")
            out += "\r\n"
        }
        return Array(out.utf8)
    }

    /// One cell, defused and quoted when needed.
    public static func cell(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"].contains(Character(first)) {
            v = "'" + v
        }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
