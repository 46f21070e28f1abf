import Foundation

/// The columns of a review sheet's first worksheet, in order, and the hidden identity's layout.
public enum ReviewColumns {
    /// The machine's columns, first to last: what the case is and what the machine suggests.
    public static let machine = [
        "案例编号", "成果名称", "报送单位", "归口部门", "成果来源",
        "成果类别", "类别理由", "子类", "子类理由", "技术水平", "水平理由", "所属产业", "产业理由", "评分", "评分理由",
        "疑似重复",
    ]
    /// 案例编号, the column rows are matched by.
    public static let caseId = "案例编号"
    /// 调整类别.
    public static let adjustCategory = "调整类别"
    /// 调整技术水平.
    public static let adjustLevel = "调整技术水平"
    /// 调整产业.
    public static let adjustIndustry = "调整产业"
    /// 排序 (复选: the order in the bulletin).
    public static let order = "排序"
    /// 说明.
    public static let note = "说明"
    /// 审核人.
    public static let reviewer = "审核人"
    /// 拒收原因, only on a sheet of refused rows sent back.
    public static let refusal = "拒收原因"

    /// `<stage>意见`, e.g. 初选意见.
    public static func decisionHeader(stage: String) -> String { stage + "意见" }

    /// The reviewers' columns of `sheet`, in order.
    public static func reviewer(of sheet: ReviewSheet) -> [String] {
        [sheet.decisionHeader, adjustCategory, adjustLevel, adjustIndustry]
            + (sheet.hasOrderColumn ? [order] : []) + [note, reviewer]
    }

    /// Every header of `sheet`'s first worksheet, in order.
    public static func headers(of sheet: ReviewSheet) -> [String] {
        machine + reviewer(of: sheet) + (sheet.hasRefusalColumn ? [refusal] : [])
    }

    // MARK: - Hidden identity

    /// The name of the hidden worksheet holding the sheet's identity.
    public static let identitySheetName = "_bulletin"
    /// Cell A1 of the identity worksheet: what makes a workbook a review sheet.
    public static let identityMarker = "bulletin-review-sheet"
    /// The identity layout written now. A reader accepts this version and older ones.
    public static let formatVersion = 1
}

/// Text as spreadsheet programs and people leave it, made comparable.
enum ReviewText {
    /// White space of every kind: ASCII and Unicode spaces, line breaks, ideographic and no-break spaces, BOM.
    private static let space = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}\u{FEFF}"))

    /// Without surrounding white space of any kind (ideographic and no-break spaces included).
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              space.contains(first) || space.contains(last) else { return text }
        return text.trimmingCharacters(in: space)
    }

    /// The comparable form of a word: NFKC (full-width letters, digits and punctuation become half-width),
    /// every space removed, dash look-alikes as "-", and trailing sentence punctuation dropped.
    static func key(_ text: String) -> String {
        if text.isEmpty { return text }
        if let plain = plainKey(text) { return plain }
        return normalisedKey(text)
    }

    /// `key` of a text made only of printable ASCII (no space) and CJK unified ideographs (U+4E00–U+9FFF), the
    /// case ids and most decision words of a returned sheet; nil for any other text. NFKC leaves such a text as
    /// it is (neither kind has a decomposition, and with no combining mark nothing composes), no space is there
    /// to remove and no dash look-alike to map, and the only trailing punctuation it can hold is ASCII `.,;!`, as
    /// one scalar a character. So the key is the text without those at its end, found without Foundation's NFKC
    /// (`ReviewTextKeyTests` checks it against `normalisedKey` on every kind of text a sheet holds).
    static func plainKey(_ text: String) -> String? {
        var end = 0, count = 0
        for u in text.utf8 {
            count += 1
            switch u {
            case 0x21...0x7E:
                if u != UInt8(ascii: ".") && u != UInt8(ascii: ",") && u != UInt8(ascii: ";") && u != UInt8(ascii: "!") { end = count }
            case 0xE4...0xE9:
                end = count  // a lead byte of U+4000–U+9FFF; the range is checked on the scalars below
            case 0x80...0xBF:
                if end == count - 1 { end = count }  // a continuation byte of a kept character
            default:
                return nil
            }
        }
        guard text.unicodeScalars.allSatisfy({ $0.value <= 0x7E || (0x4E00...0x9FFF).contains($0.value) }) else { return nil }
        return end == count ? text : String(decoding: text.utf8.prefix(end), as: UTF8.self)
    }

    /// `key` by Foundation's NFKC, for any text.
    static func normalisedKey(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for u in text.precomposedStringWithCompatibilityMapping.unicodeScalars where !space.contains(u) {
            switch u {
            case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": scalars.append("-")
            default: scalars.append(u)
            }
        }
        var s = String(scalars)
        while let last = s.last, "。.，,；;！!、".contains(last) { s.removeLast() }
        return s
    }

    /// A whole number written as "3", "3.0", "３", " 3 " (nil for anything else, and for blank).
    static func wholeNumber(_ text: String) -> Int? {
        let k = key(text)
        if let n = Int(k) { return n }
        if let d = Double(k), d.rounded() == d, abs(d) < 1e9 { return Int(d) }
        return nil
    }
}
