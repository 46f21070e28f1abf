/// The kind of a hard token: a detail that tells two similar achievements apart.
public enum HardTokenKind: String, Sendable, Codable, Equatable, Hashable, CaseIterable {
    /// A number with a unit: 300MW, 10万T (power in MW, weight in T).
    case quantity
    /// A model or product code or an acronym: CR450, HL-2M, PANDAX-4T, TNC.
    case code
    /// A name ending in a number, as varieties and series are named: 川农优498, 川麦104.
    case variety
    /// A quoted name: 《中国泥石流》, “天府肉猪”.
    case quoted
    /// A standard number: ISO 12345, GB/T 1234 (the year of the edition is not compared).
    case standard
    /// A patent number: ZL202010123456.
    case patent
    /// One word of a contrast group: 变速 / 定速, 单晶 / 多晶.
    case contrast

    /// The Chinese name used in explanations.
    public var chinese: String {
        switch self {
        case .quantity: return "数量单位"
        case .code: return "型号代码"
        case .variety: return "品种编号"
        case .quoted: return "引号名称"
        case .standard: return "标准号"
        case .patent: return "专利号"
        case .contrast: return "区分词"
        }
    }
}

/// One hard token: its kind, the family within which two tokens compete (a unit, a name stem, a contrast
/// group), and its normalised value.
public struct HardToken: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    /// The kind.
    public var kind: HardTokenKind
    /// Tokens of one family compete: 300MW and 600MW (family MW), 川农优498 and 川农优528 (family 农优).
    public var family: String
    /// The normalised value: 300MW, 川农优498, GB/T1234.
    public var value: String

    /// Creates a token.
    public init(kind: HardTokenKind, family: String, value: String) {
        self.kind = kind
        self.family = family
        self.value = value
    }

    /// The value.
    public var description: String { value }
}

/// Extraction of hard tokens from normalised text (`MatchText.normalise`).
public enum HardTokens {
    static let standardPrefixes = ["ISO", "IEC", "IEEE", "ASTM", "ITU", "GB", "DB", "GJB", "EN", "API", "UL", "JIS"]
    static let patentPrefixes = ["ZL", "CN", "US", "EP", "WO", "PCT"]
    /// Unit symbols after a number (after `normalise`), longest first.
    static let unitSymbols: [[Unicode.Scalar]] = ["KWH", "MWH", "MHZ", "GHZ", "MPA", "GPA", "KW", "MW", "GW", "KV",
                                                 "NM", "UM", "MM", "CM", "KM", "M3", "M2", "KG", "HZ", "M", "T"]
        .map { Array($0.unicodeScalars) }
    /// Characters after a number that make it a count, a date or an ordinal rather than a name's number.
    static let countWords: Set<Unicode.Scalar> = Set("年月日万亿千百个项家种次台套件名人倍天余多座条期代级亩斤元位篇部株头只片所届批类款".unicodeScalars)
    /// Characters before a number that make it an ordinal or a count, not a name.
    static let ordinalWords: Set<Unicode.Scalar> = Set("第近约达超逾共计余".unicodeScalars)

    /// The hard tokens of a normalised text. Contrast words are looked for only when groups are given.
    public static func extract(_ normalised: String, contrast: [[String]] = []) -> Set<HardToken> {
        let s = MatchText.scalars(normalised)
        if contrast.isEmpty { return extract(scalars: s) }
        let key = MatchText.keyScalars(s)
        return extract(scalars: s, key: ScalarText(key).string, keyScalars: key, contrast: contrast)
    }

    /// `extract` of the text of the scalars `s` (a normalised text's), given its key as a string and as scalars
    /// when contrast groups are given (a profile has made both already).
    static func extract(scalars s: [Unicode.Scalar], key: String = "", keyScalars: [Unicode.Scalar] = [],
                        contrast: [[String]] = []) -> Set<HardToken> {
        var tokens = Set<HardToken>()
        quoted(s, into: &tokens)
        asciiRuns(s, into: &tokens)
        quantities(s, into: &tokens)
        varieties(s, into: &tokens)
        if !contrast.isEmpty {
            // A bit per scalar value modulo 64 of the key: a word one of whose scalars has no bit set is not in
            // the key (a UTF-8 match starts and ends on whole scalars), and most titles hold few of the words.
            var inKey: UInt64 = 0
            for u in keyScalars { inKey |= 1 << (u.value & 63) }
            func mayHold(_ w: String) -> Bool { w.unicodeScalars.allSatisfy { inKey & (1 << ($0.value & 63)) != 0 } }
            for (i, group) in contrast.enumerated() {
                for w in group where !w.isEmpty && mayHold(w) && key.holds(w) {
                    // A longer word of the group that holds this one (二代 in 第二代) speaks for it.
                    if group.contains(where: { $0 != w && $0.holds(w) && key.holds($0) }) { continue }
                    tokens.insert(HardToken(kind: .contrast, family: "contrast\(i)", value: w))
                }
            }
        }
        return tokens
    }

