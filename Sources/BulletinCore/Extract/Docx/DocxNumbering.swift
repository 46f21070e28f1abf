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
    private(set) var styleNumbering: [String: (numId: String?, level: Int?)] = [:]
    private(set) var styleParents: [String: String] = [:]

    /// Current counters per abstract definition, by level.
    private var counters: [String: [Int: Int]] = [:]
    private var overridesApplied: Set<String> = []

    /// No numbering: no paragraph gets a label.
    init() {}

    /// Reads the numbering part, streaming, and from the styles part only the paragraph styles the document
    /// uses (`usedStyles`) and the styles they are based on: their numbering and `basedOn`. Word's styles part
    /// is 349 KB, of which a form uses a handful of styles; those are sliced out (`XMLFragments`) and read
    /// alone, and the whole part is read (streaming) only when it cannot be sliced safely. `styles` may be the
    /// start of the part only, as far as `stylesComplete` asked for (a style id that occurs twice is then
    /// read where it first occurs). Throws `XMLError`
    /// for a malformed part; `failedPart` then says which (`"numbering"` or `"styles"`).
    /// `styled`, when given, holds the styles already read from `styles` (by `stylesComplete`).
    /// `numIdsNamed`, when given, holds every `w:numId` value the parts to be walked name (found in their bytes):
    /// of the numbering part only the `w:num` with those ids (or a style's) and the `w:abstractNum` they use are
    /// then parsed, when the rest of the part checks out (`XMLTopLevelElements`); nil reads the whole part.
    init(numbering: [UInt8]?, styles: [UInt8]?, usedStyles: Set<String>, styled: DocxNumbering? = nil, numIdsNamed: Set<String>? = nil,
         maxDepth: Int, failedPart: inout String) throws {
        if let numbering {
            failedPart = "numbering"
            var sliced = false
            // The styles' numbering must be known first: read already (`styled`), or no styles part.
            if let numIdsNamed, styled != nil || styles == nil {
                let named = numIdsNamed.union((styled?.styleNumbering.values).map { $0.compactMap { $0.numId } } ?? [])
                if let part = Self.slice(numbering, naming: named, maxDepth: maxDepth), let cursor = XMLArenaCursor(bytes: part, maxDepth: maxDepth) {
                    var probe = DocxNumbering()
                    if (try? probe.readNumbering(cursor)) != nil {
                        abstracts = probe.abstracts
                        instances = probe.instances
                        sliced = true
                    }
                }
            }
            if !sliced { try readNumbering(Self.reader(numbering, maxDepth: maxDepth)) }
        }
        if let styled {
            styleParents = styled.styleParents
            styleNumbering = styled.styleNumbering
        } else if let styles {
            failedPart = "styles"
            guard let index = XMLFragments.Index(bytes: styles, attribute: "styleId"),
                  try readStyles(usedStyles, from: index, maxDepth: maxDepth) != .unsafe else {
                styleParents = [:]
                styleNumbering = [:]
                try readStyles(Self.reader(styles, maxDepth: maxDepth))
                return
            }
        }
    }

    /// The numbering part cut down to what a document naming `numIds` can use: every element under the root but
    /// the `w:num` with other ids and the `w:abstractNum` no kept `w:num` uses, in order. Nil when the part does
    /// not check out (`XMLTopLevelElements`) or an id is written with a reference or a line break (which a
    /// parser would turn into something else): then the whole part is read.
    static func slice(_ numbering: [UInt8], naming numIds: Set<String>, maxDepth: Int) -> [UInt8]? {
        func plain(_ value: String) -> Bool {
            !value.utf8.contains { $0 == UInt8(ascii: "&") || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        }
        guard numIds.allSatisfy(plain), let top = XMLTopLevelElements(bytes: numbering, maxDepth: maxDepth) else { return nil }
        var keep = [Bool](repeating: true, count: top.elements.count)
        var abstractIds: Set<String> = []
        for (k, element) in top.elements.enumerated() where top.localName(of: element) == "num" {
            let ids = top.attributeValues("numId", of: element)
            guard ids.allSatisfy(plain) else { return nil }
            guard ids.contains(where: numIds.contains) else {
                keep[k] = false
                continue
            }
            let uses = ByteSearch.attributeValues(afterElementNamed: "abstractNumId", attribute: "val", in: top.bytes(of: element))
            guard uses.allSatisfy(plain) else { return nil }
            abstractIds.formUnion(uses)
        }
        for (k, element) in top.elements.enumerated() where top.localName(of: element) == "abstractNum" {
            let ids = top.attributeValues("abstractNumId", of: element)
            guard ids.allSatisfy(plain) else { return nil }
            if !ids.contains(where: abstractIds.contains) { keep[k] = false }
        }
        return top.document(keeping: top.elements.indices.filter { keep[$0] }.map { top.elements[$0] })
    }

    /// What reading the styles a document uses from an index found.
    enum StylesFound { case all, someMissing, unsafe }

    /// Reads the styles `used` names and those they are based on from the index's slices.
    private mutating func readStyles(_ used: Set<String>, from index: XMLFragments.Index, maxDepth: Int) throws -> StylesFound {
        var batched = self
        if let found = batched.readStylesBatched(used, from: index, maxDepth: maxDepth) {
            self = batched
            return found
        }
        var wanted = used.sorted()
        var read: Set<String> = []
        var found = StylesFound.all
        while let id = wanted.popLast() {
            guard read.insert(id).inserted else { continue }
            guard let fragments = index.elements(withValue: id) else { return .unsafe }
            if fragments.isEmpty { found = .someMissing }
            for fragment in fragments { try readStyles(Self.reader(fragment, maxDepth: maxDepth), only: id) }
            if let parent = styleParents[id], !read.contains(parent) { wanted.append(parent) }
        }
        return found
    }

    /// Reads what `readStyles(_:from:maxDepth:)` reads, one round of styles at a time (those named, then their
    /// parents …), each round's slices in one small document and one parse instead of one parse per style.
    /// Nil when a slice is unsafe or a round does not parse cleanly: then the styles are read one by one, which
    /// says what is wrong exactly as before.
    private mutating func readStylesBatched(_ used: Set<String>, from index: XMLFragments.Index, maxDepth: Int) -> StylesFound? {
        if let found = readStylesOneParse(used, from: index, maxDepth: maxDepth) { return found }
        return readStylesInRounds(used, from: index, maxDepth: maxDepth)
    }

    /// What `readStylesInRounds` reads, in one parse: the parents are first found in the slices' bytes
    /// (`basedOn w:val`), all the slices are read in one small document, and the rounds are then followed
    /// through the parents as read; only the styles those rounds reach are kept. Nil when this cannot be sure
    /// to give the same result (a slice unsafe, the document not parsing cleanly, a parent the bytes did not
    /// show): then the rounds are read one parse each, as before.
    mutating func readStylesOneParse(_ used: Set<String>, from index: XMLFragments.Index, maxDepth: Int) -> StylesFound? {
        var slicesOf: [String: [Range<Int>]] = [:]
        var ranges: [Range<Int>] = []
        var owners: [String] = []
        var wanted = used.sorted()
        while let id = wanted.popLast() {
            guard slicesOf[id] == nil else { continue }
            guard let slices = index.elementRanges(withValue: id) else { return nil }
            slicesOf[id] = slices
            for slice in slices {
                ranges.append(slice)
                owners.append(id)
                let parents = ByteSearch.attributeValues(afterElementNamed: "basedOn", attribute: "val", in: index.bytes(in: slice))
                wanted += parents.sorted().reversed()
            }
        }
        var probe = DocxNumbering()
        if !ranges.isEmpty {
            guard let cursor = XMLArenaCursor(bytes: index.document(holding: ranges), maxDepth: maxDepth),
                  (try? probe.readStyles(cursor, owners: owners)) == true else { return nil }
        }
        // The rounds of `readStylesInRounds`, followed through the parents as read.
        var read: Set<String> = []
        var round = used.sorted()
        var found = StylesFound.all
        while !round.isEmpty {
            var next: Set<String> = []
            for id in round where read.insert(id).inserted {
                guard let slices = slicesOf[id] else { return nil }
                if slices.isEmpty { found = .someMissing }
                if let parent = probe.styleParents[id], !read.contains(parent) { next.insert(parent) }
            }
            round = next.sorted()
        }
        for id in read {
            if let parent = probe.styleParents[id] { styleParents[id] = parent }
            if let numbering = probe.styleNumbering[id] { styleNumbering[id] = numbering }
        }
        return found
    }

    /// The styles `used` names and their parents, one round at a time, each round in one parse.
    mutating func readStylesInRounds(_ used: Set<String>, from index: XMLFragments.Index, maxDepth: Int) -> StylesFound? {
        var read: Set<String> = []
        var round = used.sorted()
        var found = StylesFound.all
        while !round.isEmpty {
            var ranges: [Range<Int>] = []
            var owners: [String] = []
            var ids: [String] = []
            for id in round where read.insert(id).inserted {
                guard let slices = index.elementRanges(withValue: id) else { return nil }
                if slices.isEmpty { found = .someMissing }
                ranges += slices
                owners += Array(repeating: id, count: slices.count)
                ids.append(id)
            }
            if !ranges.isEmpty {
                guard let cursor = XMLArenaCursor(bytes: index.document(holding: ranges), maxDepth: maxDepth),
                      (try? readStyles(cursor, owners: owners)) == true else { return nil }
            }
            var next: Set<String> = []
            for id in ids {
                if let parent = styleParents[id], !read.contains(parent) { next.insert(parent) }
            }
            round = next.sorted()
        }
        return found
    }

    /// Whether the start of a styles part (`prefix`, as inflated so far) holds, whole, every style `used`
    /// names and the styles they are based on, so that the rest need not be inflated; `styled` then holds
    /// them, read. A style found damaged also ends the reading (the reader then refuses the file for it).
    static func stylesComplete(_ used: Set<String>, in prefix: [UInt8], maxDepth: Int, styled: inout DocxNumbering?) -> Bool {
        // The index holds a style only if its id is written as a styleId value: looked for first, without an index
        // (Word's first 16 KB never hold a form's styles, and indexing them was wasted).
        guard namesAll(used, in: prefix), let index = XMLFragments.Index(bytes: prefix, attribute: "styleId") else { return false }
        // A style not yet inflated: read on (no parse of the others until all are there; a damaged one among
        // them is then found, and refused, when the rest has come or the part has ended).
        guard used.allSatisfy({ index.contains(value: $0) }) else { return false }
        var probe = DocxNumbering()
        do {
            guard try probe.readStyles(used, from: index, maxDepth: maxDepth) == .all else { return false }
            styled = probe
            return true
        } catch {
            return true
        }
    }

    /// Whether every id of `used` stands as a quoted `styleId=` value somewhere in `bytes` (which
    /// `XMLFragments.Index.contains(value:)` needs), found in one pass without building an index.
    static func namesAll(_ used: Set<String>, in bytes: [UInt8]) -> Bool {
        let ids = used.map { Array($0.utf8) }
        var found = [Bool](repeating: false, count: ids.count)
        var missing = ids.count
        let needle = Array("styleId=".utf8)
        return bytes.withUnsafeBufferPointer { b in
            var from = 0
            while missing > 0, let at = ByteSearch.firstIndex(of: needle, in: b, from: from) {
                from = at + needle.count
                guard from < b.count, b[from] == UInt8(ascii: "\"") || b[from] == UInt8(ascii: "'") else { continue }
                let quote = b[from]
                for (k, id) in ids.enumerated() where !found[k] {
                    let end = from + 1 + id.count
                    guard end < b.count, b[end] == quote else { continue }
                    var j = 0
                    while j < id.count, b[from + 1 + j] == id[j] { j += 1 }
                    if j == id.count {
                        found[k] = true
                        missing -= 1
                    }
                }
            }
            return missing == 0
        }
    }

    /// The paragraph style ids a document part names (`w:pStyle w:val="…"`), found in its bytes.
    static func usedStyles(in document: [UInt8]) -> Set<String> {
        ByteSearch.attributeValues(afterElementNamed: "pStyle", attribute: "val", in: document)
    }

    var isEmpty: Bool { instances.isEmpty }

    // MARK: - Labels

    /// The label of the paragraph with properties `pPr`, advancing the counters; nil when not numbered.
    mutating func label(for pPr: XMLArenaElement?) -> String? {
        guard !instances.isEmpty else { return nil }
        let direct = pPr?.wordChild(.numPr)
        var numId = direct?.wordChild(.numId)?.wordAttribute("val")
        var level = direct?.wordChild(.ilvl)?.wordIntValue
        if numId == nil, let style = pPr?.wordChild(.pStyle)?.wordAttribute("val") {
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
        // Up the basedOn chain. A chain of distinct styles has at most `styleParents.count + 1` of them, so a
        // walk that long has met every style it will meet (a loop only repeats styles already looked at).
        var current: String? = style
        var visits = 0
        while let id = current, visits <= styleParents.count {
            visits += 1
            if let found = styleNumbering[id], found.numId != nil { return found }
            current = styleParents[id]
        }
        return (nil, nil)
    }

    // MARK: - Reading the parts

    /// A reader over a part: a cursor over its arena (SAX2, no tree) when it parses cleanly, else libxml2's
    /// streaming reader, which reports what is wrong (or reads what it can) exactly as it always did.
    private static func reader(_ bytes: [UInt8], maxDepth: Int) throws -> any XMLPullReader {
        if let fast = XMLArenaCursor(bytes: bytes, maxDepth: maxDepth) { return fast }
        return try XMLStreamReader(bytes: bytes, maxDepth: maxDepth)
    }

    /// `w:abstractNum` (levels) and `w:num` (instances with their overrides), children of the root.
    private mutating func readNumbering(_ xml: any XMLPullReader) throws {
        while let event = try xml.next() {
            guard event == .start, xml.depth == 1 else { continue }
            if xml.isWord("abstractNum"), let id = xml.wordAttribute("abstractNumId") {
                var levels: [Int: Level] = [:]
                try children(of: xml, depth: 1) {
                    if xml.isWord("lvl") {
                        let l = xml.wordAttribute("ilvl").flatMap { Int($0) }
                        let level = try Self.level(xml, depth: 2)
                        if let l { levels[l] = level }
                    } else {
                        try xml.skipElement()
                    }
                }
                abstracts[id] = levels
            } else if xml.isWord("num"), let id = xml.wordAttribute("numId") {
                var abstract: String??
                var starts: [Int: Int] = [:]
                var levels: [Int: Level] = [:]
                try children(of: xml, depth: 1) {
                    if xml.isWord("abstractNumId") {
                        if abstract == nil { abstract = .some(xml.wordAttribute("val")) }
                    } else if xml.isWord("lvlOverride") {
                        let l = xml.wordAttribute("ilvl").flatMap { Int($0) }
                        var start: Int?
                        var level: Level?
                        try children(of: xml, depth: 2) {
                            if xml.isWord("startOverride") {
                                if start == nil { start = xml.wordIntValue.map { min($0, Self.maxStart) } ?? -1 }
                            } else if xml.isWord("lvl") {
                                let read = try Self.level(xml, depth: 3)
                                if level == nil { level = read }
                            } else {
                                try xml.skipElement()
                            }
                        }
                        if let l {
                            if let start, start >= 0 { starts[l] = start }
                            if let level { levels[l] = level }
                        }
                    } else {
                        try xml.skipElement()
                    }
                }
                if let abstract = abstract ?? nil { instances[id] = (abstract, starts, levels) }
            } else {
                try xml.skipElement()
            }
        }
    }

    /// Paragraph styles' numbering (`w:pPr/w:numPr`) and parents (`w:basedOn`), of every style or of the
    /// style `only`; everything else is skipped.
    private mutating func readStyles(_ xml: any XMLPullReader, only: String? = nil) throws {
        while let event = try xml.next() {
            guard event == .start, xml.depth == 1 else { continue }
            try readStyle(xml, only: only)
        }
    }

    /// Styles sliced out for several ids in one document: the k-th element under the root is read as a slice
    /// for `owners[k]`. False when the elements do not match the slices one for one.
    private mutating func readStyles(_ xml: any XMLPullReader, owners: [String]) throws -> Bool {
        var k = 0
        while let event = try xml.next() {
            guard event == .start, xml.depth == 1 else { continue }
            guard k < owners.count else { return false }
            try readStyle(xml, only: owners[k])
            k += 1
        }
        return k == owners.count
    }

    /// The style element the reader has just started (at depth 1), if it is a paragraph style (called `only`).
    private mutating func readStyle(_ xml: any XMLPullReader, only: String?) throws {
        guard xml.isWord("style"), xml.wordAttribute("type") == "paragraph", let id = xml.wordAttribute("styleId"),
              only == nil || only == id else {
            try xml.skipElement()
            return
        }
        var parent: String?
        var seenPPr = false
        var numPr: (numId: String?, level: Int?)?
        try children(of: xml, depth: 1) {
            if xml.isWord("basedOn") {
                if parent == nil { parent = xml.wordAttribute("val") ?? "" }
            } else if xml.isWord("pPr"), !seenPPr {
                seenPPr = true
                try children(of: xml, depth: 2) {
                    if xml.isWord("numPr"), numPr == nil {
                        var numId: String??
                        var level: Int??
                        try children(of: xml, depth: 3) {
                            if xml.isWord("numId"), numId == nil { numId = .some(xml.wordAttribute("val")) }
                            if xml.isWord("ilvl"), level == nil { level = .some(xml.wordIntValue) }
                        }
                        numPr = (numId ?? nil, level ?? nil)
                    } else {
                        try xml.skipElement()
                    }
                }
            } else {
                try xml.skipElement()
            }
        }
        if let parent, !parent.isEmpty { styleParents[id] = parent }
        if let numPr { styleNumbering[id] = numPr }
    }

    /// Calls `body` on each child element of the element just started at `depth`, up to its end. `body` may
    /// read into the child or skip it; what it leaves unread is passed over.
    private func children(of xml: any XMLPullReader, depth: Int, _ body: () throws -> Void) throws {
        if xml.isEmptyElement { return }
        while let event = try xml.next() {
            if event == .end && xml.depth == depth { return }
            if event == .start && xml.depth == depth + 1 { try body() }
        }
    }

    /// One `w:lvl` (started at `depth`), read to its end.
    private static func level(_ xml: any XMLPullReader, depth: Int) throws -> Level {
        var level = Level()
        var format: String??, text: String?, start: Int??, suffix: String??, legal: Bool?, font: String??
        if xml.isEmptyElement { return level }
        while let event = try xml.next() {
            if event == .end && xml.depth == depth { break }
            guard event == .start, xml.depth == depth + 1 else { continue }
            if xml.isWord("numFmt") {
                if format == nil { format = .some(xml.wordAttribute("val")) }
            } else if xml.isWord("lvlText") {
                if text == nil { text = xml.wordAttribute("val") ?? "" }
            } else if xml.isWord("start") {
                if start == nil { start = .some(xml.wordIntValue) }
            } else if xml.isWord("suff") {
                if suffix == nil { suffix = .some(xml.wordAttribute("val")) }
            } else if xml.isWord("isLgl") {
                if legal == nil { legal = xml.isOn }
            } else if xml.isWord("rPr") {
                guard font == nil else {
                    try xml.skipElement()
                    continue
                }
                var ascii: String??
                if xml.isEmptyElement {
                    font = .some(nil)
                    continue
                }
                while let inner = try xml.next() {
                    if inner == .end && xml.depth == depth + 1 { break }
                    if inner == .start, xml.depth == depth + 2, ascii == nil, xml.isWord("rFonts") { ascii = .some(xml.wordAttribute("ascii")) }
                }
                font = .some(ascii ?? nil)
            } else if !xml.isEmptyElement {
                try xml.skipElement()
            }
        }
        if let format = format ?? nil { level.format = format }
        level.text = text ?? ""
        level.start = min((start ?? nil) ?? 1, Self.maxStart)
        switch suffix ?? nil {
        case "space": level.suffix = " "
        case "nothing": level.suffix = ""
        default: level.suffix = "\t"
        }
        level.legal = legal ?? false
        level.font = font ?? nil
        return level
    }
}
