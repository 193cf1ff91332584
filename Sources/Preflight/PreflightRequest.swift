import Plan

/// The OPTIONS request a browser sends before a request that is not CORS-safelisted
/// (Fetch "CORS-preflight fetch"): never with cookies or `Authorization`.
public struct PreflightRequest: Sendable, Equatable {
    public var url: String
    public var headers: HeaderList

    /// The preflight for `request`: `Origin`, `Access-Control-Request-Method`, and
    /// `Access-Control-Request-Headers` with the unsafe header names lower-cased, sorted
    /// and joined by commas without spaces.
    public init(for request: BrowserRequest) {
        url = request.url
        var headers = HeaderList()
        headers.append("Origin", request.origin)
        headers.append("Access-Control-Request-Method", request.method)
        let names = FetchRules.unsafeRequestHeaderNames(request.headers)
        if !names.isEmpty { headers.append("Access-Control-Request-Headers", names.joined(separator: ",")) }
        headers.append("Accept", "*/*")
        self.headers = headers
    }
}
