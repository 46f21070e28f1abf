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

/// Draws the statistics of submissions and adoptions (案例报送及采用情况) as a DOCX: a totals sentence and a
/// bordered table per submitting unit and per supervising bureau.
public enum StatisticsRenderer {
    /// The statistics draft for `stats`, on portrait A4 when its seven columns fit, landscape otherwise.
    /// Throws `RenderError` for a malformed date, month or quarter. (The rows count cases, never name one:
    /// `SubmissionStatistics.compute` leaves classified cases out.)
    public static func render(_ stats: SubmissionStatistics) throws -> RenderedDocument {
        RenderedDocument(parts: try WordPackage.parts(StatisticsLayout.document(stats)))
    }
}

/// Draws the quarterly release shortlist (季度发布建议名单) as a DOCX in the GB/T 9704-2012 layout.
public enum QuarterlyReleaseRenderer {
    /// The shortlist draft: one numbered section per achievement in rank order, with its facts and a short
    /// introduction from its summary. Throws `RenderError` for a malformed date or quarter, or when a
    /// classified case is among the entries.
    public static func render(_ release: QuarterlyRelease) throws -> RenderedDocument {
        RenderedDocument(parts: try WordPackage.parts(QuarterlyReleaseLayout.document(release)))
    }
}
