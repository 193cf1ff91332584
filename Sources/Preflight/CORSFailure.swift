import Plan

/// Why a browser refuses a cross-origin response, one case per check of the Fetch standard,
/// each printed the way Chromium's console prints it.
public enum CORSFailure: Sendable, Equatable {
    /// No `Access-Control-Allow-Origin` at all.
    case missingAllowOrigin
    /// A comma or space in `Access-Control-Allow-Origin`: several origins, or the header twice.
    case multipleAllowOriginValues(String)
    /// A value that is not an origin (`false`, `null`, a bare host name).
    case invalidAllowOriginValue(String)
    /// An origin other than the page's.
    case allowOriginMismatch(String)
    /// `*` for a request that includes credentials.
    case wildcardOriginWithCredentials
    /// `Access-Control-Allow-Credentials` other than exactly `true` for a credentialed request.
    case invalidAllowCredentials(String)
    /// A preflight answered with a status outside 200–299.
    case preflightInvalidStatus(Int)
    /// The method is neither safelisted nor listed in `Access-Control-Allow-Methods`.
    case methodNotAllowed(String)
    /// A request header (lower case) not listed in `Access-Control-Allow-Headers`.
    case headerNotAllowed(String)
    /// `Access-Control-Allow-Methods` is not a comma-separated list of tokens.
    case invalidAllowMethods(String)
    /// `Access-Control-Allow-Headers` is not a comma-separated list of tokens.
    case invalidAllowHeaders(String)

    /// The few words test tables and summaries use: `origin not allowed`, `method PUT not allowed`.
    public var summary: String {
        switch self {
        case .missingAllowOrigin: "no Access-Control-Allow-Origin"
        case .multipleAllowOriginValues: "several origins in Access-Control-Allow-Origin"
        case .invalidAllowOriginValue(let v): "Access-Control-Allow-Origin \(v) is not an origin"
        case .allowOriginMismatch: "origin not allowed"
        case .wildcardOriginWithCredentials: "credentials not allowed with *"
        case .invalidAllowCredentials: "credentials not allowed"
        case .preflightInvalidStatus(let status): "preflight status \(status)"
        case .methodNotAllowed(let m): "method \(m) not allowed"
        case .headerNotAllowed(let h): "header \(h) not allowed"
        case .invalidAllowMethods: "Access-Control-Allow-Methods unreadable"
        case .invalidAllowHeaders: "Access-Control-Allow-Headers unreadable"
        }
    }

    /// Whether Chromium puts "Response to preflight request doesn't pass access control
    /// check:" before the reason: it does for the origin, credentials and status checks of a
    /// preflight, not for the method and header checks, which name the preflight themselves.
    func takesPreflightPrefix() -> Bool {
        switch self {
        case .methodNotAllowed, .headerNotAllowed, .invalidAllowMethods, .invalidAllowHeaders: false
        default: true
        }
    }

    /// The reason as Chromium words it; `duringPreflight` selects the preflight form.
    public func chromiumReason(duringPreflight: Bool) -> String {
        // Chromium adds a hint about no-cors mode to failures of the actual response only.
        let opaqueHint = " If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."
        let validValueHint =
            " Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."
        let reason: String
        var hint = ""
        switch self {
        case .missingAllowOrigin:
            reason = "No 'Access-Control-Allow-Origin' header is present on the requested resource."
            hint = opaqueHint
        case .multipleAllowOriginValues(let value):
            reason = "The 'Access-Control-Allow-Origin' header contains multiple values '\(value)', but only one is allowed."
            hint = validValueHint
        case .invalidAllowOriginValue(let value):
            reason = "The 'Access-Control-Allow-Origin' header contains the invalid value '\(value)'."
            hint = validValueHint
        case .allowOriginMismatch(let value):
            reason = "The 'Access-Control-Allow-Origin' header has a value '\(value)' that is not equal to the supplied origin."
            hint = validValueHint
        case .wildcardOriginWithCredentials:
            reason =
                "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
        case .invalidAllowCredentials(let value):
            reason =
                "The value of the 'Access-Control-Allow-Credentials' header in the response is '\(value)' which must be 'true' when the request's credentials mode is 'include'."
        case .preflightInvalidStatus:
            reason = "It does not have HTTP ok status."
        case .methodNotAllowed(let method):
            reason = "Method \(method) is not allowed by Access-Control-Allow-Methods in preflight response."
        case .headerNotAllowed(let header):
            reason = "Request header field \(header) is not allowed by Access-Control-Allow-Headers in preflight response."
        case .invalidAllowMethods:
            reason = "Cannot parse Access-Control-Allow-Methods response header field in preflight response."
        case .invalidAllowHeaders:
            reason = "Cannot parse Access-Control-Allow-Headers response header field in preflight response."
        }
        if duringPreflight {
            return takesPreflightPrefix() ? "Response to preflight request doesn't pass access control check: " + reason : reason
        }
        return reason + hint
    }
}
