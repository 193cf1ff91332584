#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread that runs one closure, joined by `join()`.
///
/// pthread rather than Dispatch so that the reader can wait for the thread to have ended
/// (and to have stopped reading the caller's bytes) before it returns, and so that a caller
/// that is itself one of Dispatch's workers (`check --cases` converts on every core) never
/// waits for a job queued behind it. The layers' background work (BackgroundValue) uses it too.
public struct JoinableThread: ~Copyable {
    private let thread: pthread_t

    /// Starts `body` on a new thread, or returns `nil` when the system has no thread to give.
    public init?(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        #if canImport(Darwin)
        var created: pthread_t?
        let status = pthread_create(&created, nil, { context in
            Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
            return nil
        }, context)
        guard status == 0, let created else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            return nil
        }
        thread = created
        #else
        var created = pthread_t()
        let status = pthread_create(&created, nil, { context in
            guard let context else { return nil }
            Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            return nil
        }
        thread = created
        #endif
    }

    /// Waits for the thread to end.
    public func join() {
        pthread_join(thread, nil)
    }
}

/// The closure a `JoinableThread` runs, boxed so that it passes through pthread's `void *`.
private final class ThreadBody {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
