import Foundation

/// The match step of a run keeps only the verdicts it acts on: the `.same` verdict that attaches a submission and
/// the `.probable` ones that flag it (疑似重复). Most candidates the index finds (nine in ten on a 20,000-row
/// backlog of one template's titles) end `.different`, and building their waterfall (alignment of titles, hard
/// tokens, unit names looked up in the other's text, a note per line) was most of the step's comparing time.
/// `mayDecide` is an exact filter in front of `compare`: it lets through every pair `compare` could call `.same`
/// or `.probable`, so the verdicts kept are those of comparing every candidate and dropping the `.different` ones.
///
/// Why it is exact. `compare` gives `.same` only when the normalised titles are the same, and `.probable` only
/// when its score, the sum of its evidence weights in evidence order, is at least `probableScore`; any other pair
/// is `.different`. `mayDecide` lets every pair with the same normalised title through. For the others it adds,
/// in `compare`'s evidence order, for each evidence line `compare` could write, a number at least that line's
/// weight (0 for a line that may be absent stands for it, and is at least the weight when the line is absent):
/// - title containment and title-in-summary: the same weights, computed the same way (`MatchText.shared`);
/// - one template, another subject: `max(0, titleTemplate)` (the line is written or not);
/// - summary overlap: the same weight (0 when a summary is empty);
/// - shared figures: `max(0, k × figureShared)` with k = min(2, the smaller figure count), since at most that many
///   can be shared and counted (the line is absent when none are);
/// - submitting unit, mobile, supervisor, months: the same weights, by the same tests (whether one unit's text
///   names the other, a choice between 0 and `submitterDifferent`, is added last, and looked up only when the two
///   choices fall on either side of `probableScore`; otherwise the larger is added, which gives the same answer);
/// - hard tokens: 0 when neither title holds a token (`compareTokens` then writes nothing); otherwise
///   `max(0, hardTokenContradicted)` for each title token of either side (at most one line each) and
///   `max(0, 2 × hardTokenShared)` for the shared line (min(shared, 2) × the weight);
/// - approved: 0, as written.
/// While that bound would let the pair through, the figures, the hard tokens and the template terms are replaced,
/// in that order, by the weights `compare` writes for them, found by `compare`'s own code (the set intersection of
/// the figures, `compareTokens`, `TitleAlignment.gap`): each is exact, so still at least the weight. A veto of the
/// title tokens (`compareTokens`' vetoes; those of one family are looked for first of all) makes `compare` say
/// `.different` whatever the score, so such a pair is not let through.
/// Rounded floating-point addition is monotone in each operand, so a sum of terms each at least the matching
/// weight, taken in the same order, is at least the score; the bound is compared with a margin anyway
/// (`probableScore` less a billionth of the terms' magnitude), so an order or rounding difference cannot drop a
/// pair. A pair whose bound stays below `probableScore` is `.different`, vetoes or not. `DecidedMatchesTests`
/// checks the bound against `compare`'s score and the kept verdicts against the full path's, pair by pair.
extension CaseMatcher {
    /// Whether `compare(a, b)` may be `.same` or `.probable` (false only when it is certainly `.different`).
    public func mayDecide(_ a: MatchProfile, _ b: MatchProfile) -> Bool {
        if !a.titleKey.isEmpty && a.sameTitleKey(b) { return true }
        guard let bound = scoreBound(a, b) else { return true }
        return !bound.vetoed && !below(bound.sum, bound.magnitude)
    }

    /// Whether a bound of this sum and magnitude is certainly below `probableScore` (with the margin of the note).
    func below(_ sum: Double, _ magnitude: Double) -> Bool {
        sum < settings.probableScore - 1e-9 * (1 + magnitude)
    }

