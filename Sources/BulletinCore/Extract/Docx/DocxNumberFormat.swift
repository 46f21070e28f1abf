/// Number formats of list labels (`w:numFmt`): decimal, letters, roman, Chinese counting, circled …
enum DocxNumberFormat {
    static func format(_ n: Int, as format: String) -> String {
        switch format {
        case "decimal", "ordinal", "cardinalText", "ordinalText", "decimalHalfWidth": return String(n)
        case "decimalZero": return n < 10 ? "0\(n)" : String(n)
        case "upperRoman": return roman(n)
        case "lowerRoman": return roman(n).lowercased()
        case "upperLetter": return letters(n)
        case "lowerLetter": return letters(n).lowercased()
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0) ?? $0) })
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
            if (1...20).contains(n), let s = Unicode.Scalar(0x2460 + UInt32(n - 1)) { return String(Character(s)) }
            return String(n)
        case "decimalEnclosedParen":
            if (1...20).contains(n), let s = Unicode.Scalar(0x2474 + UInt32(n - 1)) { return String(Character(s)) }
            return String(n)
        case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
             "taiwaneseCountingThousand", "ideographDigital":
            return chinese(n, digits: Array("〇一二三四五六七八九"), units: ["", "十", "百", "千"])
        case "chineseLegalSimplified", "ideographLegalTraditional":
            return chinese(n, digits: Array("零壹贰叁肆伍陆柒捌玖"), units: ["", "拾", "佰", "仟"])
        case "ideographTraditional":
            return n >= 1 ? String(Array("甲乙丙丁戊己庚辛壬癸")[(n - 1) % 10]) : String(n)
        case "ideographZodiac":
            return n >= 1 ? String(Array("子丑寅卯辰巳午未申酉戌亥")[(n - 1) % 12]) : String(n)
        case "none", "bullet": return ""
        default: return String(n)
        }
    }

    static func roman(_ n: Int) -> String {
        guard n > 0 && n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n
        var out = ""
        for (value, numeral) in table { while rest >= value { out += numeral; rest -= value } }
        return out
    }

    /// A, B … Z, AA, BB … as Word counts letters.
    static func letters(_ n: Int) -> String {
        guard n > 0 && n <= 26 * 30 else { return String(n) }
        let letter = Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))
        return String(repeating: letter, count: (n - 1) / 26 + 1)
    }

    /// 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百〇五 (below 10 000).
    static func chinese(_ n: Int, digits: [Character], units: [String]) -> String {
        guard n > 0 && n < 10_000 else { return String(n) }
        let ds = String(n).compactMap(\.wholeNumberValue)
        var out = ""
        var zero = false
        for (i, d) in ds.enumerated() {
            let unit = units[ds.count - 1 - i]
            if d == 0 { zero = true; continue }
            if zero && !out.isEmpty { out.append(digits[0]) }
            zero = false
            if !(d == 1 && unit == units[1] && out.isEmpty && ds.count == 2) { out.append(digits[d]) }
            out += unit
        }
        return out
    }
}
