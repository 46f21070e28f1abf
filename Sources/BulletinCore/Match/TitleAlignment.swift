/// Two titles cut from one template with a different subject in it: 中药材[川芎]种植与采收加工行业标准 and
/// 中药材[附子]种植与采收加工行业标准, [全钒]液流电池储能系统 and [铁铬]液流电池储能系统. A unit words its sibling
/// products alike; a second sender rewords the whole title instead. Found by aligning the titles on their longest
/// common pieces.
enum TitleAlignment {
    /// The differing pieces when the titles share a template and differ in a subject, else nil:
    /// - the alignment leaves exactly one gap, with different characters on both sides (at most 6 each, 3 at the
    ///   start: 白鹤滩水电站 / 单机容量 in front of one machine's name is a rewording);
    /// - the gap is not at the end (选育 / 审定, 投运 / 下线 at the end is how senders reword);
    /// - the aligned pieces cover at least 60% of the longer title.
    static func substitution(_ x: [Character], _ y: [Character]) -> (String, String)? {
        guard let (gx, gy) = gap(x, y) else { return nil }
        return (String(gx), String(gy))
    }

    /// `substitution` on titles given as `codes` (one code per character, see `codes(_:)`): the same answer
    /// without comparing `Character`s, which is most of the cost when every candidate pair is aligned.
    static func substitution(codes x: [UInt32], _ y: [UInt32]) -> (String, String)? {
        guard let (gx, gy) = gap(x, y) else { return nil }
        func text(_ s: ArraySlice<UInt32>) -> String {
            var v = String.UnicodeScalarView()
            for c in s { if let u = Unicode.Scalar(c) { v.append(u) } }
            return String(v)
        }
        return (text(gx), text(gy))
    }

