import Foundation

/// A calendar date (no time, no zone), written `YYYY-MM-DD` in JSON, the library and file names.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A real date of the Gregorian calendar; nil for 2026-02-30 and the like.
    public init?(year: Int, month: Int, day: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real date.
    public init?(_ text: String) {
        // The written form, ten ASCII bytes `dddd-dd-dd`, read from its bytes; any other text as before (splitting
        // and counting characters cost about 7,000 instructions a date, and the library reads back thousands).
        if let n = ASCIIDigits.fields(text, widths: [4, 2, 2]) {
            self.init(year: n[0], month: n[1], day: n[2])
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Today in `timeZone`.
    public static func today(in timeZone: TimeZone, now: Date = Date()) -> CalendarDate {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? CalendarDate.epoch
    }

    private static let epoch = CalendarDate(uncheckedYear: 1970, month: 1, day: 1)
    fileprivate init(uncheckedYear: Int, month: Int, day: Int) { year = uncheckedYear; self.month = month; self.day = day }

    /// Days in a month of a year (leap years counted).
    public static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The month it falls in.
    public var calendarMonth: BulletinPeriod { BulletinPeriod(uncheckedYear: year, month: month) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// `YYYY-MM-DD`.
    public var description: String { "\(BulletinPeriod.zeroPadded(year, 4))-\(BulletinPeriod.zeroPadded(month, 2))-\(BulletinPeriod.zeroPadded(day, 2))" }
    /// 2026年11月22日 (GB/T 9704-2012 §7.3.5: Arabic numerals, no leading zeros).
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a date YYYY-MM-DD"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A bulletin month (year and month), written `YYYY-MM`: the month a case belongs to and an issue covers.
public struct BulletinPeriod: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// A month of a year; nil outside 1...12.
    public init?(year: Int, month: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    fileprivate init(uncheckedYear: Int, month: Int) { year = uncheckedYear; self.month = month }

    /// Parses `YYYY-MM`; nil when malformed.
    public init?(_ text: String) {
        // `dddd-dd` read from its bytes; any other text as before (as `CalendarDate.init(_:)`).
        if let n = ASCIIDigits.fields(text, widths: [4, 2]) {
            self.init(year: n[0], month: n[1])
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }

    /// 1 to 4.
    public var quarter: Int { (month - 1) / 3 + 1 }
    /// The month before.
    public var previous: BulletinPeriod { month == 1 ? .init(uncheckedYear: year - 1, month: 12) : .init(uncheckedYear: year, month: month - 1) }
    /// The month after.
    public var next: BulletinPeriod { month == 12 ? .init(uncheckedYear: year + 1, month: 1) : .init(uncheckedYear: year, month: month + 1) }
    /// The three months of its quarter.
    public var quarterMonths: [BulletinPeriod] { (1...3).map { .init(uncheckedYear: year, month: (quarter - 1) * 3 + $0) } }
    /// The twelve months of its year.
    public static func months(of year: Int) -> [BulletinPeriod] { (1...12).map { .init(uncheckedYear: year, month: $0) } }

    /// A day of this month, clamped to its last day (day 31 of November is the 30th).
    public func day(_ day: Int) -> CalendarDate {
        CalendarDate(uncheckedYear: year, month: month, day: min(max(1, day), CalendarDate.days(inMonth: month, of: year)))
    }
    /// The last day of the month.
    public var lastDay: CalendarDate { day(31) }

    /// `YYYY-MM`.
    public var description: String { "\(Self.zeroPadded(year, 4))-\(Self.zeroPadded(month, 2))" }

    /// `String(format: "%0<width>d", n)` without the formatter (which cost microseconds a call, and dates and months
    /// are written for every case stored, every history record and every 疑似重复 flag): the digits, zero-padded on
    /// the left to `width` characters, a minus sign counted in the width.
    static func zeroPadded(_ n: Int, _ width: Int) -> String {
        let digits = String(n.magnitude)
        let sign = n < 0 ? "-" : ""
        let pad = width - sign.count - digits.count
        return pad > 0 ? sign + String(repeating: "0", count: pad) + digits : sign + digits
    }
    /// 2026年11月.
    public var chinese: String { "\(year)年\(month)月" }
    /// 2026年第四季度.
    public var chineseQuarter: String { "\(year)年第\(ChineseNumeral.of(quarter))季度" }

    public static func < (a: BulletinPeriod, b: BulletinPeriod) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let p = BulletinPeriod(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a month YYYY-MM"))
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Chinese numerals for headings and quarters (1 → 一, 10 → 十, 12 → 十二, 35 → 三十五, 101 → 一百零一).
public enum ChineseNumeral {
    private static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// The numeral of `n`; Arabic digits outside 1...9999.
    public static func of(_ n: Int) -> String {
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
}

/// Dates and months as the library writes them: runs of ASCII digits of the given widths joined by `-`.
enum ASCIIDigits {
    /// The numbers of `text` when it is exactly such runs (`2026-06-20` for widths 4, 2, 2), else nil. What
    /// `Int` reads from each run of the text split at `-` (which also takes a leading `+`, and the caller's slower
    /// path still does).
    static func fields(_ text: String, widths: [Int]) -> [Int]? {
        let utf8 = text.utf8
        guard utf8.count == widths.reduce(widths.count - 1, +) else { return nil }
        var out: [Int] = []
        out.reserveCapacity(widths.count)
        var i = utf8.startIndex
        for (k, w) in widths.enumerated() {
            if k > 0 {
                guard utf8[i] == 0x2D else { return nil }
                i = utf8.index(after: i)
            }
            var v = 0
            for _ in 0..<w {
                let b = utf8[i]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
                i = utf8.index(after: i)
            }
            out.append(v)
        }
        return out
    }
}
