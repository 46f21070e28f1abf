/// Canonical names of the supervising city/prefecture bureaus (归口市（州）科技局), so that 成都科技局,
/// 成都市科学技术局 and 成都市科技局 count as one bureau in the statistics. Provincial departments
/// (省教育厅 …) and anything not naming a city or prefecture are left as written.
public struct SupervisorNames: Sendable {
    /// (alias, canonical city or prefecture name), longest alias first.
    private let aliases: [(alias: String, name: String)]
    /// The same, looked up by alias (the first pair of `aliases` for an alias, as `first(where:)` finds it).
    private let names: [String: String]
    private let suffix: String
    private let bureauWords: [String]
    /// The bureau words' UTF-8 bytes, when every word is plain (`LabelText.plain`: ASCII and U+4000–U+9FFF), else nil.
    private let plainWordBytes: [[UInt8]]?

    /// Built from `supervisors` in pipeline.json; none configured: names are left as written.
    public init(config: PipelineConfig.Supervisors?) {
        var pairs: [(String, String)] = []
        for city in config?.cities ?? [] {
            pairs.append((city.name, city.name))
            for a in city.aliases { pairs.append((a, city.name)) }
        }
        aliases = pairs.sorted { $0.0.count > $1.0.count }
        var names: [String: String] = [:]
        for (alias, name) in aliases where names[alias] == nil { names[alias] = name }
        self.names = names
        suffix = config?.bureauName ?? "科技局"
        bureauWords = config?.bureauWords ?? ["科学技术局", "科技局"]
        let wordBytes = bureauWords.map { Array($0.utf8) }
        plainWordBytes = wordBytes.allSatisfy { $0.withUnsafeBufferPointer(LabelText.plain) } ? wordBytes : nil
    }

    /// What the byte reading of a value found: nothing it can decide, the value as written, or a city's name.
    private enum Reading { case undecided, asWritten, named(String) }

    /// `canonical(_:)` on the UTF-8 bytes of a plain value (ASCII and U+4000–U+9FFF, no whitespace) and plain bureau
    /// words: each scalar is then a character of its own with no canonical equivalent but itself, so `hasSuffix` is a
    /// byte suffix, `dropLast(word.count)` drops the word's bytes, and the filter of whitespace drops nothing (the
    /// grapheme and normalising String operations cost ~8,000 instructions a value).
    private func read(_ b: UnsafeBufferPointer<UInt8>) -> Reading {
        guard let words = plainWordBytes, LabelText.plain(b) else { return .undecided }
        for c in b where (c >= 0x09 && c <= 0x0D) || c == 0x20 { return .undecided }
        for word in words where word.count <= b.count {
            var same = true
            let offset = b.count - word.count
            for j in 0..<word.count where b[offset + j] != word[j] { same = false; break }
            guard same else { continue }
            let place = String(decoding: UnsafeBufferPointer(rebasing: b[0..<offset]), as: UTF8.self)
            guard let name = names[place] else { return .asWritten }
            return .named(name + suffix)
        }
        return .asWritten
    }

    /// The canonical bureau name, e.g. 绵阳科技局 → 绵阳市科技局, 凉山州科学技术局 → 凉山彝族自治州科技局.
    public func canonical(_ value: String) -> String {
        switch value.utf8.withContiguousStorageIfAvailable(read) ?? .undecided {
        case .asWritten: return value
        case .named(let name): return name
        case .undecided: break
        }
        // No byte that can start a whitespace scalar (tab…CR, space, U+0085, U+00A0, U+1680, U+2000…U+205F,
        // U+3000): nothing to drop.
        let compact = value.utf8.contains { ($0 >= 0x09 && $0 <= 0x0D) || $0 == 0x20 || $0 == 0xC2 || ($0 >= 0xE1 && $0 <= 0xE3) }
            ? value.filter { !$0.isWhitespace } : value
        guard let word = bureauWords.first(where: { compact.hasSuffix($0) }) else { return value }
        let place = String(compact.dropLast(word.count))
        guard let name = names[place] else { return value }
        return name + suffix
    }
}
