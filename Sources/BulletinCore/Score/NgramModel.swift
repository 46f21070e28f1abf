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
    /// The union of the three dimensions' grams: hash table keys (0 = empty), and per slot the gram's row in
    /// each dimension (-1 where the dimension does not know it).
    private let keys: [UInt64]
    private let rows: [SIMD4<Int32>]
    private let mask: Int
    private let longest: Int

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

        // One table over the three dimensions' grams, filled straight from the rows (the table's answers do not
        // depend on the order of insertion).
        let total = category.grams.count + subtype.grams.count + industry.grams.count
        var capacity = 16
        while capacity < total * 2 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var rows = [SIMD4<Int32>](repeating: SIMD4(-1, -1, -1, -1), count: capacity)
        for (d, dim) in [category, subtype, industry].enumerated() {
            for (row, gram) in dim.grams.enumerated() {
                let h = Self.hash(Array(gram.utf16)[...])
                var slot = Int(truncatingIfNeeded: h) & (capacity - 1)
                while keys[slot] != 0 && keys[slot] != h { slot = (slot + 1) & (capacity - 1) }
                keys[slot] = h
                rows[slot][d] = Int32(row)
            }
        }
        self.keys = keys
        self.rows = rows
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
    private func slot(of h: UInt64) -> Int {
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = keys[s]
            if k == h { return s }
            if k == 0 { return -1 }
            s = (s + 1) & mask
        }
    }

    @inline(__always)
    private static func skipped(_ u: UInt16) -> Bool {
        (0xD800...0xDFFF).contains(u) || u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D
    }

    /// The known grams of the texts with their log(1 + weighted count), by table slot, in slot order. Texts are
    /// title (counted `titleWeight`) or not (counted 1).
    func features(_ texts: [(units: [UInt16], title: Bool)]) -> [(slot: Int, value: Double)] {
        // One UInt64 per occurrence found: slot × 2 + (1 for the title), sorted without a closure.
        var found: [UInt64] = []
        found.reserveCapacity(texts.reduce(0) { $0 + $1.units.count } * 2)
        var lengthMask = 0
        for n in lengths { lengthMask |= 1 << n }
        for (units, title) in texts {
            let n = units.count
            let tag: UInt64 = title ? 1 : 0
            units.withUnsafeBufferPointer { u in
                for i in 0..<n {
                    var h: UInt64 = 0xcbf2_9ce4_8422_2325
                    var length = 0
                    while length < longest && i + length < n {
                        let unit = u[i + length]
                        if Self.skipped(unit) { break }
                        h = (h ^ UInt64(unit)) &* 0x0000_0100_0000_01b3
                        length += 1
                        if (lengthMask >> length) & 1 == 1 {
                            let s = slot(of: h == 0 ? 1 : h)
                            if s >= 0 { found.append(UInt64(s) << 1 | tag) }
                        }
                    }
                }
            }
        }
        found.sort()
        var out: [(slot: Int, value: Double)] = []
        out.reserveCapacity(found.count)
        var i = 0
        while i < found.count {
            let s = found[i] >> 1
            var count = 0.0
            while i < found.count && found[i] >> 1 == s {
                count += found[i] & 1 == 1 ? titleWeight : 1
                i += 1
            }
            out.append((Int(s), log1p(count)))
        }
        return out
    }

    /// Features of a title and a summary as the rules fold them (for callers without a sheet).
    func features(title: String, summary: String) -> [(slot: Int, value: Double)] {
        let fold = { (s: String) in ScoringText.utf16(TextForm.halfWidthASCII(s)).map(ScoringText.fold) }
        return features([(fold(title), true), (fold(summary), false)])
    }

    /// The verdict of one dimension (0 category, 1 subtype, 2 industry), its softmax taken over `allowed` labels
    /// when given (a subtype within its category); nil when no label is allowed.
    func verdict(_ d: Int, _ features: [(slot: Int, value: Double)], allowed: [String]? = nil) -> Verdict? {
        let dim = d == 0 ? category : d == 1 ? subtype : industry
        let k = dim.labels.count
        var norm = 0.0
        for f in features where rows[f.slot][d] >= 0 { norm += f.value * f.value }
        norm = norm > 0 ? norm.squareRoot() : 1
        var z = dim.bias
        for f in features {
            let row = Int(rows[f.slot][d])
            guard row >= 0 else { continue }
            let v = f.value / norm
            for j in 0..<k { z[j] += dim.weights[row * k + j] * v }
        }
        let keep = (0..<k).filter { allowed?.contains(dim.labels[$0]) ?? true }
        guard let top = keep.map({ z[$0] }).max() else { return nil }
        let e = keep.map { exp(z[$0] - top) }
        let sum = e.reduce(0, +)
        var best = keep[0]
        var bestP = -1.0
        var probabilities: [(String, Double)] = []
        for (i, j) in keep.enumerated() {
            let p = e[i] / sum
            probabilities.append((dim.labels[j], p))
            if p > bestP + 1e-12 { best = j; bestP = p }
        }
        // The grams that pushed the chosen label most against the mean of the others: the best three rows kept
        // as they come, a String only for them.
        var strongest: [(row: Int, push: Double)] = []
        let others = Double(max(keep.count - 1, 1))
        for f in features {
            let row = Int(rows[f.slot][d])
            guard row >= 0 else { continue }
            var sum = 0.0
            for j in keep { sum += dim.weights[row * k + j] }
            let w = dim.weights[row * k + best]
            let push = (w - (sum - w) / others) * f.value / norm
            guard push > 0 else { continue }
            if strongest.count < 3 || push > strongest[strongest.count - 1].push || (push == strongest[strongest.count - 1].push && dim.grams[row] < dim.grams[strongest[strongest.count - 1].row]) {
                var at = strongest.count
                while at > 0 && (push > strongest[at - 1].push || (push == strongest[at - 1].push && dim.grams[row] < dim.grams[strongest[at - 1].row])) { at -= 1 }
                strongest.insert((row, push), at: at)
                if strongest.count > 3 { strongest.removeLast() }
            }
        }
        return Verdict(label: dim.labels[best], probability: bestP, probabilities: probabilities, grams: strongest.map { dim.grams[$0.row] })
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
