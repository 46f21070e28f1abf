/// Numbers and dates as Chinese official documents write them.
enum ChineseDates {
    private static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// The Chinese numeral of `n` (1 → 一, 10 → 十, 12 → 十二, 35 → 三十五, 101 → 一百零一), for heading
    /// numbers; Arabic digits outside 1...9999.
    static func numeral(_ n: Int) -> String {
        guard (1...9999).contains(n) else { return String(n) }
        let units = ["千", "百", "十", ""]
        let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10]
        var out = ""
        var pendingZero = false
        for (digit, unit) in zip(parts, units) {
            if digit == 0 {
                if !out.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero { out += "零" }
            pendingZero = false
            out += digits[digit] + unit
        }
        if out.hasPrefix("一十") { out.removeFirst() }
        return out
    }

    /// "2026-11-22" as 2026年11月22日 (GB/T 9704-2012 7.3.5: Arabic numerals, year in full, no leading zeros).
    static func date(_ value: String, what: String) throws -> String {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]),
              let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else {
            throw RenderError.badDate(what: what, value: value, expected: "YYYY-MM-DD")
        }
        return "\(year)年\(month)月\(day)日"
    }

    /// "2026-11" as (2026, 11).
    static func month(_ value: String, what: String) throws -> (year: Int, month: Int) {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]),
              let month = Int(parts[1]), (1...12).contains(month) else {
            throw RenderError.badDate(what: what, value: value, expected: "YYYY-MM")
        }
        return (year, month)
    }

    /// "2026-03" as 2026年3月; "" (not yet bulletined) stays empty.
    static func monthTitle(_ value: String, what: String) throws -> String {
        if value.isEmpty { return "" }
        let (year, month) = try self.month(value, what: what)
        return "\(year)年\(month)月"
    }

    /// (2026, 4) as 2026年第四季度.
    static func quarterTitle(year: Int, quarter: Int, what: String) throws -> String {
        guard (1...4).contains(quarter) else {
            throw RenderError.badValue(what: what, value: String(quarter), expected: "a quarter from 1 to 4")
        }
        return "\(year)年第\(numeral(quarter))季度"
    }
}
