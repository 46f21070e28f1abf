@testable import BulletinCore
import Foundation
import Testing

/// `CalendarDate(_:)` and `BulletinPeriod(_:)` read the written form from its bytes (`ASCIIDigits`) and anything else
/// as before: on written dates of every month and day (real or not), on texts near that form (a sign, other digits,
/// full-width digits, a missing or extra character, other separators), the answers are those of the code they had,
/// kept here as the oracle.
@Suite struct DateParsingTests {
    static func dateBefore(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    static func periodBefore(_ text: String) -> BulletinPeriod? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return BulletinPeriod(year: y, month: m)
    }

    static func texts() -> [String] {
        var out: [String] = []
        for year in ["2026", "2024", "1900", "2100", "0999", "1000", "9999", "0000", "+202", "２０２６", "202a", "20 6", "٢٠٢٦"] {
            for month in ["01", "02", "12", "13", "00", "+1", "1", "011", "１２", "-1", "0\u{301}"] {
                for day in ["01", "28", "29", "30", "31", "32", "00", "+9", "7", "３０", ""] {
                    out.append("\(year)-\(month)-\(day)")
                    out.append("\(year)-\(month)")
                }
            }
        }
        var g = SplitMix64(seed: 13)
        let alphabet = Array("0123456789-+ /年月日０１")
        for _ in 0..<4_000 {
            out.append(String((0..<Int.random(in: 0...12, using: &g)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] }))
        }
        out += ["", "-", "--", "2026-06-20 ", " 2026-06-20", "2026/06/20", "2026-06-20\n", "2026-06", "2026-6", "2026-06-"]
        return out
    }

    @Test func writtenAndOtherTextsParseAsBefore() {
        var parsed = 0
        for text in Self.texts() {
            #expect(CalendarDate(text) == Self.dateBefore(text), "\(text)")
            #expect(BulletinPeriod(text) == Self.periodBefore(text), "\(text)")
            if CalendarDate(text) != nil { parsed += 1 }
        }
        #expect(parsed > 100)
        // Every day of four years, leap ones among them, written as the library writes them, round-trips.
        var day = CalendarDate(year: 2023, month: 1, day: 1)
        while let d = day, d.year < 2027 {
            #expect(CalendarDate(d.description) == d)
            #expect(BulletinPeriod(String(d.description.prefix(7))) == BulletinPeriod(year: d.year, month: d.month))
            day = CalendarDate(year: d.year, month: d.month, day: d.day + 1)
                ?? CalendarDate(year: d.year, month: d.month + 1, day: 1) ?? CalendarDate(year: d.year + 1, month: 1, day: 1)
        }
    }
}
