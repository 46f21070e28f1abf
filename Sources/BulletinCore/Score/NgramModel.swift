import Foundation
import SystemFiles

/// The character n-gram logistic regression of data/scoring-model.json (written by tools/train_scoring_model.py),
/// read for category, subtype and industry.
///
/// Features as the trainer computes them: the 1- to 3-grams of the folded UTF-16 units the rules read
/// (`ScoringText.foldedUnits`), grams holding a surrogate or whitespace unit left out; each occurrence counts the
/// model's title weight in the title and 1 in the summary; value log(1 + count), L2-normalised over the grams the
/// dimension knows. Grams of up to 3 units (the shipped model's) are found by exact keys: a 1-gram in a table indexed
/// by its unit, a 2- or 3-gram by its units packed into one integer, extended only while a prefix of a model gram;
/// longer ones by a 64-bit FNV-1a hash of their units in an open-addressing table. No String is made per gram.
///
/// A class, not a struct: the scorer copies its `ModelLayer` for every submission, and a struct of some twenty arrays
/// cost twenty retains and releases a copy (~0.5k instructions a submission, scored or not); a reference costs one.
final class NgramModel: Sendable {
    /// One dimension's labels, biases and the text of its grams (its weights are in the model's entries).
    struct Dimension: Sendable {
        /// The labels, in the file's order.
        let labels: [String]
        /// One bias per label.
        let bias: [Double]
        /// The weights file's bytes and where each row's gram lies in them (a String is made only to explain).
        let text: [UInt8]
        let rows: [(start: Int32, end: Int32)]

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
    /// Kept only when the scan probes it (`fast` nil); entries are numbered in its slot order either way.
    private let keys: [UInt64]
    private let slotEntry: [Int32]
    private let mask: Int
    private let longest: Int
    /// Per entry (a gram of the union, numbered in slot order): its row in each dimension (-1 where the dimension
    /// does not know it), and its weights for each dimension's labels as one vector of the file's integers (units of
    /// 1e-5, exact; 0 in the lanes past the labels and where the dimension does not know the gram): category (4
    /// labels), subtype (7), industry (8). 32 bits a weight: 80 bytes an entry where doubles took 160, so a text's
    /// look-ups touch half the cache lines.
    let entryRows: [SIMD4<Int32>]
    let entryCategory: [SIMD4<Int32>]
    let entrySubtype: [SIMD8<Int32>]
    let entryIndustry: [SIMD8<Int32>]
    /// Per entry, the sum of its weights (as doubles, w / 1e5) over each dimension's labels (label order; 0 where the
    /// dimension does not know the gram): read only for the grams behind a reason.
    let entrySums: [SIMD4<Double>]
    /// Per entry, bit d set where dimension d knows the gram (`knownLanes` turns it into a vector).
    private let entryKnown: [UInt8]
    /// The scan's tables when every length is at most 3 (nil otherwise: the FNV table above is probed). A gram's
    /// units packed into one integer are its exact key (no collision to check); per key one word: bit 31 set when
    /// the gram is a proper prefix of a longer model gram (the scan extends only then), the low bits its entry + 1
    /// (0: not a model gram, or not of a length the model reads). 1-grams are read straight from `units`, indexed
    /// by the unit; 2- and 3-grams from an open-addressing table keyed by `length << 48 | units` (never 0), each
    /// slot its key and word side by side (one cache line a probe).
    private let fast: Fast?
    struct Fast: Sendable {
        var units: [UInt32]
        var slots: [Slot]
        var shift: UInt64
        struct Slot: Sendable {
            var key: UInt64
            var value: UInt32
        }
    }
    /// Per category label, the subtypes allowed within it (`subtypeMask`).
    private let allowedSubtypes: [UInt32?]

    /// An entry's known dimensions (bits of `entryKnown`) as 1 and 0 lanes.
    private static let knownLanes: [SIMD4<Double>] = (0..<8).map { bits in
        SIMD4(bits & 1 != 0 ? 1 : 0, bits & 2 != 0 ? 1 : 0, bits & 4 != 0 ? 1 : 0, 0)
    }

