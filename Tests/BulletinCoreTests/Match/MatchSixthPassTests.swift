@testable import BulletinCore
import Foundation
import Testing

/// The sixth pass on the match step (docs/matching.md) replaced code without changing an answer: strings built as
/// UTF-8 bytes, a Horspool search for long texts, the alignment walked without a list of pieces and behind a
/// bound on the common prefix and suffix, and the queries' buffers kept from one query to the next. Each is
/// checked here against the code it replaced (copied below as the reference) on random and template-heavy input.
@Suite struct MatchSixthPassTests {
    // MARK: - References: the replaced code

    /// `String.holds` as it was: the last byte tested first at every place, then the rest byte by byte.
    static func holdsReference(_ hay: String, _ needle: String) -> Bool {
        let h = Array(hay.utf8), n = Array(needle.utf8)
        if n.isEmpty { return true }
        guard n.count <= h.count else { return false }
        return (0...(h.count - n.count)).contains { i in h[i + n.count - 1] == n[n.count - 1] && Array(h[i..<(i + n.count)]) == n }
    }

    /// `MatchText.normalise` as it was, building its answer on a `String.UnicodeScalarView`.
    static func normaliseReference(_ text: String) -> String {
        let wide = TextForm.halfWidthASCII(text)
        var s: [Unicode.Scalar] = []
        for u in wide.unicodeScalars {
            if u.value >= 0x61 && u.value <= 0x7A, let up = Unicode.Scalar(u.value - 32) { s.append(up) } else { s.append(u) }
        }
        var out = String.UnicodeScalarView()
        var i = 0
        let million: [Unicode.Scalar] = Array("百万千瓦".unicodeScalars)
        while i < s.count {
            if s[i] == "百", MatchText.starts(s, at: i, with: million), i == 0 || !MatchText.isDigit(s[i - 1]) {
                out.append(contentsOf: "1000MW".unicodeScalars)
                i += million.count
                continue
            }
            out.append(s[i])
            let afterNumber = MatchText.isDigit(s[i]) && (i + 1 >= s.count || !MatchText.isDigit(s[i + 1]) && s[i + 1] != ".")
            i += 1
            guard afterNumber, i < s.count else { continue }
            var j = i
            if s[j] == "万" || s[j] == "亿", !MatchText.unitWords.contains(where: { MatchText.starts(s, at: j, with: $0.word) }) { j += 1 }
            if let unit = MatchText.unitWords.first(where: { MatchText.starts(s, at: j, with: $0.word) }) {
                out.append(contentsOf: s[i..<j])
                out.append(contentsOf: unit.symbol.unicodeScalars)
                i = j + unit.word.count
            }
        }
        return String(out)
    }

    /// `MatchText.key` as it was.
    static func keyReference(_ normalised: String) -> String {
        var out = String.UnicodeScalarView()
        for u in normalised.unicodeScalars where MatchText.isWordScalar(u) { out.append(u) }
        return String(out)
    }

    /// `MatchProfile.figures(in:)` as it was.
    static func figuresReference(_ normalised: String) -> Set<String> {
        var out = Set<String>()
        var run = String.UnicodeScalarView()
        func flush() {
            defer { run = String.UnicodeScalarView() }
            let v = String(run)
            guard v.contains(".") || v.count >= 2 else { return }
            if v.count == 4, let year = Int(v), (1900...2100).contains(year) { return }
            out.insert(v)
        }
        let s = Array(normalised.unicodeScalars)
        for (i, u) in s.enumerated() {
            if MatchText.isDigit(u) || (u == "." && !run.isEmpty && i + 1 < s.count && MatchText.isDigit(s[i + 1])) {
                run.append(u)
            } else if !run.isEmpty {
                flush()
            }
        }
        if !run.isEmpty { flush() }
        return out
    }

    // MARK: - Random text

