import Foundation

/// Money amounts in summaries (3.2亿元, 5000万元, 十余亿元, 数百亿元), read as 万元.
enum MoneyAmount {
    /// Number, optional 余/多, optional unit, then 元. `数` (several) counts as 2 of its unit, as a floor. The amounts are
    /// found by `matches` (by hand, on the units); the expression is kept for windows holding a character whose reading
    /// as `\s` is unsure (U+000B, U+0085), and as the reference `MoneyAmountMatcherTests` compares against.
    static let pattern = "(数十|数百|数千|数|[0-9][0-9,]*(?:\\.[0-9]+)?|[零一二两三四五六七八九十百千]+)\\s*(?:余|多)?\\s*(亿|千万|百万|万)?\\s*元"
    private static let expression: NSRegularExpression? = try? NSRegularExpression(pattern: pattern, options: [])

    /// Amounts found in a range of a text, with their ranges, in 万元.
    static func amounts(in text: ScoringText, range: NSRange) -> [(wanYuan: Double, range: NSRange)] {
        guard range.length > 0 else { return [] }
        // Every match ends with 元: a range without one has none (most windows after an indicator).
        let lower = max(0, range.location), upper = min(text.units.count, range.location + range.length)
        guard lower < upper, text.units[lower..<upper].contains(0x5143) else { return [] }
        let found: [Match]
        if let direct = text.units.withUnsafeBufferPointer({ matches(in: UnsafeBufferPointer(rebasing: $0[lower..<upper])) }) {
            found = direct.map { m in
                Match(number: m.number.shifted(by: lower), unit: m.unit?.shifted(by: lower), whole: m.whole.shifted(by: lower))
            }
        } else {
            guard let expression else { return [] }
            // The expression reads only the window (no anchors, no lookaround: nothing outside it can change a match), so
            // it is run on the window's own words, its ranges moved back by the window's start.
            let window = UTF16Text.string(text.units[lower..<upper])
            found = expression.matches(in: window, options: [], range: NSRange(location: 0, length: upper - lower)).map { m in
                Match(number: m.range(at: 1).shifted(by: lower),
                      unit: m.range(at: 2).location == NSNotFound ? nil : m.range(at: 2).shifted(by: lower),
                      whole: m.range.shifted(by: lower))
            }
        }
        return found.compactMap { m in
            let number = text.normalisedWords(m.number)
            let unit = m.unit.map { text.normalisedWords($0) } ?? ""
            guard let value = Self.value(of: number) else { return nil }
            let scale: Double
            switch unit {
            case "亿": scale = 10_000
            case "千万": scale = 1_000
            case "百万": scale = 100
            case "万": scale = 1
            default: scale = 0.0001
            }
            return (value * scale, m.whole)
        }
    }

    /// One match of the expression: its number (group 1), its unit (group 2, when there is one) and the whole.
    struct Match: Equatable {
        var number: NSRange
        var unit: NSRange?
        var whole: NSRange
    }

    /// The expression's matches in `u` (ranges in its units), left to right and apart, as `NSRegularExpression` finds
    /// them; nil when `u` holds U+000B or U+0085 (white space to one reading of ICU's `\s`, not to another: the caller
    /// asks the expression). Every character the expression names is one unit of the basic plane, so the units are
    /// read as they stand (a surrogate, lone or paired, matches nothing, as in the string).
    ///
    /// Each number is taken as long as it goes (the expression's greedy first try), and the rest (\s*, 余 or 多, \s*,
    /// a unit, \s*, 元) deterministically: a shorter number leaves a digit, comma or numeral next, which the rest cannot
    /// start with, except 千 or 百 before 万 (千万, 百万), where the longer number, ending on that 千 or 百 and followed by
    /// the unit 万, matches first; white space is neither 余, 多, a unit nor 元, so how the three \s* share a run of it
    /// changes no range.
    static func matches(in u: UnsafeBufferPointer<UInt16>) -> [Match]? {
        let n = u.count
        for c in u where c == 0x000B || c == 0x0085 { return nil }
        var out: [Match] = []
        var s = 0
        while s < n {
            if let m = match(u, at: s) {
                out.append(m)
                s = m.whole.location + m.whole.length
            } else {
                s += 1
            }
        }
        return out
    }

    /// The match starting at `s`, if any.
    private static func match(_ u: UnsafeBufferPointer<UInt16>, at s: Int) -> Match? {
        let n = u.count
        let c = u[s]
        if c == 0x6570 {  // 数: 数十, 数百, 数千, then 数 alone, in the expression's order
            if s + 1 < n, u[s + 1] == 0x5341 || u[s + 1] == 0x767E || u[s + 1] == 0x5343,
               let m = rest(u, number: s, s + 2) { return m }
            return rest(u, number: s, s + 1)
        }
        if c >= 0x30 && c <= 0x39 {
            var e = s + 1
            while e < n && ((u[e] >= 0x30 && u[e] <= 0x39) || u[e] == 0x2C) { e += 1 }
            if e + 1 < n, u[e] == 0x2E, u[e + 1] >= 0x30 && u[e + 1] <= 0x39 {
                e += 2
                while e < n && u[e] >= 0x30 && u[e] <= 0x39 { e += 1 }
            }
            return rest(u, number: s, e)
        }
        if numeral(c) {
            var e = s + 1
            while e < n && numeral(u[e]) { e += 1 }
            return rest(u, number: s, e)
        }
        return nil
    }

    /// The rest of a match after the number `s..<e`: \s* (余|多)? \s* (亿|千万|百万|万)? \s* 元.
    private static func rest(_ u: UnsafeBufferPointer<UInt16>, number s: Int, _ e: Int) -> Match? {
        let n = u.count
        var i = e
        while i < n && space(u[i]) { i += 1 }
        if i < n && (u[i] == 0x4F59 || u[i] == 0x591A) { i += 1 }  // 余, 多
        while i < n && space(u[i]) { i += 1 }
        var unit: NSRange?
        if i < n {
            if u[i] == 0x4EBF || u[i] == 0x4E07 {  // 亿, 万
                unit = NSRange(location: i, length: 1)
            } else if (u[i] == 0x5343 || u[i] == 0x767E), i + 1 < n, u[i + 1] == 0x4E07 {  // 千万, 百万
                unit = NSRange(location: i, length: 2)
            }
        }
        if let unit { i += unit.length }
        while i < n && space(u[i]) { i += 1 }
        guard i < n, u[i] == 0x5143 else { return nil }  // 元
        return Match(number: NSRange(location: s, length: e - s), unit: unit, whole: NSRange(location: s, length: i + 1 - s))
    }

    /// [零一二两三四五六七八九十百千]
    @inline(__always)
    private static func numeral(_ c: UInt16) -> Bool {
        switch c {
        case 0x96F6, 0x4E00, 0x4E8C, 0x4E24, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343: return true
        default: return false
        }
    }

    /// ICU's `\s` in the basic plane, as `[\t\n\f\r\p{Z}]` (U+000B and U+0085, where readings differ, are left to the
    /// expression by `matches`).
    @inline(__always)
    private static func space(_ c: UInt16) -> Bool {
        switch c {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
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

extension NSRange {
    /// The range moved `offset` units on.
    func shifted(by offset: Int) -> NSRange { NSRange(location: location + offset, length: length) }
}
