import Foundation

/// Votes for one of Sichuan's industries from the vocabulary of the field (芯片, 机组, 钒钛, 页岩气 …), and once
/// more for the industry of the title's head word: the industry cue that comes last in 成果名称.
///
/// A Chinese name puts what the thing *is* at its end (页岩气压裂泵送装备 is equipment, 煤矿用传感器 a sensor,
/// 核电站用发电机 a generator), and the words before it say what it serves. The guide decides industry by what
/// the achievement is and is used as (docs/labelling.md §4: machines are 装备制造 even when they serve energy),
/// so the title's last cue breaks the tie between the thing and the sector it serves.
struct IndustryPhrasesRule: ScoringRule {
    static let name = "industryPhrases"
    static let reads = "成果名称 and 案例简介: the phrases and patterns of scoring.industries (classes of GB/T 4754-2017 and 战略性新兴产业分类（2018）)"
    static let concludes = "votes for an industry; the industry of the title's last cue gets one vote more; the best-voted one above decision.minimumIndustryVotes is taken, else 其他"
    static let why = "Achievements are collected around the seven 特色优势产业 (seed 000) and the special projects of seed 003 that map onto them; industry follows what the achievement is (DOMAIN.md)."
    static let phase = RulePhase.evidence

    /// The extra vote for the industry of the title's head word (before the rule's weight): as much as one
    /// strong cue in the summary, less than the same cue in the title, so it settles ties, not clear cases.
    static let headWeight = 2.0

    let voter: CueVoter
    let ruleWeight: Double
    /// The one-character heads of goods of scoring.industryTitleHeads.
    let heads: IndustryTitleHeads

    init(config: ScoringConfig, file: String) throws {
        ruleWeight = Self.weight(in: config)
        heads = IndustryTitleHeads(config.industryTitleHeads)
        voter = try CueVoter(rule: Self.name, groups: config.industries, section: "scoring.industries",
                             dimension: .industry, weight: ruleWeight, countsAsEvidence: false, file: file)
    }

    func apply(to sheet: inout ScoreSheet) {
        let reasonsBefore = sheet.reasons.count
        let votesBefore = sheet.votes.count
        voter.apply(to: &sheet)
        let found = Array(zip(sheet.reasons[reasonsBefore...], sheet.votes[votesBefore...]))
        // The summary's clauses are read once for the three constructions (what was made, what it is, its use).
        let summaryUnits = sheet.texts.first { $0.field == .summary }?.originalUnits
        let reader = sheet.fields[.summary].flatMap { ClauseReader($0, units: summaryUnits, found: found) }
        var machineDecided = false  // the guide table counted the title's head as a machine
        var machineHead = false  // the title's head is a machine (not one named after a technology: 技术装备)
        defer {
            // A title that ends on equipment is the machine's, as a machine head decided by the guide table is.
            let equipmentEnd = applyEquipmentEnd(to: &sheet)
            applyProcessing(to: &sheet, machineDecided: machineDecided || equipmentEnd, machineHead: machineHead || equipmentEnd)
            applyRegulator(to: &sheet)
            noteUse(on: &sheet, reader: reader)
        }
        // What was made (研制出…) and the title's head say the same thing, what the achievement is: it counts
        // once, from the title, and from the summary only when the title names nothing.
        guard var head = Self.titleHead(sheet, reasonsFrom: reasonsBefore, votesFrom: votesBefore, ruleWeight: ruleWeight, heads: heads) else {
            if let made = Self.madeObject(reader) ?? Self.copulaObject(reader) {
                sheet.vote(.industry, for: made.label, because: Reason(
                    rule: Self.name, field: Field.summary.rawValue, matched: made.phrase, weight: Self.madeWeight * ruleWeight,
                    conclusion: "案例简介中「\(made.verb)」的对象「\(made.word)」说明成果是什么，指向产业「\(made.label)」"))
            }
            return
        }
        var conclusion = head.because ?? Tally.concat("成果名称的中心词「", head.word, "」说明成果是什么，再指向产业「", head.label, "」")
        var precise: String?
        if head.because == nil, let specific = Self.specificHead(head.word, found: found, strong: 2 * ruleWeight) {
            conclusion = "成果名称的中心词「\(head.word)」在案例简介中说得更具体：「\(specific.word)」，指向产业「\(specific.label)」"
            head.label = specific.label
            precise = specific.word
        }
        // A head character is no cue of the automaton: it counts as a strong cue of the title and as its head.
        let cueWeight = head.because == nil ? 0 : 2 * (sheet.texts.first(where: { $0.field == .title })?.weight ?? 1)
        let reason = Reason(rule: Self.name, field: Field.title.rawValue, matched: head.word,
                            weight: (cueWeight + Self.headWeight) * ruleWeight, conclusion: conclusion)
        sheet.vote(.industry, for: head.label, because: reason)
        if head.label == Self.machineIndustry, let title = sheet.fields[.title] {
            machineHead = !Self.technologyBefore(head.word, in: title)
        }
        machineDecided = applyGuideTable(to: &sheet, head: (head.word, head.label), precise: precise, found: found)
    }

