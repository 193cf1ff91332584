extension UnsafeRawBufferPointer {
    /// Calls `body` with the bytes as little-endian 64-bit words, in order, the last one
    /// padded with zeros when the count is not a multiple of eight: how hashes of text take
    /// it eight bytes at a time, the same on every machine.
    @inlinable
    public func forEachLittleEndianWord(_ body: (UInt64) -> Void) {
        var offset = 0
        while offset + 8 <= count {
            body(UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        guard offset < count else { return }
        var last: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            last |= UInt64(self[offset]) << shift
            shift += 8
            offset += 1
        }
        body(last)
    }
}
