@testable import BulletinCore
import Foundation
import Testing

/// The ninth pass on the match step (match9) prepares a profile from one scalar array per text and takes unit
/// names' forms from a cache (`UnitForms`). Every field it keeps is checked here against the profile as it was
/// made before (copied below as the reference: strings normalised, keyed and read back per use), on random
/// text of every kind the sixth pass's tests draw and on seed-like rows, with and without the cache.
@Suite struct MatchProfileEquivalenceTests {
    /// The fields of a profile as `MatchProfile.init(_:settings:)` made them before match9.
    struct Reference {
        var titleKey = "", textKey = "", submitterKey = "", submitterCore = "", mobile = "", supervisorKey = ""
        var titleGrams: [UInt64] = [], summaryGrams: [UInt64] = [], summaryTitleGrams: [UInt64] = []
        var titleTokens = Set<HardToken>(), summaryTokens = Set<HardToken>()
        var tokenValues: [String] = []
        var figures = Set<String>()
        var submitterCoreLong = false, forwards = false, mobileWhole = false
        var submitterAliases: [String] = []
        var titleStem: [Character] = []
        var titleStemCodes: [UInt32]?
        var titleFamilies: [String: Set<HardToken>] = [:], tokenFamilies: [String: Set<HardToken>] = [:]

        init(_ subject: MatchSubject, settings: MatchSettings) {
            let title = MatchSixthPassTests.normaliseReference(subject.title)
            titleKey = MatchSixthPassTests.keyReference(title)
            let stem = MatchText.stripped(titleKey, removing: settings.genericTitleWords)
            titleGrams = MatchText.grams(stem, size: settings.titleGram)
            let summary = MatchSixthPassTests.normaliseReference(subject.summary)
            let summaryKey = MatchSixthPassTests.keyReference(summary)
            summaryGrams = MatchText.grams(summaryKey, size: settings.summaryGram)
            summaryTitleGrams = MatchText.grams(summaryKey, size: settings.titleGram)
            titleTokens = HardTokens.extract(title, contrast: settings.contrastTerms)
            summaryTokens = HardTokens.extract(summary)
            titleFamilies = Dictionary(grouping: titleTokens, by: \.family).mapValues(Set.init)
            let tokens = titleTokens.union(summaryTokens)
            tokenFamilies = Dictionary(grouping: tokens, by: \.family).mapValues(Set.init)
            tokenValues = Set(tokens.lazy.filter { $0.kind != .contrast }.map(\.value)).sorted()
            figures = MatchSixthPassTests.figuresReference(summary)
            textKey = titleKey + "\u{1F}" + summaryKey
            submitterKey = MatchSixthPassTests.keyReference(MatchSixthPassTests.normaliseReference(subject.submitter))
            var core = submitterKey
            for suffix in settings.unitSuffixes where core.hasSuffix(suffix) && core.count > suffix.count + 1 {
                core.removeLast(suffix.count)
            }
            if core.hasPrefix("四川省") && core.count >= 7 { core.removeFirst(3) }
            submitterCore = core
            submitterCoreLong = core.count >= 4
            var aliases: [String] = core.count >= 4 ? [core] : []
            var bare = Substring(core)
            for lead in ["四川省", "四川", "中国"] where bare.hasPrefix(lead) && bare.count - lead.count >= 4 {
                bare = bare.dropFirst(lead.count)
                break
            }
            if bare.count >= 6 {
                aliases.append(String(bare.prefix(4)))
                aliases.append(String(bare.suffix(4)))
            }
            submitterAliases = aliases
            titleStem = Array(stem)
            titleStemCodes = TitleAlignment.codes(titleStem)
            let key = submitterKey
            forwards = subject.channel == .activeCollection
                || settings.collectingUnits.contains { !$0.isEmpty && key.holds($0) }
                || settings.forwardingSuffixes.contains { !$0.isEmpty && key.hasSuffix($0) }
            let digits = subject.mobile.unicodeScalars.filter { MatchText.isDigit($0) || ($0.value >= 0xFF10 && $0.value <= 0xFF19) }
                .map { $0.value >= 0xFF10 ? Character(Unicode.Scalar($0.value - 0xFEE0) ?? "0") : Character($0) }
            mobile = String(digits.suffix(11))
            mobileWhole = mobile.count == 11
            supervisorKey = MatchSixthPassTests.keyReference(MatchSixthPassTests.normaliseReference(subject.supervisor))
        }
    }

