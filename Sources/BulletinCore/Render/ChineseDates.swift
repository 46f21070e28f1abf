/// Numbers and quarters as Chinese official documents write them (dates: `CalendarDate.chinese`).
enum ChineseDates {
    /// The Chinese numeral of `n` (see `ChineseNumeral`).
    static func numeral(_ n: Int) -> String { ChineseNumeral.of(n) }

    /// (2026, 4) as 2026年第四季度.
    static func quarterTitle(year: Int, quarter: Int, what: String) throws -> String {
        guard (1...4).contains(quarter) else {
            throw RenderError.badValue(what: what, value: String(quarter), expected: "a quarter from 1 to 4")
        }
        return "\(year)年第\(numeral(quarter))季度"
    }
}