    /// Reads the model file and the weights file it names; a ConfigError naming `file`, `jsonPath`, the file (as
    /// `shown`, else its path) and what to do when either is missing or malformed.
    init(contentsOf url: URL, file: String, jsonPath: String, shown: String? = nil) throws {
        let redo = "retrain it with python3 tools/train_scoring_model.py, or point \(jsonPath) at the file"
        let named = shown ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError(file: file, path: jsonPath, message: "names \(named), which cannot be read (\(error.localizedDescription)); \(redo)")
        }
        let doc: ModelFile
        do {
            doc = try JSONDecoder().decode(ModelFile.self, from: data)
        } catch {
            throw ConfigError(file: file, path: jsonPath, message: "names \(named), which is not a scoring model (\(Self.describe(error))); \(redo)")
        }
        guard !doc.features.ngrams.isEmpty, doc.features.ngrams.allSatisfy({ (1...8).contains($0) }), doc.features.titleWeight > 0 else {
            throw ConfigError(file: file, path: jsonPath, message: "names \(named), whose features.ngrams must be lengths 1 to 8 and features.titleWeight positive; \(redo)")
        }
        let names = ["category", "subtype", "industry"]
        let expected = [AchievementTaxonomy.categories, AchievementTaxonomy.subtypes, AchievementTaxonomy.industries]
        for (name, labels) in zip(names, expected) {
            guard let d = doc.dimensions[name] else {
                throw ConfigError(file: file, path: jsonPath, message: "names \(named), which has no dimensions.\(name); \(redo)")
            }
            guard Set(d.labels) == Set(labels), d.labels.count == labels.count, d.bias.count == d.labels.count, d.rows >= 0 else {
                throw ConfigError(file: file, path: jsonPath,
                                  message: "names \(named), whose dimensions.\(name) is malformed (labels must be \(labels.joined(separator: "、")), one bias per label, rows a count); \(redo)")
            }
        }
        let weightsURL = url.deletingLastPathComponent().appendingPathComponent(doc.weightsFile)
        let bytes: [UInt8]
        do {
            // A regular file straight into the array (`[UInt8](Data)` copied its 1.1 MB a second time, ~1.2 M
            // instructions); anything else through `Data`, whose error is the message's.
            bytes = try weightsURL.isFileURL ? FileOps.readRegularFile(weightsURL.path) ?? [UInt8](Data(contentsOf: weightsURL))
                : [UInt8](Data(contentsOf: weightsURL))
        } catch {
            throw ConfigError(file: file, path: jsonPath, message: "names \(named), whose weightsFile \(weightsURL.path) cannot be read (\(error.localizedDescription)); \(redo)")
        }
        // The weights file: one line per gram, `dimension<TAB>gram<TAB>weights`, the weights integers in units of
        // 1e-5 separated by spaces (one per label, in the dimension's label order), the dimensions in the order
        // category, subtype, industry. The integers are kept as they are (w / 1e5 is the decimal the trainer rounded
        // to, exactly). One pass over the bytes fills flat arrays sized by the rows the model file declares (no array
        // per row): each row's gram, its FNV-1a hash and packed units (decoded from its UTF-8 on the way), its weights.
        let labelCounts = names.map { doc.dimensions[$0]?.labels.count ?? 0 }
        let declared = names.map { max(0, min(doc.dimensions[$0]?.rows ?? 0, bytes.count / 4)) }
        let rowBase = [0, declared[0], declared[0] + declared[1]]
        let weightBase = [0, declared[0] * labelCounts[0], declared[0] * labelCounts[0] + declared[1] * labelCounts[1]]
        let rowCapacity = declared[0] + declared[1] + declared[2]
        var counted = [0, 0, 0]
        var grams = [(start: Int32, end: Int32)](repeating: (0, 0), count: rowCapacity)
        // FNV-1a of the gram's UTF-16 units, never 0 (0: not UTF-8 of the basic plane; reported once every line is read).
        var hashes = [UInt64](repeating: 0, count: rowCapacity)
        // `length << 48 | units` for 1 to 3 units of which the scan skips none (0 otherwise).
        var packs = [UInt64](repeating: 0, count: rowCapacity)
        var weights = [Int32](repeating: 0, count: weightBase[2] + declared[2] * labelCounts[2])
        let nameBytes = names.map { Array($0.utf8) }
        func bad(_ line: Int, _ why: String) -> ConfigError {
            ConfigError(file: file, path: jsonPath, message: "names \(named), whose weights file \(weightsURL.path) line \(line) \(why); \(redo)")
        }
        try bytes.withUnsafeBufferPointer { bytes in
            try grams.withUnsafeMutableBufferPointer { grams in
                try hashes.withUnsafeMutableBufferPointer { hashes in
                    try packs.withUnsafeMutableBufferPointer { packs in
                        try weights.withUnsafeMutableBufferPointer { weights in
                            try Self.parse(bytes, nameBytes: nameBytes, labelCounts: labelCounts, declared: declared, rowBase: rowBase,
                                           weightBase: weightBase, counted: &counted, grams: grams, hashes: hashes,
                                           packs: packs, weights: weights, fail: bad)
                        }
                    }
                }
            }
        }
        for (d, name) in names.enumerated() where counted[d] != doc.dimensions[name]?.rows {
            throw ConfigError(file: file, path: jsonPath, message: "names \(named), whose dimensions.\(name).rows is \(doc.dimensions[name]?.rows ?? 0) but its weights file \(weightsURL.path) has \(counted[d]) lines for it; \(redo)")
        }
        // Every row is stored now (each dimension has the rows it declares). A gram that is not UTF-8 of the basic
        // plane: the first in dimension order, its line counted as if the file held the dimensions in order.
        for d in 0..<3 {
            for row in 0..<counted[d] where hashes[rowBase[d] + row] == 0 {
                throw bad(row + 1 + (0..<d).reduce(0) { $0 + counted[$1] }, "has a gram that is not UTF-8 of the basic plane")
            }
        }
        let dims = names.enumerated().map { d, name in
            let spec = doc.dimensions[name]
            return Dimension(labels: spec?.labels ?? [], bias: spec?.bias ?? [], text: bytes, rows: Array(grams[rowBase[d]..<(rowBase[d] + counted[d])]))
        }
        category = dims[0]
        subtype = dims[1]
        industry = dims[2]
        lengths = doc.features.ngrams.sorted()
        longest = lengths.last ?? 1
        titleWeight = doc.features.titleWeight

        allowedSubtypes = Self.subtypeMasks(category: category, subtype: subtype)
        // One table over the three dimensions' grams, filled straight from the rows (the table's answers do not
        // depend on the order of insertion); entries are then numbered in slot order.
        var capacity = 16
        while capacity < rowCapacity * 2 { capacity *= 2 }
        let table = Self.entries(capacity: capacity, counted: counted, rowBase: rowBase, labelCounts: labelCounts, weightBase: weightBase,
                                 hashes: hashes, packs: packs, weights: weights)
        let fastTables = Self.fastTables(entryPacks: table.packs, lengths: lengths)
        fast = fastTables
        // The FNV table is probed only without the fast tables.
        keys = fastTables == nil ? table.keys : []
        slotEntry = fastTables == nil ? table.slotEntry : []
        entryRows = table.rows
        entrySums = table.sums
        entryKnown = table.known
        entryCategory = table.category
        entrySubtype = table.subtype
        entryIndustry = table.industry
        mask = capacity - 1
    }

