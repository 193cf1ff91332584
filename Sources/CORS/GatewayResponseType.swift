/// The responses API Gateway (REST) produces itself, without reaching an integration.
///
/// This is the one list of valid types; the policy reader, the documentation test and the
/// planner all read it from here. Browsers only show these errors to a page when they
/// carry CORS headers, so the policy's `gatewayResponses` picks which of them get them.
public enum GatewayResponseType: String, Sendable, Hashable, CaseIterable, Comparable {
    case accessDenied = "ACCESS_DENIED"
    case apiConfigurationError = "API_CONFIGURATION_ERROR"
    case authorizerConfigurationError = "AUTHORIZER_CONFIGURATION_ERROR"
    case authorizerFailure = "AUTHORIZER_FAILURE"
    case badRequestParameters = "BAD_REQUEST_PARAMETERS"
    case badRequestBody = "BAD_REQUEST_BODY"
    case default4XX = "DEFAULT_4XX"
    case default5XX = "DEFAULT_5XX"
    case expiredToken = "EXPIRED_TOKEN"
    case integrationFailure = "INTEGRATION_FAILURE"
    case integrationTimeout = "INTEGRATION_TIMEOUT"
    case invalidAPIKey = "INVALID_API_KEY"
    case invalidSignature = "INVALID_SIGNATURE"
    case missingAuthenticationToken = "MISSING_AUTHENTICATION_TOKEN"
    case quotaExceeded = "QUOTA_EXCEEDED"
    case requestTooLarge = "REQUEST_TOO_LARGE"
    case resourceNotFound = "RESOURCE_NOT_FOUND"
    case throttled = "THROTTLED"
    case unauthorized = "UNAUTHORIZED"
    case unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    case wafFiltered = "WAF_FILTERED"

    /// The policy's default: the two catch-alls, which every other type falls back to
    /// unless the API customises that type on its own.
    public static let policyDefault: [GatewayResponseType] = [.default4XX, .default5XX]

    public static func < (lhs: GatewayResponseType, rhs: GatewayResponseType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
