import Foundation
import OOXML

/// Tells from a file's first bytes what it really is, so that a file which is not a DOCX gets a refusal
/// that says what it is and what to do, instead of "not a zip archive".
enum DocxSniffer {
    /// Magic of an OLE2 compound file: Word 97–2003, WPS, and password-protected Office 2007+ files.
    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// Magic of a zip local file header, the first bytes of every DOCX.
    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// Why the file cannot be a DOCX, or nil when it starts like a zip archive and is worth opening.
    static func refusal(for bytes: [UInt8], fileName: String) -> Refusal? {
        if bytes.isEmpty {
            return Refusal("\(fileName) is empty (0 bytes)",
                           advice: "ask the submitter to send the file again; it was probably cut off while being copied or downloaded")
        }
        if bytes.starts(with: zipMagic) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) || bytes.starts(with: [0x50, 0x4B, 0x07, 0x08]) {
            return nil
        }
        let saveAsDocx = "open it in Word or WPS, choose Save As › Word Document (*.docx), and drop the .docx into the inbox"
        if bytes.starts(with: oleMagic) {
            return oleRefusal(bytes, fileName: fileName, saveAsDocx: saveAsDocx)
        }
        if hasExtension(fileName, "wps") {
            return Refusal("\(fileName) is a WPS Writer document (.wps), which this reader cannot read", advice: saveAsDocx)
        }
        if contains(Array("%PDF-".utf8), in: bytes.prefix(1024)) {
            return Refusal("\(fileName) is a PDF file, not a Word document (it was renamed or exported)",
                           advice: "ask the submitter for the 报送表 as a .docx file: a PDF's table cannot be read reliably")
        }
        if let image = imageKind(bytes) {
            return Refusal("\(fileName) is a \(image) image (a scan or screenshot), not a Word document",
                           advice: "ask the submitter for the 报送表 as a .docx file typed in Word or WPS, not a picture of it")
        }
        if bytes.starts(with: Array("{\\rtf".utf8)) {
            return Refusal("\(fileName) is a Rich Text (RTF) document, not a .docx", advice: saveAsDocx)
        }
        if looksLikeWebPage(bytes) {
            return Refusal("\(fileName) is a web page (HTML or MHT, Word's \"Save as Web Page\"), not a .docx", advice: saveAsDocx)
        }
        return Refusal("\(fileName) is not a Word document: it does not start like a .docx (zip) file",
                       advice: "check that this is the 报送表 saved as .docx; " + saveAsDocx)
    }

    // MARK: - OLE compound files

    private static func oleRefusal(_ bytes: [UInt8], fileName: String, saveAsDocx: String) -> Refusal {
        if contains(utf16LE("EncryptedPackage"), in: bytes[...]) {
            return Refusal("\(fileName) is a password-protected Word document: its content is encrypted and cannot be read",
                           advice: "ask the submitter to remove the password (Word: File › Info › Protect Document › Encrypt with Password, clear the box; WPS: File › Document Encryption) and send the file again")
        }
        if hasExtension(fileName, "wps") || contains(utf16LE("WpsCustomData"), in: bytes[...]) {
            return Refusal("\(fileName) is a WPS Writer document (.wps), which this reader cannot read", advice: saveAsDocx)
        }
        if contains(utf16LE("Workbook"), in: bytes[...]) && !contains(utf16LE("WordDocument"), in: bytes[...]) {
            return Refusal("\(fileName) is an Excel 97–2003 workbook (.xls), not a Word document",
                           advice: "send the 报送表 as a .docx, or the summary sheet saved as CSV (UTF-8)")
        }
        return Refusal("\(fileName) is a Word 97–2003 document (.doc), which this reader cannot read", advice: saveAsDocx)
    }

    // MARK: - Other kinds

    private static func imageKind(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "PNG" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "JPEG" }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return "GIF" }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "WebP" }
        if bytes.count >= 12, Array(bytes[4..<12]) == Array("ftypheic".utf8) { return "HEIC" }
        return nil
    }

    private static func looksLikeWebPage(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        let trimmed = head.drop(while: { $0 == "\u{FEFF}" || $0.isWhitespace })
        if trimmed.hasPrefix("mime-version:") { return true }
        return trimmed.hasPrefix("<") && (head.contains("<html") || head.contains("<!doctype html"))
    }

    // MARK: - Bytes

    static func hasExtension(_ fileName: String, _ ext: String) -> Bool {
        fileName.lowercased().hasSuffix("." + ext)
    }

    static func utf16LE(_ s: String) -> [UInt8] {
        s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// Whether `needle` occurs in `hay` (a linear scan, fine for the few megabytes a form file has).
    static func contains(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Bool {
        ByteSearch.contains(needle, in: hay)
    }
}
