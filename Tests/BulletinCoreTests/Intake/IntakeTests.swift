import BulletinTestSupport
import SystemFiles
import BulletinCore
import Foundation
import Testing

@Suite struct IntakeTests {
    @Test func scanSkipsHiddenAndLockFilesAndDefersFreshOnes() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.docx", ".hidden.docx", "~$a.docx", "fresh.csv"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let old = Date().addingTimeInterval(-3600)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder.appendingPathComponent("a.docx").path)
        let scan = try InboxScan.scan(folder, settleSeconds: 60)
        #expect(scan.ready.map(\.name) == ["a.docx"])
        #expect(scan.deferred.map(\.name) == ["fresh.csv"])
        #expect(scan.ignored.map(\.name) == ["~$a.docx"])
        #expect(scan.notFiles == [InboxScan.NotAFile(name: "sub", kind: "a folder", linkTarget: nil)])
    }

    @Test func movesNeverOverwrite() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("archive")
        for content in ["one", "two"] {
            let f = folder.appendingPathComponent("表.docx")
            try Data(content.utf8).write(to: f)
            try FileOps.move(f, into: target)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        #expect(names == ["表 (2).docx", "表.docx"])
    }

    @Test func atomicWriteLeavesNoTemporaryFile() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.txt")
        try FileOps.writeAtomically(Array("内容".utf8), to: url)
        #expect(throws: (any Error).self) { try FileOps.writeAtomically(to: url) { _ in throw RunError("boom") } }
        #expect(try String(contentsOf: url, encoding: .utf8) == "内容")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }

    @Test func aSecondLockOnTheSameOutboxIsRefused() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(".bulletin.lock").path
        let held = try RunLock(path: path)
        #expect(throws: RunLock.Busy.self) { try RunLock(path: path) }
        withExtendedLifetime(held) {}
    }

    @Test func configErrorsNameThePath() throws {
        let e = try TestSupport.configError(replacing: "\"cutoffDay\": 25", with: "\"cutoffDay\": 40")
        #expect(e?.path == "calendar.cutoffDay", "a cut-off day of 40 must be refused")
    }
}
