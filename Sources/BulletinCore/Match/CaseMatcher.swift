import Foundation

/// Decides whether a submission is an achievement already known: title containment finds candidates, the other
/// fields decide (summary overlap, unit, mobile, months), and hard tokens that disagree veto a merge.
///
/// Outcomes (docs/matching.md):
/// - `.same` only when near-certain and nothing vetoes: the same normalised title from the same unit, or the same
///   normalised title (so the same title tokens) with summaries overlapping at least `sameSummary`; in both cases
///   within the month window.
/// - `.probable` when no veto and the evidence adds up to at least `probableScore`.
/// - `.different` otherwise, and always when the titles hold different hard tokens of one family
///   (300MW / 600MW, 川农优498 / 川农优528, 变速 / 定速, two standard numbers, two model codes).
///   A token only one title holds does not veto; it cannot make `.same` then, and when the other's summary names
///   a different token of that family it weighs against.
public struct CaseMatcher: Sendable {
    /// The settings.
    public let settings: MatchSettings

    /// A matcher with the given settings.
    public init(settings: MatchSettings = MatchSettings()) {
        self.settings = settings
    }

    // MARK: - Entry points

    /// Verdicts on a subject against each candidate, best first (same, then probable, then different; higher
    /// score first within each).
    public func match(_ subject: MatchSubject, candidates: [MatchSubject]) -> [MatchVerdict] {
        let p = MatchProfile(subject, settings: settings)
        return sorted(candidates.filter { $0.id != subject.id }.map { compare(p, MatchProfile($0, settings: settings)) })
    }

    /// Verdicts on a subject against the candidates the index finds, best first.
    public func match(_ subject: MatchSubject, in index: MatchIndex) -> [MatchVerdict] {
        match(MatchProfile(subject, settings: settings), in: index)
    }

    /// Verdicts on a prepared subject against the candidates the index finds, best first.
    public func match(_ profile: MatchProfile, in index: MatchIndex) -> [MatchVerdict] {
        sorted(index.candidates(for: profile).map { compare(profile, $0.profile) })
    }

    /// The verdict on one pair.
    public func compare(_ a: MatchSubject, _ b: MatchSubject) -> MatchVerdict {
        compare(MatchProfile(a, settings: settings), MatchProfile(b, settings: settings))
    }

    /// A night's submissions, in order, each matched against the index and then added to it, so that a later
    /// submission of the night also meets an earlier one. Returns each submission's verdicts (all candidates
    /// compared, best first).
    public func matchNight(_ subjects: [MatchSubject], into index: inout MatchIndex) -> [SubmissionMatch] {
        var out: [SubmissionMatch] = []
        out.reserveCapacity(subjects.count)
        for s in subjects {
            let p = MatchProfile(s, settings: index.settings)
            out.append(SubmissionMatch(subject: s, verdicts: match(p, in: index)))
            index.add(p)
        }
        return out
    }

    func sorted(_ v: [MatchVerdict]) -> [MatchVerdict] {
        v.sorted { $0.outcome != $1.outcome ? $0.outcome < $1.outcome : $0.score != $1.score ? $0.score > $1.score : $0.otherID < $1.otherID }
    }

    // MARK: - The comparison

