/// The stable codes of the doctor's findings, documented in `docs/diagnostics.md`.
public enum DoctorCode {
    /// The API answers no CORS at all.
    public static let noCORS = "DOC000"
    /// A resource whose methods need a preflight has no OPTIONS method.
    public static let missingPreflight = "DOC001"
    /// An OPTIONS method behind an authorizer or an API key.
    public static let protectedPreflight = "DOC002"
    /// A static header value without single quotes.
    public static let unquotedValue = "DOC003"
    /// A mapped header, or an integration status, the method response does not declare.
    public static let undeclaredHeader = "DOC004"
    /// `Access-Control-Allow-Methods` omits a method the resource has.
    public static let methodNotAllowed = "DOC005"
    /// `Access-Control-Allow-Headers` omits a header the methods need.
    public static let headerNotAllowed = "DOC006"
    /// Several origins in one `Access-Control-Allow-Origin`.
    public static let severalOrigins = "DOC007"
    /// `Access-Control-Allow-Origin: *` with credentials.
    public static let wildcardWithCredentials = "DOC008"
    /// A dynamic `Access-Control-Allow-Origin` without `Vary: Origin`.
    public static let missingVary = "DOC009"
    /// A template that reads `$input.params('Origin')`.
    public static let originFromParams = "DOC010"
    /// A non-proxy method whose responses carry no `Access-Control-Allow-Origin`.
    public static let missingAllowOrigin = "DOC011"
    /// DEFAULT_4XX or DEFAULT_5XX without CORS headers.
    public static let gatewayResponseWithoutCORS = "DOC012"
    /// A `*/*` binary media type and a preflight without `CONVERT_TO_TEXT`.
    public static let binaryPreflight = "DOC013"
    /// A deployment CloudFormation will never take again.
    public static let staleDeployment = "DOC014"
    /// An API Gateway import rule no other code names: the import or the stack update fails.
    public static let importRule = "DOC015"

    /// Every code, in number order.
    public static let all = [
        noCORS, missingPreflight, protectedPreflight, unquotedValue, undeclaredHeader, methodNotAllowed, headerNotAllowed,
        severalOrigins, wildcardWithCredentials, missingVary, originFromParams, missingAllowOrigin,
        gatewayResponseWithoutCORS, binaryPreflight, staleDeployment, importRule,
    ]
}
