import Foundation

/// Counts the votes on a sheet and decides category, subtype and industry. Every decision adds a
/// reason (rule `tally`) that shows the totals it compared.
enum Tally {
    /// The rule name decisions carry in their reasons.
    static let ruleName = "tally"

    /// Decides category, subtype and industry from the votes, and records them as the inferred values.
    static func decide(_ sheet: inout ScoreSheet, decision: ScoringConfig.Decision) {
        let categoryTotals = Self.categoryTotals(sheet, decision: decision)
        let category = best(categoryTotals, order: AchievementTaxonomy.categories, ids: LabelIndex.categoryIDs)
        if let category, category.total >= decision.minimumCategoryVotes {
            sheet.category = category.label
            sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: 0,
                              conclusion: framed(categoryTotals, order: AchievementTaxonomy.categories, ids: LabelIndex.categoryIDs, "成果类别取「", category.label, "」：")))
        } else {
            // 其它 is a class with its own evidence (a facility, a platform, a book…), not the answer for
            // weak evidence: below the threshold the best-voted of the other three is taken, and with no
            // evidence at all the configured default (decision.defaultCategory).
            let others = categoryTotals.filter { label, _ in label != AchievementTaxonomy.otherCategory }
            let top = category.map { "最高为「\($0.label)」\(format($0.total))" } ?? "没有任何类别的依据"
            if let weak = best(others, order: AchievementTaxonomy.categories, ids: LabelIndex.categoryIDs) {
                sheet.category = weak.label
                sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: 0,
                                  conclusion: "成果类别取「\(weak.label)」（依据弱）：\(top)，低于门槛 \(format(decision.minimumCategoryVotes))"))
            } else {
                sheet.category = decision.defaultCategory
                sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: 0,
                                  conclusion: "成果类别取默认「\(decision.defaultCategory)」（无依据）：\(top)，低于门槛 \(format(decision.minimumCategoryVotes))"))
            }
        }
        sheet.subtype = subtype(for: sheet.category, on: &sheet, decision: decision)

        let industryTotals = sheet.labelTotals(.industry)
        let industry = best(industryTotals, order: AchievementTaxonomy.industries, ids: LabelIndex.industryIDs)
        if let industry, industry.total >= decision.minimumIndustryVotes {
            sheet.industry = industry.label
            sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: 0,
                              conclusion: framed(industryTotals, order: AchievementTaxonomy.industries, ids: LabelIndex.industryIDs, "产业取「", industry.label, "」：")))
        } else if let weak = industry, weak.label != AchievementTaxonomy.otherIndustry,
                  weak.total >= decision.minimumIndustryVotes / 2,
                  (industryTotals[AchievementTaxonomy.otherIndustry] ?? 0) <= 0,
                  !findingWithoutUse(sheet) {
            // A summary that describes what the achievement does, without naming its sector, still
            // points somewhere: the best-voted industry is taken, marked as weak (and flagged by confidence).
            // One weak word alone (a 设备 in passing) is not enough: below half the threshold it is 其他.
            sheet.industry = weak.label
            sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: 0,
                              conclusion: framed(industryTotals, order: AchievementTaxonomy.industries, ids: LabelIndex.industryIDs, "产业取「", weak.label, "」（依据弱）：",
                                                 "，低于门槛 ", format(decision.minimumIndustryVotes))))
        } else {
            sheet.industry = AchievementTaxonomy.otherIndustry
            var top = industry.map { "最高为「\($0.label)」\(format($0.total))" } ?? "没有任何产业的依据"
            if industry != nil, findingWithoutUse(sheet) { top += "；基础研究成果未说明用途，零星的领域词只是研究对象所在" }
            sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: 0,
                              conclusion: "产业取「其他」：\(top)，低于门槛 \(format(decision.minimumIndustryVotes))"))
        }
        sheet.inferred = InferredValues(category: sheet.category, subtype: sheet.subtype, level: sheet.level, industry: sheet.industry)
    }

    /// A basic-research finding whose summary names no use (no 用于…, 为…提供 … recorded by industryPhrases): its
    /// few field words say where the phenomenon was observed (拓扑绝缘体薄膜中观测到…), not what it serves, so weak
    /// evidence does not take it out of 其他 (docs/labelling.md §4).
    static func findingWithoutUse(_ sheet: ScoreSheet) -> Bool {
        sheet.category == "基础研究成果" && !sheet.reasons.contains {
            $0.rule == IndustryPhrasesRule.name && LabelText.hasPrefix($0.conclusion, IndustryPhrasesRule.useConclusionPrefix)
        }
    }

    /// Votes per category: category votes, and positive subtype votes for their category times
    /// `decision.subtypeShare` (a counter-cue against a subtype says nothing against its category; a vote
    /// marked not to count for its category, such as a construction's, only chooses within it).
    static func categoryTotals(_ sheet: ScoreSheet, decision: ScoringConfig.Decision) -> LabelTotals {
        VoteTotals(sheet, decision: decision, categoriesOnly: true).category
    }

    /// The best-voted subtype of a category, its default when none has a vote, "" for categories
    /// without subtypes; adds the reason.
    static func subtype(for category: String, on sheet: inout ScoreSheet, decision: ScoringConfig.Decision) -> String {
        guard let kinds = Self.subtypes(of: category) else { return "" }
        let allowed = kinds.labels, allowedIDs = kinds.ids
        let totals = sheet.labelTotals(.subtype).filter(ids: allowedIDs, labels: allowed)
        if let top = best(totals, order: allowed, ids: allowedIDs) {
            sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: 0,
                              conclusion: framed(totals, order: allowed, ids: allowedIDs, "子类取「", top.label, "」：")))
            return top.label
        }
        let fallback = decision.defaultSubtypes[category] ?? allowed[0]
        sheet.note(Reason(rule: ruleName, field: "", matched: "", weight: 0,
                          conclusion: "子类取默认「\(fallback)」：「\(category)」的各子类都没有依据"))
        return fallback
    }

    /// The subtypes of each category (`AchievementTaxonomy.subtypesByCategory`) with their `LabelIndex` numbers, by the
    /// category's number: read twice or three times a case, where the dictionary hashed the Chinese category and the
    /// subtypes' numbers were looked up anew.
    private static let subtypeTable: [(id: Int16, labels: [String], ids: [Int16])] =
        AchievementTaxonomy.subtypesByCategory.map { (LabelIndex.of($0.key), $0.value, $0.value.map(LabelIndex.of)) }

    /// `AchievementTaxonomy.subtypesByCategory[category]` and the subtypes' `LabelIndex` numbers; nil for a category
    /// without subtypes.
    static func subtypes(of category: String) -> (labels: [String], ids: [Int16])? {
        let id = LabelIndex.of(category)
        if id >= 0 {
            for e in subtypeTable where e.id == id { return (e.labels, e.ids) }
        }
        guard let allowed = AchievementTaxonomy.subtypesByCategory[category] else { return nil }
        return (allowed, allowed.map(LabelIndex.of))
    }

    /// The label with the highest positive total; ties go to the earlier label in `order`.
    static func best(_ totals: [String: Double], order: [String]) -> (label: String, total: Double)? {
        best(order: order) { totals[$0] }
    }

    /// `best(_:order:)` over a short list of sums.
    static func best(_ totals: LabelTotals, order: [String]) -> (label: String, total: Double)? {
        best(totals, order: order, ids: order.map(LabelIndex.of))
    }

    /// `best(_:order:)` with the `LabelIndex` numbers of `order` (`LabelIndex.categoryIDs` …).
    static func best(_ totals: LabelTotals, order: [String], ids: [Int16]) -> (label: String, total: Double)? {
        var best: (label: String, total: Double)?
        for (label, id) in zip(order, ids) {
            guard let t = totals.sum(of: label, id: id), t > 0 else { continue }
            if best == nil || t > (best?.total ?? 0) + 1e-9 { best = (label, t) }
        }
        return best
    }

    @inline(__always)
    private static func best(order: [String], _ total: (String) -> Double?) -> (label: String, total: Double)? {
        var best: (label: String, total: Double)?
        for label in order {
            guard let t = total(label), t > 0 else { continue }
            if best == nil || t > (best?.total ?? 0) + 1e-9 { best = (label, t) }
        }
        return best
    }

    /// "应用研究成果 14.00，成果转移转化案例 6.00", highest first.
    static func describe(_ totals: [String: Double], order: [String]) -> String {
        describe(order: order) { totals[$0] }
    }

    /// `describe(_:order:)` over a short list of sums.
    static func describe(_ totals: LabelTotals, order: [String]) -> String {
        describe(totals, order: order, ids: order.map(LabelIndex.of))
    }

    /// `describe(_:order:)` with the `LabelIndex` numbers of `order`.
    static func describe(_ totals: LabelTotals, order: [String], ids: [Int16]) -> String {
        framed(totals, order: order, ids: ids)
    }

    /// `a + b + c + (describe(totals, order:, ids:).ifEmpty(none)) + d + e`, written once: the labels listed by their
    /// place in `order` in a buffer on the stack (no copy of a label while sorting), the parts, labels and sums (as
    /// digits) written straight into the string's own storage, which is checked as UTF-8 once. A description made as
    /// a string of its own, then copied into the reason by `concat`, was checked twice and cost two allocations more.
    static func framed(_ totals: LabelTotals, order: [String], ids: [Int16], _ a: String = "", _ b: String = "", _ c: String = "",
                       none: String = "", _ d: String = "", _ e: String = "") -> String {
        let count = min(order.count, ids.count)
        return withUnsafeTemporaryAllocation(of: (index: Int, sum: Double).self, capacity: max(count, 1)) { listed in
            var n = 0
            var plain = true
            var size = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count
            for i in 0..<count {
                let label = order[i]
                guard let t = totals.sum(of: label, id: ids[i]), t > 0 else { continue }
                // Sorted as it is listed (sum descending, then place in `order`): the same total order `sort` gave.
                var k = n
                while k > 0 && (listed[k - 1].sum < t || (listed[k - 1].sum == t && listed[k - 1].index > i)) {
                    listed[k] = listed[k - 1]
                    k -= 1
                }
                listed[k] = (i, t)
                n += 1
                if !(t.isFinite && abs(t) < 1e13) { plain = false }
                // A label, a space, at most 24 bytes of sum and a separator of 3.
                size += label.utf8.count + 28
            }
            if !plain {
                // A sum printf writes at length (1e300): the description made apart, as it always was.
                return concat(a, b, c, describe(order: order) { totals.sum(of: $0, id: LabelIndex.of($0)) }, d, e)
            }
            if n == 0 { size += none.utf8.count }
            if size == 0 { return "" }
            return String(unsafeUninitializedCapacity: size) { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                var o = 0
                @inline(__always) func put(_ s: String) {
                    var s = s
                    s.withUTF8 { u in
                        if let from = u.baseAddress { (base + o).update(from: from, count: u.count) }
                        o += u.count
                    }
                }
                put(a)
                put(b)
                put(c)
                if n == 0 { put(none) }
                for j in 0..<n {
                    if j > 0 {
                        // "，"
                        base[o] = 0xEF; base[o + 1] = 0xBC; base[o + 2] = 0x8C
                        o += 3
                    }
                    let item = listed[j]
                    put(order[item.index])
                    base[o] = 0x20
                    o += 1
                    o += writeTwoDecimals(item.sum, to: base + o)
                }
                put(d)
                put(e)
                return o
            }
        }
    }

    /// Appends a string's UTF-8 bytes (from its own storage when it has one: `bytes += s.utf8` went through the
    /// view's generic iteration, a few hundred instructions a label).
    @inline(__always)
    static func appendUTF8(_ s: String, to bytes: inout [UInt8]) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes += s.utf8 }
    }

    /// The strings one after the other (`a + b + …`, the bytes of each in turn), written once into a string of their
    /// total size: an interpolation appended part by part, growing the string, at ~470 instructions a part.
    static func concat(_ parts: String...) -> String {
        var size = 0
        for p in parts { size += p.utf8.count }
        if size == 0 { return "" }
        return String(unsafeUninitializedCapacity: size) { buffer in
            var o = 0
            for var p in parts {
                p.withUTF8 { u in
                    if let from = u.baseAddress, let to = buffer.baseAddress { (to + o).update(from: from, count: u.count) }
                    o += u.count
                }
            }
            return o
        }
    }

    /// "，" in UTF-8.
    private static let listSeparator: [UInt8] = Array("，".utf8)

    @inline(__always)
    private static func describe(order: [String], _ total: (String) -> Double?) -> String {
        // Ties go by the label's place in `order` (its first place: the labels of `order` are distinct).
        var listed: [(String, Double, Int)] = []
        for (i, label) in order.enumerated() {
            if let t = total(label), t > 0 { listed.append((label, t, i)) }
        }
        listed.sort { a, b in a.1 != b.1 ? a.1 > b.1 : a.2 < b.2 }
        // Appended in place (a string per label, then a joined copy, cost twice as much).
        var out = ""
        for (n, item) in listed.enumerated() {
            if n > 0 { out += "，" }
            out += item.0
            out += " "
            out += format(item.1)
        }
        return out
    }

    /// A number with two decimals, as `String(format: "%.2f", x)` writes it (every reason carries a few; the
    /// formatter cost a twentieth of a submission's scoring).
    static func format(_ x: Double) -> String {
        twoDecimals(x) ?? String(format: "%.2f", x)
    }

    /// `x` with two decimals, rounded as printf rounds (to nearest on the exact binary value, ties to even), for
    /// finite values below 10^13; nil otherwise.
    static func twoDecimals(_ x: Double) -> String? {
        guard x.isFinite, abs(x) < 1e13 else { return nil }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return writeTwoDecimals(x, to: base)
        }
    }

    /// Appends `twoDecimals(x)`'s UTF-8 bytes to `bytes`; false (and nothing appended) where it is nil.
    static func appendTwoDecimals(_ x: Double, to bytes: inout [UInt8]) -> Bool {
        guard x.isFinite, abs(x) < 1e13 else { return false }
        var room: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &room) { raw in
            let p = raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
            let n = writeTwoDecimals(x, to: p)
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }
        return true
    }

    /// Writes `twoDecimals(x)` (x finite, below 10^13) at `buffer` (24 bytes of room); returns how many bytes.
    static func writeTwoDecimals(_ x: Double, to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        let a = abs(x)
        var whole = a.rounded(.towardZero)
        let fraction = a - whole  // exact
        let hundredths = fraction * 100
        let error = (-hundredths).addingProduct(fraction, 100)  // fraction × 100 = hundredths + error, exactly
        var cents = hundredths.rounded(.down)
        let rest = hundredths - cents  // exact; 0.5 and rest are multiples of the same unit, so error only breaks a tie
        if rest > 0.5 || (rest == 0.5 && (error > 0 || (error == 0 && cents.truncatingRemainder(dividingBy: 2) == 1))) {
            cents += 1
        }
        if cents >= 100 {
            whole += 1
            cents -= 100
        }
        // Written digit by digit (at most "-" + 13 digits + ".00").
        let c = Int(cents), minus = x.sign == .minus
        var w = Int64(whole)
        var digits = 1
        var r = w / 10
        while r > 0 { digits += 1; r /= 10 }
        var i = 0
        if minus { buffer[0] = 0x2D; i = 1 }
        var at = i + digits - 1
        repeat {
            buffer[at] = UInt8(0x30 + w % 10)
            w /= 10
            at -= 1
        } while w > 0
        i += digits
        buffer[i] = 0x2E
        buffer[i + 1] = UInt8(0x30 + c / 10)
        buffer[i + 2] = UInt8(0x30 + c % 10)
        return i + 3
    }
}
