import YAML

/// The `AWS::ApiGateway::RestApi` itself.
public struct RestAPI: Sendable, Equatable {
    /// A node, because a spec inside a template may name the API with `!Sub`.
    public var name: Node
    public var description: Node?
    /// `*/*` here makes API Gateway treat every payload as binary, which is why preflight
    /// mocks need `contentHandling: CONVERT_TO_TEXT`.
    public var binaryMediaTypes: [String]
    /// `HEADER` (the `x-api-key` header) or `AUTHORIZER`.
    public var apiKeySource: String?
    public var minimumCompressionSize: Int?
    /// `EDGE`, `REGIONAL` or `PRIVATE`.
    public var endpointTypes: [String]
    /// The VPC endpoints a `PRIVATE` API is reached through.
    public var vpcEndpointIds: [String] = []
    /// The resource policy (an IAM policy document): who may invoke the API. A node, as
    /// specs write its `Resource` with `!Sub` and pseudo parameters.
    public var policy: Node?

    public init(
        name: Node, description: Node? = nil, binaryMediaTypes: [String] = [], apiKeySource: String? = nil,
        minimumCompressionSize: Int? = nil, endpointTypes: [String] = ["REGIONAL"], policy: Node? = nil
    ) {
        self.policy = policy
        self.name = name
        self.description = description
        self.binaryMediaTypes = binaryMediaTypes
        self.apiKeySource = apiKeySource
        self.minimumCompressionSize = minimumCompressionSize
        self.endpointTypes = endpointTypes
    }
}
