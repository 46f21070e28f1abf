import BulletinTestSupport
@testable import BulletinCore
import Foundation
import OOXML
import Testing

/// The per-row changes of issue 14's csv24 pass against what they replace: findings appended with room for eight at
/// the first, a pattern's list taken as it is into an empty list, the model layer's labels compared by `LabelText`, and
/// the `inspect --json` line's form fields put in place by one walk of the dictionary.
struct IntakeSpeed24Tests {
    static let texts: [String] = ScoreSpeedEquivalence11Tests.texts + Array(ScoreSpeedEquivalence4Tests.texts.prefix(40)) + [
        "研制出国内首台（套）油气田智能钻井系统，推广应用4404万亩，经评价达到国内先进水平。",
        "在Nature、Science发表论文7篇，成果以665万元转让给某公司，实现产业化。",
    ]

    /// Every cue of the voters (phrases and patterns), the level rungs and the benefit indicators, appended into a
    /// list with no room, into an emptied list with room, and after earlier findings: each time `ranges(in:)` after
    /// what the list held.
    @Test func appendRangesIsRangesIntoEveryKindOfList() throws {
        let config = try ScoreTestSupport.rulesAloneScoring()
        let reader = try LevelClaimReader(config: config, file: "pipeline.json")
        var cues = reader.rungs.flatMap { $0.explicit.cues + $0.implied.cues }
        cues += try compilePhrases(config.evidence.economicBenefit.indicators, path: "indicators", file: "pipeline.json")
        for (i, group) in (config.categories + config.subtypes + config.industries).enumerated() {
            cues += try CompiledGroup(group, path: "groups[\(i)]", file: "pipeline.json").cues
        }
        #expect(cues.contains { $0.literal == nil }, "patterns among the cues")
        var roomy: [NSRange] = []
        roomy.reserveCapacity(64)
        var found = 0, fromPatterns = 0
        for t in Self.texts {
            let text = ScoringText(field: .summary, text: t, weight: 1)
            for cue in cues {
                let expected = cue.ranges(in: text)
                var bare: [NSRange] = []
                cue.appendRanges(in: text, to: &bare)
                #expect(bare == expected, "\(t)")
                roomy.removeAll(keepingCapacity: true)
                cue.appendRanges(in: text, to: &roomy)
                #expect(roomy == expected, "\(t)")
                #expect(roomy.capacity >= 64, "a list's own room is kept")
                var after = [NSRange(location: 99, length: 1)]
                cue.appendRanges(in: text, to: &after)
                #expect(after == [NSRange(location: 99, length: 1)] + expected, "\(t)")
                found += expected.count
                if cue.literal == nil { fromPatterns += expected.count }
            }
        }
        #expect(found > 200)
        #expect(fromPatterns > 0)
    }

