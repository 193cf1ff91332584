#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value computed on a thread of its own while the caller goes on, for work whose result
/// is needed only later (the model of a spec whose `$ref`s are still being checked, the
/// fingerprint the end of a template carries).
///
/// A thread of its own rather than a Dispatch queue: the caller may itself be one of
/// Dispatch's workers (`check --cases` converts on every core), and waiting there for a job
/// queued behind it must not depend on Dispatch starting another thread.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private var thread: pthread_t?
    /// Written once by the thread, read only after it is joined.
    private var result: Value?

    init(_ compute: @escaping @Sendable () -> Value) {
        // The thread holds the value until it is done, so an owner that lets go early does
        // not free what the thread writes to.
        let job = ThreadJob { self.result = compute() }
        if let started = job.start() {
            thread = started
        } else {
            // No thread to be had: compute it here, now.
            result = compute()
        }
    }

    /// A value already known, for callers that decide the work is too small for a thread.
    init(computedNow value: Value) {
        result = value
    }

    deinit {
        guard let thread else { return }
        // The last reference may be the thread's own, let go as it ends.
        if pthread_equal(thread, pthread_self()) != 0 {
            pthread_detach(thread)
        } else {
            pthread_join(thread, nil)
        }
    }

    /// The value, waiting for the thread if it is not done.
    var value: Value {
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
        return result!
    }
}

/// A closure run once on a new thread.
private final class ThreadJob {
    let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
    }

    /// Starts the thread; `nil` when the system has none to give.
    func start() -> pthread_t? {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<ThreadJob>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<ThreadJob>.fromOpaque(context).release()
            return nil
        }
        return thread
    }
}
