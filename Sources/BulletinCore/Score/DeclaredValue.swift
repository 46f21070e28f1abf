import Foundation

/// Reads what a form declares in an optional checkbox row: a plain value (应用研究成果), a value with a
/// suffix (国际先进水平), or a row of boxes (☑应用研究成果 □基础研究成果 …) with one ticked.
enum DeclaredValue {
    /// Marks that tick a box, and marks of an empty box.
    static let ticked: Set<Character> = ["☑", "☒", "■", "√", "✓", "✔", "●", "▣", "⊠", "✗", "✘", "×"]
    static let empty: Set<Character> = ["□", "☐", "○", "◯", "▢"]

    /// Whether a value says nothing (empty, 无, /, —).
    static func isBlank(_ value: String) -> Bool {
        // Each blank word has at most three scalars, and a string equal to one (canonically) has as many; a value with
        // four printable ASCII or CJK scalars (none of them white space, none changed by `halfWidthASCII`) is none of
        // them, whatever trimming leaves (Foundation's trimming was most of this rule's cost on a filled-in row).
        var solid = 0
        for u in value.unicodeScalars where (0x21...0x7E).contains(u.value) || (0x3400...0x9FFF).contains(u.value) {
            solid += 1
            if solid == 4 { return false }
        }
        let v = TextForm.halfWidthASCII(value).trimmingCharacters(in: .whitespacesAndNewlines)
        return v.isEmpty || ["无", "/", "-", "—", "——", "暂无", "未评价", "未填", "不详", "N/A", "n/a"].contains(v)
    }

    /// 成果类别 declared.
    static func category(_ value: String) -> String? { pick(value, in: categoryNames) }

    /// 技术水平 declared.
    static func level(_ value: String) -> String? { pick(value, in: levelNames) }

    /// 所属产业 declared.
    static func industry(_ value: String) -> String? { pick(value, in: industryNames) }

    private static let categoryNames = Names([
        ("基础研究成果", "基础研究成果"), ("基础研究", "基础研究成果"),
        ("应用研究成果", "应用研究成果"), ("应用研究", "应用研究成果"),
        ("成果转移转化案例", "成果转移转化案例"), ("成果转移转化", "成果转移转化案例"), ("转移转化", "成果转移转化案例"), ("成果转化", "成果转移转化案例"),
        ("其它", "其它"), ("其他", "其它"),
    ])
    private static let levelNames = Names([
        ("国际领先", "国际领先"), ("世界领先", "国际领先"),
        ("国际先进", "国际先进"), ("世界先进", "国际先进"),
        ("国内领先", "国内领先"), ("全国领先", "国内领先"),
        ("国内先进", "国内先进"), ("全国先进", "国内先进"),
    ])
    private static let industryNames = Names(AchievementTaxonomy.industries.map { ($0, $0) } + [
        ("其它", "其他"), ("电子", "电子信息"), ("信息", "电子信息"), ("装备", "装备制造"), ("材料", "先进材料"),
        ("能源", "能源化工"), ("化工", "能源化工"), ("食品", "食品轻纺"), ("轻纺", "食品轻纺"), ("纺织", "食品轻纺"),
        ("医药", "医药健康"), ("健康", "医药健康"), ("农业", "现代农业"),
    ])

    /// A list of names in the order `pick` tries them (longest first) with their Characters, made once per run
    /// rather than sorted and split again for every declared value.
    struct Names: Sendable {
        let entries: [(name: [Character], label: String)]
        init(_ names: [(name: String, label: String)]) {
            entries = names.sorted(by: { $0.name.count > $1.name.count }).map { (Array($0.name), $0.label) }
        }
    }

    /// Finds the names in a value (longest first, without overlaps). One name → it; several → the one
    /// ticked (exactly one), else nil.
    static func pick(_ value: String, in names: Names) -> String? {
        let text = Array(TextForm.halfWidthASCII(value))
        var taken = Array(repeating: false, count: text.count)
        var found: [(label: String, at: Int)] = []
        for (n, label) in names.entries {
            guard n.count <= text.count else { continue }
            var i = 0
            while i + n.count <= text.count {
                if text[i..<(i + n.count)].elementsEqual(n), !taken[i..<(i + n.count)].contains(true) {
                    for k in i..<(i + n.count) { taken[k] = true }
                    found.append((label, i))
                    i += n.count
                } else {
                    i += 1
                }
            }
        }
        let labels = Set(found.map(\.label))
        if labels.count == 1 { return labels.first }
        guard labels.count > 1 else { return nil }
        // A row of boxes: the mark just before a name says whether it is ticked.
        let tickedLabels = Set(found.filter { f in
            var j = f.at - 1
            while j >= 0, text[j] == " " { j -= 1 }
            return j >= 0 && ticked.contains(text[j])
        }.map(\.label))
        return tickedLabels.count == 1 ? tickedLabels.first : nil
    }
}
