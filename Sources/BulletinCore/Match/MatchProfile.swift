/// A subject prepared once for matching: normalised text, keys, n-grams and hard tokens. Building it is the
/// per-subject cost; comparing two profiles touches no text but keys and sorted gram arrays.
///
/// A final class of constants, so a value in all but name: the index hands each query its candidates' profiles
/// (20 a query, 400,000 on a 20,000-row night), and copying a struct of some twenty arrays, sets and strings
/// retained and released each of them (a seventh of the match step's time); a reference is one count.
public final class MatchProfile: Sendable {
    /// The subject as given.
    public let subject: MatchSubject
    /// The title, normalised (`MatchText.normalise`).
    let title: String
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
    let submitterKeyHash: Int
    let submitterCoreHash: Int
    let supervisorKeyHash: Int
    /// Whether the core is four characters or more (`submitterCore.count >= 4`, counted once, not once a pair).
    let submitterCoreLong: Bool
    /// Ways the unit is named in others' text: its core, and the first and last four characters of the core
    /// without 四川省 / 中国 in front (东方电气集团东方电机 → 东方电机).
    let submitterAliases: [String]
    /// The title key without generic words, for aligning two titles.
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
    public init(_ subject: MatchSubject, settings: MatchSettings) {
        self.subject = subject
        title = MatchText.normalise(subject.title)
        titleKey = MatchText.key(title)
        let stem = MatchText.stripped(titleKey, removing: settings.genericTitleWords)
        titleGrams = MatchText.grams(stem, size: settings.titleGram)
        let summary = MatchText.normalise(subject.summary)
        let summaryKey = MatchText.key(summary)
        summaryGrams = MatchText.grams(summaryKey, size: settings.summaryGram)
        summaryTitleGrams = settings.summaryGram == settings.titleGram ? summaryGrams : MatchText.grams(summaryKey, size: settings.titleGram)
        titleTokens = HardTokens.extract(title, contrast: settings.contrastTerms)
        summaryTokens = HardTokens.extract(summary)
        titleFamilies = Dictionary(grouping: titleTokens, by: \.family)
        let tokens = titleTokens.union(summaryTokens)
        tokenFamilies = Dictionary(grouping: tokens, by: \.family)
        tokenValues = Set(tokens.lazy.filter { $0.kind != .contrast }.map(\.value)).sorted()
        figures = MatchProfile.figures(in: summary)
        textKey = titleKey + "\u{1F}" + summaryKey
        submitterKey = MatchText.key(MatchText.normalise(subject.submitter))
        var core = submitterKey
        for suffix in settings.unitSuffixes where core.hasSuffix(suffix) && core.count > suffix.count + 1 {
            core.removeLast(suffix.count)
        }
        if core.hasPrefix("四川省") && core.count >= 7 { core.removeFirst(3) }
        submitterCore = core
        submitterCoreLong = core.count >= 4
        titleKeyHash = titleKey.hashValue
        submitterKeyHash = submitterKey.hashValue
        submitterCoreHash = core.hashValue
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
        supervisorKey = MatchText.key(MatchText.normalise(subject.supervisor))
        supervisorKeyHash = supervisorKey.hashValue
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
        guard !stem.isEmpty, let r = titleKey.firstRange(of: stem) else { return nil }
        let rest = titleKey[r.upperBound...].unicodeScalars.prefix { MatchText.isIdeograph($0) }.prefix(2)
        // 川茶二号 is 川茶2号 written in Chinese numerals, not another name.
        guard let first = titleKey[r.upperBound...].unicodeScalars.first, MatchText.isIdeograph(first),
              !"一二三四五六七八九十百千零〇两".unicodeScalars.contains(first) else { return nil }
        return ScalarText(rest).string
    }
}

extension MatchProfile {
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
