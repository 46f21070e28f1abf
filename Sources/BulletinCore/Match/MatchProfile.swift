import Synchronization

/// A subject prepared once for matching: normalised text, keys, n-grams and hard tokens. Building it is the
/// per-subject cost; comparing two profiles touches no text but keys and sorted gram arrays.
///
/// A final class of constants, so a value in all but name: the index hands each query its candidates' profiles
/// (20 a query, 400,000 on a 20,000-row night), and copying a struct of some twenty arrays, sets and strings
/// retained and released each of them (a seventh of the match step's time); a reference is one count.
public final class MatchProfile: Sendable {
    /// The subject as given.
    public let subject: MatchSubject
    /// The title's key (letters, digits, ideographs).
    let titleKey: String
    /// Title n-grams after generic words are removed.
    let titleGrams: [UInt64]
    /// Summary n-grams.
    let summaryGrams: [UInt64]
    /// Summary n-grams of the title's size, to look for one side's title in the other's summary.
    let summaryTitleGrams: [UInt64]
    /// Hard tokens of the title, contrast words included.
    let titleTokens: Set<HardToken>
    /// Hard token values of the summary.
    let summaryTokens: Set<HardToken>
    /// The title's tokens by family, and the title's and summary's together, as `compareTokens` looks them up
    /// for every candidate pair (grouped once here, in the sets' order, not once a pair).
    let titleFamilies: [String: [HardToken]]
    let tokenFamilies: [String: [HardToken]]
    /// `titleFamilies` as a list, with the `hashValue` of each family and of each token: `hasFamilyVeto` looks each
    /// family up in the other side's and each token in the other's title tokens once a candidate pair, and hashing
    /// the strings each time was most of its cost. Compared by hash first, then `==`, as the dictionary and the set
    /// compare (equal values have equal hashes).
    let titleFamilyList: [FamilyEntry]
    /// The title's tokens and their `hashValue`s, in one order (`holdsTitleToken`).
    let titleTokenList: [HardToken]
    let titleTokenHashes: [Int]

    /// One family of the title's tokens (`titleFamilyList`).
    struct FamilyEntry: Sendable {
        let family: String
        let hash: Int
        let tokens: [HardToken]
        let hashes: [Int]
    }
    /// The distinct values of the title's and summary's tokens, contrast words left out, sorted: what the index
    /// lists the profile under and what its postings keep (`MatchPostings.tokens`), made once, not once for each.
    let tokenValues: [String]
    /// Figures in the summary (620, 6.8, 1.4): a resend keeps its figures, a sibling product has its own.
    /// Single digits and years (1900–2100) are left out.
    let figures: Set<String>
    /// Title key followed by summary key, for looking up the other side's names.
    let textKey: String
    /// The submitter's key and its core (without 有限公司 and the like).
    let submitterKey: String
    let submitterCore: String
    /// `hashValue` of the title key, the submitter's key and core and the supervisor's key: two keys whose
    /// hashes differ are not equal (String's hash follows its ==), so most pairs are told apart without a
    /// comparison of two Chinese strings (which checks their normalisation), once a candidate pair.
    let titleKeyHash: Int
    /// The title key's scalars when every one is coded (`TitleAlignment.codes(scalars:)`), for `nameAfter`.
    let titleKeyCodes: [UInt32]?
    let submitterKeyHash: Int
    let submitterCoreHash: Int
    let supervisorKeyHash: Int
    /// Whether the core is four characters or more (`submitterCore.count >= 4`, counted once, not once a pair).
    let submitterCoreLong: Bool
    /// Ways the unit is named in others' text: its core, and the first and last four characters of the core
    /// without 四川省 / 中国 in front (东方电气集团东方电机 → 东方电机).
    let submitterAliases: [String]
    /// The title key without generic words, for aligning two titles, as characters: empty when `titleStemCodes`
    /// holds it (`titleStemCharacters` gives the characters either way).
    let titleStem: [Character]
    /// `titleStem` as one code per character when every character allows it (`TitleAlignment.codes`).
    let titleStemCodes: [UInt32]?
    /// Whether the submitter forwards other units' work (a collecting institute, a bureau, 主动收集).
    let forwards: Bool
    /// The last 11 digits of the mobile.
    let mobile: String
    /// Whether `mobile` has all 11 digits (`mobile.count == 11`, counted once, not once a pair).
    let mobileWhole: Bool
    /// The supervisor's key.
    let supervisorKey: String

    /// Prepares a subject under the given settings.
    public convenience init(_ subject: MatchSubject, settings: MatchSettings) {
        self.init(subject, settings: settings, units: nil)
    }

