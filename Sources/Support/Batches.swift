/// Runs a job over consecutive slices of `0..<count` on up to `workers` threads and hands
/// the results back in slice order.
///
/// Only the order of the slices reaches the caller, never the order the threads finished
/// in, so two workers give exactly what one gives when the job depends on its slice alone.
package enum Batches {
    /// `body` applied to `workers` (at most `count`) consecutive slices of `0..<count`, the
    /// results in slice order; one slice, on the calling thread, for one worker.
    package static func run<Result: Sendable>(
        count: Int, workers: Int, _ body: @Sendable (Range<Int>) -> Result
    ) -> [Result] {
        let workers = max(1, min(workers, count))
        if workers == 1 { return [body(0..<count)] }
        return ParallelMap.map(Array(0..<workers), workers: workers) { worker in
            body(slice(worker, of: workers, count: count))
        }
    }

    /// The `worker`th of `workers` near-equal consecutive slices of `0..<count`.
    package static func slice(_ worker: Int, of workers: Int, count: Int) -> Range<Int> {
        (count * worker / workers)..<(count * (worker + 1) / workers)
    }
}
