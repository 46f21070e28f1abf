import Foundation
import OOXML

/// The exceptions of the labelling guide's industry table (docs/labelling.md §4), read from what the title's head
/// says the achievement *is*, when the sector it serves outvotes it.
///
/// * A machine is 装备制造 even when it serves energy or farming: a soybean harvester (大豆收获装备) is counted by
///   its kind (GB/T 4754-2017 C35 专用设备制造业), not by the crop it harvests, however often the summary names the crop.
/// * A drug or vaccine is 医药健康 whoever it is for: the guide's table has no exception for farm animals, and
///   GB/T 4754-2017 files C2750 兽用药品制造 under C27 医药制造业 (docs/labelling.md §6, veterinary vaccines). Until
///   round 13 a drug for farm animals was voted 现代农业 here; that contradicted §6 and missed rh076, rh078 and rn026.
///
/// The machine entry applies only when the tally would otherwise go to the sector: the vote it adds is the margin
/// plus the head's weight, so the thing leads by as much as the head alone would have given it, and the reason says
/// that the guide decided. The confidence stays low enough to flag the case when the sector was close (the use and the
/// thing disagree).
extension IndustryPhrasesRule {
    /// The sectors a machine may serve and still be 装备制造 (the guide names energy and farming).
    static let machineServedSectors: Set<String> = ["能源化工", "现代农业"]
    static let machineIndustry = "装备制造"
    static let medicineIndustry = "医药健康"
    static let farmingIndustry = "现代农业"
    /// Words that, right before the head, make the title a technology *with* equipment (开发核心技术与装备): a
    /// technology is counted by its use, so the machine exception does not apply.
    static let technologyLeads = ["技术与", "技术及", "技术和", "技术"]

    /// Adds the guide's vote when the title's head is a machine outvoted by the sector it serves. `head` is the
    /// title's head with the industry it was voted for, `precise` the summary's more precise name of it (供电 →
    /// 供电装置), if any. True when the machine entry decided.
    func applyGuideTable(to sheet: inout ScoreSheet, head: (word: String, label: String), precise: String?, found: [(Reason, Vote)]) -> Bool {
        // The head as the conclusions name it, written only for a conclusion (most heads decide nothing here).
        var named: String { precise.map { "「\(head.word)」（案例简介中为「\($0)」）" } ?? "「\(head.word)」" }
        guard head.label == Self.machineIndustry, let title = sheet.fields[.title] else { return false }
        let totals = sheet.labelTotals(.industry)
        if let (sector, margin) = Self.leader(totals, over: Self.machineIndustry), Self.machineServedSectors.contains(sector),
           !Self.technologyBefore(head.word, in: title), !Self.straddles(head.word, in: title, found: found) {
            sheet.vote(.industry, for: Self.machineIndustry, because: Reason(
                rule: Self.name, field: Field.title.rawValue, matched: head.word,
                weight: margin + Self.headWeight * ruleWeight,
                conclusion: "按标注指南，机器即使服务于「\(sector)」也归「装备制造」：成果名称的中心词\(named)是机器"))
            return true
        }
        return false
    }

    /// The best-voted industry and how far it leads `label`, when it is another industry and leads.
    static func leader(_ totals: LabelTotals, over label: String) -> (String, Double)? {
        // `industries.filter { $0 != label }.max { (totals[$0] ?? 0) < (totals[$1] ?? 0) }` (the first of the largest),
        // read by the industries' `LabelIndex` numbers: each `totals[…]` looked the label's number up anew, ~11,000
        // instructions a call.
        let id = LabelIndex.of(label)
        let own = totals.sum(of: label, id: id) ?? 0
        var top: (label: String, id: Int16, value: Double)?
        for (industry, industryID) in zip(AchievementTaxonomy.industries, LabelIndex.industryIDs)
        where !LabelIndex.same(industryID, industry, id, label) {
            let value = totals.sum(of: industry, id: industryID) ?? 0
            if top.map({ $0.value < value }) ?? true { top = (industry, industryID, value) }
        }
        guard let top, let value = totals.sum(of: top.label, id: top.id), value >= own else { return nil }
        return (top.label, value - own)
    }

