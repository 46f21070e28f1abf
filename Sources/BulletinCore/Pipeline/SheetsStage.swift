import SystemFiles
import Foundation

/// Part of [9] render: the review sheets for every step that has cases waiting, under `outbox/review/`
/// (初选 one per 成果来源 division, 复选 one per month, 审定 one per bulletin issue), and the record of each
/// approved issue's final document. A classified case never reaches a sheet.
extension Pipeline {
    /// Writes the sheets one step and one bulletin month at a time: the cases waiting at a step are read from the
    /// library for one month, made into that month's sheets, written and let go, so the memory follows a month's
    /// cases however many wait. The sheets, their order and their records are those `ReviewSheetPlanner.sheets`
    /// makes from a snapshot of every waiting case. A sheet whose bytes are already in place is recorded as
    /// written (same path, bytes, cases and notes) without being written again.
    func writeReviewSheets(_ snapshot: LibrarySnapshot, _ selection: Selection, _ run: RunContext) throws -> [AuditRecord.OutputRecord] {
        let folder = run.paths.outbox.appendingPathComponent(config.outputs.reviewDir ?? "review")
        let planner = ReviewSheetPlanner(process: config.activeProcess)
        let waitingStages = Set(config.activeProcess.steps.map { CaseStage.waiting(for: $0.name) })
        let months = Set(snapshot.months)
        var outputs: [AuditRecord.OutputRecord] = []
        var written = Set<String>()
        func notes(_ sheetId: String, _ deadline: String) -> [String] {
            var notes = ["sheet id \(sheetId); deadline \(deadline)"]
            if let date = CalendarDate(deadline), date < run.today { notes.append("overdue: the deadline \(date) has passed") }
            return notes
        }
        @discardableResult
        func publish(_ sheets: [ReviewSheet], _ known: [String: CaseState]) throws -> [SheetMemo.Sheet] {
            var made: [SheetMemo.Sheet] = []
            // The sheets' bytes are made on every core at once; each is checked, recorded and published in turn.
            let built = ParallelMap.map(sheets, chunk: 1) { sheet in Result { try ReviewSheetWriter.bytes(sheet) } }
            for (sheet, bytes) in zip(sheets, built) {
                try sheet.requireNoClassified { row in (known[row.caseId] ?? snapshot.cases[row.caseId])?.classified ?? true }
                let bytes = try bytes.get()
                let url = folder.appendingPathComponent(sheet.fileName)
                written.insert(sheet.fileName)
                let notes = notes(sheet.sheetId, sheet.deadline)
                let kind = "review sheet \(sheet.stage)\(sheet.group.isEmpty ? "" : " " + sheet.group) \(sheet.period)"
                let cases = sheet.rows.map(\.caseId)
                let record = AuditRecord.OutputRecord(path: run.paths.relative(url), sha256: Hashing.sha256(bytes), kind: kind, cases: cases, notes: notes)
                if Self.holds(url, sha256: record.sha256) {
                    try run.audit.append(.output(record))
                    outputs.append(record)
                } else {
                    outputs.append(try run.audit.publish(bytes, to: url, kind: kind, cases: cases, notes: notes))
                }
                made.append(SheetMemo.Sheet(fileName: sheet.fileName, sha256: record.sha256, kind: kind, cases: cases, sheetId: sheet.sheetId, deadline: sheet.deadline))
            }
            return made
        }
        /// Records the sheets of a memo as written, when every one is still in place byte for byte.
        func replay(_ memo: SheetMemo) throws -> Bool {
            let urls = memo.sheets.map { folder.appendingPathComponent($0.fileName) }
            guard zip(memo.sheets, urls).allSatisfy({ Self.holds($1, sha256: $0.sha256) }) else { return false }
            for (sheet, url) in zip(memo.sheets, urls) {
                written.insert(sheet.fileName)
                let record = AuditRecord.OutputRecord(path: run.paths.relative(url), sha256: sheet.sha256, kind: sheet.kind, cases: sheet.cases,
                                                      notes: notes(sheet.sheetId, sheet.deadline))
                try run.audit.append(.output(record))
                outputs.append(record)
            }
            return true
        }
        // What a 疑似重复 cell shows of the cases it names, as the snapshot would know them (of its months, or
        // waiting at a step; else just the id): kept for the run as title and secrecy, so a case named from many
        // months is read once. Months go oldest first, and flags name earlier cases, so most are known already.
        var named: [String: DuplicateBrief] = [:]
        func sheets(_ step: ProcessConfig.ReviewStep, _ waiting: [CaseState]) throws -> [ReviewSheet] {
            for c in waiting { named[c.id] = DuplicateBrief(c) }
            let missing = Set(waiting.flatMap(\.possibleDuplicates)).filter { named[$0] == nil && snapshot.cases[$0] == nil }
            // Read as briefs (title, secrecy, month and stage from the columns and the `caseText` row), not decoded:
            // a month's flags name hundreds of cases of the year's other months, more as the library grows.
            for b in try run.library.briefs(ids: missing.sorted()) {
                named[b.id] = months.contains(b.period) || waitingStages.contains(b.stage) ? DuplicateBrief(b) : .unknown
            }
            for id in missing where named[id] == nil { named[id] = .unknown }
            return planner.sheets(for: step, waiting: waiting, selection: selection, corrections: snapshot.corrections) { id in
                snapshot.cases[id].map(DuplicateBrief.init) ?? named[id]
            }
        }
        for step in config.activeProcess.steps {
            let stage = CaseStage.waiting(for: step.name)
            if step.sheetsBy == .issue {
                let ids = selection.issues.filter(\.draft).flatMap { $0.entries.map(\.id) }
                let waiting = try run.library.states(ids: ids).filter { $0.stage == stage }
                try publish(try sheets(step, waiting), Dictionary(waiting.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
            } else {
                // A month's sheets depend on its waiting cases, on the cases their 疑似重复 cells name, on the step
                // and on the code that makes and writes them (the probe): when none of these changed since the
                // memo was kept and the sheets are in place, they are recorded as written, no case decoded. A case
                // a later month's cell names is then read when needed, and shown alike.
                let probe = try Self.sheetProbe(step, planner, selection)
                for period in try run.library.periods(atStage: stage) {
                    // A month the snapshot read whole gives its waiting cases from there, in the library's order
                    // (score, then id): nothing has changed a case since it was read (recording the selection
                    // writes issue numbers and lists, rendering writes documents), and reading a big month's
                    // cases again was a tenth of the step. Its facts (and the waiting cases' open flags) come
                    // from the same cases: reading them again was most of `sheetFacts`.
                    let whole = snapshot.wholeMonths.contains(period) ? snapshot.cases(of: period) : nil
                    let facts = try run.library.sheetFacts(stage: stage, period: period, months: months, waitingStages: waitingStages, cases: whole)
                    let dropped = step.approves == true && snapshot.corrections.contains(period)
                    let fingerprint = Hashing.sha256(Array("\(probe)\n\(dropped)\n\(facts)".utf8))
                    if let memo = try run.library.sheetMemo(step: step.name, period: period), memo.fingerprint == fingerprint, try replay(memo) {
                        continue
                    }
                    let waiting = try whole.map { $0.filter { $0.stage == stage } } ?? run.library.states(atStage: stage, period: period)
                    let made = try publish(try sheets(step, waiting), Dictionary(waiting.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
                    try run.library.recordSheetMemo(step: step.name, period: period, SheetMemo(fingerprint: fingerprint, sheets: made))
                }
            }
        }
        try publish(planner.corrections(snapshot) + planner.listSheets(snapshot), [:])
        // A sheet of an earlier run that no case waits on any more is moved aside, never deleted: a reviewer
        // may still hold a copy, and dropping that copy into the inbox is still judged row by row.
        let earlier = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in earlier.sorted() where name.hasSuffix(".xlsx") && !written.contains(name) {
            try run.audit.moveAside(folder.appendingPathComponent(name), into: folder.appendingPathComponent("superseded").appendingPathComponent(run.today.description),
                                    why: "no case waits on this sheet any more")
        }
        return outputs
    }

    /// The sha256 of a fixed sheet of the step, as the planner and writer of this binary make it: a sheet memo
    /// kept by a binary that made or wrote sheets otherwise does not match. (Sheets split by month or by 成果来源,
    /// which the selection does not change.)
    static func sheetProbe(_ step: ProcessConfig.ReviewStep, _ planner: ReviewSheetPlanner, _ selection: Selection) throws -> String {
        guard let period = BulletinPeriod(year: 2026, month: 1), let day = CalendarDate(year: 2026, month: 1, day: 20) else { return "" }
        let reasons = [Reason(rule: "categoryPhrases", field: "title", matched: "研制", weight: 4, conclusion: "「研制」指向成果类别「应用研究成果」"),
                       Reason(rule: "levelClaim", field: "summary", matched: "国内领先", weight: 6, conclusion: "技术水平「国内领先」")]
        let record = CaseRecord(id: "2026-01-0001", titleKey: "probe",
                                fields: [.title: "高精度光纤惯性测量单元研制", .submitter: "四川大学", .supervisor: "省教育厅", .source: "基础处",
                                         .summary: "研制出高精度光纤惯性测量单元，总体达到国内领先水平。", .mobile: "13800138000", .contact: "张伟"],
                                classified: false,
                                assessment: Assessment(category: "应用研究成果", subtype: "创新产品", level: "国内领先", industry: "装备制造", score: 12.5,
                                                       reasons: reasons, flags: ["需人工确认"]),
                                period: period, sourceFile: "probe.csv", sourceIndex: 1, sourceSHA256: "00", received: day)
        let sighting = Sighting(caseId: record.id, fileSHA256: "00", fileName: "probe.csv", index: 1, received: day, channel: .organised,
                                classified: false, submitter: "四川大学")
        let event = CaseEvent(sequence: 1, caseId: record.id, date: day, runId: "probe", from: nil, to: .waiting(for: step.name), who: "bulletin", why: "received")
        let probe = CaseState(record: record, sightings: [sighting], history: [event], possibleDuplicates: ["2026-01-0002", "2026-01-0003"])
        let brief: [String: DuplicateBrief] = ["2026-01-0002": .unknown]
        let sheets = planner.sheets(for: step, waiting: [probe], selection: selection, corrections: []) { brief[$0] }
        var text = ""
        for sheet in sheets { text += "\(sheet.fileName)\t\(Hashing.sha256(try ReviewSheetWriter.bytes(sheet)))\n" }
        return text
    }

    /// Whether the file at `url` already holds bytes with this sha256 (then rewriting it would change nothing).
    static func holds(_ url: URL, sha256: String) -> Bool {
        guard let bytes = try? FileOps.readOwnFile(url) else { return false }
        return Hashing.sha256(bytes) == sha256
    }

    /// Records where each approved issue's final document was written, the first time it is written.
    func recordFinalDocuments(_ selection: Selection, _ outputs: [AuditRecord.OutputRecord], _ run: RunContext) throws {
        for issue in selection.issues where !issue.draft {
            let suffix = issue.revision > 0 ? "-更正\(issue.revision)" : ""
            let name = "\(issue.period)-\(config.outputs.publication)-第\(issue.number)期\(suffix).docx"
            guard let out = outputs.first(where: { $0.path.hasSuffix("/" + name) }) else { continue }
            try run.library.recordDocument(kind: .bulletin, key: issue.period.description, revision: issue.revision, path: out.path, sha256: out.sha256)
        }
    }
}

/// Which sheets a run writes: a pure function of the snapshot and the selection.
public struct ReviewSheetPlanner: Sendable {
    let process: ProcessConfig

    /// Creates a planner for a profile's process.
    public init(process: ProcessConfig) { self.process = process }

    /// Every sheet to write, in a fixed order (step, month, group).
    public func sheets(_ snapshot: LibrarySnapshot, _ selection: Selection) -> [ReviewSheet] {
        var sheets: [ReviewSheet] = []
        for step in process.steps {
            let stage = CaseStage.waiting(for: step.name)
            sheets += self.sheets(for: step, waiting: snapshot.waiting.filter { $0.stage == stage }, selection: selection,
                                  corrections: snapshot.corrections) { id in
                (snapshot.cases[id] ?? snapshot.waiting.first { $0.id == id }).map(DuplicateBrief.init)
            }
        }
        return sheets + corrections(snapshot) + listSheets(snapshot)
    }

    /// The sheets of one step for cases waiting at it (all of them, or those of some months), in a fixed order
    /// (month, group); `lookup` finds what to show of a case a 疑似重复 cell names.
    public func sheets(for step: ProcessConfig.ReviewStep, waiting all: [CaseState], selection: Selection, corrections: [BulletinPeriod],
                       lookup: (String) -> DuplicateBrief?) -> [ReviewSheet] {
        let waiting = all.filter { !$0.classified }
        guard !waiting.isEmpty else { return [] }
        var groups: [(period: BulletinPeriod, group: String, cases: [CaseState])] = []
        switch step.sheetsBy {
        case .issue:
            for issue in selection.issues where issue.draft {
                let ids = issue.entries.map(\.id)
                let cases = ids.compactMap { id in waiting.first { $0.id == id } }
                if !cases.isEmpty { groups.append((issue.period, "第\(issue.number)期", cases)) }
            }
        case .month, .source:
            let byKey = Dictionary(grouping: waiting) { c in
                "\(c.record.period)\u{1F}\(step.sheetsBy == .source ? Self.division(c) : "")"
            }
            for key in byKey.keys.sorted() {
                let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                guard let period = BulletinPeriod(parts[0]), let cases = byKey[key] else { continue }
                groups.append((period, parts.count > 1 ? parts[1] : "", cases.sorted { ($0.record.assessment.score, $1.id) > ($1.record.assessment.score, $0.id) }))
            }
        }
        return groups.filter { step.approves != true || !corrections.contains($0.period) }.map { g in
            ReviewSheet(stage: step.name, group: g.group, period: g.period.description,
                        deadline: step.deadline.date(for: g.period).description,
                        vocabulary: ReviewSession.vocabulary(step), hasOrderColumn: step.order == true,
                        rows: g.cases.map { Self.row($0, duplicates: Self.duplicates(of: $0, lookup)) })
        }
    }

    /// A 更正 sheet for each approved issue someone asked to correct: the issue's cases prefilled 通过, the cases
    /// of that month left out at 审定 prefilled 不通过; a changed word changes the issue, as a new revision.
    func corrections(_ snapshot: LibrarySnapshot) -> [ReviewSheet] {
        guard let step = process.approvalStep else { return [] }
        return snapshot.corrections.compactMap { period -> ReviewSheet? in
            guard let approval = snapshot.approval(of: period) else { return nil }
            let inIssue = approval.caseIds.compactMap { snapshot.cases[$0] }
            let leftOut = snapshot.cases(of: period).filter { c in
                c.stage == .notSelected && !approval.caseIds.contains(c.id) && c.history.contains { $0.step == step.name }
            }
            let rows = (inIssue + leftOut).filter { !$0.classified }.map { c in
                var row = Self.row(c, duplicates: Self.duplicates(of: c, snapshot))
                let word = c.stage == .bulletined ? step.decisions.first { $0.to == CaseStage.bulletined.rawValue }?.word
                                                  : step.decisions.first { $0.to == CaseStage.notSelected.rawValue }?.word
                row.entry = ReviewerEntry(decision: word ?? "")
                return row
            }
            guard !rows.isEmpty else { return nil }
            return ReviewSheet(stage: step.name, group: "第\(period.month)期更正", period: period.description, deadline: snapshot.today.description,
                               vocabulary: ReviewSession.vocabulary(step), hasOrderColumn: false, rows: rows)
        }
    }

    /// The 成果来源 division that screens a case ("未填写成果来源" when the form left it empty).
    static func division(_ c: CaseState) -> String {
        let source = c.record[.source].trimmingWhitespacesAsFoundation
        return source.isEmpty ? "未填写成果来源" : source
    }

    /// The 疑似重复 cell: each possibly-same case's id and title. A classified case is never named.
    static func duplicates(of c: CaseState, _ snapshot: LibrarySnapshot) -> String {
        duplicates(of: c) { id in (snapshot.cases[id] ?? snapshot.waiting.first { $0.id == id }).map(DuplicateBrief.init) }
    }

    /// The 疑似重复 cell, with `lookup` finding what to show of the cases it names.
    static func duplicates(of c: CaseState, _ lookup: (String) -> DuplicateBrief?) -> String {
        c.possibleDuplicates.compactMap { id -> String? in
            guard let other = lookup(id), other.known else { return id }
            if other.classified { return nil }
            return "\(id)「\(other.title)」"
        }.joined(separator: "；")
    }

    /// A case as a sheet row: what it is, the machine's suggestions with a one-line reason each, its version.
    static func row(_ c: CaseState, duplicates: String = "") -> ReviewRow {
        let a = c.record.assessment
        // Whether each finding's conclusion is plain text, found once for the four suggestions' reasons, and only
        // for the findings searched for a plain value (most are passed over for their weight).
        var plain = [UInt8](repeating: 0, count: a.reasons.count)
        func reason(for value: String, _ a: Assessment) -> String { Self.reason(for: value, a, plainCache: &plain) }
        return ReviewRow(caseId: c.id, title: c.record[.title], submitter: c.record[.submitter], supervisor: c.record[.supervisor],
                         source: c.record[.source],
                         category: ReviewSuggestion(c.effectiveCategory, reason: reason(for: a.category, a)),
                         subtype: ReviewSuggestion(a.subtype, reason: reason(for: a.subtype, a)),
                         level: ReviewSuggestion(c.effectiveLevel, reason: a.level.isEmpty ? "未见技术水平表述" : reason(for: a.level, a)),
                         industry: ReviewSuggestion(c.effectiveIndustry, reason: reason(for: a.industry, a)),
                         score: a.score, scoreReason: scoreReason(a),
                         possibleDuplicates: duplicates, caseVersion: c.version)
    }

    /// The strongest finding that concludes `value`, in one line: `rule「words」: conclusion`.
    /// `plainConclusions`, when given, holds `isPlainForSearch` of each reason's conclusion, in order.
    static func reason(for value: String, _ a: Assessment, plainConclusions: [Bool]? = nil) -> String {
        var cache = plainConclusions.map { $0.map { $0 ? UInt8(1) : 2 } } ?? [UInt8](repeating: 0, count: a.reasons.count)
        return reason(for: value, a, plainCache: &cache)
    }

    /// `reason(for:_:plainConclusions:)` with `isPlainForSearch` of each reason's conclusion kept in `cache` (0 not yet
    /// known, 1 plain, 2 not), found when a search first needs it; the cache serves the row's four suggestions.
    static func reason(for value: String, _ a: Assessment, plainCache conclusions: inout [UInt8]) -> String {
        guard !value.isEmpty else { return "" }
        let plain = value.isPlainForSearch
        // The first of the heaviest findings that conclude it (as `max(by:)` of them picks), in one pass with no
        // array of findings copied: a sheet row asks four times.
        // Indices, not copies of the findings (a copy of a finding is five strings retained and released).
        // A finding no heavier than the one found cannot replace it, so its conclusion is not searched (the
        // weights are compared as before, only first: a search is most of the cost, and a row asks four times).
        let reasons = a.reasons
        var found: Int?
        for i in 0..<min(reasons.count, conclusions.count) {
            if let best = found, !(reasons[best].weight < reasons[i].weight) { continue }
            let conclusion = reasons[i].conclusion
            if plain && conclusions[i] == 0 { conclusions[i] = conclusion.isPlainForSearch ? 1 : 2 }
            guard plain && conclusions[i] == 1 ? conclusion.holds(value) : conclusion.contains(value) else { continue }
            found = i
        }
        guard let r = found.map({ reasons[$0] }) else { return a.flags.first { $0.containsAsFoundation(value, needleIsPlain: plain) } ?? "" }
        return r.matched.isEmpty ? r.conclusion : "「\(r.matched)」: \(r.conclusion)"
    }

    /// The three heaviest findings behind the score, by the words they found (findings on no words, such as
    /// the formula or completeness, are left to `explain`).
    static func scoreReason(_ a: Assessment) -> String {
        // The first three findings on words in the order the (stable) sort by weight, heaviest first, gave them:
        // each finding in turn goes before those it is heavier than and after the rest, and only three are kept
        // (no array of indices filtered and sorted, no strings made for findings left out).
        let reasons = a.reasons
        var top: [Int] = []
        top.reserveCapacity(4)
        for i in reasons.indices where !reasons[i].matched.isEmpty {
            let weight = reasons[i].weight
            var p = top.count
            while p > 0 && weight > reasons[top[p - 1]].weight { p -= 1 }
            guard p < 3 else { continue }
            top.insert(i, at: p)
            if top.count > 3 { top.removeLast() }
        }
        var text = ""
        for (k, i) in top.enumerated() {
            if k > 0 { text += "；" }
            text += "「"
            text += reasons[i].matched
            text += "」"
            text += reasons[i].conclusion
        }
        return text
    }
}

/// What a 疑似重复 cell shows of the case it names: its title, unless it is classified (then nothing); a case
/// not `known` is shown by its id alone.
public struct DuplicateBrief: Sendable, Equatable {
    /// 成果名称.
    public var title: String
    /// Whether the case is classified (涉密).
    public var classified: Bool
    /// Whether the case is known to the sheets (false: only its id is shown).
    public var known: Bool

    /// What a cell shows of a case.
    public init(_ c: CaseState) {
        title = c.record[.title]
        classified = c.classified
        known = true
    }

    /// What a cell shows of a case read as a brief: the same as of the decoded case (`CaseBrief` gives the record's
    /// title and `CaseState.classified`).
    init(_ b: CaseBrief) {
        title = b[.title]
        classified = b.classified
        known = true
    }

    private init() {
        title = ""
        classified = false
        known = false
    }

    /// A case the sheets do not know: shown by its id.
    public static let unknown = DuplicateBrief()
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, answered without Foundation when neither end is whitespace (a
    /// 成果来源 such as 基础处 is trimmed for every case of a sheet and every line of the outbox page): then
    /// trimming removes nothing. Whitespace is what `CharacterSet.whitespaces` holds (tab and the space
    /// separators); an end outside ASCII is looked up there.
    var trimmingWhitespacesAsFoundation: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            u.value < 0x80 ? u.value == 0x20 || u.value == 0x09 : CharacterSet.whitespaces.contains(u)
        }
        return isSpace(first) || isSpace(last) ? trimmingCharacters(in: .whitespaces) : self
    }
}