    /// The verdict on two prepared subjects.
    public func compare(_ a: MatchProfile, _ b: MatchProfile) -> MatchVerdict {
        let w = settings.weights
        var ev: [MatchEvidence] = []

        // Title.
        let sameTitle = !a.titleKey.isEmpty && a.sameTitleKey(b)
        if sameTitle {
            ev.append(MatchEvidence(field: .title, weight: w.titleSame, note: "归一化后相同 same normalised title"))
        } else {
            let n = MatchText.shared(a.titleGrams, b.titleGrams), m = min(a.titleGrams.count, b.titleGrams.count)
            let c = m == 0 ? 0 : Double(n) / Double(m)
            let wt = clamp(w.titleSlope * (c - w.titlePivot), -w.titleFloor, w.titleCap)
            ev.append(MatchEvidence(field: .title, weight: wt, note: "包含度 containment \(f2(c)) (\(n)/\(m) \(settings.titleGram)-grams)"))
        }
        // Each title in the other's summary: a second sender rewords the title but tells of the same thing.
        if !sameTitle {
            let ab = share(a.titleGrams, in: b.summaryTitleGrams), ba = share(b.titleGrams, in: a.summaryTitleGrams)
            let cross = max(ab, ba)
            let wt = clamp(w.crossSlope * (cross - w.crossPivot), -w.crossFloor, w.crossCap)
            ev.append(MatchEvidence(field: .title, weight: wt, note: "名称见于对方简介 title found in the other's summary \(f2(cross))"))
        }
        let template = sameTitle ? nil : Self.template(a, b)
        if let (x, y) = template {
            ev.append(MatchEvidence(field: .title, weight: w.titleTemplate, note: "同一句式、对象不同 one template, another subject: \(x) / \(y)"))
        }

        // Summary.
        let summaryOverlap: Double
        if a.summaryGrams.isEmpty || b.summaryGrams.isEmpty {
            summaryOverlap = 0
            ev.append(MatchEvidence(field: .summary, weight: 0, note: "一方为空 one side empty"))
        } else {
            let n = MatchText.shared(a.summaryGrams, b.summaryGrams), m = min(a.summaryGrams.count, b.summaryGrams.count)
            summaryOverlap = Double(n) / Double(m)
            let wt = clamp(w.summarySlope * (summaryOverlap - w.summaryPivot), -w.summaryFloor, w.summaryCap)
            ev.append(MatchEvidence(field: .summary, weight: wt, note: "重合度 overlap \(f2(summaryOverlap)) (\(n)/\(m) \(settings.summaryGram)-grams)"))
        }

        // Figures of the summaries.
        let figures = a.figures.intersection(b.figures)
        if !figures.isEmpty {
            let counted = min(figures.count, 2)
            ev.append(MatchEvidence(field: .summary, weight: Double(counted) * w.figureShared,
                                    note: "数字一致 same figures: \(figures.sorted().prefix(4).joined(separator: "、"))"))
        }

        // Submitting unit.
        let forwarded = a.forwards || b.forwards
        var sameUnit = false
        if !a.submitterKey.isEmpty && !b.submitterKey.isEmpty {
            if a.sameSubmitter(b) {
                sameUnit = true
                ev.append(MatchEvidence(field: .submitter, weight: w.submitterSame, note: "相同 same unit \(a.subject.submitter)"))
            } else if forwarded {
                let (fw, other) = a.forwards ? (a, b) : (b, a)
                let named = !other.forwards && other.submitterAliases.contains { fw.textKey.holds($0) }
                if named {
                    ev.append(MatchEvidence(field: .submitter, weight: w.submitterNamed,
                                            note: "\(fw.subject.submitter) 转报并提及 forwards and names \(other.subject.submitter)"))
                } else {
                    ev.append(MatchEvidence(field: .submitter, weight: 0,
                                            note: "\(fw.subject.submitter) 为收集或转报单位 collects or forwards (neutral)"))
                }
            } else if a.submitterCoreLong && b.submitterCoreLong
                        && (a.submitterCore.holds(b.submitterCore) || b.submitterCore.holds(a.submitterCore)) {
                ev.append(MatchEvidence(field: .submitter, weight: w.submitterSame / 2,
                                        note: "上下级单位 parent and part: \(a.subject.submitter) / \(b.subject.submitter)"))
            } else if a.submitterAliases.contains(where: { b.textKey.holds($0) }) || b.submitterAliases.contains(where: { a.textKey.holds($0) }) {
                // Co-completers: one side's text names the other unit (西南交通大学联合中车…).
                ev.append(MatchEvidence(field: .submitter, weight: 0,
                                        note: "不同但相互提及 different units, one names the other: \(a.subject.submitter) / \(b.subject.submitter)"))
            } else {
                ev.append(MatchEvidence(field: .submitter, weight: w.submitterDifferent,
                                        note: "不同 different: \(a.subject.submitter) / \(b.subject.submitter)"))
            }
        }

        // Mobile.
        let sameMobile = a.mobileWhole && a.mobile == b.mobile
        if sameMobile {
            ev.append(MatchEvidence(field: .mobile, weight: w.mobileSame, note: "相同 same \(masked(a.mobile))"))
        } else if a.mobileWhole && b.mobileWhole {
            ev.append(MatchEvidence(field: .mobile, weight: forwarded ? 0 : w.mobileDifferent,
                                    note: forwarded ? "不同（转报）different, forwarded (neutral)" : "不同 different"))
        }

        // Supervisor.
        if !a.supervisorKey.isEmpty && !b.supervisorKey.isEmpty {
            if a.sameSupervisor(b) {
                ev.append(MatchEvidence(field: .supervisor, weight: w.supervisorSame, note: "相同 same \(a.subject.supervisor)"))
            } else if !forwarded {
                ev.append(MatchEvidence(field: .supervisor, weight: w.supervisorDifferent,
                                        note: "不同 different: \(a.subject.supervisor) / \(b.subject.supervisor)"))
            }
        }

        // Months.
        let months = abs(a.subject.monthNumber - b.subject.monthNumber)
        if months <= 1 {
            ev.append(MatchEvidence(field: .period, weight: w.monthsNear, note: months == 0 ? "同月 same month" : "相邻月份 next month"))
        } else if months > settings.monthWindow {
            ev.append(MatchEvidence(field: .period, weight: w.monthsFar, note: "相隔 \(months) 个月 months apart, beyond \(settings.monthWindow)"))
        } else {
            ev.append(MatchEvidence(field: .period, weight: 0, note: "相隔 \(months) 个月 months apart"))
        }

        // Hard tokens.
        let tokens = compareTokens(a, b)
        ev.append(contentsOf: tokens.evidence)

        // Approved case.
        if b.subject.approved {
            ev.append(MatchEvidence(field: .approved, weight: 0, note: "对方已入审定通报 the other case is in an approved bulletin: never merged silently"))
        }

        let score = ev.reduce(0) { $0 + $1.weight }
        let outcome: MatchOutcome
        let reason: String
        if !tokens.vetoes.isEmpty {
            outcome = .different
            reason = "硬信息冲突 hard tokens disagree"
        } else if sameTitle && sameUnit && months <= settings.monthWindow {
            outcome = .same
            reason = "同名同单位 same normalised title and unit"
        } else if sameTitle && !tokens.unconfirmed && summaryOverlap >= settings.sameSummary && months <= settings.monthWindow {
            outcome = .same
            reason = "同名、硬信息一致、简介高度重合 same title and hard tokens, summary overlap \(f2(summaryOverlap))"
        } else if score >= settings.probableScore {
            outcome = .probable
            reason = "总分达到 score reaches \(f2(settings.probableScore)); 需人工确认 a person confirms"
        } else {
            outcome = .different
            reason = "总分不足 score below \(f2(settings.probableScore))"
        }
        return MatchVerdict(subjectID: a.subject.id, otherID: b.subject.id, otherTitle: b.subject.title,
                            outcome: outcome, score: (score * 100).rounded() / 100,
                            reason: reason + (outcome == .same && b.subject.approved ? "; 已审定，交重大处确认 flagged for 重大处" : ""),
                            evidence: ev, vetoes: tokens.vetoes, otherApproved: b.subject.approved)
    }

