/// Namespace URIs of Office Open XML. Match elements by these, never by prefix: a file may bind
/// WordprocessingML to `w:`, `ns0:` or no prefix at all.
public enum OOXMLNamespace {
    // MARK: - WordprocessingML

    /// WordprocessingML, Transitional (what Word, WPS and LibreOffice write).
    public static let wordprocessingML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    /// WordprocessingML, Strict (ISO/IEC 29500 Strict, "Strict Open XML Document" in Word's Save As).
    public static let wordprocessingMLStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    /// Both WordprocessingML namespaces.
    public static let wordprocessingMLAll: Set<String> = [wordprocessingML, wordprocessingMLStrict]

    /// Word 2010 extensions (`w14:`): content-control checkboxes, among others.
    public static let word2010 = "http://schemas.microsoft.com/office/word/2010/wordml"
    /// Word 2012 extensions (`w15:`).
    public static let word2012 = "http://schemas.microsoft.com/office/word/2012/wordml"

    // MARK: - Shared

    /// Relationship references in parts (`r:id`), Transitional.
    public static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    /// Relationship references in parts, Strict.
    public static let officeRelationshipsStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    /// Markup compatibility (`mc:AlternateContent`, `mc:Choice`, `mc:Fallback`, `mc:Ignorable`).
    public static let markupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    /// Office Math (`m:`), Transitional.
    public static let math = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    /// Office Math, Strict.
    public static let mathStrict = "http://purl.oclc.org/ooxml/officeDocument/math"
    /// Both Office Math namespaces.
    public static let mathAll: Set<String> = [math, mathStrict]

    // MARK: - Drawing

    /// DrawingML main (`a:`).
    public static let drawingML = "http://schemas.openxmlformats.org/drawingml/2006/main"
    /// DrawingML placement in WordprocessingML (`wp:`).
    public static let wordprocessingDrawing = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    /// DrawingML shapes in WordprocessingML (`wps:`), which hold text boxes.
    public static let wordprocessingShape = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    /// DrawingML groups in WordprocessingML (`wpg:`).
    public static let wordprocessingGroup = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
    /// DrawingML canvases in WordprocessingML (`wpc:`).
    public static let wordprocessingCanvas = "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"
    /// Word 2010 drawing extensions (`wp14:`).
    public static let wordprocessingDrawing2010 = "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"
    /// VML (`v:`), the pre-2010 way of drawing shapes and text boxes.
    public static let vml = "urn:schemas-microsoft-com:vml"
    /// VML Office extensions (`o:`).
    public static let vmlOffice = "urn:schemas-microsoft-com:office:office"
    /// VML Word extensions (`w10:`).
    public static let vmlWord = "urn:schemas-microsoft-com:office:word"

    // MARK: - Packaging (OPC)

    /// Relationship parts (`_rels/*.rels`).
    public static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    /// Content types (`[Content_Types].xml`).
    public static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
}

/// Relationship types that locate parts of a package.
public enum OOXMLRelationshipType {
    /// The main part of the package (word/document.xml in a Word file), Transitional.
    public static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    /// The main part of the package, Strict.
    public static let officeDocumentStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
    /// Both spellings of the main-part relationship.
    public static let officeDocumentAll: Set<String> = [officeDocument, officeDocumentStrict]
}
