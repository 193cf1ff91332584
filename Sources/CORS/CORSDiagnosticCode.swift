
/// The stable diagnostic codes of the CORS policy file and its resolution against a spec.
///
/// `docs/cors-policy.md` shows an example of each. A code never changes meaning once
/// released; a new problem gets the next free number.
public enum CORSDiagnosticCode {
    /// A key the policy format does not have; the message suggests the nearest known key.
    public static let unknownKey = "CORS001"
    /// A value of the wrong kind: a string where a list belongs, `"true"` for a boolean.
    public static let wrongType = "CORS002"
    /// The wildcard origin together with `allowCredentials: true`; browsers refuse the pair.
    public static let wildcardWithCredentials = "CORS003"
    /// `*` listed beside other origins; API Gateway can answer only one or the other.
    public static let wildcardMixedWithOrigins = "CORS004"
    /// The literal origin `null`, which sandboxed frames and `file:` pages of any site send.
    public static let nullOrigin = "CORS005"
    /// An origin that is not what a browser sends: no scheme, a path, a query, a trailing
    /// slash, a user name, a bad port or host.
    public static let malformedOrigin = "CORS006"
    /// An origin pattern whose `*` could match a domain an attacker can register.
    public static let unsafeOriginPattern = "CORS007"
    /// A header name that is not an RFC 9110 token.
    public static let invalidHeaderName = "CORS008"
    /// A method API Gateway does not route.
    public static let unknownMethod = "CORS009"
    /// A max age below zero or too large to be a number of seconds.
    public static let invalidMaxAge = "CORS010"
    /// A gateway response type API Gateway does not have.
    public static let unknownGatewayResponse = "CORS011"
    /// A preflight status other than 204 or 200.
    public static let invalidPreflightStatus = "CORS012"
    /// An `existingOptions` value other than keep, replace or error.
    public static let invalidExistingOptions = "CORS013"
    /// A path glob that does not start with `/` or uses `*` inside a segment.
    public static let invalidPathGlob = "CORS014"
    /// A value wrapped in API Gateway's single quotes, as SAM templates write them.
    public static let quotedValue = "CORS015"
    /// A max age above Chromium's cap of 7200 seconds.
    public static let maxAgeAboveBrowserCap = "CORS016"
    /// `*` in allowed headers with credentials: it is then a literal name and never covers
    /// `Authorization`.
    public static let wildcardHeadersWithCredentials = "CORS017"
    /// `*` in exposed headers with credentials: it is then a literal name.
    public static let wildcardExposeWithCredentials = "CORS018"
    /// An `http://` origin that is not a loopback host.
    public static let insecureOrigin = "CORS019"
    /// The same origin, header, method, path or response type twice in one list.
    public static let duplicate = "CORS020"
    /// A rule's path glob that matches no path of the spec.
    public static let ruleMatchesNothing = "CORS021"
    /// A key that a rule cannot set: `gatewayResponses` (API-wide), or anything but
    /// `enabled: false` in a rule with `methods`.
    public static let keyNotAllowedInRule = "CORS022"
    /// A required key is missing or a required list is empty.
    public static let missingValue = "CORS023"
    /// `enabled: true` in a rule: CORS is on unless a rule turns it off, so it does nothing.
    public static let enabledHasNoEffect = "CORS024"
    /// A path that defines its own OPTIONS operation, kept as written (`existingOptions: keep`).
    public static let existingOptionsKept = "CORS025"
    /// A path that defines its own OPTIONS operation while the policy says `existingOptions: error`.
    public static let existingOptionsRefused = "CORS026"
    /// No policy file was given, so no CORS is added (printed once per run).
    public static let noPolicy = "CORS027"

    /// Every code, in number order, for documentation and coverage tests.
    public static let all = [
        unknownKey, wrongType, wildcardWithCredentials, wildcardMixedWithOrigins, nullOrigin, malformedOrigin,
        unsafeOriginPattern, invalidHeaderName, unknownMethod, invalidMaxAge, unknownGatewayResponse,
        invalidPreflightStatus, invalidExistingOptions, invalidPathGlob, quotedValue, maxAgeAboveBrowserCap,
        wildcardHeadersWithCredentials, wildcardExposeWithCredentials, insecureOrigin, duplicate, ruleMatchesNothing,
        keyNotAllowedInRule, missingValue, enabledHasNoEffect, existingOptionsKept, existingOptionsRefused, noPolicy,
    ]
}
