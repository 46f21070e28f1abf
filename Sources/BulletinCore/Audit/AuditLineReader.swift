import Foundation

/// Reads an input record's log line in the plain form `AuditLine` writes, without `JSONDecoder`: reading the log
/// back (`bulletin verify`, and the run's own check at its end) decoded a big file's line of one link per case
/// through it, two thirds of verifying a 2,000-row run (store9). It reads only the plainest form: one object, no
/// white space, keys in the byte order the writer sorts them, each known and at most once, strings without a
/// backslash or control character and valid UTF-8, whole numbers without a leading zero, a score only when the
/// library's writer writes that very text for the number read, `schema` 1 or 2, `type` "input". Anything else (an
/// escape, another key, spacing, another record type) gives nil, and the caller decodes with `JSONDecoder` as
/// before, so an error is its own. What it gives is what `JSONDecoder` gives (`AuditLineReaderTests`). Output lines,
/// which `JSONEncoder` writes, are read in that writer's form (`output(_:)`, below).
enum AuditLineReader {
    /// The chained input record of a line, or nil when the bytes are not of the plain form.
    static func input(_ bytes: UnsafeRawBufferPointer) -> ChainedRecord? {
        var r = Reader(bytes: bytes)
        return r.line()
    }

    /// The chained output record of a line as `AuditLog.encode` writes it (`JSONEncoder`, sorted keys, slashes
    /// not escaped; its strings may hold the other escapes), or nil when the bytes are not of that form. A run
    /// writes a hundred of them (one per sheet, document and list, naming their cases), and the run's own check
    /// of the outbox reads every run's: decoding them through `JSONDecoder` was a twentieth of a nightly run at
    /// the thirteenth month.
    static func output(_ bytes: UnsafeRawBufferPointer) -> ChainedRecord? {
        var r = Reader(bytes: bytes)
        return r.outputLine()
    }

    private struct Reader: PlainJSONNumbers {
        let bytes: UnsafeRawBufferPointer
        var at = 0
        /// Writes a score read back, to check that its text is the writer's (then every JSON reader reads the same
        /// number from it: the shortest text that reads back as the number).
        var numbers = LibraryJSON.Writer()

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func link() -> AuditRecord.CaseLink? {
            guard take(0x7B),
                  key("caseId", first: true), let caseId = string(),
                  key("category"), let category = string(),
                  key("classified"), let classified = bool(),
                  key("index"), let index = integer(),
                  key("level"), let level = string(),
                  key("location"), let location = string(),
                  key("score"), let score = double(),
                  key("status"), let status = string(),
                  take(0x7D) else { return nil }
            return AuditRecord.CaseLink(index: index, location: location, caseId: caseId, status: status, category: category,
                                        level: level, score: score, classified: classified)
        }

        /// Keys in byte order: cases, kind, notes (absent in older logs), path, prev, schema, seq, sha256, type.
        mutating func outputLine() -> ChainedRecord? {
            guard take(0x7B), key("cases", first: true), let cases = strings(escapes: true),
                  key("kind"), let kind = escapedString() else { return nil }
            var notes: [String] = []
            if key("notes") {
                guard let n = strings(escapes: true) else { return nil }
                notes = n
            }
            guard key("path"), let path = escapedString() else { return nil }
            var prev: String?
            if key("prev") {
                guard let s = escapedString() else { return nil }
                prev = s
            }
            guard key("schema"), let schema = integer(), (1...AuditRecord.schema).contains(schema) else { return nil }
            var seq: Int?
            if key("seq") {
                guard let n = integer() else { return nil }
                seq = n
            }
            guard key("sha256"), let sha256 = escapedString(), key("type"), take("\"output\""), take(0x7D),
                  at == bytes.count else { return nil }
            let r = AuditRecord.OutputRecord(path: path, sha256: sha256, kind: kind, cases: cases, notes: notes)
            return ChainedRecord(seq: seq, prev: prev, record: .output(r))
        }

        /// Keys in byte order: cases, movedTo, name, notMovedTo, outcome, prev, reasons, schema, seq, sha256, size, type.
        mutating func line() -> ChainedRecord? {
            guard take(0x7B), key("cases", first: true), take(0x5B) else { return nil }
            var cases: [AuditRecord.CaseLink] = []
            if !take(0x5D) {
                repeat {
                    guard let l = link() else { return nil }
                    cases.append(l)
                } while take(0x2C)
                guard take(0x5D) else { return nil }
            }
            guard key("movedTo"), let movedTo = string(), key("name"), let name = string() else { return nil }
            var notMovedTo: String?
            if key("notMovedTo") {
                guard let s = string() else { return nil }
                notMovedTo = s
            }
            guard key("outcome"), let outcome = string() else { return nil }
            var prev: String?
            if key("prev") {
                guard let s = string() else { return nil }
                prev = s
            }
            guard key("reasons"), let reasons = strings(), key("schema"), let schema = integer(), (1...AuditRecord.schema).contains(schema) else { return nil }
            var seq: Int?
            if key("seq") {
                guard let n = integer() else { return nil }
                seq = n
            }
            guard key("sha256"), let sha256 = string(), key("size"), let size = integer(), key("type"), take("\"input\""), take(0x7D),
                  at == bytes.count else { return nil }
            var r = AuditRecord.InputRecord(name: name, sha256: sha256, size: size, outcome: outcome, movedTo: movedTo, cases: cases, reasons: reasons)
            r.notMovedTo = notMovedTo
            return ChainedRecord(seq: seq, prev: prev, record: .input(r))
        }
    }
}
