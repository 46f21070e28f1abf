import Foundation

/// The bulletin calendar: which month a submission belongs to, given the cut-off day.
public struct BulletinCalendar: Sendable {
    /// Submissions received after this day of month M belong to M+1.
    public let cutoffDay: Int

    /// Creates a calendar.
    public init(cutoffDay: Int) { self.cutoffDay = cutoffDay }

    /// A date "YYYY-MM-DD" split into numbers; nil when malformed.
    public static func parse(_ date: String) -> (year: Int, month: Int, day: Int)? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts[0].count == 4, (1...12).contains(m), (1...31).contains(d) else { return nil }
        var c = DateComponents()
        c.year = y; c.month = m; c.day = d
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let date = cal.date(from: c), cal.component(.day, from: date) == d else { return nil }
        return (y, m, d)
    }

    /// The bulletin month "YYYY-MM" of a submission received on `date` ("YYYY-MM-DD").
    public func period(receivedOn date: String) -> String? {
        guard let (y, m, d) = Self.parse(date) else { return nil }
        if d <= cutoffDay { return String(format: "%04d-%02d", y, m) }
        return m == 12 ? String(format: "%04d-01", y + 1) : String(format: "%04d-%02d", y, m + 1)
    }

    /// The month before `period`.
    public static func previous(_ period: String) -> String {
        let p = period.split(separator: "-").compactMap { Int($0) }
        guard p.count == 2 else { return period }
        return p[1] == 1 ? String(format: "%04d-12", p[0] - 1) : String(format: "%04d-%02d", p[0], p[1] - 1)
    }
}
