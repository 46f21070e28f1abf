import Foundation

/// [7] match: for each accepted submission of the night, is it an achievement the library already holds (or
/// that an earlier submission of the same night holds)? The library's cases of the last `match.monthWindow`
/// months are indexed by character n-grams, so the cost follows the night's input and the window, not the
/// library squared. Classified submissions are matched too: a classified sighting lands on its case and makes
/// it classified.
extension Pipeline {
    /// The result of the match step: each accepted submission's verdicts, by provisional id.
    struct NightMatches: Sendable {
        var bySubmission: [String: SubmissionMatch] = [:]
        /// Provisional id of an earlier submission of the night → the case it became.
        var stored: [String: String] = [:]
        /// Provisional id → the submission's match postings, kept beside its case if it makes one.
        var postings: [String: MatchPostings] = [:]
        /// The key the postings were made under (`MatchSettings.postingsKey`).
        var postingsKey = ""

        static func provisionalId(_ sha256: String, _ index: Int) -> String { "tonight:\(sha256.prefix(16)):\(index)" }

        /// The case a provisional or library id stands for now, nil for a provisional id not (yet) stored.
        func caseId(_ id: String) -> String? { id.hasPrefix("tonight:") ? stored[id] : id }
    }

    /// How many candidates' profiles the match step keeps once read back (about 5 KB each: 1,024 are 5 MB, held
    /// through the match step whatever the size of the library; 2,048 made the step's memory grow until the window
    /// held twice the night's worth of candidates).
    static let recentProfiles = 1024

    func match(_ files: [FileWork<ScoredSubmission>], _ run: RunContext) throws -> NightMatches {
        let settings = config.match ?? MatchSettings()
        var months: [BulletinPeriod] = []
        var p = run.period
        for _ in 0...max(0, settings.monthWindow) {
            months.append(p)
            p = p.previous
        }
        // The index keeps the window's postings only, read a chunk of cases at a time in the one order of
        // `matchSubjects(periods:)`; a case's full profile is rebuilt from the library when it is a candidate.
        // Peak memory so follows the postings, not the window's decoded cases and profiles. The postings are the
        // rows kept beside each case; a case without a row of these settings has them made from its text.
        // Tonight's submissions are gathered first: how many they are bounds which summary grams a query can follow.
        var subjects: [MatchSubject] = []
        for w in files {
            guard case .success(let scored) = w.outcome else { continue }
            // A file's rows share a few units: each unit's channel (a search of the collectors' names) is found once.
            var channels: [String: Channel] = [:]
            for s in scored where s.checked.isValid {
                let sub = s.checked.submission
                let channel = channels[sub[.submitter]] ?? run.channels.channel(submitter: sub[.submitter], fileName: w.item.file.name)
                channels[sub[.submitter]] = channel
                subjects.append(MatchSubject(id: NightMatches.provisionalId(w.item.sha256, sub.index), title: sub[.title], summary: sub[.summary],
                                             submitter: sub[.submitter], supervisor: sub[.supervisor], mobile: sub[.mobile],
                                             year: run.period.year, month: run.period.month, channel: channel))
            }
        }
        let library = run.library
        let ids = try library.matchSubjectIDs(periods: months)
        let failure = LoadFailure()
        let key = settings.postingsKey
        let lean = LeanPostings(library: library, ids: ids, key: key, settings: settings, failure: failure)
        // A night's submissions share candidates (resends, one unit's series): the profiles of the last
        // `recentProfiles` candidates read back are kept, so a case is read and prepared about once a night, not
        // once a query.
        let recent = RecentProfiles(capacity: Self.recentProfiles)
        let forms = SharedUnitForms(settings: settings)
        // The index will hold at most the window's cases and tonight's submissions, each added once as it is
        // matched: it keeps no list of a summary gram too common for any of tonight's queries to follow.
        var index = MatchIndex(postings: lean, settings: settings, atMost: ids.count + subjects.count) { wanted in
            var found = recent.profiles(wanted)
            let missing = wanted.filter { found[$0] == nil }
            if !missing.isEmpty {
                do {
                    let read = try library.matchSubjects(ids: missing).map(forms.profile)
                    recent.keep(read)
                    for p in read { found[p.subject.id] = p }
                } catch {
                    failure.record(error)
                    return []
                }
            }
            return wanted.compactMap { found[$0] }
        }
        if let error = failure.error { throw error }
        // Only the verdicts the run acts on are made (same, probable): an exact filter skips the pairs that
        // can only be different (`CaseMatcher.mayDecide`).
        let results = CaseMatcher(settings: settings).matchNightDecided(subjects, into: &index)
        if let error = failure.error { throw error }
        var night = NightMatches(bySubmission: Dictionary(results.map { ($0.subject.id, $0) }, uniquingKeysWith: { a, _ in a }))
        night.postingsKey = key
        for s in subjects { night.postings[s.id] = index.postings(id: s.id) }
        return night
    }
}

