import OOXML

/// Automatic list numbering (`word/numbering.xml`): the label Word draws before a numbered paragraph —
/// `1.`, `（一）`, `①`, `a)` — counted as Word counts, so that text reads as it is shown.
struct DocxNumbering: Sendable {
    /// One level of a list definition.
    struct Level: Sendable {
        var format = "decimal"
        var text = ""
        var start = 1
        /// Text after the label: `\t` (Word's default), a space or nothing.
        var suffix = "\t"
        var legal = false
        /// Font of the label, when a symbol font draws the bullet.
        var font: String?
    }

    /// Largest start value believed (a hostile file's huge one would overflow the counters).
    static let maxStart = 1_000_000

    private var abstracts: [String: [Int: Level]] = [:]
    /// numId → its abstract definition and per-level overrides (start values, whole levels).
    private var instances: [String: (abstract: String, starts: [Int: Int], levels: [Int: Level])] = [:]
    /// Paragraph style id → the numbering it applies (through `w:basedOn`).
    private var styleNumbering: [String: (numId: String?, level: Int?)] = [:]
    private var styleParents: [String: String] = [:]

    /// Current counters per abstract definition, by level.
    private var counters: [String: [Int: Int]] = [:]
    private var overridesApplied: Set<String> = []

    init(numbering: XMLElement?, styles: XMLElement?) {
        if let numbering { readNumbering(numbering) }
        if let styles { readStyles(styles) }
    }

    var isEmpty: Bool { instances.isEmpty }

    // MARK: - Labels

    /// The label of the paragraph with properties `pPr`, advancing the counters; nil when not numbered.
    mutating func label(for pPr: XMLElement?) -> String? {
        guard !instances.isEmpty else { return nil }
        let direct = pPr?.wordChild("numPr")
        var numId = direct?.wordChild("numId")?.wordAttribute("val")
        var level = direct?.wordChild("ilvl")?.wordIntValue
        if numId == nil, let style = pPr?.wordChild("pStyle")?.wordAttribute("val") {
            let fromStyle = styleNumbering(style)
            numId = fromStyle.numId
            level = level ?? fromStyle.level
        }
        guard let numId, numId != "0", let instance = instances[numId] else { return nil }
        let ilvl = min(max(level ?? 0, 0), 8)
        guard let definition = instance.levels[ilvl] ?? abstracts[instance.abstract]?[ilvl] else { return nil }
        var count = counters[instance.abstract] ?? [:]
        if !overridesApplied.contains(numId) {
            overridesApplied.insert(numId)
            for (l, start) in instance.starts { count[l] = start - 1 }
        }
        count[ilvl] = min((count[ilvl] ?? (definition.start - 1)) + 1, Int(Int32.max))
        for deeper in (ilvl + 1)...9 { count[deeper] = nil }
        counters[instance.abstract] = count
        var label = ""
        let chars = Array(definition.text)
        var i = 0
        while i < chars.count {
            if chars[i] == "%", i + 1 < chars.count, let d = chars[i + 1].wholeNumberValue, (1...9).contains(d) {
                let l = d - 1
                let levelDefinition = instance.levels[l] ?? abstracts[instance.abstract]?[l] ?? Level()
                let value = count[l] ?? levelDefinition.start
                let format = (definition.legal && l < ilvl) ? "decimal" : levelDefinition.format
                label += DocxNumberFormat.format(value, as: format)
                i += 2
            } else {
                label.append(chars[i])
                i += 1
            }
        }
        if definition.format == "bullet", let font = definition.font, DocxSymbolFonts.isSymbolFont(font) {
            label = label.unicodeScalars.map { DocxSymbolFonts.character($0.value, font: font) ?? "" }.joined()
        }
        if definition.format == "none" && label.isEmpty { return nil }
        return label + definition.suffix
    }

    private func styleNumbering(_ style: String) -> (numId: String?, level: Int?) {
        var current: String? = style
        var seen: Set<String> = []
        while let id = current, !seen.contains(id) {
            seen.insert(id)
            if let found = styleNumbering[id], found.numId != nil { return found }
            current = styleParents[id]
        }
        return (nil, nil)
    }

    // MARK: - Reading the parts

    private mutating func readNumbering(_ root: XMLElement) {
        for case .element(let e) in root.children where e.isWordElement {
            if e.name == "abstractNum", let id = e.wordAttribute("abstractNumId") {
                var levels: [Int: Level] = [:]
                for case .element(let lvl) in e.children where lvl.isWord("lvl") {
                    if let l = lvl.wordAttribute("ilvl").flatMap({ Int($0) }) { levels[l] = Self.level(lvl) }
                }
                abstracts[id] = levels
            } else if e.name == "num", let id = e.wordAttribute("numId"),
                      let abstract = e.wordChild("abstractNumId")?.wordAttribute("val") {
                var starts: [Int: Int] = [:]
                var levels: [Int: Level] = [:]
                for case .element(let o) in e.children where o.isWord("lvlOverride") {
                    guard let l = o.wordAttribute("ilvl").flatMap({ Int($0) }) else { continue }
                    if let start = o.wordChild("startOverride")?.wordIntValue { starts[l] = min(start, Self.maxStart) }
                    if let lvl = o.wordChild("lvl") { levels[l] = Self.level(lvl) }
                }
                instances[id] = (abstract, starts, levels)
            }
        }
    }

    private mutating func readStyles(_ root: XMLElement) {
        for case .element(let style) in root.children where style.isWord("style") {
            guard style.wordAttribute("type") == "paragraph", let id = style.wordAttribute("styleId") else { continue }
            if let parent = style.wordChild("basedOn")?.wordAttribute("val") { styleParents[id] = parent }
            if let numPr = style.wordChild("pPr")?.wordChild("numPr") {
                styleNumbering[id] = (numPr.wordChild("numId")?.wordAttribute("val"), numPr.wordChild("ilvl")?.wordIntValue)
            }
        }
    }

    private static func level(_ lvl: XMLElement) -> Level {
        var level = Level()
        if let format = lvl.wordChild("numFmt")?.wordAttribute("val") { level.format = format }
        level.text = lvl.wordChild("lvlText")?.wordAttribute("val") ?? ""
        level.start = min(lvl.wordChild("start")?.wordIntValue ?? 1, Self.maxStart)
        switch lvl.wordChild("suff")?.wordAttribute("val") {
        case "space": level.suffix = " "
        case "nothing": level.suffix = ""
        default: level.suffix = "\t"
        }
        level.legal = lvl.wordChild("isLgl")?.isOn ?? false
        level.font = lvl.wordChild("rPr")?.wordChild("rFonts")?.wordAttribute("ascii")
        return level
    }
}
