import YAML

/// A value computed on a thread of its own while the caller goes on, for work whose result
/// is needed only later (the model of a spec whose `$ref`s are still being checked, the
/// fingerprint the end of a template carries).
///
/// A thread of its own (`JoinableThread`) rather than a Dispatch queue: the caller may itself
/// be one of Dispatch's workers (`check --cases` converts on every core), and waiting there for
/// a job queued behind it must not depend on Dispatch starting another thread. The thread only
/// holds the slot it writes to, so whoever lets go of the value last joins it.
package final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    /// Written once by the thread, read only after it is joined.
    private final class Slot: @unchecked Sendable {
        var value: Value?
    }

    private let slot = Slot()
    private var thread: JoinableThread?

    package init(_ compute: @escaping @Sendable () -> Value) {
        let slot = slot
        thread = JoinableThread { slot.value = compute() }
        // No thread to be had: compute it here, now.
        if thread == nil { slot.value = compute() }
    }

    /// A value already known, for callers that decide the work is too small for a thread.
    package init(computedNow value: Value) {
        slot.value = value
    }

    deinit {
        thread.take()?.join()
    }

    /// The value, waiting for the thread if it is not done.
    package var value: Value {
        thread.take()?.join()
        return slot.value!
    }
}
