/// The stable diagnostic codes of the planner; `docs/diagnostics.md` lists each.
public enum PlanError {
    /// An `x-amazon-apigateway-integration` field the plan cannot carry; it is dropped.
    public static let integrationFieldDropped = "PLAN001"
    /// An integration type API Gateway's REST APIs do not have.
    public static let unknownIntegrationType = "PLAN002"
    /// A security requirement with more than one alternative; API Gateway applies one.
    public static let alternativeSecurity = "PLAN003"
    /// A security scheme API Gateway does not enforce (OAuth 2, HTTP bearer without an authorizer).
    public static let schemeNotEnforced = "PLAN004"
    /// A status code API Gateway cannot declare as a method response (`2XX`, `default`).
    public static let responseNotDeclared = "PLAN005"
    /// A proxy integration, whose responses API Gateway cannot give CORS headers.
    public static let proxyNeedsBackendHeaders = "PLAN006"
}

extension PlanError {
    /// Gateway responses that cannot carry an allow-origin header under the policy.
    public static let gatewayResponseOrigin = "PLAN007"
}

extension PlanError {
    /// What a method's integration receives after `--repair` renamed its path variables.
    public static let repairedPathParameters = "PLAN008"
    /// A request template that reads a path parameter by the name `--repair` changed.
    public static let templateReadsSpecName = "PLAN009"
}

extension PlanError {
    /// A request header a method sends, allowed by its preflight beyond the policy's list.
    public static let requestHeaderAllowed = "PLAN010"
    /// A name a value refers to that the generated template does not define; it becomes a
    /// template parameter.
    public static let placeholderParameter = "PLAN020"
    /// A placeholder or CloudFormation function in an OpenAPI output without a value.
    public static let placeholderWithoutValue = "PLAN021"
    /// Two names a value refers to that would become the same template parameter.
    public static let placeholderNameClash = "PLAN022"
    /// A `--parameter` value for a name no value refers to.
    public static let unusedParameterValue = "PLAN023"
    /// An authorizer whose type a REST API does not have (an HTTP API's `jwt`).
    public static let authorizerTypeNotREST = "PLAN024"
}
