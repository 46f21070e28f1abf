import Foundation

/// One-character heads of goods: a title whose name ends with 机, 船, 钢, 纸 … says what kind of thing the achievement
/// is even when no cue word names it (国产四行箱式采棉机, 极地科考破冰船雪龙2号, 超薄手撕钢, 高蓬松生活用纸).
///
/// The table is derived, not chosen: `python3 tools/industry_words.py --title-heads` writes
/// `data/industry-title-heads.tsv` from the class names of GB/T 4754-2017 that make goods (门类 A–D): a character
/// is a head of an industry when the use words of 4-digit classes end with it at least twice, three quarters of
/// them in that industry (机: 拖拉机, 汽轮机, 飞机 … of C34–C38 装备制造), less `gbt4754.headStopChars` (characters
/// that also end common words which are not goods: 制 of 机制, 气 of 大气). A test checks this table against the file.
enum IndustryTitleHeads {
    /// Character → (industry, the class words ending with it, shortened for the reason).
    static let table: [Character: (industry: String, words: String)] = [
        "草": ("现代农业", "烟草、草、天然草原割草"), "苗": ("现代农业", "林木育苗、种子种苗、鱼苗"),
        "械": ("装备制造", "农业机械、铸造机械、金属加工机械…"), "煤": ("能源化工", "烟煤、无烟煤、褐煤"),
        "矿": ("先进材料", "铁矿、锰矿、铬矿…"),
        "酒": ("食品轻纺", "白酒、啤酒、黄酒…"), "汁": ("食品轻纺", "果菜汁、墨汁"),
        "纱": ("食品轻纺", "棉纺纱、纺纱"),
        "鞋": ("食品轻纺", "纺织面料鞋、皮鞋、塑料鞋…"), "浆": ("食品轻纺", "木竹浆、非木竹浆"),
        "纸": ("食品轻纺", "机制纸、手工纸、加工纸…"), "毯": ("食品轻纺", "地毯、挂毯"), "肥": ("能源化工", "氮肥、磷肥、钾肥"),
        "胶": ("先进材料", "合成橡胶、再生橡胶、运动场地用塑胶"), "璃": ("先进材料", "平板玻璃、特种玻璃、玻璃…"),
        "瓷": ("先进材料", "陈设艺术陶瓷、园艺陶瓷"), "钢": ("先进材料", "炼钢、钢"), "炉": ("装备制造", "锅炉、烘炉、熔炉…"),
        "机": ("装备制造", "内燃机、汽轮机、水轮机…"), "辆": ("装备制造", "生产专用车辆、铁路机车车辆、窄轨机车车辆"),
        "疗": ("医药健康", "医疗、机械治疗"), "车": ("装备制造", "汽柴油车整车、新能源车整车、改装汽车…"),
        "舶": ("装备制造", "金属船舶、非金属船舶、船舶"), "船": ("装备制造", "娱乐船、运动船"),
    ]
    static let unitTable: [UInt16: (industry: String, words: String)] = {
        var out: [UInt16: (industry: String, words: String)] = [:]
        for (c, v) in table { if let u = String(c).utf16.first { out[u] = v } }
        return out
    }()
    /// What may follow a head in a title: the rest of a title names the work on the thing or the thing's name.
    static let tails = ["关键技术", "技术", "及", "与", "和", "项目", "研制", "研发", "首", "系列", "产业化", "的", "在", "国产"]
        .map { Array($0.utf16) }

    static func isHan(_ u: UInt16) -> Bool { u >= 0x4E00 && u <= 0x9FFF }

    /// The last head character in `units[0..<end]` that ends a compound (a Han character before it) and is followed by
    /// the end, a character that is not Han (a quote, a digit), a tail word (关键技术, 首批 …) or a short name
    /// (国信1号, 雪龙2号): its offset, character and table entry. Nil when there is none.
    static func last(in units: [UInt16], before end: Int) -> (offset: Int, char: String, industry: String, words: String)? {
        var p = end - 1
        while p >= 1 {
            if let entry = unitTable[units[p]], isHan(units[p - 1]), endsNoun(units, after: p + 1, end: end) {
                return (p, String(decoding: [units[p]], as: UTF16.self), entry.industry, entry.words)
            }
            p -= 1
        }
        return nil
    }

    static func endsNoun(_ units: [UInt16], after q: Int, end: Int) -> Bool {
        if q >= end || !isHan(units[q]) { return true }
        for t in tails where q + t.count <= end && units[q..<(q + t.count)].elementsEqual(t) { return true }
        // A name after the thing: up to four Han characters, then a digit or 号 (国信1号, 雪龙2号).
        var k = q
        while k < end, k - q < 4, isHan(units[k]), units[k] != 0x53F7 { k += 1 }
        return k > q && k < end && ((units[k] >= 0x30 && units[k] <= 0x39) || units[k] == 0x53F7)
    }
}