    /// The union table and the entries of `init`, built by one static function over plain arrays (the same loops
    /// inside a closure of the initialiser cost ~30 M instructions).
    private struct Entries {
        var keys: [UInt64], slotEntry: [Int32]
        var rows: [SIMD4<Int32>] = [], known: [UInt8] = [], packs: [UInt64] = []
        var category: [SIMD4<Int32>] = [], subtype: [SIMD8<Int32>] = [], industry: [SIMD8<Int32>] = []
        var sums: [SIMD4<Double>] = []
    }

    /// Fills the FNV table (`capacity` slots) with every row's hash, dimension by dimension, and numbers the entries
    /// in slot order: per entry its rows, its weights as vectors, their sums as doubles, its known dimensions and
    /// the packed units of its first dimension's gram.
    private static func entries(capacity: Int, counted: [Int], rowBase: [Int], labelCounts: [Int], weightBase: [Int],
                                hashes: [UInt64], packs: [UInt64], weights: [Int32]) -> Entries {
        var keys = [UInt64](repeating: 0, count: capacity)
        var slotRows = [SIMD4<Int32>](repeating: SIMD4(-1, -1, -1, -1), count: capacity)
        let slotMask = capacity - 1
        for d in 0..<3 {
            for row in 0..<counted[d] {
                let h = hashes[rowBase[d] + row]
                var slot = Int(truncatingIfNeeded: h) & slotMask
                while keys[slot] != 0 && keys[slot] != h { slot = (slot + 1) & slotMask }
                keys[slot] = h
                slotRows[slot][d] = Int32(row)
            }
        }
        let total = counted[0] + counted[1] + counted[2]
        var out = Entries(keys: [], slotEntry: [Int32](repeating: -1, count: capacity))
        out.rows.reserveCapacity(total)
        out.known.reserveCapacity(total)
        out.packs.reserveCapacity(total)
        out.category.reserveCapacity(total)
        out.subtype.reserveCapacity(total)
        out.industry.reserveCapacity(total)
        out.sums.reserveCapacity(total)
        // The labels are the taxonomy's (checked by `init`): 4, 7 and 8 fit the vectors. A row's weights are read once,
        // through the array's buffer, into its vector (lane by lane through memory: a vector's lanes set one by one by
        // index, with the array's bounds checked at each, cost ~35 instructions a weight) and its sum.
        weights.withUnsafeBufferPointer { w in
            for slot in 0..<capacity where keys[slot] != 0 {
                let rows = slotRows[slot]
                out.slotEntry[slot] = Int32(out.rows.count)
                out.rows.append(rows)
                // Per dimension its weights as a vector (zeros where it does not know the gram) and, where it knows it,
                // the sum of its weights as doubles, label by label (the numbers `grams` adds up where it keeps a subset).
                var vectors = (SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>())
                var sums = SIMD4<Double>(), known: UInt8 = 0, pack: UInt64?
                for d in 0..<3 where rows[d] >= 0 {
                    let k = labelCounts[d], at = weightBase[d] + Int(rows[d]) * k
                    precondition(at >= 0 && at + k <= w.count, "a row's weights lie in the table")
                    var v = SIMD8<Int32>()
                    withUnsafeMutableBytes(of: &v) { raw in
                        let lanes = raw.bindMemory(to: Int32.self)
                        for j in 0..<min(k, 8) { lanes[j] = w[at &+ j] }
                    }
                    switch d {
                    case 0: vectors.0 = v
                    case 1: vectors.1 = v
                    default: vectors.2 = v
                    }
                    var sum = 0.0
                    for j in 0..<k { sum += Double(w[at &+ j]) / 100_000 }
                    sums[d] = sum
                    known |= 1 << UInt8(d)
                    if pack == nil { pack = packs[rowBase[d] + Int(rows[d])] }
                }
                out.category.append(vectors.0.lowHalf)
                out.subtype.append(vectors.1)
                out.industry.append(vectors.2)
                out.sums.append(sums)
                out.known.append(known)
                out.packs.append(pack ?? 0)
            }
        }
        out.keys = keys
        return out
    }

