import Foundation

extension ScoringConfig {
    /// `scoring.industryTitleHeads`: one-character heads of goods and the words that may follow one in a title.
    ///
    /// Configuration, not code: `python3 tools/build_industry_cues.py` writes it from `data/industry-title-heads.tsv`
    /// (derived by `python3 tools/industry_words.py --title-heads` from the class names of GB/T 4754-2017 that make
    /// goods, 门类 A–D: a character is a head of an industry when the use words of 4-digit classes end with it at
    /// least twice, three quarters of them in that industry, less `gbt4754.headStopChars`) and from
    /// `gbt4754.headTails` of `data/industry-taxonomy.json`. A test checks it against the TSV.
    public struct TitleHeads: Sendable, Codable, Equatable {
        /// One head: the character, its industry, and a few class words ending with it (named in the reason).
        public struct Head: Sendable, Codable, Equatable {
            /// One Han character (机, 船, 钢 …).
            public var char: String
            /// One of the seven industries or 其他.
            public var industry: String
            /// The class words ending with it, shortened for the reason (内燃机、汽轮机、水轮机…).
            public var words: String
            /// Creates a head.
            public init(char: String, industry: String, words: String) {
                self.char = char
                self.industry = industry
                self.words = words
            }
        }
        /// Where the table comes from (ignored by the scorer).
        public var source: String?
        /// The heads; none when the section is absent (then no title is read for a head of goods).
        public var heads: [Head]
        /// What may follow a head in a title and leave it the head (关键技术, 及, 项目 …).
        public var tails: [String]
        /// Creates a table.
        public init(source: String? = nil, heads: [Head] = [], tails: [String] = []) {
            self.source = source
            self.heads = heads
            self.tails = tails
        }

        /// Checks what a decoder cannot: each head one Han character, listed once, of a known industry, with its
        /// words ending with it; no empty tail. The error names the JSON path and what to do.
        func validate(file: String) throws {
            let section = "scoring.industryTitleHeads"
            let redo = "rewrite it with python3 tools/build_industry_cues.py from data/industry-title-heads.tsv"
            var seen: [String: Int] = [:]
            for (i, h) in heads.enumerated() {
                let path = "\(section).heads[\(i)]"
                guard h.char.utf16.count == 1, let u = h.char.utf16.first, IndustryTitleHeads.isHan(u) else {
                    throw ConfigError(file: file, path: "\(path).char", message: "is \"\(h.char)\"; a head is one Han character (机, 船, 钢); \(redo)")
                }
                if let first = seen[h.char] {
                    throw ConfigError(file: file, path: "\(path).char", message: "\"\(h.char)\" is listed again (first at heads[\(first)]); list each head once")
                }
                seen[h.char] = i
                guard AchievementTaxonomy.industries.contains(h.industry) else {
                    throw ConfigError(file: file, path: "\(path).industry", message: "is \"\(h.industry)\"; use one of \(AchievementTaxonomy.industries.joined(separator: ", "))")
                }
                let words = h.words.replacingOccurrences(of: "…", with: "").split(separator: "、")
                guard !words.isEmpty, words.allSatisfy({ $0.hasSuffix(h.char) }) else {
                    throw ConfigError(file: file, path: "\(path).words", message: "is \"\(h.words)\"; name the class words ending with \"\(h.char)\", separated by 、; \(redo)")
                }
            }
            for (i, t) in tails.enumerated() where t.isEmpty {
                throw ConfigError(file: file, path: "\(section).tails[\(i)]", message: "is empty; remove it or name the word that may follow a head (关键技术, 及)")
            }
        }
    }
}

/// One-character heads of goods: a title whose name ends with 机, 船, 钢, 纸 … says what kind of thing the achievement
/// is even when no cue word names it (国产四行箱式采棉机, 极地科考破冰船雪龙2号, 超薄手撕钢, 高蓬松生活用纸).
///
/// Built once per configuration from `scoring.industryTitleHeads` (see `ScoringConfig.TitleHeads`).
struct IndustryTitleHeads: Sendable {
    /// UTF-16 unit of the head → (industry, the class words ending with it, shortened for the reason).
    let unitTable: [UInt16: (industry: String, words: String)]
    /// What may follow a head in a title: the rest of a title names the work on the thing or the thing's name.
    let tails: [[UInt16]]

    /// The heads' units, for a test without hashing (most title characters are no head).
    let marks: HanMarks

    init(_ config: ScoringConfig.TitleHeads) {
        var out: [UInt16: (industry: String, words: String)] = [:]
        for h in config.heads {
            if let u = h.char.utf16.first, out[u] == nil { out[u] = (h.industry, h.words) }
        }
        unitTable = out
        marks = HanMarks(out.keys)
        tails = config.tails.map { Array($0.utf16) }
    }

    static func isHan(_ u: UInt16) -> Bool { u >= 0x4E00 && u <= 0x9FFF }

    /// Whether any head character occurs after the first unit (where one could end a compound).
    func occurs(in units: [UInt16]) -> Bool {
        units.count > 1 && units[1...].contains { marks.contains($0) }
    }

    /// The last head character in `units[0..<end]` that ends a compound (a Han character before it) and is followed by
    /// the end, a character that is not Han (a quote, a digit), a tail word (关键技术, 首批 …) or a short name
    /// (国信1号, 雪龙2号): its offset, character and table entry. Nil when there is none.
    func last(in units: [UInt16], before end: Int) -> (offset: Int, char: String, industry: String, words: String)? {
        if unitTable.isEmpty { return nil }
        var p = end - 1
        while p >= 1 {
            if marks.contains(units[p]), let entry = unitTable[units[p]], Self.isHan(units[p - 1]), endsNoun(units, after: p + 1, end: end) {
                return (p, String(decoding: [units[p]], as: UTF16.self), entry.industry, entry.words)
            }
            p -= 1
        }
        return nil
    }

    func endsNoun(_ units: [UInt16], after q: Int, end: Int) -> Bool {
        if q >= end || !Self.isHan(units[q]) { return true }
        for t in tails where q + t.count <= end && units[q..<(q + t.count)].elementsEqual(t) { return true }
        // A name after the thing: up to four Han characters, then a digit or 号 (国信1号, 雪龙2号).
        var k = q
        while k < end, k - q < 4, Self.isHan(units[k]), units[k] != 0x53F7 { k += 1 }
        return k > q && k < end && ((units[k] >= 0x30 && units[k] <= 0x39) || units[k] == 0x53F7)
    }
}

/// A set of CJK unified ideographs (U+4E00–U+9FFF) as a bitmap: membership is a shift and a mask, no hashing.
struct HanMarks: Sendable {
    private var bits = [UInt64](repeating: 0, count: (0x9FFF - 0x4E00) / 64 + 1)

    init<S: Sequence>(_ units: S) where S.Element == UInt16 {
        for u in units where IndustryTitleHeads.isHan(u) {
            let i = Int(u) - 0x4E00
            bits[i >> 6] |= 1 << UInt64(i & 63)
        }
    }

    /// Whether `u` is one of the set's characters.
    @inline(__always) func contains(_ u: UInt16) -> Bool {
        guard u >= 0x4E00, u <= 0x9FFF else { return false }
        let i = Int(u) - 0x4E00
        return bits[i >> 6] & (1 << UInt64(i & 63)) != 0
    }
}
