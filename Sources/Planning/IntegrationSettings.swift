/// What backs the operations that carry no `x-amazon-apigateway-integration` of their own.
///
/// The default is `mock`: every operation answers from API Gateway itself with its first
/// success status, so `convert` works on a bare spec and the output deploys as written.
public struct IntegrationSettings: Sendable, Equatable {
    public enum Backend: Sendable, Equatable {
        /// API Gateway answers by itself with the operation's first 2XX status.
        case mock
        /// Every operation passes through to `baseURL` + its path, path variables mapped.
        case httpProxy(baseURL: String)
        /// Every operation invokes one Lambda function through the proxy integration. In
        /// CloudFormation output the ARN is a template parameter unless it is given here.
        case lambdaProxy(functionARN: String?)
    }

    public var backend: Backend
    /// The stage name the CloudFormation template offers as its parameter's default.
    public var stageName: String
    /// `--parameter` values for the names the spec's values leave open (`${lambda_arn}`,
    /// `!GetAtt ApiRole.Arn`, `${AWS::Region}`), by the spec's name or the template
    /// parameter's; a name given here is written out instead of becoming a parameter.
    public var parameterValues: [String: String]
    /// Who fills the placeholders left open: CloudFormation, or nobody (an OpenAPI output
    /// for import, where each must have a value).
    public var placeholders: PlaceholderResolution

    public init(
        backend: Backend = .mock, stageName: String = "v1", parameterValues: [String: String] = [:],
        placeholders: PlaceholderResolution = .cloudFormation
    ) {
        self.backend = backend
        self.stageName = stageName
        self.parameterValues = parameterValues
        self.placeholders = placeholders
    }
}
