
/// A 64-bit FNV-1a hash of bytes: the same value on every run, machine and Swift version.
///
/// Swift's `Hasher` is seeded per process, so nothing that reaches output may use it. This
/// is for identifiers that must be stable and change when their input changes (a
/// Deployment's logical ID, a suffix that keeps two logical IDs apart), not for security.
public struct StableHash: Sendable {
    public internal(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public init(_ text: String) {
        combine(text)
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: $0) }
    }

    /// Feeds raw bytes: over a contiguous buffer the loop is a few instructions per byte,
    /// where iterating a `String`'s UTF-8 view costs several times that.
    public mutating func combine(bytes: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        value = hash
    }

    /// The hash as 16 lower-case hex digits, or the first `count` of them.
    public func hex(_ count: Int = 16) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for shift in stride(from: 60, through: 0, by: -4) {
            out.append(digits[Int((value >> UInt64(shift)) & 0xF)])
        }
        return String(out.prefix(count))
    }
}
