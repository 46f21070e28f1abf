@testable import BulletinCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import SystemFiles
import Testing

/// The run spreads per-row work over the cores (`ParallelMap`): normalising, validating and scoring, the match
/// profiles, the review sheets' bytes, and the weighing of each subject's match candidates. The answer must be
/// the one `map` gives, in the input's order, whatever the chunking, and the work must really be spread.
@Suite struct ParallelMapTests {
    @Test func theAnswerIsMapsInOrderForEverySizeAndChunk() {
        for count in [0, 1, 2, 63, 64, 65, 127, 1000, 4097] {
            let items = (0..<count).map { "第\($0)行：成果名称" }
            let want = items.map { $0.unicodeScalars.count * 31 + $0.utf8.count }
            for chunk in [1, 3, 64, 5000] {
                for workers in [1, 2, 8] {
                    let got = ParallelMap.map(items, chunk: chunk, workers: workers) { $0.unicodeScalars.count * 31 + $0.utf8.count }
                    #expect(got == want, "count \(count), chunk \(chunk), workers \(workers)")
                }
            }
        }
    }

    /// A run pinned to some CPUs (`taskset`, a container's cpuset) uses as many workers as it may run on.
    @Test func theCPUsAllowedAreCountedFromTheStatusList() {
        func status(_ list: String) -> String { "Name:\tbulletin\nThreads:\t1\nCpus_allowed:\t3\nCpus_allowed_list:\t\(list)\nMems_allowed_list:\t0\n" }
        #expect(ParallelMap.allowedCPUs(status: status("0-1")) == 2)
        #expect(ParallelMap.allowedCPUs(status: status("0")) == 1)
        #expect(ParallelMap.allowedCPUs(status: status("0-3,8,10-11")) == 7)
        #expect(ParallelMap.allowedCPUs(status: status("5")) == 1)
        for bad in ["", "a-b", "3-1", "0-1-2", "0,,2", "-1", "0-"] {
            #expect(ParallelMap.allowedCPUs(status: status(bad)) == nil, "\(bad)")
        }
        #expect(ParallelMap.allowedCPUs(status: "Name:\tbulletin\n") == nil)
        // This process: at least one worker, never more than the machine's cores.
        #expect((1...max(1, ProcessInfo.processInfo.activeProcessorCount)).contains(ParallelMap.workers))
    }

    /// At most `workers` threads take the chunks, whatever the machine's cores (a run pinned to two CPUs of a big
    /// machine starts two, not one a core). This bites only where the machine has more cores than `workers`: on a
    /// machine of two, Dispatch would not have started a third thread for 3 workers anyway.
    @Test func noMoreThreadsThanWorkers() {
        for workers in [2, 3] {
            let threads = Mutex<Set<UInt>>([])
            let got = ParallelMap.map(Array(0..<256), chunk: 1, workers: workers) { i -> Int in
                threads.withLock { _ = $0.insert(UInt(pthread_self())) }
                usleep(200)
                return i * 2
            }
            #expect(got == (0..<256).map { $0 * 2 })
            let used = threads.withLock { $0.count }
            #expect((1...workers).contains(used), "workers \(workers): \(used) threads")
        }
    }

    @Test func eachChunkGetsItsOwnRunOfItemsInOrder() {
        let items = Array(0..<1000)
        // The body sees whole consecutive runs, each once: its cache (here, the run's first item) is its own.
        let got = ParallelMap.chunked(items, chunk: 64, workers: 4) { run in
            let first = run.first ?? -1
            return run.map { ($0, first) }
        }
        #expect(got.map(\.0) == items)
        #expect(got.allSatisfy { $0.1 == $0.0 / 64 * 64 })
    }

