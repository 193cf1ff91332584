import Plan

/// A cross-origin `fetch()` as a page writes it, after the browser has normalised the
/// method and dropped the headers pages may not set.
public struct BrowserRequest: Sendable, Equatable {
    /// The URL fetched, as it appears in console messages.
    public var url: String
    /// The page's origin, serialised (`https://app.example.com`).
    public var origin: String
    /// The method after Fetch's normalisation (`put` → `PUT`, `patch` stays).
    public var method: String
    /// The headers the page set and the browser keeps.
    public var headers: HeaderList
    /// `credentials: 'include'`: cookies go with the request, and the response must allow them.
    public var includesCredentials: Bool
    /// Headers the page tried to set that Fetch forbids, dropped silently.
    public var droppedHeaders: [String]

    /// Builds the request a page's `fetch(url, {method, headers, credentials})` sends.
    public init(url: String, origin: String, method: String, headers: [Mapped], includesCredentials: Bool) {
        self.url = url
        self.origin = origin
        self.method = FetchRules.normalizedMethod(method)
        self.includesCredentials = includesCredentials
        self.headers = HeaderList(headers.filter { !FetchRules.isForbiddenRequestHeader($0.name) })
        self.droppedHeaders = headers.filter { FetchRules.isForbiddenRequestHeader($0.name) }.map(\.name)
    }

    /// Why the request needs a preflight, one reason per method or header; empty when it
    /// does not. Credentials play no part in this.
    public var preflightReasons: [String] {
        var reasons: [String] = []
        if !FetchRules.isSafelistedMethod(method) { reasons.append("method \(method) is not CORS-safelisted") }
        for name in FetchRules.unsafeRequestHeaderNames(headers) {
            let isSafelistedName = ["accept", "accept-language", "content-language", "content-type", "range"].contains(name)
            reasons.append(
                isSafelistedName
                    ? "header \(name) has a value that is not CORS-safelisted"
                    : "header \(name) is not CORS-safelisted")
        }
        return reasons
    }

    /// The OPTIONS request the browser sends first, or `nil` when none is needed.
    public var preflight: PreflightRequest? {
        preflightReasons.isEmpty ? nil : PreflightRequest(for: self)
    }
}
