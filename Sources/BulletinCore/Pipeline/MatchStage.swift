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

        static func provisionalId(_ sha256: String, _ index: Int) -> String { "tonight:\(sha256.prefix(16)):\(index)" }

        /// The case a provisional or library id stands for now, nil for a provisional id not (yet) stored.
        func caseId(_ id: String) -> String? { id.hasPrefix("tonight:") ? stored[id] : id }
    }

    func match(_ files: [FileWork<ScoredSubmission>], _ run: RunContext) throws -> NightMatches {
        let settings = config.match ?? MatchSettings()
        var months: [BulletinPeriod] = []
        var p = run.period
        for _ in 0...max(0, settings.monthWindow) {
            months.append(p)
            p = p.previous
        }
        var index = MatchIndex(subjects: try run.library.matchSubjects(periods: months), settings: settings)
        var subjects: [MatchSubject] = []
        for w in files {
            guard case .success(let scored) = w.outcome else { continue }
            for s in scored where s.checked.isValid {
                let sub = s.checked.submission
                subjects.append(MatchSubject(id: NightMatches.provisionalId(w.item.sha256, sub.index), title: sub[.title], summary: sub[.summary],
                                             submitter: sub[.submitter], supervisor: sub[.supervisor], mobile: sub[.mobile],
                                             year: run.period.year, month: run.period.month,
                                             channel: run.channels.channel(submitter: sub[.submitter], fileName: w.item.file.name)))
            }
        }
        let results = CaseMatcher(settings: settings).matchNight(subjects, into: &index)
        return NightMatches(bySubmission: Dictionary(results.map { ($0.subject.id, $0) }, uniquingKeysWith: { a, _ in a }))
    }
}
