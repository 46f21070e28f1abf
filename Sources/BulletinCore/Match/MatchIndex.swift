/// The cases a submission may match: n-gram indexes of their titles and summaries, their hard tokens, and either
/// their profiles or a way to read them back.
/// Build it once from the library (O(total n-grams)), add tonight's submissions as they are matched, and ask it
/// for candidates: only cases sharing enough title or summary n-grams are compared in full.
///
/// An index built with a loader (`init(postings:settings:load:)`, the nightly run's, or `init(lean:settings:load:)`)
/// keeps of a library case only its id and postings; the full profile of a case is rebuilt from the library only when the case is a candidate, so
/// the index's memory follows the postings, not the profiles of every case of the month window.
public struct MatchIndex: Sendable {
    /// Reads library cases back by id (unknown ids left out, any order).
    public typealias Loader = @Sendable ([String]) -> [MatchSubject]
    /// Reads library cases back by id as prepared profiles (unknown ids left out, any order); the profiles must have
    /// been prepared with the index's settings.
    public typealias ProfileLoader = @Sendable ([String]) -> [MatchProfile]

    /// The settings the profiles were prepared with.
    public let settings: MatchSettings
    /// Document number → id.
    private var ids: [String] = []
    /// Document number → the id's `hashValue`: a query leaves out a case with its own id, and most ids are told
    /// apart by the hash (String's hash follows its ==) without comparing the two strings.
    private var idHashes: [Int] = []
    /// Profiles held in full, by document number: every document of an index without a loader, and the
    /// documents added by profile (tonight's submissions) otherwise.
    /// (An array with a place per document, nil for a library case not held: a query looks its 20 candidates up.)
    private var held: [MatchProfile?] = []
    private var titles = NGramIndex()
    private var summaries = NGramIndex()
    private var positions: [String: Int] = [:]
    /// Hard token values (title and summary, contrast words aside) → documents.
    private var tokens: [String: [Int32]] = [:]
    /// Reads a library case back as a profile when it is a candidate (nil: every profile is held).
    private let load: ProfileLoader?
    /// The most documents the index was told it will hold (`init(postings:settings:atMost:load:)`), nil when not
    /// told: then every summary gram's list is kept.
    private var atMost: Int?

    /// An empty index.
    public init(settings: MatchSettings = MatchSettings()) {
        self.settings = settings
        load = nil
    }

    /// An index of the given subjects, holding their profiles.
    public init(subjects: [MatchSubject], settings: MatchSettings = MatchSettings()) {
        self.settings = settings
        load = nil
        for s in subjects { add(s) }
    }

    /// An index of the given subjects that keeps only their postings and reads a subject back through `load`
    /// when it is a candidate. `load` must give back the same subjects for as long as the index is used.
    public init(lean subjects: some Sequence<MatchSubject>, settings: MatchSettings = MatchSettings(), load: @escaping Loader) {
        self.init(postings: subjects.lazy.map { (id: $0.id, postings: MatchPostings(MatchProfile($0, settings: settings))) },
                  settings: settings, load: { ids in load(ids).map { MatchProfile($0, settings: settings) } })
    }

    /// An index of library cases given by their postings (stored beside each case, or made from its text), in
    /// document order, that reads a case back through `load` when it is a candidate, as a profile (so that the
    /// caller may keep the profiles it read for the next query). The same index as `init(lean:settings:load:)` of
    /// the same cases' subjects, without preparing their profiles.
    ///
    /// `atMost`, when given, is the most documents the index will ever hold (the entries and every profile added
    /// after them): a query then follows no summary gram held by more than `skipAbove(count: atMost)` documents,
    /// so the index keeps only the count of such a gram, not its list (`NGramIndex.dropAbove`), and its memory
    /// follows the grams that can still find a candidate, not the window's commonest words. Its answers are those
    /// of the index that keeps every list as long as it holds at most `atMost` documents; past that, a summary gram
    /// held by more than that bound is not followed (as if `frequentGramShare` were counted on `atMost`).
    public init(postings entries: some Sequence<(id: String, postings: MatchPostings)>, settings: MatchSettings = MatchSettings(),
                atMost: Int? = nil, load: @escaping ProfileLoader) {
        self.settings = settings
        self.load = load
        self.atMost = atMost
        for e in entries { index(id: e.id, titleGrams: e.postings.titleGrams, summaryGrams: e.postings.summaryGrams, tokens: e.postings.tokens) }
    }

