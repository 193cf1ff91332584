/// Where a writer's bytes go as they are produced: a string in memory, a file, a counter.
///
/// The writers fill a small buffer and hand it over here whenever it holds about 64 kB and
/// nothing in it will be looked at again, so a large document never exists twice (as a
/// buffer and as its destination), and an output streamed to a file is never whole in memory.
public protocol ByteSink: AnyObject {
    /// Takes the next bytes of the document, in order.
    func write(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// Collects a document as a `String`.
public final class TextSink: ByteSink {
    public private(set) var text = ""
    /// The bytes taken so far.
    public private(set) var count = 0

    public init() {}

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        count += bytes.count
        text.append(String(decoding: bytes, as: UTF8.self))
    }
}

/// The size of the slices writers hand to their sink.
let sliceBytes = 1 << 16

/// Hands a writer's buffer to its sink and empties it; with no sink (a part written on a
/// worker thread, handed over whole later, in document order) the bytes stay.
func handOver(_ buffer: inout [UInt8], to sink: ByteSink?) {
    guard let sink, !buffer.isEmpty else { return }
    buffer.withUnsafeBufferPointer { sink.write($0) }
    buffer.removeAll(keepingCapacity: true)
}
