@testable import BulletinCore
import Foundation
import Testing

/// The rules pass at 20,000 rows (rules7, issue 14): the tally's and the confidence's conclusions written in one piece
/// with their sums, prefixes and suffixes of conclusions read scalar by scalar, the summary's use construction found
/// in one pass, its cues read from one buffer, votes counted in place. Each must answer as the code it replaces, which
/// is kept here as the oracle.
@Suite struct ScoreSpeedEquivalence14Tests {
    static func next(_ seed: inout UInt64) -> UInt64 {
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
        return seed
    }

    // MARK: - The tally's descriptions, framed

    @Test func framedDescriptionIsTheConcatenationOfTheDescription() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        let parts = ["", "成果类别取「", "应用研究成果", "」：", "e\u{301}", "😀", "，低于门槛 ", "2.50", "\u{301}", "a"]
        let weights: [Double] = [2, 1.5, -1, 0.5, 3.25, 0.005, 1e13, -0.0, 1e300, .infinity, 2, 0.125, 7.005, 1e12 + 0.5]
        for round in 0..<3_000 {
            var totals = LabelTotals()
            var dictionary: [String: Double] = [:]
            let order: [String] = switch round % 4 {
            case 0: AchievementTaxonomy.industries
            case 1: AchievementTaxonomy.categories
            case 2: AchievementTaxonomy.subtypesByCategory["应用研究成果"] ?? []
            default: ["没有的类别", "e\u{301}", "\u{E9}", "其他"]  // labels without a number, one pair canonically equal
            }
            for _ in 0..<(round % 10) {
                let s = Self.next(&seed)
                let label = order[Int(s % UInt64(order.count))]
                let weight = weights[Int((s >> 8) % UInt64(weights.count))]
                totals.add(weight, to: label)
                dictionary[label, default: 0] += weight
            }
            let ids = order.map(LabelIndex.of)
            let s = Self.next(&seed)
            let (a, b, c) = (parts[Int(s % 10)], parts[Int((s >> 4) % 10)], parts[Int((s >> 8) % 10)])
            let (d, e) = (parts[Int((s >> 12) % 10)], parts[Int((s >> 16) % 10)])
            let none = round % 3 == 0 ? "" : "没有任何类别的依据"
            let old = Tally.concat(a, b, c, Tally.describe(dictionary, order: order).ifEmpty(none), d, e)
            let new = Tally.framed(totals, order: order, ids: ids, a, b, c, none: none, d, e)
            #expect(Array(new.utf8) == Array(old.utf8), "\(round)")
            #expect(Tally.describe(totals, order: order, ids: ids) == Tally.describe(dictionary, order: order))
        }
    }

    // MARK: - Prefixes and suffixes

    /// Strings where the standard library's comparison by characters differs from one by scalars or bytes: combining
    /// marks and variation selectors after an ideograph, compatibility ideographs (U+F900 is U+8C48), NFD accents,
    /// emoji with modifiers, flags, CR LF, half-width voiced marks, Hangul jamo, Arabic prepend marks.
    static let pieces: [String] = [
        "", "技术水平取", "「", "国际领先", "」", "用途：", "只对部分工作", "声称", "指向产业「", "电子信息", "装备制造",
        "\u{301}", "\u{FE00}", "\u{E0100}", "\u{F900}", "\u{8C48}", "e", "\u{E9}", "😀", "👍🏽", "🇨🇳", "\r", "\n", "ｶ", "\u{FF9E}",
        "\u{1100}", "\u{1161}", "\u{0600}", "，", "a", " ", "ＡＩ",
    ]

    @Test func prefixesAndSuffixesAreTheStandardLibrarys() {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        var strings: [String] = Self.pieces
        for _ in 0..<1_500 {
            let s = Self.next(&seed)
            var x = ""
            for k in 0..<Int(s % 5) { x += Self.pieces[Int((s >> (8 + 8 * UInt64(k))) % UInt64(Self.pieces.count))] }
            strings.append(x)
        }
        var checked = 0
        for (i, s) in strings.enumerated() {
            // Each string against its own prefixes and suffixes (by scalars, so some cut a character) and some others.
            let scalars = Array(s.unicodeScalars)
            var others: [String] = (0...scalars.count).flatMap { k in
                [String(String.UnicodeScalarView(scalars.prefix(k))), String(String.UnicodeScalarView(scalars.suffix(k)))]
            }
            for k in 0..<12 { others.append(strings[(i * 7 + k * 131) % strings.count]) }
            for p in others {
                #expect(LabelText.hasPrefix(s, p) == s.hasPrefix(p), "\(Array(s.unicodeScalars)) \(Array(p.unicodeScalars))")
                #expect(LabelText.hasSuffix(s, p) == s.hasSuffix(p), "\(Array(s.unicodeScalars)) \(Array(p.unicodeScalars))")
                checked += 1
            }
        }
        #expect(checked > 20_000)
    }

    // MARK: - The summary's use construction and its cues

    /// `ClauseReader.init`'s cues as it made them (an array of units per cue).
    static func referenceCues(_ units: [UInt16], found: [(Reason, Vote)]) -> [(start: Int, end: Int, word: String, label: String)] {
        var han: [(units: [UInt16], word: String, label: String)] = []
        var other: [(units: [UInt16], word: String, label: String)] = []
        for (reason, vote) in found where reason.field == Field.summary.rawValue && !reason.matched.isEmpty {
            let w = Array(reason.matched.utf16)
            if IndustryTitleHeads.isHan(w[0]) { han.append((w, reason.matched, vote.label)) } else { other.append((w, reason.matched, vote.label)) }
        }
        var cues: [(start: Int, end: Int, word: String, label: String)] = []
        for i in units.indices {
            for c in han where i + c.units.count <= units.count && units[i..<(i + c.units.count)].elementsEqual(c.units) {
                cues.append((i, i + c.units.count, c.word, c.label))
            }
        }
        for c in other {
            for s in ClauseReader.starts(of: c.units, in: units, 0..<units.count) { cues.append((s, s + c.units.count, c.word, c.label)) }
        }
        return cues
    }

    /// `IndustryPhrasesRule.useObject` as it was written: every marker's places listed, the earliest construction kept.
    static func referenceUse(_ reader: ClauseReader?) -> (marker: String, word: String, label: String, phrase: String)? {
        guard let reader else { return nil }
        var best: (start: Int, marker: String, word: String, label: String, phrase: String)?
        func consider(_ start: Int, _ marker: String, _ object: Range<Int>) {
            guard best.map({ start < $0.start }) ?? true, let last = reader.lastCue(in: object) else { return }
            best = (start, marker, last.word, last.label, String(decoding: reader.units[start..<last.end], as: UTF16.self))
        }
        for marker in IndustryPhrasesRule.useMarkers {
            let m = Array(marker.utf16)
            for s in reader.starts(of: m) { consider(s, marker, (s + m.count)..<reader.clauseEnd(from: s + m.count)) }
        }
        for (open, closes) in IndustryPhrasesRule.framedUseMarkers {
            let o = Array(open.utf16)
            for s in reader.starts(of: o) {
                let from = s + o.count
                let end = reader.clauseEnd(from: from)
                var close: (Int, String)?
                for c in closes {
                    guard let at = reader.firstStart(of: Array(c.utf16), in: from..<end) else { continue }
                    if close.map({ at < $0.0 }) ?? true { close = (at, c) }
                }
                guard let close else { continue }
                consider(s, "\(open)…\(close.1)", from..<close.0)
            }
        }
        return best.map { ($0.marker, $0.word, $0.label, $0.phrase) }
    }

    @Test func useMarkersBeginWithDifferentUnits() {
        let firsts = IndustryPhrasesRule.useMarkerFirsts + IndustryPhrasesRule.framedUseMarkerFirsts
        #expect(Set(firsts).count == firsts.count)
        #expect(firsts.count == IndustryPhrasesRule.useMarkers.count + IndustryPhrasesRule.framedUseMarkers.count)
    }

    @Test func useConstructionAndCuesAreTheListedOnes() {
        var seed: UInt64 = 0xD1B5_4A32_D192_ED03
        let words = ["用于", "应用于", "服务于", "面向", "为", "提供", "在", "领域", "行业", "，", "。", "芯片", "集成电路", "电路",
                     "风电机组", "机组", "新能源汽车", "汽车", "5G", "AI", "的", "研制", "😀", "\u{301}", "系统", "农业", "医疗"]
        let cues: [(String, String)] = [("芯片", "电子信息"), ("集成电路", "电子信息"), ("电路", "电子信息"), ("风电机组", "装备制造"),
                                        ("机组", "装备制造"), ("新能源汽车", "汽车"), ("汽车", "汽车"), ("5G", "电子信息"), ("AI", "电子信息"),
                                        ("农业", "现代农业"), ("医疗", "医药健康"), ("系统", "电子信息"), ("😀芯片", "电子信息"),
                                        ("e\u{301}芯片", "电子信息")]
        var found = 0
        for round in 0..<4_000 {
            var summary = ""
            let length = Int(Self.next(&seed) % 24)
            for _ in 0..<length { summary += words[Int(Self.next(&seed) % UInt64(words.count))] }
            // The rule's findings: some cues, some in the title, some without words, in a random order.
            var pairs: [(Reason, Vote)] = []
            for _ in 0..<Int(Self.next(&seed) % 7) {
                let s = Self.next(&seed)
                let (word, label) = cues[Int(s % UInt64(cues.count))]
                let field = s >> 20 % 5 == 0 ? Field.title.rawValue : Field.summary.rawValue
                let matched = (s >> 30) % 9 == 0 ? "" : word
                pairs.append((Reason(rule: "industryPhrases", field: field, matched: matched, weight: 1, conclusion: ""),
                              Vote(dimension: .industry, label: label, weight: 1)))
            }
            let units = Array(summary.utf16)
            let reader = ClauseReader(summary, units: round % 2 == 0 ? units : nil, found: pairs)
            let expected = Self.referenceCues(units, found: pairs)
            if let reader {
                #expect(reader.units == units)
                #expect(reader.cues.map(\.start) == expected.map(\.start), "\(summary)")
                #expect(reader.cues.map(\.end) == expected.map(\.end), "\(summary)")
                #expect(reader.cues.map(\.word) == expected.map(\.word), "\(summary)")
                #expect(reader.cues.map(\.label) == expected.map(\.label), "\(summary)")
            } else {
                #expect(expected.isEmpty, "\(summary)")
            }
            let use = IndustryPhrasesRule.useObject(reader)
            let reference = Self.referenceUse(reader)
            #expect(use?.marker == reference?.marker && use?.word == reference?.word && use?.label == reference?.label
                && use?.phrase == reference?.phrase, "\(summary)")
            if use != nil { found += 1 }
        }
        #expect(found > 300)
    }

    @Test func unitsDecodedFromBytesAreTheUTF16View() {
        var out: [UInt16] = [7]
        var expected: [UInt16] = [7]
        for s in Self.pieces + ["😀芯片", "ａ\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}", "集成电路"] {
            ClauseReader.appendUTF16(of: s, to: &out)
            expected += Array(s.utf16)
        }
        #expect(out == expected)
    }

    /// `holds` reads the word's bytes in place: the answer of Foundation's `contains`, as before.
    @Test func wordsHeldAreFoundationsContains() {
        var seed: UInt64 = 0x1234_5678_9ABC_DEF1
        let pieces = ["芯片", "集成电路", "电路", "a", "AI", "5G", "，", "装备", "装", "备", "e\u{301}", "😀", " ", "机组"]
        var checked = 0
        for _ in 0..<3_000 {
            var text = "", word = ""
            for _ in 0..<Int(Self.next(&seed) % 9) { text += pieces[Int(Self.next(&seed) % UInt64(pieces.count))] }
            for _ in 0..<Int(1 + Self.next(&seed) % 3) { word += pieces[Int(Self.next(&seed) % UInt64(pieces.count))] }
            #expect(IndustryPhrasesRule.holds(text, word) == text.contains(word), "\(text) \(word)")
            #expect(IndustryPhrasesRule.holds(Substring(text), word) == Substring(text).contains(word), "\(text) \(word)")
            checked += 1
        }
        #expect(checked == 3_000)
    }

    /// The positive entries of the allowed labels in one list: the filtered list filtered again.
    @Test func positiveAllowedTotalsAreTheTwiceFilteredOnes() {
        var seed: UInt64 = 0x0F1E_2D3C_4B5A_6978
        let allowed = AchievementTaxonomy.subtypesByCategory["应用研究成果"] ?? []
        let ids = allowed.map(LabelIndex.of)
        let labels = AchievementTaxonomy.subtypes + ["没有的子类", "e\u{301}"]
        for round in 0..<1_000 {
            var totals = LabelTotals()
            for _ in 0..<(round % 12) {
                let s = Self.next(&seed)
                totals.add([2.0, -1, 0, 0.5, -0.0, 1.5][Int((s >> 8) % 6)], to: labels[Int(s % UInt64(labels.count))])
            }
            let once = totals.filter(ids: ids, labels: allowed, positive: true)
            let twice = totals.filter(ids: ids, labels: allowed).filter { _, sum in sum > 0 }
            #expect(once.dictionary == twice.dictionary)
            #expect(Tally.describe(once, order: allowed, ids: ids) == Tally.describe(twice, order: allowed, ids: ids))
            #expect(once.isEmpty == twice.isEmpty)
        }
    }

    // MARK: - Votes counted in place

    @Test func voteTotalsAreTheDictionarys() throws {
        let scorer = try ScoreTestSupport.rulesScorer()
        var seed: UInt64 = 0x8F3A_21C4_77E1_0B59
        let labels = AchievementTaxonomy.categories + AchievementTaxonomy.subtypes + AchievementTaxonomy.industries
            + ["没有的标签", "e\u{301}", "\u{E9}"]
        let decision = scorer.config.decision
        for round in 0..<500 {
            var sheet = ScoreSheet(fields: [.title: "题", .summary: "简介"], extras: [:], profile: scorer.profile,
                                   fieldWeights: scorer.config.fieldWeights)
            var votes: [Vote] = []
            for _ in 0..<(round % 40) {
                let s = Self.next(&seed)
                let label = labels[Int(s % UInt64(labels.count))]
                let dimension: VoteDimension = [.category, .subtype, .industry][Int((s >> 10) % 3)]
                let weight = [2.0, 1.5, -1, 0.5, 0, 3.25, -2, 0.125][Int((s >> 20) % 8)]
                let counts = (s >> 40) % 4 != 0
                sheet.vote(dimension, for: label, because: Reason(rule: "r", field: "", matched: "", weight: weight, conclusion: ""),
                           countsForCategory: counts)
                votes.append(Vote(dimension: dimension, label: label, weight: weight, countsForCategory: counts))
            }
            // The sums as a dictionary keyed by label, in vote order.
            func reference(_ dimension: VoteDimension, share: Double) -> [String: Double] {
                var out: [String: Double] = [:]
                for v in votes {
                    if v.dimension == dimension { out[v.label, default: 0] += v.weight }
                    if dimension == .category, v.dimension == .subtype, v.weight > 0, v.countsForCategory,
                       let c = AchievementTaxonomy.category(ofSubtype: v.label) {
                        out[c, default: 0] += v.weight * share
                    }
                }
                return out
            }
            let totals = VoteTotals(sheet, decision: decision)
            #expect(totals.category.dictionary == reference(.category, share: decision.subtypeShare))
            #expect(totals.subtype.dictionary == reference(.subtype, share: 0))
            #expect(totals.industry.dictionary == reference(.industry, share: 0))
            #expect(Tally.categoryTotals(sheet, decision: decision).dictionary == reference(.category, share: decision.subtypeShare))
            #expect(sheet.totals(.category) == reference(.category, share: 1))
            #expect(sheet.totals(.subtype) == reference(.subtype, share: 0))
            #expect(sheet.totals(.industry) == reference(.industry, share: 0))
        }
    }
}
