@testable import BulletinCore
import Foundation
import Testing

/// The twelfth speed pass (issue 14): money amounts found by hand on the units, level claims' markers looked for in the
/// units, the model's grams read per dimension. Each must answer as the code it replaces.
@Suite struct ScoreSpeedEquivalence12Tests {
    /// The expression's matches, as `MoneyAmount.Match`es.
    static func expressionMatches(_ units: [UInt16]) throws -> [MoneyAmount.Match] {
        let expression = try NSRegularExpression(pattern: MoneyAmount.pattern)
        let string = UTF16Text.string(units[...])
        return expression.matches(in: string, range: NSRange(location: 0, length: units.count)).map { m in
            MoneyAmount.Match(number: m.range(at: 1), unit: m.range(at: 2).location == NSNotFound ? nil : m.range(at: 2), whole: m.range)
        }
    }

    /// Units that make the expression work hard: every character it names, white space of several kinds (ICU's `\s`
    /// and not), digits, commas and points, other ideographs, Latin letters, a lone surrogate and a pair.
    static let alphabet: [[UInt16]] = ["数", "十", "百", "千", "万", "亿", "元", "余", "多", "零", "一", "二", "两", "三", "九", "0", "1", "9",
                                       ",", ".", " ", "\t", "\n", "\r", "\u{C}", "\u{3000}", "\u{2028}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{200B}",
                                       "a", "，", "约", "元", "元", "万", "😀"].map { Array($0.utf16) } + [[0xD800], [0xDC00]]

    @Test func handMatcherFindsWhatTheExpressionFinds() throws {
        var mix = SplitMix64(seed: 14)  // BulletinCore's generator: the same sequence every run
        var compared = 0, found = 0
        for _ in 0..<20_000 {
            var units: [UInt16] = []
            for _ in 0..<mix.below(14) { units += Self.alphabet[mix.below(Self.alphabet.count)] }
            let made = units.withUnsafeBufferPointer { MoneyAmount.matches(in: $0) }
            let expected = try Self.expressionMatches(units)
            #expect(made == expected, "\(units.map { String($0, radix: 16) })")
            compared += 1
            found += expected.count
        }
        #expect(compared == 20_000)
        #expect(found > 2_000)
    }

    @Test func handMatcherOnNamedCases() throws {
        let cases = ["新增产值3.2亿元，利润5000万元", "销售收入十余亿元、数百亿元", "合同金额1,200万元", "产值 12 . 5 万 元", "利税二千三百万元",
                     "收入12.5.3元", "𠀀3亿元😀4万元", "金额\t5\u{2028}万元", "数千万元", "数百万x元", "三千百万元", "数元", "数十多万元", "1,.5元",
                     "3千万元", "一千二百万 元", "五 多 亿 元", "数十 余 元", "12,", "元元", "0元", "十余万元"]
        for text in cases {
            let units = Array(text.utf16)
            let made = units.withUnsafeBufferPointer { MoneyAmount.matches(in: $0) }
            #expect(made == (try Self.expressionMatches(units)), "\(text)")
        }
        // White space on which readings of ICU's \s differ: left to the expression.
        for text in ["5\u{B}万元", "5\u{85}元"] {
            #expect(Array(text.utf16).withUnsafeBufferPointer { MoneyAmount.matches(in: $0) } == nil)
        }
    }

    /// Amounts read through the fallback (a window with U+000B) are where the expression finds them.
    @Test func amountsWithUnsureWhiteSpaceComeFromTheExpression() throws {
        let t = ScoringText(field: .summary, text: "利润5\u{B}万元，产值3亿元", weight: 1)
        let amounts = MoneyAmount.amounts(in: t, range: NSRange(location: 0, length: t.length))
        #expect(amounts.map(\.range) == (try Self.expressionMatches(t.units)).map(\.whole))
        #expect(amounts.last?.wanYuan == 30_000)
    }

    /// Level claims whose markers are read on the units are those read on the strings of the words (the reading before),
    /// on every labelled text and on texts made to hit each marker list, full-width forms and surrogates included.
    @Test func levelClaimMarkersOnUnitsAreThoseOnStrings() throws {
        let reader = try LevelClaimReader(config: .rulesAlone, file: "pipeline.json")
        let reading = ScoringConfig.rulesAlone.levelReading
        let markers = reading.overallMarkers + reading.partialMarkers + reading.partialScopeMarkers + reading.hedgeMarkers
            + reading.comparisonMarkers + (reading.yardstickMarkers ?? ["较", "比"]) + reading.notClaimFollowers
        var made: [String] = []
        for (i, marker) in markers.enumerated() {
            made.append("成果\(marker)达到国际先进水平。")
            made.append("该系统性能\(marker)国内领先水平\(markers[(i + 3) % markers.count])，部分指标达到国际领先。")
            made.append("达到国内先进水平\(marker)，其中\(marker)达到国际领先水平")
            made.append("整体ａｂ\(marker)达到国际先进水平；填补国内空白\(marker)")
        }
        made += ["𠀀达到国际先进水平，部分😀指标达到国际领先水平", "接近😀国际先进水平", "a比国际先进水平", "较国内领先水平高"]
        var claims = 0, marked = 0
        for text in ScoreSpeedEquivalence4Tests.texts + made {
            for field in [Field.title, .summary] {
                let t = ScoringText(field: field, text: text, weight: 1)
                let onUnits = reader.claims(in: t)
                #expect(onUnits == reader.claims(in: t, onUnits: false), "\(text)")
                claims += onUnits.count
                marked += onUnits.filter { !$0.marker.isEmpty }.count
            }
        }
        #expect(claims > 1_000)
        #expect(marked > 300)
    }

