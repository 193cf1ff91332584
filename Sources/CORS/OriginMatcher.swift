/// Decides which `Origin` headers an `allowOrigins` list accepts, and describes that
/// decision in a form API Gateway's mapping templates can evaluate.
///
/// The matcher compares the header exactly as the browser sent it against the normalised
/// entries. It never lower-cases or trims the header first: browsers always send the
/// serialised form, so anything else (`https://APP.example.com`, a trailing dot, a default
/// port spelled out) did not come from a browser following the Fetch standard and is
/// refused. The generated template makes the same byte comparison, so what `allows(_:)`
/// predicts is what API Gateway answers.
public struct OriginMatcher: Sendable, Hashable {
    /// `*` was listed: every request gets `Access-Control-Allow-Origin: *`.
    public var allowsAnyOrigin: Bool
    /// Exact origins, serialised, in policy order without repeats.
    public var exactOrigins: [String]
    /// Subdomain patterns, in policy order without repeats.
    public var subdomainPatterns: [SubdomainPattern]

    public init(_ patterns: [OriginPattern]) {
        allowsAnyOrigin = false
        exactOrigins = []
        subdomainPatterns = []
        for pattern in patterns {
            switch pattern {
            case .any:
                allowsAnyOrigin = true
            case .exact(let origin):
                if !exactOrigins.contains(origin) { exactOrigins.append(origin) }
            case .subdomains(let p):
                if !subdomainPatterns.contains(p) { subdomainPatterns.append(p) }
            }
        }
    }

    /// Whether a request with this `Origin` header may read the response.
    public func allows(_ origin: String) -> Bool {
        if allowsAnyOrigin { return true }
        return exactOrigins.contains(origin) || subdomainPatterns.contains { $0.matches(origin) }
    }

    /// The `Access-Control-Allow-Origin` value API Gateway should answer for a request with
    /// this `Origin` header (`nil`: no header), or `nil` when the origin is not allowed.
    public func allowOriginHeader(forRequestOrigin origin: String?) -> String? {
        if allowsAnyOrigin { return "*" }
        guard let origin, allows(origin) else { return nil }
        return origin
    }

    /// Whether the answer depends on the request's `Origin`, so caches must see `Vary: Origin`.
    public var variesByOrigin: Bool { !allowsAnyOrigin }

    /// Whether a single static value can answer every allowed origin: `*`, or one exact
    /// origin and no pattern. Anything else needs the mapping template's comparison.
    public var staticAllowOrigin: String? {
        if allowsAnyOrigin { return "*" }
        if exactOrigins.count == 1, subdomainPatterns.isEmpty { return exactOrigins[0] }
        return nil
    }

    /// The entries in the form the policy file would spell them, for reports.
    public var descriptions: [String] {
        (allowsAnyOrigin ? ["*"] : []) + exactOrigins + subdomainPatterns.map(\.description)
    }
}
