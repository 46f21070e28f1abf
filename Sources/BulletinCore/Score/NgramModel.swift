import Foundation

/// The character n-gram logistic regression of data/scoring-model.json (written by tools/train_scoring_model.py),
/// read for category, subtype and industry.
///
/// Features as the trainer computes them: the 1- to 3-grams of the folded UTF-16 units the rules read
/// (`ScoringText.foldedUnits`), grams holding a surrogate or whitespace unit left out; each occurrence counts the
/// model's title weight in the title and 1 in the summary; value log(1 + count), L2-normalised over the grams the
/// dimension knows. Grams are found by a 64-bit FNV-1a hash of their units in an open-addressing table built at
/// load time: no String is made per gram.
struct NgramModel: Sendable {
    /// One dimension's labels, biases and weights.
    struct Dimension: Sendable {
        /// The labels, in the file's order.
        let labels: [String]
        /// One bias per label.
        let bias: [Double]
        /// The grams, for explaining (row order).
        let grams: [String]
        /// Row-major: `weights[row * labels.count + k]`.
        let weights: [Double]
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
    /// does not know it), and its weights for all labels side by side (`lanes` numbers: category, subtype, industry).
    private let entryRows: [SIMD4<Int32>]
    private let entryWeights: [Double]
    /// Where each dimension's labels start among the lanes, and the lane count.
    let laneStart: [Int]
    let lanes: Int

    /// Reads the model file; a ConfigError naming `file`, `jsonPath` and what to do when it is missing or malformed.
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
        func dimension(_ name: String, expected: [String]) throws -> Dimension {
            guard let d = doc.dimensions[name] else {
                throw ConfigError(file: file, path: jsonPath, message: "names \(url.path), which has no dimensions.\(name); \(redo)")
            }
            let malformed = ConfigError(file: file, path: jsonPath,
                                        message: "names \(url.path), whose dimensions.\(name) is malformed (labels must be \(expected.joined(separator: "、")), one bias per label, one string of that many numbers per gram); \(redo)")
            guard Set(d.labels) == Set(expected), d.bias.count == d.labels.count, d.grams.count == d.weights.count else { throw malformed }
            var weights: [Double] = []
            weights.reserveCapacity(d.weights.count * d.labels.count)
            for row in d.weights {
                var count = 0
                for number in row.utf8.split(separator: UInt8(ascii: " ")) {
                    guard let w = Self.decimal(number) ?? Double(Substring(number)) else { throw malformed }
                    weights.append(w)
                    count += 1
                }
                guard count == d.labels.count else { throw malformed }
            }
            return Dimension(labels: d.labels, bias: d.bias, grams: d.grams, weights: weights)
        }
        category = try dimension("category", expected: AchievementTaxonomy.categories)
        subtype = try dimension("subtype", expected: AchievementTaxonomy.subtypes)
        industry = try dimension("industry", expected: AchievementTaxonomy.industries)
        guard !doc.features.ngrams.isEmpty, doc.features.ngrams.allSatisfy({ (1...8).contains($0) }), doc.features.titleWeight > 0 else {
            throw ConfigError(file: file, path: jsonPath, message: "names \(url.path), whose features.ngrams must be lengths 1 to 8 and features.titleWeight positive; \(redo)")
        }
        lengths = doc.features.ngrams.sorted()
        longest = lengths.last ?? 1
        titleWeight = doc.features.titleWeight

