import Foundation

/// A phrase or pattern from pipeline.json, compiled once when the scorer is built.
///
/// A final class, shared by reference: the voters hand cues around per automaton hit, and copying a struct of
/// four references cost a retain and a release each (about a tenth of scoring time in the profile).
final class CompiledCue: Sendable {
    /// The phrase or pattern as written in the configuration.
    let source: String
    /// The compiled expression of a pattern `CuePattern` does not read (NSRegularExpression is immutable and safe to
    /// share); nil for a literal, which is found through the automaton (compiling thousands of unused expressions cost
    /// ~0.1 s a run), and for a pattern `matcher` reads (`expression()` compiles it when asked).
    let regex: NSRegularExpression?
    /// For a phrase or name: its half-width UTF-16 units, ASCII letters folded to lower case, searched directly
    /// (hundreds of cues run on every field; a regular expression per literal cost ~2 ms a submission).
    let literal: [UInt16]?
    /// The literal's id in the run's `CueAutomaton`, which finds every literal of a text in one scan.
    let literalID: Int32?
    /// For a name: a Latin first or last letter must not touch another Latin letter (Nature, not Naturenet).
    let wordStart: Bool
    let wordEnd: Bool
    /// For a pattern: a run of Chinese characters every match must contain (通过 in
    /// `(项目|工程).{0,12}通过.{0,12}验收`), found by the `CueAutomaton` scan: a text without it is not searched.
    let gate: (literal: [UInt16], id: Int32)?
    /// For a pattern: the other things every match must contain, each one of a few Chinese words (one of
    /// 处于, 居于, 保持 in `(国际|世界)上?(处于|居于|保持)领先`): a text missing one of them is not searched either.
    let alternatives: [[(literal: [UInt16], id: Int32)]]
    /// For a pattern of the kind `CuePattern` reads (every shipped one): the hand-written matcher that gives the
    /// expression's matches without copying the field into NSString at each call; nil keeps the expression.
    let matcher: CuePattern?
    /// For a pattern `matcher` reads: the required element (the gate, or one of the required groups) whose places in a
    /// text say where a match can start, each of its words with its automaton id, and how far into every match it
    /// stands (`CuePattern.requiredOffsets`): the matcher tries only the starts that far before one of its places, not
    /// every start of the field (trying every start was most of a pattern's cost). Nil: every start is tried.
    let seed: Seed?
    /// The gate's automaton id (-1: no gate), and the ids of `alternatives`, each group as its count then its ids: what
    /// `gateMissing` reads for every pattern and text, as plain numbers (the groups' tuples of words retained each
    /// literal they passed over).
    private let gateID: Int32
    private let requiredIDs: [Int32]

    /// See `seed`.
    struct Seed: Sendable {
        let words: [(literal: [UInt16], id: Int32)]
        let minOffset: Int
        let maxOffset: Int?
        /// The words' automaton ids, in the same order, and the highest of them (a text whose scan knew it knew them
        /// all): read as numbers, the words' tuples were retained and released at each text.
        let ids: [Int32]
        let highestID: Int32

        init(words: [(literal: [UInt16], id: Int32)], minOffset: Int, maxOffset: Int?) {
            self.words = words
            self.minOffset = minOffset
            self.maxOffset = maxOffset
            ids = words.map(\.id)
            highestID = ids.max() ?? -1
        }
    }

    init(source: String, regex: NSRegularExpression?, literal: [UInt16]?, literalID: Int32?, wordStart: Bool, wordEnd: Bool,
         gate: (literal: [UInt16], id: Int32)? = nil, alternatives: [[(literal: [UInt16], id: Int32)]] = [],
         matcher: CuePattern? = nil) {
        self.source = source
        self.matcher = matcher
        self.regex = regex
        self.literal = literal
        self.literalID = literalID
        self.wordStart = wordStart
        self.wordEnd = wordEnd
        self.gate = gate
        self.alternatives = alternatives
        seed = matcher.flatMap { Self.seed(of: $0, gate: gate, alternatives: alternatives) }
        gateID = gate?.id ?? -1
        var required: [Int32] = []
        for words in alternatives {
            required.append(Int32(words.count))
            required.append(contentsOf: words.map(\.id))
        }
        requiredIDs = required
    }

