import Foundation

/// Reads the `scoring` section of pipeline.json straight from the file's bytes, without `JSONDecoder`.
///
/// Why: the section is 95% of the file (973 industry groups, ~2,300 phrases), and decoding it through Codable cost
/// ~44 M instructions at every start of every command (a keyed container, a coding path and a dynamic cast per
/// value, and a conformance lookup for each of the section's types), a quarter of a one-form `inspect`.
///
/// Exactness: the reader is conservative. It answers only for a section it reads completely as strict JSON (RFC 8259)
/// with every key known, none repeated, no `null` and every value of the type its field has; anything else (an
/// unknown or repeated key, a wrong type, a fraction where an integer belongs, a number out of range, an escape it
/// does not know, bytes that are not UTF-8) gives nil, and `PipelineConfig.load` then decodes the file with
/// `JSONDecoder` as before, so every error message stays the decoder's own. Where it answers, its value is the one
/// the decoder gives (`ScoringSectionReaderTests` compares both on the shipped file and on every key removed and every
/// value's type changed). The defaults of absent optional keys are the decoder's (`init(from:)` of each type).
///
/// The answer goes to the decoder with the section's bytes replaced by `{}` (see `PipelineConfig.load`), so the
/// decoder reads only the rest of the file, and `ScoringConfig.init(from:)` takes the section read here.
enum ScoringSectionReader {
    /// The key under which `PipelineConfig.load` hands the section read here to `ScoringConfig.init(from:)`.
    static let userInfoKey: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "bulletin.scoringSection") else { preconditionFailure("a constant key") }
        return key
    }()

    /// A section read ahead, handed to the decoder.
    struct Prepared: Sendable {
        let config: ScoringConfig
    }

    /// The file with its top-level `scoring` value read (and replaced by `{}`), or nil when the reader is not sure.
    static func read(_ data: Data) -> (config: ScoringConfig, rest: Data)? {
        data.withUnsafeBytes { raw -> (ScoringConfig, Data)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var r = ScoringJSONReader(bytes)
            guard let (config, start, end) = r.topLevelScoring() else { return nil }
            var rest = Data(capacity: start + 2 + bytes.count - end)
            rest.append(UnsafeBufferPointer(rebasing: bytes[0..<start]))
            rest.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
            rest.append(UnsafeBufferPointer(rebasing: bytes[end...]))
            return (config, rest)
        }
    }
}

/// A reader of strict JSON over UTF-8 bytes: every method returns nil (or false) at anything it does not accept, and
/// the caller gives up.
private struct ScoringJSONReader {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    /// Deepest nesting skipped (pipeline.json nests five deep; the decoder refuses 512).
    static let maximumDepth = 64

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    // MARK: - Tokens

    mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    /// Consumes `c` after white space.
    mutating func take(_ c: UInt8) -> Bool {
        skipSpace()
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    /// The next byte after white space, not consumed.
    mutating func peek() -> UInt8? {
        skipSpace()
        return i < b.count ? b[i] : nil
    }

    /// A string value (after white space).
    mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        var ascii = true
        // The common case: no escape; the bytes are the string's.
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let body = UnsafeBufferPointer(rebasing: b[start..<i])
                i += 1
                return Self.utf8String(body, ascii: ascii)
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { return nil }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        guard i < b.count else { return nil }
        // With escapes: the bytes up to here, then each piece in turn.
        var out: [UInt8] = Array(b[start..<i])
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return out.withUnsafeBufferPointer { Self.utf8String($0, ascii: false) }
            }
            if c < 0x20 { return nil }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { return nil }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4() else { return nil }
                var scalar: Unicode.Scalar?
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate must be followed by an escaped low one.
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                    scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                guard let scalar else { return nil }
                out.append(contentsOf: String(Character(scalar)).utf8)
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt16? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt16 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            v = v << 4 | UInt16(d)
            i += 1
        }
        return v
    }

    /// The bytes as a string when they are valid UTF-8 (a repaired string has other bytes).
    private static func utf8String(_ body: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String? {
        let s = String(decoding: body, as: UTF8.self)
        if ascii { return s }
        var copy = s
        let same = copy.withUTF8 { u -> Bool in
            guard u.count == body.count else { return false }
            guard let p = u.baseAddress, let q = body.baseAddress else { return true }
            return memcmp(p, q, u.count) == 0
        }
        return same ? s : nil
    }

    /// The text of a number (JSON's grammar), and whether it is a plain integer (no fraction, no exponent).
    private mutating func numberText() -> (text: Substring, integer: Bool)? {
        skipSpace()
        let start = i
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int {
            let from = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            return i - from
        }
        let intStart = i
        let n = digits()
        guard n > 0, !(n > 1 && b[intStart] == UInt8(ascii: "0")) else { return nil }
        var integer = true
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
            integer = false
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
            integer = false
        }
        // A number is followed by a separator, white space or the end.
        if i < b.count {
            switch b[i] {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: break
            default: return nil
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        return (Substring(text), integer)
    }

    /// A finite double.
    mutating func double() -> Double? {
        guard let (text, _) = numberText(), let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// An integer written as one (no fraction or exponent) that fits in `Int`.
    mutating func int() -> Int? {
        guard let (text, integer) = numberText(), integer else { return nil }
        return Int(text)
    }

    mutating func bool() -> Bool? {
        skipSpace()
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = word.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        // A literal is followed by a separator, white space or the end.
        if i + n < b.count {
            switch b[i + n] {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: break
            default: return false
            }
        }
        i += n
        return true
    }

    // MARK: - Containers

    /// The members of an object: `body` reads each value after its key (false: give up). Repeated keys give up.
    mutating func object(_ body: (inout ScoringJSONReader, String) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        var seen = Set<String>()
        while true {
            guard let key = string(), seen.insert(key).inserted, take(UInt8(ascii: ":")), body(&self, key) else { return false }
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    /// The elements of an array: `element` reads each one (nil: give up).
    mutating func array<T>(_ element: (inout ScoringJSONReader) -> T?) -> [T]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var out: [T] = []
        if take(UInt8(ascii: "]")) { return out }
        while true {
            guard let v = element(&self) else { return nil }
            out.append(v)
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]")) ? out : nil
        }
    }

    mutating func strings() -> [String]? { array { $0.string() } }

    /// An object of values read by `value`, by key.
    mutating func dictionary<T>(_ value: (inout ScoringJSONReader) -> T?) -> [String: T]? {
        var out: [String: T] = [:]
        let ok = object { r, key in
            guard let v = value(&r) else { return false }
            out[key] = v
            return true
        }
        return ok ? out : nil
    }

    /// Skips any value (outside the scoring section: the decoder reads and checks the rest of the file), checking it is
    /// strict JSON. Nested deeper than `maximumDepth`, the reader gives up (and the decoder reports its own error).
    mutating func skipValue(depth: Int = 0) -> Bool {
        guard let c = peek(), depth < Self.maximumDepth else { return false }
        switch c {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"): return object { r, _ in r.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): return array { r -> Bool? in r.skipValue(depth: depth + 1) ? true : nil } != nil
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return bool() != nil
        case UInt8(ascii: "n"): return literal("null")
        default: return double() != nil
        }
    }

    // MARK: - The file

    /// The top-level `scoring` value, read, and where its bytes start and end.
    mutating func topLevelScoring() -> (ScoringConfig, Int, Int)? {
        var found: (ScoringConfig, Int, Int)?
        let ok = object { r, key in
            guard key == "scoring" else { return r.skipValue() }
            r.skipSpace()
            let start = r.i
            guard let config = r.scoringConfig() else { return false }
            found = (config, start, r.i)
            return true
        }
        skipSpace()
        guard ok, i == b.count else { return nil }
        return found
    }
}

// MARK: - The section's types, each as its `init(from:)` reads it

private extension ScoringJSONReader {
    /// Reads an object whose keys are all among `keys` (the decoder would ignore others; a field added to a type is
    /// read by the decoder until this reader knows it), none repeated, each value with `body` (given the key's index);
    /// the first `required` keys must be there. Keys are matched on their bytes (one with an escape gives up).
    mutating func fields(_ keys: [StaticString], required: Int, _ body: (inout ScoringJSONReader, Int) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        var present: UInt64 = 0
        if !take(UInt8(ascii: "}")) {
            while true {
                guard let k = keyIndex(keys), present & (1 << UInt64(k)) == 0 else { return false }
                present |= 1 << UInt64(k)
                guard take(UInt8(ascii: ":")), body(&self, k) else { return false }
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")) else { return false }
                break
            }
        }
        let mask: UInt64 = required == 0 ? 0 : (1 << UInt64(required)) - 1
        return present & mask == mask
    }

    /// The index in `keys` of the next key, nil for another key or one with an escape.
    mutating func keyIndex(_ keys: [StaticString]) -> Int? {
        guard take(UInt8(ascii: "\"")), let base = b.baseAddress else { return nil }
        let start = i
        while i < b.count, b[i] != UInt8(ascii: "\"") {
            if b[i] == UInt8(ascii: "\\") || b[i] < 0x20 { return nil }
            i += 1
        }
        guard i < b.count else { return nil }
        let n = i - start
        i += 1
        for (k, key) in keys.enumerated() where key.utf8CodeUnitCount == n && memcmp(key.utf8Start, base + start, n) == 0 {
            return k
        }
        return nil
    }

    static let scoringKeys: [StaticString] = [
        "formula", "rules", "fieldWeights", "categories", "subtypes", "industries", "levels", "levelReading", "evidence",
        "decision", "score", "profiles", "eligibility", "constructions", "industryTitleHeads", "model",
    ]

    mutating func scoringConfig() -> ScoringConfig? {
        var formula: String?, rules: [String: ScoringConfig.RuleSwitch]?, fieldWeights: ScoringConfig.FieldWeights?
        var categories: [ScoringConfig.CueGroup]?, subtypes: [ScoringConfig.CueGroup]?, industries: [ScoringConfig.CueGroup]?
        var levels: [ScoringConfig.LevelRung]?, levelReading: ScoringConfig.LevelReading?, evidence: ScoringConfig.Evidence?
        var decision: ScoringConfig.Decision?, score: ScoringConfig.ScoreWeights?, profiles: [String: ScoringConfig.Profile]?
        var eligibility: ScoringConfig.Eligibility?, constructions: [ScoringConfig.Construction]?
        var heads: ScoringConfig.TitleHeads?, model: ScoringConfig.Model?
        let ok = fields(Self.scoringKeys, required: 13) { r, key in
            switch key {
            case 0: formula = r.string(); return formula != nil
            case 1: rules = r.dictionary { $0.ruleSwitch() }; return rules != nil
            case 2: fieldWeights = r.fieldWeights(); return fieldWeights != nil
            case 3: categories = r.array { $0.cueGroup() }; return categories != nil
            case 4: subtypes = r.array { $0.cueGroup() }; return subtypes != nil
            case 5: industries = r.array { $0.cueGroup() }; return industries != nil
            case 6: levels = r.array { $0.levelRung() }; return levels != nil
            case 7: levelReading = r.levelReading(); return levelReading != nil
            case 8: evidence = r.evidence(); return evidence != nil
            case 9: decision = r.decision(); return decision != nil
            case 10: score = r.scoreWeights(); return score != nil
            case 11: profiles = r.dictionary { $0.profile() }; return profiles != nil
            case 12: eligibility = r.eligibility(); return eligibility != nil
            case 13: constructions = r.array { $0.construction() }; return constructions != nil
            case 14: heads = r.titleHeads(); return heads != nil
            default: model = r.model(); return model != nil
            }
        }
        guard ok, let formula, let rules, let fieldWeights, let categories, let subtypes, let industries, let levels,
              let levelReading, let evidence, let decision, let score, let profiles, let eligibility else { return nil }
        var config = ScoringConfig(formula: formula, rules: rules, fieldWeights: fieldWeights, categories: categories,
                                   subtypes: subtypes, industries: industries, levels: levels, levelReading: levelReading,
                                   evidence: evidence, decision: decision, score: score, profiles: profiles,
                                   eligibility: eligibility, constructions: constructions ?? [])
        config.industryTitleHeads = heads ?? ScoringConfig.TitleHeads()
        config.model = model
        return config
    }

    mutating func ruleSwitch() -> ScoringConfig.RuleSwitch? {
        var s = ScoringConfig.RuleSwitch()
        let ok = fields(["enabled", "weight"], required: 0) { r, key in
            if key == 0 { guard let v = r.bool() else { return false }; s.enabled = v } else {
                guard let v = r.double() else { return false }; s.weight = v
            }
            return true
        }
        return ok ? s : nil
    }

    mutating func fieldWeights() -> ScoringConfig.FieldWeights? {
        var title = 0.0, summary = 0.0
        let ok = fields(["title", "summary"], required: 2) { r, key in
            guard let v = r.double() else { return false }
            if key == 0 { title = v } else { summary = v }
            return true
        }
        return ok ? ScoringConfig.FieldWeights(title: title, summary: summary) : nil
    }

    static let cueGroupKeys: [StaticString] = ["label", "weight", "phrases", "patterns", "source", "titleOnly"]

    mutating func cueGroup() -> ScoringConfig.CueGroup? {
        var g = ScoringConfig.CueGroup(label: "", weight: 0)
        let ok = fields(Self.cueGroupKeys, required: 2) { r, key in
            switch key {
            case 0: guard let v = r.string() else { return false }; g.label = v
            case 1: guard let v = r.double() else { return false }; g.weight = v
            case 2: guard let v = r.strings() else { return false }; g.phrases = v
            case 3: guard let v = r.strings() else { return false }; g.patterns = v
            case 4: guard let v = r.string() else { return false }; g.source = v
            default: guard let v = r.bool() else { return false }; g.titleOnly = v
            }
            return true
        }
        return ok ? g : nil
    }

    mutating func levelRung() -> ScoringConfig.LevelRung? {
        var level = "", points = 0.0
        var lists: [[String]] = [[], [], [], []]
        let ok = fields(["level", "points", "phrases", "patterns", "implied", "impliedPatterns"], required: 2) { r, key in
            switch key {
            case 0: guard let v = r.string() else { return false }; level = v
            case 1: guard let v = r.double() else { return false }; points = v
            default: guard let v = r.strings() else { return false }; lists[key - 2] = v
            }
            return true
        }
        guard ok else { return nil }
        return ScoringConfig.LevelRung(level: level, points: points, phrases: lists[0], patterns: lists[1], implied: lists[2],
                                       impliedPatterns: lists[3])
    }

    mutating func levelReading() -> ScoringConfig.LevelReading? {
        // The lists, then the two numbers (all required), then the optional yardstick markers.
        var lists: [[String]] = [[], [], [], [], [], []]
        var yardstick: [String]?, hedgeWindow = 0, factor = 0.0
        let ok = fields(["overallMarkers", "partialMarkers", "partialScopeMarkers", "hedgeMarkers", "comparisonMarkers",
                         "notClaimFollowers", "hedgeWindow", "partialClaimFactor", "yardstickMarkers"], required: 8) { r, key in
            switch key {
            case 6: guard let v = r.int() else { return false }; hedgeWindow = v
            case 7: guard let v = r.double() else { return false }; factor = v
            case 8: yardstick = r.strings(); return yardstick != nil
            default: guard let v = r.strings() else { return false }; lists[key] = v
            }
            return true
        }
        guard ok else { return nil }
        return ScoringConfig.LevelReading(
            overallMarkers: lists[0], partialMarkers: lists[1], partialScopeMarkers: lists[2], hedgeMarkers: lists[3],
            hedgeWindow: hedgeWindow, comparisonMarkers: lists[4], yardstickMarkers: yardstick, notClaimFollowers: lists[5],
            partialClaimFactor: factor)
    }

    mutating func evidence() -> ScoringConfig.Evidence? {
        var topJournal: ScoringConfig.JournalEvidence?, firstOfKind: ScoringConfig.CueGroup?
        var proximity: [ScoringConfig.ProximityEvidence?] = [nil, nil, nil, nil]
        var transfer: [ScoringConfig.CueGroup]?, benefit: ScoringConfig.BenefitEvidence?
        let ok = fields(["topJournal", "firstOfKind", "transfer", "economicBenefit", "academicPublisher", "varietyApproval",
                         "grantedPatent", "standardIssued"], required: 8) { r, key in
            switch key {
            case 0: topJournal = r.journalEvidence(); return topJournal != nil
            case 1: firstOfKind = r.cueGroup(); return firstOfKind != nil
            case 2: transfer = r.array { $0.cueGroup() }; return transfer != nil
            case 3: benefit = r.benefitEvidence(); return benefit != nil
            default: proximity[key - 4] = r.proximityEvidence(); return proximity[key - 4] != nil
            }
        }
        guard ok, let topJournal, let firstOfKind, let transfer, let benefit, let academic = proximity[0],
              let variety = proximity[1], let patent = proximity[2], let standard = proximity[3] else { return nil }
        return ScoringConfig.Evidence(topJournal: topJournal, academicPublisher: academic, firstOfKind: firstOfKind,
                                      varietyApproval: variety, grantedPatent: patent, standardIssued: standard,
                                      transfer: transfer, economicBenefit: benefit)
    }

    mutating func journalEvidence() -> ScoringConfig.JournalEvidence? {
        var label = "", weight = 0.0, journals: [String] = []
        let ok = fields(["label", "weight", "journals"], required: 3) { r, key in
            switch key {
            case 0: guard let v = r.string() else { return false }; label = v
            case 1: guard let v = r.double() else { return false }; weight = v
            default: guard let v = r.strings() else { return false }; journals = v
            }
            return true
        }
        return ok ? ScoringConfig.JournalEvidence(label: label, weight: weight, journals: journals) : nil
    }

    mutating func proximityEvidence() -> ScoringConfig.ProximityEvidence? {
        var label = "", weight = 0.0, actions: [String] = [], objects: [String] = [], window = 0
        let ok = fields(["label", "weight", "actions", "objects", "window"], required: 5) { r, key in
            switch key {
            case 0: guard let v = r.string() else { return false }; label = v
            case 1: guard let v = r.double() else { return false }; weight = v
            case 2: guard let v = r.strings() else { return false }; actions = v
            case 3: guard let v = r.strings() else { return false }; objects = v
            default: guard let v = r.int() else { return false }; window = v
            }
            return true
        }
        return ok ? ScoringConfig.ProximityEvidence(label: label, weight: weight, actions: actions, objects: objects, window: window) : nil
    }

    mutating func benefitEvidence() -> ScoringConfig.BenefitEvidence? {
        var label = "", weight = 0.0, indicators: [String] = [], window = 0
        let ok = fields(["label", "weight", "indicators", "window"], required: 4) { r, key in
            switch key {
            case 0: guard let v = r.string() else { return false }; label = v
            case 1: guard let v = r.double() else { return false }; weight = v
            case 2: guard let v = r.strings() else { return false }; indicators = v
            default: guard let v = r.int() else { return false }; window = v
            }
            return true
        }
        return ok ? ScoringConfig.BenefitEvidence(label: label, weight: weight, indicators: indicators, window: window) : nil
    }

    mutating func decision() -> ScoringConfig.Decision? {
        // The defaults of the optional keys are `Decision.init(from:)`'s (the initialiser's are the same, and
        // `ScoringSectionReaderTests` checks a file without each key).
        var d = ScoringConfig.Decision(minimumCategoryVotes: 0, minimumIndustryVotes: 0, defaultSubtypes: [:])
        let ok = fields(["minimumCategoryVotes", "minimumIndustryVotes", "defaultSubtypes", "defaultCategory", "reviewBelow",
                         "subtypeShare", "leadSentenceWeight"], required: 3) { r, key in
            switch key {
            case 2: guard let v = r.dictionary({ $0.string() }) else { return false }; d.defaultSubtypes = v
            case 3: guard let v = r.string() else { return false }; d.defaultCategory = v
            default:
                guard let v = r.double() else { return false }
                switch key {
                case 0: d.minimumCategoryVotes = v
                case 1: d.minimumIndustryVotes = v
                case 4: d.reviewBelow = v
                case 5: d.subtypeShare = v
                default: d.leadSentenceWeight = v
                }
            }
            return true
        }
        return ok ? d : nil
    }

    mutating func scoreWeights() -> ScoringConfig.ScoreWeights? {
        var points: [String: Double] = [:], numbers = [0.0, 0.0, 0.0, 0.0], full = 0
        let ok = fields(["evidenceCap", "amountScale", "amountCap", "completenessPoints", "categoryPoints", "fullSummaryCharacters"],
                        required: 6) { r, key in
            switch key {
            case 4: guard let v = r.dictionary({ $0.double() }) else { return false }; points = v
            case 5: guard let v = r.int() else { return false }; full = v
            default: guard let v = r.double() else { return false }; numbers[key] = v
            }
            return true
        }
        guard ok else { return nil }
        return ScoringConfig.ScoreWeights(categoryPoints: points, evidenceCap: numbers[0], amountScale: numbers[1],
                                          amountCap: numbers[2], completenessPoints: numbers[3], fullSummaryCharacters: full)
    }

    mutating func profile() -> ScoringConfig.Profile? {
        var region = "", rules: [String] = []
        let ok = fields(["region", "rules"], required: 2) { r, key in
            if key == 0 { guard let v = r.string() else { return false }; region = v } else {
                guard let v = r.strings() else { return false }; rules = v
            }
            return true
        }
        return ok ? ScoringConfig.Profile(region: region, rules: rules) : nil
    }

    mutating func eligibility() -> ScoringConfig.Eligibility? {
        var lists: [[String]] = [[], [], [], [], []], topJournal = false
        let ok = fields(["disputePhrases", "disputePatterns", "breakthroughSubtypes", "industrialisedPhrases", "minimumLevels",
                         "topJournalMeetsLevel"], required: 6) { r, key in
            if key == 5 { guard let v = r.bool() else { return false }; topJournal = v } else {
                guard let v = r.strings() else { return false }; lists[key] = v
            }
            return true
        }
        guard ok else { return nil }
        return ScoringConfig.Eligibility(disputePhrases: lists[0], disputePatterns: lists[1], breakthroughSubtypes: lists[2],
                                         industrialisedPhrases: lists[3], minimumLevels: lists[4], topJournalMeetsLevel: topJournal)
    }

    mutating func construction() -> ScoringConfig.Construction? {
        var label = "", weight = 0.0, means = "", window = 0
        var lists: [[String]] = [[], [], []]
        let ok = fields(["label", "weight", "means", "window", "first", "then", "unless"], required: 6) { r, key in
            switch key {
            case 0: guard let v = r.string() else { return false }; label = v
            case 1: guard let v = r.double() else { return false }; weight = v
            case 2: guard let v = r.string() else { return false }; means = v
            case 3: guard let v = r.int() else { return false }; window = v
            default: guard let v = r.strings() else { return false }; lists[key - 4] = v
            }
            return true
        }
        guard ok else { return nil }
        return ScoringConfig.Construction(label: label, weight: weight, means: means, first: lists[0], then: lists[1], window: window,
                                          unless: lists[2])
    }

    mutating func titleHeads() -> ScoringConfig.TitleHeads? {
        var source: String?, heads: [ScoringConfig.TitleHeads.Head] = [], tails: [String] = []
        let ok = fields(["heads", "tails", "source"], required: 2) { r, key in
            switch key {
            case 0: guard let v = r.array({ $0.titleHead() }) else { return false }; heads = v
            case 1: guard let v = r.strings() else { return false }; tails = v
            default: source = r.string(); return source != nil
            }
            return true
        }
        return ok ? ScoringConfig.TitleHeads(source: source, heads: heads, tails: tails) : nil
    }

    mutating func titleHead() -> ScoringConfig.TitleHeads.Head? {
        var values = ["", "", ""]
        let ok = fields(["char", "industry", "words"], required: 3) { r, key in
            guard let v = r.string() else { return false }
            values[key] = v
            return true
        }
        return ok ? ScoringConfig.TitleHeads.Head(char: values[0], industry: values[1], words: values[2]) : nil
    }

    /// `scoring.model`, a few keys whose defaults belong to the model layer: its bytes go through the decoder (its own
    /// `init(from:)`), after the reader has checked them as strict JSON.
    mutating func model() -> ScoringConfig.Model? {
        guard peek() == UInt8(ascii: "{") else { return nil }
        let start = i
        guard skipValue() else { return nil }
        let bytes = Data(UnsafeBufferPointer(rebasing: b[start..<i]))
        return try? JSONDecoder().decode(ScoringConfig.Model.self, from: bytes)
    }
}

extension ScoringConfig.LevelRung {
    /// Creates a rung (the reader's; the file's rungs are decoded).
    init(level: String, points: Double, phrases: [String], patterns: [String], implied: [String], impliedPatterns: [String]) {
        self.level = level
        self.points = points
        self.phrases = phrases
        self.patterns = patterns
        self.implied = implied
        self.impliedPatterns = impliedPatterns
    }
}