    /// `nameAfter` as it was: the title key searched as characters.
    static func nameAfterReference(_ titleKey: String, _ stem: String) -> String? {
        guard !stem.isEmpty, let r = titleKey.firstRange(of: stem) else { return nil }
        let rest = titleKey[r.upperBound...].unicodeScalars.prefix { MatchText.isIdeograph($0) }.prefix(2)
        guard let first = titleKey[r.upperBound...].unicodeScalars.first, MatchText.isIdeograph(first),
              !"一二三四五六七八九十百千零〇两".unicodeScalars.contains(first) else { return nil }
        return String(String.UnicodeScalarView(rest))
    }

    static func check(_ p: MatchProfile, _ r: Reference, _ s: MatchSubject) {
        let bytes = { (x: String) in Array(x.utf8) }
        #expect(bytes(p.titleKey) == bytes(r.titleKey), "\(s.title)")
        #expect(bytes(p.textKey) == bytes(r.textKey))
        #expect(p.titleGrams == r.titleGrams, "\(s.title)")
        #expect(p.summaryGrams == r.summaryGrams)
        #expect(p.summaryTitleGrams == (MatchSettings().summaryGram == MatchSettings().titleGram ? r.summaryGrams : r.summaryTitleGrams))
        #expect(p.titleTokens == r.titleTokens, "\(s.title)")
        #expect(p.summaryTokens == r.summaryTokens)
        #expect(p.titleFamilies.mapValues(Set.init) == r.titleFamilies)
        #expect(p.tokenFamilies.mapValues(Set.init) == r.tokenFamilies)
        #expect(p.tokenValues == r.tokenValues)
        #expect(p.figures == r.figures)
        #expect(bytes(p.submitterKey) == bytes(r.submitterKey))
        #expect(bytes(p.submitterCore) == bytes(r.submitterCore))
        #expect(p.submitterCoreLong == r.submitterCoreLong)
        #expect(p.submitterAliases.map(bytes) == r.submitterAliases.map(bytes))
        #expect(p.forwards == r.forwards)
        #expect(bytes(p.mobile) == bytes(r.mobile), "\(s.mobile)")
        #expect(p.mobileWhole == r.mobileWhole)
        #expect(bytes(p.supervisorKey) == bytes(r.supervisorKey))
        #expect(p.titleStemCharacters == r.titleStem, "\(s.title)")
        #expect(p.titleStemCodes == r.titleStemCodes, "\(s.title)")
        #expect(p.titleKeyHash == r.titleKey.hashValue)
        #expect(p.submitterKeyHash == r.submitterKey.hashValue)
        #expect(p.submitterCoreHash == r.submitterCore.hashValue)
        #expect(p.supervisorKeyHash == r.supervisorKey.hashValue)
    }

    static let units = ["四川省农业科学院作物研究所", "东方电气集团东方电机有限公司", "成都市科技局", "四川省科学技术信息研究所",
                        "中国东方电气集团有限公司", "ｓｃｕ有限公司", "", "公司", "四川省川威集团", "西南交通大学"]

    @Test func profilesAreTheReplacedCodes() {
        var g = SplitMix64(seed: 91)
        let settings = MatchSettings()
        let cache = UnitForms()
        let shared = SharedUnitForms(settings: settings)
        let extra = ["国内首台套", "研制与应用", "变速", "定速", "二代", "第二代", "川农优498", "川康优丝苗", "I期", "SKB264",
                     "GB/T 1234-2020", "ZL202010123456", "300兆瓦", "《中国泥石流》", "豈", "\u{F900}", "𠀋", "한"]
        for k in 0..<2_500 {
            func piece() -> String {
                Bool.random(using: &g) ? extra[Int.random(in: 0..<extra.count, using: &g)]
                    : MatchSixthPassTests.text(&g, length: Int.random(in: 0...6, using: &g))
            }
            let title = (0..<Int.random(in: 0...8, using: &g)).map { _ in piece() }.joined()
            let summary = MatchSixthPassTests.text(&g, length: Int.random(in: 0...120, using: &g)) + piece()
            let unit = Bool.random(using: &g) ? Self.units[Int.random(in: 0..<Self.units.count, using: &g)] : piece()
            let mobile = ["13800001111", "１３８０００１１１１２", "138-0000-1111", "", "12", MatchSixthPassTests.text(&g, length: 12)][k % 6]
            let s = MatchSubject(id: "s\(k)", title: title, summary: summary, submitter: unit, supervisor: piece(), mobile: mobile,
                                 year: 2026, month: 11, channel: k % 7 == 0 ? .activeCollection : nil)
            let r = Reference(s, settings: settings)
            Self.check(MatchProfile(s, settings: settings), r, s)
            Self.check(MatchProfile(s, settings: settings, units: cache), r, s)
            Self.check(shared.profile(s), r, s)
            // nameAfter: every two-ideograph piece of the other title as the stem.
            let p = MatchProfile(s, settings: settings)
            let stems = ["农优", "康优", "豈", "\u{F900}", "川", String(title.prefix(2)), piece()]
            for stem in stems {
                #expect(p.nameAfter(stem) == Self.nameAfterReference(r.titleKey, stem), "\(title) \(stem)")
            }
        }
    }