    /// The required element with the narrowest span of offsets (the earliest among equals), nil when none is found in
    /// the pattern's top level or every match starts at the text's start (then only that start is tried anyway).
    static func seed(of matcher: CuePattern, gate: (literal: [UInt16], id: Int32)?,
                     alternatives: [[(literal: [UInt16], id: Int32)]]) -> Seed? {
        guard !matcher.isAnchoredAtStart else { return nil }
        var best: (seed: Seed, span: Int)?
        let elements = alternatives + (gate.map { [[$0]] } ?? [])
        for words in elements {
            guard let offsets = matcher.requiredOffsets(of: words.map(\.literal)) else { continue }
            let span = offsets.max.map { $0 - offsets.min } ?? Int.max
            if best.map({ span < $0.span }) ?? true {
                best = (Seed(words: words, minOffset: offsets.min, maxOffset: offsets.max), span)
            }
        }
        return best?.seed
    }

    /// The places a match of the pattern can start in a text, as `CuePattern` takes them (pairs `lo, hi`, increasing
    /// and apart): from each place `p` of a word of `seed`, `p - maxOffset ... p - minOffset`. Nil when the pattern has
    /// no seed or the text's scan did not know its words (then every start is tried).
    func windows(in text: ScoringText) -> [Int]? {
        guard let seed, seed.ids.isEmpty || text.scanned(seed.highestID) else { return nil }
        if seed.ids.count == 1 {
            // One word: its places come in increasing order, so their windows do too and are merged as they come (no
            // list of pairs to make and sort; the same windows).
            var out: [Int] = []
            text.forEachStart(ofLiteral: seed.ids[0], []) { p in
                let hi = p - seed.minOffset
                guard hi >= 0 else { return }
                let lo = seed.maxOffset.map { Swift.max(0, p - $0) } ?? 0
                if let last = out.last, lo <= last + 1 {
                    out[out.count - 1] = Swift.max(last, hi)
                } else {
                    if out.isEmpty { out.reserveCapacity(8) }
                    out.append(lo)
                    out.append(hi)
                }
            }
            return out
        }
        var pairs: [(lo: Int, hi: Int)] = []
        for id in seed.ids where text.contains(literal: id) {
            text.forEachStart(ofLiteral: id, []) { p in
                let hi = p - seed.minOffset
                guard hi >= 0 else { return }
                pairs.append((seed.maxOffset.map { Swift.max(0, p - $0) } ?? 0, hi))
            }
        }
        if seed.ids.count > 1 { pairs.sort { $0.lo < $1.lo } }
        var out: [Int] = []
        out.reserveCapacity(pairs.count * 2)
        for pair in pairs {
            if let last = out.last, pair.lo <= last + 1 {
                out[out.count - 1] = Swift.max(last, pair.hi)
            } else {
                out.append(pair.lo)
                out.append(pair.hi)
            }
        }
        return out
    }

    /// A literal phrase: read as half-width, matched case-insensitively.
    static func phrase(_ phrase: String, path: @autoclosure () -> String, file: String) throws -> CompiledCue {
        let text = trimmedWhitespaces(TextForm.halfWidthASCII(phrase))
        guard !text.isEmpty else { throw ConfigError(file: file, path: path(), message: "is empty; remove it or write a phrase") }
        let literal = ScoringText.folded(text)
        return CompiledCue(source: phrase, regex: nil, literal: literal, literalID: CueAutomaton.register(literal),
                           wordStart: false, wordEnd: false)
    }