    // MARK: - Hard tokens

    struct TokenComparison {
        var evidence: [MatchEvidence] = []
        var vetoes: [MatchVeto] = []
        /// A title token the other side does not confirm, or contradicts in its summary.
        var unconfirmed = false
    }

    /// `noFamilyVeto`: the caller knows `familyVetoes(a, b)` is empty (`scoreBound` has looked with
    /// `hasFamilyVeto`), so it is not listed again.
    func compareTokens(_ a: MatchProfile, _ b: MatchProfile, noFamilyVeto: Bool = false) -> TokenComparison {
        var r = TokenComparison()
        // Every step below starts from a title token of one side: with none on either side there is nothing to say.
        if a.titleTokens.isEmpty && b.titleTokens.isEmpty { return r }
        if !noFamilyVeto { r.vetoes = familyVetoes(a, b) }
        // A variety named by number on one side and by another name on the other: 川康优6308 / 川康优丝苗.
        for (x, y, flip) in [(a, b, false), (b, a, true)] {
            for t in x.titleTokens where t.kind == .variety {
                let stem = String(t.family.dropFirst("variety:".count))
                guard let other = y.nameAfter(stem), !other.isEmpty, !t.value.hasSuffix(other) else { continue }
                let theirs = [stem + other]
                r.vetoes.append(MatchVeto(kind: .variety, mine: flip ? theirs : [t.value], theirs: flip ? [t.value] : theirs))
            }
        }
        if !r.vetoes.isEmpty { return r }

        var shared = Set<String>()
        for (x, y) in [(a, b), (b, a)] {
            let yFamilies = y.tokenFamilies
            for t in x.titleTokens where t.kind != .contrast {
                let theirs = yFamilies[t.family, default: []]
                if theirs.contains(where: { $0.value == t.value }) || y.textKey.holds(MatchText.key(t.value)) {
                    shared.insert(t.value)
                } else if !theirs.isEmpty && !y.titleTokens.contains(where: { $0.family == t.family }) {
                    r.unconfirmed = true
                    r.evidence.append(MatchEvidence(field: .hardToken, weight: settings.weights.hardTokenContradicted,
                                                    note: "\(t.value) 对方简介为 the other's summary has \(theirs.map(\.value).sorted().prefix(3).joined(separator: "、"))"))
                } else if !y.titleTokens.contains(where: { $0.family == t.family }) {
                    r.unconfirmed = true
                }
            }
        }
        if !shared.isEmpty {
            let counted = min(shared.count, 2)
            r.evidence.append(MatchEvidence(field: .hardToken, weight: Double(counted) * settings.weights.hardTokenShared,
                                            note: "一致 agree: \(shared.sorted().joined(separator: "、"))"))
        }
        return r
    }

