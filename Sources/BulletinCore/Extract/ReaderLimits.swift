import OOXML

extension PipelineConfig.Limits {
    /// The zip limits every reader of an Office file (DOCX, XLSX) applies while inflating.
    var zip: ZipLimits {
        ZipLimits(maxEntries: zipMaxEntries, maxEntryBytes: zipMaxEntryBytes, maxTotalBytes: zipMaxTotalBytes, maxRatio: zipMaxRatio)
    }
}
