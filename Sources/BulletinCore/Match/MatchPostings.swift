import Foundation

/// What the match index keeps of a case it does not hold in full: its title and summary n-grams and the values of
/// its hard tokens (contrast words aside). They are a function of the case's title and summary and of the settings
/// named by `MatchSettings.postingsKey`; the library keeps them beside each case (table `matchPostings`, written
/// when the case is created), so the nightly index of the month window reads them instead of preparing a full
/// profile of every case of the window each night.
public struct MatchPostings: Sendable, Equatable {
    /// Title n-grams after generic words are removed, sorted and distinct (`MatchProfile.titleGrams`).
    public var titleGrams: [UInt64]
    /// Summary n-grams, sorted and distinct (`MatchProfile.summaryGrams`).
    public var summaryGrams: [UInt64]
    /// The distinct values of the title's and summary's hard tokens, contrast words left out, sorted.
    public var tokens: [String]

    /// Creates postings from their parts.
    public init(titleGrams: [UInt64], summaryGrams: [UInt64], tokens: [String]) {
        self.titleGrams = titleGrams
        self.summaryGrams = summaryGrams
        self.tokens = tokens
    }

    /// The postings of a prepared profile.
    public init(_ profile: MatchProfile) {
        titleGrams = profile.titleGrams
        summaryGrams = profile.summaryGrams
        tokens = profile.tokenValues
    }

    // MARK: - Stored form

    /// Grams as stored: 8 bytes each, little-endian.
    static func blob(_ grams: [UInt64]) -> Data {
        var data = Data(capacity: grams.count * 8)
        for g in grams {
            withUnsafeBytes(of: g.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Grams read back from their stored form; nil when the bytes are not a whole number of grams.
    static func grams(_ data: Data) -> [UInt64]? {
        guard data.count % 8 == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<raw.count / 8).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)) }
        }
    }

    /// Token values as stored: a JSON array of strings.
    static func tokenText(_ tokens: [String]) -> String {
        (try? JSONEncoder().encode(tokens)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// Token values read back from the JSON's bytes, nil when they are not a JSON array of strings: the form
    /// `LibraryJSON.strings` writes without `JSONDecoder` (`PlainJSONList`; reading the window's postings decoded
    /// 12,000 lists through it), any other form through it.
    static func tokens(json: Data) -> [String]? {
        if let plain = json.withUnsafeBytes({ PlainJSONList.strings($0) }) { return plain }
        return try? JSONDecoder().decode([String].self, from: json)
    }
}

extension MatchSettings {
    /// Which postings a stored row may stand for: the version of the code that makes them (`MatchText`,
    /// `HardTokens`: raise `postingsFormat` when either changes what it gives) and every setting they depend on.
    /// A row made under another key is not used; the case's postings are made again from its text.
    public var postingsKey: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let parts = (try? encoder.encode(PostingsInputs(titleGram: titleGram, summaryGram: summaryGram, genericTitleWords: genericTitleWords,
                                                          contrastTerms: contrastTerms))) ?? Data()
        return "v\(MatchSettings.postingsFormat):" + Hashing.sha256([UInt8](parts))
    }

    /// The version of the code that makes postings; raise it when `MatchText` or `HardTokens` change their output.
    static let postingsFormat = 1

    private struct PostingsInputs: Encodable {
        var titleGram: Int
        var summaryGram: Int
        var genericTitleWords: [String]
        var contrastTerms: [[String]]
    }
}
