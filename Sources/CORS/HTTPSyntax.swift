/// The pieces of HTTP grammar the CORS policy checks values against.
package enum HTTPSyntax {
    /// Whether `name` is a field name: an RFC 9110 token, one or more of
    /// `!#$%&'*+-.^_`|~`, digits and ASCII letters.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(isTokenByte)
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }

    /// The methods API Gateway REST APIs route, in the order reports and `Allow-Methods`
    /// list them. `ANY` is API Gateway's catch-all, not a method a browser sends.
    static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// The method a spec or policy spelling stands for, upper case, or `nil` if API Gateway
    /// has no such method. Methods are matched without regard to case, as OpenAPI writes
    /// them in lower case and policies usually in upper case.
    static func canonicalMethod(_ text: String) -> String? {
        let upper = text.uppercased()
        return methods.contains(upper) ? upper : nil
    }

    /// Puts methods in the canonical order, without repeats.
    package static func sortedMethods(_ names: some Sequence<String>) -> [String] {
        let given = Array(names)
        return methods.filter { given.contains($0) }
    }
}
