import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a job over consecutive slices of `0..<count` on up to `workers` threads and hands
/// the results back in slice order.
///
/// Only the order of the slices reaches the caller, never the order the threads finished
/// in, so two workers give exactly what one gives when the job depends on its slice alone.
enum Batches {
    /// The processors this process may run on; at least 1.
    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `body` applied to `workers` (at most `count`) consecutive slices of `0..<count`, the
    /// results in slice order; one slice, on the calling thread, for one worker.
    static func run<Result: Sendable>(
        count: Int, workers: Int, _ body: @Sendable (Range<Int>) -> Result
    ) -> [Result] {
        let workers = max(1, min(workers, count))
        if workers == 1 { return [body(0..<count)] }
        let slots = Slots<Result>(count: workers)
        defer { slots.deallocate() }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            slots.store(body(slice(worker, of: workers, count: count)), at: worker)
        }
        return slots.results()
    }

    /// The `worker`th of `workers` near-equal consecutive slices of `0..<count`.
    static func slice(_ worker: Int, of workers: Int, count: Int) -> Range<Int> {
        (count * worker / workers)..<(count * (worker + 1) / workers)
    }

    /// One result slot per slice, each written by exactly one thread before any is read.
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
