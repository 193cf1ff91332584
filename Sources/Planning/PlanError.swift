import Diagnostics

/// The stable diagnostic codes of the planner; `docs/diagnostics.md` lists each.
public enum PlanError {
    public static let integrationFieldDropped = DiagnosticCode(
        "PLAN001", .warning,
        "An `x-amazon-apigateway-integration` field the plan cannot carry; it is dropped.")
    public static let unknownIntegrationType = DiagnosticCode(
        "PLAN002", .error,
        "An integration type API Gateway's REST APIs do not have.")
    public static let alternativeSecurity = DiagnosticCode(
        "PLAN003", .warning,
        "A security requirement with more than one alternative; API Gateway applies one.")
    public static let schemeNotEnforced = DiagnosticCode(
        "PLAN004", .warning,
        "A security scheme API Gateway does not enforce (OAuth 2, HTTP bearer without an authorizer).")
    // PLAN005 was declared once and never reported; the number stays unused.
    public static let proxyNeedsBackendHeaders = DiagnosticCode(
        "PLAN006", .note,
        "A proxy integration, whose responses API Gateway cannot give CORS headers.")
}

extension PlanError {
    // PLAN007 (gateway responses without an origin under several origins with credentials)
    // became CORS029, said where the policy is read, with the choice it needs; retired.
}

extension PlanError {
    public static let repairedPathParameters = DiagnosticCode(
        "PLAN008", .note,
        "What a method's integration receives after `--repair` renamed its path variables.")
    public static let templateReadsSpecName = DiagnosticCode(
        "PLAN009", .warning,
        "A request template that reads a path parameter by the name `--repair` changed.")
}

extension PlanError {
    public static let requestHeaderAllowed = DiagnosticCode(
        "PLAN010", .note,
        "A request header a method sends, allowed by its preflight beyond the policy's list.")
    public static let gatewayResponseHeaderOverruled = DiagnosticCode(
        "PLAN011", .warning,
        "A CORS header of a gateway response the spec wrote, set as the policy says.")
    public static let placeholderParameter = DiagnosticCode(
        "PLAN020", .note,
        "A name a value refers to that the generated template does not define; it becomes a template parameter.")
    public static let placeholderWithoutValue = DiagnosticCode(
        "PLAN021", .error,
        "A placeholder or CloudFormation function in an OpenAPI output without a value.")
    public static let placeholderNameClash = DiagnosticCode(
        "PLAN022", .error,
        "Two names a value refers to that would become the same template parameter.")
    public static let unusedParameterValue = DiagnosticCode(
        "PLAN023", .warning,
        "A `--parameter` value for a name no value refers to.")
    public static let authorizerTypeNotREST = DiagnosticCode(
        "PLAN024", .error,
        "An authorizer whose type a REST API does not have (an HTTP API's `jwt`).")
    public static let unknownValidator = DiagnosticCode(
        "PLAN030", .error,
        "An `x-amazon-apigateway-request-validator` naming no validator of `x-amazon-apigateway-request-validators`.")
    public static let malformedValidator = DiagnosticCode(
        "PLAN031", .error,
        "An entry of `x-amazon-apigateway-request-validators` that is not a map of the two booleans API Gateway reads.")
    public static let bodyNotValidated = DiagnosticCode(
        "PLAN032", .note,
        "A request body a body validator cannot check: its content type is not JSON, or it has no schema.")
    public static let modelSchemaChanged = DiagnosticCode(
        "PLAN033", .note,
        "A schema keyword a model cannot carry, removed or rewritten, with what validation that loses.")
    public static let modelRenamed = DiagnosticCode(
        "PLAN034", .note,
        "A component schema whose model takes another name, API Gateway taking letters and digits only.")
    public static let unknownRoute = DiagnosticCode(
        "PLAN035", .warning,
        "A per-method stage setting for a method the API does not have; it is left out.")
    public static let privateWithoutEndpoints = DiagnosticCode(
        "PLAN036", .warning,
        "A PRIVATE API without vpcEndpointIds or a resource policy: nothing can call it.")
    public static let accessLogWithoutRole = DiagnosticCode(
        "PLAN037", .note,
        "Access or execution logs on a stage whose account may have no CloudWatch Logs role.")
    public static let keysWithoutPlan = DiagnosticCode(
        "PLAN038", .note,
        "Methods that require an API key, and no usage plan gives a key access to the stage.")
    public static let planWithoutKeyedMethods = DiagnosticCode(
        "PLAN039", .note,
        "Usage plans on an API none of whose methods requires an API key: their limits apply to no request.")
    public static let tooManyResourcesForAPI = DiagnosticCode(
        "PLAN040", .warning,
        "More resources than API Gateway's default quota per API (300, adjustable).")
    public static let tooManyAuthorizers = DiagnosticCode(
        "PLAN041", .warning,
        "More Lambda and Cognito authorizers than API Gateway's default quota per API (10, adjustable).")
    public static let mappingTemplateTooLarge = DiagnosticCode(
        "PLAN042", .error,
        "A mapping template larger than API Gateway takes (300 KB, not adjustable).")
    public static let modelsTooLarge = DiagnosticCode(
        "PLAN043", .error,
        "Models larger together than API Gateway takes for one API (400 KB, not adjustable).")
    public static let stageVariableQuota = DiagnosticCode(
        "PLAN044", .error,
        "More stage variables, or a longer name or value, than API Gateway takes (100, 64, 512; not adjustable).")
    public static let resourcePolicyTooLong = DiagnosticCode(
        "PLAN045", .warning,
        "A resource policy longer than API Gateway's default quota (8192 characters, adjustable).")
    public static let methodARNTooLong = DiagnosticCode(
        "PLAN046", .error,
        "A path whose method ARN is longer than API Gateway takes (1600 bytes, not adjustable).")
    public static let accessLogFormatTooLarge = DiagnosticCode(
        "PLAN047", .error,
        "An access log format larger than API Gateway takes (3 KB, not adjustable).")
    public static let integrationTimeoutQuota = DiagnosticCode(
        "PLAN048", .error,
        "An integration timeout outside 50 ms to 29 s: an error, or a warning where AWS raises the upper bound (regional and private APIs).",
        alsoAs: [.warning])
}

