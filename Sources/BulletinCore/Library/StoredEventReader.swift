import Foundation

/// Reads a history record's stored JSON (`caseEvent.json`) as `LibraryJSON` writes it, without `JSONDecoder`: reading a
/// night's cases back decoded one record a case through it, the largest part of the select stage at 20,000 rows
/// (score5). It reads only the plainest form: one object, no white space, keys sorted as the writer sorts them, each
/// known and at most once, strings without a backslash and valid UTF-8, whole numbers without a sign or leading zero
/// where the writer writes one, no `null`. Anything else (an escape, another key, another writer's spacing) gives nil,
/// and the caller decodes with `JSONDecoder` as before; so does a value `JSONDecoder` would refuse (a date that is not
/// one, an unknown label), so the error is its own. What it gives is what `JSONDecoder` gives (`SelectStageReadsTests`).
enum StoredEventReader {
    /// The record, or nil when the bytes are not of the plain form.
    static func event(_ bytes: UnsafeRawBufferPointer) -> CaseEvent? {
        var r = Reader(bytes: bytes)
        return r.event()
    }

    private struct Reader: PlainJSONScanning {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        mutating func event() -> CaseEvent? {
            var caseId: String?, date: CalendarDate?, runId: String?, step: String?, to: CaseStage?, decision: String?
            var who: String?, why: String?, sequence: Int?
            var from: CaseStage?, labels: AdjustedLabels?, order: Int?, source: EventSource?
            let whole = object { r, key in
                switch key {
                case "caseId":
                    guard let s = r.string() else { return false }
                    caseId = s
                case "date":
                    guard let text = r.string(), let d = CalendarDate(text) else { return false }
                    date = d
                case "decision":
                    guard let s = r.string() else { return false }
                    decision = s
                case "from":
                    guard let s = r.string() else { return false }
                    from = CaseStage(rawValue: s)
                case "labels":
                    guard let l = r.labels() else { return false }
                    labels = l
                case "order":
                    guard let o = r.integer() else { return false }
                    order = o
                case "runId":
                    guard let s = r.string() else { return false }
                    runId = s
                case "sequence":
                    guard let n = r.integer() else { return false }
                    sequence = n
                case "source":
                    guard let s = r.source() else { return false }
                    source = s
                case "step":
                    guard let s = r.string() else { return false }
                    step = s
                case "to":
                    guard let s = r.string() else { return false }
                    to = CaseStage(rawValue: s)
                case "who":
                    guard let s = r.string() else { return false }
                    who = s
                case "why":
                    guard let s = r.string() else { return false }
                    why = s
                default: return false
                }
                return true
            }
            guard whole, at == bytes.count, let caseId, let date, let runId, let step, let to, let decision, let who, let why,
                  let sequence else { return nil }
            return CaseEvent(sequence: sequence, caseId: caseId, date: date, runId: runId, step: step, from: from, to: to,
                             decision: decision, labels: labels, order: order, who: who, why: why, source: source)
        }

        mutating func labels() -> AdjustedLabels? {
            var out = AdjustedLabels()
            let whole = object { r, key in
                guard let s = r.string() else { return false }
                switch key {
                case "category":
                    guard let v = Category(rawValue: s) else { return false }
                    out.category = v
                case "industry":
                    guard let v = Industry(rawValue: s) else { return false }
                    out.industry = v
                case "level":
                    guard let v = Level(rawValue: s) else { return false }
                    out.level = v
                default: return false
                }
                return true
            }
            return whole ? out : nil
        }

        mutating func source() -> EventSource? {
            var file: String?, location: String?, sha256: String?, sheetId: String?
            let whole = object { r, key in
                guard let s = r.string() else { return false }
                switch key {
                case "file": file = s
                case "location": location = s
                case "sha256": sha256 = s
                case "sheetId": sheetId = s
                default: return false
                }
                return true
            }
            guard whole, let file, let location, let sha256 else { return nil }
            return EventSource(file: file, sha256: sha256, location: location, sheetId: sheetId)
        }
    }
}