    /// Prepares a subject under the given settings, the forms of its submitter and supervisor taken from `units`
    /// when it holds them (a night's rows come from a few units: each unit's name is worked on once, not once a
    /// row). `units` must only ever be used with these settings.
    ///
    /// The title and summary are normalised once each into scalars (`MatchText.normalisedScalars`), and the key,
    /// the n-grams, the hard tokens and the figures are all taken from those arrays: the same values as making
    /// the normalised strings and reading each back (`normalise`, `key`, `grams`, `HardTokens.extract`,
    /// `figures(in:)` on strings, which `MatchProfileEquivalenceTests` keeps as the reference).
    init(_ subject: MatchSubject, settings: MatchSettings, units: UnitForms?) {
        self.subject = subject
        let titleScalars = MatchText.normalisedScalars(subject.title)
        let titleKeyScalars = MatchText.keyScalars(titleScalars)
        titleKey = ScalarText.string(titleKeyScalars)
        let stem = MatchText.strippedScalars(titleKeyScalars, removing: settings.genericTitleWords,
                                             masks: units?.genericWordMasks(settings))
        titleGrams = MatchText.grams(scalars: stem, size: settings.titleGram)
        let summaryScalars = MatchText.normalisedScalars(subject.summary)
        let summaryKeyScalars = MatchText.keyScalars(summaryScalars)
        summaryGrams = MatchText.grams(scalars: summaryKeyScalars, size: settings.summaryGram)
        summaryTitleGrams = settings.summaryGram == settings.titleGram ? summaryGrams
            : MatchText.grams(scalars: summaryKeyScalars, size: settings.titleGram)
        titleTokens = HardTokens.extract(scalars: titleScalars, key: titleKey, keyScalars: titleKeyScalars, contrast: settings.contrastTerms)
        summaryTokens = HardTokens.extract(scalars: summaryScalars)
        titleFamilies = titleTokens.isEmpty ? [:] : Dictionary(grouping: titleTokens, by: \.family)
        titleFamilyList = titleFamilies.map { FamilyEntry(family: $0.key, hash: $0.key.hashValue, tokens: $0.value, hashes: $0.value.map(\.hashValue)) }
        titleTokenList = Array(titleTokens)
        titleTokenHashes = titleTokenList.map(\.hashValue)
        if titleTokens.isEmpty && summaryTokens.isEmpty {
            tokenFamilies = [:]
            tokenValues = []
        } else {
            let tokens = titleTokens.union(summaryTokens)
            tokenFamilies = Dictionary(grouping: tokens, by: \.family)
            tokenValues = Set(tokens.lazy.filter { $0.kind != .contrast }.map(\.value)).sorted()
        }
        figures = MatchProfile.figures(scalars: summaryScalars)
        var text = titleKeyScalars
        text.append("\u{1F}")
        text.append(contentsOf: summaryKeyScalars)
        textKey = ScalarText.string(text)
        titleKeyHash = titleKey.hashValue
        titleKeyCodes = TitleAlignment.codes(scalars: titleKeyScalars)
        titleStemCodes = TitleAlignment.codes(scalars: stem)
        // A stem of coded characters is its codes (each scalar a character of its own); only other stems are
        // kept as characters, for `TitleAlignment.substitution`'s general path.
        titleStem = titleStemCodes == nil ? Array(ScalarText(stem).string) : []
        let unit = units?.submitter(subject.submitter, settings: settings) ?? UnitForms.Submitter(subject.submitter, settings: settings)
        submitterKey = unit.key
        submitterCore = unit.core
        submitterCoreLong = unit.coreLong
        submitterKeyHash = unit.keyHash
        submitterCoreHash = unit.coreHash
        submitterAliases = unit.aliases
        forwards = subject.channel == .activeCollection || unit.forwards
        // The last 11 digits (full-width ones made half-width), all ASCII: one character each.
        var digits: [Unicode.Scalar] = []
        for u in subject.mobile.unicodeScalars {
            if MatchText.isDigit(u) { digits.append(u) } else if u.value >= 0xFF10 && u.value <= 0xFF19 {
                digits.append(Unicode.Scalar(UInt8(truncatingIfNeeded: u.value - 0xFEE0)))
            }
        }
        mobile = ScalarText(digits.suffix(11)).string
        mobileWhole = digits.count >= 11
        let supervisor = units?.supervisor(subject.supervisor) ?? UnitForms.Supervisor(subject.supervisor)
        supervisorKey = supervisor.key
        supervisorKeyHash = supervisor.keyHash
    }