    /// Whether the title names a technology right before its head (技术与装备, 技术装备).
    static func technologyBefore(_ head: String, in title: String) -> Bool {
        if let last = lastBytes(of: head, in: title) {
            // Read as bytes (see `holds`): the leads are Chinese words, so a byte suffix is a character suffix.
            guard let at = last else { return false }
            var title = title
            return title.withUTF8 { t in
                technologyLeadBytes.contains { lead in
                    lead.count <= at && zip(t[(at - lead.count)..<at], lead).allSatisfy { $0 == $1 }
                }
            }
        }
        guard let range = title.range(of: head, options: .backwards) else { return false }
        let before = title[..<range.lowerBound]
        return technologyLeads.contains { before.hasSuffix($0) }
    }

    /// Whether the head, where it last occurs in the title, begins inside another cue of the title that ends
    /// inside it: a fragment across two words (电线 in 输电线路, across 输电 and 线路), not a word of the title.
    static func straddles(_ head: String, in title: String, found: [(Reason, Vote)]) -> Bool {
        guard let range = title.range(of: head, options: .backwards) else { return false }
        let units = title.utf16
        let start = units.distance(from: units.startIndex, to: range.lowerBound)
        let end = start + head.utf16.count
        for (reason, _) in found where reason.field == Field.title.rawValue && reason.matched != head && !reason.matched.isEmpty {
            var from = title.startIndex
            while let r = title.range(of: reason.matched, range: from..<title.endIndex) {
                let s = units.distance(from: units.startIndex, to: r.lowerBound)
                let e = s + reason.matched.utf16.count
                if s < start, e > start, e < end { return true }
                from = title.index(after: r.lowerBound)
            }
        }
        return false
    }

    /// Foundation's `text.contains(word)` (a non-literal search: canonical equivalents match, and a match must
    /// cover whole composed characters), read as a search of UTF-8 bytes when that cannot differ: the word is
    /// printable ASCII and CJK ideographs (U+4000–U+9FFF), and every character of the text is one `simple` says
    /// (nothing that combines with or extends the character before it, nothing canonically equivalent to ASCII or to an
    /// ideograph). Otherwise Foundation decides. (Foundation's search, through CFStringFind, cost ~300,000
    /// instructions a call here.)
    static func holds(_ text: String, _ word: String) -> Bool {
        bytesHold(Substring(text), word) ?? text.contains(word)
    }

    /// `technologyLeads` as UTF-8 bytes.
    static let technologyLeadBytes = technologyLeads.map { Array($0.utf8) }

    /// Where Foundation's `text.range(of: word, options: .backwards)` starts, as a UTF-8 offset, read as the last
    /// match of the word's bytes when that cannot differ (see `holds`): .some(nil) when there is none, nil when
    /// Foundation must decide.
    static func lastBytes(of word: String, in text: String) -> Int?? {
        let bytes = Array(word.utf8)
        guard plainBytes(bytes) else { return nil }
        var text = text
        return text.withUTF8 { t -> Int?? in
            guard simple(t), bytes.count <= t.count else { return simple(t) ? .some(nil) : nil }
            var at = t.count - bytes.count
            while at >= 0 {
                var k = 0
                while k < bytes.count && t[at + k] == bytes[k] { k += 1 }
                if k == bytes.count { return .some(at) }
                at -= 1
            }
            return .some(nil)
        }
    }

    /// Whether a word's UTF-8 bytes are printable ASCII and CJK ideographs (U+4000–U+9FFF) only, and not empty.
    static func plainBytes(_ w: [UInt8]) -> Bool {
        w.withUnsafeBufferPointer { plainBytes($0) }
    }

    /// `plainBytes` of bytes in place.
    static func plainBytes(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < w.count {
            let b = w[i]
            if b >= 0x20 && b < 0x7F { i += 1 } else if b >= 0xE4 && b <= 0xE9 && i + 2 < w.count { i += 3 } else { return false }
        }
        return !w.isEmpty
    }

    /// `holds` of a sentence (Foundation's `Substring.contains` when the bytes cannot tell).
    static func holds(_ text: Substring, _ word: String) -> Bool {
        bytesHold(text, word) ?? text.contains(word)
    }

