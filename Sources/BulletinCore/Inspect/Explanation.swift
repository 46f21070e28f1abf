/// A reviewer's reading of why a case got its category, subtype, level, industry and score.
public enum Explanation {
    /// The explanation as text: the conclusions first, then every rule finding grouped by rule, then flags.
    public static func text(title: String, assessment a: Assessment, classified: Bool) -> String {
        var t = "成果名称 \(title)\(classified ? "（涉密：不进入任何公开文件）" : "")\n"
        t += "  成果类别 \(a.category.isEmpty ? "—" : a.category)\(a.subtype.isEmpty ? "" : "（\(a.subtype)）")\n"
        t += "  技术水平 \(a.level.isEmpty ? "—（未声明或未采信）" : a.level)\n"
        t += "  所属产业 \(a.industry.isEmpty ? "—" : a.industry)\n"
        t += "  得分 \(format(a.score))\(a.eligible ? "" : "（不符合条件，不参与遴选）")\n"
        var order: [String] = []
        var byRule: [String: [Reason]] = [:]
        for r in a.reasons {
            if byRule[r.rule] == nil { order.append(r.rule) }
            byRule[r.rule, default: []].append(r)
        }
        if !order.isEmpty { t += "  依据 (rule · field · words · weight):\n" }
        for rule in order {
            t += "    \(rule)\n"
            for r in byRule[rule] ?? [] {
                var line = "      "
                if !r.field.isEmpty { line += "[\(r.field)] " }
                if !r.matched.isEmpty { line += "«\(r.matched)» " }
                if r.weight != 0 { line += "(\(r.weight > 0 ? "+" : "")\(format(r.weight))) " }
                line += r.conclusion
                t += line + "\n"
            }
        }
        for f in a.flags { t += "  ⚑ \(f)\n" }
        return t
    }

    static func format(_ v: Double) -> String {
        v.rounded() == v ? String(Int(v)) : String(format: "%.2f", v)
    }
}

import Foundation
