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
    let titleHeads: [(phrases: [CompiledCue], label: String, weight: Double)]
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
            (try compilePhrases(g.phrases, path: "scoring.subtypes[\(i)].phrases", file: file), g.label, g.weight)
        }
        ruleWeight = Self.weight(in: config)
    }

    func apply(to sheet: inout ScoreSheet) {
        voter.apply(to: &sheet)
        guard !titleHeads.isEmpty else { return }
        for text in sheet.texts where text.field == .title {
            let title = text.normalised
            guard !Self.methodWords.contains(where: { title.contains($0) }) else { continue }
            for head in titleHeads {
                for cue in head.phrases {
                    guard let last = cue.ranges(in: text).last else { continue }
                    let end = last.location + last.length
                    guard Self.closesTitle(text.words(NSRange(location: end, length: text.length - end))) else { continue }
                    let words = text.words(NSRange(location: last.location, length: text.length - last.location))
                    let conclusion = "成果名称的中心词说明成果是什么：" + CueVoter.conclusion(.subtype, head.label, cue: words, evidence: false)
                    let reason = Reason(rule: Self.name, field: text.field.rawValue, matched: words,
                                        weight: head.weight * text.weight * ruleWeight, conclusion: conclusion)
                    sheet.vote(.subtype, for: head.label, because: reason)
                    break
                }
            }
        }
    }

    /// Whether what follows a head noun still leaves it the title's head: nothing, or a name (“…”, or 2–20
    /// characters that are not Chinese: SegGPT, KX-7000N), then 系列, then 发布/问世/亮相, each optional, in that order.
    static func closesTitle(_ rest: String) -> Bool {
        var t = Substring(rest.trimmingCharacters(in: .whitespaces))
        for closer in ["发布", "问世", "亮相"] where t.hasSuffix(closer) { t = t.dropLast(closer.count); break }
        if t.hasSuffix("系列") { t = t.dropLast(2) }
        if t.isEmpty { return true }
        if t.hasPrefix("“"), t.hasSuffix("”"), (3...22).contains(t.count) { return !t.dropFirst().dropLast().contains("”") }
        return (2...20).contains(t.count) && !t.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || "，。、“”（）".unicodeScalars.contains($0) }
    }
}
