/// The cases a submission may match: their profiles, and n-gram indexes of their titles and summaries.
/// Build it once from the library (O(total n-grams)), add tonight's submissions as they are matched, and ask it
/// for candidates: only cases sharing enough title or summary n-grams are compared in full.
public struct MatchIndex: Sendable {
    /// The settings the profiles were prepared with.
    public let settings: MatchSettings
    /// Profiles, by document number.
    public private(set) var profiles: [MatchProfile] = []
    private var titles = NGramIndex()
    private var summaries = NGramIndex()
    private var positions: [String: Int] = [:]
    /// Hard token values (title and summary, contrast words aside) → documents.
    private var tokens: [String: [Int32]] = [:]

    /// An empty index.
    public init(settings: MatchSettings = MatchSettings()) {
        self.settings = settings
    }

    /// An index of the given subjects.
    public init(subjects: [MatchSubject], settings: MatchSettings = MatchSettings()) {
        self.settings = settings
        profiles.reserveCapacity(subjects.count)
        for s in subjects { add(s) }
    }

    /// Cases held.
    public var count: Int { profiles.count }

    /// Adds a subject (a library case, or a submission once it is matched). A second subject with an id already
    /// held replaces nothing: both stay, and the id leads to the later one.
    public mutating func add(_ subject: MatchSubject) {
        add(MatchProfile(subject, settings: settings))
    }

    /// Adds a prepared profile (it must have been prepared with this index's settings).
    public mutating func add(_ profile: MatchProfile) {
        positions[profile.subject.id] = profiles.count
        profiles.append(profile)
        let doc = Int32(titles.add(profile.titleGrams))
        summaries.add(profile.summaryGrams)
        for value in Set(profile.titleTokens.union(profile.summaryTokens).filter { $0.kind != .contrast }.map(\.value)) {
            tokens[value, default: []].append(doc)
        }
    }

    /// The subject with this id, if held.
    public func subject(id: String) -> MatchSubject? {
        positions[id].map { profiles[$0].subject }
    }

    /// One candidate: a held profile and how much of the title and summary it shares with the query.
    public struct Candidate: Sendable {
        /// The held profile.
        public let profile: MatchProfile
        /// Title n-gram containment (as indexed: generic words removed).
        public let title: Double
        /// Summary n-gram containment as found through the index (frequent grams not counted).
        public let summary: Double
    }

    /// The cases worth comparing with a profile, best first, at most `candidateLimit`; a case with the profile's
    /// own id is left out. A candidate shares enough title or summary n-grams, or one of the title's hard tokens.
    public func candidates(for profile: MatchProfile) -> [Candidate] {
        var best: [Int: (Double, Double)] = [:]
        for (d, c) in titles.containment(of: profile.titleGrams, atLeast: settings.titleCandidate) {
            best[d] = (c, 0)
        }
        let skip = count >= 200 ? max(20, Int(settings.frequentGramShare * Double(count))) : Int.max
        for (d, c) in summaries.containment(of: profile.summaryGrams, atLeast: settings.summaryCandidate, skipAbove: skip) {
            best[d] = (best[d]?.0 ?? 0, c)
        }
        // A case naming one of the title's hard tokens (川麦104, SKB264, ISO 23678) is worth comparing even when
        // its title and summary are worded apart; tokens most of the library holds are not followed.
        let tokenFloor = (settings.titleCandidate + settings.summaryCandidate) / 2
        for t in profile.titleTokens where t.kind != .contrast {
            guard let docs = tokens[t.value], docs.count <= skip else { continue }
            for d in docs.map(Int.init) where max(best[d]?.0 ?? 0, best[d]?.1 ?? 0) < tokenFloor {
                best[d] = (max(best[d]?.0 ?? 0, tokenFloor), best[d]?.1 ?? 0)
            }
        }
        let ranked = best.filter { profiles[$0.key].subject.id != profile.subject.id }
            .sorted { a, b in
                let x = max(a.value.0, a.value.1), y = max(b.value.0, b.value.1)
                return x != y ? x > y : a.key < b.key
            }
            .prefix(settings.candidateLimit)
        return ranked.map { Candidate(profile: profiles[$0.key], title: $0.value.0, summary: $0.value.1) }
    }
}
