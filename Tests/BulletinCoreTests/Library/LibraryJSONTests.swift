import BulletinTestSupport
@testable import BulletinCore
import Foundation
import Testing

/// The library's stored JSON, written by `LibraryJSON`, is byte for byte `JSONEncoder`'s with sorted keys: on real
/// scored cases, on strings holding every ASCII character and other scalars, on numbers chosen to break a
/// formatter, with every optional present and absent; and the writer names every stored property of each type.
@Suite struct LibraryJSONTests {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func foundation<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Every ASCII character, then scalars a writer might mishandle (DEL, C1, line separators, BOM, astral, CJK).
    static let hostile: [String] = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        + ["\u{7F}\u{80}\u{9F}", "\u{2028}\u{2029}", "\u{FEFF}前导", "😀𠀀", "a/b\\c\"d", "", " ", "1/2</script>", "\r\n\t\u{0}", "成果名称：\u{200B}高熵合金"]

    static let numbers: [Double] = [0, -0.0, 1, -1, 12.5, 0.1 + 0.2, 1e-5, 3e-7, 1e16, 1e17, 2.5e21, 123456789012345680, 1.0 / 3,
                                    100, 32000, -4.25, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 0.5, 9.999999999999999e22, 1e22]

    static func assessment(_ i: Int, full: Bool) -> Assessment {
        let s = hostile[i % hostile.count]
        var a = Assessment(category: "应用研究成果" + s, subtype: full ? "关键技术" : "", level: s, industry: "装备制造",
                           score: numbers[i % numbers.count],
                           reasons: [Reason(rule: "categoryPhrases", field: "title", matched: s, weight: numbers[(i + 3) % numbers.count], conclusion: "「\(s)」指向"),
                                     Reason(rule: "r/\(i)", field: "", matched: "", weight: -2, conclusion: s + s)],
                           flags: full ? ["需人工确认", s] : [], eligible: i % 2 == 0,
                           inferred: full ? InferredValues(category: s, subtype: "论文", level: "国内领先", industry: s) : nil,
                           amountWanYuan: full ? numbers[(i + 5) % numbers.count] : nil)
        if full {
            a.confidence = LabelConfidence(category: numbers[(i + 7) % numbers.count], subtype: 0.25, level: 1, industry: 1.0 / 3)
            a.needsReview = true
            a.reviewReasons = ["类别置信度低" + s, s]
        }
        return a
    }

    static func record(_ i: Int, full: Bool) -> CaseRecord {
        let s = hostile[i % hostile.count]
        var fields: [Field: String] = [:]
        for (k, f) in Field.allCases.enumerated() where full || k % 2 == 0 { fields[f] = "\(f.rawValue)\(s)\(k)" }
        return CaseRecord(id: "2026-11-\(String(format: "%04d", i))", titleKey: "key/\(s)", fields: fields, classified: i % 3 == 0,
                          assessment: assessment(i, full: full), period: BulletinPeriod("2026-11"), sourceFile: "报送\(s).csv",
                          sourceIndex: i - 60, sourceSHA256: "ab\(s)", received: "2026-11-20")
    }

    static func event(_ i: Int, full: Bool) -> CaseEvent {
        let s = hostile[i % hostile.count]
        return CaseEvent(sequence: i * 1_000_003, caseId: "2026-11-0001", date: "2026-11-21", runId: "run\(s)", step: full ? "初选" : "",
                         from: full ? .waiting(for: "初选") : nil, to: .waiting(for: "复选\(s)"), decision: full ? "合并到 2026-11-0002" : "",
                         labels: full ? AdjustedLabels(category: .appliedResearch, level: .internationalLeading, industry: .equipment) : (i % 2 == 0 ? AdjustedLabels(level: .domesticAdvanced) : nil),
                         order: full ? -i : nil, who: "审核人\(s)", why: "说明：\(s)",
                         source: full ? EventSource(file: "初选\(s).xlsx", sha256: "cd", location: "sheet 初选 row \(i)", sheetId: i % 2 == 0 ? "id\(s)" : nil) : nil)
    }

