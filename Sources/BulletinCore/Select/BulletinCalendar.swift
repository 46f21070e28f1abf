import Foundation

/// The bulletin calendar: which month a submission belongs to, given the cut-off day.
public struct BulletinCalendar: Sendable {
    /// Submissions received after this day of month M belong to M+1.
    public let cutoffDay: Int

    /// Creates a calendar.
    public init(cutoffDay: Int) { self.cutoffDay = cutoffDay }

    /// The bulletin month of a submission received on `date`.
    public func period(receivedOn date: CalendarDate) -> BulletinPeriod {
        date.day <= cutoffDay ? date.calendarMonth : date.calendarMonth.next
    }
}
