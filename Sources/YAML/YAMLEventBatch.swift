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
    /// One event without its bytes, in 24 bytes: the value (when `isValueStored`), the tag
    /// and the anchor follow the previous record's bytes on the arena, in that order.
    ///
    /// Lengths are 32-bit, which holds any length in an input the pipelined path accepts
    /// (`maxInputBytes`); small records halve what the two cores pass through memory.
    struct Record {
        var mark: Mark
        var valueLength: UInt32
        var tagCount: UInt32
        var anchorCount: UInt32
        var kind: YAMLEvent.Kind
        var style: ScalarStyle
        var flags: UInt8

        static let hasTag: UInt8 = 1
        static let hasAnchor: UInt8 = 2
        static let isValueStored: UInt8 = 4
    }

    /// The largest input whose events fit the records' 32-bit lengths; larger ones are read
    /// on one thread.
    static let maxInputBytes = Int(UInt32.max)

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
    /// How many events make this batch full, at most `eventCapacity`. The producer starts
    /// with small batches so that the composer starts soon, then doubles them.
    var eventLimit = eventCapacity

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

    var isFull: Bool { count >= eventLimit || arenaUsed >= Self.arenaCapacity }

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

    /// Copies an event in; the batch must not be full, and the input no larger than
    /// `maxInputBytes`. A scalar longer than `maxScalarBytes` keeps only its length: the
    /// composer refuses it by length before it looks at the bytes.
    @inline(__always)
    func append(_ event: YAMLEvent, maxScalarBytes: Int) {
        precondition(count < eventLimit, "append to a full batch")
        let isValueStored = event.valueLength <= maxScalarBytes
        let value = isValueStored ? event.value : UnsafeBufferPointer(start: nil, count: 0)
        var flags = isValueStored ? Record.isValueStored : 0
        if event.tag != nil { flags |= Record.hasTag }
        if event.anchor != nil { flags |= Record.hasAnchor }
        let tagCount = event.tag?.count ?? 0
        let anchorCount = event.anchor?.count ?? 0
        reserveArena(value.count + tagCount + anchorCount)
        copyToArena(value)
        if let tag = event.tag { copyToArena(tag) }
        if let anchor = event.anchor { copyToArena(anchor) }
        (records + count).initialize(
            to: Record(
                mark: event.mark, valueLength: UInt32(event.valueLength), tagCount: UInt32(tagCount),
                anchorCount: UInt32(anchorCount), kind: event.kind, style: event.style, flags: flags))
        count += 1
    }

    /// Calls `body` with each event in order, as views into this batch's arena.
    func forEachEvent(_ body: (YAMLEvent) throws -> Void) rethrows {
        var next = arena
        func take(_ length: UInt32) -> UnsafeBufferPointer<UInt8> {
            defer { next += Int(length) }
            return UnsafeBufferPointer(start: next, count: Int(length))
        }
        for i in 0..<count {
            let record = records[i]
            let value = take(record.flags & Record.isValueStored != 0 ? record.valueLength : 0)
            let tag = record.flags & Record.hasTag != 0 ? take(record.tagCount) : nil
            let anchor = record.flags & Record.hasAnchor != 0 ? take(record.anchorCount) : nil
            try body(
                YAMLEvent(
                    kind: record.kind, style: record.style, mark: record.mark, value: value,
                    valueLength: Int(record.valueLength), tag: tag, anchor: anchor))
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