    static func verdict(_ i: Int) -> MatchVerdict {
        let s = hostile[i % hostile.count]
        return MatchVerdict(subjectID: "tonight:\(s)", otherID: "2026-10-0003", otherTitle: "标题\(s)", outcome: i % 2 == 0 ? .probable : .same,
                            score: numbers[i % numbers.count], reason: "总分达到 score reaches 5.00\(s)",
                            evidence: i % 4 == 0 ? [] : [MatchEvidence(field: .title, weight: numbers[(i + 1) % numbers.count], note: "包含度 \(s)"),
                                                         MatchEvidence(field: .hardToken, weight: -1.5, note: s)],
                            vetoes: i % 3 == 0 ? [MatchVeto(kind: .quantity, mine: ["300MW", s], theirs: [])] : [], otherApproved: i % 5 == 0)
    }

    @Test func hostileValuesAreWrittenAsFoundationWritesThem() throws {
        for i in 0..<(2 * Self.hostile.count) {
            for full in [false, true] {
                let r = Self.record(i, full: full)
                #expect(try LibraryJSON.string(r) == Self.foundation(r), "record \(i) full \(full)")
                let e = Self.event(i, full: full)
                #expect(try LibraryJSON.string(e) == Self.foundation(e), "event \(i) full \(full)")
            }
            let v = Self.verdict(i)
            #expect(try LibraryJSON.string(v) == Self.foundation(v), "verdict \(i)")
        }
    }

    /// `numbers` and their negatives, then random bit patterns (finite ones) and random scores as the scorer makes
    /// them: at least 3,000 values.
    static func someNumbers() -> [Double] {
        var generator = SystemRandomNumberGenerator()
        var values = numbers + numbers.map { -$0 }
        while values.count < 3_000 {
            let d = Double(bitPattern: generator.next())
            if d.isFinite { values.append(d) }
            values.append((Double.random(in: -50...50) * 100).rounded() / 100)
            values.append(Double.random(in: 0...1))
        }
        return values
    }

    @Test func numbersAreWrittenAsFoundationWritesThem() throws {
        for d in Self.someNumbers() {
            let reason = Reason(rule: "r", field: "f", matched: "m", weight: d, conclusion: "c")
            var a = Assessment(score: d, reasons: [reason], amountWanYuan: d)
            a.confidence = LabelConfidence(category: d, subtype: d, level: d, industry: d)
            let r = CaseRecord(id: "x", titleKey: "k", fields: [:], classified: false, assessment: a, period: BulletinPeriod("2026-01"),
                               sourceFile: "f", sourceIndex: Int(truncatingIfNeeded: d.bitPattern), sourceSHA256: "s", received: "2026-01-01")
            #expect(try LibraryJSON.string(r) == Self.foundation(r), "\(d)")
        }
    }

    /// Whole numbers are written as digits and others from a cache of recent numbers' text (store9): whole numbers
    /// on both sides of the limit, halves and quarters as weights are, neighbours one ulp apart (which share a cache
    /// slot's neighbourhood but not its bits), all through one writer kept across records, as the store keeps one.
    @Test func wholeAndRepeatedNumbersThroughAKeptWriterAreFoundations() throws {
        var values: [Double] = []
        for k in -400...400 { values += [Double(k), Double(k) / 2, Double(k) / 4, Double(k) / 100] }
        for e in 10...17 {
            let p = (1...e).reduce(1.0) { a, _ in a * 10 }
            values += [p, -p, p - 1, p + 1, p.nextUp, p.nextDown, (p - 1).nextDown]
        }
        values += [LibraryJSON.Writer.wholeLimit, LibraryJSON.Writer.wholeLimit.nextDown, 9007199254740992, 9007199254740993, 0, -0.0]
        values += values.map(\.nextUp) + values.map(\.nextDown)
        var kept = LibraryJSON.Writer()
        // Twice over, so the second pass meets every number in the cache (and collisions evict).
        for d in values + values.shuffled() {
            let reason = Reason(rule: "r", field: "f", matched: "m", weight: d, conclusion: "c")
            let a = Assessment(score: d, reasons: [reason, reason], amountWanYuan: -d)
            let r = CaseRecord(id: "x", titleKey: "k", fields: [:], classified: false, assessment: a, period: BulletinPeriod("2026-01"),
                               sourceFile: "f", sourceIndex: Int(d.magnitude < 1e15 ? d.rounded(.towardZero) : 7), sourceSHA256: "s", received: "2026-01-01")
            let expected = try Self.foundation(r)
            #expect(String(decoding: try LibraryJSON.utf8(r, reusing: &kept), as: UTF8.self) == expected, "\(d)")
            #expect(try LibraryJSON.string(r) == expected, "\(d)")
        }
    }