    /// `s.trimmingCharacters(in: .whitespaces)`: `s` itself when its first and last characters are ASCII other than
    /// space and tab, or ideographs of U+4000–U+9FFF (no white space to trim: nearly every phrase), which Foundation's
    /// trimming took ~8,000 instructions to find (18 M at every start, with 2,256 phrases).
    static func trimmedWhitespaces(_ s: String) -> String {
        var s = s
        let untouched = s.withUTF8 { b -> Bool in
            guard let first = b.first, let last = b.last else { return false }
            func plainStart(_ c: UInt8) -> Bool { c < 0x80 ? c != 0x20 && c != 0x09 : c >= 0xE4 && c <= 0xE9 }
            guard plainStart(first) else { return false }
            if last < 0x80 { return last != 0x20 && last != 0x09 }
            // A three-byte ideograph at the end: lead byte E4–E9 then two continuation bytes.
            let n = b.count
            return n >= 3 && b[n - 3] >= 0xE4 && b[n - 3] <= 0xE9 && b[n - 2] & 0xC0 == 0x80 && last & 0xC0 == 0x80
        }
        return untouched ? s : s.trimmingCharacters(in: .whitespaces)
    }

    /// A journal or other name: Latin names match as whole words (Nature, not Naturenet).
    static func name(_ name: String, path: @autoclosure () -> String, file: String) throws -> CompiledCue {
        let text = trimmedWhitespaces(TextForm.halfWidthASCII(name))
        guard !text.isEmpty else { throw ConfigError(file: file, path: path(), message: "is empty; remove it or write a name") }
        let wordStart = text.unicodeScalars.first.map { $0.isASCII && $0.properties.isAlphabetic } ?? false
        let wordEnd = text.unicodeScalars.last.map { $0.isASCII && $0.properties.isAlphabetic } ?? false
        let literal = ScoringText.folded(text)
        return CompiledCue(source: name, regex: nil, literal: literal, literalID: CueAutomaton.register(literal),
                           wordStart: wordStart, wordEnd: wordEnd)
    }

    /// A regular expression, matched case-insensitively against the half-width text.
    static func pattern(_ pattern: String, path: @autoclosure () -> String, file: String) throws -> CompiledCue {
        guard !pattern.isEmpty else { throw ConfigError(file: file, path: path(), message: "is empty; remove it or write a pattern") }
        let halfWidth = TextForm.halfWidthASCII(pattern)
        // Both scans read the same characters and bytes: made once here, not once in each (fixed8: the array of
        // characters and their bytes were 5.4 M of the 19 M the 77 patterns cost at every start).
        let (chars, ascii) = Self.charactersAndBytes(halfWidth)
        var gate: (literal: [UInt16], id: Int32)?
        if let required = requiredRun(chars: chars, ascii: ascii) {
            let literal = ScoringText.folded(required)
            gate = (literal, CueAutomaton.register(literal))
        }
        let alternatives = requiredAlternatives(chars: chars, ascii: ascii).map { words in
            words.map { word in
                let literal = ScoringText.folded(word)
                return (literal: literal, id: CueAutomaton.register(literal))
            }
        }
        return try compile(halfWidth, source: pattern, path: path(), file: file, gate: gate, alternatives: alternatives)
    }

    /// The groups of a pattern that every match passes through, each as its list of alternatives, when the group
    /// stands outside every other group and class, carries no quantifier, and each alternative is a run of
    /// Chinese characters, some of them perhaps optional (`?`: then the alternative's longest run without one stands
    /// for it); then every unquantified top-level run of Chinese characters, alone:
    /// `(国际|世界)上?(处于|居于|保持)领先` gives [国际, 世界], [处于, 居于, 保持] and [领先]; `[^,，。]*(投产|规模化?生产)$`
    /// gives [投产, 规模]. None for a pattern with a top-level `|`.
    static func requiredAlternatives(of pattern: String) -> [[String]] {
        let chars = Array(pattern)
        return requiredAlternatives(chars: chars, ascii: Self.asciiBytes(chars))
    }