    /// The one pass over the weights file of `init`: per line its dimension, its gram (where it lies, its hash and
    /// packed units) and its weights, stored where the dimension's declared rows have room (`counted` counts them all).
    /// Throws `fail` of the line at the first malformed line.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, nameBytes: [[UInt8]], labelCounts: [Int], declared: [Int],
                              rowBase: [Int], weightBase: [Int], counted: inout [Int],
                              grams: UnsafeMutableBufferPointer<(start: Int32, end: Int32)>, hashes: UnsafeMutableBufferPointer<UInt64>,
                              packs: UnsafeMutableBufferPointer<UInt64>, weights: UnsafeMutableBufferPointer<Int32>,
                              fail: (_ line: Int, _ why: String) -> ConfigError) throws {
        let n = bytes.count
        // Each name of at most eight bytes as one word (its bytes in memory order, zeros after), with its length:
        // a line's name is then one load, one mask and a compare or three (a loop over the names' bytes cost ~110
        // instructions a line).
        let packedNames: [(word: UInt64, length: Int)] = nameBytes.map { name in
            guard name.count <= 8 else { return (0, -1) }
            var w: UInt64 = 0
            for (k, b) in name.enumerated() { w |= UInt64(b) << (8 * UInt64(k)) }
            return (w, name.count)
        }
        /// The dimension whose name the bytes `start..<end` spell, or nil.
        func dimension(_ start: Int, _ end: Int) -> Int? {
            let length = end - start
            if length >= 1, length <= 8, start + 8 <= n, let base = bytes.baseAddress {
                let mask: UInt64 = length == 8 ? ~UInt64(0) : (UInt64(1) << UInt64(8 * length)) &- 1
                let word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)) & mask
                for d in packedNames.indices where packedNames[d].length == length && packedNames[d].word == word { return d }
                // Every name of `length` bytes was compared whole (a longer name, left at length -1, cannot be one).
                return nil
            }
            for (d, name) in nameBytes.enumerated() where name.count == length {
                var k = 0
                while k < name.count && name[k] == bytes[start + k] { k += 1 }
                if k == name.count { return d }
            }
            return nil
        }
        var at = 0
        var line = 1
        func bad(_ why: String) -> ConfigError { fail(line, why) }
        while at < n {
            var tab1 = at
            while tab1 < n && bytes[tab1] != 0x09 && bytes[tab1] != 0x0A { tab1 += 1 }
            guard tab1 < n, bytes[tab1] == 0x09, let d = dimension(at, tab1) else {
                throw bad("does not start with category, subtype or industry and a tab")
            }
            var tab2 = tab1 + 1
            while tab2 < n && bytes[tab2] != 0x09 && bytes[tab2] != 0x0A { tab2 += 1 }
            guard tab2 < n, bytes[tab2] == 0x09, tab2 > tab1 + 1 else { throw bad("has no gram between two tabs") }
            let row = counted[d]
            let stored = row < declared[d]
            if stored {
                let i = rowBase[d] + row
                grams[i] = (Int32(tab1 + 1), Int32(tab2))
                // The gram's UTF-16 units as `eachUnit` decodes them (one- to three-byte sequences, no surrogate).
                var h: UInt64 = 0xcbf2_9ce4_8422_2325, key: UInt64 = 0, units: UInt64 = 0
                var valid = true, packable = true
                var q = tab1 + 1
                while q < tab2 {
                    let b = bytes[q]
                    let unit: UInt32
                    if b < 0x80 {
                        unit = UInt32(b)
                        q += 1
                    } else if b & 0xE0 == 0xC0, q + 1 < tab2 {
                        unit = UInt32(b & 0x1F) << 6 | UInt32(bytes[q + 1] & 0x3F)
                        q += 2
                    } else if b & 0xF0 == 0xE0, q + 2 < tab2 {
                        unit = UInt32(b & 0x0F) << 12 | UInt32(bytes[q + 1] & 0x3F) << 6 | UInt32(bytes[q + 2] & 0x3F)
                        q += 3
                    } else {
                        valid = false
                        break
                    }
                    if unit >= 0xD800 && unit <= 0xDFFF { valid = false; break }
                    h = (h ^ UInt64(unit)) &* 0x0000_0100_0000_01b3
                    if packable {
                        if skipped(UInt16(unit)) || units == 3 {
                            packable = false
                        } else {
                            key = key << 16 | UInt64(unit)
                            units += 1
                        }
                    }
                }
                hashes[i] = valid ? (h == 0 ? 1 : h) : 0
                packs[i] = valid && packable ? units << 48 | key : 0
            }
            let k = labelCounts[d]
            let at0 = stored ? weightBase[d] + row * k : 0
            // Weights are stored while `count` is below `room` (the labels' count, or 0 for a row past the declared ones).
            let room = stored ? k : 0
            var count = 0
            var p = tab2 + 1
            // The fast path reads eight bytes at `p` (a sign and up to seven digits, then their end); the last eight
            // bytes of the file and numbers of eight digits or more go one digit at a time.
            let fastEnd = n &- 8
            while p < n && bytes[p] != 0x0A {
                let negative = bytes[p] == UInt8(ascii: "-")
                if negative { p &+= 1 }
                var value = 0, digits = -1
                if p <= fastEnd, let base = bytes.baseAddress {
                    (value, digits) = Self.shortNumber(UnsafeRawPointer(base + p))
                }
                if digits >= 0 {
                    // At most seven digits: below 10^7, within 32 bits.
                    p &+= digits
                } else {
                    // Eight digits or more, or fewer than eight bytes left: one digit at a time.
                    value = 0
                    digits = 0
                    while p < n, bytes[p] >= 0x30, bytes[p] <= 0x39, digits < 15 {
                        value = value &* 10 &+ Int(bytes[p] &- 0x30)
                        digits += 1
                        p += 1
                    }
                    guard digits == 0 || value <= Int(Int32.max) || !(p == n || bytes[p] == 0x20 || bytes[p] == 0x0A) else {
                        throw bad("has a weight beyond ±21474.83647 (the integers, in units of 1e-5, are read as 32 bits)")
                    }
                }
                // The byte after the number: a space (passed), the line's end, or the file's end.
                let after: UInt8 = p < n ? bytes[p] : 0x0A
                guard digits > 0, after == 0x20 || after == 0x0A else { throw bad("has a weight that is not an integer") }
                if count < room { weights[at0 &+ count] = Int32(truncatingIfNeeded: negative ? -value : value) }
                count &+= 1
                if after == 0x20 { p &+= 1 }
            }
            guard count == k else { throw bad("has \(count) weights for the \(k) labels of \(String(decoding: nameBytes[d], as: UTF8.self))") }
            counted[d] += 1
            at = p + 1
            line += 1
        }
    }

    /// The run of ASCII digits that starts the eight bytes at `at`, read at once (SWAR): its value and length, when a
    /// byte that is not a digit ends it within the eight (length 0 when the first byte is not one); (0, -1) when all
    /// eight are digits. A weight is five or six digits (~134,000 of them in the shipped file): read one digit at a
    /// time, with a loop test per byte, they were ~17 M of the ~25 M instructions the load spent on its own.
    ///
    /// How: `d = w ^ 0x30…` turns a digit byte into 0–9, and exactly the bytes 0x30–0x39 become values below 10
    /// (the high nibble of a digit is 3). A byte of `d` is 10 or more when bit 7 of its low seven bits plus 0x76 is
    /// set, or when its own bit 7 is (the masked sum stays inside the byte, so no carry crosses bytes); the lowest
    /// such byte ends the run. The run's `len` digits are shifted to the top of the word (the bytes below become
    /// leading zeros, the ones after the run fall off), and three multiplications join pairs of digits, then pairs
    /// of pairs, then the two halves (the eight-digit conversion of simdjson and fast_float): exact for any value
    /// below 10^8.
    @inline(__always)
    private static func shortNumber(_ at: UnsafeRawPointer) -> (value: Int, length: Int) {
        let d = UInt64(littleEndian: at.loadUnaligned(as: UInt64.self)) ^ 0x3030_3030_3030_3030
        let notDigit = (((d & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | d) & 0x8080_8080_8080_8080
        guard notDigit != 0 else { return (0, -1) }
        let length = notDigit.trailingZeroBitCount >> 3
        guard length > 0 else { return (0, 0) }
        var v = d << UInt64(64 - 8 * length)
        v = ((v & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        return (Int(v), length)
    }

    /// The direct 1-gram table and the packed-key table of `Fast` for the entries' grams (`entryPacks`: an entry's
    /// `length << 48 | units`, 0 where it holds more than 3 units or one the scan skips); nil when a length above 3 is
    /// read. Grams of a length the model does not read are left out: the scan would never count them.
    private static func fastTables(entryPacks: [UInt64], lengths: [Int]) -> Fast? {
        guard let longest = lengths.last, longest <= 3 else { return nil }
        var units = [UInt32](repeating: 0, count: 65_536)
        // At most two packed keys per gram (itself and its 2-unit prefix): a table twice that has room.
        var bits: UInt64 = 4
        while 1 << bits < entryPacks.count * 4 { bits += 1 }
        var slots = [Fast.Slot](repeating: Fast.Slot(key: 0, value: 0), count: 1 << bits)
        let mask = (1 << Int(bits)) - 1
        let prefix: UInt32 = 1 << 31
        for (entry, pack) in entryPacks.enumerated() where pack != 0 {
            let count = Int(pack >> 48), whole = pack & 0xFFFF_FFFF_FFFF
            guard lengths.contains(count) else { continue }
            for length in 1...count {
                let key = whole >> (16 * UInt64(count - length))
                let mark = length == count ? UInt32(entry) + 1 : prefix
                if length == 1 {
                    units[Int(key)] |= mark
                    continue
                }
                let probe = UInt64(length) << 48 | key
                var s = Int(truncatingIfNeeded: (probe &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
                while slots[s].key != probe && slots[s].key != 0 { s = (s + 1) & mask }
                slots[s].key = probe
                slots[s].value |= mark
            }
        }
        return Fast(units: units, slots: slots, shift: 64 - bits)
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

    /// The known grams of some texts: `count` entries and their log(1 + weighted count), in a fixed order. They stay in
    /// the words the scan counted them in: one array per call (each array made costs a lookup of its type's metadata,
    /// and five of them cost more than a short text's scan). Read through `withGrams`.
    struct Features {
        /// How many grams.
        let count: Int
        fileprivate let words: [UInt64]
        /// Where the values (as Double) and the entries (one a word) start among the words.
        fileprivate let valuesAt: Int, entriesAt: Int

        /// Calls `body` with the entries and their values.
        func withGrams<R>(_ body: (_ entries: UnsafeBufferPointer<UInt64>, _ values: UnsafeBufferPointer<Double>) -> R) -> R {
            words.withUnsafeBufferPointer { w in
                let entries = UnsafeBufferPointer(rebasing: w[entriesAt..<(entriesAt + count)])
                return UnsafeBufferPointer(rebasing: w[valuesAt..<(valuesAt + count)]).withMemoryRebound(to: Double.self) { values in
                    body(entries, values)
                }
            }
        }
    }

    /// The known grams of a sheet's texts (the title counted `titleWeight`, the summary 1).
    func features(_ texts: [ScoringText]) -> Features {
        features(texts.count) { (texts[$0].foldedUnits, texts[$0].field == .title) }
    }

    /// The known grams of texts, each the title (counted `titleWeight`) or not (counted 1).
    func features(_ texts: [(units: [UInt16], title: Bool)]) -> Features {
        features(texts.count) { texts[$0] }
    }

    /// The known grams of `n` texts, `text(i)` the i-th. One pass over the units: a gram grows unit by unit (while it
    /// is a prefix of a model gram, with the `fast` tables), each length looked up, each hit counted in a small
    /// open-addressing table of the call's own (no sort, no allocation per gram); the hits are read out in the
    /// table's slot order.
    private func features(_ n: Int, _ text: (Int) -> (units: [UInt16], title: Bool)) -> Features {
        var occurrences = 0
        for i in 0..<n { occurrences += text(i).units.count }
        occurrences *= longest
        // Never more distinct grams than occurrences: a table one larger always has an empty slot.
        var size = 64
        while size <= occurrences { size *= 2 }
        // One array of words: the table's slots (an entry as 32 bits) and the slots taken (one bit each: zeroed), the
        // counts (a slot's entry and count are written when it is taken), then room for as many values and entries as
        // slots.
        let seenWords = size / 2, takenWords = size / 64
        let countsAt = seenWords + takenWords, valuesAt = countsAt + size, entriesAt = valuesAt + size
        var hits = 0
        let words = [UInt64](unsafeUninitializedCapacity: entriesAt + size) { w, filled in
            let taken = UnsafeMutableBufferPointer(rebasing: w[seenWords..<countsAt])
            taken.initialize(repeating: 0)
            let entries = UnsafeMutableBufferPointer(rebasing: w[entriesAt..<(entriesAt + size)])
            UnsafeMutableBufferPointer(rebasing: w[0..<seenWords]).withMemoryRebound(to: UInt32.self) { seen in
                UnsafeMutableBufferPointer(rebasing: w[countsAt..<valuesAt]).withMemoryRebound(to: Double.self) { counts in
                    UnsafeMutableBufferPointer(rebasing: w[valuesAt..<entriesAt]).withMemoryRebound(to: Double.self) { values in
                        scan(n, text, size: size, seen: seen, taken: taken, counts: counts)
                        // The hits in slot order. Counts are sums of positive weights; a whole one below 64 reads its
                        // log from the table.
                        Self.smallLogs.withUnsafeBufferPointer { logs in
                            for word in 0..<takenWords {
                                var bits = taken[word]
                                while bits != 0 {
                                    let t = word &<< 6 | bits.trailingZeroBitCount
                                    bits &= bits &- 1
                                    entries[hits] = UInt64(seen[t])
                                    let c = counts[t]
                                    if c >= 0, c < 64, case let whole = Int(c), Double(whole) == c {
                                        values[hits] = logs[whole]
                                    } else {
                                        values[hits] = log1p(c)
                                    }
                                    hits &+= 1
                                }
                            }
                        }
                    }
                }
            }
            // Plain words: those past what was written are never read.
            filled = entriesAt + size
        }
        return Features(count: hits, words: words, valuesAt: valuesAt, entriesAt: entriesAt)
    }

    /// The scan of `features`: counts each hit of the `n` texts in the table `seen` (`size` slots), marking the slots
    /// taken.
    private func scan(_ n: Int, _ text: (Int) -> (units: [UInt16], title: Bool), size: Int, seen: UnsafeMutableBufferPointer<UInt32>,
                      taken: UnsafeMutableBufferPointer<UInt64>, counts: UnsafeMutableBufferPointer<Double>) {
        let sizeMask = size - 1
        var lengthMask = 0
        for n in lengths { lengthMask |= 1 << n }
        let longest = self.longest, tableMask = mask, titleWeight = self.titleWeight
        // Linear probing from the entry's hash: a slot is empty while its bit in `taken` is 0 (nothing else is zeroed:
        // a 2 KB table cleared cost more than the probes' bit tests).
        @inline(__always) func count(_ entry: Int32, _ weight: Double) {
            var t = Int(truncatingIfNeeded: UInt32(bitPattern: entry) &* 2_654_435_761) & sizeMask
            let mark = UInt32(bitPattern: entry)
            while true {
                let bit: UInt64 = 1 &<< UInt64(truncatingIfNeeded: t & 63)
                if taken[t &>> 6] & bit == 0 {
                    taken[t &>> 6] |= bit
                    seen[t] = mark
                    counts[t] = weight
                    return
                }
                if seen[t] == mark {
                    counts[t] += weight
                    return
                }
                t = (t &+ 1) & sizeMask
            }
        }
        if let fast {
            fast.units.withUnsafeBufferPointer { direct in
                fast.slots.withUnsafeBufferPointer { slots in
                    do {
                        let shift = fast.shift, fastMask = slots.count - 1
                        for which in 0..<n {
                            let (units, title) = text(which)
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
                                        var slot = slots[s]
                                        while slot.key != probe && slot.key != 0 {
                                            s = (s &+ 1) & fastMask
                                            slot = slots[s]
                                        }
                                        value = slot.key == probe ? slot.value : 0
                                        if value & 0x7FFF_FFFF != 0 { count(Int32(bitPattern: value & 0x7FFF_FFFF) &- 1, weight) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } else {
            keys.withUnsafeBufferPointer { keys in
                slotEntry.withUnsafeBufferPointer { slotEntry in
                    for which in 0..<n {
                        let (units, title) = text(which)
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

    /// log1p of the whole counts below 64, computed once (the same numbers log1p gives).
    private static let smallLogs: [Double] = (0..<64).map { log1p(Double($0)) }

    /// Features of a title and a summary as the rules fold them (for callers without a sheet).
    func features(title: String, summary: String) -> Features {
        let fold = { (s: String) in ScoringText.utf16(TextForm.halfWidthASCII(s)).map(ScoringText.fold) }
        return features([(fold(title), true), (fold(summary), false)])
    }

    /// The raw scores of the three dimensions' labels, each dimension's as one vector (category 4 lanes, subtype and
    /// industry 8; the lanes past a dimension's labels unused): no array to allocate.
    struct Scores {
        var category = SIMD4<Double>()
        var subtype = SIMD8<Double>()
        var industry = SIMD8<Double>()
        /// Per dimension, the norm its sums were divided by (0 while the dimension is not scored): `grams` reuses it.
        var norms = SIMD4<Double>()

        /// Label `j` of dimension `d` (0 category, 1 subtype, 2 industry).
        subscript(d: Int, j: Int) -> Double {
            d == 0 ? category[j] : d == 1 ? subtype[j] : industry[j]
        }
    }

    /// The three dimensions' raw scores in one pass over the features (bias + Σ weight × value / norm, the norm over
    /// the grams each dimension knows); only the dimensions whose lane of `dimensions` is not 0 are computed, the
    /// others are left at their biases. Each dimension's labels are added up as one vector: per label the same
    /// additions in the same order as one at a time.
    func scores(_ f: Features, dimensions: SIMD4<Int32> = SIMD4(1, 1, 1, 0)) -> Scores {
        var z = Scores()
        for j in 0..<category.labels.count { z.category[j] = category.bias[j] }
        for j in 0..<subtype.labels.count { z.subtype[j] = subtype.bias[j] }
        for j in 0..<industry.labels.count { z.industry[j] = industry.bias[j] }
        add(f, dimensions: dimensions, to: &z)
        return z
    }

    /// Adds dimension `d`'s scores to scores computed without it (`scores` with its lane 0): the same numbers as
    /// `scores` computes with the others, since each dimension's norm and sums are lane-wise and its own.
    func addScores(_ d: Int, _ f: Features, to z: inout Scores) {
        var one = SIMD4<Int32>()
        one[d] = 1
        add(f, dimensions: one, to: &z)
    }

    /// The sums of `scores` for the dimensions asked for, added to `z` (which holds their biases).
    private func add(_ f: Features, dimensions: SIMD4<Int32>, to z: inout Scores) {
        var norm: SIMD4<Double> = .zero
        // A gram a dimension does not know adds 0 to its norm and 0 × value to its scores (its weights are 0): the same
        // sums as leaving it out.
        let want = SIMD4<Double>(dimensions[0] != 0 ? 1 : 0, dimensions[1] != 0 ? 1 : 0, dimensions[2] != 0 ? 1 : 0, 0)
        f.withGrams { entries, values in
            entryKnown.withUnsafeBufferPointer { known in
                Self.knownLanes.withUnsafeBufferPointer { lanes in
                    for i in 0..<entries.count {
                        let v = values[i]
                        norm += lanes[Int(truncatingIfNeeded: known[Int(truncatingIfNeeded: entries[i])])] * want * SIMD4(repeating: v * v)
                    }
                }
            }
            for d in 0..<3 { norm[d] = norm[d] > 0 ? norm[d].squareRoot() : 1 }
            // Every gram is added, known or not: a branch to skip the unknown ones (weights 0) measured +0.2k a submission
            // on dev, since most grams a text hits are known to every dimension. The weights are the file's integers, so
            // each value is divided by the norm × 1e5.
            if dimensions[0] != 0 { Self.accumulate(&z.category, entryCategory, entries, values, norm[0] * 100_000) }
            if dimensions[1] != 0 { Self.accumulate(&z.subtype, entrySubtype, entries, values, norm[1] * 100_000) }
            if dimensions[2] != 0 { Self.accumulate(&z.industry, entryIndustry, entries, values, norm[2] * 100_000) }
            for d in 0..<3 where dimensions[d] != 0 { z.norms[d] = norm[d] }
        }
    }

    /// One dimension's sums: Σ weights[entry] × value ÷ scale over the grams (the weights integers, `scale` the norm ×
    /// 1e5), added to `z`. The integers convert to doubles exactly; each product and sum rounds once, as with the
    /// weights as doubles, so a score may differ from that in its last bits (docs/scoring.md, "The model layer").
    @inline(__always)
    private static func accumulate(_ z: inout SIMD4<Double>, _ weights: [SIMD4<Int32>], _ entries: UnsafeBufferPointer<UInt64>,
                                   _ values: UnsafeBufferPointer<Double>, _ scale: Double) {
        var sum = z
        weights.withUnsafeBufferPointer { w in
            for i in 0..<entries.count {
                sum += SIMD4<Double>(w[Int(truncatingIfNeeded: entries[i])]) * SIMD4(repeating: values[i] / scale)
            }
        }
        z = sum
    }

    /// `accumulate` for 8 labels.
    @inline(__always)
    private static func accumulate(_ z: inout SIMD8<Double>, _ weights: [SIMD8<Int32>], _ entries: UnsafeBufferPointer<UInt64>,
                                   _ values: UnsafeBufferPointer<Double>, _ scale: Double) {
        var sum = z
        weights.withUnsafeBufferPointer { w in
            for i in 0..<entries.count {
                sum += SIMD8<Double>(w[Int(truncatingIfNeeded: entries[i])]) * SIMD8(repeating: values[i] / scale)
            }
        }
        z = sum
    }

    /// The verdict of one dimension (0 category, 1 subtype, 2 industry) from `scores`, its softmax taken over
    /// `allowed` labels when given (a subtype within its category); nil when no label is allowed. No grams.
    func verdict(_ d: Int, _ z: Scores, allowed: [String]? = nil) -> Verdict? {
        let dim = d == 0 ? category : d == 1 ? subtype : industry
        let keep = (0..<dim.labels.count).filter { allowed?.contains(dim.labels[$0]) ?? true }
        guard let top = keep.map({ z[d, $0] }).max() else { return nil }
        let e = keep.map { exp(z[d, $0] - top) }
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
        guard let c = LabelText.firstIndex(of: category, in: self.category.labels) else { return nil }
        return allowedSubtypes[c]
    }

    /// `verdict` without the probabilities of every label: the index of the most probable label among `allowed`
    /// (bit j: label j) and its probability, by the same arithmetic; nil when no label is allowed. No allocation.
    func top(_ d: Int, _ z: Scores, allowed: UInt32 = .max) -> (label: Int, probability: Double)? {
        guard let (k, top) = largest(d, z, allowed: allowed) else { return nil }
        var e = SIMD8<Double>()
        var sum = 0.0
        for j in 0..<k where (allowed >> UInt32(j)) & 1 == 1 {
            e[j] = exp(z[d, j] - top)
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

    /// The number of labels of dimension `d` and the largest score among the `allowed` ones (bit j: label j), which
    /// the softmax subtracts; nil when no label is allowed.
    private func largest(_ d: Int, _ z: Scores, allowed: UInt32) -> (count: Int, score: Double)? {
        let k = d == 0 ? category.labels.count : d == 1 ? subtype.labels.count : industry.labels.count
        var top = 0.0, any = false
        for j in 0..<k where (allowed >> UInt32(j)) & 1 == 1 {
            let v = z[d, j]
            if !any || top < v { top = v }
            any = true
        }
        return any ? (k, top) : nil
    }

    /// The probability of label `j` of dimension `d` among the `allowed` labels (bit j: label j), by the softmax `top`
    /// takes (the same subtraction of the largest score, the same sum in the same order).
    func probability(_ d: Int, _ z: Scores, of j: Int, allowed: UInt32 = .max) -> Double {
        guard let (k, top) = largest(d, z, allowed: allowed), (allowed >> UInt32(j)) & 1 == 1 else { return 0 }
        var sum = 0.0
        for i in 0..<k where (allowed >> UInt32(i)) & 1 == 1 { sum += exp(z[d, i] - top) }
        return exp(z[d, j] - top) / sum
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
    /// (bit j: label j), at most three, strongest first. `norm`: the norm `scores` divided dimension `d`'s sums by
    /// (`Scores.norms[d]`: the same sum of the same squares in the same order as counted here), 0 to count it here.
    func grams(_ d: Int, _ f: Features, best: Int, allowed: UInt32 = .max, norm known: Double = 0) -> [String] {
        let dim = d == 0 ? category : d == 1 ? subtype : industry
        let k = dim.labels.count
        let all: UInt32 = (1 << UInt32(k)) - 1
        let kept = allowed & all
        // Every label kept: the row's sum over its labels, added up at load in the same order.
        let whole = kept == all
        let others = Double(max(kept.nonzeroBitCount - 1, 1))
        return f.withGrams { entries, values in
            var norm = known
            if norm == 0 {
                for i in 0..<entries.count where entryRows[Int(truncatingIfNeeded: entries[i])][d] >= 0 { norm += values[i] * values[i] }
                norm = norm > 0 ? norm.squareRoot() : 1
            }
            // The dimension's weights read as plain integers, `lanes` a row (one loop for the three dimensions, no
            // branch on the dimension and no vector lane picked by a variable index per gram).
            let (rows, held) = entryRows.withUnsafeBytes { rowBytes in
                entrySums.withUnsafeBytes { sumBytes in
                    switch d {
                    case 0:
                        entryCategory.withUnsafeBytes {
                            Self.strongest(d, $0, lanes: 4, k: k, kept: kept, whole: whole, best: best, others: others, norm: norm,
                                           entries, values, rowBytes, sumBytes, dim)
                        }
                    case 1:
                        entrySubtype.withUnsafeBytes {
                            Self.strongest(d, $0, lanes: 8, k: k, kept: kept, whole: whole, best: best, others: others, norm: norm,
                                           entries, values, rowBytes, sumBytes, dim)
                        }
                    default:
                        entryIndustry.withUnsafeBytes {
                            Self.strongest(d, $0, lanes: 8, k: k, kept: kept, whole: whole, best: best, others: others, norm: norm,
                                           entries, values, rowBytes, sumBytes, dim)
                        }
                    }
                }
            }
            return (0..<held).map { dim.gram(rows[$0]) }
        }
    }

    /// The loop of `grams`: the rows of the (at most three) grams that pushed label `best` of dimension `d` most, and
    /// how many. `weights`: the dimension's weight vectors (`lanes` integers each); `rowBytes` and `sumBytes`: the
    /// entries' rows and sums (four lanes each). Per gram the same arithmetic in the same order as one label at a time:
    /// the sum over the kept labels in label order (or the row's sum), w − (sum − w) ÷ others, × value ÷ norm.
    @inline(__always)
    private static func strongest(_ d: Int, _ weights: UnsafeRawBufferPointer, lanes: Int, k: Int, kept: UInt32, whole: Bool, best: Int,
                                  others: Double, norm: Double, _ entries: UnsafeBufferPointer<UInt64>, _ values: UnsafeBufferPointer<Double>,
                                  _ rowBytes: UnsafeRawBufferPointer, _ sumBytes: UnsafeRawBufferPointer,
                                  _ dim: Dimension) -> (SIMD4<Int>, Int) {
        // The strongest three so far, strongest first (a fourth lane for the one pushed out); equal pushes in the
        // order of their grams.
        var rows = SIMD4<Int>(repeating: -1), pushes = SIMD4<Double>(repeating: 0)
        var held = 0
        let stride = lanes * 4
        for i in 0..<entries.count {
            let e = Int(truncatingIfNeeded: entries[i])
            let row = Int(rowBytes.load(fromByteOffset: (e &* 4 &+ d) &* 4, as: Int32.self))
            guard row >= 0 else { continue }
            let at = e &* stride
            var sum = 0.0
            if whole {
                sum = sumBytes.load(fromByteOffset: (e &* 4 &+ d) &* 8, as: Double.self)
            } else {
                for j in 0..<k where (kept >> UInt32(j)) & 1 == 1 {
                    sum += Double(weights.load(fromByteOffset: at &+ j &* 4, as: Int32.self)) / 100_000
                }
            }
            let w = Double(weights.load(fromByteOffset: at &+ best &* 4, as: Int32.self)) / 100_000
            let push = (w - (sum - w) / others) * values[i] / norm
            guard push > 0 else { continue }
            guard held < 3 || stronger(push, row, than: pushes[held - 1], rows[held - 1], dim) else { continue }
            var slot = held
            while slot > 0 && stronger(push, row, than: pushes[slot - 1], rows[slot - 1], dim) { slot -= 1 }
            var j = held
            while j > slot {
                rows[j] = rows[j - 1]
                pushes[j] = pushes[j - 1]
                j -= 1
            }
            rows[slot] = row
            pushes[slot] = push
            held = min(held + 1, 3)
        }
        return (rows, held)
    }

    /// Whether a gram's push ranks before another's: larger, or equal and the gram first in string order.
    @inline(__always)
    private static func stronger(_ push: Double, _ row: Int, than other: Double, _ otherRow: Int, _ dim: Dimension) -> Bool {
        push > other || (push == other && dim.gram(row) < dim.gram(otherRow))
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
