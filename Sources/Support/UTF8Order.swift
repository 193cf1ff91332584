#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether this string sorts before `other` byte by byte in UTF-8: the order resources,
    /// keywords and path parts are listed in, the same on every machine and locale.
    ///
    /// The bytes are compared with `memcmp` where they lie; going through the two
    /// `UTF8View`s one byte at a time was a fifth of building a large spec's resource tree.
    package func utf8Precedes(_ other: String) -> Bool {
        var a = self
        var b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = Swift.min(x.count, y.count)
                if common > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }
}
