import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs independent jobs on several cores and hands the results back in input order.
///
/// Only the order of the results reaches the output, never the order the jobs finished
/// in, so a run with two workers prints exactly what a run with one prints.
public enum ParallelMap {
    /// The processors this process may run on; at least 1.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `transform` applied to every item, on up to `workers` threads at once.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], workers: Int, _ transform: @Sendable (Item) -> Result
    ) -> [Result] {
        let workers = max(1, min(workers, items.count))
        if workers == 1 { return items.map(transform) }
        let slots = Slots<Result>(count: items.count)
        defer { slots.deallocate() }
        if workers >= processorCount {
            // Dispatch hands iterations to idle threads one by one, so a slow item does not
            // hold up a queue of others behind it.
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                slots.store(transform(items[index]), at: index)
            }
        } else {
            // Fewer workers than cores: each takes every `workers`-th item.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: items.count, by: workers) {
                    slots.store(transform(items[index]), at: index)
                }
            }
        }
        return slots.results()
    }

    /// One result slot per item, each written by exactly one job before any is read.
    private final class Slots<Result>: @unchecked Sendable {
        private let buffer: UnsafeMutablePointer<Result>
        private let count: Int

        init(count: Int) {
            self.count = count
            buffer = .allocate(capacity: count)
        }

        func store(_ result: Result, at index: Int) {
            (buffer + index).initialize(to: result)
        }

        /// Moves every result out; call once, after every slot was stored.
        func results() -> [Result] {
            (0..<count).map { (buffer + $0).move() }
        }

        func deallocate() {
            buffer.deallocate()
        }
    }
}