    /// `requiredAlternatives(of:)` of a pattern's characters and their `asciiBytes`.
    static func requiredAlternatives(chars: [Character], ascii: [UInt8]) -> [[String]] {
        let isHan = Self.isHan, isQuantifier = Self.isQuantifierByte
        var out: [[String]] = []
        var depth = 0, inClass = false, escaped = false
        // Every unquantified top-level run of Chinese characters, as `requiredRun` reads them, is required too.
        var runs: [String] = [], run = ""
        func endRun() { if !run.isEmpty { runs.append(run) }; run = "" }
        var i = 0
        while i < chars.count {
            let c = chars[i], a = ascii[i]
            if escaped { escaped = false; endRun(); i += 1; continue }
            if a == UInt8(ascii: "\\") { escaped = true; endRun(); i += 1; continue }
            if inClass { if a == UInt8(ascii: "]") { inClass = false }; i += 1; continue }
            let quantified = i + 1 < chars.count && isQuantifier(ascii[i + 1])
            if depth == 0 && isHan(c) && !quantified { run.append(c); i += 1; continue }
            endRun()
            switch a {
            case UInt8(ascii: "["): inClass = true
            case UInt8(ascii: "("):
                if depth == 0 {
                    // A plain group of Chinese alternatives: up to the first `)`, with nothing but Han, `|` and `?` after
                    // a Han character inside. Each alternative gives its longest run of Han characters that carry no
                    // `?` (the first such run of that length; the whole alternative when it has no `?`), text every
                    // match of that alternative contains: `规模化?生产` gives 规模.
                    var j = i + 1, words: [String] = [], piece = "", longest = "", plain = true
                    // Each string's length in characters counted as it grows, not by `String.count` at every end.
                    var pieceCount = 0, longestCount = 0
                    func endPiece() {
                        if pieceCount > longestCount { longest = piece; longestCount = pieceCount }
                        piece = ""; pieceCount = 0
                    }
                    while j < chars.count, ascii[j] != UInt8(ascii: ")") {
                        if ascii[j] == UInt8(ascii: "|") {
                            endPiece()
                            words.append(longest)
                            longest = ""; longestCount = 0
                        } else if isHan(chars[j]) {
                            if j + 1 < chars.count && ascii[j + 1] == UInt8(ascii: "?") {
                                endPiece()
                                j += 2
                                continue
                            }
                            piece.append(chars[j]); pieceCount += 1
                        } else {
                            plain = false
                        }
                        j += 1
                    }
                    endPiece()
                    words.append(longest)
                    let quantified = j + 1 < chars.count && isQuantifier(ascii[j + 1])
                    if plain, j < chars.count, !quantified, !words.contains(where: \.isEmpty) {
                        out.append(words)
                        i = j + 1
                        continue
                    }
                }
                depth += 1
            case UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: "|") where depth == 0: return []
            default: break
            }
            i += 1
        }
        endRun()
        return out + runs.map { [$0] }
    }

    /// The longest run of Chinese characters that stands outside every group, class and alternation of a
    /// pattern and carries no quantifier — text every match contains — or nil (a pattern with a top-level
    /// `|`, or none such run).
    static func requiredRun(of pattern: String) -> String? {
        let chars = Array(pattern)
        return requiredRun(chars: chars, ascii: Self.asciiBytes(chars))
    }

    /// `requiredRun(of:)` of a pattern's characters and their `asciiBytes`. The longest run is kept as the runs end
    /// (the first of the longest, as `max(by:)` over all of them kept it), its length counted as it grows rather than
    /// by `String.count` of every run at the end.
    static func requiredRun(chars: [Character], ascii: [UInt8]) -> String? {
        var depth = 0, inClass = false, escaped = false
        var best = "", bestCount = 0, run = "", runCount = 0
        func endRun() {
            if runCount > bestCount { best = run; bestCount = runCount }
            run = ""; runCount = 0
        }
        let isHan = Self.isHan, isQuantifier = Self.isQuantifierByte
        for (i, c) in chars.enumerated() {
            let quantified = i + 1 < chars.count && isQuantifier(ascii[i + 1])
            let a = ascii[i]
            if escaped { escaped = false; endRun(); continue }
            if a == UInt8(ascii: "\\") { escaped = true; endRun(); continue }
            if inClass { if a == UInt8(ascii: "]") { inClass = false }; continue }
            switch a {
            case UInt8(ascii: "["): inClass = true; endRun()
            case UInt8(ascii: "("): depth += 1; endRun()
            case UInt8(ascii: ")"): depth -= 1; endRun()
            case UInt8(ascii: "|") where depth == 0: return nil
            default:
                if depth == 0 && isHan(c) && !quantified { run.append(c); runCount += 1 } else { endRun() }
            }
        }
        endRun()
        return bestCount == 0 ? nil : best
    }

    /// Whether a character is one scalar of U+4E00–U+9FFF (a CJK ideograph), as `requiredRun` and `requiredAlternatives`
    /// read a pattern.
    static func isHan(_ c: Character) -> Bool {
        var scalars = c.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return false }
        return (0x4E00...0x9FFF).contains(first.value)
    }

    /// `"?*+{".contains(c)`, compared with each character directly (iterating the string's characters at every
    /// character of every pattern was most of these scans' cost: 5 M instructions for the 26 patterns at every start).
    static func isQuantifier(_ c: Character) -> Bool { isQuantifierByte(c.asciiValue ?? 0) }

    /// `isQuantifier` of a character's `asciiBytes` value.
    static func isQuantifierByte(_ a: UInt8) -> Bool {
        a == UInt8(ascii: "?") || a == UInt8(ascii: "*") || a == UInt8(ascii: "+") || a == UInt8(ascii: "{")
    }

    /// Each character's ASCII value, 0 for any other: the characters these scans compare with (`\ [ ] ( ) | ? * + {`)
    /// are ASCII, so comparing bytes says what comparing characters said (`"\r\n"` reads as `"\n"`, none of them either),
    /// without a string comparison at every character.
    static func asciiBytes(_ chars: [Character]) -> [UInt8] { chars.map { $0.asciiValue ?? 0 } }

    /// `(Array(s), asciiBytes(Array(s)))`, read from the scalars when every scalar of `s` is one that stands as a
    /// character of its own whatever its neighbours are (ASCII but CR, which joins a following LF; the ideographs of
    /// U+4E00–U+9FFF; CJK punctuation U+3000–U+3029, before the combining tone marks; U+2010–U+2027; the full-width
    /// forms U+FF01–U+FF65): none of them extends, prepends to or joins another (Unicode's grapheme rules GB3–GB9b,
    /// GB11–GB13 concern other classes), so each scalar is one character. Breaking a pattern into characters went
    /// through the grapheme rules' slow path at every ideograph (~300 instructions each), and `asciiValue` compared
    /// each character with "\r\n" as a string (fixed8). Any other scalar: the characters as `Array(s)` reads them.
    static func charactersAndBytes(_ s: String) -> ([Character], [UInt8]) {
        var chars: [Character] = [], ascii: [UInt8] = []
        for u in s.unicodeScalars {
            let v = u.value
            let alone = (v < 0x80 && v != 0x0D) || (0x4E00...0x9FFF).contains(v) || (0x3000...0x3029).contains(v)
                || (0x2010...0x2027).contains(v) || (0xFF01...0xFF65).contains(v)
            guard alone else {
                let all = Array(s)
                return (all, asciiBytes(all))
            }
            chars.append(Character(u))
            ascii.append(v < 0x80 ? UInt8(truncatingIfNeeded: v) : 0)
        }
        return (chars, ascii)
    }

    /// Whether a pattern's required run is missing from a text its scan read (then the pattern cannot match).
    func gateMissing(in text: ScoringText) -> Bool {
        if gateID >= 0, text.scanned(gateID), !text.contains(literal: gateID) { return true }
        return requiredIDs.withUnsafeBufferPointer { r in
            var k = 0
            while k < r.count {
                let end = k + 1 + Int(r[k])
                var missing = true
                for i in (k + 1) ..< end where !text.scanned(r[i]) || text.contains(literal: r[i]) {
                    missing = false
                    break
                }
                if missing { return true }
                k = end
            }
            return false
        }
    }

    private static func compile(_ pattern: String, source: String, path: String, file: String,
                                gate: (literal: [UInt16], id: Int32)?,
                                alternatives: [[(literal: [UInt16], id: Int32)]]) throws -> CompiledCue {
        let empty = "\"\(source)\" matches the empty string, so it would match every text; make it match at least one character"
        // A pattern of the kind `CuePattern` reads (every shipped one) is matched by it alone, so its expression is not
        // compiled: ICU took ~80,000 instructions a pattern and ~8 M more for its first (14.3 M at every start). The
        // kind is a subset of ICU's syntax (literals, groups, lookarounds, classes without escapes, `.`, greedy
        // quantifiers with min ≤ max, `^`, `$`) that ICU accepts, and the matcher's answer for the empty text is
        // ICU's (`ScoreSpeedEquivalence4Tests` checks both on every shipped pattern and on edge cases).
        if let matcher = CuePattern(pattern) {
            if matcher.firstRange(in: []) != nil { throw ConfigError(file: file, path: path, message: empty) }
            return CompiledCue(source: source, regex: nil, literal: nil, literalID: nil, wordStart: false, wordEnd: false, gate: gate,
                               alternatives: alternatives, matcher: matcher)
        }
        let regex: NSRegularExpression
        do {
            regex = try expression(pattern)
        } catch {
            throw ConfigError(file: file, path: path, message: "\"\(source)\" is not a valid regular expression (NSRegularExpression syntax); fix or remove it")
        }
        if regex.firstMatch(in: "", options: [], range: NSRange(location: 0, length: 0)) != nil {
            throw ConfigError(file: file, path: path, message: empty)
        }
        return CompiledCue(source: source, regex: regex, literal: nil, literalID: nil, wordStart: false, wordEnd: false, gate: gate,
                           alternatives: alternatives, matcher: nil)
    }

    /// A pattern (already half-width) as the NSRegularExpression it is matched as: case-insensitive.
    static func expression(_ pattern: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    /// The expression of a pattern cue, compiled when it was not (`matcher` reads it): what the tests compare the
    /// matcher with. Nil for a literal.
    func expression() -> NSRegularExpression? {
        guard literal == nil else { return nil }
        return regex ?? (try? Self.expression(TextForm.halfWidthASCII(source)))
    }

    /// Every match in a text, as UTF-16 ranges (non-overlapping, left to right, as the expression would give).
    func ranges(in text: ScoringText) -> [NSRange] {
        guard let literal, let literalID else {
            // The cheapest test first: a pattern ending in `$` whose last units the text's end does not hold.
            if let matcher, !matcher.mayMatch(text.foldedUnits) { return [] }
            if gateMissing(in: text) { return [] }
            if let matcher {
                let windows = self.windows(in: text)
                if let windows, windows.isEmpty { return [] }
                var out: [NSRange] = []
                matcher.forEachRange(in: text.foldedUnits, windows: windows) { r in
                    out.appendFinding(NSRange(location: r.lowerBound, length: r.count))
                }
                return out
            }
            return regex?.matches(in: text.normalised, options: [], range: NSRange(location: 0, length: text.length)).map(\.range) ?? []
        }
        var out: [NSRange] = []
        var from = 0
        let length = literal.count
        text.forEachStart(ofLiteral: literalID, literal) { at in
            if at >= from && boundariesHold(text.foldedUnits, at, at + length) {
                out.appendFinding(NSRange(location: at, length: length))
                from = at + length
            }
        }
        return out
    }

    /// Appends `ranges(in:)` to `out`: a literal the text's scan did not find adds nothing and costs no array (the
    /// constructions and proximity lists ask dozens of cues of every field, and find few).
    /// A literal's ranges are appended as they are found (no array of its own).
    @inline(__always)
    func appendRanges(in text: ScoringText, to out: inout [NSRange]) {
        guard let literal, let literalID, text.scanned(literalID) else {
            if literal == nil, let matcher {
                // A pattern `CuePattern` reads: its matches appended as they are found (no list of its own, no second
                // list of NSRanges); the same tests first as in `ranges(in:)`.
                if !matcher.mayMatch(text.foldedUnits) || gateMissing(in: text) { return }
                let windows = self.windows(in: text)
                if let windows, windows.isEmpty { return }
                matcher.forEachRange(in: text.foldedUnits, windows: windows) { r in
                    out.appendFinding(NSRange(location: r.lowerBound, length: r.count))
                }
                return
            }
            // Into an empty list with no room of its own, the array made is taken as it is (appending copied it into a
            // new one); a list with room (reused by its caller) keeps it.
            if out.capacity == 0 { out = ranges(in: text) } else { out.append(contentsOf: ranges(in: text)) }
            return
        }
        guard text.contains(literal: literalID) else { return }
        // `ranges(in:)`'s loop, appending to `out` (the boundaries read only for a cue that has them).
        var from = 0
        let length = literal.count
        let bounded = wordStart || wordEnd
        text.forEachStart(ofLiteral: literalID, literal) { at in
            if at >= from && (!bounded || boundariesHold(text.foldedUnits, at, at + length)) {
                out.appendFinding(NSRange(location: at, length: length))
                from = at + length
            }
        }
    }

    /// Every match of every cue of a list, in list order: `cues.flatMap { $0.ranges(in: text) }`.
    static func ranges(of cues: [CompiledCue], in text: ScoringText) -> [NSRange] {
        var out: [NSRange] = []
        for cue in cues { cue.appendRanges(in: text, to: &out) }
        return out
    }

    /// The first match in a text.
    func firstRange(in text: ScoringText) -> NSRange? {
        guard let literal, let literalID else {
            // The cheapest test first: a pattern ending in `$` whose last units the text's end does not hold.
            if let matcher, !matcher.mayMatch(text.foldedUnits) { return nil }
            if gateMissing(in: text) { return nil }
            if let matcher {
                let windows = self.windows(in: text)
                if let windows, windows.isEmpty { return nil }
                return matcher.firstRange(in: text.foldedUnits, windows: windows).map { NSRange(location: $0.lowerBound, length: $0.count) }
            }
            return regex?.firstMatch(in: text.normalised, options: [], range: NSRange(location: 0, length: text.length))?.range
        }
        let at = text.starts(ofLiteral: literalID, literal).first { boundariesHold(text.foldedUnits, $0, $0 + literal.count) }
        return at.map { NSRange(location: $0, length: literal.count) }
    }

    private func boundariesHold(_ hay: [UInt16], _ start: Int, _ end: Int) -> Bool {
        func isLatin(_ u: UInt16) -> Bool { (0x61...0x7A).contains(u) }  // hay is folded to lower case
        if wordStart, start > 0, isLatin(hay[start - 1]) { return false }
        if wordEnd, end < hay.count, isLatin(hay[end]) { return false }
        return true
    }
}

