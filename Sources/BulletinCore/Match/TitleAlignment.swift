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
        guard min(x.count, y.count) >= 4 else { return nil }
        var pieces: [Piece] = []
        align(x[...], y[...], into: &pieces)
        let gaps = pieces.indices.filter { !pieces[$0].matched }
        guard gaps.count == 1, let i = gaps.first, i < pieces.count - 1 else { return nil }
        let gap = pieces[i]
        let longest = i == 0 ? 3 : 6
        guard !gap.x.isEmpty, !gap.y.isEmpty, gap.x.count <= longest, gap.y.count <= longest,
              Set(gap.x).isDisjoint(with: gap.y) else { return nil }
        let aligned = pieces.reduce(0) { $0 + ($1.matched ? $1.x.count : 0) }
        guard Double(aligned) >= 0.6 * Double(max(x.count, y.count)) else { return nil }
        return (String(gap.x), String(gap.y))
    }

    struct Piece {
        var x: ArraySlice<Character>
        var y: ArraySlice<Character>
        var matched: Bool
    }

    /// Splits the two slices at their longest common substring (2 characters or more), recursively.
    static func align(_ x: ArraySlice<Character>, _ y: ArraySlice<Character>, into pieces: inout [Piece]) {
        guard let (i, j, n) = longestCommon(x, y), n >= 2 else {
            if !x.isEmpty || !y.isEmpty { pieces.append(Piece(x: x, y: y, matched: false)) }
            return
        }
        align(x[x.startIndex..<i], y[y.startIndex..<j], into: &pieces)
        pieces.append(Piece(x: x[i..<(i + n)], y: y[j..<(j + n)], matched: true))
        align(x[(i + n)...], y[(j + n)...], into: &pieces)
    }

    /// Start in x, start in y and length of the longest common substring (first found when tied).
    static func longestCommon(_ x: ArraySlice<Character>, _ y: ArraySlice<Character>) -> (Int, Int, Int)? {
        if x.isEmpty || y.isEmpty { return nil }
        let xs = Array(x), ys = Array(y)
        var prev = [Int](repeating: 0, count: ys.count + 1)
        var best = (0, 0, 0)
        for a in 1...xs.count {
            var cur = [Int](repeating: 0, count: ys.count + 1)
            for b in 1...ys.count where xs[a - 1] == ys[b - 1] {
                cur[b] = prev[b - 1] + 1
                if cur[b] > best.2 { best = (a - cur[b], b - cur[b], cur[b]) }
            }
            prev = cur
        }
        return best.2 == 0 ? nil : (x.startIndex + best.0, y.startIndex + best.1, best.2)
    }
}