    /// Pieces a sender's text is made of: ideographs, full-width and half-width Latin and digits, units after
    /// numbers, punctuation, spaces of several kinds, and a few scalars of every UTF-8 length.
    static let pieces: [String] = [
        "油", "气", "田", "智", "能", "钻", "井", "系", "统", "研", "制", "及", "产", "业", "化", "示", "范", "高", "比", "能",
        "固态锂电池", "关键技术", "研究与应用", "（第", "号）", "百万千瓦", "千瓦", "兆瓦时", "万千瓦", "吨", "公斤", "米", "万", "亿",
        "0", "1", "2", "3", "7", "9", "12", "300", "6.8", "2024", "１", "２", "０", "Ａ", "ｂ", "a", "Z", "MW", "kw", "ISO ",
        "GB/T ", "-", "/", ".", "。", "，", "、", "《", "》", "“", "”", "\"", " ", "\u{3000}", "\u{00A0}", "é", "ß", "Ω", "ж",
        "😀", "𠀋", "\u{0301}", "Ⅱ", "％", "%", "\n",
    ]

    static func text(_ g: inout SplitMix64, length: Int) -> String {
        (0..<length).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &g)] }.joined()
    }

    // MARK: - Tests

    @Test func scalarTextIsTheScalarViewsString() {
        var g = SplitMix64(seed: 61)
        let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF]
        for _ in 0..<2_000 {
            let scalars = (0..<Int.random(in: 0...40, using: &g)).compactMap { _ -> Unicode.Scalar? in
                Unicode.Scalar(UInt32.random(in: ranges[Int.random(in: 0..<ranges.count, using: &g)], using: &g))
            }
            let want = String(String.UnicodeScalarView(scalars))
            let got = ScalarText(scalars).string
            #expect(got == want)
            #expect(Array(got.utf8) == Array(want.utf8))
            var built = ScalarText(capacity: 3)
            for u in scalars { built.append(u) }
            #expect(built.string.unicodeScalars.elementsEqual(scalars))
        }
    }

    @Test func normaliseKeyAndFiguresAreTheReplacedCodes() {
        var g = SplitMix64(seed: 62)
        var figures = 0
        for _ in 0..<3_000 {
            let t = Self.text(&g, length: Int.random(in: 0...60, using: &g))
            let n = MatchText.normalise(t)
            #expect(Array(n.utf8) == Array(Self.normaliseReference(t).utf8), "\(t)")
            #expect(Array(MatchText.key(n).utf8) == Array(Self.keyReference(n).utf8), "\(n)")
            let f = MatchProfile.figures(in: n)
            #expect(f == Self.figuresReference(n), "\(n)")
            figures += f.count
        }
        #expect(figures > 1_000)
    }

    @Test func gramsAreSortedAsTheStandardSortSortsThem() {
        var g = SplitMix64(seed: 66)
        for round in 0..<3_000 {
            let n = [0, 1, 2, 15, 16, 17, 40, 300, 1_000][round % 9]
            var v: [UInt64] = (0..<n).map { _ in round % 3 == 0 ? UInt64.random(in: 0...5, using: &g) : UInt64.random(in: .min ... .max, using: &g) }
            if round % 7 == 0 { v.sort() }
            if round % 11 == 0 { v.sort(by: >) }
            var got = v
            // A depth of 0 hands the whole range to the standard sort, 1 and 2 part of it.
            got.withUnsafeMutableBufferPointer { MatchText.sortGrams($0, depth: [0, 1, 2, 64][round % 4]) }
            #expect(got == v.sorted())
        }
        // The grams of a text: sorted and distinct, as sorting and dropping the repeats gives them.
        for _ in 0..<500 {
            let key = MatchText.key(MatchText.normalise(Self.text(&g, length: Int.random(in: 0...120, using: &g))))
            for size in 1...4 {
                let s = Array(key.unicodeScalars)
                let all = s.count <= size ? (s.isEmpty ? [] : [MatchText.pack(s[...])]) : (0...(s.count - size)).map { MatchText.pack(s[$0..<($0 + size)]) }
                #expect(MatchText.grams(key, size: size) == Array(Set(all)).sorted(), "\(key)")
            }
        }
    }

    @Test func contrastWordsAreThoseTheFullSearchFinds() {
        var g = SplitMix64(seed: 67)
        let groups = MatchSettings().contrastTerms
        let words = groups.flatMap { $0 }
        var found = 0
        for _ in 0..<3_000 {
            // Sender text with contrast words and their pieces in it (二代 in 第二代, 期 without its number).
            var t = Self.text(&g, length: Int.random(in: 0...20, using: &g))
            for _ in 0..<Int.random(in: 0...3, using: &g) {
                let w = words[Int.random(in: 0..<words.count, using: &g)]
                t += Bool.random(using: &g) ? w : String(w.prefix(1)) + Self.text(&g, length: 1)
            }
            let n = MatchText.normalise(t)
            let key = MatchText.key(n)
            var want = HardTokens.extract(n)
            for (i, group) in groups.enumerated() {
                for w in group where !w.isEmpty && key.holds(w) {
                    if group.contains(where: { $0 != w && $0.holds(w) && key.holds($0) }) { continue }
                    want.insert(HardToken(kind: .contrast, family: "contrast\(i)", value: w))
                }
            }
            let got = HardTokens.extract(n, contrast: groups)
            #expect(got == want, "\(n)")
            found += got.filter { $0.kind == .contrast }.count
        }
        #expect(found > 1_000)
    }

    @Test func holdsFindsWhatTheByteSearchFinds() {
        var g = SplitMix64(seed: 63)
        var found = 0
        for round in 0..<1_500 {
            // Texts around the 256 bytes where the search changes, and long ones, from a few characters so that
            // needles often almost match.
            let alphabet = round % 2 == 0 ? ["东", "方", "电", "机", "大", "学"] : Self.pieces
            let length = [80, 85, 86, 90, 200, 400][round % 6]
            let hay = (0..<Int.random(in: 0...length, using: &g)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] }.joined()
            let chars = Array(hay)
            for _ in 0..<6 {
                let needle: String
                if Bool.random(using: &g), !chars.isEmpty {
                    let a = Int.random(in: 0..<chars.count, using: &g)
                    needle = String(chars[a..<min(chars.count, a + Int.random(in: 1...12, using: &g))])
                } else {
                    needle = (0..<Int.random(in: 0...8, using: &g)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] }.joined()
                }
                let want = Self.holdsReference(hay, needle)
                #expect(hay.holds(needle) == want, "\(needle) in \(hay)")
                if want && hay.utf8.count >= 256 && needle.utf8.count >= 4 { found += 1 }
            }
            #expect(hay.holds(hay) && !hay.holds(hay + "。"))
        }
        // The long texts' search was asked of needles it holds, not only of ones it does not.
        #expect(found > 500)
        // A needle longer than 255 bytes (its shifts are cut to 255) and at the very start and end.
        let long = String(repeating: "东方电机", count: 30) + "西南交通大学" + String(repeating: "电", count: 100)
        for needle in [String(long.suffix(120)), String(long.prefix(90)), "西南交通大学电", "西南交通大学东", String(repeating: "电", count: 101)] {
            #expect(long.holds(needle) == Self.holdsReference(long, needle), "\(needle)")
        }
    }

    @Test func theAlignmentGivesTheReferenceAnswer() throws {
        var g = SplitMix64(seed: 64)
        // One template with another subject in it, as a unit words its sibling products, and short titles over
        // a few characters (ties between common substrings, several gaps).
        let subjects = ["川芎", "附子", "川明参", "全钒", "铁铬", "锂", "钠离子", "黄精", "重楼", "12", "300MW"]
        let templates = ["中药材%种植与采收加工行业标准", "%液流电池储能系统", "%储能电站示范", "高比能%电池第%号", "%与%联合调度系统", "国家级%"]
        var titles: [String] = []
        for t in templates {
            for _ in 0..<12 {
                var s = t
                while let r = s.range(of: "%") { s.replaceSubrange(r, with: subjects[Int.random(in: 0..<subjects.count, using: &g)]) }
                titles.append(s)
            }
        }
        let few = ["东", "方", "电", "机", "A"]
        for _ in 0..<150 {
            titles.append((0..<Int.random(in: 3...14, using: &g)).map { _ in few[Int.random(in: 0..<few.count, using: &g)] }.joined())
        }
        var templated = 0, pairs = 0
        for x in titles {
            for y in titles {
                let cx = Array(x), cy = Array(y)
                let want = MatchAlignmentSpeedTests.reference(cx, cy)
                let chars = TitleAlignment.substitution(cx, cy)
                let coded = TitleAlignment.substitution(codes: try #require(TitleAlignment.codes(cx)), try #require(TitleAlignment.codes(cy)))
                #expect(chars?.0 == want?.0 && chars?.1 == want?.1, "\(x) / \(y)")
                #expect(coded?.0 == want?.0 && coded?.1 == want?.1, "\(x) / \(y)")
                pairs += 1
                if want != nil { templated += 1 }
            }
        }
        #expect(templated > 200, "\(templated) of \(pairs)")
    }

    @Test func aQueryWithKeptBuffersIsAFreshQuery() {
        var g = SplitMix64(seed: 65)
        let settings = MatchSettings()
        let subjects = ["车规级碳化硅功率器件", "高比能固态锂电池", "钒钛磁铁矿高效清洁利用", "油气田智能钻井系统"]
        let findings = ["依托国家重点研发计划，攻克了设计、制造与可靠性等卡脖子关键技术。", "建成示范生产线2条，在5个省推广应用。",
                        "主持制定国际标准1项、国家标准3项。", "新增销售收入8亿元，带动就业300人。"]
        // 300 documents: the summary index skips grams past 200 (frequentGramShare), and the buffers grow.
        let night = (0..<300).map { k in
            let s = subjects[Int.random(in: 0..<subjects.count, using: &g)]
            return MatchSubject(id: "row-\(k)", title: k % 4 == 0 ? "\(s)研制及产业化示范\(k)" : "\(s)关键技术研究与应用（第\(k)号）",
                                summary: findings[k % findings.count] + s + findings[Int.random(in: 0..<findings.count, using: &g)],
                                submitter: ["四川大学", "电子科技大学"][k % 2], year: 2026, month: 6)
        }
        var index = MatchIndex(postings: [(id: String, postings: MatchPostings)](), settings: settings, atMost: night.count, load: { _ in [] })
        var scratch = MatchIndex.Scratch()
        var walk = NGramIndex.Scratch()
        var summaries = NGramIndex()
        var touched = 0
        for s in night {
            let p = MatchProfile(s, settings: settings)
            let fresh = index.candidates(for: p)
            let kept = index.candidates(for: p, scratch: &scratch)
            #expect(fresh.map(\.profile.subject.id) == kept.map(\.profile.subject.id))
            #expect(fresh.map(\.title.bitPattern) == kept.map(\.title.bitPattern))
            #expect(fresh.map(\.summary.bitPattern) == kept.map(\.summary.bitPattern))
            // Between queries every count is 0 and every slot -1.
            #expect(!scratch.walk.counts.contains { $0 != 0 } && !scratch.slot.contains { $0 != -1 })
            // The walk alone, with a floor of 0 (every touched document), against the counting of shared grams.
            let grams = p.summaryGrams
            let want = MatchContainmentTests.reference(summaries, grams, floor: 0, skip: 40)
            summaries.containment(of: grams, atLeast: 0, skipAbove: 40, scratch: &walk)
            #expect(MatchContainmentTests.same(Array(walk.answer), want))
            #expect(!walk.counts.contains { $0 != 0 })
            touched += walk.answer.count
            index.add(p)
            summaries.add(grams)
        }
        #expect(touched > 5_000)
    }
}
