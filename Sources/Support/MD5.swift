#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// MD5 (RFC 1321) of bytes, as hex: what S3 gives as the `ETag` of an object uploaded in one
/// part without KMS encryption, which a template names to pin the file it deploys.
///
/// A checksum, not for security; written here rather than taken from a crypto package,
/// since it is this one function.
public struct MD5: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    public init() {}

    /// The digest of `bytes` as 32 lower-case hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        var md5 = MD5()
        md5.combine(bytes)
        return md5.hex()
    }

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            pending.append(byte)
            length &+= 1
            if pending.count == 64 {
                block(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The digest so far as hex; the value itself keeps taking bytes.
    public func hex() -> String {
        var copy = self
        let bits = length &* 8
        copy.pending.append(0x80)
        while copy.pending.count % 64 != 56 { copy.pending.append(0) }
        for shift in stride(from: 0, to: 64, by: 8) { copy.pending.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        for start in stride(from: 0, to: copy.pending.count, by: 64) { copy.block(Array(copy.pending[start..<start + 64])) }
        let digits = Array("0123456789abcdef")
        var out = ""
        for word in [copy.state.0, copy.state.1, copy.state.2, copy.state.3] {
            for byte in 0..<4 {
                let value = Int((word >> UInt32(8 * byte)) & 0xff)
                out.append(digits[value >> 4])
                out.append(digits[value & 0xf])
            }
        }
        return out
    }

    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    /// floor(2^32 × |sin(i + 1)|), the table RFC 1321 gives.
    private static let constants: [UInt32] = (0..<64).map { UInt32(truncatingIfNeeded: Int64((abs(sin(Double($0 + 1))) * 4_294_967_296).rounded(.down))) }

    private mutating func block(_ chunk: [UInt8]) {
        var words = [UInt32](repeating: 0, count: 16)
        for index in 0..<16 {
            words[index] = UInt32(chunk[4 * index]) | UInt32(chunk[4 * index + 1]) << 8 | UInt32(chunk[4 * index + 2]) << 16
                | UInt32(chunk[4 * index + 3]) << 24
        }
        var (a, b, c, d) = state
        for i in 0..<64 {
            var f: UInt32
            let g: Int
            switch i {
            case 0..<16: f = (b & c) | (~b & d); g = i
            case 16..<32: f = (d & b) | (~d & c); g = (5 * i + 1) % 16
            case 32..<48: f = b ^ c ^ d; g = (3 * i + 5) % 16
            default: f = c ^ (b | ~d); g = (7 * i) % 16
            }
            f = f &+ a &+ Self.constants[i] &+ words[g]
            a = d
            d = c
            c = b
            b = b &+ (f << Self.shifts[i] | f >> (32 - Self.shifts[i]))
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }
}