    /// `appendFinding` is `append`: the same elements in the same order, room for eight made at the first.
    @Test func appendFindingAppends() {
        var list: [NSRange] = []
        var plain: [NSRange] = []
        for k in 0..<40 {
            let r = NSRange(location: k * 3, length: k % 4)
            list.appendFinding(r)
            plain.append(r)
            #expect(list == plain)
            if k == 0 { #expect(list.capacity >= 8) }
        }
    }

    /// The model layer's label lookups by `LabelText` give what `firstIndex(of:)` gave: every label of each dimension,
    /// labels with a combining mark or full-width letters (where `==` decides), and strings that are no label.
    @Test func modelLabelLookupsAreFirstIndexOf() throws {
        let scoring = try ScoreTestSupport.repositoryScoring()
        let settings = try #require(scoring.model)
        let model = try ModelLayer(settings: settings, directory: scoring.directory).model
        let dims = [model.category, model.subtype, model.industry]
        var asked = 0
        for (d, dim) in dims.enumerated() {
            var probes = dim.labels + ["", "其他", "e\u{301}", "\u{E9}", "ＡＢ", "AB"]
            probes += dim.labels.map { $0 + "\u{301}" } + dim.labels.map { String($0.dropLast()) }
            for p in probes {
                #expect(model.index(d, of: p) == dim.labels.firstIndex(of: p), "\(d) \(p)")
                asked += 1
            }
        }
        for c in model.category.labels + ["", "基础研究", "应用研究成果\u{301}"] {
            // The mask as `subtypeMasks` builds it for the label `firstIndex(of:)` finds.
            let expected = model.category.labels.firstIndex(of: c).flatMap { i in
                AchievementTaxonomy.subtypesByCategory[model.category.labels[i]].map { allowed in
                    var mask: UInt32 = 0
                    for (j, label) in model.subtype.labels.enumerated() where allowed.contains(label) { mask |= 1 << UInt32(j) }
                    return mask
                }
            }
            #expect(model.subtypeMask(c) == expected, "\(c)")
        }
        #expect(asked > 40)
    }

    /// Form fields with hostile values (controls, quotes, backslashes, U+FFFD where the input held bad bytes, full-width
    /// and CJK punctuation, emoji, NFD, U+2028) and keys given in any order: JSONEncoder's bytes, whether the keys are
    /// the form's own (put in place by one walk) or not (sorted).
    @Test func hostileFieldValuesHaveTheEncodersBytes() throws {
        let bad = String(decoding: [0x66, 0xED, 0xA0, 0x80, 0x67, 0xFF, 0xC3], as: UTF8.self)  // an encoded lone surrogate, a stray byte
        let hostile = ["\u{0}\u{1}\u{1F}\t\n\r\u{8}\u{C}", "\"引号\"与\\反斜杠\\", bad, "，。；：？！“”‘’（）【】《》、", "😀👨‍👩‍👧🇨🇳",
                       "e\u{301}ｅ́", "\u{2028}\u{2029}\u{7F}\u{85}", "", "/斜杠/", String(repeating: "重大科技成果", count: 40)]
        #expect(bad.contains("\u{FFFD}"))
        let keys = InspectionLine.fieldKeys
        var lines = 0
        for shift in 0..<hostile.count {
            var fields: [String: String] = [:]
            for (i, key) in keys.reversed().enumerated() { fields[key] = hostile[(i + shift) % hostile.count] }
            var other = fields
            other.removeValue(forKey: keys[shift % keys.count])
            other["\(hostile[shift])键"] = hostile[(shift + 3) % hostile.count]
            for f in [fields, other] {
                let line = InspectionLine(file: "a.csv", index: 1, location: "第 2 行", fields: f, classified: false, category: "",
                                          subtype: "", level: "", industry: "", score: 1, reasons: [], problems: [], notes: [], flags: [],
                                          titleKey: "", eligible: true, assessment: Assessment())
                #expect(line.jsonBytes() == (try InspectionJSONTests.encoderBytes(line)), "\(shift)")
                lines += 1
            }
        }
        #expect(lines == 2 * hostile.count)
    }

    /// A workbook inspected twice in a row, and after another: the same lines each time, as JSON bytes (each inspection
    /// hands the review-sheet check's reads to the reader, `WorkbookReads`).
    @Test func workbooksInspectTheSameEveryTime() throws {
        let inspector = try Inspector(config: TestSupport.config())
        let folder = TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/xlsx")
        let names = ["openpyxl-汇总.xlsx", "libreoffice-汇总.xlsx"]
        var first: [String: [[UInt8]]] = [:]
        for round in 0..<3 {
            for name in names {
                let url = folder.appendingPathComponent(name)
                #expect(inspector.returnedSheet(url) == nil)
                let lines = inspector.inspect(url).map { $0.jsonBytes() ?? [] }
                #expect(lines.count >= 2)
                if round == 0 { first[name] = lines } else { #expect(lines == first[name], "\(name) round \(round)") }
            }
        }
    }
}
