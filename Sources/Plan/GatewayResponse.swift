/// One of API Gateway's own responses (a 403 for an unknown route, a 401 from an
/// authorizer, a 429, a 5XX) with the headers and body it is given.
///
/// Without CORS headers here, a browser reports these errors as CORS failures and the page
/// never sees the status.
public struct GatewayResponse: Sendable, Equatable {
    /// `DEFAULT_4XX`, `MISSING_AUTHENTICATION_TOKEN`, …
    public var type: String
    public var statusCode: String?
    /// `gatewayresponse.header.X` ← `'static'` or `method.request.header.Y`.
    public var responseParameters: [Mapped]
    public var responseTemplates: [Mapped]

    public init(type: String, statusCode: String? = nil, responseParameters: [Mapped] = [], responseTemplates: [Mapped] = []) {
        self.type = type
        self.statusCode = statusCode
        self.responseParameters = responseParameters
        self.responseTemplates = responseTemplates
    }

    /// Every response type API Gateway's REST APIs know, in the order AWS documents them.
    public static let knownTypes: [String] = [
        "ACCESS_DENIED", "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE",
        "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY", "DEFAULT_4XX", "DEFAULT_5XX", "EXPIRED_TOKEN",
        "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "INVALID_API_KEY", "INVALID_SIGNATURE",
        "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED", "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND", "THROTTLED",
        "UNAUTHORIZED", "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED",
    ]
}
