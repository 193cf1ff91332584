/// The finished part of a document a writer is producing, filled from the writer's byte
/// buffer in slices of about 64 kB.
///
/// A writer appends bytes to a small buffer and hands it over here whenever it is full and
/// nothing in it will be looked at again, so a large document exists once, as the string
/// returned, and not also as a byte buffer of up to twice its size.
struct WrittenText {
    private var text = ""
    private static let sliceBytes = 1 << 16

    /// Takes the buffer's bytes once there are enough of them.
    mutating func takeIfFull(_ buffer: inout [UInt8]) {
        if buffer.count >= Self.sliceBytes { take(&buffer) }
    }

    /// The whole document: everything taken so far and the rest of the buffer.
    mutating func finish(_ buffer: inout [UInt8]) -> String {
        if text.isEmpty { return String(decoding: buffer, as: UTF8.self) }
        take(&buffer)
        return text
    }

    private mutating func take(_ buffer: inout [UInt8]) {
        text.append(String(decoding: buffer, as: UTF8.self))
        buffer.removeAll(keepingCapacity: true)
    }
}
