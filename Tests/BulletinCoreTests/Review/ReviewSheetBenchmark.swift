@testable import BulletinCore
import Foundation
import Testing

/// Figures, not a timed test: runs only with `REVIEW_BENCH=1` (rows from `REVIEW_BENCH_ROWS`, default 2000) and
/// prints how long writing, reading and validating a review sheet take, next to openpyxl loading the same file.
@Suite struct ReviewSheetBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["REVIEW_BENCH"] == "1", "set REVIEW_BENCH=1 to print review-sheet figures"))
    func printFigures() throws {
        let n = Int(ProcessInfo.processInfo.environment["REVIEW_BENCH_ROWS"] ?? "") ?? 2000
        let base = ReviewSamples.screening.rows
        let rows = (1...n).map { i -> ReviewRow in
            var r = base[(i - 1) % base.count]
            r.caseId = String(format: "2026-11-%05d", i)
            r.caseVersion = Hashing.sha256(Array("case \(i)".utf8))
            r.entry.decision = ["通过", "不通过", "退回修改", "", "同意"][i % 5]
            return r
        }
        let sheet = ReviewSheet(stage: "初选", group: "高新处", period: "2026-11", deadline: "2026-11-30",
                                vocabulary: ReviewSamples.vocabulary, rows: rows)
        let clock = ContinuousClock()
        var bytes: [UInt8] = []
        let write = clock.measure { bytes = (try? ReviewSheetWriter.bytes(sheet)) ?? [] }
        var returned: ReturnedReviewSheet?
        let read = clock.measure { returned = try? ReviewSheetReader().read(bytes: bytes) }
        let back = try #require(returned)
        let library = ReviewSamples.lookup(sheet)
        var validation: ReviewValidation?
        let validate = clock.measure {
            validation = ReviewDecisionValidator(vocabulary: ReviewSamples.vocabulary).validate(back, lookup: { library[$0] })
        }
        let v = try #require(validation)
        #expect(back.rows.count == n && v.accepted.count == n - n / 5)
        var line = "review sheet, \(n) rows, \(bytes.count / 1024) KiB: write \(write), read \(read), validate \(validate)"
        if ReviewTools.python != nil {
            let folder = try ReviewSamples.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("bench.xlsx")
            try Data(bytes).write(to: file)
            let seconds = try ReviewTools.python("""
                import sys, time, openpyxl
                t = time.perf_counter(); wb = openpyxl.load_workbook(sys.argv[1]); rows = list(wb.worksheets[0].iter_rows(values_only=True))
                print(f"{time.perf_counter() - t:.3f}")
                """, [file.path], in: folder)
            line += "; openpyxl load of the same file \(seconds.trimmingCharacters(in: .whitespacesAndNewlines)) seconds"
        }
        print(line)
    }
}
