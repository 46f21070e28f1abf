import BulletinCore
import Foundation
import Testing

/// A scenario shaped like the held-out check of issue 11 (Fixtures/match/night.json): 60 achievements on one
/// night, then 12 of them re-sent the next night under other titles, wording and senders, and 13 near-misses.
/// Night two goes through the index, as the run will.
@Suite struct MatchScenarioTests {
    struct Night2Subject: Decodable {
        var subject: MatchSubject
        var resentOf: String?
        var nearMissOf: String?
        init(from decoder: any Decoder) throws {
            subject = try MatchSubject(from: decoder)
            let c = try decoder.container(keyedBy: Keys.self)
            resentOf = try c.decodeIfPresent(String.self, forKey: .resentOf)
            nearMissOf = try c.decodeIfPresent(String.self, forKey: .nearMissOf)
        }
        enum Keys: String, CodingKey { case resentOf, nearMissOf }
    }
    struct Scenario: Decodable {
        var night1: [MatchSubject]
        var night2: [Night2Subject]
    }

    @Test func reSentAchievementsAreCaughtAndNearMissesLeftAlone() throws {
        let url = MatchPairSet.folder.appendingPathComponent("night.json")
        let scenario = try JSONDecoder().decode(Scenario.self, from: Data(contentsOf: url))
        #expect(scenario.night1.count == 60)
        let resent = scenario.night2.filter { $0.resentOf != nil }
        let near = scenario.night2.filter { $0.nearMissOf != nil }
        #expect(resent.count == 12 && near.count == 13)

        // Night one goes through the match step too: sixty different achievements, none merged.
        var index = MatchIndex()
        let first = CaseMatcher().matchNight(scenario.night1, into: &index)
        let firstSame = first.flatMap(\.verdicts).filter { $0.outcome == .same }
        let firstProbable = first.flatMap(\.verdicts).filter { $0.outcome == .probable }
        #expect(firstSame.isEmpty, "night one merged: \(firstSame.map { "\($0.subjectID)→\($0.otherID)" })")
        print("match scenario, night one: \(firstProbable.count) probable pairs among 60 different achievements: "
            + firstProbable.map { "\($0.subjectID)~\($0.otherID) \($0.score)" }.joined(separator: ", "))
        let results = CaseMatcher().matchNight(scenario.night2.map(\.subject), into: &index)
        var caught = 0, flaggedNear = 0, wrongSame = 0
        var report: [String] = []
        for (entry, result) in zip(scenario.night2, results) {
            let hits = result.verdicts.filter { $0.outcome != .different }
            for v in hits where v.outcome == .same && v.otherID != entry.resentOf {
                wrongSame += 1
                report.append("\(entry.subject.id) merged into \(v.otherID):\n\(v)")
            }
            if let original = entry.resentOf {
                if hits.contains(where: { $0.otherID == original }) {
                    caught += 1
                } else {
                    let v = result.verdicts.first { $0.otherID == original }
                    report.append("missed \(entry.subject.id) → \(original): \(v.map(\.description) ?? "not a candidate")")
                }
            } else if !hits.isEmpty {
                flaggedNear += 1
                report.append("near-miss \(entry.subject.id) flagged: \(hits.map { "\($0.otherID) \($0.outcome.rawValue) \($0.score)" })")
            }
        }
        print("match scenario: caught \(caught)/12 re-sent, flagged \(flaggedNear)/13 near-misses, wrong merges \(wrongSame)\n"
            + report.joined(separator: "\n"))
        #expect(caught >= 11)
        #expect(flaggedNear <= 2)
        #expect(wrongSame == 0)
    }
}