    /// Records the summary's use construction, if any (a note, not a vote).
    func noteUse(on sheet: inout ScoreSheet, reader: ClauseReader?) {
        if let use = Self.useObject(reader) {
            // Recorded, not voted: what a thing serves agrees with what it is far more often than not, and where
            // they differ the guide takes the thing (a machine serving farms is 装备制造). The confidence reads it.
            sheet.note(Reason(rule: Self.name, field: Field.summary.rawValue, matched: use.phrase, weight: 0,
                              conclusion: Tally.concat(Self.useConclusionPrefix, "「", use.marker, "」的对象「", use.word, "」指向产业「", use.label, "」")))
        }
    }

    // MARK: - The thing, named more precisely

    /// The summary's strong cue that contains the title's head word and is longer (机器人 → 手术机器人, 风电 →
    /// 风电机组): the summary names the same thing more precisely, so its class says what the thing is.
    /// The first such cue in the summary; nil when there is none.
    static func specificHead(_ head: String, found: [(Reason, Vote)], strong: Double) -> (word: String, label: String)? {
        for (reason, vote) in found where reason.field == Field.summary.rawValue && vote.weight >= strong - 1e-9
            && Self.holds(reason.matched, head) && reason.matched.count > head.count {
            return (reason.matched, vote.label)
        }
        return nil
    }

    // MARK: - What the achievement is

    /// The extra vote for the industry of what the summary says was made (before the rule's weight), when the
    /// title has no head: as much as the title's head, the same kind of evidence in the summary.
    static let madeWeight = 2.0
    /// Verbs whose object is the achievement itself (研制出…, 研发的…, 培育出…, 建成…); a following 出, 了 or 的 is
    /// part of the verb; after 为 or 于 (为研制…提供, 用于研发…) the object is a use and is left to useObject.
    static let makingVerbs = ["研制", "研发", "培育", "选育", "建成", "开发", "发明"].map { Array($0.utf16) }
    static let verbTails = Set("出了的".utf16)
    static let useLeads = Set("为于".utf16)

    /// The first making verb of the summary whose object (to the end of its clause) holds an industry cue of this
    /// rule: the verb, the cue that ends last in the object (the head of the noun phrase), its industry, and the
    /// phrase from the verb to that cue.
    static func madeObject(_ reader: ClauseReader?) -> (verb: String, word: String, label: String, phrase: String)? {
        guard let reader else { return nil }
        let starts = makingVerbs.flatMap { verb in reader.starts(of: verb).map { ($0, verb.count) } }.sorted { $0.0 < $1.0 }
        for (start, length) in starts {
            if start > 0, useLeads.contains(reader.units[start - 1]) { continue }
            var from = start + length
            if from < reader.units.count, verbTails.contains(reader.units[from]) { from += 1 }
            guard let last = reader.lastCue(in: from..<reader.clauseEnd(from: from)) else { continue }
            return (reader.text(start..<from), last.word, last.label, reader.text(start..<last.end))
        }
        return nil
    }

    // MARK: - What the achievement is used for

    /// How the reason recording a use construction begins (the confidence looks for it).
    static let useConclusionPrefix = "用途："
    /// Markers whose object runs to the end of the clause (用于 also finds 应用于 and 适用于).
    static let useMarkers = ["用于", "服务于", "面向"]
    /// Markers whose object runs up to a closing word in the same clause: 为…提供, 在…领域/行业.
    static let framedUseMarkers: [(open: String, close: [String])] = [("为", ["提供"]), ("在", ["领域", "行业"])]
    /// `useMarkers` and `framedUseMarkers` as UTF-16 units (made once, not at every summary).
    static let useMarkerUnits = useMarkers.map { Array($0.utf16) }
    static let framedUseMarkerUnits = framedUseMarkers.map { (Array($0.open.utf16), $0.close.map { Array($0.utf16) }) }

