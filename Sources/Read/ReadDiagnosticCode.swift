import Diagnostics

/// The stable diagnostic codes of the readers of existing API Gateway definitions.
///
/// Each is documented in `docs/diagnostics.md`; a code never changes meaning once released.
public enum ReadDiagnosticCode {
    public static let notADefinition = DiagnosticCode(
        "READ001", .error,
        "The input is neither a CloudFormation template nor an OpenAPI document.")
    public static let noRestAPI = DiagnosticCode(
        "READ002", .error,
        "A template without an `AWS::ApiGateway::RestApi` (or `AWS::Serverless::Api`), nor an HTTP API (`AWS::ApiGatewayV2::Api`).")
    public static let severalRestAPIs = DiagnosticCode(
        "READ003", .warning,
        "A template with several REST APIs (or HTTP APIs), or HTTP APIs beside a REST API; the first REST API is read.")
    public static let externalBody = DiagnosticCode(
        "READ004", .warning,
        "A definition kept outside the template (`BodyS3Location`, `DefinitionUri`).")
    public static let samCORS = DiagnosticCode(
        "READ005", .warning,
        "SAM's `Cors` on a definition that is not read: the OPTIONS methods SAM adds are not seen.")
    // READ006 is the intake's (IntakeCode.policyWithDefinition): it is about what a command
    // was given, not about reading a definition.
    public static let unresolvedValue = DiagnosticCode(
        "READ010", .warning,
        "A value that must be text holds a function that cannot be evaluated before deployment.")
    public static let undefinedReference = DiagnosticCode(
        "READ011", .warning,
        "A function refers to a name the template does not define.")
    public static let unknownCondition = DiagnosticCode(
        "READ012", .warning,
        "A resource's `Condition` cannot be evaluated; the resource is read as if it exists.")
    public static let malformed = DiagnosticCode(
        "READ013", .warning,
        "A value of the wrong kind (a list where a mapping belongs, …); it is skipped.")
    public static let unknownParent = DiagnosticCode(
        "READ020", .warning,
        "A resource whose `ParentId` leads to no resource of the API; it is skipped.")
    public static let unknownResource = DiagnosticCode(
        "READ021", .warning,
        "A method whose `ResourceId` names no resource of the API; it is skipped.")
    public static let duplicateMethod = DiagnosticCode(
        "READ022", .warning,
        "Two methods for one verb on one resource; the second is skipped.")
    public static let missingIntegration = DiagnosticCode(
        "READ023", .warning,
        "An operation without `x-amazon-apigateway-integration`; API Gateway's import refuses it.")
    public static let unknownIntegrationType = DiagnosticCode(
        "READ024", .warning,
        "An integration type API Gateway does not know; read as `MOCK`.")
    public static let unknownAuthorizer = DiagnosticCode(
        "READ025", .warning,
        "A method names an authorizer or security scheme the definition does not define.")
    public static let unknownValidator = DiagnosticCode(
        "READ026", .warning,
        "A method names a request validator the definition does not define; read as none.")
    public static let samRefused = DiagnosticCode(
        "READ027", .warning,
        "Something SAM's transform refuses (an unknown key, an authorizer not defined, credentials with `*`); the stack fails to deploy.")
    public static let samNotRead = DiagnosticCode(
        "READ028", .warning,
        "A SAM property this reader does not model (`RequestModel`, `Auth` `ResourcePolicy` or `UsagePlan`); checks do not see it.")
    public static let samIgnored = DiagnosticCode(
        "READ029", .warning,
        "A SAM setting the transform drops without a word (a `DefaultAuthorizer` with no `Authorizers`); the deployed API lacks it.")
    public static let webSocketAPI = DiagnosticCode(
        "READ030", .error,
        "A template whose only API is a WebSocket API, which is neither an HTTP API nor a REST API.")
    public static let bodyWithCORSConfiguration = DiagnosticCode(
        "READ031", .warning,
        "An HTTP API with both a `Body` (or `BodyS3Location`) and a `CorsConfiguration`; the body's CORS is replaced.")
    public static let bodyWithRouteResources = DiagnosticCode(
        "READ032", .warning,
        "A `Route`, `Integration` or `Authorizer` resource for an HTTP API that has a `Body`; AWS does not support the mix, and the resource is not read.")
    public static let unsupportedHTTPIntegration = DiagnosticCode(
        "READ033", .warning,
        "An HTTP API integration other than a Lambda or HTTP proxy; the routes that use it are skipped.")
    public static let unknownRouteTarget = DiagnosticCode(
        "READ034", .warning,
        "An HTTP API route whose `Target` names no integration of the template; the route is skipped.")
    public static let samHTTPNotHeld = DiagnosticCode(
        "READ035", .warning,
        "A SAM HTTP API setting the transform deploys and a plan cannot hold (`RouteSettings`, `Domain`, `DisableExecuteApiEndpoint`); checks do not see it.")
}

extension ReadDiagnosticCode: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        notADefinition,
        noRestAPI,
        severalRestAPIs,
        externalBody,
        samCORS,
        unresolvedValue,
        undefinedReference,
        unknownCondition,
        malformed,
        unknownParent,
        unknownResource,
        duplicateMethod,
        missingIntegration,
        unknownIntegrationType,
        unknownAuthorizer,
        unknownValidator,
        samRefused,
        samNotRead,
        samIgnored,
        webSocketAPI,
        bodyWithCORSConfiguration,
        bodyWithRouteResources,
        unsupportedHTTPIntegration,
        unknownRouteTarget,
        samHTTPNotHeld,
    ]
}
