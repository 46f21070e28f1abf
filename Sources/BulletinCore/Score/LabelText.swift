/// Equality of labels (成果类别, 子类, 产业) as `==` says, without Unicode normalisation where none can matter.
///
/// Why: the tally and the confidence compare labels a few hundred times a case (vote sums kept in a short list,
/// ties broken by the taxonomy's order). Two different Chinese strings go through `==`'s normalising comparison,
/// about 400 instructions each, and a dictionary keyed by them hashes the normalised bytes (about 1,000): together
/// a fifth of a submission's scoring.
///
/// Exact: equal UTF-8 bytes are equal strings; and two strings made only of ASCII and U+4000–U+9FFF (CJK ideographs,
/// Yijing symbols: no decompositions, canonical combining class 0, NFC quick check Yes) are already in NFC, where
/// canonical equivalence is byte equality, so different bytes are different strings. Anything else (a combining mark,
/// full-width forms, other scripts) falls back to `==`.
enum LabelText {
    /// Whether `a == b`.
    @inline(__always)
    static func same(_ a: String, _ b: String) -> Bool {
        // 1: equal, 0: different, -1: `==` decides (nil: a string without contiguous UTF-8).
        let known: Int8? = a.utf8.withContiguousStorageIfAvailable { x -> Int8 in
            let inner: Int8? = b.utf8.withContiguousStorageIfAvailable { y -> Int8 in
                if x.count == y.count && bytesEqual(x, y) { return 1 }
                return plain(x) && plain(y) ? 0 : -1
            }
            return inner ?? -1
        }
        if let known, known >= 0 { return known == 1 }
        return a == b
    }

    /// The first index of `label` in `labels`, as `labels.firstIndex(of: label)` gives it.
    @inline(__always)
    static func firstIndex(of label: String, in labels: [String]) -> Int? {
        for i in labels.indices where same(labels[i], label) { return i }
        return nil
    }

    @inline(__always)
    private static func bytesEqual(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        if x.baseAddress == y.baseAddress { return true }
        var i = 0
        while i < x.count {
            if x[i] != y[i] { return false }
            i += 1
        }
        return true
    }

    /// `s.lowercased()`: `s` itself when it holds only ASCII without a capital and U+4000–U+9FFF (ideographs have no
    /// case mapping), without the scalar-by-scalar lowercasing (~2,000 instructions a Chinese phrase); else
    /// `s.lowercased()`.
    static func lowercased(_ s: String) -> String {
        var s = s
        let unchanged = s.withUTF8 { u in !u.contains { $0 >= 0x41 && $0 <= 0x5A } && plain(u) }
        return unchanged ? s : s.lowercased()
    }

    /// Only ASCII and three-byte sequences led by E4–E9 (U+4000–U+9FFF).
    static func plain(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            if b < 0x80 {
                i += 1
            } else if b >= 0xE4 && b <= 0xE9 && i + 2 < n {
                i += 3
            } else {
                return false
            }
        }
        return true
    }
}

/// The taxonomy's labels (categories, subtypes, industries) as small numbers, so the tally and the confidence
/// compare votes' labels as integers: a vote's label is looked up once, when it is cast, not at each of the dozen
/// sums a case takes of its votes.
///
/// Two known labels are equal exactly when their numbers are (the table's labels are distinct strings); a known
/// label never equals an unknown one (-1); two unknown ones compare as strings.
enum LabelIndex {
    /// Every label of `AchievementTaxonomy`, each once: categories, subtypes, industries.
    static let labels: [String] = {
        var out: [String] = []
        for label in AchievementTaxonomy.categories + AchievementTaxonomy.subtypes + AchievementTaxonomy.industries
        where !out.contains(label) {
            out.append(label)
        }
        return out
    }()

    /// Each label's UTF-8 bytes, all in one buffer: label `i` is `bytes[starts[i] ..< starts[i + 1]]`.
    private static let table: (bytes: [UInt8], starts: [Int]) = {
        var bytes: [UInt8] = [], starts = [0]
        for label in labels {
            bytes += Array(label.utf8)
            starts.append(bytes.count)
        }
        return (bytes, starts)
    }()