    /// The title stem as characters (`Array` of the stem's string), for aligning a coded title with one that is not.
    var titleStemCharacters: [Character] {
        guard let codes = titleStemCodes else { return titleStem }
        return codes.map { Character(Unicode.Scalar($0) ?? " ") }
    }

    /// `titleTokens.contains(t)`, given `t.hashValue`.
    func holdsTitleToken(_ t: HardToken, hash: Int) -> Bool {
        for k in titleTokenList.indices where titleTokenHashes[k] == hash && titleTokenList[k] == t { return true }
        return false
    }

    /// `titleKey == other.titleKey`, the hashes compared first.
    func sameTitleKey(_ other: MatchProfile) -> Bool { titleKeyHash == other.titleKeyHash && titleKey == other.titleKey }

    /// `submitterKey == other.submitterKey || submitterCore == other.submitterCore`, the hashes compared first.
    func sameSubmitter(_ other: MatchProfile) -> Bool {
        (submitterKeyHash == other.submitterKeyHash && submitterKey == other.submitterKey)
            || (submitterCoreHash == other.submitterCoreHash && submitterCore == other.submitterCore)
    }

    /// `supervisorKey == other.supervisorKey`, the hashes compared first.
    func sameSupervisor(_ other: MatchProfile) -> Bool {
        supervisorKeyHash == other.supervisorKeyHash && supervisorKey == other.supervisorKey
    }
}

extension MatchProfile {
    /// In the title, the ideographs that follow `stem` when they are not digits (川康优丝苗: after 康优, 丝苗);
    /// nil when the stem is absent or followed by a digit or nothing.
    func nameAfter(_ stem: String) -> String? {
        if let key = titleKeyCodes, let needle = TitleAlignment.codes(scalars: Array(stem.unicodeScalars)) {
            return MatchProfile.nameAfter(needle, in: key)
        }
        guard !stem.isEmpty, let r = titleKey.firstRange(of: stem) else { return nil }
        let rest = titleKey[r.upperBound...].unicodeScalars.prefix { MatchText.isIdeograph($0) }.prefix(2)
        // 川茶二号 is 川茶2号 written in Chinese numerals, not another name.
        guard let first = titleKey[r.upperBound...].unicodeScalars.first, MatchText.isIdeograph(first),
              !"一二三四五六七八九十百千零〇两".unicodeScalars.contains(first) else { return nil }
        return ScalarText(rest).string
    }
}

extension MatchProfile {
    /// `nameAfter` when the title key and the stem are coded: each scalar is then a character that no other
    /// character equals, so the first place the stem's characters occur is the first place its scalars do.
    static func nameAfter(_ stem: [UInt32], in key: [UInt32]) -> String? {
        guard !stem.isEmpty, stem.count <= key.count else { return nil }
        var at = -1
        var i = 0
        while i + stem.count <= key.count {
            var k = 0
            while k < stem.count && key[i + k] == stem[k] { k += 1 }
            if k == stem.count { at = i + stem.count; break }
            i += 1
        }
        guard at >= 0, at < key.count, let first = Unicode.Scalar(key[at]), MatchText.isIdeograph(first),
              !"一二三四五六七八九十百千零〇两".unicodeScalars.contains(first) else { return nil }
        var rest = ScalarText()
        var j = at
        while j < key.count && j < at + 2, let u = Unicode.Scalar(key[j]), MatchText.isIdeograph(u) {
            rest.append(u)
            j += 1
        }
        return rest.string
    }

    /// `figures(in:)` of the text of these scalars (a normalised text's). The runs are digits and points, ASCII,
    /// so a run's character count is its scalar count.
    static func figures(scalars s: [Unicode.Scalar]) -> Set<String> {
        var out = Set<String>()
        var start = -1
        func flush(_ end: Int) {
            let run = s[start..<end]
            var point = false
            var value = 0
            for u in run {
                if u == "." { point = true } else { value = value &* 10 &+ Int(u.value - 0x30) }
            }
            guard point || run.count >= 2 else { return }
            if run.count == 4, !point, (1900...2100).contains(value) { return }
            out.insert(ScalarText(run).string)
        }
        for i in 0..<s.count {
            let u = s[i]
            if MatchText.isDigit(u) || (u == "." && start >= 0 && i + 1 < s.count && MatchText.isDigit(s[i + 1])) {
                if start < 0 { start = i }
            } else if start >= 0 {
                flush(i)
                start = -1
            }
        }
        if start >= 0 { flush(s.count) }
        return out
    }

