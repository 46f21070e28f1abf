import BulletinTestSupport
import SystemFiles
import BulletinCore
import Foundation
import Testing
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Intake faults: a file still growing under an old modification time, names too long to derive from,
/// names that are not UTF-8.
@Suite struct IntakeFaultTests {
    @Test func aFileGrowingUnderAnOldModificationTimeIsDeferred() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("汇总.csv")
        let old = Date().addingTimeInterval(-86400)
        // The copy tool has written 5 of 40 rows and keeps the source's modification time.
        var rows = AuditBench.header
        for i in 1...5 { rows += "四川大学,省教育厅,张伟,13800138000,成果\(i),基础处,简介\(i)。\r\n" }
        try Data(rows.utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: file.path)
        let first = try InboxScan.scan(folder, settleSeconds: 5)
        #expect(first.ready.map(\.name) == ["汇总.csv"], "one look alone is fooled by the old time")
        // Between the two looks the tool writes the next rows and sets the old time again.
        let settled = first.settled {
            let handle = try? FileHandle(forWritingTo: file)
            _ = try? handle?.seekToEnd()
            try? handle?.write(contentsOf: Data("四川大学,省教育厅,张伟,13800138000,成果6,基础处,简介6。\r\n".utf8))
            try? handle?.close()
            try? FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: file.path)
        }
        #expect(settled.ready.isEmpty)
        #expect(settled.deferred.first?.changing?.contains("still being written") == true)
        // Same size, old time put back: the change time still moves.
        let sameSize = try InboxScan.scan(folder, settleSeconds: 5).settled {
            var bytes = [UInt8]((try? Data(contentsOf: file)) ?? Data())
            bytes[bytes.count - 3] = UInt8(ascii: "7")
            try? Data(bytes).write(to: file)
            try? FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: file.path)
        }
        #expect(sameSize.deferred.count == 1, "rewritten in place with the same size")
        // Once the tool has finished, two looks agree.
        #expect(try InboxScan.scan(folder, settleSeconds: 5).settled {}.ready.count == 1)
    }

    @Test func derivedNamesFit255Bytes() throws {
        let long = String(repeating: "报", count: 81) + ".docx"  // 248 bytes
        #expect(long.utf8.count == 248)
        let reason = FileOps.derivedName(long, suffix: ".reason.txt")
        #expect(reason.utf8.count <= 255 && reason.hasSuffix(".docx.reason.txt") && reason.hasPrefix("报报报"))
        #expect(FileOps.derivedName("短.docx", suffix: ".reason.txt") == "短.docx.reason.txt")
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent(long))
        let second = FileOps.freeName(for: long, in: folder).lastPathComponent
        #expect(second.utf8.count <= 255 && second.hasSuffix(" (2).docx"))
    }

    @Test func aLongNameIsQuarantinedWithItsReasonAndTheBatchGoesOn() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        let long = String(repeating: "报", count: 81) + ".docx"
        try bench.drop([long: Array("PK not really a zip".utf8), "好.csv": AuditBench.csv("碳化硅功率器件关键技术")])
        let report = try await bench.run()
        #expect(report.exitCode == 1)
        let inputs = try bench.inputs()
        #expect(inputs.first { $0.name == long }?.outcome == "quarantined")
        #expect(inputs.first { $0.name == "好.csv" }?.outcome == "accepted", "the files after it are processed")
        let quarantine = bench.outbox.appendingPathComponent("quarantine/2026-11-22")
        let names = try FileManager.default.contentsOfDirectory(atPath: quarantine.path)
        #expect(names.contains(long))
        #expect(names.contains { $0.hasSuffix(".reason.txt") && $0.utf8.count <= 255 }, "\(names)")
        #expect(try bench.verify().ok)
    }

    @Test func aNameThatIsNotUTF8IsQuarantinedUnderItsEscapedName() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try bench.drop(["好.csv": AuditBench.csv("页岩气水平井压裂技术")])
        // "报送表-" then a GBK byte pair that is not UTF-8, as an old zip tool leaves it.
        let raw = Array("报送表-".utf8) + [0xB1, 0xA8] + Array(".docx".utf8)
        let path = Array(bench.inbox.path.utf8) + [UInt8(ascii: "/")] + raw + [0]
        let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) } }
        #expect(fd >= 0)
        _ = write(fd, "PK", 2)
        close(fd)
        let report = try await bench.run()
        #expect(report.exitCode == 1)
        let inputs = try bench.inputs()
        let odd = try #require(inputs.first { $0.name.contains("\\x") })
        #expect(odd.name == "报送表-\\xB1\\xA8.docx")
        #expect(odd.outcome == "quarantined" && odd.movedTo == "quarantine/2026-11-22/报送表-\\xB1\\xA8.docx")
        #expect(odd.sha256 == Hashing.sha256(Array("PK".utf8)))
        #expect(odd.reasons.first?.contains("not valid UTF-8") == true)
        #expect(inputs.first { $0.name == "好.csv" }?.outcome == "accepted")
        #expect(try FileManager.default.contentsOfDirectory(atPath: bench.inbox.path).isEmpty, "nothing is left to block the next run")
        #expect(try bench.verify().ok)
    }

    /// Makes a named pipe at the raw path `bytes` (a name that need not be UTF-8).
    static func makeFIFO(_ bytes: [UInt8]) -> Bool {
        let path = bytes + [0]
        return path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { mkfifo($0.baseAddress!, 0o644) == 0 } }
    }

    /// Stands by while code that must not wait on the named pipe at `path` runs. Twice a second it tries to open the
    /// pipe for writing without blocking, which succeeds only when some reader has the pipe open: a reader waiting
    /// there is the regression (opening a pipe for reading waits for a writer). The open frees that reader and is
    /// closed at once, so the test fails (`stop()` says a reader was found) instead of hanging the suite. It depends
    /// on no timing: code that is merely slow (a whole run on a loaded machine) is never taken for a reader.
    final class PipeRescuer: Sendable {
        private let done = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        private let rescued = Mutex(false)

        init(_ path: String) {
            Thread.detachNewThread { [self] in
                while done.wait(timeout: .now() + 0.5) == .timedOut {
                    let fd = open(path, O_WRONLY | O_NONBLOCK)
                    if fd >= 0 {
                        rescued.withLock { $0 = true }
                        close(fd)
                    }
                }
                finished.signal()
            }
        }

        /// Ends the watch; true when no reader was ever found waiting on the pipe.
        func stop() -> Bool {
            done.signal()
            finished.wait()
            return !rescued.withLock { $0 }
        }
    }

    @Test func aNamedPipeIsNeverReadAndNeverBlocks() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("汇总.csv")
        #expect(Self.makeFIFO(Array(pipe.path.utf8)))
        var watch = PipeRescuer(pipe.path)
        let regular = FileOps.readRegularFile(pipe.path)
        #expect(watch.stop(), "readRegularFile waited for a writer on a named pipe")
        #expect(regular == nil)
        watch = PipeRescuer(pipe.path)
        let raw = RawFolder.read(Array("汇总.csv".utf8), in: folder)
        #expect(watch.stop(), "RawFolder.read waited for a writer on a named pipe")
        #expect(raw == nil)
        watch = PipeRescuer(pipe.path)
        #expect(throws: FileOps.NotARegularFile.self, "a file the program wrote, replaced by a pipe, is refused") { try FileOps.readOwnFile(pipe) }
        #expect(watch.stop(), "readOwnFile waited for a writer on a named pipe")
        do { _ = try FileOps.readOwnFile(pipe) } catch {
            #expect(error.localizedDescription == "\(pipe.path) is a named pipe (FIFO), not a regular file: it was not opened (reading it could wait for ever or read something other than the file); move it away, put the file back, and run again")
        }
        #expect(FileOps.nonRegularKind(pipe.path) == "a named pipe (FIFO)")
        #expect(FileOps.nonRegularKind(folder.path) == "a folder")
        let file = folder.appendingPathComponent("表.docx")
        try Data("PK".utf8).write(to: file)
        #expect(FileOps.nonRegularKind(file.path) == nil)
        #expect(FileOps.readRegularFile(file.path) == Array("PK".utf8))
    }

    @Test func entriesThatAreNotFilesAreRecordedLeftInPlaceAndTheBatchGoesOn() async throws {
        let bench = try AuditBench()
        defer { bench.remove() }
        try bench.drop(["好.csv": AuditBench.csv("页岩气水平井压裂技术")])
        let elsewhere = bench.work.appendingPathComponent("别处-报送表.docx")
        try Data("PK".utf8).write(to: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: bench.inbox.appendingPathComponent("链接-报送表.docx").path,
                                                   withDestinationPath: elsewhere.path)
        try FileManager.default.createDirectory(at: bench.inbox.appendingPathComponent("四川大学-材料"), withIntermediateDirectories: true)
        try Data("PK".utf8).write(to: bench.inbox.appendingPathComponent("四川大学-材料/报送表.docx"))
        #expect(Self.makeFIFO(Array(bench.inbox.appendingPathComponent("管道.csv").path.utf8)))
        // A named pipe whose name is not UTF-8 either: recorded by its escaped name and left in place like the others.
        let raw = Array("汇总-".utf8) + [0xB1, 0xA8] + Array(".csv".utf8)
        #expect(Self.makeFIFO(Array(bench.inbox.path.utf8) + [UInt8(ascii: "/")] + raw))
        let watch = PipeRescuer(bench.inbox.appendingPathComponent("管道.csv").path)
        let run = try await bench.run()
        #expect(watch.stop(), "the run waited on a named pipe in the inbox")
        #expect(run.exitCode == 0, "nothing was refused: the entries that are not files wait for a person")
        let inputs = try bench.inputs()
        func input(_ name: String) -> AuditRecord.InputRecord? { inputs.first { $0.name == name } }
        #expect(input("好.csv")?.outcome == "accepted", "the files beside them are processed")
        let link = try #require(input("链接-报送表.docx"))
        #expect(link.outcome == "deferred" && link.movedTo == "" && link.sha256 == "")
        #expect(link.reasons == ["it is a symbolic link (to \(elsewhere.path)): links are not followed, so that every file the log records is one that was put in the inbox; it was left in the inbox. Copy the file itself into the inbox in its place"])
        #expect(input("四川大学-材料")?.outcome == "deferred")
        #expect(input("四川大学-材料")?.reasons.first?.hasPrefix("it is a folder: the batch reads only the files placed directly in the inbox") == true)
        #expect(input("管道.csv")?.outcome == "deferred")
        #expect(input("管道.csv")?.reasons.first?.hasPrefix("it is a named pipe (FIFO), not a file") == true)
        let odd = try #require(input("汇总-\\xB1\\xA8.csv"))
        #expect(odd.outcome == "deferred" && odd.movedTo == "" && odd.sha256 == "")
        #expect(odd.reasons.first?.hasPrefix("it is a named pipe (FIFO), not a file") == true)
        #expect(run.summary.contains("deferred: 管道.csv\n    - it is a named pipe (FIFO), not a file"), "\(run.summary)")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: bench.inbox.path))
        #expect(left.count == 4 && left.isSuperset(of: ["链接-报送表.docx", "四川大学-材料", "管道.csv"]), "left where they were, nothing deleted: \(left)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: bench.inbox.appendingPathComponent("四川大学-材料").path) == ["报送表.docx"])
        #expect(try Data(contentsOf: elsewhere) == Data("PK".utf8), "the link's target is untouched")
        let verified = try bench.verify()
        #expect(verified.ok, "\(verified.problems)")
    }
}
