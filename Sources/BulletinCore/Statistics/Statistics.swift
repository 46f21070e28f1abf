/// The period a statistics table covers.
public enum StatisticsScope: Sendable, Equatable {
    case month(BulletinPeriod)
    case quarter(year: Int, quarter: Int)
    case year(Int)

    /// The bulletin months it covers.
    public var periods: [BulletinPeriod] {
        switch self {
        case .month(let p): [p]
        case .quarter(let y, let q): BulletinPeriod(year: y, month: (q - 1) * 3 + 1)?.quarterMonths ?? []
        case .year(let y): BulletinPeriod.months(of: y)
        }
    }

    /// How the scope is named in Chinese: 2026年11月, 2026年第四季度, 2026年.
    public var title: String {
        switch self {
        case .month(let p): p.chinese
        case .quarter(let y, let q): "\(y)年第\(ChineseNumeral.of(q))季度"
        case .year(let y): "\(y)年"
        }
    }

    /// A short name for files: 2026-11, 2026-Q4, 2026.
    public var fileStem: String {
        switch self {
        case .month(let p): p.description
        case .quarter(let y, let q): "\(y)-Q\(q)"
        case .year(let y): "\(y)"
        }
    }

    /// The month, quarter and year of `period`, the three scopes a run reports.
    public static func scopes(of period: BulletinPeriod) -> [StatisticsScope] {
        [.month(period), .quarter(year: period.year, quarter: period.quarter), .year(period.year)]
    }
}

/// One line of the statistics: a submitting unit or a supervising bureau.
public struct StatisticsRow: Sendable, Equatable {
    /// The unit's or bureau's name.
    public var name: String
    /// Submissions received (accepted and refused).
    public var submitted: Int
    /// Accepted into the case library.
    public var accepted: Int
    /// Refused at validation (quarantined).
    public var refused: Int
    /// Selected for a bulletin.
    public var bulletined: Int
    /// On the annual list.
    public var listed: Int
    /// Per review step counted (初选, 复选): how many cases a reviewer decided there, and how many passed.
    public var decided: [Int] = []
    public var passed: [Int] = []
    /// Bulletined ÷ submitted (采用率), 0 when nothing was submitted.
    public var adoptionRate: Double { submitted == 0 ? 0 : Double(bulletined) / Double(submitted) }

    /// The pass rate at step `i` ("—" when nothing was decided there).
    public func passRate(_ i: Int) -> String {
        let d = i < decided.count ? decided[i] : 0, p = i < passed.count ? passed[i] : 0
        return d == 0 ? "—" : String(format: "%.1f%%", Double(p) / Double(d) * 100)
    }

    /// The sum of two rows under `name`.
    func adding(_ o: StatisticsRow, name: String) -> StatisticsRow {
        let n = max(decided.count, o.decided.count)
        func at(_ a: [Int], _ i: Int) -> Int { i < a.count ? a[i] : 0 }
        return StatisticsRow(name: name, submitted: submitted + o.submitted, accepted: accepted + o.accepted, refused: refused + o.refused,
                             bulletined: bulletined + o.bulletined, listed: listed + o.listed,
                             decided: (0..<n).map { at(decided, $0) + at(o.decided, $0) }, passed: (0..<n).map { at(passed, $0) + at(o.passed, $0) })
    }
}

/// 定期通报案例报送及采用情况: submissions and adoptions per submitting unit and per supervising bureau.
/// Classified cases are left out entirely, so no count can identify them.
public struct SubmissionStatistics: Sendable, Equatable {
    public var issuer: String
    public var scope: StatisticsScope
    /// Date of the table, "YYYY-MM-DD".
    public var date: CalendarDate
    public var byUnit: [StatisticsRow]
    public var byBureau: [StatisticsRow]
    /// Totals over every unit.
    public var total: StatisticsRow
    /// The review steps whose pass rates the table shows (初选, 复选), in order.
    public var steps: [String] = []