    /// The first use construction of the summary whose object holds an industry cue of this rule: the
    /// marker, the cue that ends last in the object (a Chinese noun phrase ends with its head: 生产正电子显像药物 is
    /// about 药物), its industry, and the phrase from the marker to the end of the object.
    static func useObject(_ reader: ClauseReader?) -> (marker: String, word: String, label: String, phrase: String)? {
        guard let reader else { return nil }
        // The markers begin with five different units (用, 服, 面, 为, 在), so at most one begins at a place, and the
        // construction taken is the one that begins first among those whose object holds a cue: the summary is read
        // once from its start and the first such place answers (where each marker's places were listed over the whole
        // summary, five passes, and compared).
        let units = reader.units
        let n = units.count
        // The statics read once (each read of a static checks its initialisation), the first units as a 64-bit filter.
        let firsts = useMarkerFirsts, framedFirsts = framedUseMarkerFirsts, marks = useMarkerMarks
        var s = 0
        while s < n {
            let u = units[s]
            if marks & (1 &<< UInt64(u & 63)) == 0 {
                s += 1
                continue
            }
            if let k = firsts.firstIndex(of: u) {
                let m = useMarkerUnits[k]
                if s + m.count <= n && ClauseReader.holds(units, m, at: s) {
                    let object = (s + m.count)..<reader.clauseEnd(from: s + m.count)
                    if let last = reader.lastCue(in: object) {
                        return (useMarkers[k], last.word, last.label, reader.text(s..<last.end))
                    }
                }
            } else if let k = framedFirsts.firstIndex(of: u) {
                let (o, closeUnits) = framedUseMarkerUnits[k]
                if s + o.count <= n && ClauseReader.holds(units, o, at: s) {
                    let from = s + o.count
                    let end = reader.clauseEnd(from: from)
                    // The first close of each word in the clause, the earliest taken (the first word's at a tie).
                    var close: (at: Int, word: Int)?
                    for (c, cu) in closeUnits.enumerated() {
                        guard let at = reader.firstStart(of: cu, in: from..<end) else { continue }
                        if close.map({ at < $0.at }) ?? true { close = (at, c) }
                    }
                    if let close, let last = reader.lastCue(in: from..<close.at) {
                        let (open, closes) = framedUseMarkers[k]
                        return ("\(open)…\(closes[close.word])", last.word, last.label, reader.text(s..<last.end))
                    }
                }
            }
            s += 1
        }
        return nil
    }

    /// The first unit of each marker of `useMarkers` and `framedUseMarkers` (all different: `useObject` relies on it).
    static let useMarkerFirsts = useMarkerUnits.map { $0[0] }
    static let framedUseMarkerFirsts = framedUseMarkerUnits.map { $0.0[0] }
    /// Those first units as a filter (bit u mod 64).
    static let useMarkerMarks: UInt64 = (useMarkerFirsts + framedUseMarkerFirsts).reduce(0) { $0 | 1 << UInt64($1 & 63) }