    /// `grams` as it was: label by label, the dimension chosen per weight (the reference for the per-dimension loop).
    static func gramsBefore(_ model: NgramModel, _ d: Int, _ f: NgramModel.Features, best: Int, allowed: UInt32, norm: Double) -> [String] {
        let dim = d == 0 ? model.category : d == 1 ? model.subtype : model.industry
        let k = dim.labels.count
        let all: UInt32 = (1 << UInt32(k)) - 1
        let kept = allowed & all
        let whole = kept == all
        func weight(_ e: Int, _ j: Int) -> Double {
            Double(d == 0 ? model.entryCategory[e][j] : d == 1 ? model.entrySubtype[e][j] : model.entryIndustry[e][j]) / 100_000
        }
        func stronger(_ push: Double, _ row: Int, than other: Double, _ otherRow: Int) -> Bool {
            push > other || (push == other && dim.gram(row) < dim.gram(otherRow))
        }
        return f.withGrams { entries, values in
            var rows: [Int] = [], pushes: [Double] = []
            let others = Double(max(kept.nonzeroBitCount - 1, 1))
            for i in 0..<entries.count {
                let e = Int(entries[i])
                let row = Int(model.entryRows[e][d])
                guard row >= 0 else { continue }
                var sum = 0.0
                if whole {
                    sum = model.entrySums[e][d]
                } else {
                    for j in 0..<k where (kept >> UInt32(j)) & 1 == 1 { sum += weight(e, j) }
                }
                let w = weight(e, best)
                let push = (w - (sum - w) / others) * values[i] / norm
                guard push > 0 else { continue }
                var at = rows.count
                while at > 0 && stronger(push, row, than: pushes[at - 1], rows[at - 1]) { at -= 1 }
                rows.insert(row, at: at)
                pushes.insert(push, at: at)
                if rows.count > 3 { rows.removeLast(); pushes.removeLast() }
            }
            return rows.map { dim.gram($0) }
        }
    }

    /// The grams behind a verdict, read per dimension, are those read label by label: every dimension, every label as the
    /// best, every label allowed or only a category's subtypes, on labelled texts.
    @Test func modelGramsPerDimensionAreThoseLabelByLabel() throws {
        let scoring = try ScoreTestSupport.repositoryScoring()
        let settings = try #require(scoring.model)
        let layer = try ModelLayer(settings: settings, directory: scoring.directory)
        let model = layer.model
        var compared = 0, named = 0
        for text in ScoreSpeedEquivalence4Tests.texts.prefix(120) {
            let f = model.features(title: String(text.prefix(20)), summary: text)
            let z = model.scores(f)
            for d in 0..<3 {
                let count = d == 0 ? model.category.labels.count : d == 1 ? model.subtype.labels.count : model.industry.labels.count
                var masks: [UInt32] = [.max]
                if d == 1 { masks += model.category.labels.compactMap { model.subtypeMask($0) } }
                for mask in masks {
                    for best in 0..<count where (mask >> UInt32(best)) & 1 == 1 {
                        let made = model.grams(d, f, best: best, allowed: mask, norm: z.norms[d])
                        #expect(made == Self.gramsBefore(model, d, f, best: best, allowed: mask, norm: z.norms[d]), "\(text) \(d) \(best)")
                        compared += 1
                        named += made.count
                    }
                }
            }
        }
        #expect(compared > 2_000)
        #expect(named > 3 * compared / 2)
    }

    /// A cue list passes over the literals a text's scan did not find and finds what its cues find: its ranges are
    /// `CompiledCue.ranges(of:in:)` of its cues, and a cue it passes over has no first range, for the journals, the
    /// economic-benefit indicators, the level phrases and the proximity lists of pipeline.json on labelled texts.
    @Test func cueListsFindWhatTheirCuesFind() throws {
        let config = ScoringConfig.rulesAlone
        var lists: [CueList] = []
        lists.append(try TopJournalRule(config: config, file: "pipeline.json").journals)
        lists.append(try EconomicBenefitRule(config: config, file: "pipeline.json").indicators)
        for rung in try LevelClaimReader(config: config, file: "pipeline.json").rungs { lists += [rung.explicit, rung.implied] }
        let evidence = config.evidence
        for (name, section) in [("academicPublisher", evidence.academicPublisher), ("varietyApproval", evidence.varietyApproval),
                                ("grantedPatent", evidence.grantedPatent), ("standardIssued", evidence.standardIssued)] {
            let matcher = try ProximityMatcher(section, path: "scoring.evidence.\(name)", file: "pipeline.json")
            lists += [matcher.actions, matcher.objects]
        }
        var passed = 0, found = 0
        for text in ScoreSpeedEquivalence4Tests.texts.prefix(400) + ["Nature发表论文，新增产值3亿元，达到国际领先水平", "获得授权发明专利"] {
            for field in [Field.title, .summary] {
                let t = ScoringText(field: field, text: text, weight: 1)
                for list in lists {
                    let ranges = list.ranges(in: t)
                    #expect(ranges == CompiledCue.ranges(of: list.cues, in: t), "\(text)")
                    found += ranges.count
                    for i in list.indices where !list.mayFind(i, in: t) {
                        #expect(list.cues[i].firstRange(in: t) == nil)
                        passed += 1
                    }
                }
            }
        }
        #expect(passed > 10_000)
        #expect(found > 500)
    }
}

private extension SplitMix64 {
    /// A number in 0..<n (the modulo's bias is no concern for drawing test inputs).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