    /// Counts for `scope` from the snapshot's tallies (`LibrarySnapshot.tallies`): every public case counts for its
    /// submitting unit and bureau, refused submissions count as refused.
    public static func compute(snapshot: LibrarySnapshot, scope: StatisticsScope, issuer: String, date: CalendarDate,
                               steps: [String] = []) -> SubmissionStatistics {
        let periods = Set(scope.periods)
        let cases = snapshot.tallies.filter { periods.contains($0.period) }.sorted { $0.id < $1.id }
        // Per step: decided there (by a reviewer's word), and passed (sent on to another step or bulletined).
        var decidedAt: [String: Set<Int>] = [:], passedAt: [String: Set<Int>] = [:]
        for c in cases {
            for (i, step) in steps.enumerated() {
                guard let passed = c.decisions[step] else { continue }
                decidedAt[c.id, default: []].insert(i)
                if passed { passedAt[c.id, default: []].insert(i) }
            }
        }
        // 采用: cases in approved bulletins only (the latest revision of each).
        var bulletined = Set<String>()
        for p in periods { if let a = snapshot.approval(of: p) { bulletined.formUnion(a.caseIds) } }
        let listed = Set(snapshot.annualList)
        let refusals = scope.periods.flatMap { snapshot.refusals[$0] ?? [] }
        func table(_ key: (StatisticsCase) -> String, _ refusedKey: ((submitter: String, supervisor: String)) -> String) -> [StatisticsRow] {
            var rows: [String: StatisticsRow] = [:]
            let zeros = Array(repeating: 0, count: steps.count)
            // Each row counted in place (`rows[name, default:]`): one lookup of the name a case, where reading the row
            // out and writing it back hashed the name twice and copied its step counts.
            func blank(_ name: String) -> StatisticsRow {
                StatisticsRow(name: name, submitted: 0, accepted: 0, refused: 0, bulletined: 0, listed: 0, decided: zeros, passed: zeros)
            }
            for c in cases {
                let own = key(c)
                let name = own.isEmpty ? "（未填写）" : own
                countAccepted(&rows[name, default: blank(name)], decided: decidedAt[c.id], passed: passedAt[c.id],
                              bulletined: bulletined.contains(c.id), listed: listed.contains(c.id))
            }
            for f in refusals {
                let own = refusedKey(f)
                let name = own.isEmpty ? "（未填写）" : own
                countRefused(&rows[name, default: blank(name)])
            }
            return rows.values.sorted { ($1.bulletined, $1.submitted, $0.name) < ($0.bulletined, $0.submitted, $1.name) }
        }
        let byUnit = table({ $0.submitter }, { $0.submitter })
        let byBureau = table({ $0.supervisor }, { $0.supervisor })
        let empty = StatisticsRow(name: "合计", submitted: 0, accepted: 0, refused: 0, bulletined: 0, listed: 0,
                                  decided: Array(repeating: 0, count: steps.count), passed: Array(repeating: 0, count: steps.count))
        let total = byUnit.reduce(empty) { $0.adding($1, name: "合计") }
        return SubmissionStatistics(issuer: issuer, scope: scope, date: date, byUnit: byUnit, byBureau: byBureau, total: total, steps: steps)
    }

    /// Counts an accepted case on its row.
    private static func countAccepted(_ r: inout StatisticsRow, decided: Set<Int>?, passed: Set<Int>?, bulletined: Bool, listed: Bool) {
        r.submitted += 1
        r.accepted += 1
        for i in decided ?? [] { r.decided[i] += 1 }
        for i in passed ?? [] { r.passed[i] += 1 }
        if bulletined { r.bulletined += 1 }
        if listed { r.listed += 1 }
    }

    /// Counts a refused submission on its row.
    private static func countRefused(_ r: inout StatisticsRow) {
        r.submitted += 1
        r.refused += 1
    }

    /// The header of every statistics table: the counts, 采用率, then each step's pass rate (初选通过率, 复选通过率).
    public var columns: [String] { Self.countColumns + steps.map { "\($0)通过率" } }

    /// The columns every table has.
    public static let countColumns = ["名称", "报送数", "受理数", "退回数", "通报采用数", "入选榜单数", "采用率"]

    /// A row as table cells.
    public func cells(_ r: StatisticsRow) -> [String] {
        [r.name, "\(r.submitted)", "\(r.accepted)", "\(r.refused)", "\(r.bulletined)", "\(r.listed)",
         String(format: "%.1f%%", r.adoptionRate * 100)] + steps.indices.map(r.passRate)
    }

    /// The statistics as CSV rows: a section per unit and per bureau, with totals.
    public var csvRows: [[String]] {
        let blank = Array(repeating: "", count: columns.count - 1)
        var rows: [[String]] = [["\(scope.title)重大科技成果案例报送及采用情况"] + blank]
        rows.append(["按报送单位"] + blank)
        rows.append(columns)
        rows += byUnit.map(cells)
        rows.append(cells(total))
        rows.append(["按归口部门"] + blank)
        rows.append(columns)
        rows += byBureau.map(cells)
        rows.append(cells(total))
        return rows
    }
}

import Foundation
