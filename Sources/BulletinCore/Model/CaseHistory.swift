import Foundation

/// Labels a reviewer set in place of the machine's (调整类别 / 调整技术水平 / 调整产业). Both are kept; the
/// adjusted one wins in every output.
public struct AdjustedLabels: Sendable, Codable, Equatable, Hashable {
    public var category: Category?
    public var level: Level?
    public var industry: Industry?

    /// Creates adjustments; nil leaves the machine's label.
    public init(category: Category? = nil, level: Level? = nil, industry: Industry? = nil) {
        self.category = category
        self.level = level
        self.industry = industry
    }

    /// Whether nothing is adjusted.
    public var isEmpty: Bool { category == nil && level == nil && industry == nil }

    /// `self` with every label `later` sets taken from `later`.
    public func overridden(by later: AdjustedLabels) -> AdjustedLabels {
        AdjustedLabels(category: later.category ?? category, level: later.level ?? level, industry: later.industry ?? industry)
    }
}

/// Where a change came from: the file (a returned sheet, an input file) and the row in it.
public struct EventSource: Sendable, Codable, Equatable, Hashable {
    /// The file's name as it arrived.
    public var file: String
    /// Its sha256.
    public var sha256: String
    /// Where in it: `sheet 初选 row 7`, `table 1`, `line 4`.
    public var location: String
    /// The review sheet's id, when the change came from a sheet.
    public var sheetId: String?

    /// Creates a source.
    public init(file: String, sha256: String, location: String, sheetId: String? = nil) {
        self.file = file
        self.sha256 = sha256
        self.location = location
        self.sheetId = sheetId
    }
}

/// One appended change to a case: its stage, its labels, or both. Nothing about a case is edited in place;
/// its current state is the fold of these records in order.
public struct CaseEvent: Sendable, Codable, Equatable {
    /// Position in the library's history (increasing, never reused).
    public var sequence: Int
    /// The case.
    public var caseId: String
    /// When (the run's date).
    public var date: CalendarDate
    /// The run that recorded it.
    public var runId: String
    /// The review step the decision was taken at (初选, 复选 …), or "" for the machine's own changes.
    public var step: String
    /// The stage before (nil when the case was created by this event).
    public var from: CaseStage?
    /// The stage after.
    public var to: CaseStage
    /// The decision word as the reviewer wrote it, normalised (通过, 不通过, 退回修改, 送咨询, 合并到 …), or "".
    public var decision: String
    /// Labels the reviewer adjusted, if any.
    public var labels: AdjustedLabels?
    /// 排序: the reviewer's order for the bulletin, if given.
    public var order: Int?
    /// Who: the reviewer's name (审核人), or "bulletin" for the machine.
    public var who: String
    /// Why: the reviewer's note (说明), or the machine's reason.
    public var why: String
    /// Where the change came from, nil for the machine's own changes.
    public var source: EventSource?

    /// Creates an event (the library assigns `sequence` when it is appended).
    public init(sequence: Int = 0, caseId: String, date: CalendarDate, runId: String, step: String = "", from: CaseStage?,
                to: CaseStage, decision: String = "", labels: AdjustedLabels? = nil, order: Int? = nil,
                who: String, why: String, source: EventSource? = nil) {
        self.sequence = sequence
        self.caseId = caseId
        self.date = date
        self.runId = runId
        self.step = step
        self.from = from
        self.to = to
        self.decision = decision
        self.labels = labels
        self.order = order
        self.who = who
        self.why = why
        self.source = source
    }
}

/// One submission that became or joined a case.
public struct Sighting: Sendable, Codable, Equatable {
    /// The case it belongs to.
    public var caseId: String
    /// The file's sha256.
    public var fileSHA256: String
    /// The file's name as it arrived.
    public var fileName: String
    /// 1-based position in the file.
    public var index: Int
    /// When it was received.
    public var received: CalendarDate
    /// How it came (nil: not recorded, for sightings older than schema v3).
    public var channel: Channel?
    /// Whether this submission was marked 涉密.
    public var classified: Bool
    /// The submitting unit as this sighting gave it.
    public var submitter: String
}

