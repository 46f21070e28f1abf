@testable import BulletinCore
import Foundation
import Testing

/// The texts the library writes for every case, history record and flag (dates, months, case ids) are what
/// `String(format:)` wrote before they were written without it.
@Suite struct LibraryTextTests {
    /// Within `Int32` (`%d` reads an `Int32`: the formatter wrote a larger number's low 32 bits, no date or case
    /// number comes near).
    @Test func zeroPaddingIsTheFormatters() {
        var values = Array(-12_000...12_000) + [Int(Int32.max), Int(Int32.min) + 1, 99_999, 100_000, 1_234_567]
        for _ in 0..<2_000 { values.append(Int.random(in: Int(Int32.min) + 1...Int(Int32.max))) }
        for n in values {
            for width in [2, 4] {
                #expect(BulletinPeriod.zeroPadded(n, width) == String(format: "%0\(width)d", n), "\(n) width \(width)")
            }
        }
    }

    @Test func datesMonthsAndCaseIdsAreWrittenAsBefore() throws {
        for year in [1000, 1970, 2026, 9999] {
            for month in 1...12 {
                let period = try #require(BulletinPeriod(year: year, month: month))
                #expect(period.description == String(format: "%04d-%02d", year, month))
                for day in [1, 9, 10, 28] {
                    let date = try #require(CalendarDate(year: year, month: month, day: day))
                    #expect(date.description == String(format: "%04d-%02d-%02d", year, month, day))
                }
            }
        }
        // A month before year 1000 (the neighbours of a period are not checked) is padded as the formatter did.
        #expect(try #require(BulletinPeriod(year: 1000, month: 1)).previous.description == String(format: "%04d-%02d", 999, 12))
        for seq in [1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 123_456] {
            #expect(CaseLibrary.caseId(period: "2026-11", seq: seq) == String(format: "%@-%04d", "2026-11", seq))
        }
    }
}