    /// The most documents holding a summary gram for a query to follow it, when the index holds `count`: grams
    /// held by more than `frequentGramShare` of a library of at least 200 cases say nothing of which case is which.
    func skipAbove(count: Int) -> Int {
        count >= 200 ? max(20, Int(settings.frequentGramShare * Double(count))) : Int.max
    }

    /// Cases held.
    public var count: Int { ids.count }

    /// Document numbers listed in the summary n-gram index (the lists of grams too common to follow not kept).
    public var summaryPostings: Int { summaries.listedPostings }

    /// The postings of a subject whose profile is held (tonight's submissions, once matched), nil otherwise.
    public func postings(id: String) -> MatchPostings? {
        guard let d = positions[id], let p = held[d] else { return nil }
        return MatchPostings(p)
    }

    /// Adds a subject (a library case, or a submission once it is matched). A second subject with an id already
    /// held replaces nothing: both stay, and the id leads to the later one.
    public mutating func add(_ subject: MatchSubject) {
        add(MatchProfile(subject, settings: settings))
    }

    /// Adds a prepared profile (it must have been prepared with this index's settings); its profile is held.
    public mutating func add(_ profile: MatchProfile) {
        let doc = index(profile)
        held[Int(doc)] = profile
    }

    /// Indexes a profile's grams and tokens; returns its document number.
    @discardableResult
    private mutating func index(_ profile: MatchProfile) -> Int32 {
        index(id: profile.subject.id, titleGrams: profile.titleGrams, summaryGrams: profile.summaryGrams,
              tokens: profile.tokenValues)
    }

    /// Indexes one document's grams and distinct token values; returns its document number.
    @discardableResult
    private mutating func index(id: String, titleGrams: [UInt64], summaryGrams: [UInt64], tokens values: some Sequence<String>) -> Int32 {
        positions[id] = ids.count
        ids.append(id)
        idHashes.append(id.hashValue)
        held.append(nil)
        let doc = Int32(titles.add(titleGrams))
        summaries.add(summaryGrams)
        // Once the index holds 200 documents every query skips grams held by more than `skipAbove(count:)`, which
        // grows with the count up to its value at `atMost`: a gram's list is dropped once it is longer than that
        // (never before 200, when a query follows every gram).
        if let atMost, summaries.dropAbove == .max, ids.count >= 200 {
            summaries.dropAbove = skipAbove(count: max(atMost, ids.count))
        }
        for value in values {
            tokens[value, default: []].append(doc)
        }
        return doc
    }

    /// The subject with this id, if held.
    public func subject(id: String) -> MatchSubject? {
        guard let d = positions[id] else { return nil }
        if let p = held[d] { return p.subject }
        return load?([id]).first { $0.subject.id == id }?.subject
    }

    /// The `limit` best of the touched documents that `keep` lets through, best first: higher of title and summary
    /// containment first, lower document number first when tied (a total order, so the answer is the one of
    /// sorting them all). Only documents good enough for the current best `limit` are checked with `keep` and
    /// placed, so a query touching thousands of cases through common grams costs one pass, not a sort of all.
    static func best<Touched: Sequence>(_ touched: Touched, limit: Int, keep: (Int) -> Bool) -> [(key: Int, value: (Double, Double))]
    where Touched.Element == (key: Int, value: (Double, Double)) {
        guard limit > 0 else { return [] }
        var top: [(key: Int, value: (Double, Double))] = []
        top.reserveCapacity(min(limit, touched.underestimatedCount) + 1)
        func before(_ d: Int, _ x: Double, _ e: Int, _ y: Double) -> Bool { x != y ? x > y : d < e }
        for (d, v) in touched {
            let x = max(v.0, v.1)
            if top.count == limit, let last = top.last, !before(d, x, last.key, max(last.value.0, last.value.1)) { continue }
            guard keep(d) else { continue }
            var lo = 0, hi = top.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if before(top[mid].key, max(top[mid].value.0, top[mid].value.1), d, x) { lo = mid + 1 } else { hi = mid }
            }
            top.insert((key: d, value: v), at: lo)
            if top.count > limit { top.removeLast() }
        }
        return top
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