/// A list of cues with their literals' automaton ids beside them: a literal the text's scan knew and did not find is
/// passed over without touching its cue (a cue read from the list cost a retain and a release, and most lists find
/// nothing in a given field: the proximity and economic-benefit lists, the journals, the level phrases).
struct CueList: Sendable {
    /// The cues, in the configuration's order.
    let cues: [CompiledCue]
    /// Per cue, its literal's automaton id; -1 for a pattern (always asked).
    private let ids: [Int32]

    /// Bit `id & 63` of word `id >> 6` is set for each literal of the list, and whether every cue is a literal: a text
    /// whose scan knew them all and found none of them finds nothing here (most texts, for most lists).
    private let literalBits: [UInt64]
    private let onlyLiterals: Bool
    private let highestID: Int32

    init(_ cues: [CompiledCue]) {
        self.cues = cues
        let ids = cues.map { $0.literalID ?? -1 }
        self.ids = ids
        onlyLiterals = !ids.contains(-1)
        let highest = ids.max() ?? -1
        highestID = highest
        var bits = [UInt64](repeating: 0, count: highest >= 0 ? Int(highest) / 64 + 1 : 0)
        for id in ids where id >= 0 { bits[Int(id) >> 6] |= 1 << UInt64(id & 63) }
        literalBits = bits
    }