        let dims = [category, subtype, industry]
        laneStart = [0, category.labels.count, category.labels.count + subtype.labels.count]
        lanes = laneStart[2] + industry.labels.count
        // One table over the three dimensions' grams, filled straight from the rows (the table's answers do not
        // depend on the order of insertion); entries are then numbered in slot order.
        let total = category.grams.count + subtype.grams.count + industry.grams.count
        var capacity = 16
        while capacity < total * 2 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var rows = [SIMD4<Int32>](repeating: SIMD4(-1, -1, -1, -1), count: capacity)
        for (d, dim) in dims.enumerated() {
            for (row, gram) in dim.grams.enumerated() {
                let h = Self.hash(Array(gram.utf16)[...])
                var slot = Int(truncatingIfNeeded: h) & (capacity - 1)
                while keys[slot] != 0 && keys[slot] != h { slot = (slot + 1) & (capacity - 1) }
                keys[slot] = h
                rows[slot][d] = Int32(row)
            }
        }
        var slotEntry = [Int32](repeating: -1, count: capacity)
        var entryRows: [SIMD4<Int32>] = []
        var entryWeights: [Double] = []
        for slot in 0..<capacity where keys[slot] != 0 {
            slotEntry[slot] = Int32(entryRows.count)
            entryRows.append(rows[slot])
            for (d, dim) in dims.enumerated() {
                let k = dim.labels.count
                let row = Int(rows[slot][d])
                for j in 0..<k { entryWeights.append(row >= 0 ? dim.weights[row * k + j] : 0) }
            }
        }
        self.keys = keys
        self.slotEntry = slotEntry
        self.entryRows = entryRows
        self.entryWeights = entryWeights
        mask = capacity - 1
    }

