import Plan

/// The browser's side of CORS: the Fetch standard's "CORS check" on every cross-origin
/// response and the checks of a "CORS-preflight fetch", in the order Chromium runs them so
/// that the first failure found is the one its console reports.
public enum BrowserCORS {
    /// Fetch "CORS check" (with Chromium's finer reasons): `nil` when the response may be
    /// read by a page on `origin`.
    public static func corsCheck(_ headers: HeaderList, origin: String, includesCredentials: Bool) -> CORSFailure? {
        guard let allowOrigin = headers.value("Access-Control-Allow-Origin") else { return .missingAllowOrigin }
        if allowOrigin == "*" {
            // `*` is a wildcard only for requests without credentials.
            return includesCredentials ? .wildcardOriginWithCredentials : nil
        }
        if allowOrigin != origin {
            if allowOrigin.contains(",") || allowOrigin.contains(" ") { return .multipleAllowOriginValues(allowOrigin) }
            if !looksLikeURL(allowOrigin) { return .invalidAllowOriginValue(allowOrigin) }
            return .allowOriginMismatch(allowOrigin)
        }
        if includesCredentials {
            // Exactly `true`, byte for byte: `True` or `"true"` fail.
            let allowCredentials = headers.value("Access-Control-Allow-Credentials")
            if allowCredentials != "true" { return .invalidAllowCredentials(allowCredentials ?? "") }
        }
        return nil
    }

    /// Whether a value parses as a URL with a scheme, the test Chromium uses to tell a
    /// wrong origin from a value that is no origin at all.
    static func looksLikeURL(_ value: String) -> Bool {
        guard let colon = value.firstIndex(of: ":") else { return false }
        let scheme = value[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
            && value.index(after: colon) < value.endIndex
    }

    /// Fetch "CORS-preflight fetch", steps after the response arrives: the CORS check, an
    /// ok status, then the method and the headers against `Access-Control-Allow-Methods`
    /// and `Access-Control-Allow-Headers`.
    public static func preflightCheck(
        status: Int, headers: HeaderList, request: BrowserRequest
    ) -> CORSFailure? {
        if let failure = corsCheck(headers, origin: request.origin, includesCredentials: request.includesCredentials) {
            return failure
        }
        guard (200...299).contains(status) else { return .preflightInvalidStatus(status) }
        var methods: [String] = []
        if let value = headers.value("Access-Control-Allow-Methods") {
            guard let list = FetchRules.extractTokenList(value) else { return .invalidAllowMethods(value) }
            methods = list
        }
        var names: [String] = []
        if let value = headers.value("Access-Control-Allow-Headers") {
            guard let list = FetchRules.extractTokenList(value) else { return .invalidAllowHeaders(value) }
            names = list
        }
        // Methods compare byte for byte: `put` in the list does not cover PUT, and `PATCH`
        // does not cover a request the page wrote as `patch`. `*` counts only without credentials.
        if !FetchRules.isSafelistedMethod(request.method), !methods.contains(request.method),
            request.includesCredentials || !methods.contains("*")
        {
            return .methodNotAllowed(request.method)
        }
        let listed = Set(names.map { $0.lowercased() })
        let wildcard = names.contains("*") && !request.includesCredentials
        // Authorization must be listed by name: `*` never covers it.
        for name in FetchRules.unsafeRequestHeaderNames(request.headers)
        where FetchRules.nonWildcardRequestHeaderNames.contains(name) && !listed.contains(name) {
            return .headerNotAllowed(name)
        }
        for name in FetchRules.unsafeRequestHeaderNames(request.headers) where !listed.contains(name) && !wildcard {
            return .headerNotAllowed(name)
        }
        return nil
    }

    /// Fetch "CORS-preflight cache": how long a browser keeps the answer. Without
    /// `Access-Control-Max-Age` the standard says 5 seconds; Chromium keeps at most 7200.
    public static func preflightCacheSeconds(_ headers: HeaderList) -> (seconds: Int, wasCapped: Bool) {
        guard let text = headers.value("Access-Control-Max-Age"), let value = Int(text), value >= 0 else { return (5, false) }
        return value > 7200 ? (7200, true) : (value, false)
    }
}
