import Foundation

/// Money amounts in summaries (3.2亿元, 5000万元, 十余亿元, 数百亿元), read as 万元.
enum MoneyAmount {
    /// Number, optional 余/多, optional unit, then 元. `数` (several) counts as 2 of its unit, as a floor.
    private static let expression: NSRegularExpression? = try? NSRegularExpression(
        pattern: "(数十|数百|数千|数|[0-9][0-9,]*(?:\\.[0-9]+)?|[零一二两三四五六七八九十百千]+)\\s*(?:余|多)?\\s*(亿|千万|百万|万)?\\s*元",
        options: [])

    /// Amounts found in a range of a text, with their ranges, in 万元.
    static func amounts(in text: ScoringText, range: NSRange) -> [(wanYuan: Double, range: NSRange)] {
        guard let expression, range.length > 0 else { return [] }
        // Every match ends with 元: a range without one has none (most windows after an indicator), and the expression
        // (which copies the whole text into UTF-16 at each call) is not asked.
        let lower = max(0, range.location), upper = min(text.units.count, range.location + range.length)
        guard lower < upper, text.units[lower..<upper].contains(0x5143) else { return [] }
        // The expression reads only the window (no anchors, no lookaround: nothing outside it can change a match), so
        // it is run on the window's own words, its ranges moved back by the window's start: bridging the whole text
        // to NSString at every call cost ~20,000 instructions.
        let window = UTF16Text.string(text.units[lower..<upper])
        func shifted(_ r: NSRange) -> NSRange { NSRange(location: r.location + lower, length: r.length) }
        return expression.matches(in: window, options: [], range: NSRange(location: 0, length: upper - lower)).compactMap { m in
            let number = text.normalisedWords(shifted(m.range(at: 1)))
            let unit = m.range(at: 2).location == NSNotFound ? "" : text.normalisedWords(shifted(m.range(at: 2)))
            guard let value = Self.value(of: number) else { return nil }
            let scale: Double
            switch unit {
            case "亿": scale = 10_000
            case "千万": scale = 1_000
            case "百万": scale = 100
            case "万": scale = 1
            default: scale = 0.0001
            }
            return (value * scale, shifted(m.range))
        }
    }

    /// The value of a number written in digits, in small Chinese numerals, or as 数/数十/数百/数千.
    static func value(of number: String) -> Double? {
        switch number {
        case "数": return 2
        case "数十": return 20
        case "数百": return 200
        case "数千": return 2000
        default: break
        }
        if let v = Double(String(number.unicodeScalars.filter { $0 != "," })) { return v }
        return chineseValue(number)
    }

    /// 三 → 3, 十五 → 15, 二十 → 20, 一千二百 → 1200 (numbers below 10000).
    private static let digits: [Character: Int] = ["零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
    private static let units: [Character: Int] = ["十": 10, "百": 100, "千": 1000]

    static func chineseValue(_ s: String) -> Double? {
        let digits = Self.digits, units = Self.units
        var total = 0
        var pending = 0
        var sawAny = false
        for ch in s {
            if let d = digits[ch] {
                pending = d
                sawAny = true
            } else if let u = units[ch] {
                total += (pending == 0 ? 1 : pending) * u
                pending = 0
                sawAny = true
            } else {
                return nil
            }
        }
        return sawAny ? Double(total + pending) : nil
    }
}