    /// An upper bound on `compare(a, b).score` for two titles that are not the same (see the type's note), the
    /// sum of the magnitudes of its terms, and whether the hard tokens veto (then `compare` says `.different`
    /// whatever the score; the sum and magnitude are then infinite, not worked out); nil when a weight is not
    /// finite.
    ///
    /// The terms stand for `compare`'s evidence lines in its order. Four are bounds first and made exact, cheapest
    /// first, only while the bound would let the pair through, each by `compare`'s own test, so a pair `compare`
    /// would throw out is mostly thrown out here for a part of its cost: the shared figures, the hard tokens
    /// (`compareTokens`: a veto of a variety named two ways ends it, else the lines' own weights), the template
    /// (`template(_:_:)`, which `compare` calls), and whether one unit's text names the other. A veto of one
    /// family's tokens (`hasFamilyVeto`, a few set lookups) is looked for first of all.
    func scoreBound(_ a: MatchProfile, _ b: MatchProfile) -> (sum: Double, magnitude: Double, vetoed: Bool)? {
        // Title tokens of one family that disagree (示范19 / 示范26, 300MW / 600MW) make the pair `.different`
        // whatever the score: then nothing is measured, and the bound is infinite.
        if !a.titleFamilies.isEmpty, !b.titleFamilies.isEmpty, hasFamilyVeto(a, b) {
            return (.infinity, .infinity, true)
        }
        let w = settings.weights
        var terms: [Double] = []
        terms.reserveCapacity(16)
        // Title containment.
        let n = MatchText.shared(a.titleGrams, b.titleGrams), m = min(a.titleGrams.count, b.titleGrams.count)
        let c = m == 0 ? 0 : Double(n) / Double(m)
        terms.append(clamp(w.titleSlope * (c - w.titlePivot), -w.titleFloor, w.titleCap))
        // Title found in the other's summary.
        let cross = max(share(a.titleGrams, in: b.summaryTitleGrams), share(b.titleGrams, in: a.summaryTitleGrams))
        terms.append(clamp(w.crossSlope * (cross - w.crossPivot), -w.crossFloor, w.crossCap))
        // One template, another subject: written or not (made exact below).
        let template = terms.count
        terms.append(max(0, w.titleTemplate))
        // Summary overlap.
        if !a.summaryGrams.isEmpty && !b.summaryGrams.isEmpty {
            let k = MatchText.shared(a.summaryGrams, b.summaryGrams), l = min(a.summaryGrams.count, b.summaryGrams.count)
            terms.append(clamp(w.summarySlope * (Double(k) / Double(l) - w.summaryPivot), -w.summaryFloor, w.summaryCap))
        }
        // Shared figures: at most min(2, the smaller set) are counted (made exact below).
        let figuresAt = terms.count
        terms.append(max(0, Double(min(2, a.figures.count, b.figures.count)) * w.figureShared))
        // Submitting unit, by compare's tests. Two units that are not the same, not forwarding and not parent and
        // part weigh 0 when one's text names the other, `submitterDifferent` otherwise: that search of the texts
        // is left to the end and made only when the two answers fall on either side of `probableScore`.
        let forwarded = a.forwards || b.forwards
        var namesEachOther = false
        if !a.submitterKey.isEmpty && !b.submitterKey.isEmpty {
            if a.sameSubmitter(b) {
                terms.append(w.submitterSame)
            } else if forwarded {
                let (fw, other) = a.forwards ? (a, b) : (b, a)
                let named = !other.forwards && other.submitterAliases.contains { fw.textKey.holds($0) }
                terms.append(named ? w.submitterNamed : 0)
            } else if a.submitterCoreLong && b.submitterCoreLong
                        && (a.submitterCore.holds(b.submitterCore) || b.submitterCore.holds(a.submitterCore)) {
                terms.append(w.submitterSame / 2)
            } else {
                namesEachOther = true
            }
        }
        // Mobile.
        if a.mobileWhole && a.mobile == b.mobile {
            terms.append(w.mobileSame)
        } else if a.mobileWhole && b.mobileWhole {
            terms.append(forwarded ? 0 : w.mobileDifferent)
        }
        // Supervisor.
        if !a.supervisorKey.isEmpty && !b.supervisorKey.isEmpty {
            if a.sameSupervisor(b) {
                terms.append(w.supervisorSame)
            } else if !forwarded {
                terms.append(w.supervisorDifferent)
            }
        }
        // Months.
        let months = abs(a.subject.monthNumber - b.subject.monthNumber)
        terms.append(months <= 1 ? w.monthsNear : months > settings.monthWindow ? w.monthsFar : 0)
        // Hard tokens: nothing when neither title holds one; else a bound, made exact below.
        let tokensAt = terms.count
        let holdsTokens = !(a.titleTokens.isEmpty && b.titleTokens.isEmpty)
        if holdsTokens {
            terms.append(Double(a.titleTokens.count + b.titleTokens.count) * max(0, w.hardTokenContradicted))
            terms.append(max(0, 2 * w.hardTokenShared))
        }
        func total() -> (sum: Double, magnitude: Double) {
            var sum = 0.0, magnitude = 0.0
            for t in terms {
                sum += t
                magnitude += abs(t)
            }
            return (sum, magnitude)
        }
        // The most the unit line can weigh, for the tests below.
        let unitHigh = namesEachOther ? max(0, w.submitterDifferent) : 0
        func through(_ t: (sum: Double, magnitude: Double)) -> Bool {
            !below(t.sum + unitHigh, t.magnitude + abs(w.submitterDifferent))
        }
        var vetoed = false
        var bound = total()
        // The figures line as `compare` writes it.
        if terms[figuresAt] != 0, through(bound) {
            // min(2, the intersection's size), counted without making the intersection.
            let (small, large) = a.figures.count <= b.figures.count ? (a.figures, b.figures) : (b.figures, a.figures)
            var shared = 0
            for f in small where large.contains(f) {
                shared += 1
                if shared == 2 { break }
            }
            terms[figuresAt] = shared == 0 ? 0 : Double(shared) * w.figureShared
            bound = total()
        }
        // The hard tokens as `compare` finds them: a veto makes the pair `.different`; otherwise their lines.
        if holdsTokens, through(bound) {
            // No veto of one family's tokens: `hasFamilyVeto` found none above (and there is none when either
            // title has no token).
            let tokens = compareTokens(a, b, noFamilyVeto: true)
            vetoed = !tokens.vetoes.isEmpty
            terms.replaceSubrange(tokensAt..., with: tokens.evidence.map(\.weight))
            bound = total()
        }
        // The template line as `compare` finds it.
        if !vetoed, through(bound) {
            terms[template] = Self.hasTemplate(a, b) ? w.titleTemplate : 0
            bound = total()
        }
        var (sum, magnitude) = bound
        if namesEachOther {
            let low = min(0, w.submitterDifferent), high = max(0, w.submitterDifferent)
            let margin = 1e-9 * (1 + magnitude + abs(w.submitterDifferent))
            let x: Double
            if vetoed || sum + high < settings.probableScore - margin || sum + low >= settings.probableScore + margin {
                x = high  // below either way, or through either way: the larger is a bound, with the same answer
            } else if a.submitterAliases.contains(where: { b.textKey.holds($0) }) || b.submitterAliases.contains(where: { a.textKey.holds($0) }) {
                x = 0
            } else {
                x = w.submitterDifferent
            }
            sum += x
            magnitude += abs(x)
        }
        guard sum.isFinite, magnitude.isFinite else { return nil }
        return (sum, magnitude, vetoed)
    }