    /// A writer kept for many values writes each as a fresh one does: hostile strings, records, then verdicts.
    @Test func aKeptWriterWritesWhatAFreshOneWrites() throws {
        var kept = LibraryJSON.Writer()
        for i in 0..<(2 * Self.hostile.count) {
            for full in [true, false] {
                let r = Self.record(i, full: full)
                #expect(try LibraryJSON.utf8(r, reusing: &kept) == (try LibraryJSON.utf8(r)), "record \(i)")
            }
            let v = Self.verdict(i)
            #expect(try LibraryJSON.utf8(v, reusing: &kept) == (try LibraryJSON.utf8(v)), "verdict \(i)")
            #expect(String(decoding: try LibraryJSON.utf8(v, reusing: &kept), as: UTF8.self) == (try Self.foundation(v)), "verdict \(i)")
        }
    }

    @Test func realScoredCasesAreWrittenAsFoundationWritesThemAndReadBack() throws {
        let processor = try SubmissionProcessor(config: try TestSupport.config())
        var scored: [ScoredSubmission] = []
        for bytes in [NightlyCostTests.csv(), NightlyCostTests.csv(second: true)] {
            scored += try processor.process(bytes: bytes, fileName: "十月汇总.csv").1.filter(\.checked.isValid)
        }
        #expect(scored.count >= 10)
        #expect(scored.contains { $0.assessment.confidence != nil && !$0.assessment.reasons.isEmpty })
        for (i, s) in scored.enumerated() {
            let r = CaseRecord(id: "2026-10-\(i)", titleKey: s.titleKey, fields: s.checked.submission.fields, classified: false, assessment: s.assessment,
                               period: BulletinPeriod("2026-10"), sourceFile: "十月汇总.csv", sourceIndex: s.checked.submission.index,
                               sourceSHA256: "aa", received: "2026-10-20")
            let json = try LibraryJSON.string(r)
            #expect(json == (try Self.foundation(r)))
            #expect(try JSONDecoder().decode(CaseRecord.self, from: Data(json.utf8)) == r)
        }
    }

    @Test func aNumberThatIsNotFiniteThrowsAsFoundationDoes() {
        var r = Self.record(1, full: true)
        r.assessment.score = .nan
        #expect(throws: EncodingError.self) { try LibraryJSON.string(r) }
        var v = Self.verdict(1)
        v.score = .infinity
        #expect(throws: EncodingError.self) { try LibraryJSON.string(v) }
    }

    /// The keys the writer writes for a value with every optional set are its stored properties, at every level:
    /// a property added to one of these types and not to the writer fails here, even when the test values leave
    /// it at its default.
    @Test func theWriterNamesEveryStoredProperty() throws {
        func object(_ json: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        }
        func labels(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }
        let r = Self.record(2, full: true)
        let rj = try object(try LibraryJSON.string(r))
        #expect(Set(rj.keys) == labels(r))
        let aj = try #require(rj["assessment"] as? [String: Any])
        #expect(Set(aj.keys) == labels(r.assessment))
        #expect(Set(try #require(aj["inferred"] as? [String: Any]).keys) == labels(try #require(r.assessment.inferred)))
        #expect(Set(try #require(aj["confidence"] as? [String: Any]).keys) == labels(try #require(r.assessment.confidence)))
        #expect(Set(try #require((aj["reasons"] as? [[String: Any]])?.first).keys) == labels(r.assessment.reasons[0]))
        #expect(Set(try #require(rj["fields"] as? [String: Any]).keys) == Set(Field.allCases.map(\.rawValue)))
        let e = Self.event(2, full: true)
        let ej = try object(try LibraryJSON.string(e))
        #expect(Set(ej.keys) == labels(e))
        #expect(Set(try #require(ej["labels"] as? [String: Any]).keys) == labels(try #require(e.labels)))
        #expect(Set(try #require(ej["source"] as? [String: Any]).keys) == labels(try #require(e.source)))
        let v = Self.verdict(5)
        let vj = try object(try LibraryJSON.string(v))
        #expect(Set(vj.keys) == labels(v))
        #expect(Set(try #require((vj["evidence"] as? [[String: Any]])?.first).keys) == labels(v.evidence[0]))
        let veto = Self.verdict(3)
        #expect(Set(try #require((try object(try LibraryJSON.string(veto))["vetoes"] as? [[String: Any]])?.first).keys) == labels(veto.vetoes[0]))
    }
}
