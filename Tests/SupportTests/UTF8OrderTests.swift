import Testing

import Support

/// The byte order names are sorted in, whatever the locale or Unicode's own order says.
@Suite struct UTF8OrderTests {
    @Test(arguments: [
        ("a", "b", true), ("b", "a", false), ("a", "a", false),
        ("Z", "a", true),  // capitals come first in bytes
        ("f", "é", true), ("é", "f", false),  // é is C3 A9, after every ASCII byte
        ("pet", "pets", true), ("pets", "pet", false),
        ("", "a", true), ("a", "", false), ("", "", false),
        ("{id}", "items", false), ("items", "{id}", true),
        ("a-much-longer-name-than-fifteen-bytes", "a-much-longer-name-than-fifteen-bytez", true),
    ])
    func sortsByBytes(a: String, b: String, precedes: Bool) {
        #expect(a.utf8Precedes(b) == precedes)
        #expect(a.utf8Precedes(b) == Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)))
    }
}