    /// What a query writes as it goes, kept from one query to the next by a caller that asks many (a night's
    /// submissions, `CaseMatcher.matchNightDecided`): the postings walk's counts and the touched documents' slots.
    public struct Scratch: Sendable {
        var walk = NGramIndex.Scratch()
        /// A slot in the touched list per document, -1 between queries (a query sets back those it used).
        var slot: [Int32] = []
        /// The touched documents with their containment (emptied by each query, its room kept).
        var touched: [(key: Int, value: (Double, Double))] = []

        /// Empty buffers; they grow as the queries need.
        public init() {}
    }

    /// The cases worth comparing with a profile, best first, at most `candidateLimit`; a case with the profile's
    /// own id is left out. A candidate shares enough title or summary n-grams, or one of the title's hard tokens.
    public func candidates(for profile: MatchProfile) -> [Candidate] {
        var scratch = Scratch()
        return candidates(for: profile, scratch: &scratch)
    }

    /// `candidates(for:)` with the query's buffers kept in `scratch`.
    public func candidates(for profile: MatchProfile, scratch: inout Scratch) -> [Candidate] {
        // Touched documents with their (title, summary) containment, in a list with a slot per document rather
        // than a dictionary (a query of a big night touches thousands of cases through one template's grams).
        var best = scratch.touched, slot = scratch.slot
        scratch.touched = []
        scratch.slot = []
        best.removeAll(keepingCapacity: true)
        if slot.count < count {
            slot.append(contentsOf: repeatElement(-1, count: max(count, 2 * slot.count) - slot.count))
        }
        func entry(_ d: Int) -> Int {
            if slot[d] < 0 {
                slot[d] = Int32(best.count)
                best.append((key: d, value: (0, 0)))
            }
            return Int(slot[d])
        }
        func current(_ d: Int) -> (Double, Double) { slot[d] < 0 ? (0, 0) : best[Int(slot[d])].value }
        titles.containment(of: profile.titleGrams, atLeast: settings.titleCandidate, scratch: &scratch.walk)
        for (d, c) in scratch.walk.answer {
            best[entry(d)].value = (c, 0)
        }
        // `min`: past `atMost` documents, a gram whose list was dropped is not followed, nor one as common.
        let skip = min(skipAbove(count: count), summaries.dropAbove)
        summaries.containment(of: profile.summaryGrams, atLeast: settings.summaryCandidate, skipAbove: skip, scratch: &scratch.walk)
        for (d, c) in scratch.walk.answer {
            best[entry(d)].value.1 = c
        }
        // A case naming one of the title's hard tokens (川麦104, SKB264, ISO 23678) is worth comparing even when
        // its title and summary are worded apart; tokens most of the library holds are not followed.
        let tokenFloor = (settings.titleCandidate + settings.summaryCandidate) / 2
        for t in profile.titleTokens where t.kind != .contrast {
            guard let docs = tokens[t.value], docs.count <= skip else { continue }
            for d in docs.map(Int.init) {
                let v = current(d)
                guard max(v.0, v.1) < tokenFloor else { continue }
                best[entry(d)].value = (max(v.0, tokenFloor), v.1)
            }
        }
        for e in best { slot[e.key] = -1 }
        // The ranking is a total order (containment, then document number), so the list's order does not matter.
        let own = profile.subject.id, ownHash = own.hashValue
        let ranked = MatchIndex.best(best, limit: settings.candidateLimit) { idHashes[$0] != ownHash || ids[$0] != own }
        scratch.slot = slot
        scratch.touched = best
        // Profiles not held are rebuilt from the library, in one read for the lot.
        let missing = ranked.filter { held[$0.key] == nil }.map { ids[$0.key] }
        var loaded: [String: MatchProfile] = [:]
        if !missing.isEmpty, let load {
            for p in load(missing) where loaded[p.subject.id] == nil { loaded[p.subject.id] = p }
        }
        return ranked.compactMap { d, v in
            guard let p = held[d] ?? loaded[ids[d]] else { return nil }
            return Candidate(profile: p, title: v.0, summary: v.1)
        }
    }
}