    /// The vetoes of title tokens of one family: a veto needs a token on each side, of one family, that the other
    /// side does not hold. The first of `compareTokens`' vetoes, and the cheap one (no search of the titles).
    func familyVetoes(_ a: MatchProfile, _ b: MatchProfile) -> [MatchVeto] {
        var vetoes: [MatchVeto] = []
        let fa = a.titleFamilies, fb = b.titleFamilies
        for family in fa.keys.filter({ fb[$0] != nil }).sorted() {
            let ua = unmatched(fa[family, default: []], in: b), ub = unmatched(fb[family, default: []], in: a)
            if !ua.isEmpty && !ub.isEmpty, let kind = fa[family]?.first?.kind {
                vetoes.append(MatchVeto(kind: kind, mine: ua, theirs: ub))
            }
        }
        return vetoes
    }

    /// Whether `familyVetoes(a, b)` is not empty, without listing and sorting the families.
    /// Families and tokens are compared by their hashes kept in the profiles first (`titleFamilyList`), then
    /// by `==`: the answers of the dictionary lookup and the set's `contains`, without hashing a string.
    func hasFamilyVeto(_ a: MatchProfile, _ b: MatchProfile) -> Bool {
        for x in a.titleFamilyList {
            for y in b.titleFamilyList where y.hash == x.hash && y.family == x.family {
                if x.tokens.indices.contains(where: { isUnmatched(x.tokens[$0], hash: x.hashes[$0], in: b) })
                    && y.tokens.indices.contains(where: { isUnmatched(y.tokens[$0], hash: y.hashes[$0], in: a) }) { return true }
            }
        }
        return false
    }

    /// Values of tokens the other side does not hold. Codes (acronyms among them) count as held when the other's
    /// summary names them (a target such as TROP2 in one title, the drug's code SKB264 in the other); every
    /// other kind must be in the other's title: a 600MW unit's summary may well mention the 300MW one.
    func unmatched(_ tokens: [HardToken], in other: MatchProfile) -> [String] {
        tokens.filter { isUnmatched($0, in: other) }.map(\.value).sorted()
    }

    /// `isUnmatched(t, in: other)`, given `t.hashValue` (the title's tokens are looked for by it).
    func isUnmatched(_ t: HardToken, hash: Int, in other: MatchProfile) -> Bool {
        switch t.kind {
        case .contrast:
            return !other.titleKey.holds(t.value)
        case .code:
            return !other.holdsTitleToken(t, hash: hash) && !other.summaryTokens.contains(t) && !other.textKey.holds(MatchText.key(t.value))
        default:
            return !other.holdsTitleToken(t, hash: hash)
        }
    }

    /// Whether the other side does not hold the token (`unmatched`'s test).
    func isUnmatched(_ t: HardToken, in other: MatchProfile) -> Bool {
        switch t.kind {
        case .contrast:
            return !other.titleKey.holds(t.value)
        case .code:
            return !other.titleTokens.contains(t) && !other.summaryTokens.contains(t) && !other.textKey.holds(MatchText.key(t.value))
        default:
            return !other.titleTokens.contains(t)
        }
    }

    /// The share of `grams` found in `other`.
    func share(_ grams: [UInt64], in other: [UInt64]) -> Double {
        grams.isEmpty ? 0 : Double(MatchText.shared(grams, other)) / Double(grams.count)
    }

    // MARK: - Formatting

    func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double { min(hi, max(lo, v)) }
    func f2(_ v: Double) -> String { MatchFormat.fixed2(v) }
    func masked(_ m: String) -> String { m.count == 11 ? String(m.prefix(3)) + "****" + String(m.suffix(4)) : m }
}

/// What the match step concludes for one submission: every candidate's verdict, best first.
public struct SubmissionMatch: Sendable, Codable, Equatable {
    /// The submission.
    public var subject: MatchSubject
    /// Verdicts on every candidate compared, same first, then probable, then different; higher score first.
    public var verdicts: [MatchVerdict]

    /// Creates a result.
    public init(subject: MatchSubject, verdicts: [MatchVerdict]) {
        self.subject = subject
        self.verdicts = verdicts
    }

    /// The case to attach the submission to as a sighting (the best `.same` verdict), if any.
    public var sameAs: MatchVerdict? { verdicts.first { $0.outcome == .same } }

    /// Ids of the cases it probably duplicates (疑似重复), best first; empty when it is attached.
    public var possibleDuplicates: [String] {
        sameAs == nil ? verdicts.filter { $0.outcome == .probable }.map(\.otherID) : []
    }
}