    /// Whether some cue of the list can be found in the text: false only when every cue is a literal the text's scan
    /// knew and did not find (then `appendRanges` adds nothing).
    func mayFindAny(in text: ScoringText) -> Bool {
        if cues.isEmpty { return false }
        if !onlyLiterals || !text.scanned(highestID) { return true }
        return literalBits.withUnsafeBufferPointer { mine in
            text.withFoundIndex { found in
                for w in 0..<Swift.min(mine.count, found.count >> 1) where mine[w] & found[w << 1] != 0 { return true }
                return false
            }
        }
    }

    /// Whether the list is empty.
    var isEmpty: Bool { cues.isEmpty }

    /// The cues' indices.
    var indices: Range<Int> { cues.indices }

    /// Whether cue `i` can be found in the text: false only for a literal the text's scan knew and did not find (its
    /// `appendRanges` adds nothing, its `firstRange` is nil).
    @inline(__always)
    func mayFind(_ i: Int, in text: ScoringText) -> Bool {
        let id = ids[i]
        return id < 0 || !text.scanned(id) || text.contains(literal: id)
    }

    /// Appends every match of every cue, in list order: `CompiledCue.ranges(of: cues, in: text)`.
    func appendRanges(in text: ScoringText, to out: inout [NSRange]) {
        guard mayFindAny(in: text) else { return }
        for i in cues.indices where mayFind(i, in: text) { cues[i].appendRanges(in: text, to: &out) }
    }

