import YAML

/// The backend of a method (`x-amazon-apigateway-integration`, CloudFormation's
/// `Integration`).
///
/// Values that may hold CloudFormation intrinsics (`uri`, `credentials`) are kept as nodes,
/// so `!Sub arn:…${Fn.Arn}…` survives to either output.
public struct Integration: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case aws = "AWS"
        case awsProxy = "AWS_PROXY"
        case http = "HTTP"
        case httpProxy = "HTTP_PROXY"
        case mock = "MOCK"

        /// Proxy integrations pass the backend's response through: API Gateway cannot add
        /// headers to it, so CORS headers must come from the backend.
        public var isProxy: Bool { self == .awsProxy || self == .httpProxy }
    }

    public var kind: Kind
    public var uri: Node?
    /// The backend's verb; `POST` for every Lambda integration.
    public var httpMethod: String?
    /// `WHEN_NO_MATCH`, `WHEN_NO_TEMPLATES` or `NEVER`.
    public var passthroughBehavior: String?
    /// `CONVERT_TO_TEXT` or `CONVERT_TO_BINARY` for the request.
    public var contentHandling: String?
    /// Content type → mapping template, in order.
    public var requestTemplates: [Mapped]
    /// `integration.request.path.id` ← `method.request.path.id`, in order.
    public var requestParameters: [Mapped]
    public var responses: [IntegrationResponse]
    public var credentials: Node?
    public var timeoutInMillis: Int?
    public var connectionType: String?
    public var connectionID: Node?
    public var cacheKeyParameters: [String]
    public var cacheNamespace: String?
    /// An HTTP API's Lambda proxy event and response shape: `1.0` (a REST API's) or `2.0`;
    /// an HTTP proxy integration is always `1.0`. `nil` for a REST API.
    public var payloadFormatVersion: String?

    public init(
        kind: Kind, uri: Node? = nil, httpMethod: String? = nil, passthroughBehavior: String? = nil,
        contentHandling: String? = nil, requestTemplates: [Mapped] = [], requestParameters: [Mapped] = [],
        responses: [IntegrationResponse] = [], credentials: Node? = nil, timeoutInMillis: Int? = nil,
        connectionType: String? = nil, connectionID: Node? = nil, cacheKeyParameters: [String] = [],
        cacheNamespace: String? = nil, payloadFormatVersion: String? = nil
    ) {
        self.payloadFormatVersion = payloadFormatVersion
        self.kind = kind
        self.uri = uri
        self.httpMethod = httpMethod
        self.passthroughBehavior = passthroughBehavior
        self.contentHandling = contentHandling
        self.requestTemplates = requestTemplates
        self.requestParameters = requestParameters
        self.responses = responses
        self.credentials = credentials
        self.timeoutInMillis = timeoutInMillis
        self.connectionType = connectionType
        self.connectionID = connectionID
        self.cacheKeyParameters = cacheKeyParameters
        self.cacheNamespace = cacheNamespace
    }

    /// Whether the backend is a Lambda function (a URI with `:lambda:path/`, written as text
    /// or inside a CloudFormation function). API Gateway picks a Lambda's integration
    /// response by the function's error message, and any other AWS service's by the HTTP
    /// status it answers with.
    public var invokesLambda: Bool {
        guard kind == .aws || kind == .awsProxy, let uri else { return false }
        return Self.mentions(":lambda:path/", in: uri)
    }

    private static func mentions(_ text: String, in node: Node) -> Bool {
        switch node.content {
        case .scalar(let scalar): scalar.text.contains(text)
        case .sequence(let items): items.contains { mentions(text, in: $0) }
        case .mapping(let mapping): mapping.entries.contains { mentions(text, in: $0.value) }
        }
    }
}
