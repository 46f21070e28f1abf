@testable import BulletinCore
import Foundation
import Testing

/// The matcher's shortcuts for large intakes (issue 14) must not change a verdict: titles aligned as integer
/// codes, bounds that skip the alignment, and the token comparison skipped when neither title holds a token.
@Suite struct MatchAlignmentSpeedTests {
    /// The alignment as it was before the shortcuts (Character by Character, no bounds), as the reference.
    static func reference(_ x: [Character], _ y: [Character]) -> (String, String)? {
        guard min(x.count, y.count) >= 4 else { return nil }
        var pieces: [(x: ArraySlice<Character>, y: ArraySlice<Character>, matched: Bool)] = []
        func common(_ x: ArraySlice<Character>, _ y: ArraySlice<Character>) -> (Int, Int, Int)? {
            if x.isEmpty || y.isEmpty { return nil }
            let xs = Array(x), ys = Array(y)
            var prev = [Int](repeating: 0, count: ys.count + 1)
            var best = (0, 0, 0)
            for a in 1...xs.count {
                var cur = [Int](repeating: 0, count: ys.count + 1)
                for b in 1...ys.count where xs[a - 1] == ys[b - 1] {
                    cur[b] = prev[b - 1] + 1
                    if cur[b] > best.2 { best = (a - cur[b], b - cur[b], cur[b]) }
                }
                prev = cur
            }
            return best.2 == 0 ? nil : (x.startIndex + best.0, y.startIndex + best.1, best.2)
        }
        func align(_ x: ArraySlice<Character>, _ y: ArraySlice<Character>) {
            guard let (i, j, n) = common(x, y), n >= 2 else {
                if !x.isEmpty || !y.isEmpty { pieces.append((x, y, false)) }
                return
            }
            align(x[x.startIndex..<i], y[y.startIndex..<j])
            pieces.append((x[i..<(i + n)], y[j..<(j + n)], true))
            align(x[(i + n)...], y[(j + n)...])
        }
        align(x[...], y[...])
        let gaps = pieces.indices.filter { !pieces[$0].matched }
        guard gaps.count == 1, let i = gaps.first, i < pieces.count - 1 else { return nil }
        let gap = pieces[i]
        let longest = i == 0 ? 3 : 6
        guard !gap.x.isEmpty, !gap.y.isEmpty, gap.x.count <= longest, gap.y.count <= longest,
              Set(gap.x).isDisjoint(with: gap.y) else { return nil }
        let aligned = pieces.reduce(0) { $0 + ($1.matched ? $1.x.count : 0) }
        guard Double(aligned) >= 0.6 * Double(max(x.count, y.count)) else { return nil }
        return (String(gap.x), String(gap.y))
    }

    static let titles = [
        "中药材川芎种植与采收加工行业标准", "中药材附子种植与采收加工行业标准", "中药材川明参种植与采收加工行业标准",
        "全钒液流电池储能系统", "铁铬液流电池储能系统", "全钒液流电池储能系统研制及产业化",
        "300MW级变速抽水蓄能机组研制与应用", "600MW级变速抽水蓄能机组研制与应用", "300MW级定速抽水蓄能机组研制与应用",
        "国内首台套300MW级变速抽水蓄能机组研制与应用", "变速抽水蓄能机组",
        "油气田智能钻井系统研制及产业化示范", "油气田智能钻井系统研制及产业化示范12", "页岩气智能钻井系统研制及产业化示范",
        "川农优498通过国家审定", "川农优528通过国家审定", "优质杂交水稻新品种川农优498选育",
        "SKB264新药获批上市", "ADC新药SKB264获批上市", "白鹤滩水电站百万千瓦机组投运", "白鹤滩水电站百万千瓦机组下线",
        "高速磁浮交通系统关键技术", "高速磁悬浮交通系统关键技术研究", "川芎", "附子种植",
    ]

    @Test func codedAlignmentGivesTheReferenceAnswerOnEveryPair() throws {
        var found = 0
        for x in Self.titles {
            for y in Self.titles {
                let cx = Array(x), cy = Array(y)
                let want = Self.reference(cx, cy)
                let chars = TitleAlignment.substitution(cx, cy)
                let codes = try #require(TitleAlignment.codes(cx)), codesY = try #require(TitleAlignment.codes(cy))
                let coded = TitleAlignment.substitution(codes: codes, codesY)
                #expect(chars?.0 == want?.0 && chars?.1 == want?.1, "\(x) / \(y)")
                #expect(coded?.0 == want?.0 && coded?.1 == want?.1, "\(x) / \(y)")
                if want != nil { found += 1 }
            }
        }
        // The pool holds templates with another subject, so the comparison is not only of nils.
        #expect(found >= 6)
        #expect(TitleAlignment.substitution(codes: try #require(TitleAlignment.codes(Array("全钒液流电池储能系统"))),
                                            try #require(TitleAlignment.codes(Array("铁铬液流电池储能系统"))))! == ("全钒", "铁铬"))
    }

