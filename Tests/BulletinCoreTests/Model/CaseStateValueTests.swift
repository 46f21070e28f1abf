@testable import BulletinCore
import Foundation
import Testing

/// `CaseState` keeps its record in a box shared between copies: it must still behave as a value. A change through
/// one copy is never seen by another, whichever copy changes and however deep the change; equality is that of the
/// parts, boxes shared or not.
@Suite struct CaseStateValueTests {
    static func state(_ title: String = "高比能固态锂电池关键技术研究与应用") -> CaseState {
        let record = RenderSamples.record("2026-11-0007", submitter: "四川大学", supervisor: "省教育厅", title: title,
                                          summary: "研制出国内首台（套）固态锂电池示范生产线，经第三方评价达到国际先进水平。",
                                          category: "应用研究成果", subtype: "创新产品", level: "国际先进", industry: "能源化工")
        return CaseState(record: record, sightings: [], history: [], possibleDuplicates: ["2026-11-0003"])
    }

    @Test func aChangeToACopysRecordIsNotSeenByTheOriginal() {
        let original = Self.state()
        var copy = original
        copy.record.assessment.category = "基础研究成果"
        copy.record.fields[.title] = "另一项成果"
        copy.record.assessment.reasons.append(Reason(rule: "levelClaim", field: "summary", matched: "国际先进", weight: 10,
                                                     conclusion: "技术水平取「国际先进」：明示声称"))
        #expect(original.record.assessment.category == "应用研究成果")
        #expect(original.record[.title] == "高比能固态锂电池关键技术研究与应用")
        #expect(original.record.assessment.reasons.isEmpty)
        #expect(copy.record.assessment.category == "基础研究成果")
        #expect(copy.record[.title] == "另一项成果")
        #expect(copy.record.assessment.reasons.count == 1)
        #expect(copy != original)
    }

    @Test func aChangeToTheOriginalIsNotSeenByACopy() {
        var original = Self.state()
        let copies = [original, original]
        original.record.classified = true
        original.record.id = "2026-11-0008"
        for c in copies {
            #expect(!c.record.classified)
            #expect(c.id == "2026-11-0007")
        }
        #expect(original.classified)
        #expect(original.id == "2026-11-0008")
    }

    @Test func copiesInACollectionStayApartWhenOneChanges() {
        var states = Array(repeating: Self.state(), count: 4)
        states[2].record.assessment.level = "国内领先"
        #expect(states.map(\.effectiveLevel) == ["国际先进", "国际先进", "国内领先", "国际先进"])
        let sorted = states.sorted { $0.effectiveLevel < $1.effectiveLevel }
        states[0].record.assessment.level = "国内先进"
        #expect(sorted.filter { $0.effectiveLevel == "国内先进" }.isEmpty)
    }

    @Test func equalityIsThatOfTheParts() {
        let a = Self.state(), b = Self.state()
        #expect(a == b)  // two boxes, equal records
        var c = a
        #expect(c == a)  // one box
        c.record.assessment.score = 81
        #expect(c != a)
        c.record.assessment.score = a.record.assessment.score
        #expect(c == a)  // two boxes again, equal records
        var d = a
        d.possibleDuplicates = []
        #expect(d != a)  // same record, other parts differ
        #expect(Self.state("另一项成果") != a)
        #expect(a.version == b.version)
        var nan = a
        nan.record.assessment.score = .nan
        let sharing = nan
        #expect(sharing != nan)  // one box, but NaN is not equal to itself: as the synthesised == said
    }

    @Test func itDescribesItselfByItsPartsNotItsBox() {
        let text = String(describing: Self.state())
        #expect(text.hasPrefix("CaseState(record: BulletinCore.CaseRecord(id: \"2026-11-0007\""))
        #expect(text.contains("高比能固态锂电池关键技术研究与应用"))
        #expect(text.hasSuffix("possibleDuplicates: [\"2026-11-0003\"])"))
        #expect(!text.contains("RecordBox"))
    }
}
