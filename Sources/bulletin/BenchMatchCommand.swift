import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin bench-match` (hidden): times the match step on a synthetic library and night; tools/bench_match.sh
/// runs it under /usr/bin/time -v for the peak memory.
struct BenchMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-match",
        abstract: "Time building the match index over a library and matching a night's submissions against it.",
        shouldDisplay: false)

    @Option(help: "Cases in the library.")
    var library: Int = 1000

    @Option(help: "Submissions in the night.")
    var night: Int = 1000

    @Flag(help: "Match as a run does: only same and probable verdicts, the candidates that can only be different skipped (then \"compared\" counts the verdicts kept).")
    var decided = false
    @Option(help: "Seed achievements (JSON with a `subjects` or `night1` list, as in Tests/BulletinCoreTests/Fixtures/match).")
    var seeds: [String] = ["Tests/BulletinCoreTests/Fixtures/match/pairs.json", "Tests/BulletinCoreTests/Fixtures/match/night.json"]

    /// User and system CPU time of this process so far (wall time misleads on a shared machine).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    struct SeedFile: Decodable {
        var subjects: [MatchSubject]?
        var night1: [MatchSubject]?
    }

    func run() throws {
        var subjects: [MatchSubject] = []
        for path in seeds {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw ValidationError("cannot read seed file \(path): run from the repository root or pass --seeds")
            }
            let file = try JSONDecoder().decode(SeedFile.self, from: data)
            subjects += (file.subjects ?? []) + (file.night1 ?? [])
        }
        let workload = MatchWorkload(seeds: subjects)
        let libraryCases = workload.cases(library, prefix: "L", seed: 1)
        let nightCases = workload.cases(night, prefix: "N", seed: 2)
        let clock = ContinuousClock()
        var index = MatchIndex()
        let cpu0 = Self.cpuSeconds()
        let build = clock.measure { index = MatchIndex(subjects: libraryCases) }
        let cpu1 = Self.cpuSeconds()
        let matcher = CaseMatcher()
        var results: [SubmissionMatch] = []
        let match = clock.measure {
            results = decided ? matcher.matchNightDecided(nightCases, into: &index) : matcher.matchNight(nightCases, into: &index)
        }
        let cpu2 = Self.cpuSeconds()
        let compared = results.reduce(0) { $0 + $1.verdicts.count }
        let same = results.reduce(0) { $0 + $1.verdicts.filter { $0.outcome == .same }.count }
        let probable = results.reduce(0) { $0 + $1.verdicts.filter { $0.outcome == .probable }.count }
        func seconds(_ d: Duration) -> String { String(format: "%.3f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
        print("library \(library) cases: index built in \(seconds(build)) (CPU \(String(format: "%.3f s", cpu1 - cpu0)))")
        print("night \(night) submissions: matched in \(seconds(match)) "
            + String(format: "(%.2f ms each; CPU %.3f s)", (Double(match.components.seconds) + Double(match.components.attoseconds) / 1e18) * 1000 / Double(max(1, night)), cpu2 - cpu1))
        print("pairs compared in full \(compared) (\(String(format: "%.1f", Double(compared) / Double(max(1, night)))) per submission); same \(same), probable \(probable)")
    }
}
