import Foundation

/// 常态发布: the approved public achievements of a month as a machine-readable feed (JSON and CSV), for a
/// platform such as the province's online technology market to pick up. Only approved issues make a feed, and
/// a classified case never appears in one.
public enum ReleaseFeed {
    /// One achievement in the feed.
    public struct Entry: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var unit: String
        public var category: String
        public var level: String
        public var field: String
        public var summary: String
        public var date: String
    }

    /// The feed of an approved issue (empty for a draft).
    public static func entries(_ issue: BulletinIssue) -> [Entry] {
        guard !issue.draft else { return [] }
        return issue.entries.filter { !$0.classified }.map { c in
            Entry(id: c.id, title: c[.title], unit: c[.submitter], category: c.assessment.category, level: c.assessment.level,
                  field: c.assessment.industry, summary: c[.summary], date: issue.date.description)
        }
    }

    /// The feed as JSON (an array, keys sorted, one deterministic encoding).
    public static func json(_ entries: [Entry]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(entries)) + [0x0A]
    }

    /// The feed as CSV rows (the header first).
    public static func csvRows(_ entries: [Entry]) -> [[String]] {
        [["id", "title", "unit", "category", "level", "field", "summary", "date"]]
            + entries.map { [$0.id, $0.title, $0.unit, $0.category, $0.level, $0.field, $0.summary, $0.date] }
    }
}