    // MARK: - Quoted names

    static let quotePairs: [Unicode.Scalar: Unicode.Scalar] = ["《": "》", "“": "”", "「": "」", "『": "』", "\"": "\"", "‘": "’", "〈": "〉"]

    static func quoted(_ s: [Unicode.Scalar], into tokens: inout Set<HardToken>) {
        var i = 0
        while i < s.count {
            // Every opening mark is `"` or lies in U+2018…U+300E: ideographs and letters skip the lookup.
            let u = s[i]
            guard u == "\"" || (u.value >= 0x2018 && u.value <= 0x300E), let close = quotePairs[u] else { i += 1; continue }
            var j = i + 1
            while j < s.count && s[j] != close && j - i <= 40 { j += 1 }
            if j < s.count && s[j] == close {
                let inner = MatchText.key(ScalarText(s[(i + 1)..<j]).string)
                if inner.unicodeScalars.count >= 2 {
                    tokens.insert(HardToken(kind: .quoted, family: "quoted", value: inner))
                }
                i = j + 1
            } else {
                i += 1
            }
        }
    }

    // MARK: - Codes, standards, patents

    static func isASCIIAlnum(_ u: Unicode.Scalar) -> Bool { MatchText.isDigit(u) || MatchText.isUpper(u) }

    static func asciiRuns(_ s: [Unicode.Scalar], into tokens: inout Set<HardToken>) {
        var i = 0
        while i < s.count {
            guard MatchText.isUpper(s[i]), i == 0 || !isASCIIAlnum(s[i - 1]) && s[i - 1] != "-" && s[i - 1] != "/" else {
                i += 1
                continue
            }
            // A run: letters, digits, and . - / inside; one space when a digit follows (ISO 12345).
            var j = i
            var run: [Unicode.Scalar] = []
            while j < s.count {
                let u = s[j]
                if isASCIIAlnum(u) { run.append(u); j += 1; continue }
                if (u == "-" || u == "/" || u == "." || u == "—" || u == "–") && j + 1 < s.count && isASCIIAlnum(s[j + 1]) && !run.isEmpty {
                    run.append(u == "—" || u == "–" ? "-" : u)
                    j += 1
                    continue
                }
                if u == " " && j + 1 < s.count && MatchText.isDigit(s[j + 1]) && !run.isEmpty && !MatchText.isDigit(run[run.count - 1]) {
                    j += 1
                    continue
                }
                break
            }
            classify(run, into: &tokens)
            i = max(j, i + 1)
        }
    }

    static func classify(_ run: [Unicode.Scalar], into tokens: inout Set<HardToken>) {
        let text = ScalarText(run).string
        let letters = run.prefix { !MatchText.isDigit($0) }
        let prefix = ScalarText(letters).string
        let hasDigit = run.contains(where: MatchText.isDigit)
        guard hasDigit else {
            // An acronym names a product or a technique as a code does: TNC / HJT, GAN / SIC.
            let letters = run.filter(MatchText.isUpper)
            if letters.count >= 2 && letters.count <= 10 {
                tokens.insert(HardToken(kind: .code, family: "code", value: text.filter { $0 != "." && $0 != "/" }))
            }
            return
        }
        let stem = prefix.split(separator: "/").first.map(String.init) ?? prefix
        if standardPrefixes.contains(where: { stem == $0 || (stem.hasPrefix($0) && $0 == "DB") })
            || (prefix.hasSuffix("/T") || prefix.hasSuffix("/Z")) && prefix.count <= 6 || prefix.hasPrefix("T/") {
            // The edition year after the last dash is not compared: GB/T 1234-2020 is GB/T1234.
            var value = text
            if let dash = value.lastIndex(of: "-"), value[value.index(after: dash)...].count == 4,
               value[value.index(after: dash)...].allSatisfy(\.isNumber), value[..<dash].contains(where: \.isNumber) {
                value = String(value[..<dash])
            }
            tokens.insert(HardToken(kind: .standard, family: "standard", value: value))
            return
        }
        if patentPrefixes.contains(prefix), run.count - letters.count >= 7 {
            let digits = ScalarText(run.dropFirst(letters.count).prefix { $0 != "." }).string
            tokens.insert(HardToken(kind: .patent, family: "patent", value: prefix + digits))
            return
        }
        if run.count >= 3, letters.count >= 1 {
            var v = text
            while let last = v.last, last == "-" || last == "." || last == "/" { v.removeLast() }
            tokens.insert(HardToken(kind: .code, family: "code", value: v))
        }
    }