    /// One code per character (its scalar) when every character is a single scalar that no other character
    /// equals: ASCII and the unified CJK ideographs, which have no canonical equivalent; nil otherwise (a
    /// compatibility ideograph such as U+F900 equals U+8C48 as a `Character`, a combining mark joins its base),
    /// and those titles are aligned as `Character`s. Two coded titles so align exactly as their characters do.
    static func codes(_ s: [Character]) -> [UInt32]? {
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        for c in s {
            let scalars = c.unicodeScalars
            guard let u = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return nil }
            let v = u.value
            guard v < 0x80 || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x20000...0x2EBEF).contains(v)
            else { return nil }
            out.append(v)
        }
        return out
    }

    /// `codes` of the characters of the text of these scalars, from the scalars: every scalar coded (ASCII or a
    /// unified ideograph) makes each scalar a character of its own (no grapheme rule joins two of them), so the
    /// codes are the scalars; any other scalar makes `codes` of the characters nil (the character holding it is
    /// either that one scalar, not coded, or more than one scalar).
    static func codes(scalars s: [Unicode.Scalar]) -> [UInt32]? {
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        for u in s {
            let v = u.value
            guard v < 0x80 || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x20000...0x2EBEF).contains(v)
            else { return nil }
            out.append(v)
        }
        return out
    }

    /// The one gap of the alignment of x and y under the rules of `substitution`, else nil.
    static func gap<E: Hashable>(_ x: [E], _ y: [E]) -> (ArraySlice<E>, ArraySlice<E>)? {
        guard min(x.count, y.count) >= 4 else { return nil }
        // Bounds that need no alignment. Matched pieces are as long on both sides and the one gap holds 1 to 6
        // characters on each, so the lengths differ by at most 5 and the aligned part is at most the shorter
        // title less one character.
        let short = min(x.count, y.count), long = max(x.count, y.count)
        guard long - short <= 5, Double(short - 1) >= 0.6 * Double(long) else { return nil }
        // The pieces' x sides make up x and their y sides y, and matched pieces are alike on both sides, so one gap
        // makes x = A gx B and y = A gy B, with A and B the matched pieces before and after it: A is empty or at
        // least 2 long (a matched piece is), B at least 2 (the gap is not at the end), and the gap at most 6
        // (3 when A is empty). So the common prefix and suffix must reach that far; most pairs of one template's
        // titles fail here, before the alignment's table is made.
        var p = 0, s = 0
        while p < short && x[p] == y[p] { p += 1 }
        while s < short && x[x.count - 1 - s] == y[y.count - 1 - s] { s += 1 }
        guard s >= 2, (p >= 2 && p + s >= long - 6) || s >= long - 3 else { return nil }
        return x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                // Two rows of the longest-common-substring table, on the stack for titles of a usual length.
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * (y.count + 1)) { rows in
                    var w = Walk()
                    walk(xb, 0..<x.count, yb, 0..<y.count, rows.baseAddress.unsafelyUnwrapped, &w)
                    guard w.gaps == 1, w.gapAt < w.pieces - 1 else { return nil }
                    let gx = x[w.gapX], gy = y[w.gapY]
                    let longest = w.gapAt == 0 ? 3 : 6
                    guard !gx.isEmpty, !gy.isEmpty, gx.count <= longest, gy.count <= longest,
                          !gx.contains(where: { gy.contains($0) }) else { return nil }
                    guard Double(w.aligned) >= 0.6 * Double(max(x.count, y.count)) else { return nil }
                    return (gx, gy)
                }
            }
        }
    }

    /// What `gap` keeps of the alignment's pieces as they are found in order (x's and y's pieces make up x and
    /// y): how many, the matched length, and the unmatched ones, counted, the last one's place and ranges kept.
    struct Walk {
        var pieces = 0
        var aligned = 0
        var gaps = 0
        var gapAt = 0
        var gapX = 0..<0
        var gapY = 0..<0
    }

    /// The alignment of x[xr] and y[yr]: split at their longest common substring of 2 characters or more, then
    /// each side aligned alike, recursively; what is left unsplit is an unmatched piece. Each piece is given to
    /// `w` in order, none listed; the walk stops at a second unmatched piece, after which `gap`'s answer is nil
    /// whatever follows.
    static func walk<E: Equatable>(_ x: UnsafeBufferPointer<E>, _ xr: Range<Int>, _ y: UnsafeBufferPointer<E>, _ yr: Range<Int>,
                                   _ rows: UnsafeMutablePointer<Int32>, _ w: inout Walk) {
        guard let (i, j, n) = longestCommon(x, xr, y, yr, rows), n >= 2 else {
            if !xr.isEmpty || !yr.isEmpty {
                w.gaps += 1
                w.gapAt = w.pieces
                w.gapX = xr
                w.gapY = yr
                w.pieces += 1
            }
            return
        }
        walk(x, xr.lowerBound..<i, y, yr.lowerBound..<j, rows, &w)
        if w.gaps > 1 { return }
        w.pieces += 1
        w.aligned += n
        walk(x, (i + n)..<xr.upperBound, y, (j + n)..<yr.upperBound, rows, &w)
    }

    /// Start in x, start in y and length of the longest common substring of x[xr] and y[yr] (the first found
    /// when tied, x's characters outer, y's inner), with the table's two rows at `rows` (room for y.count + 1
    /// each).
    static func longestCommon<E: Equatable>(_ x: UnsafeBufferPointer<E>, _ xr: Range<Int>, _ y: UnsafeBufferPointer<E>, _ yr: Range<Int>,
                                            _ rows: UnsafeMutablePointer<Int32>) -> (Int, Int, Int)? {
        if xr.isEmpty || yr.isEmpty { return nil }
        let width = yr.count + 1
        var prev = rows, cur = rows + width
        prev.initialize(repeating: 0, count: width)
        cur.initialize(repeating: 0, count: width)
        var best = (0, 0, 0)
        let x0 = xr.lowerBound, y0 = yr.lowerBound
        for a in 1...xr.count {
            let xa = x[x0 + a - 1]
            for b in 1..<width {
                if xa == y[y0 + b - 1] {
                    let v = Int(prev[b - 1]) + 1
                    cur[b] = Int32(truncatingIfNeeded: v)
                    if v > best.2 { best = (a - v, b - v, v) }
                } else {
                    cur[b] = 0
                }
            }
            swap(&prev, &cur)
        }
        return best.2 == 0 ? nil : (x0 + best.0, y0 + best.1, best.2)
    }
}