    /// The strong industry cue found in the title that ends last (the longer one when two end at the same
    /// place), with its label; nil when the title has none.
    static func titleHead(_ sheet: ScoreSheet, reasonsFrom: Int, votesFrom: Int, ruleWeight: Double,
                          heads: IndustryTitleHeads) -> (word: String, label: String, because: String?)? {
        guard sheet.fields[.title] != nil, sheet.votes.count - votesFrom == sheet.reasons.count - reasonsFrom,
              let titleText = sheet.texts.first(where: { $0.field == .title }) else { return nil }
        // Only a strong cue (group weight 2 or more: a product or a use) can be the head; a weak one is often
        // a verb at the end of a title (并网发电, 人工合成) or a word too general to say what the thing is.
        let strong = 2 * titleText.weight * ruleWeight - 1e-9
        var candidates: [(word: String, label: String)] = []
        for i in 0..<(sheet.votes.count - votesFrom) {
            let reason = sheet.reasons[reasonsFrom + i]
            let vote = sheet.votes[votesFrom + i]
            if reason.field == Field.title.rawValue, vote.weight >= strong, !reason.matched.isEmpty {
                candidates.append((reason.matched, vote.label))
            }
        }
        // The title's units as its `ScoringText` read them (`ScoringText.utf16` of the same field).
        let units = titleText.originalUnits
        // A head character in the title is what makes the subject worth finding (it may end the subject only:
        // 超高强钢批量供货).
        let hasHeadChar = heads.occurs(in: units)
        // A title that goes on with a predicate (盘古气象大模型实现精准天气预报, …疫苗研发成功并应用) names the
        // achievement before it: the head is the last cue of the subject when the subject has one (read only when
        // there is a choice: two cues, or a head character).
        let cut = candidates.count > 1 || hasHeadChar ? predicateStart(in: units) : nil
        var best: (end: Int, length: Int, word: String, label: String)?
        var subject: (end: Int, length: Int, word: String, label: String)?
        for c in candidates {
            let w = Array(c.word.utf16)
            // The last place the cue ends, and the last where it ends within the subject (no list of places made).
            var last: Int?, lastInSubject: Int?
            ClauseReader.forEachStart(of: w, in: units, 0..<units.count) { start in
                let end = start + w.count
                last = end
                if let cut, end <= cut { lastInSubject = end }
                return true
            }
            guard let end = last else { continue }
            if best.map({ end > $0.end || (end == $0.end && w.count > $0.length) }) ?? true {
                best = (end, w.count, c.word, c.label)
            }
            if cut != nil, let subjectEnd = lastInSubject,
               subject.map({ subjectEnd > $0.end || (subjectEnd == $0.end && w.count > $0.length) }) ?? true {
                subject = (subjectEnd, w.count, c.word, c.label)
            }
        }
        // A one-character head of goods that ends the subject after every cue (采棉机, 破冰船, 手撕钢) names the thing.
        let chosen = subject ?? best
        if hasHeadChar, let char = heads.last(in: units, before: cut ?? units.count),
           chosen.map({ char.offset + 1 > $0.end || (cut != nil && subject == nil && $0.end > (cut ?? 0)) }) ?? true {
            let context = UTF16Text.string(units[max(0, char.offset - 3)...char.offset])
            return (char.char, char.industry,
                    "成果名称以「\(context)」收尾，中心字「\(char.char)」是GB/T 4754-2017类名词的中心字（\(char.words)），说明成果是什么，指向产业「\(char.industry)」")
        }
        return chosen.map { ($0.word, $0.label, nil) }
    }
}

extension IndustryPhrasesRule {
    /// Verbs that begin a title's predicate (…实现…, …通过验收, …入选…): what comes before them is the subject.
    static let predicateVerbs = ["实现", "完成", "通过", "获得", "获批", "荣获", "入选", "助力", "推动", "支撑", "破解",
                                 "刷新", "登上", "交付", "问世", "下线", "首飞", "研发成功", "研制成功",
                                 // A work or a product reaching a milestone (the milestones of the category's
                                 // engineering construction in pipeline.json, and delivery beside 交付).
                                 "建成", "投产", "投用", "启用", "并网", "开通", "竣工", "贯通", "合龙", "通车", "供货", "批量供货", "批量交付"]

    static let predicateVerbUnits = predicateVerbs.map { Array($0.utf16) }
    /// The verbs by their first unit, and those first units as a bitmap: a title is read once.
    static let predicateVerbsByFirst: [UInt16: [[UInt16]]] = Dictionary(grouping: predicateVerbUnits) { $0[0] }
    static let predicateMarks = HanMarks(predicateVerbUnits.map { $0[0] })

    /// Where the title's predicate begins (UTF-16 offset of the first predicate verb after the first unit, or of the
    /// two-character verb before …成功), nil when the title has none.
    static func predicateStart(in units: [UInt16]) -> Int? {
        let n = units.count
        var i = 1
        while i < n {
            let u = units[i]
            if predicateMarks.contains(u) {
                if let verbs = predicateVerbsByFirst[u] {
                    for v in verbs where i + v.count <= n && units[i..<(i + v.count)].elementsEqual(v) { return i }
                }
            }
            // …成功 after a two-character verb (轧制成功, 试产成功, 发射成功): the predicate begins with the verb.
            if i + 3 < n, units[i + 2] == successUnits[0], units[i + 3] == successUnits[1] { return i }
            i += 1
        }
        return nil
    }

    static let successUnits = Array("成功".utf16)
}