    /// Open-addressed table over `table`: label number + 1 at the slot of its bytes' hash (or a later one), 0 for
    /// none; a power of two at least four times the labels. Labels with the bytes of an earlier one are left out.
    private static let slots: [Int16] = {
        let (bytes, starts) = table
        var size = 16
        while size < 4 * labels.count { size *= 2 }
        var out = [Int16](repeating: 0, count: size)
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<labels.count {
                let u = UnsafeBufferPointer(rebasing: b[starts[i]..<starts[i + 1]])
                var h = hash(u)
                var duplicate = false
                while out[Int(h) & (size - 1)] != 0 {
                    let j = Int(out[Int(h) & (size - 1)]) - 1
                    if b[starts[j]..<starts[j + 1]].elementsEqual(u) { duplicate = true; break }
                    h &+= 1
                }
                if !duplicate { out[Int(h) & (size - 1)] = Int16(i + 1) }
            }
        }
        return out
    }()

    /// FNV-1a of some bytes.
    @inline(__always)
    private static func hash(_ u: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for c in u { h = (h ^ UInt32(c)) &* 16_777_619 }
        return h
    }

    /// The numbers of `AchievementTaxonomy.categories` and `.industries`, in their order.
    static let categoryIDs: [Int16] = AchievementTaxonomy.categories.map(of)
    static let industryIDs: [Int16] = AchievementTaxonomy.industries.map(of)

    /// For each subtype's number, its category and the category's number (nil for labels that are no subtype).
    static let categoryOfSubtype: [(label: String, id: Int16)?] = labels.map { label in
        AchievementTaxonomy.category(ofSubtype: label).map { ($0, of($0)) }
    }

    /// The number of a label, -1 when it is none of the taxonomy's (as `labels.firstIndex(of:)`, by `==`).
    static func of(_ label: String) -> Int16 {
        let (bytes, starts) = table
        let known: Int16? = label.utf8.withContiguousStorageIfAvailable { u -> Int16? in
            // A plain label equals a known (plain) one only with the same bytes; any other is left to `==`.
            guard LabelText.plain(u) else { return nil }
            // By the bytes' hash in an open-addressed table (a linear search over every label cost ~750
            // instructions a call): the first label with the same bytes, as the search found it.
            let n = u.count
            var h = hash(u)
            return bytes.withUnsafeBufferPointer { b -> Int16 in
                slots.withUnsafeBufferPointer { t -> Int16 in
                    let mask = t.count - 1
                    while true {
                        let slot = Int(t[Int(h) & mask])
                        if slot == 0 { return -1 }
                        let i = slot - 1
                        var s = starts[i]
                        if starts[i + 1] - s == n {
                            var k = 0
                            while k < n && b[s] == u[k] {
                                k += 1
                                s += 1
                            }
                            if k == n { return Int16(i) }
                        }
                        h &+= 1
                    }
                }
            }
        } ?? nil
        if let known { return known }
        return labels.firstIndex(of: label).map { Int16($0) } ?? -1
    }

    /// Whether label `a` (number `i`) equals label `b` (number `j`), as `a == b`.
    @inline(__always)
    static func same(_ i: Int16, _ a: String, _ j: Int16, _ b: String) -> Bool {
        if i >= 0 || j >= 0 { return i == j }
        return LabelText.same(a, b)
    }
}

extension LabelIndex {
    /// `AchievementTaxonomy.category(ofSubtype:)` of a label whose number is `id`, with the category's number.
    @inline(__always)
    static func category(ofSubtype label: String, id: Int16) -> (label: String, id: Int16)? {
        if id >= 0 { return categoryOfSubtype[Int(id)] }
        // An unknown label is no subtype (the subtypes are all known), as the taxonomy's own lookup would say.
        return AchievementTaxonomy.category(ofSubtype: label).map { ($0, of($0)) }
    }
}

extension LabelText {
    /// `s.hasPrefix(prefix)`, read scalar by scalar where both strings are made of "plain" scalars (printable ASCII, CJK
    /// punctuation U+3000–U+301F, CJK ideographs U+4E00–U+9FFF, full-width forms U+FF01–U+FF5E): none of them decomposes,
    /// composes with another plain scalar or extends the character before it, so each is a character of its own and two
    /// characters made of them are equal exactly when their scalars are. The answer is the standard library's (which
    /// compares Chinese strings character by character, a few thousand instructions a call); where a scalar that is not
    /// plain decides it, the standard library is asked. A reason's conclusion is looked at this way by the tally and
    /// the confidence, over every reason of a rule.
    @inline(__always)
    static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        // The first scalars apart first (inlined: most reasons looked at differ there).
        if let a = s.unicodeScalars.first?.value, let b = prefix.unicodeScalars.first?.value, a != b, plain(a), plain(b) {
            return false
        }
        return hasPrefixByScalars(s, prefix)
    }

    private static func hasPrefixByScalars(_ s: String, _ prefix: String) -> Bool {
        let a = s.unicodeScalars, b = prefix.unicodeScalars
        var i = a.startIndex
        for y in b {
            guard plain(y.value) else { return s.hasPrefix(prefix) }
            // `s` ends inside the prefix: it has fewer characters.
            guard i < a.endIndex else { return false }
            let x = a[i].value
            if x != y.value {
                // Two plain first scalars that differ: the characters differ (whatever follows `x` in `s`).
                return plain(x) ? false : s.hasPrefix(prefix)
            }
            a.formIndex(after: &i)
        }
        // The prefix matched scalar for scalar: its last character is whole unless what follows extends it.
        return i == a.endIndex || plain(a[i].value) ? true : s.hasPrefix(prefix)
    }

    /// `s.hasSuffix(suffix)`, read backwards scalar by scalar on the same terms as `hasPrefix`.
    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        let a = s.unicodeScalars, b = suffix.unicodeScalars
        var i = a.endIndex, j = b.endIndex
        while j > b.startIndex {
            b.formIndex(before: &j)
            let y = b[j].value
            guard plain(y), i > a.startIndex else { return s.hasSuffix(suffix) }
            a.formIndex(before: &i)
            let x = a[i].value
            if x != y { return plain(x) ? false : s.hasSuffix(suffix) }
        }
        // The suffix matched: it starts a character unless what comes before it in `s` joins it.
        if i == a.startIndex { return true }
        a.formIndex(before: &i)
        return plain(a[i].value) ? true : s.hasSuffix(suffix)
    }

    @inline(__always)
    static func plain(_ v: UInt32) -> Bool {
        (0x20...0x7E).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x3000...0x301F).contains(v) || (0xFF01...0xFF5E).contains(v)
    }
}
