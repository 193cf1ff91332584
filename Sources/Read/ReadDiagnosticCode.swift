/// The stable diagnostic codes of the readers of existing API Gateway definitions.
///
/// Each is documented in `docs/diagnostics.md`; a code never changes meaning once released.
public enum ReadDiagnosticCode {
    /// The input is neither a CloudFormation template nor an OpenAPI document.
    public static let notADefinition = "READ001"
    /// A template without an `AWS::ApiGateway::RestApi` (or `AWS::Serverless::Api`).
    public static let noRestAPI = "READ002"
    /// A template with several REST APIs; the first is read.
    public static let severalRestAPIs = "READ003"
    /// A definition kept outside the template (`BodyS3Location`, `DefinitionUri`).
    public static let externalBody = "READ004"
    /// SAM's `Cors` property: SAM adds OPTIONS methods at deployment that the template does not show.
    public static let samCORS = "READ005"
    /// A CORS policy given with a definition, which already says what API Gateway holds.
    public static let policyWithDefinition = "READ006"
    /// A value that must be text holds a function that cannot be evaluated before deployment.
    public static let unresolvedValue = "READ010"
    /// A function refers to a name the template does not define.
    public static let undefinedReference = "READ011"
    /// A resource's `Condition` cannot be evaluated; the resource is read as if it exists.
    public static let unknownCondition = "READ012"
    /// A value of the wrong kind (a list where a mapping belongs, …); it is skipped.
    public static let malformed = "READ013"
    /// A resource whose `ParentId` leads to no resource of the API; it is skipped.
    public static let unknownParent = "READ020"
    /// A method whose `ResourceId` names no resource of the API; it is skipped.
    public static let unknownResource = "READ021"
    /// Two methods for one verb on one resource; the second is skipped.
    public static let duplicateMethod = "READ022"
    /// An operation without `x-amazon-apigateway-integration`; API Gateway's import refuses it.
    public static let missingIntegration = "READ023"
    /// An integration type API Gateway does not know; read as `MOCK`.
    public static let unknownIntegrationType = "READ024"
    /// A method names an authorizer or security scheme the definition does not define.
    public static let unknownAuthorizer = "READ025"

    /// Every code, in number order.
    public static let all = [
        notADefinition, noRestAPI, severalRestAPIs, externalBody, samCORS, unresolvedValue, undefinedReference, unknownCondition,
        malformed, unknownParent, unknownResource, duplicateMethod, missingIntegration, unknownIntegrationType,
        unknownAuthorizer,
    ]
}
