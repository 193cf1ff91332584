extension ScalarKind {
    /// Resolves a plain (unquoted) scalar by the YAML 1.2 core schema.
    ///
    /// - null: empty, `~`, `null`, `Null`, `NULL`
    /// - bool: `true`, `True`, `TRUE`, `false`, `False`, `FALSE`
    /// - int: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`
    /// - float: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` and `.nan`
    ///   in their three spellings
    /// - anything else is a string. YAML 1.1's `yes`, `on`, `0777` and `2001-12-14` are strings.
    ///
    /// Written over UTF-8 bytes with an early exit on the first byte, because it runs for
    /// every plain scalar of every document.
    public static func resolve(plain text: String) -> ScalarKind {
        var text = text
        return text.withUTF8 { resolve(plainUTF8: $0) }
    }

    static func resolve(plainUTF8 b: UnsafeBufferPointer<UInt8>) -> ScalarKind {
        let n = b.count
        if n == 0 { return .null }
        let first = b[0]
        switch first {
        case UInt8(ascii: "~"):
            return n == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return b.count == 4 && (equals(b, "null") || equals(b, "Null") || equals(b, "NULL")) ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return b.count == 4 && (equals(b, "true") || equals(b, "True") || equals(b, "TRUE")) ? .bool : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return b.count == 5 && (equals(b, "false") || equals(b, "False") || equals(b, "FALSE")) ? .bool : .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
            UInt8(ascii: "."):
            return resolveNumber(b)
        default:
            return .string
        }
    }

    /// Whether the bytes spell `word`; no array of candidates, since this runs per scalar.
    @inline(__always)
    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        word.utf8CodeUnitCount == b.count && memcmp(word.utf8Start, b.baseAddress!, b.count) == 0
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private static func resolveNumber(_ b: UnsafeBufferPointer<UInt8>) -> ScalarKind {
        let n = b.count
        // 0o and 0x forms take no sign in the core schema.
        if n > 2, b[0] == UInt8(ascii: "0") {
            if b[1] == UInt8(ascii: "o") {
                return b[2...].allSatisfy { $0 >= 48 && $0 <= 55 } ? .int : .string
            }
            if b[1] == UInt8(ascii: "x") {
                return b[2...].allSatisfy(isHexDigit) ? .int : .string
            }
        }
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        if i == n { return .string }
        // .inf / .nan
        if b[i] == UInt8(ascii: "."), i + 1 < n, !isDigit(b[i + 1]) {
            let rest = UnsafeBufferPointer(rebasing: b[(i + 1)...])
            if rest.count == 3, equals(rest, "inf") || equals(rest, "Inf") || equals(rest, "INF") { return .float }
            if i == 0, rest.count == 3, equals(rest, "nan") || equals(rest, "NaN") || equals(rest, "NAN") { return .float }
            return .string
        }
        var integerDigits = 0
        while i < n, isDigit(b[i]) { i += 1; integerDigits += 1 }
        if i == n { return integerDigits > 0 ? .int : .string }
        var fractionDigits = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, isDigit(b[i]) { i += 1; fractionDigits += 1 }
        } else if b[i] != UInt8(ascii: "e") && b[i] != UInt8(ascii: "E") {
            return .string
        }
        if integerDigits == 0 && fractionDigits == 0 { return .string }
        if i == n { return .float }
        guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return .string }
        // An exponent needs a mantissa with a digit before it: "1e3", ".5e1", "1.e2".
        i += 1
        if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        var exponentDigits = 0
        while i < n, isDigit(b[i]) { i += 1; exponentDigits += 1 }
        return (i == n && exponentDigits > 0) ? .float : .string
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
