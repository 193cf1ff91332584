#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded queue of event batches from the thread that parses to the thread that composes.
///
/// The producer may be at most `maxAhead` full batches ahead; past that it sleeps until the
/// composer takes one, so memory stays a few batches whatever the file's size. The composer
/// hands each batch back when it is done with it, and the producer refills it, so a read of
/// any length allocates only a handful of batches. Both sides sleep on a condition variable
/// while they wait: nothing spins, and an idle side leaves the core to the other.
///
/// A class with the lock and conditions in manually allocated memory, because pthread's
/// objects must not move; every field is read or written only while holding the lock, which
/// is what makes sharing it across the two threads sound.
final class YAMLEventChannel: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    /// Signalled when a full batch is queued.
    private let filled: UnsafeMutablePointer<pthread_cond_t>
    /// Signalled when a full batch is taken or the composer cancels.
    private let drained: UnsafeMutablePointer<pthread_cond_t>
    private let maxAhead: Int
    private var full: [YAMLEventBatch] = []
    private var spare: [YAMLEventBatch] = []
    private var isCancelled = false

    init(maxAhead: Int = 4) {
        self.maxAhead = maxAhead
        lock = .allocate(capacity: 1)
        filled = .allocate(capacity: 1)
        drained = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(filled, nil)
        pthread_cond_init(drained, nil)
        full.reserveCapacity(maxAhead)
    }

    deinit {
        pthread_cond_destroy(drained)
        pthread_cond_destroy(filled)
        pthread_mutex_destroy(lock)
        drained.deallocate()
        filled.deallocate()
        lock.deallocate()
    }

    /// Queues `batch` for the composer and replaces it with an empty one to fill next,
    /// waiting while `maxAhead` batches are already queued.
    ///
    /// - Returns: `false` when the composer has cancelled: the producer should stop.
    func send(_ batch: inout YAMLEventBatch) -> Bool {
        pthread_mutex_lock(lock)
        while full.count >= maxAhead && !isCancelled {
            pthread_cond_wait(drained, lock)
        }
        if isCancelled {
            pthread_mutex_unlock(lock)
            return false
        }
        full.append(batch)
        batch = spare.popLast() ?? YAMLEventBatch()
        pthread_cond_signal(filled)
        pthread_mutex_unlock(lock)
        return true
    }

    /// The next full batch, in the order sent, waiting until there is one. `used` is the
    /// batch the composer finished with, kept for the producer to refill.
    ///
    /// The producer always ends with a batch that carries `end`, so a composer that stops
    /// reading at that batch never waits for one that will not come.
    func receive(returning used: YAMLEventBatch?) -> YAMLEventBatch {
        pthread_mutex_lock(lock)
        if let used, spare.count < maxAhead {
            used.clear()
            spare.append(used)
        }
        while full.isEmpty {
            pthread_cond_wait(filled, lock)
        }
        let batch = full.removeFirst()
        pthread_cond_signal(drained)
        pthread_mutex_unlock(lock)
        return batch
    }

    /// Tells the producer to stop at its next hand-over and wakes it if it is waiting.
    func cancel() {
        pthread_mutex_lock(lock)
        isCancelled = true
        pthread_cond_broadcast(drained)
        pthread_mutex_unlock(lock)
    }
}
