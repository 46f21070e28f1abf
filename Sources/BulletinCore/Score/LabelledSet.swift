import Foundation

/// A labelled case: a title and summary with the category, subtype, level and industry a reviewer
/// would give them (Tests/BulletinCoreTests/Fixtures/labelled/cases.json).
public struct LabelledCase: Sendable, Codable, Equatable {
    /// The four labels.
    public struct Labels: Sendable, Codable, Equatable {
        /// 成果类别
        public var category: String
        /// Subtype, or "".
        public var subtype: String
        /// 技术水平, or "".
        public var level: String
        /// 产业
        public var industry: String
    }
    /// A short id, unique in the file.
    public var id: String
    /// 成果名称
    public var title: String
    /// 案例简介
    public var summary: String
    /// What a reviewer would conclude.
    public var expected: Labels
    /// Where the text comes from.
    public var basis: String?
    /// What makes the case hard, if anything.
    public var hard: String?
}

/// A file of labelled cases.
public struct LabelledSet: Sendable, Codable {
    /// Schema version (1).
    public var version: Int
    /// What the set is and how it was written.
    public var about: String?
    /// The cases.
    public var cases: [LabelledCase]

    /// Reads and checks a labelled file: every label must be one of DOMAIN.md's, ids unique.
    public static func load(from url: URL) throws -> LabelledSet {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LabelledSetError(file: url.path, message: "cannot be read (\(error.localizedDescription))")
        }
        let set: LabelledSet
        do { set = try JSONDecoder().decode(LabelledSet.self, from: data) } catch {
            throw LabelledSetError(file: url.path, message: "is not a labelled set: \(error)")
        }
        var seen: Set<String> = []
        for c in set.cases {
            func check(_ value: String, _ allowed: [String], _ name: String) throws {
                guard allowed.contains(value) else {
                    throw LabelledSetError(file: url.path, message: "case \(c.id): expected.\(name) \"\(value)\" is not one of \(allowed.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", "))")
                }
            }
            guard seen.insert(c.id).inserted else { throw LabelledSetError(file: url.path, message: "case id \(c.id) appears twice") }
            try check(c.expected.category, AchievementTaxonomy.categories, "category")
            try check(c.expected.subtype, [""] + (AchievementTaxonomy.subtypesByCategory[c.expected.category] ?? []), "subtype")
            try check(c.expected.level, [""] + AchievementTaxonomy.levels, "level")
            try check(c.expected.industry, AchievementTaxonomy.industries, "industry")
        }
        return set
    }
}

/// A labelled file that cannot be used.
public struct LabelledSetError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public var file: String
    /// What is wrong.
    public var message: String
    /// A sentence a person can read.
    public var description: String { "\(file): \(message)" }
}
