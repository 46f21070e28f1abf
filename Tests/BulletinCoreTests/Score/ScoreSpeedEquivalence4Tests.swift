@testable import BulletinCore
import Foundation
import Testing

/// The fourth speed pass (issue 14) replaces general library calls with hand-written ones; each must give what the
/// library gives, on every title and summary of every labelled set and on texts made to reach the corners.
@Suite struct ScoreSpeedEquivalence4Tests {
    /// Every title and summary of every labelled set under Fixtures/labelled (each once), and a few made-up texts.
    static let texts: [String] = {
        let folder = ScoreTestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/labelled")
        var files: [URL] = []
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "json" { files.append(url) }
        }
        var seen = Set<String>()
        var out: [String] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let set = try? LabelledSet.load(from: file) else { continue }
            for c in set.cases {
                for text in [c.title, c.summary] where seen.insert(text).inserted { out.append(text) }
            }
        }
        out += ["项目总体技术处于国际领先地位，部分指标国际同类产品领先水平。", "获授权发明专利12件、国际专利3项，专利共20件。",
                "ＡＢＣ技术与工程应用", "含扩展区汉字𠀀𪚥与表情😀的简介：达到国际先进水平。", "Ünïcödé ç 2-byte ü and ASCII",
                "推广应用4404万亩，覆盖12个市（州）的56家企业。\n第二行\r\n"]
        return out
    }()

    @Test func theLabelledTextsAreRead() {
        #expect(Self.texts.count > 1000)
    }

    /// `UTF16Text.string` gives the standard library's string for every short range of every text (every place a
    /// reason's words can start, lengths 0 to 40) and for each whole text.
    @Test func stringsFromUnitsAreTheStandardLibrarysStrings() {
        var checked = 0
        for text in Self.texts {
            let units = Array(text.utf16)
            #expect(UTF16Text.string(units[...]) == String(decoding: units, as: UTF16.self))
            for start in 0..<units.count {
                for length in [0, 1, 2, 3, 4, 5, 8, 13, 40] where start + length <= units.count {
                    let slice = units[start..<(start + length)]
                    let made = UTF16Text.string(slice)
                    let standard = String(decoding: slice, as: UTF16.self)
                    if Array(made.utf8) != Array(standard.utf8) {
                        Issue.record("\(start)+\(length) of \(text)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 100_000)
    }

    /// Lone and cut surrogates are repaired as the standard library repairs them (U+FFFD each, the next unit read on
    /// its own).
    @Test(arguments: [
        [UInt16](), [0xD83D], [0xDE00], [0xD83D, 0xDE00], [0xDE00, 0xD83D], [0xD83D, 0x41], [0xD83D, 0xD83D, 0xDE00],
        [0x41, 0xDBFF, 0xDFFF, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0xD800], [0x6280, 0xDC00, 0x672F],
    ])
    func brokenSurrogatesAreRepairedAsTheStandardLibraryDoes(units: [UInt16]) {
        let made = UTF16Text.string(units[...])
        let standard = String(decoding: units, as: UTF16.self)
        #expect(Array(made.utf8) == Array(standard.utf8))
    }

    /// Every pattern string of the repository's pipeline.json (any key ending in "patterns" or "Patterns").
    static func repositoryPatterns() throws -> [String] {
        let data = try Data(contentsOf: ScoreTestSupport.root.appendingPathComponent("pipeline.json"))
        var out: [String] = []
        func walk(_ value: Any, key: String) {
            if let object = value as? [String: Any] {
                for (k, v) in object { walk(v, key: k) }
            } else if let list = value as? [Any] {
                if key.lowercased().hasSuffix("patterns") {
                    out += list.compactMap { $0 as? String }
                } else {
                    for v in list { walk(v, key: key) }
                }
            }
        }
        walk(try JSONSerialization.jsonObject(with: data), key: "")
        return out
    }

    /// Patterns that reach the corners of the hand-written matcher: anchors, lookarounds, empty and wide matches,
    /// line terminators before `$`, classes and repetition counted in code points, letters matched without case.
    static let cornerPatterns = [
        "技术$", "^一种", "(?<![无没不])(存在|有)(争议|纠纷)", "(?<!无|没有)争议", "增产(?!值)", ".{0,3}专利", "[^,。]{2,4}亩",
        "[0-9]+(件|项)", "pct专利", "(国际|世界)?领先", "简介.$", "a+的", "(项目|课题)?验收$", "[0-9百千]{1,3}", "的.的", "^.{1,2}",
        "(及|与)?(其)?应用$", "x?y", "(?:技术|方法)突破", ".?领先$",
        "(项目|工程)(“[^”]{0,4}”)?[^,。]{0,6}验收$", "((关键|核心)(?=技术$))?(技术|方法)(的)?(应用)?$", "技术(?=突破|创新)",
        "(?=.{0,2}专利)[0-9]+", "‘[^’]+’",
        // Seeded by a required word or group (the starts tried are only those before its places): after wide
        // characters, at the text's start and end, with the word's places overlapping, unbounded before it.
        "[^,。]{1,3}领先", "(国际|世界)上?(处于|居于)领先", "[0-9]+(件|项)专利", ".*专利", "领先(于)?(国际|世界)", "能源能",
        "(推广|增产)[^,，。]{0,4}[0-9]+亩", "(能源|源能)源",
        // Tried only where the text's end holds one of their last units (`CuePattern.mayMatch`).
        "(签约|启动)$", "(?<!机)机(发布|问世)?$", "[0-9.]+(万|亿)?(亩|吨)$", "(项目|专项)(“[^”]{0,4}”)?$", "专利(?=.{0,2}$)[^,]$",
    ]

    static let cornerTexts = [
        "技术\n", "技术\r\n", "技术\n\n", "技术\r", "技术\u{2028}", "一种方法", "无争议，有争议，存在纠纷，没有争议", "增产值增产",
        "𠀀专利𠀀𠀀亩，𪚥亩", "PCT专利Pct专利pCT专利", "国际领先世界领先领先", "简介😀", "项目验收\r\n", "的😀的的a的", "😀😀😀",
        "技术与其应用", "xyxy", "方法突破。", "专利", "",
        "项目“海上风电”通过验收", "项目“名称很长的一个工程”验收", "工程“”验收\n", "项目“未闭合验收", "关键技术", "核心技术应用",
        "关键方法", "核心技术的应用\r\n", "技术突破技术创新技术", "12专利，3件专利", "‘甲’与‘乙’",
        "😀😀领先", "𠀀领先𠀀领先领先", "领先", "国际上处于领先，世界居于领先国际处于领先", "3件专利12项专利", "专利专利",
        "领先于国际领先世界", "能源能源能源能", "推广😀12亩，增产3亩增产4亩", "源能源能源源", "😀3件专利",
        "项目签约\r\n", "项目签约\r", "项目签约\n\n", "签约\u{2028}", "启动\u{85}", "新机", "新机发布\n", "推广12万亩", "增产3吨）",
        "某专项“甲”\r\n", "专利1", "专利12", "专利😀",
    ]

    /// Shipped patterns the hand-written matcher does not read, which keep NSRegularExpression (still compared below).
    /// None since it reads curly quotes and `(?=…)` (the four of the sixth category round: a quoted name in an
    /// optional group, and a lookahead); any shipped pattern must be read by hand.
    static let shippedOnTheSlowPath: Set<String> = []

    /// Every pattern of pipeline.json and the corner patterns find, through `CompiledCue`, exactly what their
    /// expression finds, first match and all matches, on every labelled title and summary and the corner texts;
    /// and every pattern of pipeline.json is read by the hand-written matcher (none left on the slow path).
    @Test func handWrittenPatternsFindWhatTheirExpressionsFind() throws {
        let shipped = try Self.repositoryPatterns()
        #expect(shipped.count >= 20)
        var cues: [CompiledCue] = []
        for pattern in shipped + Self.cornerPatterns {
            cues.append(try CompiledCue.pattern(pattern, path: "test", file: "test.json"))
        }
        for cue in cues where shipped.contains(cue.source) && !Self.shippedOnTheSlowPath.contains(cue.source) {
            #expect(cue.matcher != nil, "not read by hand: \(cue.source)")
        }
        var compared = 0, found = 0
        for text in Self.texts + Self.cornerTexts {
            let t = ScoringText(field: .summary, text: text, weight: 1)
            for cue in cues {
                let regex = try #require(cue.expression())
                let whole = NSRange(location: 0, length: t.length)
                let direct = regex.matches(in: t.normalised, range: whole).map(\.range)
                let ranges = cue.ranges(in: t)
                if ranges != direct { Issue.record("\(cue.source) in \(text): \(ranges) ≠ \(direct)") }
                if cue.firstRange(in: t) != regex.firstMatch(in: t.normalised, range: whole)?.range {
                    Issue.record("first: \(cue.source) in \(text)")
                }
                // Without the gates too: the matcher alone, on every text.
                if let matcher = cue.matcher {
                    let alone = matcher.ranges(in: t.foldedUnits).map { NSRange(location: $0.lowerBound, length: $0.count) }
                    if alone != direct { Issue.record("ungated: \(cue.source) in \(text): \(alone) ≠ \(direct)") }
                }
                compared += 1
                found += direct.count
            }
        }
        #expect(compared > 10_000)
        #expect(found > 500)
    }

    /// Where a pattern has a seed (a required word or group at a bounded place in every match), every match of its
    /// expression holds one of the seed's words that far from its start, so the starts the matcher skips hold none;
    /// and the matcher gives the same matches with the windows as without. Most shipped patterns have one.
    @Test func seedsStandWhereEveryMatchHoldsThem() throws {
        let shipped = try Self.repositoryPatterns()
        var seeded = 0, checked = 0
        for pattern in shipped + Self.cornerPatterns {
            let cue = try CompiledCue.pattern(pattern, path: "test", file: "test.json")
            guard let seed = cue.seed, let matcher = cue.matcher, let regex = cue.expression() else { continue }
            if shipped.contains(pattern) { seeded += 1 }
            for text in Self.texts + Self.cornerTexts {
                let t = ScoringText(field: .summary, text: text, weight: 1)
                let matches = regex.matches(in: t.normalised, range: NSRange(location: 0, length: t.length)).map(\.range)
                for m in matches {
                    let held = seed.words.contains { word in
                        (seed.minOffset...(seed.maxOffset ?? m.length)).contains { o in
                            m.location + o + word.literal.count <= t.foldedUnits.count
                                && Array(t.foldedUnits[(m.location + o)..<(m.location + o + word.literal.count)]) == word.literal
                        }
                    }
                    if !held { Issue.record("seed not held: \(pattern) in \(text) at \(m)") }
                    checked += 1
                }
                let windows = cue.windows(in: t)
                let windowed = matcher.ranges(in: t.foldedUnits, windows: windows)
                let everywhere = matcher.ranges(in: t.foldedUnits)
                if windowed != everywhere { Issue.record("windows: \(pattern) in \(text): \(windowed) ≠ \(everywhere)") }
                if matcher.firstRange(in: t.foldedUnits, windows: windows) != matcher.firstRange(in: t.foldedUnits) {
                    Issue.record("first with windows: \(pattern) in \(text)")
                }
            }
        }
        #expect(seeded >= 25)
        #expect(checked > 300)
    }

    /// Windows are increasing and apart, and cover every place a seed word allows.
    @Test func windowsAreMergedInOrder() throws {
        let cue = try CompiledCue.pattern("(能源|源能)源", path: "test", file: "test.json")
        let t = ScoringText(field: .summary, text: "源能源能源能源", weight: 1)
        let windows = try #require(cue.windows(in: t))
        // 能源 at 1, 3, 5 and 源能 at 0, 2, 4: a start at 0 ... 5, one window.
        #expect(windows == [0, 5])
        let apart = try CompiledCue.pattern("[^,。]{1,2}领先", path: "test", file: "test.json")
        let u = ScoringText(field: .summary, text: "甲领先乙丙丁戊己领先", weight: 1)
        // 领先 at 1 and 8, one or two characters before it (each up to two units: 1 ... 4 units before).
        #expect(apart.windows(in: u) == [0, 0, 4, 7])
        #expect(apart.ranges(in: u) == [NSRange(location: 0, length: 3), NSRange(location: 6, length: 4)])
    }

    /// What the hand-written matcher does not read keeps its expression.
    @Test(arguments: ["\\d+项", "(a|b)+", "技术??", "(?i)pct", "\\s*元", "ks", "(?<=国际)领先", "[a-z]+", "(技术){2}"])
    func patternsOutsideTheKindKeepTheirExpression(pattern: String) throws {
        #expect(CuePattern(pattern) == nil)
        let cue = try CompiledCue.pattern(pattern, path: "test", file: "test.json")
        #expect(cue.matcher == nil)
        #expect(cue.regex != nil)
    }

    /// A pattern the hand-written matcher reads is not compiled as an expression at all; the configuration's verdicts
    /// stay ICU's: every such pattern (the shipped ones, the corners, and edge cases) is one ICU accepts, the matcher
    /// says what ICU says of the empty text, and a pattern is refused, for the same reason, exactly when its
    /// expression is invalid or matches the empty text.
    @Test func patternsReadByHandAreValidExpressionsAndAreRefusedAsTheirExpressionsWere() throws {
        let emptyMatching = ["(国际)?", "a*", "$", "^", "(?!x)", "[0-9]{0,3}", "^$", "(技术|)", ".*", "(?<!无)", "(?=技术)", "x?y?"]
        let invalid = ["(技术", "技术)", "[z-a]", "a{3,1}", "*技术", "技术**", "[技术", "(?<!技.*)术", "(?<!a|bc+)d", "a{1,2"]
        let empty = NSRange(location: 0, length: 0)
        var readByHand = 0
        for pattern in try Self.repositoryPatterns() + Self.cornerPatterns + emptyMatching + invalid {
            let half = TextForm.halfWidthASCII(pattern)
            let expression = try? CompiledCue.expression(half)
            if let matcher = CuePattern(half) {
                readByHand += 1
                let regex = try #require(expression, "read by hand but refused by ICU: \(pattern)")
                #expect((matcher.firstRange(in: []) != nil) == (regex.firstMatch(in: "", range: empty) != nil), "\(pattern)")
            }
            let compiled = Result { try CompiledCue.pattern(pattern, path: "p", file: "f.json") }
            switch (expression, compiled) {
            case (nil, .failure(let error as ConfigError)):
                #expect(error.message.contains("is not a valid regular expression"), "\(pattern)")
            case (let regex?, .failure(let error as ConfigError)):
                #expect(regex.firstMatch(in: "", range: empty) != nil, "\(pattern)")
                #expect(error.message.contains("matches the empty string"), "\(pattern)")
            case (let regex?, .success(let cue)):
                #expect(regex.firstMatch(in: "", range: empty) == nil, "\(pattern)")
                #expect((cue.regex == nil) == (cue.matcher != nil), "\(pattern)")
            default:
                Issue.record("\(pattern): expression \(expression == nil ? "refused" : "accepted"), compiled \(compiled)")
            }
        }
        #expect(readByHand > 30)
    }

    /// A field without full-width ASCII reuses its units for the original; one with them keeps its own.
    @Test func originalWordsAreTheFieldsOwn() {
        let plain = ScoringText(field: .summary, text: "达到国际先进水平", weight: 1)
        #expect(plain.words(NSRange(location: 2, length: 4)) == "国际先进")
        let wide = ScoringText(field: .summary, text: "ＰＣＴ专利３件", weight: 1)
        #expect(wide.words(NSRange(location: 0, length: 5)) == "ＰＣＴ专利")
        #expect(wide.normalisedWords(NSRange(location: 0, length: 5)) == "PCT专利")
    }
}
