import OOXML

/// A rendered DOCX: its package parts in a fixed order, ready to be zipped deterministically.
public struct RenderedDocument: Sendable {
    /// Package parts, in the order they are written.
    public var parts: [ZipWriter.Entry]
    /// Creates a document.
    public init(parts: [ZipWriter.Entry]) { self.parts = parts }
}

/// Draws the monthly bulletin. (Placeholder: the rendering work replaces this.)
public enum BulletinRenderer {
    /// The bulletin draft for `issue`.
    public static func render(_ issue: BulletinIssue) throws -> RenderedDocument {
        RenderedDocument(parts: [])
    }
}

/// Draws the annual list. (Placeholder: the rendering work replaces this.)
public enum AnnualListRenderer {
    /// The annual list draft.
    public static func render(_ list: AnnualList) throws -> RenderedDocument {
        RenderedDocument(parts: [])
    }
}
