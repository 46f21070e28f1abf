/// Numbers and dates as Chinese official documents write them.
enum ChineseDates {
    /// The Chinese numeral of `n` (see `ChineseNumeral`).
    static func numeral(_ n: Int) -> String { ChineseNumeral.of(n) }

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
