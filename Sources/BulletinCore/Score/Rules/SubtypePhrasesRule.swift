import Foundation

/// Votes for a subtype (and so for its category) from what the achievement is (论文, 专著, 关键技术 …).
struct SubtypePhrasesRule: ScoringRule {
    static let name = "subtypePhrases"
    static let reads = "成果名称 and 案例简介: the phrases and patterns of scoring.subtypes"
    static let concludes = "votes for a subtype, which also count for the subtype's category"
    static let why = "The plan names seven kinds of achievement (论文, 专著, 关键技术, 创新产品, 生物品种, 发明专利, 标准); a summary says which one it is."
    static let phase = RulePhase.evidence

    let voter: CueVoter
    /// The groups marked `titleOnly`, read in the title alone: each phrase is a head noun (…处理器, …面料, 大模型…)
    /// that counts when it closes the title, optionally followed by a name (“…” or letters and digits), 系列 and
    /// 发布/问世/亮相, in a title that names no method (`methodWords`). Literal phrases are found by the one-pass
    /// matcher; a regular expression anchored at both ends of the title cost about 14,000 instructions a submission.
    let titleHeads: [(phrases: CueList, label: String, weight: Double)]
    /// The patterns of the `titleOnly` groups, read in the title alone: a head and the predicate after it, which the
    /// head nouns cannot say (…电子玻璃成功拉引, …组件效率19.64%, …技术及首台套示范线; labelling.md §6, round 15).
    /// The pattern decides by itself, method words or not; the title is short, so searching it costs little.
    let titlePatterns: TitleCueGroups
    let methodCues: [CompiledCue]
    let ruleWeight: Double

    /// Words that make a title name a method rather than a product (…法, 基于…的…, …技术与装备).
    static let methodWords = ["技术", "方法", "工艺", "策略", "模式", "机理", "机制", "法", "基于"]

    init(config: ScoringConfig, file: String) throws {
        // Title-only groups are kept in place, empty, so that errors and reasons keep the groups' places.
        let everywhere = config.subtypes.map { $0.titleOnly == true ? ScoringConfig.CueGroup(label: $0.label, weight: $0.weight) : $0 }
        voter = try CueVoter(rule: Self.name, groups: everywhere, section: "scoring.subtypes",
                             dimension: .subtype, weight: Self.weight(in: config), countsAsEvidence: false,
                             leadWeight: config.decision.leadSentenceWeight, file: file)
        titleHeads = try config.subtypes.enumerated().filter { $0.element.titleOnly == true }.map { i, g in
            (CueList(try compilePhrases(g.phrases, path: "scoring.subtypes[\(i)].phrases", file: file)), g.label, g.weight)
        }
        titlePatterns = try TitleCueGroups(config.subtypes, section: "scoring.subtypes", phrases: false, file: file)
        methodCues = try compilePhrases(Self.methodWords, path: "SubtypePhrasesRule.methodWords", file: file)
        ruleWeight = Self.weight(in: config)
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet)
        if !titlePatterns.isEmpty {
            titlePatterns.apply(to: &sheet, dimension: .subtype, rule: Self.name, ruleWeight: ruleWeight) { label, _, words in
                "成果名称以中心词及其谓语收尾，说明成果是什么：" + CueVoter.conclusion(.subtype, label, cue: words, evidence: false)
            }
        }
        guard !titleHeads.isEmpty else { return }
        for text in sheet.texts where text.field == .title {
            for g in titleHeads.indices {
                var head: NSRange?
                let phrases = titleHeads[g].phrases
                // A literal the title's scan knew and did not find is passed over without touching its cue.
                for c in phrases.indices where phrases.mayFind(c, in: text) {
                    // The last place of the first head noun that closes the title (most titles hold none).
                    guard let last = Self.found(phrases.cues[c], in: text).last else { continue }
                    let end = last.location + last.length
                    if Self.closesTitle(text.units[end...]) { head = last; break }
                }
                guard let head else { continue }
                // Method words, through the one-pass matcher's findings (String.contains on Linux goes through NSString).
                guard !methodCues.indices.contains(where: { !Self.found(methodCues[$0], in: text).isEmpty }) else { return }
                let words = text.words(NSRange(location: head.location, length: text.length - head.location))
                let label = titleHeads[g].label
                let conclusion = "成果名称的中心词说明成果是什么：" + CueVoter.conclusion(.subtype, label, cue: words, evidence: false)
                let reason = Reason(rule: Self.name, field: text.field.rawValue, matched: words,
                                    weight: titleHeads[g].weight * text.weight * ruleWeight, conclusion: conclusion)
                sheet.vote(.subtype, for: label, because: reason)
            }
        }
    }

    /// The places of a literal cue, asking the text's one-pass scan first (most head nouns are not in a title).
    static func found(_ cue: CompiledCue, in text: ScoringText) -> [NSRange] {
        var out: [NSRange] = []
        cue.appendRanges(in: text, to: &out)
        return out
    }

    /// Commas, stops, brackets and quotes (half-width and full-width), which end a name.
    static let nameStops: [UInt16] = [0x2C, 0x28, 0x29, 0xFF0C, 0x3002, 0x3001, 0x201C, 0x201D, 0xFF08, 0xFF09]

    /// Whether what follows a head noun still leaves it the title's head: nothing, or a name (“…”, or 2–20
    /// characters that are neither Chinese nor a comma, stop or bracket: SegGPT, KX-7000N), then 系列, then
    /// 发布/问世/亮相, each optional, in that order. On the title's half-width UTF-16 units (String comparisons of
    /// Chinese cost about 10,000 instructions a call).
    static func closesTitle(_ rest: ArraySlice<UInt16>) -> Bool {
        var t = rest
        while t.first == 0x20 { t = t.dropFirst() }
        while t.last == 0x20 { t = t.dropLast() }
        for closer: [UInt16] in [[0x53D1, 0x5E03], [0x95EE, 0x4E16], [0x4EAE, 0x76F8]] where t.count >= 2 && t.suffix(2).elementsEqual(closer) {
            t = t.dropLast(2); break
        }
        if t.count >= 2 && t.suffix(2).elementsEqual([0x7CFB, 0x5217]) { t = t.dropLast(2) }  // 系列
        if t.isEmpty { return true }
        if t.first == 0x201C, t.last == 0x201D, (3...22).contains(t.count) { return !t.dropFirst().dropLast().contains(0x201D) }
        return (2...20).contains(t.count) && !t.contains { (0x4E00...0x9FFF).contains($0) || Self.nameStops.contains($0) }
    }
}
