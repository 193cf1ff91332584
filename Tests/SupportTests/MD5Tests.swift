import Support
import Testing

/// RFC 1321's test suite (appendix A.5), and inputs around the 64-byte block and the
/// 56-byte padding boundary, against digests computed with Python's hashlib.
@Suite struct MD5Tests {
    static let vectors: [(String, String)] = [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
    ]

    @Test(arguments: vectors.indices)
    func givesRFC1321sDigests(index: Int) {
        let (input, digest) = Self.vectors[index]
        #expect(MD5.hex(Array(input.utf8)) == digest)
    }

    /// Lengths on each side of the padding boundary (56) and of the block (64).
    static let boundaries: [(Int, String)] = [
        (55, "04364420e25c512fd958a70738aa8f72"), (56, "668a72d5ba17f08e62dabcafad6db14b"),
        (63, "7dc2ca208106a2f703567bdff99d8981"), (64, "c1bb4f81d892b2d57947682aeb252456"),
        (65, "1bc932052302d074bdec39795fe00cf6"),
    ]

    @Test(arguments: boundaries.indices)
    func padsAtEveryBoundary(index: Int) {
        let (count, digest) = Self.boundaries[index]
        #expect(MD5.hex(Array(repeating: UInt8(ascii: "x"), count: count)) == digest)
    }

    @Test func readsInPiecesAsWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var md5 = MD5()
        md5.combine(bytes[..<55])
        md5.combine(bytes[55..<64])
        md5.combine(bytes[64...])
        #expect(md5.hex() == MD5.hex(bytes))
        #expect(md5.hex() == "bf38fd44dfb382df1a50ee14ad83c46c")
    }
}