extension PlanError {
    public static let defaultRouteInREST = DiagnosticCode(
        "PLAN049", .error,
        "A `$default` path, an HTTP API's catch-all route, in a spec planned as a REST API.")
    public static let keptPreflightQuotedNames = DiagnosticCode(
        "PLAN051", .error,
        "A kept OPTIONS whose static Access-Control-Allow-Headers or -Allow-Methods quotes each name on its own, so browsers match none.")
    public static let mappedHeaderDeclared = DiagnosticCode(
        "PLAN050", .warning,
        "A header an integration response maps that the method response of its status does not declare: the output declares it.")
}

extension PlanError: DiagnosticDomain {
    public static let codes: [DiagnosticCode] = [
        integrationFieldDropped,
        unknownIntegrationType,
        alternativeSecurity,
        schemeNotEnforced,
        proxyNeedsBackendHeaders,
        repairedPathParameters,
        templateReadsSpecName,
        requestHeaderAllowed,
        gatewayResponseHeaderOverruled,
        placeholderParameter,
        placeholderWithoutValue,
        placeholderNameClash,
        unusedParameterValue,
        authorizerTypeNotREST,
        unknownValidator,
        malformedValidator,
        bodyNotValidated,
        modelSchemaChanged,
        modelRenamed,
        unknownRoute,
        privateWithoutEndpoints,
        accessLogWithoutRole,
        keysWithoutPlan,
        planWithoutKeyedMethods,
        tooManyResourcesForAPI,
        tooManyAuthorizers,
        mappingTemplateTooLarge,
        modelsTooLarge,
        stageVariableQuota,
        resourcePolicyTooLong,
        methodARNTooLong,
        accessLogFormatTooLarge,
        integrationTimeoutQuota,
        defaultRouteInREST,
        mappedHeaderDeclared,
        keptPreflightQuotedNames,
    ]
}
