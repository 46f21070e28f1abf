@testable import BulletinCore
import Foundation
import Testing

/// The scores in the store step's log lines are `String(format: "%.2f")`'s text, written without it (store9).
@Suite struct TwoDecimalsTests {
    @Test func scoresAreWrittenAsPrintfWritesThem() {
        var values: [Double] = [0, -0.0, 1, 0.5, 0.125, 0.375, 0.005, 0.015, 0.025, 0.045, 1.005, 2.675, 0.994999, 0.995, 0.9950000001,
                                99.995, 999_999.994, 999_999.995, 1_000_000, 1e300, -1, -0.004, .leastNonzeroMagnitude, .infinity, -.infinity, .nan,
                                .greatestFiniteMagnitude]
        // Every cent and half cent up to 20, one ulp either side, and halfway points that are exact (k/8).
        for k in 0...4_000 {
            let half = Double(k) / 200, cent = Double(k) / 100
            values += [half, half.nextUp, half.nextDown, cent, cent.nextUp, cent.nextDown, Double(k) / 8]
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            values.append(Double.random(in: 0...1, using: &generator))
            values.append(Double.random(in: 0...2_000_000, using: &generator))
            let d = Double(bitPattern: generator.next())
            values.append(d)
        }
        for x in values {
            #expect(Pipeline.twoDecimals(x) == String(format: "%.2f", x), "\(x.bitPattern)")
        }
    }
}