    /// The answer of a byte search when it is Foundation's, else nil.
    private static func bytesHold(_ text: Substring, _ word: String) -> Bool? {
        // The word's bytes read in place (an array of them was made and freed at every call).
        var word = word, copy = text
        return word.withUTF8 { w -> Bool? in
            guard plainBytes(w) else { return nil }
            return copy.withUTF8 { t -> Bool? in
                guard simple(t) else { return nil }
                let n = w.count
                guard n <= t.count else { return false }
                var at = 0
                while at + n <= t.count {
                    if t[at] == w[0] {
                        var k = 1
                        while k < n && t[at + k] == w[k] { k += 1 }
                        if k == n { return true }
                    }
                    at += 1
                }
                return false
            }
        }
    }

    /// Whether every character of UTF-8 `t` is below U+0300, or in U+2010–U+2027, U+2030–U+205E, U+2150–U+2BFF,
    /// U+3000–U+3029, U+3030–U+3098, U+309B–U+9FFF, U+FF00–U+FF9D, U+FFA0–U+FFEF: no combining mark, joiner,
    /// variation selector or other extender, and no character whose canonical decomposition is ASCII or an ideograph
    /// (U+037E, U+212A, U+F900… are left out).
    static func simple(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = t.count
        while i < n {
            let b = t[i]
            if b < 0x80 { i += 1; continue }
            var c: UInt32
            if b < 0xE0 {
                guard i + 1 < n else { return false }
                c = (UInt32(b & 0x1F) << 6) | UInt32(t[i + 1] & 0x3F)
                i += 2
            } else if b < 0xF0 {
                guard i + 2 < n else { return false }
                c = (UInt32(b & 0x0F) << 12) | (UInt32(t[i + 1] & 0x3F) << 6) | UInt32(t[i + 2] & 0x3F)
                i += 3
            } else {
                return false
            }
            let ok = c < 0x300 || (0x2010...0x2027).contains(c) || (0x2030...0x205E).contains(c) || (0x2150...0x2BFF).contains(c)
                || (0x3000...0x3029).contains(c) || (0x3030...0x3098).contains(c) || (0x309B...0x9FFF).contains(c)
                || (0xFF00...0xFF9D).contains(c) || (0xFFA0...0xFFEF).contains(c)
            if !ok { return false }
        }
        return true
    }
}

/// What the summary says the achievement *is* (…膜是新型显示的核心材料): the object of 是 whose last cue ends its
/// clause is the head of the noun phrase after the copula, the kind of thing. Read only when the title names no
/// head and no making verb (研制…) says what was made; the same vote as the made object.
extension IndustryPhrasesRule {
    static let copula = Array("是".utf16)

    /// The first 是 of the summary whose object runs to the end of its clause and ends with an industry cue of this
    /// rule: the verb, that cue, its industry, and the phrase from 是 to the cue. Nil when there is none.
    static func copulaObject(_ reader: ClauseReader?) -> (verb: String, word: String, label: String, phrase: String)? {
        guard let reader else { return nil }
        for start in reader.starts(of: copula) {
            let from = start + copula.count
            let end = reader.clauseEnd(from: from)
            guard let last = reader.lastCue(in: from..<end), last.end == end else { continue }
            return ("是", last.word, last.label, reader.text(start..<last.end))
        }
        return nil
    }
}

/// Farm produce processed is food (docs/labelling.md §4: tea gardens are 现代农业, tea processing 食品轻纺; crop and
/// livestock work is 现代农业, food processing 食品轻纺). GB/T 4754-2017 counts the processing of what farms grow as
/// manufacturing: C13 农副食品加工业 (C135 屠宰及肉类加工), C14 食品制造业, C1530 精制茶加工. So a title that names
/// processing (加工, 屠宰) while the farm words lead the tally is counted as 食品轻纺 — unless the title's head is a
/// machine (a processing machine is the guide table's, above).
extension IndustryPhrasesRule {
    static let foodIndustry = "食品轻纺"
    /// The activities of C13 in a title: 加工 (C13 农副食品加工业, C1530 精制茶加工) and 屠宰 (C135 屠宰及肉类加工).
    static let processingWords = ["加工", "屠宰"].map { Array($0.utf8) }