    // MARK: - Quantities

    static func quantities(_ s: [Unicode.Scalar], into tokens: inout Set<HardToken>) {
        var i = 0
        while i < s.count {
            guard MatchText.isDigit(s[i]), i == 0 || !isASCIIAlnum(s[i - 1]) && s[i - 1] != "." && s[i - 1] != "-" else {
                i += 1
                continue
            }
            var j = i
            while j < s.count && (MatchText.isDigit(s[j]) || s[j] == "." && j + 1 < s.count && MatchText.isDigit(s[j + 1])) { j += 1 }
            var k = j
            var multiplier = 1.0
            if k < s.count && (s[k] == "万" || s[k] == "亿") {
                multiplier = s[k] == "万" ? 1e4 : 1e8
                k += 1
            }
            if let unit = unitSymbols.first(where: { MatchText.starts(s, at: k, with: $0) }),
               k + unit.count >= s.count || !MatchText.isUpper(s[k + unit.count]) {
                // The number's text is made only for a number with a unit (most numbers have none).
                let number = ScalarText(s[i..<j]).string
                let u = ScalarText(unit).string
                tokens.insert(quantity(number, multiplier, u))
                i = k + unit.count
                continue
            }
            i = j
        }
    }

    /// Units given in a canonical one: unit → (canonical unit, factor).
    static let canonicalUnits: [String: (String, Double)] = ["KW": ("MW", 1e-3), "MW": ("MW", 1), "GW": ("MW", 1e3),
                                                             "KWH": ("MWH", 1e-3), "MWH": ("MWH", 1), "T": ("T", 1), "KG": ("T", 1e-3)]

    /// A canonical quantity: power in MW (30万KW = 300MW), weight in T, other units as written.
    static func quantity(_ number: String, _ multiplier: Double, _ unit: String) -> HardToken {
        let n = Double(number) ?? 0
        if let (canon, f) = canonicalUnits[unit] {
            let v = n * multiplier * f
            return HardToken(kind: .quantity, family: canon, value: format(v) + canon)
        }
        let written = number + (multiplier == 1e4 ? "万" : multiplier == 1e8 ? "亿" : "")
        return HardToken(kind: .quantity, family: unit, value: written + unit)
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        var s = String(v)
        if s.contains("e") { return s }
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    // MARK: - Names ending in a number (varieties, series)

    static func varieties(_ s: [Unicode.Scalar], into tokens: inout Set<HardToken>) {
        var i = 0
        while i < s.count {
            guard MatchText.isDigit(s[i]), i > 0, MatchText.isIdeograph(s[i - 1]) else { i += 1; continue }
            var j = i
            while j < s.count && MatchText.isDigit(s[j]) { j += 1 }
            defer { i = j }
            if j - i < 2 && !(j < s.count && s[j] == "号") { continue }
            if j < s.count && (countWords.contains(s[j]) || MatchText.isUpper(s[j]) || s[j] == "." || s[j] == "%") { continue }
            if ordinalWords.contains(s[i - 1]) { continue }
            // The family is the two characters before the number (川农优498 and 川农优528: 农优), the value
            // those two and the number with its 号.
            let p = i >= 2 && MatchText.isIdeograph(s[i - 2]) ? i - 2 : i - 1
            let stem = s[p..<i]
            let end = j < s.count && s[j] == "号" ? j + 1 : j
            let value = ScalarText(s[p..<end]).string
            tokens.insert(HardToken(kind: .variety, family: "variety:" + ScalarText(stem).string, value: value))
        }
    }
}
