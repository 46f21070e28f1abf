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

    /// Only ASCII and three-byte sequences led by E4–E9 (U+4000–U+9FFF).
    private static func plain(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
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
