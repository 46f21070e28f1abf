@testable import BulletinCore
import Foundation
import Testing

@Suite struct ReviewRefusedSheetTests {
    @Test func refusedRowsGoBackWithAReasonAndTheSameIdentity() throws {
        var s = ReviewSamples.screening
        s.rows[0].entry = ReviewerEntry(decision: "通过")
        s.rows[1].entry = ReviewerEntry(decision: "可以", note: "建议通过", reviewer: "刘审核")
        s.rows[4].entry = ReviewerEntry(decision: "通过", level: "世界一流")
        let reader = ReviewSheetReader()
        let back = try #require(try reader.read(bytes: try ReviewSheetWriter.bytes(s)))
        let validator = ReviewDecisionValidator(vocabulary: ReviewSamples.vocabulary)
        let library = ReviewSamples.lookup(s)
        let v = validator.validate(back, lookup: { library[$0] })
        #expect(v.refused.count == 2)
        let refusedSheet = try #require(ReviewRefusedSheet.make(from: back, validation: v))
        #expect(refusedSheet.sheetId == s.sheetId && refusedSheet.hasRefusalColumn)
        #expect(refusedSheet.rows.map(\.caseId) == ["2026-11-0002", "2026-11-0005"])
        #expect(refusedSheet.rows[0].title == "5G小基站射频前端芯片国产化" && refusedSheet.rows[0].score == 78)
        #expect(refusedSheet.rows[0].refusal?.contains("原第 4 行") == true && refusedSheet.rows[0].refusal?.contains("可以") == true)

        let bytes = try ReviewSheetWriter.bytes(refusedSheet)
        let header = try WrittenWorkbook(bytes).text("xl/worksheets/sheet1.xml")
        #expect(header.contains("拒收原因") && header.contains("退回更正"))
        // The reviewer corrects the word and returns it: recognised, same identity, now accepted.
        var corrected = try #require(try reader.read(bytes: bytes))
        #expect(corrected.sheetId == s.sheetId && corrected.rows.map(\.caseVersion) == [s.rows[1].caseVersion, s.rows[4].caseVersion])
        #expect(corrected.rows[0].entry.reviewer == "刘审核", "what the reviewer wrote is still there")
        corrected.rows[0].entry.decision = "通过"
        corrected.rows[1].entry.level = "国际领先"
        let again = validator.validate(corrected, lookup: { library[$0] }, decidedEarlier: v.acceptedCaseIds)
        #expect(again.accepted.map(\.caseId) == ["2026-11-0002", "2026-11-0005"])
        #expect(ReviewRefusedSheet.make(from: corrected, validation: again) == nil)
    }
}
