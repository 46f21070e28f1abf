import Foundation

/// Reads a case's stored JSON (`caseRecord.json`) as `LibraryJSON` writes it, without `JSONDecoder`: a nightly run
/// reads last month's waiting cases back, and decoding them through `JSONDecoder` (about 1.4 million instructions a
/// case, most of them in the reasons behind the labels) was a tenth of the thirteenth month of the nightly benchmark.
///
/// It reads only the form the writer writes: one object, no white space, every key in the writer's order (the
/// byte order of the keys) and the optional ones (`amountWanYuan`, `confidence`, `inferred`) present or not, the
/// fields' names known and in byte order, strings with the escapes a JSON writer writes (`\/` in every
/// `GB/T`), numbers whose text is the writer's for the value read (`PlainJSONNumbers.double`), dates and months
/// that `CalendarDate` and `BulletinPeriod` read. Anything else (another writer's spacing or order, a key of an
/// older record left out, a key it does not know) gives nil, and the caller decodes with `JSONDecoder` as
/// before, so a record it cannot read fails with `JSONDecoder`'s own error. What it gives is what `JSONDecoder`
/// gives (`StoredRecordReaderTests`).
enum StoredRecordReader {
    /// The case, or nil when the bytes are not of the writer's form.
    static func record(_ bytes: UnsafeRawBufferPointer, numbers: LibraryJSON.Writer) -> CaseRecord? {
        var r = Reader(bytes: bytes, numbers: numbers)
        return r.record()
    }

    /// The field of each raw value the library writes.
    private static let fieldsByName: [String: Field] = Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0.rawValue, $0) })

    private struct Reader: PlainJSONNumbers {
        let bytes: UnsafeRawBufferPointer
        var at = 0
        let numbers: LibraryJSON.Writer

        init(bytes: UnsafeRawBufferPointer, numbers: LibraryJSON.Writer) {
            self.bytes = bytes
            self.numbers = numbers
        }

        /// Keys in byte order: assessment, classified, fields, id, period, received, sourceFile, sourceIndex,
        /// sourceSHA256, titleKey.
        mutating func record() -> CaseRecord? {
            guard take(0x7B), key("assessment", first: true), let assessment = assessment(),
                  key("classified"), let classified = bool(),
                  key("fields"), let fields = fields(),
                  key("id"), let id = escapedString(),
                  key("period"), let periodText = escapedString(), let period = BulletinPeriod(periodText),
                  key("received"), let receivedText = escapedString(), let received = CalendarDate(receivedText),
                  key("sourceFile"), let sourceFile = escapedString(),
                  key("sourceIndex"), let sourceIndex = integer(),
                  key("sourceSHA256"), let sourceSHA256 = escapedString(),
                  key("titleKey"), let titleKey = escapedString(),
                  take(0x7D), at == bytes.count else { return nil }
            return CaseRecord(id: id, titleKey: titleKey, fields: fields, classified: classified, assessment: assessment, period: period,
                              sourceFile: sourceFile, sourceIndex: sourceIndex, sourceSHA256: sourceSHA256, received: received)
        }

        /// The form's values by field name, the names in byte order, each a known field.
        mutating func fields() -> [Field: String]? {
            var out: [Field: String] = [:]
            let whole = object { r, name in
                guard let field = StoredRecordReader.fieldsByName[name], let value = r.escapedString() else { return false }
                out[field] = value
                return true
            }
            return whole ? out : nil
        }

        /// Keys in byte order: amountWanYuan?, category, confidence?, eligible, flags, industry, inferred?, level,
        /// needsReview, reasons, reviewReasons, score, subtype.
        mutating func assessment() -> Assessment? {
            guard take(0x7B) else { return nil }
            var amount: Double?
            var first = true
            if key("amountWanYuan", first: true) {
                guard let a = double() else { return nil }
                amount = a
                first = false
            }
            guard key("category", first: first), let category = escapedString() else { return nil }
            var confidence: LabelConfidence?
            if key("confidence") {
                guard take(0x7B), key("category", first: true), let c = double(), key("industry"), let i = double(),
                      key("level"), let l = double(), key("subtype"), let s = double(), take(0x7D) else { return nil }
                confidence = LabelConfidence(category: c, subtype: s, level: l, industry: i)
            }
            guard key("eligible"), let eligible = bool(),
                  key("flags"), let flags = strings(escapes: true),
                  key("industry"), let industry = escapedString() else { return nil }
            var inferred: InferredValues?
            if key("inferred") {
                guard take(0x7B), key("category", first: true), let c = escapedString(), key("industry"), let i = escapedString(),
                      key("level"), let l = escapedString(), key("subtype"), let s = escapedString(), take(0x7D) else { return nil }
                inferred = InferredValues(category: c, subtype: s, level: l, industry: i)
            }
            guard key("level"), let level = escapedString(),
                  key("needsReview"), let needsReview = bool(),
                  key("reasons"), let reasons = reasons(),
                  key("reviewReasons"), let reviewReasons = strings(escapes: true),
                  key("score"), let score = double(),
                  key("subtype"), let subtype = escapedString(),
                  take(0x7D) else { return nil }
            var a = Assessment(category: category, subtype: subtype, level: level, industry: industry, score: score, reasons: reasons,
                               flags: flags, eligible: eligible, inferred: inferred, amountWanYuan: amount)
            a.confidence = confidence
            a.needsReview = needsReview
            a.reviewReasons = reviewReasons
            return a
        }

        /// Each reason's keys in byte order: conclusion, field, matched, rule, weight.
        mutating func reasons() -> [Reason]? {
            guard take(0x5B) else { return nil }
            var out: [Reason] = []
            if take(0x5D) { return out }
            repeat {
                guard take(0x7B), key("conclusion", first: true), let conclusion = escapedString(),
                      key("field"), let field = escapedString(),
                      key("matched"), let matched = escapedString(),
                      key("rule"), let rule = escapedString(),
                      key("weight"), let weight = double(),
                      take(0x7D) else { return nil }
                out.append(Reason(rule: rule, field: field, matched: matched, weight: weight, conclusion: conclusion))
            } while take(0x2C)
            return take(0x5D) ? out : nil
        }
    }
}