/// A summary read for the constructions of `IndustryPhrasesRule`: its UTF-16 units and where each industry cue
/// the rule found there occurs. Offsets are UTF-16 offsets into the summary.
struct ClauseReader {
    /// What ends a clause.
    static let clauseEnds = Set("，。；：！？,;!?\n".utf16)
    let units: [UInt16]
    /// Every occurrence of every cue: start, end, the word, its industry.
    let cues: [(start: Int, end: Int, word: String, label: String)]

    /// Nil when the rule found no cue in the summary (no construction can hold one).
    ///
    /// The summary is read once for all the cues whose first character is Han (a filter of those characters says where
    /// one may start), and once per other cue; at one place the cues are taken in the order of their reasons, so that
    /// of two cues over the same span the first reason's is first, as `lastCue` expects.
    /// `summaryUnits`, when given, are the summary's UTF-16 units already read (its `ScoringText`'s).
    init?(_ summary: String, units summaryUnits: [UInt16]? = nil, found: [(Reason, Vote)]) {
        // The summary's cues, their units one after the other in one buffer (an array per cue, and a list of tuples
        // holding them, were made and released per summary): per cue its first unit's place in `flat`, its length and
        // its place in `found`; Han-first cues and the others apart.
        var flat: [UInt16] = []
        var han: [(at: Int32, count: Int32, found: Int32)] = []
        var other: [(at: Int32, count: Int32, found: Int32)] = []
        for (k, (reason, _)) in found.enumerated() where reason.field == Field.summary.rawValue && !reason.matched.isEmpty {
            if flat.isEmpty { flat.reserveCapacity(64); han.reserveCapacity(found.count) }
            let at = flat.count
            Self.appendUTF16(of: reason.matched, to: &flat)
            let entry = (Int32(at), Int32(flat.count - at), Int32(k))
            if IndustryTitleHeads.isHan(flat[at]) { han.append(entry) } else { other.append(entry) }
        }
        guard !han.isEmpty || !other.isEmpty else { return nil }
        let units = summaryUnits ?? ScoringText.utf16(summary)
        self.units = units
        var cues: [(start: Int, end: Int, word: String, label: String)] = []
        cues.reserveCapacity(16)
        flat.withUnsafeBufferPointer { f in
            units.withUnsafeBufferPointer { u in
                let n = u.count
                @inline(__always) func holds(_ c: (at: Int32, count: Int32, found: Int32), at i: Int) -> Bool {
                    let at = Int(c.at), count = Int(c.count)
                    guard i + count <= n else { return false }
                    var k = 0
                    while k < count {
                        if u[i + k] != f[at + k] { return false }
                        k += 1
                    }
                    return true
                }
                if !han.isEmpty {
                    han.withUnsafeBufferPointer { hb in
                        // A 64-bit filter of the first characters (bit u mod 64): no allocation for a set built per summary.
                        var marks: UInt64 = 0
                        for c in hb { marks |= 1 &<< UInt64(f[Int(c.at)] & 63) }
                        var i = 0
                        while i < n {
                            let first = u[i]
                            if marks & (1 &<< UInt64(first & 63)) != 0 {
                                for k in 0..<hb.count where f[Int(hb[k].at)] == first && holds(hb[k], at: i) {
                                    let (reason, vote) = found[Int(hb[k].found)]
                                    cues.append((i, i + Int(hb[k].count), reason.matched, vote.label))
                                }
                            }
                            i += 1
                        }
                    }
                }
                for c in other {
                    let count = Int(c.count)
                    var i = 0
                    while i + count <= n {
                        if holds(c, at: i) {
                            let (reason, vote) = found[Int(c.found)]
                            cues.append((i, i + count, reason.matched, vote.label))
                        }
                        i += 1
                    }
                }
            }
        }
        guard !cues.isEmpty else { return nil }
        self.cues = cues
    }