    @Test func familyVetoesAndTitleTokensByHashAreTheDictionaryAndSetAnswers() {
        var g = SplitMix64(seed: 92)
        let settings = MatchSettings()
        let matcher = CaseMatcher(settings: settings)
        let parts = ["川农优498", "川农优528", "川农优", "300MW", "600兆瓦", "变速", "定速", "SKB264", "TROP2", "ISO 23678", "GB/T 1234",
                     "示范19", "示范26", "水稻", "机组", "“天府肉猪”", "I期", "II期", "一代", "二代", "豈", "\u{F900}"]
        var profiles: [MatchProfile] = []
        for k in 0..<300 {
            let title = (0..<Int.random(in: 1...4, using: &g)).map { _ in parts[Int.random(in: 0..<parts.count, using: &g)] }.joined()
            let summary = (0..<Int.random(in: 0...3, using: &g)).map { _ in parts[Int.random(in: 0..<parts.count, using: &g)] }.joined(separator: "，")
            profiles.append(MatchProfile(MatchSubject(id: "f\(k)", title: title, summary: summary, year: 2026, month: 11), settings: settings))
        }
        var vetoes = 0
        for a in profiles.prefix(60) {
            for b in profiles {
                let want = !matcher.familyVetoes(a, b).isEmpty
                #expect(matcher.hasFamilyVeto(a, b) == want, "\(a.subject.title) / \(b.subject.title)")
                if want { vetoes += 1 }
                for t in a.titleTokens {
                    #expect(b.holdsTitleToken(t, hash: t.hashValue) == b.titleTokens.contains(t))
                }
            }
        }
        #expect(vetoes > 100)
    }

    @Test func stringsWrittenStraightAreTheScalarTextsStrings() {
        var g = SplitMix64(seed: 93)
        let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF]
        for _ in 0..<2_000 {
            let scalars = (0..<Int.random(in: 0...60, using: &g)).compactMap { _ -> Unicode.Scalar? in
                Unicode.Scalar(UInt32.random(in: ranges[Int.random(in: 0..<ranges.count, using: &g)], using: &g))
            }
            #expect(Array(ScalarText.string(scalars).utf8) == Array(ScalarText(scalars).string.utf8))
        }
    }

    @Test func genericWordsRemovedOnScalarsAreTheStringsRemoval() {
        var g = SplitMix64(seed: 94)
        let alphabet = ["研", "究", "技", "术", "A", "B", "1", "豈", "\u{F900}", "𠀋", "成", "果"]
        for _ in 0..<3_000 {
            let key = (0..<Int.random(in: 0...14, using: &g)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] }.joined()
            let words = (0..<Int.random(in: 0...5, using: &g)).map { _ in
                (0..<Int.random(in: 0...3, using: &g)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] }.joined()
            }
            let want = Array(MatchText.stripped(key, removing: words).unicodeScalars)
            #expect(MatchText.strippedScalars(Array(key.unicodeScalars), removing: words) == want, "\(key) \(words)")
            #expect(MatchText.strippedScalars(Array(key.unicodeScalars), removing: words, masks: words.map(MatchText.scalarMask)) == want)
        }
    }

    @Test func aMixedPairAlignsAsCharacters() {
        let settings = MatchSettings()
        let a = MatchProfile(MatchSubject(id: "a", title: "中药材川芎种植与采收加工行业标准", year: 2026, month: 11), settings: settings)
        let b = MatchProfile(MatchSubject(id: "b", title: "中药材\u{F900}子种植与采收加工行业标准", year: 2026, month: 11), settings: settings)
        #expect(a.titleStemCodes != nil && b.titleStemCodes == nil)
        #expect(a.titleStem.isEmpty && !b.titleStem.isEmpty)
        let want = TitleAlignment.substitution(Array("中药材川芎种植与采收加工行业标准"), Array("中药材\u{F900}子种植与采收加工行业标准"))
        let got = CaseMatcher.template(a, b)
        #expect(got?.0 == want?.0 && got?.1 == want?.1)
        #expect(want != nil)
    }
}
