import Diagnostics

/// The stable codes of the doctor's findings, documented in `docs/diagnostics.md`.
public enum DoctorCode {
    public static let noCORS = DiagnosticCode(
        "DOC000", .note,
        "The API answers no CORS at all.")
    public static let missingPreflight = DiagnosticCode(
        "DOC001", .error,
        "A resource whose methods need a preflight has no OPTIONS method.")
    public static let protectedPreflight = DiagnosticCode(
        "DOC002", .error,
        "An OPTIONS method behind an authorizer or an API key.")
    public static let unquotedValue = DiagnosticCode(
        "DOC003", .error,
        "A static header value without single quotes.")
    public static let undeclaredHeader = DiagnosticCode(
        "DOC004", .error,
        "A mapped header, or an integration status, the method response does not declare.")
    public static let methodNotAllowed = DiagnosticCode(
        "DOC005", .warning,
        "`Access-Control-Allow-Methods` omits a method the resource has.")
    public static let headerNotAllowed = DiagnosticCode(
        "DOC006", .error,
        "`Access-Control-Allow-Headers` omits a header the methods need.")
    public static let severalOrigins = DiagnosticCode(
        "DOC007", .error,
        "Several origins in one `Access-Control-Allow-Origin`.")
    public static let wildcardWithCredentials = DiagnosticCode(
        "DOC008", .error,
        "`Access-Control-Allow-Origin: *` with credentials.")
    public static let missingVary = DiagnosticCode(
        "DOC009", .warning,
        "A dynamic `Access-Control-Allow-Origin` without `Vary: Origin`.")
    public static let originFromParams = DiagnosticCode(
        "DOC010", .warning,
        "A template that reads `$input.params('Origin')`.")
    public static let missingAllowOrigin = DiagnosticCode(
        "DOC011", .error,
        "A non-proxy method whose responses carry no `Access-Control-Allow-Origin`.")
    public static let gatewayResponseWithoutCORS = DiagnosticCode(
        "DOC012", .warning,
        "DEFAULT_4XX or DEFAULT_5XX without CORS headers.")
    public static let binaryPreflight = DiagnosticCode(
        "DOC013", .error,
        "A `*/*` binary media type and a preflight without `CONVERT_TO_TEXT`.")
    public static let staleDeployment = DiagnosticCode(
        "DOC014", .warning,
        "A deployment CloudFormation will never take again.")
    public static let importRule = DiagnosticCode(
        "DOC015", .error,
        "An API Gateway import rule no other code names: the import or the stack update fails.")
    public static let validatedPreflight = DiagnosticCode(
        "DOC016", .error,
        "A preflight whose request validator requires parameters or a body a preflight never carries.")
    public static let validatorNeverPasses = DiagnosticCode(
        "DOC017", .error,
        "A request validator that requires a path parameter the resource's path has no variable for.")
    public static let refusalWithoutCORS = DiagnosticCode(
        "DOC018", .warning,
        "A validated method whose 400 (BAD_REQUEST_BODY or BAD_REQUEST_PARAMETERS) carries no Access-Control-Allow-Origin.")
    public static let ignoredBackendCORS = DiagnosticCode(
        "DOC019", .warning,
        "Backend CORS headers an HTTP API with a CORS configuration drops.")
    public static let preflightCaughtByAuthorizer = DiagnosticCode(
        "DOC020", .error,
        "An HTTP API's ANY or $default route behind an authorizer that takes the preflights.")
    /// DOC005's fault on a method whose own responses carry `Access-Control-Allow-Origin`:
    /// meant for other origins, yet the browser blocks every such call at the preflight. A
    /// code of its own rather than DOC005 as an error, so each code keeps one severity and a
    /// user can tell the certain fault from the one that may be on purpose.
    public static let allowedOriginMethodNotAllowed = DiagnosticCode(
        "DOC021", .error,
        "`Access-Control-Allow-Methods` omits a method whose responses carry `Access-Control-Allow-Origin`.")
}

extension DoctorCode: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        noCORS,
        missingPreflight,
        protectedPreflight,
        unquotedValue,
        undeclaredHeader,
        methodNotAllowed,
        headerNotAllowed,
        severalOrigins,
        wildcardWithCredentials,
        missingVary,
        originFromParams,
        missingAllowOrigin,
        gatewayResponseWithoutCORS,
        binaryPreflight,
        staleDeployment,
        importRule,
        validatedPreflight,
        validatorNeverPasses,
        refusalWithoutCORS,
        ignoredBackendCORS,
        preflightCaughtByAuthorizer,
        allowedOriginMethodNotAllowed,
    ]
}
