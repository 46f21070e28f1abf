@testable import BulletinCore
import Foundation
import Testing

@Suite struct ReviewDecisionValidatorTests {
    let validator = ReviewDecisionValidator(vocabulary: ReviewSamples.vocabulary)

    /// The screening sheet written, with these entries by case number, and read back.
    private func returned(_ entries: [Int: ReviewerEntry], sheet: ReviewSheet = ReviewSamples.screening) throws -> ReturnedReviewSheet {
        var s = sheet
        for (n, e) in entries { s.rows[n - 1].entry = e }
        return try #require(try ReviewSheetReader().read(bytes: try ReviewSheetWriter.bytes(s)))
    }

    private func outcome(_ v: ReviewValidation, _ caseId: String) -> ReviewRowOutcome? {
        v.verdicts.first { $0.row.caseId == caseId }?.outcome
    }

    @Test func blankDecisionsAreUndecidedNotRejected() throws {
        let back = try returned([2: ReviewerEntry(decision: "通过"), 3: ReviewerEntry(note: "再看看", reviewer: "张三")])
        let v = validator.validate(back, lookup: { ReviewSamples.lookup(ReviewSamples.screening)[$0] })
        #expect(v.accepted.map(\.caseId) == ["2026-11-0002"])
        #expect(v.blankCount == 4 && v.refused.isEmpty)
        #expect(outcome(v, "2026-11-0003") == .blank)
        #expect(v.verdicts.first { $0.row.caseId == "2026-11-0003" }?.note?.contains("说明") == true)
        #expect(v.summary == "1 accepted, 0 refused, 4 blank (not decided yet), 0 already applied")
    }

    @Test func eachBadRowIsRefusedWithItsReasonWhileGoodRowsApply() throws {
        let sheet = ReviewSamples.screening
        let back = try returned([
            1: ReviewerEntry(decision: "通过", category: "应用研究成果", level: "国际领先", reviewer: "王审核"),
            2: ReviewerEntry(decision: "可以"),
            3: ReviewerEntry(decision: "通过"),
            4: ReviewerEntry(decision: "不通过"),
            5: ReviewerEntry(decision: "退回修改", industry: "新能源"),
        ])
        var library = ReviewSamples.lookup(sheet)
        library["2026-11-0003"]?.caseVersion = "edited since"        // stale
        library["2026-11-0004"] = nil                                // unknown
        let v = validator.validate(back, lookup: { library[$0] })
        #expect(v.accepted.count == 1)
        let d = try #require(v.accepted.first)
        #expect(d.caseId == "2026-11-0001" && d.word == "通过" && d.category == "应用研究成果" && d.level == "国际领先" && d.industry == nil)
        #expect(d.reviewer == "王审核" && d.location == "sheet 初选-基础处 row 3" && d.caseVersion == sheet.rows[0].caseVersion)
        #expect(outcome(v, "2026-11-0002") == .refused(.unknownDecision(written: "可以", allowed: ["通过", "不通过", "退回修改"])))
        #expect(outcome(v, "2026-11-0003") == .refused(.stale(caseId: "2026-11-0003")))
        #expect(outcome(v, "2026-11-0004") == .refused(.unknownCase(caseId: "2026-11-0004")))
        #expect(outcome(v, "2026-11-0005") == .refused(.unknownChoice(column: "调整产业", written: "新能源", allowed: ReviewSamples.vocabulary.industries)))
        for (_, reason) in v.refused { #expect(!reason.chinese.isEmpty && !reason.description.isEmpty) }
        #expect(v.lines.first == "sheet 初选-基础处 row 3: 2026-11-0001 通过 (调整类别 应用研究成果; 调整技术水平 国际领先; 审核人 王审核)")
        #expect(v.lines[1] == "sheet 初选-基础处 row 4: 2026-11-0002 refused: the decision \"可以\" is not one of 通过, 不通过, 退回修改")
    }

    @Test func aCaseThatMovedOnIsNotDecidedAgain() throws {
        let back = try returned([1: ReviewerEntry(decision: "通过")])
        var library = ReviewSamples.lookup(ReviewSamples.screening)
        library["2026-11-0001"]?.stage = "待复选"
        let v = validator.validate(back, lookup: { library[$0] })
        #expect(outcome(v, "2026-11-0001") == .refused(.notAtStage(caseId: "2026-11-0001", expected: "待初选", current: "待复选")))
    }

    @Test func theFirstSheetOfABatchWinsAndTheSameSheetTwiceChangesNothing() throws {
        let back = try returned([1: ReviewerEntry(decision: "通过"), 2: ReviewerEntry(decision: "不通过")])
        let library = ReviewSamples.lookup(ReviewSamples.screening)
        let v = validator.validate(back, lookup: { library[$0] }, decidedEarlier: ["2026-11-0002"])
        #expect(outcome(v, "2026-11-0002") == .refused(.decidedByAnotherSheet(caseId: "2026-11-0002")))
        #expect(v.acceptedCaseIds == ["2026-11-0001"])
        // Applied: the library records the decision (and the case moves on, its version changes).
        var after = library
        after["2026-11-0001"] = ReviewCaseState(stage: "待复选", caseVersion: "v-after",
                                               decisions: [ReviewPastDecision(sheetId: back.sheetId, stage: "初选", word: "通过")])
        let again = validator.validate(back, lookup: { after[$0] })
        #expect(outcome(again, "2026-11-0001") == .alreadyApplied(word: "通过"))
        #expect(again.alreadyAppliedCount == 1 && again.accepted.isEmpty == false, "case 2 is still open and accepted")
        let onlyFirst = try returned([1: ReviewerEntry(decision: "通过")])
        #expect(validator.validate(onlyFirst, lookup: { after[$0] }).changesNothing)
        // Still recognised after the case has been decided at the next stage too.
        after["2026-11-0001"]?.stage = "待审定"
        after["2026-11-0001"]?.decisions.append(ReviewPastDecision(sheetId: "2026-11-复选-abc", stage: "复选", word: "通过"))
        #expect(outcome(validator.validate(onlyFirst, lookup: { after[$0] }), "2026-11-0001") == .alreadyApplied(word: "通过"))
        // The same sheet sent again with another word is a new decision on a case that has moved on: refused.
        let changedMind = try returned([1: ReviewerEntry(decision: "不通过")])
        #expect(outcome(validator.validate(changedMind, lookup: { after[$0] }), "2026-11-0001")
                == .refused(.notAtStage(caseId: "2026-11-0001", expected: "待初选", current: "待审定")))
    }

