import Foundation

/// The character n-gram logistic regression of data/scoring-model.json (written by tools/train_scoring_model.py),
/// read for category, subtype and industry.
///
/// Features as the trainer computes them: the 1- to 3-grams of the folded UTF-16 units the rules read
/// (`ScoringText.foldedUnits`), grams holding a surrogate or whitespace unit left out; each occurrence counts the
/// model's title weight in the title and 1 in the summary; value log(1 + count), L2-normalised over the grams the
/// dimension knows. Grams of up to 3 units (the shipped model's) are found by exact keys: a 1-gram in a table indexed
/// by its unit, a 2- or 3-gram by its units packed into one integer, extended only while a prefix of a model gram;
/// longer ones by a 64-bit FNV-1a hash of their units in an open-addressing table. No String is made per gram.
struct NgramModel: Sendable {
    /// One dimension's labels, biases and weights.
    struct Dimension: Sendable {
        /// The labels, in the file's order.
        let labels: [String]
        /// One bias per label.
        let bias: [Double]
        /// The weights file's bytes and where each row's gram lies in them (a String is made only to explain).
        let text: [UInt8]
        let rows: [(start: Int32, end: Int32)]
        /// Row-major: `weights[row * labels.count + k]`.
        let weights: [Double]

        /// The gram of a row.
        func gram(_ row: Int) -> String {
            String(decoding: text[Int(rows[row].start)..<Int(rows[row].end)], as: UTF8.self)
        }
    }

    /// What the model says of one dimension.
    struct Verdict: Sendable, Equatable {
        /// The most probable label.
        var label: String
        /// Its probability.
        var probability: Double
        /// Every label's probability, in the dimension's label order (only the allowed ones for a subtype).
        var probabilities: [(String, Double)]
        /// The grams that pushed the label most, strongest first (at most three).
        var grams: [String]

        static func == (a: Verdict, b: Verdict) -> Bool {
            a.label == b.label && a.probability == b.probability && a.grams == b.grams
                && a.probabilities.map(\.0) == b.probabilities.map(\.0) && a.probabilities.map(\.1) == b.probabilities.map(\.1)
        }
    }

    /// The n-gram lengths.
    let lengths: [Int]
    /// How much an occurrence in the title counts (1 in the summary).
    let titleWeight: Double
    /// Category, subtype and industry.
    let category: Dimension, subtype: Dimension, industry: Dimension
    /// The union of the three dimensions' grams: hash table keys (0 = empty) and per slot the gram's entry (-1 empty).
    private let keys: [UInt64]
    private let slotEntry: [Int32]
    private let mask: Int
    private let longest: Int
    /// Per entry (a gram of the union, numbered in slot order): its row in each dimension (-1 where the dimension
    /// does not know it), and its weights for each dimension's labels as one vector (0 in the lanes past the labels,
    /// 0 where the dimension does not know the gram): category (4 labels), subtype (7), industry (8).
    private let entryRows: [SIMD4<Int32>]
    private let entryCategory: [SIMD4<Double>]
    private let entrySubtype: [SIMD8<Double>]
    private let entryIndustry: [SIMD8<Double>]
    /// Per entry, the sum of its weights over each dimension's labels (label order; 0 where the dimension does
    /// not know the gram).
    private let entrySums: [SIMD4<Double>]
    /// Per entry, 1 in each dimension's lane that knows the gram, 0 elsewhere.
    private let entryKnown: [SIMD4<Double>]
    /// The scan's tables when every length is at most 3 (nil otherwise: the FNV table above is probed). A gram's
    /// units packed into one integer are its exact key (no collision to check); per key one word: bit 31 set when
    /// the gram is a proper prefix of a longer model gram (the scan extends only then), the low bits its entry + 1
    /// (0: not a model gram, or not of a length the model reads). 1-grams are read straight from `units`, indexed
    /// by the unit; 2- and 3-grams from an open-addressing table keyed by `length << 48 | units` (never 0).
    private let fast: Fast?
    struct Fast: Sendable {
        var units: [UInt32]
        var keys: [UInt64]
        var values: [UInt32]
        var shift: UInt64
    }
    /// Per category label, the subtypes allowed within it (`subtypeMask`).
    private let allowedSubtypes: [UInt32?]
    /// Where each dimension's labels start among the lanes, and the lane count.
    let laneStart: [Int]
    let lanes: Int