/// The library's cases of the window as a sequence of (id, postings), read `chunk` cases at a time in the order
/// of `ids`: each case's stored postings of `key`, else postings made from its text (its match subject), which
/// are then kept beside it for the next night.
private struct LeanPostings: Sequence {
    let library: CaseLibrary
    let ids: [String]
    let key: String
    let settings: MatchSettings
    let failure: LoadFailure
    var chunk = 512

    struct Iterator: IteratorProtocol {
        let source: LeanPostings
        var offset = 0
        var buffer: [(id: String, postings: MatchPostings)] = []
        var at = 0

        mutating func next() -> (id: String, postings: MatchPostings)? {
            while at == buffer.count {
                guard offset < source.ids.count, source.failure.error == nil else { return nil }
                let slice = Array(source.ids[offset..<Swift.min(source.ids.count, offset + source.chunk)])
                offset += slice.count
                do { buffer = try source.read(slice) } catch {
                    source.failure.record(error)
                    return nil
                }
                at = 0
            }
            defer { at += 1 }
            return buffer[at]
        }
    }

    func makeIterator() -> Iterator { Iterator(source: self) }

    /// The postings of `slice`, in its order (a case the library cannot give back is left out, as
    /// `matchSubjects(ids:)` leaves it out).
    func read(_ slice: [String]) throws -> [(id: String, postings: MatchPostings)] {
        var found = try library.matchPostings(ids: slice, key: key)
        let missing = slice.filter { found[$0] == nil }
        if !missing.isEmpty {
            let made = try library.matchSubjects(ids: missing).map { (caseId: $0.id, postings: MatchPostings(MatchProfile($0, settings: settings))) }
            for m in made { found[m.caseId] = m.postings }
            // A cache of what the text gives: if it cannot be written, the next night makes the postings again.
            try? library.keepMatchPostings(made, key: key)
        }
        return slice.compactMap { id in found[id].map { (id, $0) } }
    }
}

/// The first error met reading cases back for the match index (its loader cannot throw); the stage throws it.
private final class LoadFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: (any Error)?

    var error: (any Error)? { lock.withLock { first } }

    func record(_ error: any Error) { lock.withLock { if first == nil { first = error } } }
}

/// The profiles the match index read back last, at most `capacity`, the oldest dropped first.
private final class RecentProfiles: @unchecked Sendable {
    private let lock = NSLock()
    private let capacity: Int
    private var byId: [String: MatchProfile] = [:]
    private var order: [String] = []
    private var head = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func profiles(_ ids: [String]) -> [String: MatchProfile] {
        lock.withLock {
            var out: [String: MatchProfile] = [:]
            for id in ids { if let s = byId[id] { out[id] = s } }
            return out
        }
    }

    func keep(_ profiles: [MatchProfile]) {
        lock.withLock {
            for p in profiles where byId[p.subject.id] == nil {
                if order.count < capacity {
                    order.append(p.subject.id)
                } else {
                    byId[order[head]] = nil
                    order[head] = p.subject.id
                    head = (head + 1) % capacity
                }
                byId[p.subject.id] = p
            }
        }
    }
}
