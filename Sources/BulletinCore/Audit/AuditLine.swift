import Foundation

/// The log line of an input record written directly (store6): byte for byte what `AuditLog.encode`'s
/// `JSONEncoder` (sorted keys, slashes not escaped) writes for a `ChainedRecord` of an `.input` record, without
/// boxing each of a big file's case links (20,000 at 20,000 rows: 6% of the store stage). Built on the library's
/// writer (`LibraryJSON.Writer`, Foundation's rules), with `/` left as it is. `AuditLineTests` holds it to
/// `JSONEncoder`'s bytes on records of hostile strings and numbers, and checks that it names every stored
/// property of the input record and the case link.
enum AuditLine {
    /// The line's bytes (no line end), nil when a score is not finite (then `JSONEncoder` decides: it throws).
    static func input(_ r: AuditRecord.InputRecord, seq: Int?, prev: String?) -> [UInt8]? {
        var w = LibraryJSON.Writer()
        w.escapesSlash = false
        w.reserve(256 + 200 * r.cases.count)
        // Keys in byte order: cases, movedTo, name, notMovedTo, outcome, prev, reasons, schema, seq, sha256, size, type.
        w.object { w in
            w.key("cases")
            w.array(r.cases) { w, c in
                w.object { w in
                    w.key("caseId"); w.string(c.caseId)
                    w.key("category"); w.string(c.category)
                    w.key("classified"); w.bool(c.classified)
                    w.key("index"); w.number(c.index)
                    w.key("level"); w.string(c.level)
                    w.key("location"); w.string(c.location)
                    w.key("score"); w.number(c.score)
                    w.key("status"); w.string(c.status)
                }
            }
            w.key("movedTo"); w.string(r.movedTo)
            w.key("name"); w.string(r.name)
            if let n = r.notMovedTo { w.key("notMovedTo"); w.string(n) }
            w.key("outcome"); w.string(r.outcome)
            if let prev { w.key("prev"); w.string(prev) }
            w.key("reasons"); w.strings(r.reasons)
            w.key("schema"); w.number(AuditRecord.schema)
            if let seq { w.key("seq"); w.number(seq) }
            w.key("sha256"); w.string(r.sha256)
            w.key("size"); w.number(r.size)
            w.key("type"); w.string("input")
        }
        return w.finite ? w.bytes : nil
    }
}
