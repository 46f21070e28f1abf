import Dispatch
import Foundation

/// Work spread over the machine's cores, with results in the order of the input: the same answer as `map`,
/// whatever the number of cores or how the work was split. Used for per-row work that reads nothing but its row
/// and immutable (`Sendable`) rules: normalising, validating and scoring submissions, and preparing the night's
/// match profiles.
enum ParallelMap {
    /// The cores this process may run on (at least 1).
    static var workers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `items.map(transform)`, computed in chunks of `chunk` items on as many threads as Dispatch gives
    /// `concurrentPerform` (one a core).
    static func map<T: Sendable, R: Sendable>(_ items: [T], chunk: Int = 64, workers: Int = ParallelMap.workers,
                                              _ transform: @Sendable (T) -> R) -> [R] {
        chunked(items, chunk: chunk, workers: workers) { $0.map(transform) }
    }

    /// `body` of each run of `chunk` items in turn, joined: for work that keeps a cache of its own per chunk
    /// (`body` must give one result an item, in order). Fewer than two chunks' worth, or `workers` below 2, runs
    /// on the calling thread as one chunk.
    static func chunked<T: Sendable, R: Sendable>(_ items: [T], chunk: Int = 64, workers: Int = ParallelMap.workers,
                                                  _ body: @Sendable (ArraySlice<T>) -> [R]) -> [R] {
        let size = max(1, chunk)
        let chunks = (items.count + size - 1) / size
        guard workers > 1, chunks > 1 else { return body(items[...]) }
        var parts = [[R]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(base: buffer.baseAddress)
            // Each chunk writes its own slot, once; the input is only read.
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let start = c * size
                let part = body(items[start..<min(items.count, start + size)])
                slots.base?[c] = part
            }
        }
        var out: [R] = []
        out.reserveCapacity(items.count)
        for p in parts { out.append(contentsOf: p) }
        return out
    }
}

/// The chunks' result slots, handed to `concurrentPerform`'s threads: each thread writes only its own chunk's slot.
private struct Slots<R>: @unchecked Sendable {
    let base: UnsafeMutablePointer<[R]>?
}

/// Jobs run on threads of their own, in the order given, while the thread that gives them goes on: for work that
/// follows a sequential step (the match step weighs each batch of candidates while the next batch is found).
/// The threads are started here, not taken from Dispatch's pool, so waiting for them never waits on a pool that
/// the waiting thread itself belongs to. `submit` waits while `backlog` jobs are queued; `finish` waits for all.
final class BackgroundJobs: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var head = 0
    private var closed = false
    private var running: Int
    private let backlog: Int

    /// Starts `threads` threads (at least 1).
    init(threads: Int, backlog: Int) {
        self.backlog = max(1, backlog)
        running = max(1, threads)
        for _ in 0..<running {
            let thread = Thread { [self] in work() }
            thread.stackSize = 1 << 22
            thread.start()
        }
    }

    /// Queues `job`, first waiting while `backlog` jobs wait to start.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        while queue.count - head >= backlog { condition.wait() }
        queue.append(job)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every job given has run and the threads have ended.
    func finish() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == queue.count && !closed { condition.wait() }
            if head == queue.count {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = queue[head]
            head += 1
            if head > 64, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            condition.unlock()
            job()
        }
    }
}
