// The fourth pass's harness driver (tools/match_harness/run.sh): matchNightDecided over the bench's rows.
import Foundation

func cpu() -> Double {
    var u = rusage(); getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
}
let args = CommandLine.arguments
let n = Int(args[1])!
let mode = args[2]  // run | stats
let subjects = Array(try! JSONDecoder().decode([MatchSubject].self, from: Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[4]))).prefix(n))
let settings = MatchSettings()
var index = MatchIndex(postings: [(id: String, postings: MatchPostings)](), settings: settings, atMost: subjects.count, load: { _ in [] })
let matcher = CaseMatcher(settings: settings)

if mode == "cands" {
    // Every submission's candidates in order (id, title and summary containment as bit patterns) and whether
    // mayDecide lets each through, one line each: `cmp` two revisions' files.
    var out = ""
    var t = 0.0
    for s in subjects {
        let p = MatchProfile(s, settings: settings)
        let t0 = cpu()
        let cs = index.candidates(for: p)
        t += cpu() - t0
        for c in cs {
            out += "\(s.id) \(c.profile.subject.id) \(String(c.title.bitPattern, radix: 16)) \(String(c.summary.bitPattern, radix: 16)) \(matcher.mayDecide(p, c.profile) ? 1 : 0)\n"
        }
        index.add(p)
    }
    print(String(format: "candidates(for:) %d rows: %.3f s CPU", n, t))
    if args[3] != "-" { try! out.write(toFile: args[3], atomically: true, encoding: .utf8) }
} else if mode == "run" {
    let t0 = cpu()
    let results = matcher.matchNightDecided(subjects, into: &index)
    let t1 = cpu()
    print(String(format: "matchNightDecided %d rows: %.3f s CPU", n, t1 - t0))
    let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
    if args[3] != "-" { try! enc.encode(results).write(to: URL(fileURLWithPath: args[3])) }
} else {
    var reasons: [String: Int] = [:]
    var cands = 0, passed = 0, kept = 0
    var tp = 0.0, tc = 0.0, tm = 0.0, tv = 0.0, ta = 0.0
    for s in subjects {
        var t = cpu()
        let p = MatchProfile(s, settings: settings)
        var u = cpu(); tp += u - t; t = u
        let cs = index.candidates(for: p)
        u = cpu(); tc += u - t; t = u
        let ok = cs.filter { matcher.mayDecide(p, $0.profile) }
        u = cpu(); tm += u - t; t = u
        for c in ok {
            let v = matcher.compare(p, c.profile)
            if v.outcome != .different { kept += 1; continue }
            let tmpl = v.evidence.contains { $0.note.hasPrefix("同一句式") }
            let veto = !v.vetoes.isEmpty
            let withoutT = v.score - (tmpl ? settings.weights.titleTemplate : 0)
            reasons[(tmpl ? "template" : "-") + (veto ? "+veto" : "") + (withoutT >= settings.probableScore ? " decisive" : ""), default: 0] += 1
        }
        u = cpu(); tv += u - t; t = u
        cands += cs.count; passed += ok.count
        index.add(p)
        u = cpu(); ta += u - t
    }
    print(reasons)
    print("candidates \(cands) passed mayDecide \(passed) kept \(kept)")
    print(String(format: "profile %.2f candidates %.2f mayDecide %.2f compare %.2f add %.2f", tp, tc, tm, tv, ta))
}
