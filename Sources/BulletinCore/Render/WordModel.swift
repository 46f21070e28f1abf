/// A tiny WordprocessingML document model: just what the bulletin and the lists draw.
/// `WordXML` turns it into `w:` elements; `WordPackage` into the parts of a DOCX.

// MARK: - Runs

/// Character formatting applied directly to a run, on top of its paragraph's style.
struct WordRunFormat: Sendable, Equatable {
    /// Font for every script (ascii, hAnsi, eastAsia, cs), or nil for the style's.
    var font: String? = nil
    /// Bold.
    var bold = false
    /// Colour as RRGGBB, or nil.
    var color: String? = nil
    /// A box drawn around the run (for the 草稿 mark).
    var boxed = false
    /// Extra space between characters, in twips.
    var spacing: Int? = nil
}

/// A piece of a paragraph.
enum WordInline: Sendable, Equatable {
    /// Text (sanitised for XML 1.0 when written).
    case text(String, WordRunFormat = WordRunFormat())
    /// A tab character, moving to the next tab stop.
    case tab
    /// A line break inside the paragraph (a title's chosen turn of line).
    case lineBreak
    /// The current page number (a PAGE field).
    case pageNumber(WordRunFormat = WordRunFormat())
}

// MARK: - Paragraphs

/// Horizontal alignment of a paragraph.
enum WordAlignment: String, Sendable {
    case left, center, right, both
}

/// A horizontal rule drawn as a paragraph border.
struct WordRule: Sendable, Equatable {
    /// Colour as RRGGBB.
    var color: String
    /// Width in eighths of a point.
    var eighths: Int
}

/// A tab stop: its kind and its position from the left margin, in twips.
struct WordTabStop: Sendable, Equatable {
    /// "left", "right" or "center".
    var kind: String
    /// Position in twips.
    var position: Int
}

/// A paragraph: a style, a few direct properties, and its inlines.
struct WordParagraph: Sendable, Equatable {
    /// Paragraph style id (from `WordStyles`), or nil for Normal.
    var style: String? = nil
    /// Alignment, or nil for the style's.
    var alignment: WordAlignment? = nil
    /// First-line indent in hundredths of a character (200 = two characters), or nil.
    var firstLineChars: Int? = nil
    /// Hanging indent of the lines after the first, in hundredths of a character, or nil.
    var hangingChars: Int? = nil
    /// Right indent in hundredths of a character, or nil.
    var rightChars: Int? = nil
    /// Left indent in hundredths of a character, or nil.
    var leftChars: Int? = nil
    /// A rule under the paragraph, or nil.
    var bottomRule: WordRule? = nil
    /// Tab stops.
    var tabs: [WordTabStop] = []
    /// Space before, in twips, or nil.
    var spaceBefore: Int? = nil
    /// Space after, in twips, or nil.
    var spaceAfter: Int? = nil
    /// Keep with the next paragraph on the same page.
    var keepNext = false
    /// The inlines.
    var inlines: [WordInline] = []
}

// MARK: - Tables

/// A table cell: its paragraphs.
struct WordCell: Sendable, Equatable {
    /// The paragraphs (at least one is written).
    var paragraphs: [WordParagraph]
}

/// A bordered table with a fixed grid and a header row repeated on every page.
struct WordTable: Sendable, Equatable {
    /// Column widths in twips.
    var columns: [Int]
    /// The header row, repeated at the top of each page.
    var header: [WordCell]
    /// Body rows.
    var rows: [[WordCell]]
}

// MARK: - Document

/// A block-level item of the body.
enum WordBlock: Sendable, Equatable {
    case paragraph(WordParagraph)
    case table(WordTable)
}

/// The document's line grid (lines only: see `OfficialFormat.bodyCharacterSpacing`).
struct WordDocGrid: Sendable, Equatable {
    /// Line pitch in twips.
    var linePitch: Int
}

/// Page size, orientation, margins and grid of the (single) section; lengths in twips.
struct WordPageSetup: Sendable, Equatable {
    var width: Int
    var height: Int
    var landscape: Bool
    var top: Int
    var bottom: Int
    var left: Int
    var right: Int
    var header: Int
    var footer: Int
    var grid: WordDocGrid

    /// The width between the margins.
    var textWidth: Int { width - left - right }
}

/// A whole document: body, page set-up and the metadata of docProps.
struct WordDocument: Sendable, Equatable {
    /// The body, in order.
    var blocks: [WordBlock]
    /// The section's page set-up.
    var page: WordPageSetup
    /// dc:title.
    var title: String
    /// dc:creator.
    var creator: String
    /// The document's date, "YYYY-MM-DD", used for the fixed docProps dates.
    var date: String
}