    /// A plain decimal (-0.12345, 3, 0.0) read exactly as strtod reads it: its digits as an integer divided by a power
    /// of ten, both exact, so the quotient is the nearest double. nil for anything else (1e-05), left to `Double`.
    static func decimal(_ bytes: Substring.UTF8View) -> Double? {
        var mantissa: Int64 = 0
        var digits = 0, decimals = 0
        var negative = false, point = false
        for (i, b) in bytes.enumerated() {
            switch b {
            case UInt8(ascii: "-") where i == 0: negative = true
            case UInt8(ascii: "."): if point { return nil } else { point = true }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                mantissa = mantissa * 10 + Int64(b - UInt8(ascii: "0"))
                digits += 1
                if point { decimals += 1 }
            default: return nil
            }
        }
        guard digits > 0, digits <= 15, decimals < powersOfTen.count else { return nil }
        let value = Double(mantissa) / powersOfTen[decimals]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

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
    /// the units: a gram's hash grows unit by unit, each length looked up in the model's table, each hit counted in
    /// a small open-addressing table of the call's own (no sort, no allocation per gram).
    func features(_ texts: [(units: [UInt16], title: Bool)]) -> Features {
        var occurrences = 0
        for t in texts { occurrences += t.units.count }
        occurrences *= longest
        var size = 64
        while size < occurrences * 2 { size *= 2 }
        let sizeMask = size - 1
        var seen = [Int32](repeating: -1, count: size)
        var counts = [Double](repeating: 0, count: size)
        var lengthMask = 0
        for n in lengths { lengthMask |= 1 << n }
        let longest = self.longest, tableMask = mask, titleWeight = self.titleWeight
        keys.withUnsafeBufferPointer { keys in
            slotEntry.withUnsafeBufferPointer { slotEntry in
                seen.withUnsafeMutableBufferPointer { seen in
                    counts.withUnsafeMutableBufferPointer { counts in
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
                                        let entry = slotEntry[s]
                                        var t = Int(UInt32(bitPattern: entry) &* 2_654_435_761) & sizeMask
                                        while seen[t] != entry && seen[t] >= 0 { t = (t + 1) & sizeMask }
                                        seen[t] = entry
                                        counts[t] += weight
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var out = Features()
        out.entries.reserveCapacity(occurrences)
        out.values.reserveCapacity(occurrences)
        for t in 0..<size where seen[t] >= 0 {
            out.entries.append(seen[t])
            out.values.append(log1p(counts[t]))
        }
        return out
    }

    /// Features of a title and a summary as the rules fold them (for callers without a sheet).
    func features(title: String, summary: String) -> Features {
        let fold = { (s: String) in ScoringText.utf16(TextForm.halfWidthASCII(s)).map(ScoringText.fold) }
        return features([(fold(title), true), (fold(summary), false)])
    }

    /// The three dimensions' raw scores in one pass over the features (`lanes` numbers, category, subtype,
    /// industry: bias + Σ weight × value / norm, the norm over the grams each dimension knows).
    func scores(_ f: Features) -> [Double] {
        var norm: [Double] = [0, 0, 0]
        for (i, e) in f.entries.enumerated() {
            let v = f.values[i], rows = entryRows[Int(e)]
            if rows[0] >= 0 { norm[0] += v * v }
            if rows[1] >= 0 { norm[1] += v * v }
            if rows[2] >= 0 { norm[2] += v * v }
        }
        for d in 0..<3 { norm[d] = norm[d] > 0 ? norm[d].squareRoot() : 1 }
        var z = category.bias + subtype.bias + industry.bias
        let lanes = self.lanes, c1 = laneStart[1], c2 = laneStart[2]
        z.withUnsafeMutableBufferPointer { z in
            entryWeights.withUnsafeBufferPointer { w in
                entryRows.withUnsafeBufferPointer { entryRows in
                    for (i, e) in f.entries.enumerated() {
                        let rows = entryRows[Int(e)]
                        let base = Int(e) * lanes
                        let v = f.values[i]
                        if rows[0] >= 0 {
                            let x = v / norm[0]
                            for j in 0..<c1 { z[j] += w[base + j] * x }
                        }
                        if rows[1] >= 0 {
                            let x = v / norm[1]
                            for j in c1..<c2 { z[j] += w[base + j] * x }
                        }
                        if rows[2] >= 0 {
                            let x = v / norm[2]
                            for j in c2..<lanes { z[j] += w[base + j] * x }
                        }
                    }
                }
            }
        }
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

    /// The verdict with the grams that pushed its label most against the mean of the other allowed labels
    /// (at most three, strongest first): made only where a reason is kept.
    func explained(_ d: Int, _ f: Features, _ verdict: Verdict, allowed: [String]? = nil) -> Verdict {
        let dim = d == 0 ? category : d == 1 ? subtype : industry
        let k = dim.labels.count
        guard let best = dim.labels.firstIndex(of: verdict.label) else { return verdict }
        let keep = (0..<k).filter { allowed?.contains(dim.labels[$0]) ?? true }
        var norm = 0.0
        for (i, e) in f.entries.enumerated() where entryRows[Int(e)][d] >= 0 { norm += f.values[i] * f.values[i] }
        norm = norm > 0 ? norm.squareRoot() : 1
        var strongest: [(row: Int, push: Double)] = []
        let others = Double(max(keep.count - 1, 1))
        for (i, e) in f.entries.enumerated() {
            let row = Int(entryRows[Int(e)][d])
            guard row >= 0 else { continue }
            var sum = 0.0
            for j in keep { sum += dim.weights[row * k + j] }
            let w = dim.weights[row * k + best]
            let push = (w - (sum - w) / others) * f.values[i] / norm
            guard push > 0 else { continue }
            if strongest.count < 3 || push > strongest[strongest.count - 1].push || (push == strongest[strongest.count - 1].push && dim.grams[row] < dim.grams[strongest[strongest.count - 1].row]) {
                var at = strongest.count
                while at > 0 && (push > strongest[at - 1].push || (push == strongest[at - 1].push && dim.grams[row] < dim.grams[strongest[at - 1].row])) { at -= 1 }
                strongest.insert((row, push), at: at)
                if strongest.count > 3 { strongest.removeLast() }
            }
        }
        var out = verdict
        out.grams = strongest.map { dim.grams[$0.row] }
        return out
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
            var grams: [String]
            /// One string per gram: its weight for each label, separated by spaces.
            var weights: [String]
        }
        var features: Features
        var dimensions: [String: Dim]
    }
}
