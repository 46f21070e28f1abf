import OOXML

/// Chooses the branch of `mc:AlternateContent` that a reader like this one should read: the first
/// `mc:Choice` whose required namespaces it understands, else `mc:Fallback` — never both, so a text box
/// written twice (DrawingML in the Choice, VML in the Fallback) is read once.
enum DocxAlternateContent {
    /// Namespaces whose content the walker reads (text boxes inside DrawingML and VML shapes, math).
    /// Namespaces whose elements it would skip (such as `w16se:symEx`, an emoji drawn from a font) are not
    /// listed, so their Fallback (plain `w:t`) is read instead.
    static let understood: Set<String> = OOXMLNamespace.wordprocessingMLAll.union(OOXMLNamespace.mathAll).union([
        OOXMLNamespace.word2010, OOXMLNamespace.word2012,
        OOXMLNamespace.drawingML, OOXMLNamespace.wordprocessingDrawing, OOXMLNamespace.wordprocessingDrawing2010,
        OOXMLNamespace.wordprocessingShape, OOXMLNamespace.wordprocessingGroup, OOXMLNamespace.wordprocessingCanvas,
        OOXMLNamespace.vml, OOXMLNamespace.vmlOffice, OOXMLNamespace.vmlWord,
        "http://schemas.microsoft.com/office/drawing/2010/main",
    ])

    /// The branch to read, or nil when no Choice is understood and there is no Fallback. Expects the
    /// `Requires` attribute resolved to namespace URIs (`XMLPrefixListAttribute.markupCompatibilityRequires`).
    static func branch(of alternateContent: XMLArenaElement) -> XMLArenaElement? {
        for e in alternateContent.elements where e.namespace == OOXMLNamespace.markupCompatibility {
            switch e.name {
            case "Choice":
                let required = (e.attribute("Requires") ?? "").split(separator: " ")
                if !required.isEmpty, required.allSatisfy({ understood.contains(String($0)) }) { return e }
            case "Fallback":
                return e
            default:
                continue
            }
        }
        return nil
    }
}
