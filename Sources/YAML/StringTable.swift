#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The long strings of a document being read, each kept once.
///
/// A spec repeats its descriptions, `$ref`s and media types thousands of times, and each
/// string over 15 bytes is an allocation of its own; strings up to 15 bytes live inside the
/// `String` value and cost nothing to repeat. The reader asks this table for every longer
/// scalar, so a repeated one shares the first one's storage: less memory for the tree, and
/// fewer allocations while it is built.
struct StringTable {
    /// Inputs of at least this many bytes keep their long strings once; the same size from
    /// which the reader runs libyaml on a thread of its own, so the table's work is done
    /// while the composer would wait for events.
    static var inputSize: Int { YAMLReader.pipelineThreshold }

    /// Open addressing: `nil` is an empty slot. The capacity is a power of two, never more
    /// than half full.
    private var slots: [(hash: UInt64, text: String)?]
    private var count = 0

    init() {
        slots = Array(repeating: nil, count: 1024)
    }

    /// The string spelled `bytes`: the one kept when it was seen before, else a new one,
    /// kept from now on.
    mutating func string(for bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[index] {
            if slot.hash == hash, slot.text.utf8.count == bytes.count,
                slot.text.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
                    == true
            {
                return slot.text
            }
            index = (index + 1) & mask
        }
        let text = String(decoding: bytes, as: UTF8.self)
        slots[index] = (hash, text)
        count += 1
        if 2 * count > slots.count { grow() }
        return text
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: 2 * old.count)
        let mask = slots.count - 1
        for case let slot? in old {
            var index = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    /// A 64-bit hash of `bytes`, eight at a time.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        UnsafeRawBufferPointer(bytes).forEachLittleEndianWord { word in
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        return h ^ (h >> 29)
    }
}