    /// Every match of every cue, in list order.
    func ranges(in text: ScoringText) -> [NSRange] {
        var out: [NSRange] = []
        appendRanges(in: text, to: &out)
        return out
    }
}

/// A label and its compiled cues: one configured `CueGroup` (a final class, shared by reference like its cues).
final class CompiledGroup: Sendable {
    /// The label voted for.
    let label: String
    /// Weight of each cue found.
    let weight: Double
    /// Phrases, then patterns.
    let cues: [CompiledCue]
    /// Where the words come from, when the configuration says (an industry class).
    let source: String?

    /// Compiles a configured group; `path` is the group's JSON path, like `scoring.subtypes[2]`.
    init(_ group: ScoringConfig.CueGroup, path: @autoclosure () -> String, file: String) throws {
        label = group.label
        weight = group.weight
        var cues: [CompiledCue] = []
        cues.reserveCapacity(group.phrases.count + group.patterns.count)
        for (i, p) in group.phrases.enumerated() { cues.append(try .phrase(p, path: "\(path()).phrases[\(i)]", file: file)) }
        for (i, p) in group.patterns.enumerated() { cues.append(try .pattern(p, path: "\(path()).patterns[\(i)]", file: file)) }
        self.cues = cues
        source = group.source
    }
}

/// Compiles a list of plain phrases (vocabulary lists such as hedge words) with their paths.
func compilePhrases(_ phrases: [String], path: @autoclosure () -> String, file: String) throws -> [CompiledCue] {
    var out: [CompiledCue] = []
    out.reserveCapacity(phrases.count)
    for (i, p) in phrases.enumerated() { out.append(try CompiledCue.phrase(p, path: "\(path())[\(i)]", file: file)) }
    return out
}

extension Array where Element == NSRange {
    /// Appends a finding, making room for eight at the first: most lists of a text's findings hold one to a few, and
    /// grown one at a time from empty (room for 1, then 3, then 7) they were made two or three times over (~100,000
    /// reallocations for 2,000 CSV rows).
    @inline(__always)
    mutating func appendFinding(_ range: NSRange) {
        if capacity == 0 { reserveCapacity(8) }
        append(range)
    }
}
