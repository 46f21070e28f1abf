import SystemFiles
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The encodings a delimited file may come in, as detected.
public enum TextEncodingName: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
}

/// Detects and decodes the text encodings Chinese Windows and Excel produce. GB18030 goes through iconv
/// (Foundation on Linux cannot decode it).
public enum TextDecoding {
    /// Decodes `bytes`, returning the text and the encoding used; throws a Refusal when nothing fits.
    public static func decode(_ bytes: [UInt8], fileName: String) throws -> (String, TextEncodingName) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                throw Refusal("\(fileName) starts with a UTF-8 byte-order mark but is not valid UTF-8", advice: "save it again as \"CSV UTF-8\"")
            }
            return (s, .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return (try utf16(bytes.dropFirst(2), little: true, fileName), .utf16LE) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try utf16(bytes.dropFirst(2), little: false, fileName), .utf16BE) }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, .utf8) }
        // A large file of one- and two-byte codes through the table of iconv's answers (the same text); else iconv.
        if let s = GB18030Table.decode(bytes) ?? iconvDecode(bytes, from: "GB18030") { return (s, .gb18030) }
        throw Refusal("\(fileName) is neither UTF-8, UTF-16 nor GB18030 text", advice: "open it in Excel and save it as \"CSV UTF-8 (逗号分隔)\"")
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, little: Bool, _ fileName: String) throws -> String {
        guard bytes.count % 2 == 0 else {
            throw Refusal("\(fileName) is UTF-16 with an odd number of bytes (cut short?)", advice: "save it again from Excel")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(little ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        guard let s = String(validating: units, as: UTF16.self) else {
            throw Refusal("\(fileName) is UTF-16 but holds an unpaired surrogate", advice: "save it again from Excel")
        }
        return s
    }

    /// Decodes with iconv; nil when the bytes are not valid in that encoding.
    public static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? { Iconv.decode(bytes, from: encoding) }
}
