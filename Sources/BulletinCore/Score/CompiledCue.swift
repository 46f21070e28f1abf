import Foundation

/// A phrase or pattern from pipeline.json, compiled once when the scorer is built.
struct CompiledCue: Sendable {
    /// The phrase or pattern as written in the configuration.
    let source: String
    /// The compiled expression (NSRegularExpression is immutable and safe to share).
    let regex: NSRegularExpression

    /// A literal phrase: read as half-width, matched case-insensitively.
    static func phrase(_ phrase: String, path: String, file: String) throws -> CompiledCue {
        let text = TextForm.halfWidthASCII(phrase).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw ConfigError(file: file, path: path, message: "is empty; remove it or write a phrase") }
        return try compile(NSRegularExpression.escapedPattern(for: text), source: phrase, path: path, file: file)
    }

    /// A journal or other name: Latin names match as whole words (Nature, not Naturenet).
    static func name(_ name: String, path: String, file: String) throws -> CompiledCue {
        let text = TextForm.halfWidthASCII(name).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw ConfigError(file: file, path: path, message: "is empty; remove it or write a name") }
        var pattern = NSRegularExpression.escapedPattern(for: text)
        if let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic { pattern = "(?<![A-Za-z])" + pattern }
        if let last = text.unicodeScalars.last, last.isASCII, last.properties.isAlphabetic { pattern += "(?![A-Za-z])" }
        return try compile(pattern, source: name, path: path, file: file)
    }

    /// A regular expression, matched case-insensitively against the half-width text.
    static func pattern(_ pattern: String, path: String, file: String) throws -> CompiledCue {
        guard !pattern.isEmpty else { throw ConfigError(file: file, path: path, message: "is empty; remove it or write a pattern") }
        return try compile(TextForm.halfWidthASCII(pattern), source: pattern, path: path, file: file)
    }

    private static func compile(_ pattern: String, source: String, path: String, file: String) throws -> CompiledCue {
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        } catch {
            throw ConfigError(file: file, path: path, message: "\"\(source)\" is not a valid regular expression (NSRegularExpression syntax); fix or remove it")
        }
        if regex.firstMatch(in: "", options: [], range: NSRange(location: 0, length: 0)) != nil {
            throw ConfigError(file: file, path: path, message: "\"\(source)\" matches the empty string, so it would match every text; make it match at least one character")
        }
        return CompiledCue(source: source, regex: regex)
    }

    /// Every match in a text, as UTF-16 ranges.
    func ranges(in text: ScoringText) -> [NSRange] {
        regex.matches(in: text.normalised, options: [], range: NSRange(location: 0, length: text.length)).map(\.range)
    }

    /// The first match in a text.
    func firstRange(in text: ScoringText) -> NSRange? {
        regex.firstMatch(in: text.normalised, options: [], range: NSRange(location: 0, length: text.length))?.range
    }
}

/// A label and its compiled cues: one configured `CueGroup`.
struct CompiledGroup: Sendable {
    /// The label voted for.
    let label: String
    /// Weight of each cue found.
    let weight: Double
    /// Phrases, then patterns.
    let cues: [CompiledCue]

    /// Compiles a configured group; `path` is the group's JSON path, like `scoring.subtypes[2]`.
    init(_ group: ScoringConfig.CueGroup, path: String, file: String) throws {
        label = group.label
        weight = group.weight
        var cues: [CompiledCue] = []
        for (i, p) in group.phrases.enumerated() { cues.append(try .phrase(p, path: "\(path).phrases[\(i)]", file: file)) }
        for (i, p) in group.patterns.enumerated() { cues.append(try .pattern(p, path: "\(path).patterns[\(i)]", file: file)) }
        self.cues = cues
    }
}

/// Compiles a list of plain phrases (vocabulary lists such as hedge words) with their paths.
func compilePhrases(_ phrases: [String], path: String, file: String) throws -> [CompiledCue] {
    try phrases.enumerated().map { try CompiledCue.phrase($0.element, path: "\(path)[\($0.offset)]", file: file) }
}
