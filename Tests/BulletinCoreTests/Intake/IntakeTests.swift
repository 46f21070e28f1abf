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

    /// Extract hashes a file again only when it changed since the listing. Compared as `Date`s, the listing's
    /// modification time and Foundation's differed by rounding for about a third of all nanosecond values
    /// (these among them), so unchanged files were hashed twice; the listing's own look is compared now.
    @Test func anUnchangedFileIsSeenUnchangedWhateverItsNanoseconds() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nanoseconds = [92_791_408, 332_791_417, 684_791_429, 0, 999_999_999, 212_791_413]
        for (i, ns) in nanoseconds.enumerated() {
            let url = folder.appendingPathComponent("2026-06-汇总\(i).csv")
            try Data("成果名称,完成单位\n低空经济无人机,四川大学\n".utf8).write(to: url)
            var times = [timespec(tv_sec: 1_780_000_000, tv_nsec: ns), timespec(tv_sec: 1_780_000_000, tv_nsec: ns)]
            #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        }
        let scan = try InboxScan.scan(folder, settleSeconds: 60)
        #expect(scan.ready.count == nanoseconds.count)
        for file in scan.ready {
            let bytes = try Data(contentsOf: file.url)
            #expect(file.isUnchanged(FileLook.of(file.url.path), byteCount: bytes.count), "\(file.name)")
            #expect(!file.isUnchanged(FileLook.of(file.url.path), byteCount: bytes.count - 1), "\(file.name): fewer bytes read than listed")
        }
    }

    @Test func aFileRewrittenReplacedOrGoneSinceTheListingIsSeenChanged() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = Data("成果名称,完成单位\n高比能固态锂电池,电子科技大学\n".utf8)
        var times = [timespec(tv_sec: 1_780_000_000, tv_nsec: 5), timespec(tv_sec: 1_780_000_000, tv_nsec: 5)]
        for name in ["rewritten.csv", "replaced.csv", "gone.csv"] {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url)
            #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        }
        let scan = try InboxScan.scan(folder, settleSeconds: 60)
        let files = Dictionary(uniqueKeysWithValues: scan.ready.map { ($0.name, $0) })
        // The same number of bytes written over it, its modification time set back: the change time still moves.
        let rewritten = try #require(files["rewritten.csv"])
        Thread.sleep(forTimeInterval: 0.02)
        let handle = try FileHandle(forWritingTo: rewritten.url)
        try handle.write(contentsOf: Data("X".utf8))
        try handle.close()
        #expect(utimensat(AT_FDCWD, rewritten.url.path, &times, 0) == 0)
        #expect(!rewritten.isUnchanged(FileLook.of(rewritten.url.path), byteCount: text.count))
        // Another file of the same bytes and times renamed over it: another inode.
        let replaced = try #require(files["replaced.csv"])
        let other = folder.appendingPathComponent("other.tmp")
        try text.write(to: other)
        #expect(utimensat(AT_FDCWD, other.path, &times, 0) == 0)
        #expect(rename(other.path, replaced.url.path) == 0)
        #expect(!replaced.isUnchanged(FileLook.of(replaced.url.path), byteCount: text.count))
        let gone = try #require(files["gone.csv"])
        try FileManager.default.removeItem(at: gone.url)
        #expect(!gone.isUnchanged(FileLook.of(gone.url.path), byteCount: text.count))
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
