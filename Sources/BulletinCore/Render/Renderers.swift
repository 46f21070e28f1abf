import OOXML

/// Draws the monthly bulletin 《创新驱动要参》 as a DOCX in the GB/T 9704-2012 layout.
public enum BulletinRenderer {
    /// The bulletin draft for `issue`: masthead, issue line, contents and one section per achievement.
    /// Throws `RenderError` for a malformed period or date, or when a classified case is among the entries.
    public static func render(_ issue: BulletinIssue) throws -> RenderedDocument {
        RenderedDocument(parts: try WordPackage.parts(BulletinLayout.document(issue)))
    }
}

/// Draws the annual list (年度榜单) as a DOCX: a titled, bordered table on landscape A4.
public enum AnnualListRenderer {
    /// The annual list draft: one table row per entry in rank order, header row repeated on each page.
    /// Throws `RenderError` for a malformed date, or when a classified case is among the entries.
    public static func render(_ list: AnnualList) throws -> RenderedDocument {
        RenderedDocument(parts: try WordPackage.parts(AnnualListLayout.document(list)))
    }
}
