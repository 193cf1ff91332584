import Dispatch

/// A value computed on another thread while the caller goes on, for work whose result is
/// needed only later (a fingerprint that the end of a template carries).
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once by the background job, read only after `done` is waited for.
    private var result: Value?

    init(_ compute: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async {
            self.result = compute()
            self.done.leave()
        }
    }

    /// The value, waiting for it if it is not computed yet.
    var value: Value {
        done.wait()
        return result!
    }
}