    /// Adds a vote for 食品轻纺 of the margin plus the head's weight when the title names processing and the tally
    /// would go to 现代农业, unless the guide table has counted the title's head as a machine (`machineDecided`).
    /// Also when the tally would go to 装备制造 from the summary's equipment (羊肉梯次加工 …技术装备) while the title's
    /// head is no machine (`machineHead` false: none, or one named after a technology, 关键技术装备) and the summary
    /// or title names food or farm produce: the processing is the achievement, the equipment its means.
    func applyProcessing(to sheet: inout ScoreSheet, machineDecided: Bool, machineHead: Bool) {
        guard let title = sheet.fields[.title], let word = Self.processingWords.first(where: { Self.contains(title, $0) })
        else { return }
        let totals = sheet.labelTotals(.industry)
        guard !machineDecided, let (sector, margin) = Self.leader(totals, over: Self.foodIndustry) else { return }
        let activity = String(decoding: word, as: UTF8.self)
        if sector == Self.farmingIndustry {
            sheet.vote(.industry, for: Self.foodIndustry, because: Reason(
                rule: Self.name, field: Field.title.rawValue, matched: activity, weight: margin + Self.headWeight * ruleWeight,
                conclusion: "按标注指南，农产品的\(activity)归「食品轻纺」（GB/T 4754-2017 C13 农副食品加工业、C1530 精制茶加工），不归种养的「现代农业」"))
        } else if sector == Self.machineIndustry, !machineHead,
                  (totals[Self.foodIndustry] ?? 0) + (totals[Self.farmingIndustry] ?? 0) > 0 {
            sheet.vote(.industry, for: Self.foodIndustry, because: Reason(
                rule: Self.name, field: Field.title.rawValue, matched: activity, weight: margin + Self.headWeight * ruleWeight,
                conclusion: "按标注指南，农产品的\(activity)归「食品轻纺」（GB/T 4754-2017 C13 农副食品加工业、C1530 精制茶加工）：成果名称说的是\(activity)，不是机器，案例简介中的装备是\(activity)的手段"))
        }
    }
}

/// What the drug regulator approves is a drug or a medical device (docs/labelling.md §4: medical devices are 医药健康,
/// not 装备制造 or 电子信息; GB/T 4754-2017 C27 医药制造业, C358 医疗仪器设备及器械制造): the 国家药品监督管理局 approves
/// and registers drugs and medical devices, so a summary that names it as the approver puts the thing in 医药健康
/// even when it is software (an AI reading endoscope images) or a machine.
extension IndustryPhrasesRule {
    /// The regulator's names (the short one first in the reason when both occur), as UTF-8 bytes.
    static let drugRegulator = ["药监局", "药品监督管理局"].map { Array($0.utf8) }
    /// What both names begin with: most summaries lack it, and are read once.
    static let regulatorLead = Array("药".utf8)

    /// Adds a vote for 医药健康 of the margin plus the head's weight when the summary names the drug regulator and the
    /// tally would go to 电子信息 or 装备制造. The summary's bytes are read first (no copy), the tally only then.
    func applyRegulator(to sheet: inout ScoreSheet) {
        guard let summary = sheet.fields[.summary], Self.contains(summary, Self.regulatorLead),
              let name = Self.drugRegulator.first(where: { Self.contains(summary, $0) }),
              let (sector, margin) = Self.leader(sheet.labelTotals(.industry), over: Self.medicineIndustry),
              sector == "电子信息" || sector == Self.machineIndustry else { return }
        let regulator = String(decoding: name, as: UTF8.self)
        sheet.vote(.industry, for: Self.medicineIndustry, because: Reason(
            rule: Self.name, field: Field.summary.rawValue, matched: regulator, weight: margin + Self.headWeight * ruleWeight,
            conclusion: "按标注指南，医疗器械和药品归「医药健康」：案例简介说成果由「\(regulator)」批准或注册，是药品或医疗器械（GB/T 4754-2017 C27 医药制造业、C358 医疗仪器设备及器械制造），不按「\(sector)」"))
    }
}

