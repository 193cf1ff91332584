import Diagnostics

/// A difference between the source API and the regenerated one that the tool makes on
/// purpose, with the reason and the place in the source it concerns.
public struct MigrationFix: Sendable, Equatable {
    /// The kinds of change the tool makes on purpose; anything else is unexplained.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// `Vary: Origin` added where the answer depends on the request's Origin.
        case missingVary = "missing Vary"
        /// A static header value put in the single quotes API Gateway wants.
        case unquotedValue = "unquoted value"
        /// A CORS header list written without the spaces or in the tool's spelling.
        case headerValueSpelling = "header value spelling"
        /// CORS headers on API Gateway's own error responses.
        case gatewayResponseCORS = "CORS on gateway responses"
        /// No authorizer or API key on a preflight, which browsers send without credentials.
        case preflightAuthRemoved = "auth removed from OPTIONS"
        /// The CORS headers on every integration response of a method, not only some.
        case corsOnEveryResponse = "CORS headers on every response"
        /// A preflight where methods sent CORS headers but the resource had no OPTIONS.
        case preflightAdded = "preflight added"
        /// The preflight mock in the tool's form (request template, CONVERT_TO_TEXT).
        case preflightMock = "preflight mock regenerated"
        /// Several origins in one `Access-Control-Allow-Origin`, now matched one per request.
        case severalOrigins = "several origins matched per request"
        /// `Access-Control-Allow-Credentials` dropped beside the origin `*`.
        case wildcardCredentials = "credentials dropped beside *"
        /// A CORS header the integration response mapped, now declared in the method response.
        case undeclaredHeader = "mapped header declared"
        /// A path variable declared as a required request parameter, as OpenAPI wants.
        case pathParameterDeclared = "path parameter declared"
        /// A request header the methods send, added to their preflight's Allow-Headers.
        case requestHeaderAllowed = "request header allowed"
        /// A name of the source template the API refers to, now a template parameter.
        case referenceAsParameter = "reference made a template parameter"
        /// BAD_REQUEST_BODY or BAD_REQUEST_PARAMETERS answering a validator's refusal with its
        /// reason and CORS headers.
        case validationRefusalReadable = "validation refusal readable"
        /// Names that are not HTTP methods (SAM's `PARAMETERS`, `SUMMARY`) left out of a
        /// preflight's Allow-Methods.
        case notAMethod = "names that are not methods dropped"
        /// An HTTP API's OPTIONS route without authorization beside an `ANY` or `$default`
        /// route behind an authorizer, so API Gateway answers preflights from its CORS configuration.
        case preflightRouteAdded = "OPTIONS route added"
        /// A CORS header a proxy method's response declared and nothing mapped, no longer
        /// declared: API Gateway passes a proxy's response through as the backend sent it.
        case proxyHeaderDeclaration = "proxy method's CORS declaration dropped"
        /// The CORS headers of a method its preflight's Allow-Methods leaves out, dropped: the
        /// browser blocked every cross-origin call of it, so they only said it was meant for
        /// other origins.
        case sameOriginMethod = "CORS headers dropped from a method the preflight leaves out"
    }

    public var kind: Kind
    /// The difference this fix explains.
    public var difference: PlanDifference
    /// Why the tool makes it, in a sentence.
    public var reason: String
    /// Where in the source the changed element is written, when known.
    public var location: SourceLocation?
}
