/// One entry of `allowOrigins`, normalised the way browsers serialise an origin.
///
/// A browser's `Origin` header is `scheme://host[:port]` with the scheme and host in lower
/// case and the scheme's default port left out. Entries are stored in exactly that form, so
/// matching an `Origin` header is a plain comparison of strings — the same comparison the
/// generated API Gateway template makes.
public enum OriginPattern: Sendable, Hashable, CustomStringConvertible {
    /// `*`: every origin, answered with a literal `*` (never with credentials).
    case any
    /// One origin, serialised: `https://app.example.com`, `http://localhost:3000`.
    case exact(String)
    /// `https://*.example.com`: any origin one DNS label below a parent domain.
    case subdomains(SubdomainPattern)

    public var description: String {
        switch self {
        case .any: "*"
        case .exact(let origin): origin
        case .subdomains(let pattern): pattern.description
        }
    }

    /// Whether the entry is `http://` on a host other than a loopback name or address.
    var isInsecure: Bool {
        let (scheme, host): (String, String) =
            switch self {
            case .any: ("", "")
            case .exact(let origin): Self.schemeAndHost(of: origin)
            case .subdomains(let p): (p.scheme, "x." + p.parentDomain)
            }
        guard scheme == "http" else { return false }
        return !(host == "localhost" || host.hasSuffix(".localhost") || host == "127.0.0.1" || host == "[::1]")
    }

    private static func schemeAndHost(of origin: String) -> (String, String) {
        guard let range = origin.firstRange(of: "://") else { return ("", "") }
        let scheme = String(origin[..<range.lowerBound])
        var host = origin[range.upperBound...]
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return (scheme, String(host))
    }
}

/// `scheme://*.parent[:port]`: the `*` stands for exactly one DNS label.
///
/// One label, not several: `https://*.example.com` accepts `https://app.example.com` but
/// neither `https://a.b.example.com` (deeper names are often handed to other teams or
/// customers) nor `https://example.com` itself (list it on its own if it should be allowed).
/// A label is what DNS host names allow and browsers send: 1 to 63 lower-case letters,
/// digits and hyphens, not starting or ending with a hyphen.
public struct SubdomainPattern: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// The domain below which one label may stand, lower case, at least two labels.
    public var parentDomain: String
    /// A port other than the scheme's default, or `nil`.
    public var port: Int?

    public init(scheme: String, parentDomain: String, port: Int? = nil) {
        self.scheme = scheme
        self.parentDomain = parentDomain
        self.port = port
    }

    /// What a matching `Origin` starts with: `https://`.
    public var prefix: String { scheme + "://" }

    /// What a matching `Origin` ends with: `.example.com`, or `.example.com:8443`.
    public var suffix: String { "." + parentDomain + (port.map { ":\($0)" } ?? "") }

    /// A whole-string regular expression (Java's `String.matches`, which API Gateway's
    /// templates use) accepting exactly the origins this pattern accepts.
    public var regularExpression: String {
        let escaped = suffix.map { c in c == "." ? "\\." : String(c) }.joined()
        return "\(scheme)://\(SubdomainPattern.labelExpression)\(escaped)"
    }

    /// One DNS label, as a regular expression.
    public static let labelExpression = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"

    /// Whether `origin`, as a browser sent it, is one label below the parent domain.
    public func matches(_ origin: String) -> Bool {
        guard origin.hasPrefix(prefix), origin.hasSuffix(suffix),
            origin.utf8.count > prefix.utf8.count + suffix.utf8.count
        else { return false }
        let label = origin.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
        return SubdomainPattern.isLabel(label)
    }

    /// Whether the bytes are one DNS label in the form browsers send.
    static func isLabel(_ bytes: some Collection<UInt8>) -> Bool {
        guard (1...63).contains(bytes.count), let first = bytes.first else { return false }
        var last = first
        for b in bytes {
            let allowed = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
            guard allowed else { return false }
            last = b
        }
        return first != 0x2D && last != 0x2D
    }

    public var description: String { "\(scheme)://*\(suffix)" }
}