/// A case as it stands now: the machine's record, every sighting, and the history that gives its stage and
/// any adjusted labels.
public struct CaseState: Sendable, Equatable {
    /// The machine's record (fields and assessment as first scored).
    ///
    /// Kept in a shared box, copied only when a copy is changed: a state is copied wherever cases are grouped,
    /// sorted and filtered, and copying the record inline retained each of its strings and arrays, about two dozen
    /// (with their releases, ~2% of a 20,000-row run's samples, in selection, the snapshot and the sheets).
    public var record: CaseRecord {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = RecordBox(box.value) }
            yield &box.value
        }
    }
    private var box: RecordBox
    /// Every submission behind the case.
    public var sightings: [Sighting]
    /// Every change, oldest first.
    public var history: [CaseEvent]
    /// Cases the match step flagged as possibly the same achievement, not yet decided by a reviewer.
    public var possibleDuplicates: [String]

    /// Creates a state from its parts.
    public init(record: CaseRecord, sightings: [Sighting], history: [CaseEvent], possibleDuplicates: [String] = []) {
        self.box = RecordBox(record)
        self.sightings = sightings
        self.history = history
        self.possibleDuplicates = possibleDuplicates
    }

    /// The parts compared, as the synthesised `==` compared them before the box (the records by value even when
    /// one box is shared: a record holding NaN is not equal to itself, as before).
    public static func == (a: CaseState, b: CaseState) -> Bool {
        a.box.value == b.box.value && a.sightings == b.sightings && a.history == b.history && a.possibleDuplicates == b.possibleDuplicates
    }

    /// The case id.
    public var id: String { record.id }
    /// The current stage: the last event's.
    public var stage: CaseStage { history.last?.to ?? (classified ? .classified : .notSelected) }
    /// Classified wins: if any sighting was classified, the whole case is.
    public var classified: Bool { record.classified || sightings.contains(where: \.classified) }
    /// Every adjustment reviewers made, later ones winning.
    public var adjusted: AdjustedLabels {
        history.compactMap(\.labels).reduce(AdjustedLabels()) { $0.overridden(by: $1) }
    }
    /// The reviewer's latest 排序, if any.
    public var order: Int? { history.last(where: { $0.order != nil })?.order }
    /// The labels outputs show: adjusted where a reviewer adjusted, else the machine's.
    public var effectiveCategory: String { adjusted.category?.rawValue ?? record.assessment.category }
    public var effectiveLevel: String { adjusted.level?.rawValue ?? record.assessment.level }
    public var effectiveIndustry: String { adjusted.industry?.rawValue ?? record.assessment.industry }

    /// The record with adjusted labels applied: what documents print.
    public var effectiveRecord: CaseRecord {
        var r = record
        r.assessment.category = effectiveCategory
        r.assessment.level = effectiveLevel
        r.assessment.industry = effectiveIndustry
        r.classified = classified
        return r
    }

    /// Choices for the quarterly release and the annual list do not change a case: they are not in its version.
    static let listSteps = Set(ListSheet.allCases.map(\.rawValue))

    /// A short hash of what a reviewer saw: stage, labels, title, summary and the last event. A sheet row made
    /// from one version is stale once the case moves on.
    public var version: String {
        let parts = [id, stage.rawValue, record[.title], record[.summary], effectiveCategory, effectiveLevel, effectiveIndustry,
                     String(history.last(where: { !Self.listSteps.contains($0.step) })?.sequence ?? 0), String(sightings.count),
                     possibleDuplicates.joined(separator: ",")]
        return String(Hashing.sha256(Array(parts.joined(separator: "\u{1F}").utf8)).prefix(16))
    }
}

extension CaseState: CustomReflectable {
    /// The parts as before the box (record, sightings, history, possibleDuplicates): what `dump`, `print` and a failed
    /// test's message show.
    public var customMirror: Mirror {
        Mirror(self, children: ["record": record, "sightings": sightings, "history": history, "possibleDuplicates": possibleDuplicates],
               displayStyle: .struct)
    }
}

/// The box `CaseState` keeps its record in. Never shared while changed: `CaseState.record`'s `_modify` copies it
/// first unless the state holds the only reference, so a value copied from another never sees the other's changes.
private final class RecordBox: @unchecked Sendable {
    var value: CaseRecord
    init(_ value: CaseRecord) { self.value = value }
}
