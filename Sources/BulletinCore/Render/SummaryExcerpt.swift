/// A short introduction taken from a case summary (案例简介), for lists that present achievements briefly.
enum SummaryExcerpt {
    private static let sentenceEnds: Set<Character> = ["。", "！", "？"]

    /// The summary's first paragraph when it has at most `limit` characters; otherwise its longest
    /// beginning of at most `limit` characters that ends a sentence (。！？), or, when the first sentence is
    /// already longer, that sentence cut at `limit` with "……". "" for an empty summary.
    static func introduction(_ summary: String, limit: Int = 200) -> String {
        guard let first = XMLBuild.paragraphs(summary).first else { return "" }
        if first.count <= limit { return first }
        let head = first.prefix(limit)
        if let end = head.lastIndex(where: { sentenceEnds.contains($0) }) {
            return String(head[...end])
        }
        return String(head) + "……"
    }
}
