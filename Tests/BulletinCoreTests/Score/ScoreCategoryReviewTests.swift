import BulletinCore
import Foundation
import Testing

/// 需人工确认 for the category: a category taken below `decision.minimumCategoryVotes` (依据弱) is flagged however
/// unopposed its few votes are, and a category that clears the threshold unopposed is not.
@Suite struct ScoreCategoryReviewTests {
    @Test func aCategoryTakenOnWeakUnopposedEvidenceIsFlagged() throws {
        // The title names a record, not the product as its head noun (a product head is evidence since round 7).
        let a = try ScoreTestSupport.assessRules("叠层太阳能电池效率创纪录", "团队研制出高效率的叠层太阳能电池，光电转换效率创下同类器件纪录。")
        #expect(a.reasons.contains { $0.rule == "tally" && $0.conclusion.contains("依据弱") }, "\(a.reasons.map(\.conclusion))")
        #expect(a.needsReview)
        #expect(a.reviewReasons.contains { $0.contains("成果类别") && $0.contains("依据弱") }, "\(a.reviewReasons)")
        #expect((a.confidence?.category ?? 1) <= 0.5)
        #expect(a.flags.contains { $0.hasPrefix("需人工确认") && $0.contains("依据弱") })
    }

    @Test func aCategoryAboveTheThresholdIsNotFlaggedAsWeak() throws {
        let a = try ScoreTestSupport.assessRules("高效叠层太阳能电池研制成功", "四川大学团队研制出高效率的叠层太阳能电池样机，光电转换效率创下同类器件纪录，已通过鉴定。")
        #expect(a.category == "应用研究成果")
        #expect(!a.reviewReasons.contains { $0.contains("成果类别") }, "\(a.reviewReasons)")
        #expect((a.confidence?.category ?? 0) > 0.6)
    }
}