    /// Appends the UTF-16 units of `s` (`s.utf16`), decoded from its UTF-8 bytes (the view's generic append cost ~400
    /// instructions a cue).
    static func appendUTF16(of s: String, to out: inout [UInt16]) {
        var s = s
        s.withUTF8 { b in
            let n = b.count
            var j = 0
            while j < n {
                let x = b[j]
                if x < 0x80 {
                    out.append(UInt16(x))
                    j += 1
                } else if x < 0xE0 {
                    out.append(UInt16(x & 0x1F) << 6 | UInt16(b[j + 1] & 0x3F))
                    j += 2
                } else if x < 0xF0 {
                    out.append(UInt16(x & 0x0F) << 12 | UInt16(b[j + 1] & 0x3F) << 6 | UInt16(b[j + 2] & 0x3F))
                    j += 3
                } else {
                    let v = (UInt32(x & 0x07) << 18 | UInt32(b[j + 1] & 0x3F) << 12 | UInt32(b[j + 2] & 0x3F) << 6 | UInt32(b[j + 3] & 0x3F)) - 0x10000
                    out.append(0xD800 | UInt16(v >> 10))
                    out.append(0xDC00 | UInt16(v & 0x3FF))
                    j += 4
                }
            }
        }
    }

    /// Where `word` starts in `units`, within `range` (a range outside `units` is cut to it).
    static func starts(of word: [UInt16], in units: [UInt16], _ range: Range<Int>) -> [Int] {
        var out: [Int] = []
        forEachStart(of: word, in: units, range) { out.append($0); return true }
        return out
    }

    /// Calls `body` with each place `starts(of:in:_:)` gives, in order, while it returns true; by pointers (the
    /// slices compared as collections cost a few hundred instructions a place).
    @inline(__always)
    static func forEachStart(of word: [UInt16], in units: [UInt16], _ range: Range<Int>, _ body: (Int) -> Bool) {
        let n = word.count
        guard n > 0, n <= range.count else { return }
        // The callers pass ranges within `units`; one reaching outside is cut to them.
        let lower = Swift.max(range.lowerBound, 0), upper = Swift.min(range.upperBound, units.count)
        units.withUnsafeBufferPointer { u in
            word.withUnsafeBufferPointer { w in
                guard let up = u.baseAddress, let wp = w.baseAddress else { return }
                let first = wp[0]
                var i = lower
                while i + n <= upper {
                    if up[i] == first {
                        var k = 1
                        while k < n && up[i + k] == wp[k] { k += 1 }
                        if k == n, !body(i) { return }
                    }
                    i += 1
                }
            }
        }
    }

    /// Whether `word` stands in `units` at `at` (`units[at..<(at + word.count)].elementsEqual(word)`, the range within
    /// `units`), compared by pointers.
    @inline(__always)
    static func holds(_ units: [UInt16], _ word: [UInt16], at: Int) -> Bool {
        units.withUnsafeBufferPointer { u in
            word.withUnsafeBufferPointer { w in
                var k = 0
                while k < w.count {
                    if u[at + k] != w[k] { return false }
                    k += 1
                }
                return true
            }
        }
    }

    /// The first of `starts(of:in:)`, nil when there is none.
    func firstStart(of word: [UInt16], in range: Range<Int>) -> Int? {
        var first: Int?
        Self.forEachStart(of: word, in: units, range) { first = $0; return false }
        return first
    }

    func starts(of word: [UInt16]) -> [Int] { Self.starts(of: word, in: units, 0..<units.count) }
    func starts(of word: [UInt16], in range: Range<Int>) -> [Int] { Self.starts(of: word, in: units, range) }

    /// Where the clause holding `i` ends (a unit of `clauseEnds`, or the end).
    func clauseEnd(from i: Int) -> Int {
        var j = i
        while j < units.count, !Self.endsClause(units[j]) { j += 1 }
        return j
    }

    /// Whether a unit is one of `clauseEnds` (a switch: the set hashed every unit read).
    @inline(__always)
    static func endsClause(_ u: UInt16) -> Bool {
        switch u {
        case 0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0x2C, 0x3B, 0x21, 0x3F, 0x0A: return true  // ，。；：！？,;!?\n
        default: return false
        }
    }

    /// The cue that ends last within `range` (the longer one when two end at the same place): a Chinese noun
    /// phrase ends with its head.
    func lastCue(in range: Range<Int>) -> (end: Int, word: String, label: String)? {
        var last: (start: Int, end: Int, word: String, label: String)?
        for c in cues where c.start >= range.lowerBound && c.end <= range.upperBound {
            if last.map({ c.end > $0.end || (c.end == $0.end && c.start < $0.start) }) ?? true { last = c }
        }
        return last.map { ($0.end, $0.word, $0.label) }
    }

    /// The summary's words in `range` (`String(decoding:as: UTF16.self)`'s string, without its generic slow path).
    func text(_ range: Range<Int>) -> String { UTF16Text.string(units[range]) }
}
