import Foundation
@testable import BulletinCore
import Testing

/// `DeclaredValue` with its name lists sorted and split once per run and the blank test's short cut, against the code
/// it replaced (kept here as the oracle): the same answer for every value of a table of rows as forms fill them in.
struct DeclaredValueOnceTests {
    /// The former `pick`: names sorted and split into Characters at every call, windows compared as new arrays.
    static func oldPick(_ value: String, names: [(name: String, label: String)]) -> String? {
        let text = Array(TextForm.halfWidthASCII(value))
        var taken = Array(repeating: false, count: text.count)
        var found: [(label: String, at: Int)] = []
        for (name, label) in names.sorted(by: { $0.name.count > $1.name.count }) {
            let n = Array(name)
            guard n.count <= text.count else { continue }
            var i = 0
            while i + n.count <= text.count {
                if Array(text[i..<(i + n.count)]) == n, !taken[i..<(i + n.count)].contains(true) {
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
        let tickedLabels = Set(found.filter { f in
            var j = f.at - 1
            while j >= 0, text[j] == " " { j -= 1 }
            return j >= 0 && DeclaredValue.ticked.contains(text[j])
        }.map(\.label))
        return tickedLabels.count == 1 ? tickedLabels.first : nil
    }

    /// The former `isBlank`.
    static func oldIsBlank(_ value: String) -> Bool {
        let v = TextForm.halfWidthASCII(value).trimmingCharacters(in: .whitespacesAndNewlines)
        return v.isEmpty || ["无", "/", "-", "—", "——", "暂无", "未评价", "未填", "不详", "N/A", "n/a"].contains(v)
    }

    static let levels: [(name: String, label: String)] = [
        ("国际领先", "国际领先"), ("世界领先", "国际领先"), ("国际先进", "国际先进"), ("世界先进", "国际先进"),
        ("国内领先", "国内领先"), ("全国领先", "国内领先"), ("国内先进", "国内先进"), ("全国先进", "国内先进"),
    ]
    static let categories: [(name: String, label: String)] = [
        ("基础研究成果", "基础研究成果"), ("基础研究", "基础研究成果"), ("应用研究成果", "应用研究成果"), ("应用研究", "应用研究成果"),
        ("成果转移转化案例", "成果转移转化案例"), ("成果转移转化", "成果转移转化案例"), ("转移转化", "成果转移转化案例"), ("成果转化", "成果转移转化案例"),
        ("其它", "其它"), ("其他", "其它"),
    ]
    static let industries: [(name: String, label: String)] = AchievementTaxonomy.industries.map { ($0, $0) } + [
        ("其它", "其他"), ("电子", "电子信息"), ("信息", "电子信息"), ("装备", "装备制造"), ("材料", "先进材料"),
        ("能源", "能源化工"), ("化工", "能源化工"), ("食品", "食品轻纺"), ("轻纺", "食品轻纺"), ("纺织", "食品轻纺"),
        ("医药", "医药健康"), ("健康", "医药健康"), ("农业", "现代农业"),
    ]

    static let values: [String] = [
        "", " ", "无", " 无 ", "\u{3000}无\u{3000}", "/", "／", "-", "－", "—", "——", "暂无", "未评价", "未填", "不详", "N/A", "n/a",
        "Ｎ/Ａ", " N/A\n", "无无", "无 无", "N/A.", "NA", "未评价。", "e\u{301}", "\u{F9F1}", "无\u{301}",
        "国际领先", "国际领先水平", "总体达到国际先进水平", "☑国际领先 □国际先进 □国内领先 □国内先进", "□国际领先 ☑国际先进 □国内领先",
        "■国内领先□国内先进", "☑ 国内领先  ☑ 国内先进", "□国际领先 □国际先进", "世界领先", "全国先进水平", "国际领先/国际先进",
        "☑基础研究成果 □应用研究成果 □成果转移转化案例 □其它", "应用研究", "成果转化案例", "√成果转移转化 □基础研究", "其他",
        "☑电子信息 □装备制造 □先进材料", "新能源材料", "医药健康", "食品、轻纺", "现代农业 ✓", "✓现代农业 □医药健康",
        "ＡＢＣ", "abcd", "a b c", "   四川大学   ", "国\u{3000}际\u{3000}领\u{3000}先", "国际领先\u{301}",
    ]

    @Test func pickAnswersAsBeforeForEveryRow() {
        for v in Self.values {
            #expect(DeclaredValue.level(v) == Self.oldPick(v, names: Self.levels), "\(v.debugDescription)")
            #expect(DeclaredValue.category(v) == Self.oldPick(v, names: Self.categories), "\(v.debugDescription)")
            #expect(DeclaredValue.industry(v) == Self.oldPick(v, names: Self.industries), "\(v.debugDescription)")
        }
        #expect(DeclaredValue.level("□国际领先 ☑国际先进 □国内领先") == "国际先进")
    }

    @Test func isBlankAnswersAsBefore() {
        for v in Self.values {
            #expect(DeclaredValue.isBlank(v) == Self.oldIsBlank(v), "\(v.debugDescription)")
        }
        #expect(DeclaredValue.isBlank(" 暂无 "))
        #expect(!DeclaredValue.isBlank("国际领先"))
    }
}
