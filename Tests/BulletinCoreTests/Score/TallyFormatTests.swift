@testable import BulletinCore
import Foundation
import Testing

/// The two-decimal formatter of reasons writes what `String(format: "%.2f")` writes.
@Suite struct TallyFormatTests {
    @Test func twoDecimalsAsPrintfWritesThem() {
        var values: [Double] = [0, -0.0, 0.005, 0.015, 0.025, 0.125, 0.375, 1.005, 2.675, 1.115, 99.995, 99.994999, -0.001, -0.005, -2.5,
                                0.5, 1.5, 12.345, 6.0, 14, 1e12 + 0.125, 9.999999999999e12, 0.1 + 0.2, 1 / 3, 2 / 3, .leastNonzeroMagnitude]
        for k in 0..<4096 { values.append(Double(k) / 8); values.append(Double(k) / 1000); values.append(-Double(k) / 64) }
        var seed: UInt64 = 0x2545F4914F6CDD1D
        for _ in 0..<50_000 {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            let unit = Double(seed >> 11) / Double(1 << 53)
            values.append(unit * [1, 10, 100, 1000, 1e6][Int(seed % 5)] * (seed & 32 == 0 ? 1 : -1))
        }
        for x in values {
            #expect(Tally.format(x) == String(format: "%.2f", x), "\(x)")
        }
        #expect(Tally.twoDecimals(1e13) == nil && Tally.twoDecimals(.nan) == nil)
    }

    @Test func blankMeansWhiteSpaceOnly() {
        for s in ["", " ", "\n", "\u{3000}", " \t\n\u{00A0}"] { #expect(CompletenessRule.isBlank(s), "\(s.debugDescription)") }
        for s in ["四川大学", "a", " 四川", "（空）", "\u{3000}成果"] { #expect(!CompletenessRule.isBlank(s), "\(s.debugDescription)") }
    }
}