    /// The template line's pieces, as `compare` finds them for two titles that are not the same.
    static func template(_ a: MatchProfile, _ b: MatchProfile) -> (String, String)? {
        if let x = a.titleStemCodes, let y = b.titleStemCodes { return TitleAlignment.substitution(codes: x, y) }
        return TitleAlignment.substitution(a.titleStemCharacters, b.titleStemCharacters)
    }

    /// Whether `template(a, b)` is not nil, without making the pieces' text (`substitution` is `gap` and the text).
    static func hasTemplate(_ a: MatchProfile, _ b: MatchProfile) -> Bool {
        if let x = a.titleStemCodes, let y = b.titleStemCodes { return TitleAlignment.gap(x, y) != nil }
        return TitleAlignment.gap(a.titleStemCharacters, b.titleStemCharacters) != nil
    }

    /// `matchNight`, keeping of each submission only the verdicts the run acts on (`.same` and `.probable`, best
    /// first): the verdicts of `matchNight` without its `.different` ones, for a fraction of the comparing.
    public func matchNightDecided(_ subjects: [MatchSubject], into index: inout MatchIndex) -> [SubmissionMatch] {
        matchNightDecided(subjects, into: &index, workers: ParallelMap.workers)
    }

    /// `matchNightDecided(_:into:)` on up to `workers` cores (1: all on the calling thread). The answer does not
    /// depend on `workers`: each subject's candidates are found in order, from the index as it stands after the
    /// subjects before it were added, and the only work moved to other cores is what reads nothing but two
    /// profiles (preparing a profile; weighing a subject against its candidates).
    func matchNightDecided(_ subjects: [MatchSubject], into index: inout MatchIndex, workers: Int) -> [SubmissionMatch] {
        var scratch = MatchIndex.Scratch()
        // The profiles depend on nothing but their subject: they are prepared on every core first, each run of
        // subjects with its own cache of unit names' forms (which gives the same profiles as one cache or none).
        let settings = index.settings
        let profiles = ParallelMap.chunked(subjects, workers: workers) { run in
            let units = UnitForms()
            return run.map { MatchProfile($0, settings: settings, units: units) }
        }
        // A subject is added to the index whatever its verdicts, so finding the next subjects' candidates need not
        // wait for them: each batch's candidates are weighed on another core while this thread finds the next
        // batch's (`ParallelMap.both`). One batch waits at a time, so the candidate lists held stay few.
        let verdicts = WeighedVerdicts(count: subjects.count)
        typealias Found = (first: Int, found: [(profile: MatchProfile, candidates: [MatchIndex.Candidate])])
        func find(_ range: Range<Int>) -> Found {
            var found: [(profile: MatchProfile, candidates: [MatchIndex.Candidate])] = []
            found.reserveCapacity(range.count)
            for i in range {
                found.append((profiles[i], index.candidates(for: profiles[i], scratch: &scratch)))
                index.add(profiles[i])
            }
            return (range.lowerBound, found)
        }
        func weigh(_ batch: Found) {
            for (k, f) in batch.found.enumerated() {
                var v: [MatchVerdict] = []
                for c in f.candidates where mayDecide(f.profile, c.profile) {
                    let verdict = compare(f.profile, c.profile)
                    if verdict.outcome != .different { v.append(verdict) }
                }
                verdicts.set(batch.first + k, sorted(v))
            }
        }
        let batch = 32
        var pending: Found? = nil
        var start = 0
        while start < subjects.count {
            let range = start..<min(subjects.count, start + batch)
            if let waiting = pending {
                var next: Found? = nil
                ParallelMap.both(workers: workers, { next = find(range) }, { weigh(waiting) })
                pending = next
            } else {
                pending = find(range)
            }
            start = range.upperBound
        }
        if let last = pending { weigh(last) }
        return zip(subjects, verdicts.all()).map { SubmissionMatch(subject: $0, verdicts: $1) }
    }
}

/// Each subject's verdicts, written by whichever thread weighed its batch (each slot once, by one thread) and read
/// when every batch is done.
private final class WeighedVerdicts: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[MatchVerdict]]

    init(count: Int) { slots = [[MatchVerdict]](repeating: [], count: count) }

    func set(_ i: Int, _ v: [MatchVerdict]) { lock.withLock { slots[i] = v } }

    func all() -> [[MatchVerdict]] { lock.withLock { slots } }
}
