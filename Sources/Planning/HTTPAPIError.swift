import Diagnostics

/// The stable diagnostic codes of planning an HTTP API (`--api http`); `docs/diagnostics.md`
/// lists each. Each says what an HTTP API does not have and what happens instead.
public enum HTTPAPIError {
    public static let integrationType = DiagnosticCode(
        "HTTP001", .error,
        "An integration an HTTP API does not have (mock, AWS service, HTTP with mapping templates).")
    public static let alternativeSecurity = DiagnosticCode(
        "HTTP002", .error,
        "An operation with more than one security requirement, which the HTTP API import refuses.")
    public static let authorizerType = DiagnosticCode(
        "HTTP003", .error,
        "An authorizer an HTTP API does not have (TOKEN, or a Cognito user pool whose issuer cannot be told).")
    public static let jwtIncomplete = DiagnosticCode(
        "HTTP004", .error,
        "A JWT authorizer without an issuer or an audience.")
    public static let restOnlySetting = DiagnosticCode(
        "HTTP005", .error,
        "A settings-file key only a REST API has.")
    public static let restOnlyPart = DiagnosticCode(
        "HTTP006", .warning,
        "A part of the spec only a REST API uses (gateway responses, request validation, binary media types, mapping templates); not carried.")
    public static let restOnlyAccess = DiagnosticCode(
        "HTTP007", .error,
        "A resource policy or an edge or private endpoint, which an HTTP API does not have.")
    public static let corsRule = DiagnosticCode(
        "HTTP008", .error,
        "A CORS policy rule for some paths: an HTTP API has one CORS configuration for all of them.")
    public static let originPattern = DiagnosticCode(
        "HTTP009", .error,
        "An origin pattern (`https://*.example.com`), which an HTTP API's CORS configuration does not take.")
    public static let corsSettingIgnored = DiagnosticCode(
        "HTTP010", .warning,
        "A CORS policy setting an HTTP API has no place for (preflight status, gateway responses, existing OPTIONS).")
    public static let preflightRouteAdded = DiagnosticCode(
        "HTTP011", .note,
        "An unauthenticated OPTIONS route added beside a catch-all route that requires authorization.")
    public static let apiKeyNotEnforced = DiagnosticCode(
        "HTTP012", .warning,
        "An API key scheme, which an HTTP API does not enforce.")
    public static let integrationSetting = DiagnosticCode(
        "HTTP013", .error,
        "A payload format version or a timeout an HTTP API integration does not take.")
    public static let defaultRouteMethod = DiagnosticCode(
        "HTTP015", .error,
        "A `$default` path with a method of its own: the catch-all route answers every method (x-amazon-apigateway-any-method).")
    public static let identityHeaderAllowed = DiagnosticCode(
        "HTTP014", .note,
        "A request header a route sends, added to the CORS configuration's allowHeaders.")
}

extension HTTPAPIError: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        integrationType, alternativeSecurity, authorizerType, jwtIncomplete, restOnlySetting, restOnlyPart, restOnlyAccess,
        corsRule, originPattern, corsSettingIgnored, preflightRouteAdded, apiKeyNotEnforced, integrationSetting,
        identityHeaderAllowed, defaultRouteMethod,
    ]
}
