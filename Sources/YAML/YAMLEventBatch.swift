import Diagnostics

/// A run of events copied out of libyaml into plain data, to hand from the parsing thread to
/// the composing thread.
///
/// libyaml frees an event's strings when the next one is parsed, so the pipelined reader
/// copies each event into a fixed-size record and its bytes (scalar, tag, anchor) onto one
/// byte arena. Both buffers are allocated once per batch and reused: an emptied batch goes
/// back to the producer and is filled again, so a read of any length allocates a handful of
/// batches, and copying an event in is a bounds check and a `memcpy`.
///
/// A class so that handing a batch over moves one reference and never copies or checks the
/// uniqueness of a buffer. Only one thread uses a batch at a time: the channel's lock orders
/// the producer's last write before the composer's first read, and back again.
final class YAMLEventBatch: @unchecked Sendable {
    /// One event without its bytes: those are `storedValueCount`, then `tagCount`, then
    /// `anchorCount` bytes on the arena from `arenaStart`. A count of -1 means no tag or anchor.
    struct Record {
        var kind: YAMLEvent.Kind
        var style: ScalarStyle
        var mark: Mark
        var arenaStart: Int
        var valueLength: Int
        var storedValueCount: Int
        var tagCount: Int
        var anchorCount: Int
    }

    /// What ended the stream, carried by the last batch.
    enum End {
        /// libyaml reached the end of the stream.
        case streamEnd
        /// libyaml stopped on an error, already turned into its diagnostic.
        case failure(Diagnostic)
    }

    /// Events per batch: large enough that handing a batch over (a lock and perhaps a wake-up)
    /// is noise, small enough that the composer starts soon after the parser.
    static let eventCapacity = 4_096
    /// Arena bytes past which a batch is handed over early, so that long scalars do not make
    /// batches large; an arena grown past twice this for one huge scalar is shrunk back.
    static let arenaCapacity = 256 << 10

    private let records: UnsafeMutablePointer<Record>
    private(set) var count = 0
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaAllocated: Int
    private var arenaUsed = 0
    /// Set on the batch that holds the last event; `nil` while more batches follow.
    var end: End?

    init() {
        records = .allocate(capacity: Self.eventCapacity)
        arenaAllocated = Self.arenaCapacity
        arena = .allocate(capacity: arenaAllocated)
    }

    deinit {
        // Records are plain data: nothing to deinitialize.
        records.deallocate()
        arena.deallocate()
    }

    var isFull: Bool { count == Self.eventCapacity || arenaUsed >= Self.arenaCapacity }

    /// Empties the batch for the next fill.
    func clear() {
        count = 0
        arenaUsed = 0
        end = nil
        if arenaAllocated > 2 * Self.arenaCapacity {
            arena.deallocate()
            arenaAllocated = Self.arenaCapacity
            arena = .allocate(capacity: arenaAllocated)
        }
    }

    /// Copies an event in; the batch must not be full. A scalar longer than `maxScalarBytes`
    /// keeps only its length: the composer refuses it by length before it looks at the bytes.
    func append(_ event: YAMLEvent, maxScalarBytes: Int) {
        precondition(count < Self.eventCapacity, "append to a full batch")
        let value = event.valueLength <= maxScalarBytes ? event.value : UnsafeBufferPointer(start: nil, count: 0)
        let start = arenaUsed
        reserveArena(value.count + (event.tag?.count ?? 0) + (event.anchor?.count ?? 0))
        copyToArena(value)
        if let tag = event.tag { copyToArena(tag) }
        if let anchor = event.anchor { copyToArena(anchor) }
        (records + count).initialize(
            to: Record(
                kind: event.kind, style: event.style, mark: event.mark, arenaStart: start,
                valueLength: event.valueLength, storedValueCount: value.count, tagCount: event.tag?.count ?? -1,
                anchorCount: event.anchor?.count ?? -1))
        count += 1
    }

    /// Calls `body` with each event in order, as views into this batch's arena.
    func forEachEvent(_ body: (YAMLEvent) throws -> Void) rethrows {
        for i in 0..<count {
            let record = records[i]
            var next = arena + record.arenaStart
            func take(_ length: Int) -> UnsafeBufferPointer<UInt8> {
                defer { next += length }
                return UnsafeBufferPointer(start: next, count: length)
            }
            let value = take(record.storedValueCount)
            let tag = record.tagCount < 0 ? nil : take(record.tagCount)
            let anchor = record.anchorCount < 0 ? nil : take(record.anchorCount)
            try body(
                YAMLEvent(
                    kind: record.kind, style: record.style, mark: record.mark, value: value,
                    valueLength: record.valueLength, tag: tag, anchor: anchor))
        }
    }

    private func reserveArena(_ extra: Int) {
        let needed = arenaUsed + extra
        guard needed > arenaAllocated else { return }
        let grown = max(needed, 2 * arenaAllocated)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.initialize(from: arena, count: arenaUsed)
        arena.deallocate()
        arena = bigger
        arenaAllocated = grown
    }

    @inline(__always)
    private func copyToArena(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        (arena + arenaUsed).initialize(from: base, count: bytes.count)
        arenaUsed += bytes.count
    }
}