    /// Two chunks are in flight at once on a machine of two cores or more: the first chunk waits (up to 10 s)
    /// for another to start, so a map that ran the chunks one after another would report no overlap.
    @Test func theChunksRunAtOnceWhenThereAreCores() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let running = Atomic<Int>(0), overlapped = Atomic<Bool>(false)
        _ = ParallelMap.chunked(Array(0..<8), chunk: 1, workers: cores) { run in
            let now = running.add(1, ordering: .sequentiallyConsistent).newValue
            if now > 1 { overlapped.store(true, ordering: .sequentiallyConsistent) }
            let deadline = Date().addingTimeInterval(10)
            while !overlapped.load(ordering: .sequentiallyConsistent), Date() < deadline { usleep(1000) }
            running.subtract(1, ordering: .sequentiallyConsistent)
            return Array(run)
        }
        // On one core Dispatch gives `concurrentPerform` one thread, and the chunks run in turn.
        #expect(overlapped.load(ordering: .sequentiallyConsistent) == (cores > 1))
    }

    /// `FileWork.mapRows` pours the rows of every file into one parallel map and hands each file its own back:
    /// a refused file stays refused, an empty one empty, and no row moves to a neighbour.
    @Test func everyFileGetsItsOwnRowsBack() throws {
        let look = try #require(FileLook.of(NSTemporaryDirectory()))
        func file(_ name: String, _ outcome: Result<[String], Refusal>) -> Pipeline.FileWork<String> {
            let item = Pipeline.Item(file: InboxFile(url: URL(fileURLWithPath: "/inbox/\(name)"), size: 1, age: 3600, look: look),
                                     sha256: name, size: 1)
            return Pipeline.FileWork(item: item, notes: ["note of \(name)"], outcome: outcome)
        }
        let files = [file("成都市科技局.csv", .success((0..<150).map { "成都-\($0)" })),
                     file("坏表.xlsx", .failure(Refusal("坏表.xlsx could not be read", advice: "send it again"))),
                     file("空表.csv", .success([])),
                     file("四川大学.docx", .success(["川大-0"])),
                     file("绵阳.csv", .success((0..<77).map { "绵阳-\($0)" }))]
        let got = Pipeline.FileWork.mapRows(files) { "\($0)✓" }
        let want = files.map { $0.map { "\($0)✓" } }
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) {
            #expect(g.item.file.name == w.item.file.name && g.notes == w.notes)
            switch (g.outcome, w.outcome) {
            case (.success(let a), .success(let b)): #expect(a == b)
            case (.failure(let a), .failure(let b)): #expect(a.reason == b.reason)
            default: Issue.record("\(g.item.file.name): the outcome changed kind")
            }
        }
    }
}

/// The match step finds one batch's candidates while it weighs the batch before (`ParallelMap.both`): both jobs
/// run, at once when there are cores, in order on one worker, and the call returns only when both have.
@Suite struct BothTests {
    @Test func bothRunAtOnceWhenThereAreCores() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let started = Atomic<Int>(0)
        // Each job writes only its own variables.
        func job() -> Bool {
            started.add(1, ordering: .sequentiallyConsistent)
            let deadline = Date().addingTimeInterval(10)
            while started.load(ordering: .sequentiallyConsistent) < 2, Date() < deadline { usleep(1000) }
            return started.load(ordering: .sequentiallyConsistent) == 2
        }
        var firstSaw = false, secondSaw = false, firstDone = 0, secondDone = 0
        ParallelMap.both(workers: cores, { firstSaw = job(); firstDone = 1 }, { secondSaw = job(); secondDone = 2 })
        #expect(firstDone == 1 && secondDone == 2, "both ran before the call returned")
        // Each saw the other started while it waited; on one core the first waits its 10 s alone instead.
        if cores > 1 { #expect(firstSaw && secondSaw) } else { #expect(!firstSaw && secondSaw) }
    }

    @Test func oneWorkerRunsFirstThenSecondOnTheCallingThread() {
        var order: [String] = []
        let caller = Thread.current
        var firstOnCaller = false, secondOnCaller = false
        ParallelMap.both(workers: 1, { order.append("find"); firstOnCaller = Thread.current == caller },
                         { order.append("weigh"); secondOnCaller = Thread.current == caller })
        #expect(order == ["find", "weigh"])
        #expect(firstOnCaller && secondOnCaller)
    }
}
