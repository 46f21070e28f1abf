import Dispatch
import Foundation
import Synchronization

/// Work spread over the machine's cores, with results in the order of the input: the same answer as `map`,
/// whatever the number of cores or how the work was split. Used for per-row work that reads nothing but its row
/// and immutable (`Sendable`) rules: normalising, validating and scoring submissions, and preparing the night's
/// match profiles.
enum ParallelMap {
    /// The cores this process may run on (at least 1): the machine's, as Foundation counts them, or fewer when the
    /// process is pinned to some (`taskset`, a container's cpuset), as `/proc/self/status` lists them. Foundation's
    /// count ignores that pinning, and so does libdispatch's pool: a run pinned to one CPU would time-slice threads
    /// on it. With one, every map runs on the calling thread.
    static let workers: Int = {
        let machine = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let allowed = allowedCPUs(status: status) else { return machine }
        return max(1, min(machine, allowed))
    }()

    /// How many CPUs the `Cpus_allowed_list:` line of a `/proc/<pid>/status` text names ("0-3,8,10-11" is 7), or
    /// nil when there is no such line or it is not a list of numbers and ranges.
    static func allowedCPUs(status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        let list = line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
        guard !list.isEmpty else { return nil }
        var count = 0
        for part in list.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let low = Int(ends[0]), let high = Int(ends[ends.count - 1]), 0 <= low, low <= high else { return nil }
            count += high - low + 1
        }
        return count
    }

    /// `items.map(transform)`, computed in chunks of `chunk` items on up to `workers` threads.
    static func map<T: Sendable, R: Sendable>(_ items: [T], chunk: Int = 64, workers: Int = ParallelMap.workers,
                                              _ transform: @Sendable (T) -> R) -> [R] {
        chunked(items, chunk: chunk, workers: workers) { $0.map(transform) }
    }

    /// `body` of each run of `chunk` items in turn, joined: for work that keeps a cache of its own per chunk
    /// (`body` must give one result an item, in order). Up to `workers` threads (the calling one among them) take
    /// the chunks one after another: Dispatch would otherwise start a thread for every core of the machine, however
    /// few the process may use. Fewer than two chunks' worth, or `workers` below 2, runs on the calling thread as
    /// one chunk.
    static func chunked<T: Sendable, R: Sendable>(_ items: [T], chunk: Int = 64, workers: Int = ParallelMap.workers,
                                                  _ body: @Sendable (ArraySlice<T>) -> [R]) -> [R] {
        let size = max(1, chunk)
        let chunks = (items.count + size - 1) / size
        guard workers > 1, chunks > 1 else { return body(items[...]) }
        var parts = [[R]](repeating: [], count: chunks)
        let taken = Atomic<Int>(0)
        parts.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(base: buffer.baseAddress)
            // Each chunk is taken by one thread and writes its own slot, once; the input is only read.
            DispatchQueue.concurrentPerform(iterations: min(workers, chunks)) { _ in
                while true {
                    let c = taken.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard c < chunks else { return }
                    let start = c * size
                    slots.base?[c] = body(items[start..<min(items.count, start + size)])
                }
            }
        }
        var out: [R] = []
        out.reserveCapacity(items.count)
        for p in parts { out.append(contentsOf: p) }
        return out
    }
}

extension ParallelMap {
    /// Runs `first` and `second` at once (`concurrentPerform` of two iterations, so the calling thread runs one of
    /// them, and both when no other thread is free: it never waits on a pool it belongs to), and returns when both
    /// have. With `workers` below 2, `first` then `second` on the calling thread. The two must not touch the same
    /// mutable state.
    static func both(workers: Int = ParallelMap.workers, _ first: () -> Void, _ second: () -> Void) {
        guard workers > 1 else {
            first()
            second()
            return
        }
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let pair = Pair(first: first, second: second)
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    if i == 0 { pair.first() } else { pair.second() }
                }
            }
        }
    }
}

/// The two jobs of `ParallelMap.both`, handed to `concurrentPerform`'s threads; each is run once, by one thread.
private struct Pair: @unchecked Sendable {
    let first: () -> Void
    let second: () -> Void
}

/// The chunks' result slots, handed to `concurrentPerform`'s threads: each thread writes only its own chunk's slot.
private struct Slots<R>: @unchecked Sendable {
    let base: UnsafeMutablePointer<[R]>?
}