    /// Reads the model file and the weights file it names; a ConfigError naming `file`, `jsonPath` and what to do
    /// when either is missing or malformed.
    init(contentsOf url: URL, file: String, jsonPath: String) throws {
        let redo = "retrain it with python3 tools/train_scoring_model.py, or point \(jsonPath) at the file"
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError(file: file, path: jsonPath, message: "names \(url.path), which cannot be read (\(error.localizedDescription)); \(redo)")
        }
        let doc: ModelFile
        do {
            doc = try JSONDecoder().decode(ModelFile.self, from: data)
        } catch {
            throw ConfigError(file: file, path: jsonPath, message: "names \(url.path), which is not a scoring model (\(Self.describe(error))); \(redo)")
        }
        guard !doc.features.ngrams.isEmpty, doc.features.ngrams.allSatisfy({ (1...8).contains($0) }), doc.features.titleWeight > 0 else {
            throw ConfigError(file: file, path: jsonPath, message: "names \(url.path), whose features.ngrams must be lengths 1 to 8 and features.titleWeight positive; \(redo)")
        }
        let names = ["category", "subtype", "industry"]
        let expected = [AchievementTaxonomy.categories, AchievementTaxonomy.subtypes, AchievementTaxonomy.industries]
        for (name, labels) in zip(names, expected) {
            guard let d = doc.dimensions[name] else {
                throw ConfigError(file: file, path: jsonPath, message: "names \(url.path), which has no dimensions.\(name); \(redo)")
            }
            guard Set(d.labels) == Set(labels), d.labels.count == labels.count, d.bias.count == d.labels.count, d.rows >= 0 else {
                throw ConfigError(file: file, path: jsonPath,
                                  message: "names \(url.path), whose dimensions.\(name) is malformed (labels must be \(labels.joined(separator: "、")), one bias per label, rows a count); \(redo)")
            }
        }
        let weightsURL = url.deletingLastPathComponent().appendingPathComponent(doc.weightsFile)
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: weightsURL))
        } catch {
            throw ConfigError(file: file, path: jsonPath, message: "names \(url.path), whose weightsFile \(weightsURL.path) cannot be read (\(error.localizedDescription)); \(redo)")
        }
        // The weights file: one line per gram, `dimension<TAB>gram<TAB>weights`, the weights integers in units of
        // 1e-5 separated by spaces (one per label, in the dimension's label order), the dimensions in the order
        // category, subtype, industry. An integer over 1e5 is the decimal the trainer rounded to, read exactly.
        var rows: [[(start: Int32, end: Int32)]] = [[], [], []]
        var weights: [[Double]] = [[], [], []]
        let nameBytes = names.map { Array($0.utf8) }
        var line = 1
        var at = 0
        let n = bytes.count
        func bad(_ why: String) -> ConfigError {
            ConfigError(file: file, path: jsonPath, message: "names \(url.path), whose weights file \(weightsURL.path) line \(line) \(why); \(redo)")
        }
        while at < n {
            var tab1 = at
            while tab1 < n && bytes[tab1] != 0x09 && bytes[tab1] != 0x0A { tab1 += 1 }
            guard tab1 < n, bytes[tab1] == 0x09, let d = nameBytes.firstIndex(where: { $0.elementsEqual(bytes[at..<tab1]) }) else {
                throw bad("does not start with category, subtype or industry and a tab")
            }
            var tab2 = tab1 + 1
            while tab2 < n && bytes[tab2] != 0x09 && bytes[tab2] != 0x0A { tab2 += 1 }
            guard tab2 < n, bytes[tab2] == 0x09, tab2 > tab1 + 1 else { throw bad("has no gram between two tabs") }
            rows[d].append((Int32(tab1 + 1), Int32(tab2)))
            let k = doc.dimensions[names[d]]?.labels.count ?? 0
            var count = 0
            var p = tab2 + 1
            while p < n && bytes[p] != 0x0A {
                var negative = false
                if bytes[p] == UInt8(ascii: "-") { negative = true; p += 1 }
                var value = 0
                var digits = 0
                while p < n, bytes[p] >= 0x30, bytes[p] <= 0x39, digits < 15 {
                    value = value * 10 + Int(bytes[p] - 0x30)
                    digits += 1
                    p += 1
                }
                guard digits > 0, p == n || bytes[p] == 0x20 || bytes[p] == 0x0A else { throw bad("has a weight that is not an integer") }
                weights[d].append(Double(negative ? -value : value) / 100_000)
                count += 1
                if p < n && bytes[p] == 0x20 { p += 1 }
            }
            guard count == k else { throw bad("has \(count) weights for the \(k) labels of \(names[d])") }
            at = p + 1
            line += 1
        }
        for (d, name) in names.enumerated() where rows[d].count != doc.dimensions[name]?.rows {
            throw ConfigError(file: file, path: jsonPath, message: "names \(url.path), whose dimensions.\(name).rows is \(doc.dimensions[name]?.rows ?? 0) but its weights file \(weightsURL.path) has \(rows[d].count) lines for it; \(redo)")
        }
        let dims = names.enumerated().map { d, name in
            let spec = doc.dimensions[name]
            return Dimension(labels: spec?.labels ?? [], bias: spec?.bias ?? [], text: bytes, rows: rows[d], weights: weights[d])
        }
        category = dims[0]
        subtype = dims[1]
        industry = dims[2]
        lengths = doc.features.ngrams.sorted()
        longest = lengths.last ?? 1
        titleWeight = doc.features.titleWeight

        allowedSubtypes = Self.subtypeMasks(category: category, subtype: subtype)
        laneStart = [0, category.labels.count, category.labels.count + subtype.labels.count]
        lanes = laneStart[2] + industry.labels.count
        // One table over the three dimensions' grams, filled straight from the rows (the table's answers do not
        // depend on the order of insertion); entries are then numbered in slot order.
        let total = rows[0].count + rows[1].count + rows[2].count
        var capacity = 16
        while capacity < total * 2 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var slotRows = [SIMD4<Int32>](repeating: SIMD4(-1, -1, -1, -1), count: capacity)
        for d in 0..<3 {
            for (row, range) in rows[d].enumerated() {
                guard let h = Self.hash(utf8: bytes[Int(range.start)..<Int(range.end)]) else {
                    line = Int(row) + 1 + (0..<d).reduce(0) { $0 + rows[$1].count }
                    throw bad("has a gram that is not UTF-8 of the basic plane")
                }
                var slot = Int(truncatingIfNeeded: h) & (capacity - 1)
                while keys[slot] != 0 && keys[slot] != h { slot = (slot + 1) & (capacity - 1) }
                keys[slot] = h
                slotRows[slot][d] = Int32(row)
            }
        }
        var slotEntry = [Int32](repeating: -1, count: capacity)
        var entryRows: [SIMD4<Int32>] = []
        var entryCategory: [SIMD4<Double>] = [], entrySubtype: [SIMD8<Double>] = [], entryIndustry: [SIMD8<Double>] = []
        // The labels are the taxonomy's (checked above): 4, 7 and 8 fit the vectors.
        func vector<V: SIMD>(_ d: Int, _ slot: Int, _: V.Type) -> V where V.Scalar == Double {
            var v = V()
            let k = dims[d].labels.count, row = Int(slotRows[slot][d])
            if row >= 0 { for j in 0..<min(k, V.scalarCount) { v[j] = dims[d].weights[row * k + j] } }
            return v
        }
        for slot in 0..<capacity where keys[slot] != 0 {
            slotEntry[slot] = Int32(entryRows.count)
            entryRows.append(slotRows[slot])
            entryCategory.append(vector(0, slot, SIMD4<Double>.self))
            entrySubtype.append(vector(1, slot, SIMD8<Double>.self))
            entryIndustry.append(vector(2, slot, SIMD8<Double>.self))
        }
        fast = Self.fastTables(dims: dims, slotRows: slotRows, slotEntry: slotEntry, lengths: lengths)
        self.keys = keys
        self.slotEntry = slotEntry
        self.entryRows = entryRows
        entrySums = entryRows.map { rows in
            var sums = SIMD4<Double>()
            for d in 0..<3 where rows[d] >= 0 {
                let k = dims[d].labels.count, row = Int(rows[d])
                var sum = 0.0
                for j in 0..<k { sum += dims[d].weights[row * k + j] }
                sums[d] = sum
            }
            return sums
        }
        entryKnown = entryRows.map { rows in SIMD4<Double>(rows[0] >= 0 ? 1 : 0, rows[1] >= 0 ? 1 : 0, rows[2] >= 0 ? 1 : 0, 0) }
        self.entryCategory = entryCategory
        self.entrySubtype = entrySubtype
        self.entryIndustry = entryIndustry
        mask = capacity - 1
    }

    /// The direct 1-gram table and the packed-key table of `Fast` for the grams of the slots (entries as numbered
    /// from `slotEntry`); nil when a length above 3 is read. Grams holding a unit the scan skips, or of a length the
    /// model does not read, are left out: the scan would never count them.
    private static func fastTables(dims: [Dimension], slotRows: [SIMD4<Int32>], slotEntry: [Int32], lengths: [Int]) -> Fast? {
        guard let longest = lengths.last, longest <= 3 else { return nil }
        var units = [UInt32](repeating: 0, count: 65_536)
        // At most two packed keys per gram (itself and its 2-unit prefix): a table twice that has room.
        var bits: UInt64 = 4
        while 1 << bits < slotEntry.count * 2 { bits += 1 }
        var keys = [UInt64](repeating: 0, count: 1 << bits)
        var values = [UInt32](repeating: 0, count: 1 << bits)
        let mask = (1 << Int(bits)) - 1
        let prefix: UInt32 = 1 << 31
        for slot in 0..<slotRows.count where slotEntry[slot] >= 0 {
            let rows = slotRows[slot]
            guard let d = (0..<3).first(where: { rows[$0] >= 0 }) else { continue }
            let range = dims[d].rows[Int(rows[d])]
            guard let gram = packed(utf8: dims[d].text[Int(range.start)..<Int(range.end)]), lengths.contains(gram.count) else { continue }
            for length in 1...gram.count {
                let key = gram.key >> (16 * UInt64(gram.count - length))
                let mark = length == gram.count ? UInt32(slotEntry[slot]) + 1 : prefix
                if length == 1 {
                    units[Int(key)] |= mark
                    continue
                }
                let probe = UInt64(length) << 48 | key
                var s = Int(truncatingIfNeeded: (probe &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
                while keys[s] != probe && keys[s] != 0 { s = (s + 1) & mask }
                keys[s] = probe
                values[s] |= mark
            }
        }
        return Fast(units: units, keys: keys, values: values, shift: 64 - bits)
    }

    /// The UTF-16 units of UTF-8 bytes packed 16 bits each, first unit highest, and their count; nil for more than
    /// 3 units, a unit the scan skips or bytes that are not UTF-8 of the basic plane.
    private static func packed(utf8 bytes: ArraySlice<UInt8>) -> (key: UInt64, count: Int)? {
        var key: UInt64 = 0, count = 0
        let whole = eachUnit(utf8: bytes) { unit in
            guard !skipped(unit), count < 3 else { return false }
            key = key << 16 | UInt64(unit)
            count += 1
            return true
        }
        return whole && count > 0 ? (key, count) : nil
    }

    /// FNV-1a over the UTF-16 units of UTF-8 bytes of the basic plane (as `hash(_:)` of the same text's units);
    /// nil for anything else.
    static func hash(utf8 bytes: ArraySlice<UInt8>) -> UInt64? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let whole = eachUnit(utf8: bytes) { unit in
            h = (h ^ UInt64(unit)) &* 0x0000_0100_0000_01b3
            return true
        }
        return whole ? (h == 0 ? 1 : h) : nil
    }

    /// Calls `body` with each UTF-16 unit of UTF-8 bytes of the basic plane (one- to three-byte sequences, no
    /// surrogate) until it returns false; false when it did, or when the bytes are anything else. Load time only.
    private static func eachUnit(utf8 bytes: ArraySlice<UInt8>, _ body: (UInt16) -> Bool) -> Bool {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            var unit: UInt32
            if b < 0x80 {
                unit = UInt32(b)
                i += 1
            } else if b & 0xE0 == 0xC0, i + 1 < bytes.endIndex {
                unit = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if b & 0xF0 == 0xE0, i + 2 < bytes.endIndex {
                unit = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i += 3
            } else {
                return false
            }
            if (0xD800...0xDFFF).contains(unit) || !body(UInt16(unit)) { return false }
        }
        return true
    }

    /// FNV-1a over UTF-16 units, never 0 (0 marks an empty slot).
    static func hash(_ units: ArraySlice<UInt16>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for u in units { h = (h ^ UInt64(u)) &* 0x0000_0100_0000_01b3 }
        return h == 0 ? 1 : h
    }

    @inline(__always)
    private static func skipped(_ u: UInt16) -> Bool {
        (0xD800...0xDFFF).contains(u) || u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D
    }

    /// The known grams of some texts: entries and their log(1 + weighted count), in a fixed order.
    struct Features: Sendable {
        var entries: [Int32] = []
        var values: [Double] = []
    }

    /// The known grams of the texts. Texts are title (counted `titleWeight`) or not (counted 1). One pass over
    /// the units: a gram grows unit by unit (while it is a prefix of a model gram, with the `fast` tables), each
    /// length looked up, each hit counted in a small open-addressing table of the call's own (no sort, no allocation
    /// per gram).
    func features(_ texts: [(units: [UInt16], title: Bool)]) -> Features {
        var occurrences = 0
        for t in texts { occurrences += t.units.count }
        occurrences *= longest
        // Never more distinct grams than occurrences: a table one larger always has an empty slot.
        var size = 64
        while size <= occurrences { size *= 2 }
        let sizeMask = size - 1
        var seen = [Int32](repeating: -1, count: size)
        var counts = [Double](repeating: 0, count: size)
        // The slots taken, one bit each: read in slot order at the end without visiting the empty ones.
        var taken = [UInt64](repeating: 0, count: size >> 6)
        var lengthMask = 0
        for n in lengths { lengthMask |= 1 << n }
        let longest = self.longest, tableMask = mask, titleWeight = self.titleWeight
        keys.withUnsafeBufferPointer { keys in
            slotEntry.withUnsafeBufferPointer { slotEntry in
                seen.withUnsafeMutableBufferPointer { seen in
                    counts.withUnsafeMutableBufferPointer { counts in
                      taken.withUnsafeMutableBufferPointer { taken in
                        @inline(__always) func count(_ entry: Int32, _ weight: Double) {
                            var t = Int(truncatingIfNeeded: UInt32(bitPattern: entry) &* 2_654_435_761) & sizeMask
                            var at = seen[t]
                            while at != entry && at >= 0 {
                                t = (t &+ 1) & sizeMask
                                at = seen[t]
                            }
                            if at < 0 {
                                taken[t &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: t & 63)
                                seen[t] = entry
                                counts[t] = weight
                            } else {
                                counts[t] += weight
                            }
                        }
                        if let fast {
                            fast.units.withUnsafeBufferPointer { direct in
                                fast.keys.withUnsafeBufferPointer { fastKeys in
                                    fast.values.withUnsafeBufferPointer { fastValues in
                                        let shift = fast.shift, fastMask = fastKeys.count - 1
                                        for (units, title) in texts {
                                            let n = units.count
                                            let weight = title ? titleWeight : 1
                                            units.withUnsafeBufferPointer { u in
                                                for i in 0..<n {
                                                    // Units the scan skips are in no gram: their words are 0.
                                                    var value = direct[Int(u[i])]
                                                    if value & 0x7FFF_FFFF != 0 { count(Int32(bitPattern: value & 0x7FFF_FFFF) &- 1, weight) }
                                                    var key = UInt64(u[i])
                                                    var next = i &+ 1
                                                    while value >= 0x8000_0000 && next < n {
                                                        key = key &<< 16 | UInt64(u[next])
                                                        // The length tag: 2 after one step, 3 after two.
                                                        let probe = UInt64(truncatingIfNeeded: next &- i &+ 1) &<< 48 | key
                                                        next &+= 1
                                                        var s = Int(truncatingIfNeeded: (probe &* 0x9E37_79B9_7F4A_7C15) &>> shift)
                                                        var k = fastKeys[s]
                                                        while k != probe && k != 0 {
                                                            s = (s &+ 1) & fastMask
                                                            k = fastKeys[s]
                                                        }
                                                        value = k == probe ? fastValues[s] : 0
                                                        if value & 0x7FFF_FFFF != 0 { count(Int32(bitPattern: value & 0x7FFF_FFFF) &- 1, weight) }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            return
                        }
                        for (units, title) in texts {
                            let n = units.count
                            let weight = title ? titleWeight : 1
                            units.withUnsafeBufferPointer { u in
                                for i in 0..<n {
                                    var h: UInt64 = 0xcbf2_9ce4_8422_2325
                                    var length = 0
                                    while length < longest && i + length < n {
                                        let unit = u[i + length]
                                        if Self.skipped(unit) { break }
                                        h = (h ^ UInt64(unit)) &* 0x0000_0100_0000_01b3
                                        length += 1
                                        guard (lengthMask >> length) & 1 == 1 else { continue }
                                        let key = h == 0 ? 1 : h
                                        var s = Int(truncatingIfNeeded: key) & tableMask
                                        while keys[s] != key && keys[s] != 0 { s = (s + 1) & tableMask }
                                        guard keys[s] == key else { continue }
                                        count(slotEntry[s], weight)
                                    }
                                }
                            }
                        }
                      }
                    }
                }
            }
        }
        var hits = 0
        for word in taken { hits += word.nonzeroBitCount }
        var out = Features()
        out.entries = [Int32](unsafeUninitializedCapacity: hits) { entries, filled in
            out.values = [Double](unsafeUninitializedCapacity: hits) { values, filledValues in
                var n = 0
                Self.smallLogs.withUnsafeBufferPointer { logs in
                    seen.withUnsafeBufferPointer { seen in
                        counts.withUnsafeBufferPointer { counts in
                            taken.withUnsafeBufferPointer { taken in
                                for w in 0..<taken.count {
                                    var bits = taken[w]
                                    while bits != 0 {
                                        let t = w &<< 6 | bits.trailingZeroBitCount
                                        bits &= bits &- 1
                                        entries[n] = seen[t]
                                        // Counts are sums of positive weights; a whole one below 64 reads its log
                                        // from the table.
                                        let c = counts[t]
                                        if c >= 0, c < 64, case let whole = Int(c), Double(whole) == c {
                                            values[n] = logs[whole]
                                        } else {
                                            values[n] = log1p(c)
                                        }
                                        n &+= 1
                                    }
                                }
                            }
                        }
                    }
                }
                filledValues = n
            }
            filled = out.values.count
        }
        return out
    }

    /// log1p of the whole counts below 64, computed once (the same numbers log1p gives).
    private static let smallLogs: [Double] = (0..<64).map { log1p(Double($0)) }

    /// Features of a title and a summary as the rules fold them (for callers without a sheet).
    func features(title: String, summary: String) -> Features {
        let fold = { (s: String) in ScoringText.utf16(TextForm.halfWidthASCII(s)).map(ScoringText.fold) }
        return features([(fold(title), true), (fold(summary), false)])
    }

    /// The three dimensions' raw scores in one pass over the features (`lanes` numbers, category, subtype,
    /// industry: bias + Σ weight × value / norm, the norm over the grams each dimension knows); only the
    /// dimensions whose lane of `dimensions` is not 0 are computed. Each dimension's labels are added up as one
    /// vector: per label the same additions in the same order as one at a time.
    func scores(_ f: Features, dimensions: SIMD4<Int32> = SIMD4(1, 1, 1, 0)) -> [Double] {
        var norm: SIMD4<Double> = .zero
        // A dimension not asked for is left at its bias. A gram a dimension does not know adds 0 to its norm and
        // 0 × value to its scores (its weights are 0): the same sums as leaving it out.
        let want = SIMD4<Double>(dimensions[0] != 0 ? 1 : 0, dimensions[1] != 0 ? 1 : 0, dimensions[2] != 0 ? 1 : 0, 0)
        var zc = SIMD4<Double>(), zs = SIMD8<Double>(), zi = SIMD8<Double>()
        for j in 0..<category.labels.count { zc[j] = category.bias[j] }
        for j in 0..<subtype.labels.count { zs[j] = subtype.bias[j] }
        for j in 0..<industry.labels.count { zi[j] = industry.bias[j] }
        entryKnown.withUnsafeBufferPointer { known in
            f.entries.withUnsafeBufferPointer { entries in
                f.values.withUnsafeBufferPointer { values in
                    for i in 0..<entries.count {
                        let v = values[i]
                        norm += known[Int(entries[i])] * want * SIMD4(repeating: v * v)
                    }
                    for d in 0..<3 { norm[d] = norm[d] > 0 ? norm[d].squareRoot() : 1 }
                    if dimensions[0] != 0 {
                        let n = norm[0]
                        entryCategory.withUnsafeBufferPointer { wc in
                            for i in 0..<entries.count { zc += wc[Int(entries[i])] * SIMD4(repeating: values[i] / n) }
                        }
                    }
                    if dimensions[1] != 0 {
                        let n = norm[1]
                        entrySubtype.withUnsafeBufferPointer { ws in
                            for i in 0..<entries.count { zs += ws[Int(entries[i])] * SIMD8(repeating: values[i] / n) }
                        }
                    }
                    if dimensions[2] != 0 {
                        let n = norm[2]
                        entryIndustry.withUnsafeBufferPointer { wi in
                            for i in 0..<entries.count { zi += wi[Int(entries[i])] * SIMD8(repeating: values[i] / n) }
                        }
                    }
                }
            }
        }
        var z = [Double]()
        z.reserveCapacity(lanes)
        for j in 0..<category.labels.count { z.append(zc[j]) }
        for j in 0..<subtype.labels.count { z.append(zs[j]) }
        for j in 0..<industry.labels.count { z.append(zi[j]) }
        return z
    }

    /// The verdict of one dimension (0 category, 1 subtype, 2 industry) from `scores`, its softmax taken over
    /// `allowed` labels when given (a subtype within its category); nil when no label is allowed. No grams.
    func verdict(_ d: Int, _ z: [Double], allowed: [String]? = nil) -> Verdict? {
        let dim = d == 0 ? category : d == 1 ? subtype : industry
        let start = laneStart[d]
        let keep = (0..<dim.labels.count).filter { allowed?.contains(dim.labels[$0]) ?? true }
        guard let top = keep.map({ z[start + $0] }).max() else { return nil }
        let e = keep.map { exp(z[start + $0] - top) }
        let sum = e.reduce(0, +)
        var best = keep[0]
        var bestP = -1.0
        var probabilities: [(String, Double)] = []
        for (i, j) in keep.enumerated() {
            let p = e[i] / sum
            probabilities.append((dim.labels[j], p))
            if p > bestP + 1e-12 { best = j; bestP = p }
        }
        return Verdict(label: dim.labels[best], probability: bestP, probabilities: probabilities, grams: [])
    }

    /// Per category label (the file's order), the subtype labels allowed within it as bits (bit j: subtype label
    /// j); nil where the taxonomy gives the category no subtypes.
    private static func subtypeMasks(category: Dimension, subtype: Dimension) -> [UInt32?] {
        category.labels.map { c in
            AchievementTaxonomy.subtypesByCategory[c].map { allowed in
                var mask: UInt32 = 0
                for (j, label) in subtype.labels.enumerated() where allowed.contains(label) { mask |= 1 << UInt32(j) }
                return mask
            }
        }
    }

    /// The subtype labels allowed within a category, as `top` and `grams` read them; nil where it has none.
    func subtypeMask(_ category: String) -> UInt32? {
        guard let c = self.category.labels.firstIndex(of: category) else { return nil }
        return allowedSubtypes[c]
    }

    /// `verdict` without the probabilities of every label: the index of the most probable label among `allowed`
    /// (bit j: label j) and its probability, by the same arithmetic; nil when no label is allowed. No allocation.
    func top(_ d: Int, _ z: [Double], allowed: UInt32 = .max) -> (label: Int, probability: Double)? {
        let k = d == 0 ? category.labels.count : d == 1 ? subtype.labels.count : industry.labels.count
        let start = laneStart[d]
        var top = 0.0, any = false
        for j in 0..<k where (allowed >> UInt32(j)) & 1 == 1 {
            let v = z[start + j]
            if !any || top < v { top = v }
            any = true
        }
        guard any else { return nil }
        var e = SIMD8<Double>()
        var sum = 0.0
        for j in 0..<k where (allowed >> UInt32(j)) & 1 == 1 {
            e[j] = exp(z[start + j] - top)
            sum += e[j]
        }
        var best = -1, bestP = -1.0
        for j in 0..<k where (allowed >> UInt32(j)) & 1 == 1 {
            let p = e[j] / sum
            if best < 0 { best = j }
            if p > bestP + 1e-12 { best = j; bestP = p }
        }
        return (best, bestP)
    }

    /// The label `label` of dimension `d`.
    func label(_ d: Int, _ label: Int) -> String {
        (d == 0 ? category : d == 1 ? subtype : industry).labels[label]
    }

    /// The verdict with the grams that pushed its label most against the mean of the other allowed labels
    /// (at most three, strongest first): made only where a reason is kept.
    func explained(_ d: Int, _ f: Features, _ verdict: Verdict, allowed: [String]? = nil) -> Verdict {
        let dim = d == 0 ? category : d == 1 ? subtype : industry
        guard let best = dim.labels.firstIndex(of: verdict.label) else { return verdict }
        var mask: UInt32 = 0
        for (j, label) in dim.labels.enumerated() where allowed?.contains(label) ?? true { mask |= 1 << UInt32(j) }
        var out = verdict
        out.grams = grams(d, f, best: best, allowed: mask)
        return out
    }

    /// The grams that pushed label `best` of dimension `d` most against the mean of the other `allowed` labels
    /// (bit j: label j), at most three, strongest first.
    func grams(_ d: Int, _ f: Features, best: Int, allowed: UInt32 = .max) -> [String] {
        let dim = d == 0 ? category : d == 1 ? subtype : industry
        let k = dim.labels.count
        let all: UInt32 = (1 << UInt32(k)) - 1
        let keep = (0..<k).filter { (allowed >> UInt32($0)) & 1 == 1 }
        // Every label kept: the row's sum over its labels, added up at load in the same order.
        let whole = allowed & all == all
        var norm = 0.0
        for (i, e) in f.entries.enumerated() where entryRows[Int(e)][d] >= 0 { norm += f.values[i] * f.values[i] }
        norm = norm > 0 ? norm.squareRoot() : 1
        var strongest: [(row: Int, push: Double)] = []
        let others = Double(max(keep.count - 1, 1))
        for (i, e) in f.entries.enumerated() {
            let row = Int(entryRows[Int(e)][d])
            guard row >= 0 else { continue }
            var sum = 0.0
            if whole {
                sum = entrySums[Int(e)][d]
            } else {
                for j in keep { sum += dim.weights[row * k + j] }
            }
            let w = dim.weights[row * k + best]
            let push = (w - (sum - w) / others) * f.values[i] / norm
            guard push > 0 else { continue }
            if strongest.count < 3 || push > strongest[strongest.count - 1].push || (push == strongest[strongest.count - 1].push && dim.gram(row) < dim.gram(strongest[strongest.count - 1].row)) {
                var at = strongest.count
                while at > 0 && (push > strongest[at - 1].push || (push == strongest[at - 1].push && dim.gram(row) < dim.gram(strongest[at - 1].row))) { at -= 1 }
                strongest.insert((row, push), at: at)
                if strongest.count > 3 { strongest.removeLast() }
            }
        }
        return strongest.map { dim.gram($0.row) }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\((context.codingPath + [key]).map(\.stringValue).joined(separator: ".")) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    /// The file as the trainer writes it (other keys, such as provenance, are for people).
    private struct ModelFile: Decodable {
        struct Features: Decodable {
            var ngrams: [Int]
            var titleWeight: Double
        }
        struct Dim: Decodable {
            var labels: [String]
            var bias: [Double]
            /// How many lines of the weights file are this dimension's.
            var rows: Int
        }
        var features: Features
        var dimensions: [String: Dim]
        /// The weights file, relative to this file's folder.
        var weightsFile: String
    }
}
