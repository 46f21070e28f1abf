import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

/// A library written by the code of 2026-11-22 (schema v2, commit 9773edd, `make demo` over the samples) opens
/// and migrates with every case, sighting, refusal, issue number and annual list kept.
@Suite struct LibraryMigrationTests {
    static let fixture = TestSupport.root.appendingPathComponent("Tests/BulletinCoreTests/Fixtures/library/v2-made-by-9773edd.sqlite")

    func migratedCopy() throws -> (CaseLibrary, URL) {
        let folder = try TestSupport.temporaryFolder()
        let copy = folder.appendingPathComponent("library.sqlite")
        try FileManager.default.copyItem(at: Self.fixture, to: copy)
        return (try CaseLibrary(path: copy.path), folder)
    }

    @Test func everyCaseGetsAnIdOfItsMonthAndKeepsItsRecord() throws {
        let (library, folder) = try migratedCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try library.caseCount() == 19)
        let states = try library.allStates()
        #expect(Set(states.map(\.id)) == Set((1...19).map { String(format: "2026-11-%04d", $0) }))
        for s in states {
            #expect(s.record.titleKey == SubmissionProcessor.titleKey(title: s.record[.title]))
            #expect(s.sightings.count == 1)
            #expect(s.history.count == 1)
            #expect(s.stage == (s.classified ? .classified : .waiting(for: "初选")))
        }
        let pumped = try #require(states.first { $0.record[.title] == "国内首台（套）300MW级变速抽水蓄能机组研制与应用" })
        #expect(pumped.record.assessment.category == "应用研究成果")
        #expect(states.filter(\.classified).map { $0.record[.title] } == ["××型高精度光纤惯性测量单元研制"])
    }

    @Test func issuesAnnualListsAndRefusalsAreKept() throws {
        let (library, folder) = try migratedCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let issues = try library.issues(year: 2026)
        #expect(issues.map(\.totalNumber) == [35])
        #expect(issues.first?.number == 11)
        let ids = try #require(issues.first?.caseIds)
        #expect(ids.count == 10)
        let titles = try library.states(ids: ids).map { $0.record[.title] }
        #expect(titles.first == "国内首台（套）300MW级变速抽水蓄能机组研制与应用")
        #expect(titles.count == 10)
        let snapshot = try library.snapshot(today: "2026-11-22", period: "2026-11")
        #expect(snapshot.annualList == ids)
        #expect(snapshot.refusals["2026-11"]?.count == 1)
        #expect(try library.knownFile(sha256: "0") == nil)
    }

    @Test func aMigratedLibraryKeepsItsIssueNumbersAndWaitsForDecisions() throws {
        let (library, folder) = try migratedCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let selection = Selector(settings: SelectionSettings(try TestSupport.config()))
            .select(try library.snapshot(today: "2026-11-22", period: "2026-11"))
        // The v2 draft was picked by score alone; no person had decided anything, so the cases wait for 初选
        // and the redrafted issue keeps its running number.
        #expect(selection.issues.first?.totalNumber == 35)
        #expect(selection.issues.first?.entries.isEmpty == true)
    }

    @Test func aDamagedLibraryNamesItsPathAndTheRemedy() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.sqlite").path
        try Data("this is not a database, it was overwritten by a copy tool".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try CaseLibrary(path: path)
            Issue.record("a damaged library opened")
        } catch {
            let message = UserError.from(error).description
            #expect(message.contains(path))
            #expect(message.contains("restore library.sqlite"))
            #expect(!message.contains("SQLite error"))
            #expect(UserError.from(error).exitCode == .software)
        }
    }
}