    @Test func titlesFewCharactersApartAreStillAlignedWhenTheBoundsLetThemThrough() {
        // Five characters more on one side is the most the bounds let through (one against six in the gap);
        // six more is never one template.
        let x = Array("中药材生姜种植与采收加工行业标准")
        let four = Array("中药材峨眉道地黄连种植与采收加工行业标准")
        #expect(Self.reference(x, four) != nil)
        #expect(TitleAlignment.substitution(x, four)?.1 == "峨眉道地黄连")
        let y = Array("中药材姜种植与采收加工行业标准")
        #expect(Self.reference(y, four) != nil)
        #expect(TitleAlignment.substitution(y, four)?.0 == "姜")
        let six = Array("中药材峨眉山道地黄连种植与采收加工行业标准")
        #expect(Self.reference(x, six) == nil && TitleAlignment.substitution(x, six) == nil)
    }

    @Test func charactersWithCanonicalTwinsAreAlignedAsCharacters() {
        // U+F900 is a compatibility ideograph equal to U+8C48 as a Character: no codes, so no false "different".
        let compat = Array("高性能\u{F900}材料制备技术"), unified = Array("高性能\u{8C48}材料制备技术")
        #expect(TitleAlignment.codes(compat) == nil)
        #expect(TitleAlignment.codes(unified) != nil)
        #expect(TitleAlignment.codes(Array("e\u{301}lan高速列车")) == nil)
        let other = Array("高性能钛合金材料制备技术")
        #expect(TitleAlignment.substitution(compat, other)?.0 == Self.reference(compat, other)?.0)
        #expect(TitleAlignment.substitution(compat, unified) == nil)
    }

    @Test func aResentCaseWithAnotherTitleButItsTokenIsStillProbable() {
        let summary = "四川省农业科学院作物研究所选育的小麦新品种川麦104通过国家审定，亩产达620公斤，抗条锈病，已在川西平原推广50万亩。"
        let a = MatchSubject(id: "a", title: "小麦新品种川麦104通过国家审定", summary: summary,
                             submitter: "四川省农业科学院", mobile: "13981012345", year: 2026, month: 5)
        let b = MatchSubject(id: "b", title: "高产抗病川麦104选育与推广", summary: summary,
                             submitter: "四川省农业科学院作物研究所", mobile: "13981012345", year: 2026, month: 6)
        let v = CaseMatcher().compare(a, b)
        #expect(v.outcome == .probable, "\(v)")
        #expect(v.evidence.contains { $0.field == .hardToken && $0.note.contains("川麦104") })
        // Titles without hard tokens: no token evidence and no veto, as before the shortcut.
        let c = MatchSubject(id: "c", title: "丘陵山区智能农机装备研制", summary: "西南大学研制的丘陵山区智能农机装备已推广。",
                             submitter: "西南大学", year: 2026, month: 5)
        var d = c
        d.id = "d"
        d.title = "丘陵山地智能农机装备研发"
        let w = CaseMatcher().compare(c, d)
        #expect(!w.evidence.contains { $0.field == .hardToken })
        #expect(w.vetoes.isEmpty)
    }

    @Test func theBestCandidatesAreThoseOfSortingEveryTouchedCase() {
        // Containments on a coarse grid, so that ties (broken by document number) are frequent.
        var g = SplitMix64(seed: 20)
        for round in 0..<200 {
            var touched: [Int: (Double, Double)] = [:]
            for _ in 0..<Int.random(in: 0...300, using: &g) {
                touched[Int.random(in: 0..<1000, using: &g)] = (Double(Int.random(in: 0...10, using: &g)) / 10,
                                                                Double(Int.random(in: 0...10, using: &g)) / 10)
            }
            let excluded = round % 3 == 0 ? Set(touched.keys.prefix(5)) : []
            let limit = [1, 5, 20, 400][round % 4]
            let want = touched.filter { !excluded.contains($0.key) }
                .sorted { a, b in
                    let x = max(a.value.0, a.value.1), y = max(b.value.0, b.value.1)
                    return x != y ? x > y : a.key < b.key
                }
                .prefix(limit)
            let got = MatchIndex.best(touched, limit: limit) { !excluded.contains($0) }
            #expect(got.map(\.key) == want.map(\.key))
            #expect(got.map(\.value.0) == want.map(\.value.0) && got.map(\.value.1) == want.map(\.value.1))
        }
    }

    @Test func twoDecimalsAreWrittenAsTheFormatterWritesThem() {
        var values: [Double] = [0, -0.0, 0.005, 0.015, 0.125, 0.375, 0.625, 0.875, 1.005, 2.675, 0.345, 0.999, 0.995,
                                1e-300, .leastNonzeroMagnitude, 0.0049999999, 12.5, 999_999.995, 1_000_000, 3.14159, -2.5, -0.004,
                                .nan, .infinity, 0.34, 0.3, 1.0 / 3, 2.0 / 3]
        for k in 0...20_000 { values.append(Double(k) / 1000) }
        for k in 0...2_000 { values.append(Double(k) / 8) }
        var g = SplitMix64(seed: 2)
        for _ in 0..<20_000 { values.append(Double.random(in: 0..<100, using: &g)) }
        for _ in 0..<2_000 { values.append(Double.random(in: 0..<1e-3, using: &g)) }
        var differing: [Double] = []
        for v in values where MatchFormat.fixed2(v) != String(format: "%.2f", v) { differing.append(v) }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        #expect(MatchFormat.fixed2(0.125) == "0.12" && MatchFormat.fixed2(0.375) == "0.38" && MatchFormat.fixed2(12.5) == "12.50")
    }
}