    @Test func aCaseListedTwiceIsDecidedOnce() throws {
        var back = try returned([1: ReviewerEntry(decision: "通过")])
        var copy = back.rows[0]
        copy.excelRow = 9
        copy.entry.decision = "不通过"
        back.rows.append(copy)
        let v = validator.validate(back, lookup: { ReviewSamples.lookup(ReviewSamples.screening)[$0] })
        #expect(v.verdicts.last?.outcome == .refused(.duplicateRow(caseId: "2026-11-0001", firstRow: 3)))
    }

    @Test(arguments: [
        ("通过", "通过"), (" 通过 ", "通过"), ("通 过", "通过"), ("通过。", "通过"), ("同意", "通过"), ("不同意", "不通过"),
        ("不予通过", "不通过"), ("退回", "退回修改"), ("退回修改", "退回修改"),
    ])
    func decisionWordsAreReadAsPeopleWriteThem(written: String, word: String) {
        #expect(validator.decisionWord(written) == word)
    }

    @Test(arguments: ["√", "是", "ok", "通过?", "送咨询", "待定", "通过/不通过"])
    func wordsThatSayNothingSureAreNotGuessed(written: String) {
        #expect(validator.decisionWord(written) == nil, "初选 offers no 送咨询; the others are ambiguous")
    }

    @Test func fullWidthAndNumbersAsDecimalsAreRead() {
        #expect(ReviewText.key("２０２６－１１－０００７") == "2026-11-0007")
        #expect(ReviewText.key("\u{3000}2026—11—0007 ") == "2026-11-0007")
        #expect(ReviewText.wholeNumber("2.0") == 2 && ReviewText.wholeNumber("３") == 3 && ReviewText.wholeNumber("2.5") == nil)
    }

    @Test func anOrderThatIsNotAWholeNumberIsRefused() throws {
        let back = try returned([1: ReviewerEntry(decision: "通过", order: "第一"), 2: ReviewerEntry(decision: "通过", order: "0")],
                                sheet: ReviewSamples.shortlist)
        let v = ReviewDecisionValidator(vocabulary: ReviewSamples.shortlistVocabulary)
            .validate(back, lookup: { ReviewSamples.lookup(ReviewSamples.shortlist)[$0] })
        #expect(outcome(v, "2026-11-0001") == .refused(.badOrder(written: "第一")))
        #expect(outcome(v, "2026-11-0002") == .refused(.badOrder(written: "0")))
    }

    @Test func aDecisionWithoutACaseIdIsRefused() throws {
        var back = try returned([:])
        back.rows.append(ReturnedReviewRow(excelRow: 12, caseId: "", caseVersion: nil, originalRow: nil,
                                           entry: ReviewerEntry(decision: "通过"), shown: [:], location: "sheet 初选-基础处 row 12"))
        let v = validator.validate(back, lookup: { ReviewSamples.lookup(ReviewSamples.screening)[$0] })
        #expect(v.verdicts.last?.outcome == .refused(.noCaseId))
    }
}

@Suite struct ReviewProfileTests {
    /// Stages and words come from configuration: Zhejiang's steps round-trip like Sichuan's.
    @Test(arguments: ["遴选评价", "现场调研（评估确认）", "审定"])
    func aConfiguredStageRoundTrips(stage: String) throws {
        let words = ReviewVocabulary(decisionWords: ["推荐", "不推荐", "退回修改"], categories: ReviewSamples.vocabulary.categories,
                                     levels: ["国际领先", "国际先进", "国内领先"], industries: ["数字经济", "生命健康", "新材料", "其他"])
        let sheet = ReviewSheet(stage: stage, group: "专家组A", period: "2026-11", deadline: "2026-11-10", vocabulary: words,
                                rows: Array(ReviewSamples.screening.rows.prefix(2)))
        var filled = sheet
        filled.rows[0].entry = ReviewerEntry(decision: "推荐", industry: "新材料", reviewer: "浙江专家")
        let back = try #require(try ReviewSheetReader().read(bytes: try ReviewSheetWriter.bytes(filled)))
        #expect(back.stage == stage && back.decisionHeader == stage + "意见")
        let library = ReviewSamples.lookup(sheet)
        let v = ReviewDecisionValidator(vocabulary: words).validate(back, lookup: { library[$0] })
        #expect(v.accepted.map(\.word) == ["推荐"] && v.accepted.first?.industry == "新材料" && v.blankCount == 1)
    }
}
