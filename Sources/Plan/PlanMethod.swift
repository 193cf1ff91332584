/// One method of a resource: what API Gateway checks on the way in, the integration that
/// answers, and the responses it may send.
public struct PlanMethod: Sendable, Equatable {
    /// Why the method exists; preflights are the tool's own and follow stricter rules.
    public enum Role: String, Sendable, Equatable {
        /// An operation of the spec.
        case operation
        /// The OPTIONS mock the tool adds for CORS preflights.
        case preflight
        /// An OPTIONS operation the spec already defines, kept as written.
        case existingOptions
    }

    /// `GET`, `PUT`, …, `OPTIONS`, or `ANY`.
    public var httpMethod: String
    public var role: Role
    /// The spec's operationId, when it has one.
    public var operationName: String?
    public var authorization: Authorization
    public var apiKeyRequired: Bool
    /// Parameters API Gateway must know of, to map or require them.
    public var requestParameters: [RequestParameter]
    /// The request validator that checks this method's requests, by name; `nil` for none.
    public var requestValidator: String?
    /// The model each request content type is validated against: content type → model name.
    public var requestModels: [Mapped] = []
    public var integration: Integration
    public var methodResponses: [MethodResponse]
    /// The operation in `GatewayPlan.document` this method renders into; `nil` for methods
    /// the spec does not have (preflights), which the OpenAPI renderer adds.
    public var source: OperationSource?

    public init(
        httpMethod: String, role: Role = .operation, operationName: String? = nil,
        authorization: Authorization = .none, apiKeyRequired: Bool = false,
        requestParameters: [RequestParameter] = [], requestValidator: String? = nil, integration: Integration,
        methodResponses: [MethodResponse] = [], source: OperationSource? = nil
    ) {
        self.requestValidator = requestValidator
        self.httpMethod = httpMethod
        self.role = role
        self.operationName = operationName
        self.authorization = authorization
        self.apiKeyRequired = apiKeyRequired
        self.requestParameters = requestParameters
        self.integration = integration
        self.methodResponses = methodResponses
        self.source = source
    }

    public func methodResponse(_ statusCode: String) -> MethodResponse? {
        methodResponses.first { $0.statusCode == statusCode }
    }
}
