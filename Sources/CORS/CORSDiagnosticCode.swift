import Diagnostics


/// The stable diagnostic codes of the CORS policy file and its resolution against a spec.
///
/// `docs/cors-policy.md` shows an example of each. A code never changes meaning once
/// released; a new problem gets the next free number.
public enum CORSDiagnosticCode {
    public static let unknownKey = DiagnosticCode(
        "CORS001", .error,
        "A key the policy format does not have; the message suggests the nearest known key.")
    public static let wrongType = DiagnosticCode(
        "CORS002", .error,
        "A value of the wrong kind: a string where a list belongs, `\"true\"` for a boolean.")
    public static let wildcardWithCredentials = DiagnosticCode(
        "CORS003", .error,
        "The wildcard origin together with `allowCredentials: true`; browsers refuse the pair.")
    public static let wildcardMixedWithOrigins = DiagnosticCode(
        "CORS004", .error,
        "`*` listed beside other origins; API Gateway can answer only one or the other.")
    public static let nullOrigin = DiagnosticCode(
        "CORS005", .error,
        "The literal origin `null`, which sandboxed frames and `file:` pages of any site send.")
    public static let malformedOrigin = DiagnosticCode(
        "CORS006", .error,
        "An origin that is not what a browser sends: no scheme, a path, a query, a trailing slash, a user name, a bad port or host.")
    public static let unsafeOriginPattern = DiagnosticCode(
        "CORS007", .error,
        "An origin pattern whose `*` could match a domain an attacker can register.")
    public static let invalidHeaderName = DiagnosticCode(
        "CORS008", .error,
        "A header name that is not an RFC 9110 token.")
    public static let unknownMethod = DiagnosticCode(
        "CORS009", .error,
        "A method API Gateway does not route.")
    public static let invalidMaxAge = DiagnosticCode(
        "CORS010", .error,
        "A max age below zero or too large to be a number of seconds.")
    public static let unknownGatewayResponse = DiagnosticCode(
        "CORS011", .error,
        "A gateway response type API Gateway does not have.")
    public static let invalidPreflightStatus = DiagnosticCode(
        "CORS012", .error,
        "A preflight status other than 204 or 200.")
    public static let invalidExistingOptions = DiagnosticCode(
        "CORS013", .error,
        "An `existingOptions` value other than keep, replace or error.")
    public static let invalidPathGlob = DiagnosticCode(
        "CORS014", .error,
        "A path glob that does not start with `/` or uses `*` inside a segment.")
    public static let quotedValue = DiagnosticCode(
        "CORS015", .warning,
        "A value wrapped in API Gateway's single quotes, as SAM templates write them.")
    public static let maxAgeAboveBrowserCap = DiagnosticCode(
        "CORS016", .warning,
        "A max age above Chromium's cap of 7200 seconds.")
    public static let wildcardHeadersWithCredentials = DiagnosticCode(
        "CORS017", .warning,
        "`*` in allowed headers with credentials: it is then a literal name and never covers `Authorization`.")
    public static let wildcardExposeWithCredentials = DiagnosticCode(
        "CORS018", .warning,
        "`*` in exposed headers with credentials: it is then a literal name.")
    public static let insecureOrigin = DiagnosticCode(
        "CORS019", .warning,
        "An `http://` origin that is not a loopback host.")
    public static let duplicate = DiagnosticCode(
        "CORS020", .warning,
        "The same origin, header, method, path or response type twice in one list.")
    public static let ruleMatchesNothing = DiagnosticCode(
        "CORS021", .warning,
        "A rule's path glob that matches no path of the spec.")
    public static let keyNotAllowedInRule = DiagnosticCode(
        "CORS022", .error,
        "A key that a rule cannot set: `gatewayResponses` (API-wide), or anything but `enabled: false` in a rule with `methods`.")
    public static let missingValue = DiagnosticCode(
        "CORS023", .error,
        "A required key is missing or a required list is empty.")
    public static let enabledHasNoEffect = DiagnosticCode(
        "CORS024", .warning,
        "`enabled: true` in a rule: CORS is on unless a rule turns it off, so it does nothing.")
    public static let existingOptionsKept = DiagnosticCode(
        "CORS025", .warning,
        "A path that defines its own OPTIONS operation, kept as written (`existingOptions: keep`).")
    public static let existingOptionsRefused = DiagnosticCode(
        "CORS026", .error,
        "A path that defines its own OPTIONS operation while the policy says `existingOptions: error`.")
    public static let noPolicy = DiagnosticCode(
        "CORS027", .note,
        "No policy file was given, so no CORS is added (printed once per run).")

}

extension CORSDiagnosticCode {
    public static let gatewayResponseOriginNotAllowed = DiagnosticCode(
        "CORS028", .error,
        "A gatewayResponseOrigin that is not one origin the policy allows.")
    public static let gatewayResponsesWithoutOrigin = DiagnosticCode(
        "CORS029", .warning,
        "Several origins with credentials and no gatewayResponseOrigin: API Gateway's own errors reach no page.")
}

extension CORSDiagnosticCode: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        unknownKey,
        wrongType,
        wildcardWithCredentials,
        wildcardMixedWithOrigins,
        nullOrigin,
        malformedOrigin,
        unsafeOriginPattern,
        invalidHeaderName,
        unknownMethod,
        invalidMaxAge,
        unknownGatewayResponse,
        invalidPreflightStatus,
        invalidExistingOptions,
        invalidPathGlob,
        quotedValue,
        maxAgeAboveBrowserCap,
        wildcardHeadersWithCredentials,
        wildcardExposeWithCredentials,
        insecureOrigin,
        duplicate,
        ruleMatchesNothing,
        keyNotAllowedInRule,
        missingValue,
        enabledHasNoEffect,
        existingOptionsKept,
        existingOptionsRefused,
        noPolicy,
        gatewayResponseOriginNotAllowed,
        gatewayResponsesWithoutOrigin,
    ]
}