extension IndustryPhrasesRule {
    /// The last words of a title that names equipment (…酿酒设备, …压榨一体机, …成套装备): docs/labelling.md §4 counts
    /// machines as 装备制造 "even when they serve energy or farming", §6 (a machine vs what it serves) by the thing, and
    /// GB/T 4754-2017 files the machines that make food, liquor, drink and tea (C3531) under C35 专用设备制造业. These
    /// words are too general to be cues of `scoring.industries` (设备 weighs 1 there), so a title that *ends* on one is
    /// read here (round 19: holdout16 sb090, holdout17 sc081, holdout18 sd009, outvoted by the liquor, vinegar or tea
    /// they make).
    static let equipmentEnds: [String] = ["设备", "装备", "一体机"]
    /// A production line counts as equipment when the title calls it automated (…全自动智能化生产线), not a plant's line.
    static let lineEnd = "生产线"
    static let automationLeads = ["全自动", "自动化", "智能化"]
    /// A medical device is 医药健康 (§4), whatever it ends on (…成像装备).
    static let medicalMarks = ["医", "人体", "诊", "疗", "手术", "病"]
    /// Adds the guide's vote when the title, one clause, ends on equipment, names nothing medical and no technology
    /// before it, and a sector the machine serves leads the tally (the liquor, vinegar or tea it makes; energy or farming,
    /// as the machine entry; not electronics, which a chip tool's title may rightly lead): as the machine entry, the margin plus the head's
    /// weight, so the machine leads by as much as a head alone gives. Called once the title's head has voted. True when
    /// the title ends on equipment (voted or already leading), so that the processing entry leaves it to the machine.
    @discardableResult
    func applyEquipmentEnd(to sheet: inout ScoreSheet) -> Bool {
        // Read as UTF-8 bytes (most titles end on none of the words; `String.hasSuffix` compares by Unicode rules and
        // cost ~2,000 instructions a call): a byte suffix of Chinese words is a character suffix.
        guard var title = sheet.fields[.title] else { return false }
        let word: String? = title.withUTF8 { t -> String? in
            if let i = Self.equipmentEndBytes.firstIndex(where: { Self.ends(t, with: $0) }) { return Self.equipmentEnds[i] }
            guard Self.ends(t, with: Self.lineEndBytes) else { return nil }
            // The nine characters before 生产线, as bytes: 27 when they are Chinese.
            let stop = t.count - Self.lineEndBytes.count
            let window = UnsafeBufferPointer(rebasing: t[max(0, stop - 27)..<stop])
            return Self.automationLeadBytes.contains { ByteSearch.firstIndex(of: $0, in: window, from: 0) != nil } ? Self.lineEnd : nil
        }
        // A technology with its equipment (…关键技术与装备) is counted by its use, as the machine entry has it.
        guard let word, !Self.clauseBreakBytes.contains(where: { Self.contains(title, $0) }),
              !Self.medicalMarkBytes.contains(where: { Self.contains(title, $0) }),
              !Self.technologyBefore(word, in: title) else { return false }
        if let (sector, margin) = Self.leader(sheet.labelTotals(.industry), over: Self.machineIndustry),
           Self.machineServedSectors.contains(sector) || sector == Self.foodIndustry {
            sheet.vote(.industry, for: Self.machineIndustry, because: Reason(
                rule: Self.name, field: Field.title.rawValue, matched: word, weight: margin + Self.headWeight * ruleWeight,
                conclusion: "按标注指南，机器即使服务于「\(sector)」也归「装备制造」：成果名称以「\(word)」收尾，说明成果是设备"))
        }
        return true
    }

    static let equipmentEndBytes = equipmentEnds.map { Array($0.utf8) }
    static let lineEndBytes = Array(lineEnd.utf8)
    static let automationLeadBytes = automationLeads.map { Array($0.utf8) }
    static let medicalMarkBytes = medicalMarks.map { Array($0.utf8) }
    static let clauseBreakBytes = [",", "，", "。"].map { Array($0.utf8) }

    /// Whether `t` ends with `suffix`.
    static func ends(_ t: UnsafeBufferPointer<UInt8>, with suffix: [UInt8]) -> Bool {
        guard suffix.count <= t.count else { return false }
        let start = t.count - suffix.count
        for k in 0..<suffix.count where t[start + k] != suffix[k] { return false }
        return true
    }

    /// Whether `text` holds `bytes` (UTF-8, not empty), read in place with the OOXML module's byte search.
    static func contains(_ text: String, _ bytes: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { ByteSearch.firstIndex(of: bytes, in: $0, from: 0) != nil }
    }
}