    /// Numbers of two or more digits, or with a decimal point, other than years.
    static func figures(in normalised: String) -> Set<String> {
        var out = Set<String>()
        var run = ScalarText()
        func flush() {
            defer { run = ScalarText() }
            let v = run.string
            guard v.contains(".") || v.count >= 2 else { return }
            if v.count == 4, let year = Int(v), (1900...2100).contains(year) { return }
            out.insert(v)
        }
        let s = MatchText.scalars(normalised)
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
}

/// The forms of unit names a profile keeps (the submitter's key, core, aliases and whether it forwards others'
/// work; the supervisor's key), made once a name for a run's profiles: a night's rows come from a few units, and
/// the suffix tests and character counts on a unit's name cost more than the rest of its row's profile.
/// A cache of values that are a function of the name and the settings: used with one settings only, on one thread
/// at a time (the matcher's loop).
final class UnitForms {
    /// What a profile keeps of its submitter's name.
    struct Submitter {
        let key: String
        let core: String
        let coreLong: Bool
        let keyHash: Int
        let coreHash: Int
        let aliases: [String]
        /// Whether the name is one of a collecting institute or a bureau (the channel aside).
        let forwards: Bool

        init(_ submitter: String, settings: MatchSettings) {
            key = MatchText.key(MatchText.normalise(submitter))
            var core = key
            for suffix in settings.unitSuffixes where core.hasSuffix(suffix) && core.count > suffix.count + 1 {
                core.removeLast(suffix.count)
            }
            if core.hasPrefix("四川省") && core.count >= 7 { core.removeFirst(3) }
            self.core = core
            coreLong = core.count >= 4
            keyHash = key.hashValue
            coreHash = core.hashValue
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
            self.aliases = aliases
            let key = key
            forwards = settings.collectingUnits.contains { !$0.isEmpty && key.holds($0) }
                || settings.forwardingSuffixes.contains { !$0.isEmpty && key.hasSuffix($0) }
        }
    }

    /// What a profile keeps of its supervisor's name.
    struct Supervisor {
        let key: String
        let keyHash: Int

        init(_ supervisor: String) {
            key = MatchText.key(MatchText.normalise(supervisor))
            keyHash = key.hashValue
        }
    }

    /// Names kept at most (a run names a few hundred units; past this, names are worked on each time).
    static let capacity = 4096

    /// An empty cache.
    init() {}

    /// A name as a key of its bytes: a dictionary of strings would find a name under any canonically equivalent
    /// one (豈 U+8C48 and U+F900), whose forms may differ (a key keeps its scalars); hashing the bytes also skips
    /// the normalisation a Chinese string's hash goes through.
    struct Name: Hashable {
        let text: String

        func hash(into hasher: inout Hasher) {
            var t = text
            t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        static func == (a: Name, b: Name) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    }

    private var submitters: [Name: Submitter] = [:]
    private var supervisors: [Name: Supervisor] = [:]
    private var masks: [UInt64]?

    func submitter(_ name: String, settings: MatchSettings) -> Submitter {
        let key = Name(text: name)
        if let s = submitters[key] { return s }
        let s = Submitter(name, settings: settings)
        if submitters.count < Self.capacity { submitters[key] = s }
        return s
    }

    func supervisor(_ name: String) -> Supervisor {
        let key = Name(text: name)
        if let s = supervisors[key] { return s }
        let s = Supervisor(name)
        if supervisors.count < Self.capacity { supervisors[key] = s }
        return s
    }

    /// `MatchText.scalarMask` of each generic title word of the settings, made once.
    func genericWordMasks(_ settings: MatchSettings) -> [UInt64] {
        if let masks { return masks }
        let m = settings.genericTitleWords.map(MatchText.scalarMask)
        masks = m
        return m
    }
}

/// A `UnitForms` for a preparer that must be `Sendable`: the match index's loader, which prepares the library cases
/// a query names (thousands a night, from the few units of the window; each prepared without a cache worked on its
/// unit's and bureau's names and the generic words' masks again). The cache is held in a `Mutex`; the index calls
/// its loader from one query at a time.
final class SharedUnitForms: Sendable {
    private let forms = Mutex(UnitForms())
    private let settings: MatchSettings

    /// An empty cache for profiles prepared under `settings`.
    init(settings: MatchSettings) { self.settings = settings }

    /// `MatchProfile(subject, settings:)`, the names' forms taken from the cache.
    func profile(_ subject: MatchSubject) -> MatchProfile {
        forms.withLock { MatchProfile(subject, settings: settings, units: $0) }
    }
}
