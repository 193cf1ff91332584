import YAML

/// A Lambda or Cognito authorizer methods may name.
public struct Authorizer: Sendable, Equatable {
    /// The name methods refer to (the security scheme's name in OpenAPI).
    public var name: String
    /// `TOKEN`, `REQUEST` or `COGNITO_USER_POOLS`.
    public var type: String
    public var authorizerURI: Node?
    public var credentials: Node?
    /// `method.request.header.Authorization`.
    public var identitySource: String?
    public var identityValidationExpression: String?
    public var resultTTLInSeconds: Int?
    public var providerARNs: [Node]

    public init(
        name: String, type: String, authorizerURI: Node? = nil, credentials: Node? = nil, identitySource: String? = nil,
        identityValidationExpression: String? = nil, resultTTLInSeconds: Int? = nil, providerARNs: [Node] = []
    ) {
        self.name = name
        self.type = type
        self.authorizerURI = authorizerURI
        self.credentials = credentials
        self.identitySource = identitySource
        self.identityValidationExpression = identityValidationExpression
        self.resultTTLInSeconds = resultTTLInSeconds
        self.providerARNs = providerARNs
    }
}

extension Authorizer {
    /// Where an authorizer of `type` reads the caller's identity when the OpenAPI document
    /// gives no `identitySource`: a token or Cognito authorizer reads the header its
    /// security scheme names (`name:`, `Authorization` when none), as the import does; a
    /// request authorizer has no default.
    public static func defaultIdentitySource(type: String, schemeHeader: String?) -> String? {
        guard type == "TOKEN" || type == "COGNITO_USER_POOLS" else { return nil }
        return "method.request.header.\(schemeHeader ?? "Authorization")"
    }
}
