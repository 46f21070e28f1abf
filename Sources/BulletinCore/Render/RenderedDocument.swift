import Foundation
import OOXML

/// A rendered DOCX: its package parts in a fixed order, ready to be zipped deterministically.
public struct RenderedDocument: Sendable {
    /// Package parts, in the order they are written.
    public var parts: [ZipWriter.Entry]
    /// Creates a document.
    public init(parts: [ZipWriter.Entry]) { self.parts = parts }

    /// The date every entry of a written DOCX carries: 2000-01-01 00:00 UTC, so equal documents are equal bytes.
    public static let fixedTimestamp = Date(timeIntervalSince1970: 946_684_800)

    /// Zips `doc`'s parts to `path` (replacing any file there) with the fixed timestamp: the same document
    /// always gives the same bytes. The caller moves the file into place.
    public static func write(_ doc: RenderedDocument, to path: String) throws {
        try ZipWriter.write(doc.parts, to: path, modified: fixedTimestamp)
    }
}
