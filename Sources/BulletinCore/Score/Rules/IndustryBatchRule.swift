/// Votes 其他 for industry when the title announces a batch of institutions or projects at once: a count of them and a
/// milestone at the title's end (洛阳16个市级重大科技项目通过验收, 北京分子科学等6个国家研究中心获批组建), or a collective
/// opening or signing (…集中揭牌, …集中签约).
///
/// Industry follows what *one* achievement is used for (docs/labelling.md §4). A batch of centres or projects in
/// several fields has no single use, and the labellers give it 其他 (train r170, r225; holdout6 rq013, rq036, rq068);
/// the words of the field named for one member of the batch (重载快捷铁路货车等38个…中心) or in passing would
/// otherwise decide. A count of varieties, products or results (49个小麦品种, 12个新产品, 6项能源技术成果) is no batch
/// of institutions and is left to the vocabulary.
///
/// Reads the title's UTF-16 units once: most titles end with no milestone and are left after a few comparisons.
struct IndustryBatchRule: ScoringRule {
    static let name = "industryBatch"
    static let reads = "成果名称: a count of institutions or projects (16个…项目, 38个…中心) followed by a milestone that ends the title (通过验收, 揭牌, 签约, 获批组建), or 集中揭牌/集中签约 at its end"
    static let concludes = "votes 其他 for industry (weight 10, or one more than the best industry's lead when that is larger): a batch of platforms or projects serves no one industry"
    static let why = "Industry is what one achievement is used for (docs/labelling.md §4); a batch announced together has members in several fields, labelled 其他."
    static let phase = RulePhase.evidence

    /// The least vote (before the rule's weight): more than a title cue and its head together (4 + 2 + 2).
    static let batchWeight = 10.0
    /// Characters that count institutions (个, 家) after a numeral.
    static let counters = Set("个家".utf16)
    /// Arabic digits, full-width digits and Chinese numerals.
    static let numerals = Set("0123456789０１２３４５６７８９一二三四五六七八九十两百".utf16)
    /// The institutions or projects counted (within `countReach` units of the count).
    static let institutions = ["项目", "中心", "实验室", "研究院", "研究所", "平台"].map { Array($0.utf16) }
    /// Milestones of a platform or a project (the category 其它's) that end the title, within `milestoneReach` units
    /// after the institution.
    static let milestones = ["验收", "揭牌", "签约", "获批", "组建", "认定", "启用"].map { Array($0.utf16) }
    /// The milestones' last units: a title ending with none of them is left after one look at its last unit.
    static let milestoneEnds = milestones.compactMap { $0.last }
    /// A collective opening or signing at the title's end: a batch whatever is counted.
    static let collective = ["集中揭牌", "集中签约"].map { Array($0.utf16) }
    static let countReach = 16
    static let milestoneReach = 8
    /// What ends a clause inside a title (the count, the institution and the milestone are one clause).
    static let clauseEnds = Set("，。；,;".utf16)

    let ruleWeight: Double

    init(config: ScoringConfig, file: String) throws {
        ruleWeight = Self.weight(in: config)
    }

    func apply(to sheet: inout ScoreSheet) {
        guard let units = sheet.texts.first(where: { $0.field == .title })?.originalUnits,
              let batch = Self.batch(in: units) else { return }
        // The field words of the member the title names (重载快捷铁路货车等38个…中心) must not outvote the batch: the
        // vote is at least one more than the best industry's lead over 其他, so the tally's margin stays small and
        // the confidence asks for a review (需人工确认) whenever the words pointed elsewhere.
        let totals = sheet.labelTotals(.industry)
        let other = totals[AchievementTaxonomy.otherIndustry] ?? 0
        let lead = totals.largest(except: AchievementTaxonomy.otherIndustry) ?? 0
        let weight = max(Self.batchWeight * ruleWeight, lead - other + 1)
        sheet.vote(.industry, for: AchievementTaxonomy.otherIndustry, because: Reason(
            rule: Self.name, field: Field.title.rawValue, matched: UTF16Text.string(units[batch]),
            weight: weight,
            conclusion: "成果名称宣布的是一批机构或项目（「\(UTF16Text.string(units[batch]))」），不是一项成果的用途，产业指向「其他」"))
    }

    /// The span of the title that announces a batch (from the count, else from 集中, to the end), nil when none does.
    static func batch(in units: [UInt16]) -> Range<Int>? {
        let n = units.count
        guard let last = units.last, milestoneEnds.contains(last),
              let milestone = milestones.first(where: { ends(units, with: $0) }) else { return nil }
        let milestoneStart = n - milestone.count
        var i = 1
        while i < milestoneStart {
            if counters.contains(units[i]), numerals.contains(units[i - 1]) {
                var start = i - 1
                while start > 0, numerals.contains(units[start - 1]) { start -= 1 }
                if holdsInstitution(units, from: i + 1, to: milestoneStart) { return start..<n }
            }
            i += 1
        }
        // No count: a collective opening or signing (…集中揭牌) is a batch whatever it names.
        for c in collective where ends(units, with: c) { return (n - c.count)..<n }
        return nil
    }

    /// Whether an institution word starts within `countReach` units of `from` and ends within `milestoneReach` units
    /// of `to`, with no clause end between `from` and `to`.
    static func holdsInstitution(_ units: [UInt16], from: Int, to: Int) -> Bool {
        guard from <= to, !units[from..<to].contains(where: { clauseEnds.contains($0) }) else { return false }
        for s in from..<min(to, from + countReach + 1) {
            for w in institutions where s + w.count <= to && to - (s + w.count) <= milestoneReach
                && units[s..<(s + w.count)].elementsEqual(w) {
                return true
            }
        }
        return false
    }

    static func ends(_ units: [UInt16], with word: [UInt16]) -> Bool {
        units.count >= word.count && units[(units.count - word.count)...].elementsEqual(word)
    }
}
